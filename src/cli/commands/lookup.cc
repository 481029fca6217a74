// find and show: looking entities up.
#include <algorithm>
#include <iostream>
#include <map>

#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/requests.h"
#include "cli/table.h"
#include "cli/terminal.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

Status RunFind(const GlobalOptions& global, const FindOptions& options, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<FindResult> found = (*db)->Search({options.text, options.limit});
  if (!found) return found.error();
  if (global.json) {
    out << FindJson(found->entities, found->relations);
  } else if (found->entities.empty() && found->relations.empty()) {
    out << "No entity matches \"" << TerminalText(options.text) << "\".\n";
  } else {
    if (!found->entities.empty()) {
      Table table({"id", "kind", "name", "中文名", "aliases"});
      table.SetMaxWidth(2, 60);
      table.SetMaxWidth(4, 40);
      for (const FoundEntity& hit : found->entities) {
        table.AddRow({hit.entity.id, hit.entity.kind, hit.entity.name.en, hit.entity.name.zh,
                      Join(hit.entity.aliases, ", ")});
      }
      table.Print(out);
    }
    // Relations whose title holds the text, with their two ends: a second
    // table, on a terminal only (CSV and TSV hold one table).
    if (!found->relations.empty() && CurrentTableFormat() == TableFormat::kAligned) {
      if (!found->entities.empty()) out << '\n';
      out << "relations whose title matches\n";
      Table table({"relation", "type", "from", "to", "period", "title"});
      table.SetMaxWidth(5, 70);
      for (const FoundRelation& hit : found->relations) {
        const Relation& r = hit.relation;
        table.AddRow(
            {r.id, r.type, hit.from.DisplayName(), hit.to.DisplayName(), Period(r), r.title});
      }
      table.Print(out);
    }
    auto footer = [](size_t shown, size_t total, const char* what) {
      if (shown < total) {
        std::cerr << DimNote(std::to_string(shown) + " of " + std::to_string(total) + what +
                             " shown; --limit 0 for all")
                  << '\n';
      }
    };
    footer(found->entities.size(), found->entities_total, "");
    if (CurrentTableFormat() == TableFormat::kAligned) {
      footer(found->relations.size(), found->relations_total, " relations");
    }
  }
  // Finding nothing is an answer, not an error: exit 0 like grep -c would not.
  return Status::Ok();
}

Status RunShow(const GlobalOptions& global, const ShowOptions& options, std::ostream& out) {
  Result<RelationFilter> filter = ParseFilter(options.filter);
  if (!filter) return filter.error();
  Result<DateWindow> began = ParseDateWindow(options.began_between, "--began-between");
  if (!began) return began.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (Status s = CheckTypeList((*db)->schema(), filter->types); !s.ok()) return s;
  Result<std::vector<std::string>> kinds = CheckKinds((*db)->schema(), options.kinds);
  if (!kinds) return kinds.error();
  Result<EntityDetail> detail = (*db)->Show({options.entity});
  if (!detail) return detail.error();
  LoadSourceNames(**db);
  const Entity& entity = detail->entity;

  // The first day each source reports from, for --as-of's rule on the
  // relations without dates of their own (read once).
  std::map<std::string, int32_t, std::less<>> reported_from;
  if (!filter->as_of.empty()) {
    Result<std::vector<SourceSummary>> sources = (*db)->Sources(/*with_counts=*/false);
    if (!sources) return sources.error();
    for (const SourceSummary& s : *sources) {
      reported_from.emplace(s.source.doc, ReportedFirstDay(s.source));
    }
  }
  auto reported_first_day = [&reported_from](const Relation& relation) {
    if (!relation.source) return PartialDate::kOpenStart;
    auto it = reported_from.find(relation.source->doc);
    return it == reported_from.end() ? PartialDate::kOpenStart : it->second;
  };
  // --types, --as-of, --began-between and --kinds keep the relations they name.
  auto kept = [&](const EntityRelation& r) {
    const Relation& relation = r.relation;
    if (!filter->types.empty() && std::find(filter->types.begin(), filter->types.end(),
                                            relation.type) == filter->types.end()) {
      return false;
    }
    if (!filter->as_of.empty() &&
        !InForceUnder(relation.since.FirstDay(), relation.until.LastDay(),
                      reported_first_day(relation), filter->as_of, filter->dates)) {
      return false;
    }
    if (!began->empty() && !BeganBetween(relation, *began)) return false;
    if (!kinds->empty()) {
      const std::string& other = r.direction == Direction::kOut ? relation.to : relation.from;
      auto found = detail->others.find(other);
      if (found == detail->others.end() ||
          std::find(kinds->begin(), kinds->end(), found->second.kind) == kinds->end()) {
        return false;
      }
    }
    return true;
  };
  std::erase_if(detail->relations, [&](const EntityRelation& r) { return !kept(r); });
  Result<DatingCounts> dating = NoteDating(**db, *filter);
  if (!dating) return dating.error();

  if (global.json) {
    out << WithDating(ShowJson(*detail), filter->as_of, filter->dates, *dating);
    return Status::Ok();
  }

  // Outside the tables every text a record holds goes through TerminalText:
  // a CR in a name would let it overwrite its own line.
  out << TerminalText(entity.id) << "  (" << TerminalText(entity.kind) << ")\n";
  if (!entity.name.en.empty()) out << "  name     " << TerminalText(entity.name.en) << '\n';
  if (!entity.name.zh.empty()) out << "  中文名   " << TerminalText(entity.name.zh) << '\n';
  if (!entity.aliases.empty()) {
    out << "  aliases  " << TerminalText(Join(entity.aliases, ", ")) << '\n';
  }
  for (const auto& [key, value] : entity.attributes) {
    out << "  " << TerminalText(key) << ": " << TerminalText(value) << '\n';
  }
  if (detail->relations.empty()) {
    out << "\nNo relations.\n";
    return Status::Ok();
  }
  // One table per relation type, in the order Show gives them.
  const std::vector<EntityRelation>& relations = detail->relations;
  for (size_t begin = 0; begin < relations.size();) {
    const std::string& type = relations[begin].relation.type;
    size_t end = begin;
    while (end < relations.size() && relations[end].relation.type == type) ++end;
    out << '\n' << TerminalText(type) << " (" << end - begin << ")\n";
    auto row_of = [&](const EntityRelation& r) -> std::vector<std::string> {
      const Relation& relation = r.relation;
      const bool outgoing = r.direction == Direction::kOut;
      const std::string& other = outgoing ? relation.to : relation.from;
      auto found = detail->others.find(other);
      return {outgoing ? "→" : "←",
              other,
              found == detail->others.end() ? "" : found->second.DisplayName(),
              Period(relation),
              AmountText(relation),
              What(relation),
              options.long_format ? "" : SourceText(relation)};
    };
    if (options.long_format) {
      // A block per relation: its line, then what --long adds, unabridged.
      for (size_t i = begin; i < end; ++i) {
        std::string line;
        for (const std::string& cell : row_of(relations[i])) {
          if (cell.empty()) continue;
          if (!line.empty()) line += "  ";
          line += TerminalText(cell);
        }
        out << "  " << line << '\n' << LongLines(relations[i].relation, "      ");
      }
    } else {
      Table table({"", "entity", "name", "period", "amount", "what", "source"});
      table.SetMaxWidth(2, 40);
      table.SetMaxWidth(5, 50);
      table.SetMaxWidth(6, 60);
      for (size_t i = begin; i < end; ++i) table.AddRow(row_of(relations[i]));
      table.Print(out);
    }
    begin = end;
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
