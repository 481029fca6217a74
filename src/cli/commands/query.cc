// query: read-only Cypher, printed as a table, JSON, JSON Lines, CSV or TSV.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/requests.h"
#include "cli/table.h"

namespace partnergraph::cli {
namespace {

// The query text: the argument, a file (-f), or stdin ("-" for either).
Result<std::string> QueryText(const QueryOptions& options) {
  if (!options.text.empty() && !options.file.empty()) {
    return Status::InvalidArgument("give the query as an argument or with -f, not both");
  }
  std::string source = options.file.empty() ? options.text : options.file;
  const bool from_stdin = source == "-";
  if (options.file.empty() && !from_stdin) {
    if (source.empty()) {
      return Status::InvalidArgument("no query: give one, -f FILE, or - for stdin");
    }
    return source;
  }
  std::ostringstream text;
  if (from_stdin) {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      return Status::NotFound("cannot read the query file " + PrintableText(source) + ": " +
                              ErrnoText(errno));
    }
    text << in.rdbuf();
  }
  return text.str();
}

class Printer {
 public:
  explicit Printer(const CypherResult& result) : result_(result) {}

  // A value as one line of text: an entity as its id and name, a relation as
  // "type from→to", a path as its hops.
  std::string Text(const CypherValue& value, bool quote_strings = false) const {
    if (value.is_null()) return quote_strings ? "null" : "";
    if (value.is<bool>()) return value.as<bool>() ? "true" : "false";
    if (value.is<int64_t>()) return std::to_string(value.as<int64_t>());
    if (value.is<double>()) return CypherFloatText(value.as<double>());
    if (value.is<std::string>()) {
      return quote_strings ? "'" + value.as<std::string>() + "'" : value.as<std::string>();
    }
    if (value.is<CypherList>()) {
      std::string text = "[";
      for (const CypherValue& item : value.as<CypherList>()) {
        if (text.size() > 1) text += ", ";
        text += Text(item, true);
      }
      return text + "]";
    }
    if (value.is<CypherMap>()) {
      std::string text = "{";
      for (const auto& [key, item] : value.as<CypherMap>()) {
        if (text.size() > 1) text += ", ";
        text += key + ": " + Text(item, true);
      }
      return text + "}";
    }
    if (value.is<CypherNode>()) {
      const Entity& entity = result_.entities.at(value.as<CypherNode>().vertex);
      return entity.id + " (" + entity.DisplayName() + ")";
    }
    if (value.is<CypherRelationship>()) {
      const Relation& relation = result_.relations.at(value.as<CypherRelationship>().edge);
      return relation.type + " " + relation.from + "→" + relation.to;
    }
    const CypherPath& path = value.as<CypherPath>();
    std::string text = result_.entities.at(path.vertices[0]).id;
    for (size_t i = 0; i < path.edges.size(); ++i) {
      const Relation& relation = result_.relations.at(path.edges[i]);
      const std::string& next = result_.entities.at(path.vertices[i + 1]).id;
      text += relation.to == next && relation.from != next ? " -[" + relation.type + "]-> "
                                                           : " <-[" + relation.type + "]- ";
      text += next;
    }
    return text;
  }

 private:
  const CypherResult& result_;
};

std::string CsvCell(const std::string& text, char separator) {
  if (separator == '\t') {
    std::string cell = text;
    for (char& c : cell) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return cell;
  }
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string cell = "\"";
  for (char c : text) {
    if (c == '"') cell += '"';
    cell += c;
  }
  return cell + "\"";
}

}  // namespace

Status RunQuery(const GlobalOptions& global, const QueryOptions& options, std::ostream& out) {
  Result<std::string> text = QueryText(options);
  if (!text) return text.error();
  CypherRequest request;
  request.text = *text;
  for (const std::string& param : options.params) {
    const size_t equals = param.find('=');
    request.parameters[param.substr(0, equals)] = ParseParameterValue(param.substr(equals + 1));
  }
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  request.as_of = *as_of;
  Result<DateRule> dates = ParseDateRuleOption(options.dates);
  if (!dates) return dates.error();
  request.dates = *dates;
  request.timeout_ms = options.timeout_ms;
  request.max_rows = options.max_rows;

  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<CypherResult> result = (*db)->Query(request);
  if (!result) return result.error();
  // Notes go to stderr, so that the rows on stdout stay clean to pipe.
  for (const std::string& notice : result->notices) std::cerr << "pgraph: note: " << notice << '\n';
  RelationFilter dated;
  dated.as_of = request.as_of;
  dated.dates = request.dates;
  Result<DatingCounts> dating = NoteDating(**db, dated);
  if (!dating) return dating.error();
  const Printer printer(*result);
  const std::string format = global.json ? "json" : options.format;

  if (format == "json") {
    out << WithDating(CypherJson(*result), request.as_of, request.dates, *dating);
  } else if (format == "jsonl") {
    for (size_t row = 0; row < result->rows.size(); ++row) {
      out << CypherRowJson(*result, row) << '\n';
    }
  } else if (format == "csv" || format == "tsv") {
    const char separator = format == "csv" ? ',' : '\t';
    for (size_t i = 0; i < result->columns.size(); ++i) {
      out << (i > 0 ? std::string(1, separator) : "") << CsvCell(result->columns[i], separator);
    }
    out << '\n';
    for (const std::vector<CypherValue>& row : result->rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        std::string cell;
        if (row[i].is<CypherNode>()) {
          cell = result->entities.at(row[i].as<CypherNode>().vertex).id;
        } else if (row[i].is<CypherRelationship>()) {
          cell = result->relations.at(row[i].as<CypherRelationship>().edge).id;
        } else {
          cell = printer.Text(row[i]);
        }
        out << (i > 0 ? std::string(1, separator) : "") << CsvCell(cell, separator);
      }
      out << '\n';
    }
  } else {
    Table table(result->columns);
    table.KeepEmptyColumns();
    for (const std::vector<CypherValue>& row : result->rows) {
      std::vector<std::string> cells;
      cells.reserve(row.size());
      for (const CypherValue& value : row) cells.push_back(printer.Text(value));
      table.AddRow(std::move(cells));
    }
    if (!result->columns.empty()) table.Print(out);
    const size_t rows = result->rows.size();
    out << "(" << rows << (rows == 1 ? " row" : " rows") << ")\n";
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
