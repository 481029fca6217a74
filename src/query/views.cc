#include "partnergraph/views.h"

#include <algorithm>
#include <optional>
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
  return InForceUnder(edge.since_first_day, edge.until_last_day, edge.reported_first_day,
                      filter.as_of, filter.dates);
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

// A title in English and in Chinese.
struct Title {
  std::string en;
  std::string zh;
};

// An entity's name in each language: the other's, then the id, when missing.
Result<Title> NameOf(const Store& store, const Topology& topology, VertexIndex v) {
  Result<Entity> entity = query::EntityAt(store, topology, v);
  if (!entity) return entity.error();
  const Name& name = entity->name;
  Title title{name.en.empty() ? name.zh : name.en, name.zh.empty() ? name.en : name.zh};
  if (title.en.empty()) title.en = title.zh = entity->id;
  return title;
}

// The title in the request's language(s), with the filters that narrow the
// view; the request's own title, when it has one, with them.
std::string TitleText(const Title& title, const ViewRequest& request) {
  Title filters;
  if (!request.types.empty()) {
    filters.en += " \xC2\xB7 types:";
    filters.zh += " \xC2\xB7 \xE7\xB1\xBB\xE5\x9E\x8B\xEF\xBC\x9A";  // 类型：
    for (size_t i = 0; i < request.types.size(); ++i) {
      filters.en += " " + request.types[i];
      filters.zh += (i == 0 ? "" : ", ") + request.types[i];
    }
  }
  if (!request.as_of.empty()) {
    filters.en += " \xC2\xB7 as of " + request.as_of.ToString();
    filters.zh += " \xC2\xB7 \xE6\x88\xAA\xE8\x87\xB3 " + request.as_of.ToString();  // 截至
  }
  if (!request.title.empty()) {
    return request.title + (request.lang == "zh" ? filters.zh : filters.en);
  }
  std::string en = title.en + filters.en;
  std::string zh = title.zh + filters.zh;
  if (request.lang == "zh") return zh;
  if (request.lang == "both" && en != zh) return en + "\n" + zh;
  return en;
}

}  // namespace

Result<GraphView> SelectView(const Store& store, const Graph& graph, const ViewRequest& request) {
  const Topology& topology = graph.topology();
  Result<EdgeFilter> filter =
      query::ResolveFilter(request.types, request.as_of, store.schema(), topology, request.dates);
  if (!filter) return filter.error();
  Status kinds = query::CheckKinds(request.kinds, store.schema());
  if (!kinds.ok()) return kinds;
  ViewAssembler view(store, topology, request);
  Title title;

  switch (request.kind) {
    case ViewKind::kWhole: {
      for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
        if (!Passes(*filter, topology.edges[e])) continue;
        view.AddEdge(e);
        view.AddVertex(topology.edges[e].from);
        view.AddVertex(topology.edges[e].to);
      }
      title = {
          "PartnerGraph: the whole network",
          "PartnerGraph\xEF\xBC\x9A\xE6\x95\xB4\xE4\xB8\xAA\xE7\xBD\x91\xE7\xBB\x9C"};  // ：整个网络
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
      Result<Title> name = NameOf(store, topology, *focus);
      if (!name) return name.error();
      const std::string depth = std::to_string(request.depth);
      title = {
          name->en + " and its partners within " + depth + (request.depth == 1 ? " hop" : " hops"),
          // 及其 N 步以内的伙伴
          name->zh + "\xE5\x8F\x8A\xE5\x85\xB6 " + depth +
              " \xE6\xAD\xA5\xE4\xBB\xA5\xE5\x86\x85\xE7\x9A\x84\xE4\xBC\x99\xE4\xBC\xB4"};
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
      Result<Title> start = NameOf(store, topology, *from);
      if (!start) return start.error();
      Result<Title> end = NameOf(store, topology, *to);
      if (!end) return end.error();
      title = {
          "How " + start->en + " is connected to " + end->en + (paths->empty() ? " (no path)" : ""),
          // A 如何与 B 相连（无路径）
          start->zh + "\xE5\xA6\x82\xE4\xBD\x95\xE4\xB8\x8E" + end->zh +
              "\xE7\x9B\xB8\xE8\xBF\x9E" +
              (paths->empty() ? "\xEF\xBC\x88\xE6\x97\xA0\xE8\xB7\xAF\xE5\xBE\x84\xEF\xBC\x89"
                              : "")};
      break;
    }
    case ViewKind::kFunding: {
      FundsOptions options;
      options.as_of = request.as_of;
      options.dates = request.dates;
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
      if (options.funder.empty()) {
        title = {"Who funds what",
                 "\xE8\xB0\x81\xE8\xB5\x84\xE5\x8A\xA9\xE4\xBB\x80\xE4\xB9\x88"};  // 谁资助什么
      } else {
        std::optional<VertexIndex> v = topology.FindVertex(options.funder);
        Title name{options.funder, options.funder};
        if (v) {
          Result<Title> found = NameOf(store, topology, *v);
          if (!found) return found.error();
          name = *found;
        }
        title = {"What " + name.en + " funds",
                 name.zh + "\xE8\xB5\x84\xE5\x8A\xA9\xE4\xBB\x80\xE4\xB9\x88"};  // 资助什么
      }
      break;
    }
  }
  Result<GraphView> built = view.Build(TitleText(title, request));
  if (built && request.kind == ViewKind::kFunding) built->funding_layout = true;
  if (built && request.kind == ViewKind::kAround) {
    Result<std::string> focus = ResolveEntity(store, request.focus);
    if (focus) built->center = *focus;
  }
  return built;
}

}  // namespace partnergraph
