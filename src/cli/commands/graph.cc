// path, neighbours, central: questions answered on the in-memory graph.
#include <cstdio>

#include "partnergraph/database.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/requests.h"
#include "cli/table.h"

namespace partnergraph::cli {

Status RunPath(const GlobalOptions& global, const PathCommandOptions& options, std::ostream& out) {
  Result<RelationFilter> filter = ParseFilter(options.filter);
  if (!filter) return filter.error();
  PathRequest request;
  request.from = options.from;
  request.to = options.to;
  request.filter = *filter;
  request.directed = options.directed;
  request.max_hops = options.max_hops;
  request.all = options.all;
  request.max_paths = options.max_paths;
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<PathResult> result = (*db)->Path(request);
  if (!result) return result.error();
  const std::vector<FoundPath>& paths = result->paths;

  if (global.json) {
    Json list = Json::array();
    for (const FoundPath& path : paths) {
      Json edges = Json::array();
      for (const Relation& relation : path.relations) edges.push_back(EdgeJson(relation));
      list.push_back({{"nodes", path.entity_ids}, {"edges", edges}});
    }
    PrintJson(Json{{"paths", list}}, out);
    return Status::Ok();
  }

  if (paths.empty()) {
    out << "No path from " << TerminalText(result->from_id) << " to "
        << TerminalText(result->to_id);
    if (options.max_hops) {
      out << " within " << *options.max_hops << (*options.max_hops == 1 ? " hop" : " hops");
    }
    out << " with these filters.\n";
    return Status::Ok();
  }
  for (size_t p = 0; p < paths.size(); ++p) {
    const FoundPath& path = paths[p];
    const size_t hops = path.relations.size();
    out << (paths.size() > 1
                ? "Path " + std::to_string(p + 1) + " of " + std::to_string(paths.size()) + ", "
                : std::string("Path, "))
        << hops << (hops == 1 ? " hop" : " hops") << ":\n";
    for (size_t i = 0; i < path.entity_ids.size(); ++i) {
      const Entity& entity = result->entities.at(path.entity_ids[i]);
      // What a record holds goes through TerminalText: a CR in a name would
      // let it overwrite its own line.
      out << "  " << TerminalText(entity.id) << "  " << TerminalText(BothNames(entity)) << "  ("
          << TerminalText(entity.kind) << ")\n";
      if (i == hops) break;
      const Relation& r = path.relations[i];
      const bool forward = r.from == path.entity_ids[i];
      std::string hop = forward ? "    │ ──" + r.type + "──▶" : "    │ ◀──" + r.type + "──";
      for (const std::string& part : {Period(r), AmountText(r), r.title}) {
        if (!part.empty()) hop += "  " + part;
      }
      out << TruncateToWidth(TerminalText(hop), 160) << '\n';
      if (r.source) out << "    │   " << TruncateToWidth(TerminalText(SourceText(r)), 150) << '\n';
    }
    if (p + 1 < paths.size()) out << '\n';
  }
  return Status::Ok();
}

Status RunNeighbours(const GlobalOptions& global, const NeighboursOptions& options,
                     std::ostream& out) {
  if (options.depth < 0) return Status::InvalidArgument("--depth must be 0 or more");
  Result<RelationFilter> filter = ParseFilter(options.filter);
  if (!filter) return filter.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  NeighboursRequest request;
  request.entity = options.entity;
  request.depth = options.depth;
  request.filter = *filter;
  request.directed = options.directed;
  Result<NeighbourhoodResult> hood = (*db)->Neighbours(request);
  if (!hood) return hood.error();

  if (global.json) {
    Json nodes = Json::array();
    for (const NeighbourEntity& n : hood->entities) {
      Json node = EntityJson(n.entity);
      node["depth"] = n.depth;
      nodes.push_back(node);
    }
    Json edges = Json::array();
    for (const Relation& relation : hood->relations) edges.push_back(EdgeJson(relation));
    PrintJson(Json{{"nodes", nodes}, {"edges", edges}}, out);
    return Status::Ok();
  }
  Table nodes({"depth", "id", "kind", "name", "中文名"});
  nodes.SetMaxWidth(3, 60);
  for (const NeighbourEntity& n : hood->entities) {
    nodes.AddRow(
        {std::to_string(n.depth), n.entity.id, n.entity.kind, n.entity.name.en, n.entity.name.zh});
  }
  nodes.Print(out);
  const size_t entities = hood->entities.size();
  const size_t relations = hood->relations.size();
  out << '\n'
      << entities << (entities == 1 ? " entity and " : " entities and ") << relations
      << (relations == 1 ? " relation" : " relations") << " within " << options.depth
      << (options.depth == 1 ? " hop" : " hops") << " of " << hood->start_id << ".\n";
  return Status::Ok();
}

Status RunCentral(const GlobalOptions& global, const CentralOptions& options, std::ostream& out) {
  Result<RelationFilter> filter = ParseFilter(options.filter);
  if (!filter) return filter.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<std::vector<CentralEntity>> scores = (*db)->Central({*filter, options.top});
  if (!scores) return scores.error();
  if (global.json) {
    Json list = Json::array();
    for (const CentralEntity& score : *scores) {
      list.push_back(
          {{"id", score.entity.id}, {"betweenness", score.betweenness}, {"degree", score.degree}});
    }
    PrintJson(list, out);
    return Status::Ok();
  }
  Table table({"rank", "id", "name", "betweenness", "degree"});
  table.SetMaxWidth(2, 60);
  for (size_t i = 0; i < scores->size(); ++i) {
    const CentralEntity& score = (*scores)[i];
    char betweenness[32];
    std::snprintf(betweenness, sizeof betweenness, "%.1f", score.betweenness);
    table.AddRow({std::to_string(i + 1), score.entity.id, score.entity.DisplayName(), betweenness,
                  std::to_string(score.degree)});
  }
  table.Print(out);
  out << "\nBetweenness: shortest paths between other pairs that pass through the entity "
         "(relations taken as undirected).\n";
  return Status::Ok();
}

}  // namespace partnergraph::cli
