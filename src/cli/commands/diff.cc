// diff: the relations that began, ended or were first reported between two
// dates, grouped by type.
#include <iostream>

#include "partnergraph/database.h"
#include "partnergraph/record_text.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/requests.h"
#include "cli/table.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

constexpr RelationChange kChanges[] = {RelationChange::kBegan, RelationChange::kBeganAndEnded,
                                       RelationChange::kEnded, RelationChange::kFirstReported};

// "began_and_ended": the change's name as a JSON key.
std::string ChangeKey(RelationChange change) {
  std::string key = RelationChangeName(change);
  for (char& c : key) {
    if (c == ' ') c = '_';
  }
  return key;
}

size_t CountOf(const std::map<RelationChange, size_t>& counts, RelationChange change) {
  auto it = counts.find(change);
  return it == counts.end() ? 0 : it->second;
}

// "2 began, 1 ended": the changes present, in kChanges' order.
std::string CountsText(const std::map<RelationChange, size_t>& counts) {
  std::string text;
  for (RelationChange change : kChanges) {
    const size_t count = CountOf(counts, change);
    if (count == 0) continue;
    if (!text.empty()) text += ", ";
    text += std::to_string(count) + " " + RelationChangeName(change);
  }
  return text;
}

// What a reader knows the source by: its short title, else its file name.
std::string SourceName(const Relation& relation,
                       const std::map<std::string, SourceDocument>& sources) {
  if (!relation.source) return "";
  auto it = sources.find(relation.source->doc);
  if (it != sources.end() && !it->second.short_title.empty()) return it->second.short_title;
  return relation.source->doc;
}

Json ChangeJson(const ChangedRelation& changed, const DiffResult& result) {
  Json item = Json::parse(RelationJsonText(changed.relation));
  item["change"] = RelationChangeName(changed.change);
  item["date"] = changed.date;
  item["what"] = What(changed.relation);
  const std::string source = SourceName(changed.relation, result.sources);
  item["source_title"] = source.empty() ? Json(nullptr) : Json(source);
  return item;
}

Json CountsJson(const std::map<RelationChange, size_t>& counts, bool with_unchanged) {
  Json json = Json::object();
  for (RelationChange change : kChanges) json[ChangeKey(change)] = CountOf(counts, change);
  if (with_unchanged) {
    json["unchanged"] = CountOf(counts, RelationChange::kUnchanged);
  }
  return json;
}

void PrintDiffJson(const DiffResult& result, bool lines, std::ostream& out) {
  if (lines) {
    // jsonl: one changed relation a line, its type on it.
    Json list = Json::array();
    for (const DiffGroup& group : result.groups) {
      for (const ChangedRelation& changed : group.relations) {
        list.push_back(ChangeJson(changed, result));
      }
    }
    PrintJson(list, out);
    return;
  }
  Json groups = Json::array();
  for (const DiffGroup& group : result.groups) {
    Json relations = Json::array();
    for (const ChangedRelation& changed : group.relations) {
      relations.push_back(ChangeJson(changed, result));
    }
    groups.push_back({{"type", group.type},
                      {"counts", CountsJson(group.counts, false)},
                      {"relations", relations}});
  }
  PrintJson(Json{{"from", result.window.from.ToString()},
                 {"to", result.window.to.ToString()},
                 {"around", result.around_id.empty() ? Json(nullptr) : Json(result.around_id)},
                 {"depth", result.around_id.empty() ? Json(nullptr) : Json(result.depth)},
                 {"counts", CountsJson(result.totals, true)},
                 {"groups", groups}},
            out);
}

}  // namespace

Status RunDiff(const GlobalOptions& global, const DiffOptions& options, std::ostream& out) {
  if (options.depth < 0) return UsageError("--depth must be 0 or more");
  Result<DateWindow> window = ParseDateWindow(options.dates, "diff");
  if (!window) return window.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  DiffRequest request;
  request.window = *window;
  request.around = options.around;
  request.depth = options.depth;
  Result<std::vector<std::string>> types = CheckTypes((*db)->schema(), options.types);
  if (!types) return types.error();
  request.types = std::move(*types);
  Result<std::vector<std::string>> kinds = CheckKinds((*db)->schema(), options.kinds);
  if (!kinds) return kinds.error();
  request.kinds = std::move(*kinds);
  Result<DiffResult> result = (*db)->Diff(request);
  if (!result) return result.error();

  if (global.json) {
    PrintDiffJson(*result, global.jsonl, out);
    return Status::Ok();
  }
  const std::string from = result->window.from.ToString();
  const std::string to = result->window.to.ToString();
  const bool flat = CurrentTableFormat() != TableFormat::kAligned;
  if (flat) {
    // CSV and TSV: one table, the type a column, every field whole.
    Table table({"type", "change", "date", "id", "from", "to", "what", "source", "quote"});
    for (const DiffGroup& group : result->groups) {
      for (const ChangedRelation& changed : group.relations) {
        const Relation& r = changed.relation;
        table.AddRow({group.type, RelationChangeName(changed.change), changed.date, r.id, r.from,
                      r.to, What(r), SourceName(r, result->sources),
                      r.source ? DisplayText(r.source->quote) : ""});
      }
    }
    table.KeepEmptyColumns();
    table.Print(out);
  } else if (result->groups.empty()) {
    out << "No relation began, ended or was first reported between " << from << " and " << to
        << ".\n";
  } else {
    bool first = true;
    for (const DiffGroup& group : result->groups) {
      if (!first) out << '\n';
      first = false;
      out << TerminalText(group.type) << " (" << CountsText(group.counts) << ")\n";
      Table table({"change", "date", "from", "to", "what", "source"});
      table.SetMaxWidth(4, 50);
      table.SetMaxWidth(5, 70);
      for (const ChangedRelation& changed : group.relations) {
        const Relation& r = changed.relation;
        std::string source = SourceName(r, result->sources);
        if (r.source && !r.source->quote.empty()) {
          source += ": “" + DisplayText(r.source->quote) + "”";
        }
        table.AddRow(
            {RelationChangeName(changed.change), changed.date, r.from, r.to, What(r), source});
      }
      table.Print(out);
    }
  }
  // A footer, not data: on stderr, so that the tables pipe cleanly.
  std::string scope = "the whole network";
  if (!result->around_id.empty()) {
    scope = std::to_string(result->depth) + (result->depth == 1 ? " hop" : " hops") + " of " +
            result->around_id;
  }
  const std::string counts = CountsText(result->totals);
  std::cerr << "From " << from << " to " << to << ", within " << scope << ": "
            << (counts.empty() ? "nothing changed" : counts) << "; "
            << CountOf(result->totals, RelationChange::kUnchanged)
            << " unchanged (in force at both dates).\n";
  return Status::Ok();
}

}  // namespace partnergraph::cli
