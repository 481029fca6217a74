#include <csv.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "partnergraph/amount.h"
#include "partnergraph/spelling.h"

#include "io/readers.h"

namespace partnergraph::io {
namespace {

using Json = nlohmann::json;

// The columns of each table. A file's header names its table.
enum class Column {
  kId,
  kKind,
  kNameEn,
  kNameZh,
  kAliases,
  kAttributes,
  kType,
  kFrom,
  kTo,
  kTitle,
  kSince,
  kUntil,
  kAmount,
  kCurrency,
  kRole,
  kSourceDoc,
  kSourceQuote,
  kDoc,
  kLanguage,
  kUrl,
  kSymbol,
  kShortTitle,
  kTitleEn,
  kPublished,
  kPeriodSince,
  kPeriodUntil,
};

struct ColumnName {
  const char* name;
  Column column;
};

constexpr ColumnName kNodeColumns[] = {
    {"id", Column::kId},           {"kind", Column::kKind},
    {"name_en", Column::kNameEn},  {"name_zh", Column::kNameZh},
    {"aliases", Column::kAliases}, {"attributes", Column::kAttributes},
};
constexpr ColumnName kEdgeColumns[] = {
    {"id", Column::kId},
    {"type", Column::kType},
    {"from", Column::kFrom},
    {"to", Column::kTo},
    {"title", Column::kTitle},
    {"since", Column::kSince},
    {"until", Column::kUntil},
    {"amount", Column::kAmount},
    {"currency", Column::kCurrency},
    {"role", Column::kRole},
    {"attributes", Column::kAttributes},
    {"source_doc", Column::kSourceDoc},
    {"source_quote", Column::kSourceQuote},
};
constexpr ColumnName kSourceColumns[] = {
    {"doc", Column::kDoc},
    {"title", Column::kTitle},
    {"language", Column::kLanguage},
    {"url", Column::kUrl},
    {"symbol", Column::kSymbol},
    {"short_title", Column::kShortTitle},
    {"title_en", Column::kTitleEn},
    {"published", Column::kPublished},
    {"period_since", Column::kPeriodSince},
    {"period_until", Column::kPeriodUntil},
};

// What the header says: the table and the column of each cell.
struct Table {
  std::string record_class;  // "entity", "relation", "source"
  std::vector<std::string> header;
  std::vector<Column> columns;  // one per header cell
};

struct CsvParserDeleter {
  void operator()(csv_parser* parser) const {
    csv_free(parser);
    delete parser;  // NOLINT(cppcoreguidelines-owning-memory): paired with new below
  }
};
using CsvParserPtr = std::unique_ptr<csv_parser, CsvParserDeleter>;

CsvParserPtr NewParser() {
  CsvParserPtr parser(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) return nullptr;
  return parser;
}

// libcsv's error as a user can act on it. In strict mode it says "error
// parsing data while strict checking enabled" for both a stray quote and a
// quoted field still open at the end of the file.
std::string CsvSyntaxMessage(int error, bool at_end) {
  if (error == CSV_EPARSE && at_end) {
    return "CSV syntax: unterminated quoted field (a quote opened in this row is never closed)";
  }
  if (error == CSV_EPARSE) {
    return "CSV syntax: a quote inside an unquoted field, or text after a closing quote "
           "(inside a quoted field, write a quote as \"\")";
  }
  return std::string("CSV syntax: ") + csv_strerror(error);
}

// Feeds libcsv's callbacks into OnRow(line, cells), reusing the cells'
// buffers from row to row: a large table has millions of rows.
template <typename OnRow>
struct RowCollector {
  explicit RowCollector(OnRow& on_row, int first_line)
      : on_row(on_row), current_line(first_line), row_start_line(first_line) {}

  OnRow& on_row;
  std::vector<std::string> cells;
  size_t count = 0;
  int current_line;
  int row_start_line;

  static void OnField(void* field, size_t size, void* self) {
    auto* collector = static_cast<RowCollector*>(self);
    if (collector->count == collector->cells.size()) collector->cells.emplace_back();
    collector->cells[collector->count++].assign(static_cast<const char*>(field), size);
  }
  static void OnRowEnd(int, void* self) {
    auto* collector = static_cast<RowCollector*>(self);
    collector->on_row(collector->row_start_line, collector->cells.data(), collector->count);
    collector->count = 0;
    collector->row_start_line = collector->current_line + 1;
  }
};

// Parses the rows of text[begin, end), whose first line is `first_line`,
// calling on_row(line, cells, count) for each. On a syntax error, returns
// false with its line and message.
template <typename OnRow>
bool ParseRows(std::string_view text, size_t begin, size_t end, int first_line, OnRow on_row,
               int* error_line, std::string* error_message) {
  CsvParserPtr parser = NewParser();
  if (!parser) {
    *error_line = 0;
    *error_message = "cannot start the CSV parser";
    return false;
  }
  RowCollector<OnRow> collector(on_row, first_line);
  // Feed one line at a time so each row knows the line it started on.
  size_t start = begin;
  while (start < end) {
    size_t line_end = text.find('\n', start);
    line_end = line_end == std::string_view::npos || line_end >= end ? end : line_end + 1;
    const size_t fed =
        csv_parse(parser.get(), text.data() + start, line_end - start,
                  &RowCollector<OnRow>::OnField, &RowCollector<OnRow>::OnRowEnd, &collector);
    if (fed != line_end - start) {
      *error_line = collector.current_line;
      *error_message = CsvSyntaxMessage(csv_error(parser.get()), /*at_end=*/false);
      return false;
    }
    ++collector.current_line;
    start = line_end;
  }
  if (csv_fini(parser.get(), &RowCollector<OnRow>::OnField, &RowCollector<OnRow>::OnRowEnd,
               &collector) != 0) {
    *error_line = collector.row_start_line;
    *error_message = CsvSyntaxMessage(csv_error(parser.get()), /*at_end=*/true);
    return false;
  }
  return true;
}

// The end of the row that starts at `begin`, just past its '\n' (or the end
// of the text): the first newline outside quotes. In strict CSV a quote
// either opens or closes a quoted cell or is one of a doubled pair, so the
// newlines between rows are exactly those after an even number of quotes.
// `quoted` says whether `begin` lies inside a quoted cell.
size_t RowEnd(std::string_view text, size_t begin, bool quoted = false) {
  for (size_t i = begin; i < text.size(); ++i) {
    if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == '\n' && !quoted) {
      return i + 1;
    }
  }
  return text.size();
}

// The names of an aliases cell written "A|B|C" (empty ones dropped).
std::vector<std::string> SplitAtBars(const std::string& cell) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t bar = cell.find('|', start);
    if (bar == std::string::npos) bar = cell.size();
    if (bar > start) names.push_back(cell.substr(start, bar - start));
    start = bar + 1;
  }
  return names;
}

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
  aliases = SplitAtBars(cell);
  return true;
}

// The reference decoder: builds the row's JSON form and decodes it as the
// JSON formats do, so every format shares one set of checks and messages.
void AddRowAsJson(const Table& table, const std::string* cells, const SourceLocation& where,
                  std::string_view text, const LineIndex* lines, Dataset& dataset,
                  ValidationErrors& errors) {
  Json record = Json::object();
  bool row_ok = true;
  Json amount = Json::object();
  Json source = Json::object();
  Json period = Json::object();
  for (size_t c = 0; c < table.header.size(); ++c) {
    const std::string& column = table.header[c];
    const std::string& cell = cells[c];
    if (cell.empty()) continue;
    auto fail = [&](const std::string& message) {
      errors.Add({where,
                  table.record_class +
                      (record.contains("id") ? " " + record["id"].get<std::string>() : ""),
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
        fail("attributes: JSON nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
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
    } else if (table.record_class == "source" &&
               (column == "period_since" || column == "period_until")) {
      period[column.substr(7)] = cell;
    } else {
      record[column] = cell;
    }
  }
  if (!amount.empty()) record["amount"] = amount;
  if (!source.empty()) record["source"] = source;
  if (!period.empty()) record["period"] = period;
  if (row_ok) AddRecord(table.record_class, record, where, text, *lines, dataset, errors);
}

// An attributes cell decoded as the JSON path would: false (leave it to the
// reference decoder, for its message) unless a flat object of strings.
bool FastAttributes(const std::string& cell, std::map<std::string, std::string>& attributes) {
  if (FindExcessiveNesting(cell) != std::string::npos) return false;
  const Json json = Json::parse(cell, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return false;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) return false;
    attributes[key] = value.get<std::string>();
  }
  return true;
}

bool FastDate(const std::string& cell, PartialDate& date) {
  if (cell.empty()) return true;
  Result<PartialDate> parsed = PartialDate::Parse(cell);
  if (!parsed) return false;
  date = *parsed;
  return true;
}

// The fast decoders: the record a valid row decodes to, straight from its
// cells, with no JSON in between (a large import is millions of rows). Each
// returns false as soon as anything is unusual, and the row then goes
// through AddRowAsJson, which reports it; on the rows they accept, they give
// exactly what AddRowAsJson gives (tested on every fixture and on generated
// graphs).
bool FastRelation(const Table& table, const std::string* cells, Relation& relation) {
  std::string amount_text;
  std::string currency;
  std::string doc;
  std::string quote;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& cell = cells[c];
    if (cell.empty()) continue;
    switch (table.columns[c]) {
      case Column::kId:
        relation.id = cell;
        break;
      case Column::kType:
        relation.type = cell;
        break;
      case Column::kFrom:
        relation.from = cell;
        break;
      case Column::kTo:
        relation.to = cell;
        break;
      case Column::kTitle:
        relation.title = cell;
        break;
      case Column::kSince:
        if (!FastDate(cell, relation.since)) return false;
        break;
      case Column::kUntil:
        if (!FastDate(cell, relation.until)) return false;
        break;
      case Column::kAmount:
        amount_text = cell;
        break;
      case Column::kCurrency:
        currency = cell;
        break;
      case Column::kRole:
        relation.role = cell;
        break;
      case Column::kAttributes:
        if (!FastAttributes(cell, relation.attributes)) return false;
        break;
      case Column::kSourceDoc:
        doc = cell;
        break;
      case Column::kSourceQuote:
        quote = cell;
        break;
      default:
        return false;
    }
  }
  if (relation.id.empty() || relation.type.empty() || relation.from.empty() ||
      relation.to.empty()) {
    return false;
  }
  if (!amount_text.empty() || !currency.empty()) {
    if (amount_text.empty() || !IsIsoCurrencyCode(currency)) return false;
    double value = 0;
    const char* last = amount_text.data() + amount_text.size();
    auto [end, ec] = std::from_chars(amount_text.data(), last, value);
    if (ec != std::errc() || end != last || !std::isfinite(value) || value < 0) return false;
    if (value == 0) value = 0;  // -0 is stored as 0
    relation.amount = Amount{value, std::move(currency)};
  }
  if (!doc.empty() || !quote.empty()) {
    if (doc.empty() || quote.empty()) return false;
    relation.source = Citation{std::move(doc), std::move(quote)};
  }
  return true;
}

bool FastEntity(const Table& table, const std::string* cells, Entity& entity) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& cell = cells[c];
    if (cell.empty()) continue;
    switch (table.columns[c]) {
      case Column::kId:
        entity.id = cell;
        break;
      case Column::kKind:
        entity.kind = cell;
        break;
      case Column::kNameEn:
        entity.name.en = cell;
        break;
      case Column::kNameZh:
        entity.name.zh = cell;
        break;
      case Column::kAliases: {
        if (cell.front() == '[') return false;
        entity.aliases = SplitAtBars(cell);
        break;
      }
      case Column::kAttributes:
        if (!FastAttributes(cell, entity.attributes)) return false;
        break;
      default:
        return false;
    }
  }
  return !entity.id.empty() && !entity.kind.empty() &&
         !(entity.name.en.empty() && entity.name.zh.empty());
}

bool FastSource(const Table& table, const std::string* cells, SourceDocument& source) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& cell = cells[c];
    if (cell.empty()) continue;
    switch (table.columns[c]) {
      case Column::kDoc:
        source.doc = cell;
        break;
      case Column::kTitle:
        source.title = cell;
        break;
      case Column::kLanguage:
        source.language = cell;
        break;
      case Column::kUrl:
        source.url = cell;
        break;
      case Column::kSymbol:
        source.symbol = cell;
        break;
      case Column::kShortTitle:
        source.short_title = cell;
        break;
      case Column::kTitleEn:
        source.title_en = cell;
        break;
      case Column::kPublished:
        if (!FastDate(cell, source.published)) return false;
        break;
      case Column::kPeriodSince:
        if (!FastDate(cell, source.period_since)) return false;
        break;
      case Column::kPeriodUntil:
        if (!FastDate(cell, source.period_until)) return false;
        break;
      default:
        return false;
    }
  }
  return !source.doc.empty();
}

// Decodes rows into a dataset: the fast decoders first, the reference one
// for what they leave.
class RowDecoder {
 public:
  RowDecoder(const std::string& path, const Table& table, std::string_view text,
             const CsvReadOptions& options, Dataset& dataset, ValidationErrors& errors)
      : path_(path),
        table_(table),
        text_(text),
        fast_(options.fast_rows),
        dataset_(dataset),
        errors_(errors) {}

  void operator()(int line, const std::string* cells, size_t count) {
    SourceLocation where;
    where.file = path_;
    where.line = line;
    if (count == 1 && cells[0].empty()) return;  // a blank line
    if (count != table_.header.size()) {
      errors_.Add({where, "", "",
                   "row has " + std::to_string(count) + " cells, the header " +
                       std::to_string(table_.header.size())});
      return;
    }
    if (fast_ && AddFast(cells, where)) return;
    if (!lines_) lines_ = std::make_unique<LineIndex>(text_);
    AddRowAsJson(table_, cells, where, text_, lines_.get(), dataset_, errors_);
  }

 private:
  bool AddFast(const std::string* cells, SourceLocation& where) {
    if (table_.record_class == "relation") {
      Relation relation;
      if (!FastRelation(table_, cells, relation)) return false;
      dataset_.relations.push_back({std::move(relation), std::move(where)});
    } else if (table_.record_class == "entity") {
      Entity entity;
      if (!FastEntity(table_, cells, entity)) return false;
      dataset_.entities.push_back({std::move(entity), std::move(where)});
    } else {
      SourceDocument source;
      if (!FastSource(table_, cells, source)) return false;
      dataset_.sources.push_back({std::move(source), std::move(where)});
    }
    return true;
  }

  const std::string& path_;
  const Table& table_;
  std::string_view text_;
  bool fast_;
  Dataset& dataset_;
  ValidationErrors& errors_;
  std::unique_ptr<LineIndex> lines_;  // built only if a row needs the reference decoder
};

// Reads the header row into `table`; false (with problems added) when it
// does not name a table or names unknown columns.
bool ReadHeader(const std::string& path, std::vector<std::string> header, Table& table,
                ValidationErrors& errors) {
  auto file_problem = [&](int line, const std::string& field, const std::string& message) {
    Problem problem;
    problem.where.file = path;
    problem.where.line = line;
    problem.field = field;
    problem.message = message;
    errors.Add(std::move(problem));
  };
  auto has = [&header](const char* column) {
    return std::find(header.begin(), header.end(), column) != header.end();
  };
  std::span<const ColumnName> columns;
  if (has("kind")) {
    columns = kNodeColumns;
    table.record_class = "entity";
  } else if (has("type") || has("from")) {
    columns = kEdgeColumns;
    table.record_class = "relation";
  } else if (has("doc")) {
    columns = kSourceColumns;
    table.record_class = "source";
  } else {
    file_problem(1, "",
                 "cannot tell the table from the header: nodes need \"id,kind,...\", edges "
                 "\"id,type,from,to,...\", sources \"doc,...\"");
    return false;
  }
  std::vector<std::string> names;
  for (const ColumnName& column : columns) names.emplace_back(column.name);
  bool header_ok = true;
  for (const std::string& cell : header) {
    auto known = std::find_if(columns.begin(), columns.end(),
                              [&cell](const ColumnName& c) { return cell == c.name; });
    if (known != columns.end()) {
      table.columns.push_back(known->column);
      continue;
    }
    std::string message = "unknown column \"" + cell + "\"";
    message += DidYouMean(cell, names);
    file_problem(1, cell, message);
    header_ok = false;
  }
  // A column named twice would leave one of its cells unread.
  for (auto cell = header.begin(); cell != header.end(); ++cell) {
    if (std::find(header.begin(), cell, *cell) != cell) {
      file_problem(1, *cell, "column \"" + *cell + "\" appears twice; name each column once");
      header_ok = false;
    }
  }
  table.header = std::move(header);
  return header_ok;
}

// One reading of a file's rows (or of a part of them).
struct RowsRead {
  Dataset dataset;
  ValidationErrors errors;
  bool syntax_ok = true;
  int error_line = 0;
  std::string error_message;
};

// Reads the whole file in one pass: the first row is the header, the rest
// are records (decoded only if the header is good; parsed regardless, since
// a syntax error anywhere is what the user must hear first).
struct SequentialRead {
  RowsRead rows;
  Table table;
  ValidationErrors header_errors;
  bool header_seen = false;
  bool header_ok = false;
};

void ReadSequentially(const std::string& path, std::string_view text, const CsvReadOptions& options,
                      size_t cap, SequentialRead& read) {
  read.rows.errors.cap = cap;
  read.header_errors.cap = cap;
  std::unique_ptr<RowDecoder> decoder;
  auto on_row = [&](int line, const std::string* cells, size_t count) {
    if (!read.header_seen) {
      read.header_seen = true;
      read.header_ok = ReadHeader(path, std::vector<std::string>(cells, cells + count), read.table,
                                  read.header_errors);
      if (read.header_ok) {
        decoder = std::make_unique<RowDecoder>(path, read.table, text, options, read.rows.dataset,
                                               read.rows.errors);
      }
      return;
    }
    if (decoder) (*decoder)(line, cells, count);
  };
  read.rows.syntax_ok =
      ParseRows(text, 0, text.size(), 1, on_row, &read.rows.error_line, &read.rows.error_message);
}

// Reads a large file in chunks side by side, when it is simple enough to
// split: the header is the whole first line and names a good table. Chunks
// start at row boundaries found by quote parity, which holds for valid CSV.
// Returns false, having added nothing, when the file does not qualify or
// any chunk meets a syntax error (the file is not valid CSV, so the
// boundaries may be wrong too): the caller then reads it in one pass, so
// every file gets exactly the answer of a sequential read.
bool ReadInParallel(const std::string& path, std::string_view text, const CsvReadOptions& options,
                    Dataset& dataset, ValidationErrors& errors) {
  if (options.threads < 2 || text.size() < options.min_parallel_bytes) return false;
  const size_t newline = text.find('\n');
  if (newline == std::string_view::npos || RowEnd(text, 0) != newline + 1) return false;
  const size_t header_end = newline + 1;
  std::vector<std::string> header;
  size_t header_rows = 0;
  int error_line = 0;
  std::string error_message;
  const bool header_parsed = ParseRows(
      text, 0, header_end, 1,
      [&](int, const std::string* cells, size_t count) {
        header.assign(cells, cells + count);
        ++header_rows;
      },
      &error_line, &error_message);
  if (!header_parsed || header_rows != 1) return false;
  Table table;
  ValidationErrors header_errors;
  if (!ReadHeader(path, std::move(header), table, header_errors)) return false;

  const size_t body = text.size() - header_end;
  const size_t chunks =
      std::min<size_t>(options.threads, std::max<size_t>(1, body / options.min_chunk_bytes));
  std::vector<size_t> starts = {header_end};
  for (size_t i = 1; i < chunks; ++i) {
    // The last start is a row boundary, outside quotes: the parity of the
    // quotes from there says whether the target is inside a quoted cell.
    const size_t from = starts.back();
    const size_t target = std::max(header_end + body * i / chunks, from);
    const bool quoted = std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                                   text.begin() + static_cast<std::ptrdiff_t>(target), '"') %
                            2 ==
                        1;
    const size_t end = RowEnd(text, target, quoted);
    if (end >= text.size()) break;
    starts.push_back(end);
  }
  starts.push_back(text.size());

  std::vector<RowsRead> parts(starts.size() - 1);
  auto read_part = [&](size_t i) {
    RowsRead& part = parts[i];
    part.errors.cap = errors.cap;
    const int first_line = 2 + static_cast<int>(std::count(
                                   text.begin() + static_cast<std::ptrdiff_t>(header_end),
                                   text.begin() + static_cast<std::ptrdiff_t>(starts[i]), '\n'));
    RowDecoder decoder(path, table, text, options, part.dataset, part.errors);
    part.syntax_ok = ParseRows(text, starts[i], starts[i + 1], first_line, std::ref(decoder),
                               &part.error_line, &part.error_message);
  };
  RunSideBySide(parts.size(), read_part);
  if (!std::all_of(parts.begin(), parts.end(), [](const RowsRead& p) { return p.syntax_ok; })) {
    return false;
  }
  for (RowsRead& part : parts) {
    AppendDataset(dataset, std::move(part.dataset));
    AppendErrors(errors, std::move(part.errors));
  }
  return true;
}

}  // namespace

void ReadCsv(const std::string& path, std::string_view text, Dataset& dataset,
             ValidationErrors& errors, const CsvReadOptions& options) {
  text = WithoutByteOrderMark(text);
  if (!CheckUtf8(path, text, errors)) return;
  if (ReadInParallel(path, text, options, dataset, errors)) return;
  SequentialRead read;
  ReadSequentially(path, text, options, errors.cap, read);
  auto file_problem = [&](int line, const std::string& message) {
    Problem problem;
    problem.where.file = path;
    problem.where.line = line;
    problem.message = message;
    errors.Add(std::move(problem));
  };
  // One kind of problem at a time, the most basic first: a file that is not
  // CSV, then one without a header, then a header that names no table.
  if (!read.rows.syntax_ok) {
    file_problem(read.rows.error_line, read.rows.error_message);
  } else if (!read.header_seen) {
    file_problem(0, "empty CSV file: expected a header row");
  } else if (!read.header_ok) {
    AppendErrors(errors, std::move(read.header_errors));
  } else {
    AppendDataset(dataset, std::move(read.rows.dataset));
    AppendErrors(errors, std::move(read.rows.errors));
  }
}

}  // namespace partnergraph::io
