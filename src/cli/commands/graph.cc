// path, neighbours, central: questions answered on the in-memory graph.
#include <cstdio>
#include <map>

#include "cli/commands/commands.h"
#include "cli/database.h"
#include "cli/graph_loader.h"
#include "cli/present.h"
#include "cli/table.h"
#include "model/record_json.h"

namespace partnergraph::cli {
namespace {

// Entities and relations fetched once per command, for display only.
class PropertyCache {
 public:
  explicit PropertyCache(const Store& store) : store_(store) {}

  Result<const Entity*> EntityById(const std::string& id) {
    auto it = entities_.find(id);
    if (it == entities_.end()) {
      Result<Entity> entity = store_.GetEntity(id);
      if (!entity) return entity.error();
      it = entities_.emplace(id, std::move(*entity)).first;
    }
    return &it->second;
  }

  Result<const Relation*> RelationById(const std::string& id) {
    auto it = relations_.find(id);
    if (it == relations_.end()) {
      Result<Relation> relation = store_.GetRelation(id);
      if (!relation) return relation.error();
      it = relations_.emplace(id, std::move(*relation)).first;
    }
    return &it->second;
  }

 private:
  const Store& store_;
  std::map<std::string, Entity> entities_;
  std::map<std::string, Relation> relations_;
};

OrderedJson EdgeJson(const Relation& relation) {
  OrderedJson edge;
  edge["id"] = relation.id;
  edge["type"] = relation.type;
  edge["from"] = relation.from;
  edge["to"] = relation.to;
  if (!relation.title.empty()) edge["title"] = relation.title;
  if (!relation.since.empty()) edge["since"] = relation.since.ToString();
  if (!relation.until.empty()) edge["until"] = relation.until.ToString();
  if (relation.source) {
    edge["source"] = {{"doc", relation.source->doc}, {"quote", relation.source->quote}};
  }
  return edge;
}

}  // namespace

Status RunPath(const GlobalOptions& global, const PathCommandOptions& options, std::ostream& out) {
  Result<std::unique_ptr<Store>> opened = OpenForQuery(global);
  if (!opened) return opened.error();
  const Store& store = **opened;
  Result<Graph> graph = LoadGraph(store);
  if (!graph) return graph.error();
  Result<VertexIndex> from = ResolveVertex(store, *graph, options.from);
  if (!from) return from.error();
  Result<VertexIndex> to = ResolveVertex(store, *graph, options.to);
  if (!to) return to.error();
  Result<EdgeFilter> filter = ParseFilter(options.filter, graph->topology());
  if (!filter) return filter.error();

  PathOptions path_options;
  path_options.filter = *filter;
  path_options.directed = options.directed;
  path_options.max_hops = options.max_hops;
  path_options.all = options.all;
  path_options.max_paths = options.max_paths;
  Result<std::vector<Path>> paths = graph->ShortestPaths(*from, *to, path_options);
  if (!paths) return paths.error();

  const Topology& topology = graph->topology();
  PropertyCache cache(store);
  if (global.json) {
    OrderedJson list = OrderedJson::array();
    for (const Path& path : *paths) {
      OrderedJson nodes = OrderedJson::array();
      for (VertexIndex v : path.vertices) nodes.push_back(topology.vertex_ids[v]);
      OrderedJson edges = OrderedJson::array();
      for (EdgeIndex e : path.edges) {
        Result<const Relation*> relation = cache.RelationById(topology.edge_relation_ids[e]);
        if (!relation) return relation.error();
        edges.push_back(EdgeJson(**relation));
      }
      list.push_back({{"nodes", nodes}, {"edges", edges}});
    }
    out << OrderedJson{{"paths", list}}.dump(2) << '\n';
    return Status::Ok();
  }

  const std::string& from_id = topology.vertex_ids[*from];
  const std::string& to_id = topology.vertex_ids[*to];
  if (paths->empty()) {
    out << "No path from " << from_id << " to " << to_id;
    if (options.max_hops > 0) out << " within " << options.max_hops << " hops";
    out << " with these filters.\n";
    return Status::Ok();
  }
  for (size_t p = 0; p < paths->size(); ++p) {
    const Path& path = (*paths)[p];
    out << (paths->size() > 1
                ? "Path " + std::to_string(p + 1) + " of " + std::to_string(paths->size()) + ", "
                : std::string("Path, "))
        << path.edges.size() << (path.edges.size() == 1 ? " hop" : " hops") << ":\n";
    for (size_t i = 0; i < path.vertices.size(); ++i) {
      Result<const Entity*> entity = cache.EntityById(topology.vertex_ids[path.vertices[i]]);
      if (!entity) return entity.error();
      out << "  " << (*entity)->id << "  " << BothNames(**entity) << "  (" << (*entity)->kind
          << ")\n";
      if (i == path.edges.size()) break;
      Result<const Relation*> relation =
          cache.RelationById(topology.edge_relation_ids[path.edges[i]]);
      if (!relation) return relation.error();
      const Relation& r = **relation;
      const bool forward = r.from == topology.vertex_ids[path.vertices[i]];
      std::string hop = forward ? "    │ ──" + r.type + "──▶" : "    │ ◀──" + r.type + "──";
      for (const std::string& part : {Period(r), FormatAmount(r), r.title}) {
        if (!part.empty()) hop += "  " + part;
      }
      out << TruncateToWidth(hop, 160) << '\n';
      if (r.source) out << "    │   " << TruncateToWidth(SourceText(r), 150) << '\n';
    }
    if (p + 1 < paths->size()) out << '\n';
  }
  return Status::Ok();
}

Status RunNeighbours(const GlobalOptions& global, const NeighboursOptions& options,
                     std::ostream& out) {
  if (options.depth < 0) return Status::InvalidArgument("--depth must be 0 or more");
  Result<std::unique_ptr<Store>> opened = OpenForQuery(global);
  if (!opened) return opened.error();
  const Store& store = **opened;
  Result<Graph> graph = LoadGraph(store);
  if (!graph) return graph.error();
  Result<VertexIndex> start = ResolveVertex(store, *graph, options.entity);
  if (!start) return start.error();
  Result<EdgeFilter> filter = ParseFilter(options.filter, graph->topology());
  if (!filter) return filter.error();
  Result<Neighbourhood> hood = graph->Neighbours(*start, options.depth, *filter, options.directed);
  if (!hood) return hood.error();

  const Topology& topology = graph->topology();
  PropertyCache cache(store);
  if (global.json) {
    OrderedJson nodes = OrderedJson::array();
    for (const NeighbourVertex& n : hood->vertices) {
      Result<const Entity*> entity = cache.EntityById(topology.vertex_ids[n.vertex]);
      if (!entity) return entity.error();
      OrderedJson node = EntityToJson(**entity);
      node["depth"] = n.depth;
      nodes.push_back(node);
    }
    OrderedJson edges = OrderedJson::array();
    for (EdgeIndex e : hood->edges) {
      Result<const Relation*> relation = cache.RelationById(topology.edge_relation_ids[e]);
      if (!relation) return relation.error();
      edges.push_back(EdgeJson(**relation));
    }
    out << OrderedJson{{"nodes", nodes}, {"edges", edges}}.dump(2) << '\n';
    return Status::Ok();
  }
  Table nodes({"depth", "id", "kind", "name", "中文名"});
  nodes.SetMaxWidth(3, 60);
  for (const NeighbourVertex& n : hood->vertices) {
    Result<const Entity*> entity = cache.EntityById(topology.vertex_ids[n.vertex]);
    if (!entity) return entity.error();
    nodes.AddRow({std::to_string(n.depth), (*entity)->id, (*entity)->kind, (*entity)->name.en,
                  (*entity)->name.zh});
  }
  nodes.Print(out);
  out << '\n'
      << hood->vertices.size() << (hood->vertices.size() == 1 ? " entity and " : " entities and ")
      << hood->edges.size() << (hood->edges.size() == 1 ? " relation" : " relations") << " within "
      << options.depth << (options.depth == 1 ? " hop" : " hops") << " of "
      << topology.vertex_ids[*start] << ".\n";
  return Status::Ok();
}

Status RunCentral(const GlobalOptions& global, const CentralOptions& options, std::ostream& out) {
  Result<std::unique_ptr<Store>> opened = OpenForQuery(global);
  if (!opened) return opened.error();
  const Store& store = **opened;
  Result<Graph> graph = LoadGraph(store);
  if (!graph) return graph.error();
  Result<EdgeFilter> filter = ParseFilter(options.filter, graph->topology());
  if (!filter) return filter.error();
  Result<std::vector<CentralityScore>> computed = graph->Centrality(*filter, options.top);
  if (!computed) return computed.error();
  const std::vector<CentralityScore>& scores = *computed;
  const Topology& topology = graph->topology();
  if (global.json) {
    OrderedJson list = OrderedJson::array();
    for (const CentralityScore& score : scores) {
      list.push_back({{"id", topology.vertex_ids[score.vertex]},
                      {"betweenness", score.betweenness},
                      {"degree", score.degree}});
    }
    out << list.dump(2) << '\n';
    return Status::Ok();
  }
  PropertyCache cache(store);
  Table table({"rank", "id", "name", "betweenness", "degree"});
  table.SetMaxWidth(2, 60);
  for (size_t i = 0; i < scores.size(); ++i) {
    const std::string& id = topology.vertex_ids[scores[i].vertex];
    Result<const Entity*> entity = cache.EntityById(id);
    if (!entity) return entity.error();
    char betweenness[32];
    std::snprintf(betweenness, sizeof betweenness, "%.1f", scores[i].betweenness);
    table.AddRow({std::to_string(i + 1), id, (*entity)->DisplayName(), betweenness,
                  std::to_string(scores[i].degree)});
  }
  table.Print(out);
  out << "\nBetweenness: shortest paths between other pairs that pass through the entity "
         "(relations taken as undirected).\n";
  return Status::Ok();
}

}  // namespace partnergraph::cli
