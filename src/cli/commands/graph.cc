// path, neighbours, central: questions answered on the in-memory graph.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>

#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/progress_bar.h"
#include "cli/requests.h"
#include "cli/table.h"
#include "cli/usage.h"

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
  if (Status s = CheckTypeList((*db)->schema(), request.filter.types); !s.ok()) return s;
  Result<PathResult> result = (*db)->Path(request);
  if (!result) return result.error();
  LoadSourceNames(**db);
  const std::vector<FoundPath>& paths = result->paths;
  Result<DatingCounts> dating = NoteDating(**db, request.filter);
  if (!dating) return dating.error();

  if (global.json) {
    std::ostringstream document;
    WritePathJson(*result, document);
    out << WithDating(document.str(), request.filter.as_of, request.filter.dates, *dating);
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
  // Each entity's line and each relation's lines are made once: 100000
  // paths of 40 hops may share a few dozen of them. What a record holds goes
  // through TerminalText: a CR in a name would let it overwrite its own line.
  std::vector<std::string> entity_lines;
  entity_lines.reserve(result->entities.size());
  for (const Entity& entity : result->entities) {
    entity_lines.push_back("  " + TerminalText(entity.id) + "  " + TerminalText(BothNames(entity)) +
                           "  (" + TerminalText(entity.kind) + ")\n");
  }
  struct HopLines {
    std::string forward;   // from the entity before the hop to the one after
    std::string backward;  // the other way
  };
  std::vector<HopLines> hop_lines;
  hop_lines.reserve(result->relations.size());
  for (const Relation& r : result->relations) {
    std::string details;
    for (const std::string& part : {Period(r), AmountText(r), What(r)}) {
      if (!part.empty()) details += "  " + part;
    }
    std::string source;
    if (options.long_format) {
      source = LongLines(r, "    │   ");
    } else if (r.source) {
      source = "    │   " + TruncateToWidth(TerminalText(SourceText(r)), 150) + "\n";
    }
    auto line = [&](const std::string& arrow) {
      std::string text = TruncateToWidth(TerminalText(arrow + details), 160);
      text += '\n';
      text += source;
      return text;
    };
    hop_lines.push_back({line("    │ ──" + r.type + "──▶"), line("    │ ◀──" + r.type + "──")});
  }
  for (size_t p = 0; p < paths.size(); ++p) {
    const FoundPath& path = paths[p];
    const size_t hops = path.relations.size();
    out << (paths.size() > 1
                ? "Path " + std::to_string(p + 1) + " of " + std::to_string(paths.size()) + ", "
                : std::string("Path, "))
        << hops << (hops == 1 ? " hop" : " hops") << ":\n";
    for (size_t i = 0; i < path.entities.size(); ++i) {
      out << entity_lines[path.entities[i]];
      if (i == hops) break;
      const bool forward = result->RelationOf(path, i).from == result->EntityOf(path, i).id;
      const HopLines& lines = hop_lines[path.relations[i]];
      out << (forward ? lines.forward : lines.backward);
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
  Result<DateWindow> began = ParseDateWindow(options.began_between, "--began-between");
  if (!began) return began.error();
  filter->began_between = *began;
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (Status s = CheckTypeList((*db)->schema(), filter->types); !s.ok()) return s;
  NeighboursRequest request;
  request.entity = options.entity;
  request.depth = options.depth;
  request.filter = *filter;
  request.directed = options.directed;
  Result<NeighbourhoodResult> hood = (*db)->Neighbours(request);
  if (!hood) return hood.error();
  LoadSourceNames(**db);
  Result<DatingCounts> dating = NoteDating(**db, request.filter);
  if (!dating) return dating.error();

  // --kinds keeps entities of those kinds (and the start), and the relations
  // among the entities kept.
  Result<std::vector<std::string>> kinds = CheckKinds((*db)->schema(), options.kinds);
  if (!kinds) return kinds.error();
  if (!kinds->empty()) {
    std::set<std::string> dropped;
    std::erase_if(hood->entities, [&](const NeighbourEntity& n) {
      const bool drop =
          n.depth > 0 && std::find(kinds->begin(), kinds->end(), n.entity.kind) == kinds->end();
      if (drop) dropped.insert(n.entity.id);
      return drop;
    });
    std::erase_if(hood->relations, [&](const Relation& r) {
      return dropped.contains(r.from) || dropped.contains(r.to);
    });
  }

  if (global.json) {
    out << WithDating(NeighboursJson(*hood), filter->as_of, filter->dates, *dating);
    return Status::Ok();
  }
  Table nodes({"depth", "id", "kind", "name", "中文名"});
  nodes.SetMaxWidth(3, 60);
  for (const NeighbourEntity& n : hood->entities) {
    nodes.AddRow(
        {std::to_string(n.depth), n.entity.id, n.entity.kind, n.entity.name.en, n.entity.name.zh});
  }
  nodes.Print(out);
  if (!hood->relations.empty()) {
    out << '\n';
    if (options.long_format) {
      for (const Relation& r : hood->relations) {
        std::string line = r.from + "  ─" + r.type + "→  " + r.to;
        for (const std::string& part : {Period(r), AmountText(r), What(r)}) {
          if (!part.empty()) line += "  " + part;
        }
        out << TerminalText(line) << '\n' << LongLines(r, "    ");
      }
    } else {
      Table relations({"from", "type", "to", "period", "amount", "what"});
      relations.SetMaxWidth(5, 60);
      for (const Relation& r : hood->relations) {
        relations.AddRow({r.from, r.type, r.to, Period(r), AmountText(r), What(r)});
      }
      relations.Print(out);
    }
  }
  const size_t entities = hood->entities.size();
  const size_t relations = hood->relations.size();
  // A footer, not data: on stderr, so that the tables pipe cleanly.
  std::cerr << entities << (entities == 1 ? " entity and " : " entities and ") << relations
            << (relations == 1 ? " relation" : " relations") << " within " << options.depth
            << (options.depth == 1 ? " hop" : " hops") << " of " << hood->start_id << ".\n";
  return Status::Ok();
}

namespace {

// An entity's name as its record holds it: {"en", "zh"}, each when present.
Json NameJson(const Entity& entity) {
  Json name = Json::object();
  if (!entity.name.en.empty()) name["en"] = entity.name.en;
  if (!entity.name.zh.empty()) name["zh"] = entity.name.zh;
  return name;
}

}  // namespace

Status RunCentral(const GlobalOptions& global, const CentralOptions& options, std::ostream& out) {
  Result<RelationFilter> filter = ParseFilter(options.filter);
  if (!filter) return filter.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (Status s = CheckTypeList((*db)->schema(), filter->types); !s.ok()) return s;
  CentralRequest request;
  request.filter = *filter;
  request.top = options.top;
  request.sample = options.sample;
  // On a terminal, a bar of the searches done (exact betweenness on a large
  // graph takes minutes; --sample N estimates it in a fraction).
  // The bar's line ends before the table is printed.
  Result<std::vector<CentralEntity>> scores = [&] {
    ProgressBar bar;
    if (bar.enabled()) {
      request.progress = [&bar](size_t done, size_t total) {
        bar.Update("betweenness", done, total, "searches");
      };
    }
    Result<std::vector<CentralEntity>> answer = (*db)->Central(request);
    request.progress = nullptr;
    return answer;
  }();
  if (!scores) return scores.error();
  if (Result<DatingCounts> dating = NoteDating(**db, request.filter); !dating) {
    return dating.error();
  }
  if (global.json) {
    Json list = Json::array();
    for (const CentralEntity& score : *scores) {
      list.push_back({{"id", score.entity.id},
                      {"kind", score.entity.kind},
                      {"name", NameJson(score.entity)},
                      {"betweenness", score.betweenness},
                      {"degree", score.degree}});
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
         "(relations taken as undirected)";
  if (options.sample != 0) {
    out << ";\nestimated from the searches of " << options.sample
        << " random entities, unless there are no more (--sample)";
  }
  out << ".\n";
  return Status::Ok();
}

}  // namespace partnergraph::cli
