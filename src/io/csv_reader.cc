#include <csv.h>

#include <charconv>
#include <memory>
#include <string>
#include <vector>

#include "partnergraph/spelling.h"

#include "io/readers.h"

namespace partnergraph::io {
namespace {

using Json = nlohmann::json;

// The columns of each table. A file's header names its table.
const std::vector<std::string> kNodeColumns = {"id",      "kind",    "name_en",
                                               "name_zh", "aliases", "attributes"};
const std::vector<std::string> kEdgeColumns = {
    "id",     "type",     "from", "to",         "title",      "since",       "until",
    "amount", "currency", "role", "attributes", "source_doc", "source_quote"};
const std::vector<std::string> kSourceColumns = {"doc", "title", "language", "url"};

struct CsvParserDeleter {
  void operator()(csv_parser* parser) const {
    csv_free(parser);
    delete parser;  // NOLINT(cppcoreguidelines-owning-memory): paired with new below
  }
};

// Collects rows, each with the line it started on, from libcsv's callbacks.
struct RowCollector {
  std::vector<std::string> row;
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  int current_line = 1;
  int row_start_line = 1;

  static void OnField(void* field, size_t size, void* self) {
    static_cast<RowCollector*>(self)->row.emplace_back(static_cast<const char*>(field), size);
  }
  static void OnRowEnd(int, void* self) {
    auto* collector = static_cast<RowCollector*>(self);
    collector->rows.emplace_back(collector->row_start_line, std::move(collector->row));
    collector->row.clear();
    collector->row_start_line = collector->current_line + 1;
  }
};

// A cell of the aliases column: a JSON list, or names separated by '|'.
bool AliasesFromCell(const std::string& cell, Json& aliases, std::string& problem) {
  if (!cell.empty() && cell.front() == '[') {
    if (FindExcessiveNesting(cell) != std::string::npos) {
      problem = "aliases: JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
      return false;
    }
    aliases = Json::parse(cell, nullptr, false);
    if (aliases.is_discarded() || !aliases.is_array()) {
      problem = "aliases: not a JSON list";
      return false;
    }
    return true;
  }
  aliases = Json::array();
  size_t start = 0;
  while (start <= cell.size()) {
    size_t bar = cell.find('|', start);
    if (bar == std::string::npos) bar = cell.size();
    if (bar > start) aliases.push_back(cell.substr(start, bar - start));
    start = bar + 1;
  }
  return true;
}

}  // namespace

void ReadCsv(const std::string& path, std::string_view text, Dataset& dataset,
             ValidationErrors& errors) {
  text = WithoutByteOrderMark(text);
  if (!CheckUtf8(path, text, errors)) return;
  // Built field by field: g++ 12 warns falsely on nested braces here.
  auto file_problem = [&](int line, const std::string& field, const std::string& message) {
    Problem problem;
    problem.where.file = path;
    problem.where.line = line;
    problem.field = field;
    problem.message = message;
    errors.Add(std::move(problem));
  };
  std::unique_ptr<csv_parser, CsvParserDeleter> parser(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
    file_problem(0, "", "cannot start the CSV parser");
    return;
  }
  RowCollector collector;
  // Feed one line at a time so each row knows the line it started on.
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    const size_t fed = csv_parse(parser.get(), text.data() + start, end - start,
                                 &RowCollector::OnField, &RowCollector::OnRowEnd, &collector);
    if (fed != end - start) {
      file_problem(collector.current_line, "",
                   std::string("CSV syntax: ") + csv_strerror(csv_error(parser.get())));
      return;
    }
    ++collector.current_line;
    start = end;
  }
  if (csv_fini(parser.get(), &RowCollector::OnField, &RowCollector::OnRowEnd, &collector) != 0) {
    file_problem(collector.row_start_line, "",
                 std::string("CSV syntax: ") + csv_strerror(csv_error(parser.get())));
    return;
  }
  if (collector.rows.empty()) {
    file_problem(0, "", "empty CSV file: expected a header row");
    return;
  }

  const std::vector<std::string>& header = collector.rows.front().second;
  auto has = [&header](const char* column) {
    return std::find(header.begin(), header.end(), column) != header.end();
  };
  const std::vector<std::string>* columns = nullptr;
  std::string record_class;
  if (has("kind")) {
    columns = &kNodeColumns;
    record_class = "entity";
  } else if (has("type") || has("from")) {
    columns = &kEdgeColumns;
    record_class = "relation";
  } else if (has("doc")) {
    columns = &kSourceColumns;
    record_class = "source";
  } else {
    file_problem(1, "",
                 "cannot tell the table from the header: nodes need \"id,kind,...\", edges "
                 "\"id,type,from,to,...\", sources \"doc,...\"");
    return;
  }
  bool header_ok = true;
  for (const std::string& column : header) {
    if (std::find(columns->begin(), columns->end(), column) != columns->end()) continue;
    std::string message = "unknown column \"" + column + "\"";
    if (auto close = ClosestMatch(column, *columns))
      message += " (did you mean \"" + *close + "\"?)";
    file_problem(1, column, message);
    header_ok = false;
  }
  if (!header_ok) return;

  const LineIndex lines(text);
  for (size_t r = 1; r < collector.rows.size(); ++r) {
    const auto& [line, cells] = collector.rows[r];
    SourceLocation where;
    where.file = path;
    where.line = line;
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
    if (cells.size() != header.size()) {
      errors.Add({where, "", "",
                  "row has " + std::to_string(cells.size()) + " cells, the header " +
                      std::to_string(header.size())});
      continue;
    }
    // Build the record's JSON form so every format shares one decoder.
    Json record = Json::object();
    bool row_ok = true;
    Json amount = Json::object();
    Json source = Json::object();
    for (size_t c = 0; c < header.size(); ++c) {
      const std::string& column = header[c];
      const std::string& cell = cells[c];
      if (cell.empty()) continue;
      auto fail = [&](const std::string& message) {
        errors.Add(
            {where,
             record_class + (record.contains("id") ? " " + record["id"].get<std::string>() : ""),
             column, message});
        row_ok = false;
      };
      if (column == "name_en" || column == "name_zh") {
        record["name"][column.substr(5)] = cell;
      } else if (column == "aliases") {
        Json aliases;
        std::string problem;
        if (AliasesFromCell(cell, aliases, problem)) {
          record["aliases"] = aliases;
        } else {
          fail(problem);
        }
      } else if (column == "attributes") {
        const bool too_deep = FindExcessiveNesting(cell) != std::string::npos;
        Json attributes = too_deep ? Json() : Json::parse(cell, nullptr, false);
        if (too_deep) {
          fail("attributes: JSON nested more than " + std::to_string(kMaxJsonDepth) +
               " levels deep");
        } else if (attributes.is_discarded() || !attributes.is_object()) {
          fail("attributes: not a JSON object");
        } else {
          record["attributes"] = attributes;
        }
      } else if (column == "amount") {
        double value = 0;
        const char* first = cell.data();
        const char* last = cell.data() + cell.size();
        auto [end, ec] = std::from_chars(first, last, value);
        if (ec == std::errc::result_out_of_range) {
          fail("amount \"" + cell + "\" is out of range");
        } else if (ec != std::errc() || end != last) {
          fail("amount \"" + cell + "\" is not a number");
        } else {
          amount["value"] = value;
        }
      } else if (column == "currency") {
        amount["currency"] = cell;
      } else if (column == "source_doc") {
        source["doc"] = cell;
      } else if (column == "source_quote") {
        source["quote"] = cell;
      } else {
        record[column] = cell;
      }
    }
    if (!amount.empty()) record["amount"] = amount;
    if (!source.empty()) record["source"] = source;
    if (row_ok) AddRecord(record_class, record, where, text, lines, dataset, errors);
  }
}

}  // namespace partnergraph::io
