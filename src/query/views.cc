#include "partnergraph/views.h"

#include <algorithm>
#include <set>

#include "partnergraph/query.h"
#include "partnergraph/spelling.h"

#include "query/filters.h"
#include "query/records.h"

namespace partnergraph {
namespace {

bool Passes(const EdgeFilter& filter, const TopologyEdge& edge) {
  if (!filter.types.empty() &&
      std::find(filter.types.begin(), filter.types.end(), edge.type) == filter.types.end()) {
    return false;
  }
  return InForceAt(edge.since_first_day, edge.until_last_day, filter.as_of);
}

// Collects the chosen vertices and edges, then fetches their properties once.
class ViewAssembler {
 public:
  ViewAssembler(const Store& store, const Topology& topology, const ViewRequest& request)
      : store_(store), topology_(topology), request_(request) {}

  void AddVertex(VertexIndex v) { vertices_.insert(v); }
  void AddEdge(EdgeIndex e) { edges_.insert(e); }
  void Highlight(const std::string& id) { highlighted_.insert(id); }
  void Keep(VertexIndex v) { kept_.insert(v); }  // exempt from the kind filter
  const std::set<VertexIndex>& vertices() const { return vertices_; }

  Result<GraphView> Build(std::string title) {
    GraphView view;
    view.title = std::move(title);
    std::set<VertexIndex> shown;
    for (VertexIndex v : vertices_) {
      if (KindAllowed(v)) shown.insert(v);
    }
    // Before any record is read: the cost of a view is in reading, writing
    // and above all laying out what it holds.
    if (request_.max_nodes != 0 && shown.size() > request_.max_nodes) {
      return Status::InvalidArgument(
          "the view has " + std::to_string(shown.size()) + " entities, more than --max-nodes " +
          std::to_string(request_.max_nodes) +
          "; narrow it (--depth, --types, --kinds, --as-of) or raise --max-nodes");
    }
    for (VertexIndex v : shown) {
      Result<Entity> entity = query::EntityAt(store_, topology_, v);
      if (!entity) return entity.error();
      view.entities.push_back(std::move(*entity));
    }
    for (EdgeIndex e : edges_) {
      const TopologyEdge& edge = topology_.edges[e];
      if (shown.count(edge.from) == 0 || shown.count(edge.to) == 0) continue;
      Result<Relation> relation = query::RelationAt(store_, topology_, e);
      if (!relation) return relation.error();
      view.relations.push_back(std::move(*relation));
    }
    view.highlighted = highlighted_;
    return view;
  }

 private:
  bool KindAllowed(VertexIndex v) const {
    if (request_.kinds.empty() || kept_.count(v) != 0) return true;
    const std::string& kind = topology_.kind_names[topology_.vertex_kinds[v]];
    return std::find(request_.kinds.begin(), request_.kinds.end(), kind) != request_.kinds.end();
  }

  const Store& store_;
  const Topology& topology_;
  const ViewRequest& request_;
  std::set<VertexIndex> vertices_;
  std::set<EdgeIndex> edges_;
  std::set<VertexIndex> kept_;
  std::set<std::string> highlighted_;
};

Result<VertexIndex> Vertex(const Store& store, const Topology& topology, const std::string& text) {
  Result<std::string> id = ResolveEntity(store, text);
  if (!id) return id.error();
  std::optional<VertexIndex> v = topology.FindVertex(*id);
  if (!v) return Status::Corruption("entity " + *id + " is missing from the graph index");
  return *v;
}

std::string DescribeFilters(const ViewRequest& request) {
  std::string text;
  if (!request.types.empty()) {
    text += " · types:";
    for (const std::string& type : request.types) text += " " + type;
  }
  if (!request.as_of.empty()) text += " · as of " + request.as_of.ToString();
  return text;
}

}  // namespace

Result<GraphView> SelectView(const Store& store, const Graph& graph, const ViewRequest& request) {
  const Topology& topology = graph.topology();
  Result<EdgeFilter> filter =
      query::ResolveFilter(request.types, request.as_of, store.schema(), topology);
  if (!filter) return filter.error();
  Status kinds = query::CheckKinds(request.kinds, store.schema());
  if (!kinds.ok()) return kinds;
  ViewAssembler view(store, topology, request);
  std::string title = request.title;

  switch (request.kind) {
    case ViewKind::kWhole: {
      for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
        if (!Passes(*filter, topology.edges[e])) continue;
        view.AddEdge(e);
        view.AddVertex(topology.edges[e].from);
        view.AddVertex(topology.edges[e].to);
      }
      if (title.empty()) title = "PartnerGraph: the whole network";
      break;
    }
    case ViewKind::kAround: {
      Result<VertexIndex> focus = Vertex(store, topology, request.focus);
      if (!focus) return focus.error();
      Result<Neighbourhood> hood = graph.Neighbours(*focus, request.depth, *filter);
      if (!hood) return hood.error();
      for (const NeighbourVertex& n : hood->vertices) view.AddVertex(n.vertex);
      for (EdgeIndex e : hood->edges) view.AddEdge(e);
      view.Keep(*focus);
      if (title.empty()) {
        title = topology.vertex_ids[*focus] + " and its partners within " +
                std::to_string(request.depth) + (request.depth == 1 ? " hop" : " hops");
      }
      break;
    }
    case ViewKind::kPath: {
      Result<VertexIndex> from = Vertex(store, topology, request.focus);
      if (!from) return from.error();
      Result<VertexIndex> to = Vertex(store, topology, request.target);
      if (!to) return to.error();
      PathOptions options;
      options.filter = *filter;
      options.all = true;
      Result<std::vector<Path>> paths = graph.ShortestPaths(*from, *to, options);
      if (!paths) return paths.error();
      for (const Path& path : *paths) {
        for (VertexIndex v : path.vertices) {
          view.AddVertex(v);
          view.Keep(v);
          view.Highlight(topology.vertex_ids[v]);
        }
        for (EdgeIndex e : path.edges) {
          view.AddEdge(e);
          view.Highlight(topology.edge_relation_ids[e]);
        }
      }
      // The ends' own partners give the path its context; hubs in the middle
      // would drown it, so they contribute nothing beyond the path.
      for (VertexIndex end : {*from, *to}) {
        Result<Neighbourhood> hood = graph.Neighbours(end, 1, *filter);
        if (!hood) return hood.error();
        size_t added = 0;
        for (const NeighbourVertex& n : hood->vertices) {
          if (n.depth == 1 && added < kPathContextPerEnd) {
            view.AddVertex(n.vertex);
            ++added;
          }
        }
        for (EdgeIndex e : hood->edges) view.AddEdge(e);
      }
      if (title.empty()) {
        title = "How " + topology.vertex_ids[*from] + " is connected to " +
                topology.vertex_ids[*to] +
                (paths->empty() ? std::string(" (no path)") : std::string());
      }
      break;
    }
    case ViewKind::kFunding: {
      FundsOptions options;
      options.as_of = request.as_of;
      options.through = true;
      if (!request.funder.empty()) {
        Result<std::string> funder = ResolveEntity(store, request.funder);
        if (!funder) return funder.error();
        options.funder = *funder;
      }
      Result<FundingReport> report = Funds(store, graph, options);
      if (!report) return report.error();
      std::set<std::string> relation_ids;
      for (const FundingFlow& flow : report->flows) {
        relation_ids.insert(flow.relation.id);
        for (const Relation& onward : flow.onward) relation_ids.insert(onward.id);
      }
      for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
        if (relation_ids.count(topology.edge_relation_ids[e]) == 0) continue;
        view.AddEdge(e);
        view.AddVertex(topology.edges[e].from);
        view.AddVertex(topology.edges[e].to);
      }
      if (title.empty()) {
        title = options.funder.empty() ? "Who funds what" : "What " + options.funder + " funds";
      }
      break;
    }
  }
  Result<GraphView> built = view.Build(title + DescribeFilters(request));
  if (built && request.kind == ViewKind::kFunding) built->funding_layout = true;
  if (built && request.kind == ViewKind::kAround) {
    Result<std::string> focus = ResolveEntity(store, request.focus);
    if (focus) built->center = *focus;
  }
  return built;
}

}  // namespace partnergraph
