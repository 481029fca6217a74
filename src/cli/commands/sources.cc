// sources: the documents the relations cite, as each describes itself.
#include <ostream>

#include "partnergraph/database.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/table.h"

namespace partnergraph::cli {
namespace {

// "2018–2019", "since 2018", "until 2019", "2019", "" without a period.
std::string PeriodText(const SourceDocument& source) {
  std::string since = source.period_since.ToString();
  std::string until = source.period_until.ToString();
  if (since.empty() && until.empty()) return "";
  if (until.empty()) return "since " + since;
  if (since.empty()) return "until " + until;
  if (since == until) return since;
  return since + "–" + until;
}

Json DateOrNull(const PartialDate& date) {
  return date.empty() ? Json(nullptr) : Json(date.ToString());
}

Json StringOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

}  // namespace

Status RunSources(const GlobalOptions& global, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<std::vector<SourceSummary>> sources = (*db)->Sources();
  if (!sources) return sources.error();
  if (global.json) {
    Json list = Json::array();
    for (const SourceSummary& summary : *sources) {
      const SourceDocument& s = summary.source;
      list.push_back({{"doc", s.doc},
                      {"symbol", StringOrNull(s.symbol)},
                      {"short_title", StringOrNull(s.short_title)},
                      {"title", StringOrNull(s.title)},
                      {"title_en", StringOrNull(s.title_en)},
                      {"published", DateOrNull(s.published)},
                      {"period", s.period_since.empty() && s.period_until.empty()
                                     ? Json(nullptr)
                                     : Json{{"since", DateOrNull(s.period_since)},
                                            {"until", DateOrNull(s.period_until)}}},
                      {"language", StringOrNull(s.language)},
                      {"url", StringOrNull(s.url)},
                      {"relations", summary.relations}});
    }
    PrintJson(list, out);
    return Status::Ok();
  }
  Table table({"doc", "symbol", "short title", "published", "period", "language", "relations"});
  table.SetMaxWidth(0, 30);
  table.SetMaxWidth(2, 40);
  for (const SourceSummary& summary : *sources) {
    const SourceDocument& s = summary.source;
    table.AddRow({s.doc, s.symbol, s.short_title, s.published.ToString(), PeriodText(s), s.language,
                  std::to_string(summary.relations)});
  }
  table.Print(out);
  return Status::Ok();
}

}  // namespace partnergraph::cli
