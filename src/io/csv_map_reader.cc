// CSV edge lists of other tools, read through a map of columns to fields.
//
// Kumu writes connections as From, To, Type (and Label, Description,
// Tags, ...), Gephi's data laboratory edges as Source, Target, Type (directed
// or undirected), Id, Label, Weight. Neither holds what PartnerGraph's own
// edges.csv holds under its names, so `--map 'From=from,To=to,Type=type'`
// says which column is which field. Rules, chosen so that nothing is
// guessed or silently dropped:
// - every column of the header is mapped: to a field, to attribute:NAME, or
//   to "-" to leave it out; a column the map names must be in the header;
// - every relation cites its source with a quote of its own: the quote
//   comes from a column (source_quote), the document from a column
//   (source_doc) or, for the rows whose doc cell is empty, from --source;
//   one quote for every row would cite nothing in particular, so there is
//   no --quote;
// - a row without an id gets one derived from its content (type, endpoints
//   as resolved, dates, amount, title, role, citation, attributes), so the
//   same file imported again changes nothing, and two equal rows are one
//   mistake reported, not two relations;
// - with --resolve-names, From and To may be names: an id, else an exact
//   English or Chinese name or alias after normalisation (case, width,
//   spaces), as entity arguments are resolved, among the stored entities
//   and those of the same import; never a near match: a name that fits
//   several entities is an error listing them, one that fits none an error
//   suggesting the nearest.
#include "io/csv_map_reader.h"

#include <csv.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "io/readers.h"
#include "io/text_position.h"

namespace partnergraph::io {
namespace {

// The fields a column can fill. DO NOT RENAME: users write them in --map.
constexpr std::string_view kFields[] = {"id",       "type",  "from",       "to",
                                        "title",    "since", "until",      "amount",
                                        "currency", "role",  "source_doc", "source_quote"};
constexpr std::string_view kAttributePrefix = "attribute:";

std::string Trim(std::string_view text) {
  size_t start = 0;
  size_t end = text.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (start < end && space(text[start])) ++start;
  while (end > start && space(text[end - 1])) --end;
  return std::string(text.substr(start, end - start));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// A lowercase slug of a-z, 0-9, '_' and '-', as record ids are.
std::string Slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string Quoted(std::string_view text) { return "\"" + PrintableText(text) + "\""; }

std::string FieldList() {
  std::string list;
  for (std::string_view field : kFields) list += (list.empty() ? "" : ", ") + std::string(field);
  return list + ", attribute:NAME, -";
}

// The field a map entry names, in its canonical spelling; "" if none.
std::string CanonicalField(std::string_view written) {
  std::string field = Lower(Trim(written));
  if (field == "-") return field;
  if (field == "doc") return "source_doc";
  if (field == "quote") return "source_quote";
  for (std::string_view known : kFields) {
    if (field == known) return field;
  }
  for (std::string_view prefix : {"attribute:", "attributes.", "attr:"}) {
    if (field.starts_with(prefix)) {
      // The attribute's name as written, case kept.
      const std::string name = Trim(Trim(written).substr(prefix.size()));
      return name.empty() ? "" : std::string(kAttributePrefix) + name;
    }
  }
  return "";
}

// libcsv's strict parse of one row (its text without the line break):
// its cells, or false with a message.
bool ParseRow(std::string_view row, std::vector<std::string>& cells, std::string& problem) {
  struct Collect {
    std::vector<std::string>* cells = nullptr;
    size_t rows = 0;
    static void OnField(void* field, size_t size, void* self) {
      static_cast<Collect*>(self)->cells->emplace_back(static_cast<const char*>(field), size);
    }
    static void OnRowEnd(int, void* self) { ++static_cast<Collect*>(self)->rows; }
  };
  struct ParserDeleter {
    void operator()(csv_parser* parser) const {
      csv_free(parser);
      delete parser;  // NOLINT(cppcoreguidelines-owning-memory): paired with new below
    }
  };
  std::unique_ptr<csv_parser, ParserDeleter> parser(new csv_parser);
  if (csv_init(parser.get(), CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
    problem = "cannot start the CSV parser";
    return false;
  }
  Collect collect{&cells};
  const size_t fed = csv_parse(parser.get(), row.data(), row.size(), &Collect::OnField,
                               &Collect::OnRowEnd, &collect);
  const bool ok = fed == row.size() &&
                  csv_fini(parser.get(), &Collect::OnField, &Collect::OnRowEnd, &collect) == 0;
  if (!ok) {
    problem = fed != row.size()
                  ? "CSV syntax: a quote inside an unquoted cell, or text after a closing quote "
                    "(inside a quoted cell, write a quote as \"\")"
                  : "CSV syntax: a quoted cell is never closed";
    return false;
  }
  return true;
}

// Where each cell of a row starts, as byte offsets in the row: strict CSV
// separates cells by the commas outside quotes.
std::vector<size_t> CellStarts(std::string_view row) {
  std::vector<size_t> starts = {0};
  bool quoted = false;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '"') {
      quoted = !quoted;
    } else if (row[i] == ',' && !quoted) {
      starts.push_back(i + 1);
    }
  }
  return starts;
}

// The end of the row starting at `begin`: just past the first line break
// outside quotes.
size_t RowEnd(std::string_view text, size_t begin) {
  bool quoted = false;
  for (size_t i = begin; i < text.size(); ++i) {
    if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == '\n' && !quoted) {
      return i + 1;
    }
  }
  return text.size();
}

// 64-bit FNV-1a: a stable digest of a row's content for its derived id.
uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string Hex(uint64_t value, size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(digits, '0');
  for (size_t i = digits; i-- > 0; value >>= 4) out[i] = kDigits[value & 0xF];
  return out;
}

std::string NumberText(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// The id of a row that has none: its endpoints and type, readable, and a
// digest of everything it says. DO NOT CHANGE: a changed id would make a
// re-import add every row again.
std::string DerivedId(const Relation& r) {
  constexpr char kSep = '\x1f';
  std::string content = r.type + kSep + r.from + kSep + r.to + kSep + r.since.ToString() + kSep +
                        r.until.ToString() + kSep;
  if (r.amount) content += NumberText(r.amount->value) + " " + r.amount->currency;
  content += kSep + r.title + kSep + r.role + kSep;
  if (r.source) content += r.source->doc + kSep + r.source->quote;
  for (const auto& [key, value] : r.attributes) {
    content.append(1, kSep).append(key).append("=").append(value);
  }
  const uint64_t hash = Fnv1a(content);
  std::string id;
  for (const std::string& part : {Slug(r.from), Slug(r.type), Slug(r.to)}) {
    if (!part.empty()) id += part + "-";
  }
  id += Hex(hash, 12);
  if (id.size() > 100) id = (Slug(r.type).empty() ? "" : Slug(r.type) + "-") + Hex(hash, 16);
  return id;
}

}  // namespace

Result<CsvMap> ParseCsvMap(std::string_view text, bool has_default_source) {
  CsvMap map;
  std::set<std::string> fields;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string entry = Trim(text.substr(start, comma - start));
    start = comma + 1;
    if (entry.empty()) continue;
    const size_t equals = entry.find('=');
    if (equals == std::string::npos) {
      return Status::InvalidArgument("--map: " + Quoted(entry) +
                                     " is not COLUMN=field (e.g. From=from,To=to,Type=type)");
    }
    CsvMapEntry mapped{Trim(entry.substr(0, equals)), CanonicalField(entry.substr(equals + 1))};
    if (mapped.column.empty()) {
      return Status::InvalidArgument("--map: " + Quoted(entry) + " names no column");
    }
    if (mapped.field.empty()) {
      std::vector<std::string> names(std::begin(kFields), std::end(kFields));
      return Status::InvalidArgument(
          "--map: unknown field " + Quoted(Trim(entry.substr(equals + 1))) + " for column " +
          Quoted(mapped.column) + DidYouMean(Lower(Trim(entry.substr(equals + 1))), names) +
          "; the fields: " + FieldList());
    }
    for (const CsvMapEntry& earlier : map.entries) {
      if (earlier.column == mapped.column) {
        return Status::InvalidArgument("--map: column " + Quoted(mapped.column) +
                                       " is mapped twice");
      }
    }
    if (mapped.field != "-" && !fields.insert(mapped.field).second) {
      return Status::InvalidArgument("--map: two columns fill the field " + mapped.field +
                                     "; map one to it and the other to - (left out) or to "
                                     "attribute:NAME");
    }
    map.entries.push_back(std::move(mapped));
  }
  for (const char* required : {"from", "to", "type"}) {
    if (!fields.contains(required)) {
      return Status::InvalidArgument(std::string("--map: no column is mapped to ") + required +
                                     ": every relation needs from, to and type (e.g. "
                                     "From=from,To=to,Type=type)");
    }
  }
  if (!fields.contains("source_quote")) {
    return Status::InvalidArgument(
        "--map: no column is mapped to source_quote: every relation cites its source with a "
        "short exact quote of its own (map a column, e.g. Quote=source_quote)");
  }
  if (!fields.contains("source_doc") && !has_default_source) {
    return Status::InvalidArgument(
        "--map: no column is mapped to source_doc and no --source DOC is given: every relation "
        "names the document it quotes");
  }
  if (fields.contains("amount") != fields.contains("currency")) {
    return Status::InvalidArgument(
        "--map: an amount needs its currency: map both amount and currency, or neither");
  }
  return map;
}

void ReadMappedCsv(const std::string& path, std::string_view text, const ImportOptions& options,
                   CsvMapState& state, ValidationErrors& errors) {
  if (!CheckUtf8(path, text, errors)) return;
  const LineIndex lines(text);
  auto at = [&](size_t offset) {
    return SourceLocation{path, lines.Line(offset), lines.Column(offset), -1};
  };
  auto problem = [&](const SourceLocation& where, const std::string& subject,
                     const std::string& field, const std::string& message) {
    errors.Add(Problem{where, subject, field, message});
  };
  const CsvMap& map = state.map;
  std::vector<std::string> header;
  std::vector<std::string> field_of;  // the field of each header column
  bool header_seen = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = RowEnd(text, pos);
    std::string_view row = text.substr(pos, end - pos);
    while (!row.empty() && (row.back() == '\n' || row.back() == '\r')) row.remove_suffix(1);
    const size_t row_start = pos;
    pos = end;
    if (Trim(row).empty()) continue;  // a blank line
    std::vector<std::string> cells;
    std::string syntax;
    if (!ParseRow(row, cells, syntax)) {
      problem(at(row_start), "", "", syntax);
      if (!header_seen) return;
      continue;
    }
    const std::vector<size_t> starts = CellStarts(row);
    auto cell_at = [&](size_t k) { return at(row_start + (k < starts.size() ? starts[k] : 0)); };

    if (!header_seen) {
      header_seen = true;
      header = cells;
      field_of.assign(header.size(), "");
      bool header_ok = true;
      for (size_t k = 0; k < header.size(); ++k) {
        header[k] = Trim(header[k]);
        for (size_t j = 0; j < k; ++j) {
          if (header[j] == header[k]) {
            problem(cell_at(k), "column " + Quoted(header[k]), "",
                    "the header names this column twice; name each column once");
            header_ok = false;
          }
        }
      }
      // Each entry of the map: its column exactly, else one that differs
      // in case only.
      for (const CsvMapEntry& entry : map.entries) {
        size_t found = header.size();
        for (size_t k = 0; k < header.size() && found == header.size(); ++k) {
          if (header[k] == entry.column) found = k;
        }
        for (size_t k = 0; k < header.size() && found == header.size(); ++k) {
          if (Lower(header[k]) == Lower(entry.column)) found = k;
        }
        if (found == header.size()) {
          std::string list;
          for (const std::string& name : header) list += (list.empty() ? "" : ", ") + name;
          problem(at(row_start), "", "",
                  "--map names the column " + Quoted(entry.column) +
                      ", which the header does not have" + DidYouMean(entry.column, header) +
                      "; its columns: " + PrintableText(list, 400));
          header_ok = false;
          continue;
        }
        field_of[found] = entry.field;
      }
      for (size_t k = 0; k < header.size(); ++k) {
        if (!field_of[k].empty()) continue;
        problem(cell_at(k), "column " + Quoted(header[k]), "",
                "not in --map: map it to a field (" + PrintableText(header[k]) +
                    "=attribute:" + Slug(header[k]) + " keeps it as an attribute) or to - (" +
                    PrintableText(header[k]) + "=-) to leave it out");
        header_ok = false;
      }
      if (!header_ok) return;
      continue;
    }

    MappedRow mapped;
    mapped.where = at(row_start);
    mapped.where.column = 1;
    if (cells.size() != header.size()) {
      problem(mapped.where, "", "",
              "row has " + std::to_string(cells.size()) + " cells, the header " +
                  std::to_string(header.size()));
      continue;
    }
    Relation& relation = mapped.relation;
    std::string amount_text;
    std::string currency;
    std::string doc;
    std::string quote;
    auto fail = [&](const std::string& field, const std::string& message) {
      auto cell = mapped.cells.find(field);
      problem(cell == mapped.cells.end() ? mapped.where : cell->second,
              "column " + Quoted(mapped.columns.count(field) ? mapped.columns[field] : field),
              field, message);
      mapped.failed = true;
    };
    for (size_t k = 0; k < header.size(); ++k) {
      const std::string& field = field_of[k];
      if (field == "-") continue;
      mapped.cells[field] = cell_at(k);
      mapped.columns[field] = header[k];
      const std::string& cell = cells[k];
      if (Trim(cell).empty()) continue;
      if (field == "id") {
        relation.id = Trim(cell);
      } else if (field == "type") {
        // Schema types are lowercase; "Funds" in a spreadsheet means funds.
        relation.type = Lower(Trim(cell));
      } else if (field == "from") {
        relation.from = Trim(cell);
      } else if (field == "to") {
        relation.to = Trim(cell);
      } else if (field == "title") {
        relation.title = cell;
      } else if (field == "role") {
        relation.role = cell;
      } else if (field == "since" || field == "until") {
        Result<PartialDate> date = PartialDate::Parse(Trim(cell));
        if (!date) {
          fail(field, field + " " + Quoted(cell) +
                          " is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real day)");
        } else {
          (field == "since" ? relation.since : relation.until) = *date;
        }
      } else if (field == "amount") {
        amount_text = Trim(cell);
      } else if (field == "currency") {
        currency = Trim(cell);
      } else if (field == "source_doc") {
        doc = Trim(cell);
      } else if (field == "source_quote") {
        quote = cell;
      } else if (field.starts_with(kAttributePrefix)) {
        relation.attributes[field.substr(kAttributePrefix.size())] = cell;
      }
    }
    for (const char* required : {"from", "to", "type"}) {
      const std::string& value = std::string(required) == "from" ? relation.from
                                 : std::string(required) == "to" ? relation.to
                                                                 : relation.type;
      if (value.empty()) fail(required, std::string("is empty: every row needs its ") + required);
    }
    if (!amount_text.empty()) {
      double value = 0;
      const char* last = amount_text.data() + amount_text.size();
      auto [end_of_number, ec] = std::from_chars(amount_text.data(), last, value);
      if (ec != std::errc() || end_of_number != last || !std::isfinite(value)) {
        fail("amount", "amount " + Quoted(amount_text) +
                           " is not a number: write digits, with '.' before decimals and no "
                           "thousands separators (1500000.50)");
      } else if (value < 0) {
        fail("amount", "amount " + Quoted(amount_text) + " is negative");
      } else if (currency.empty()) {
        fail("currency", "is empty: the amount " + PrintableText(amount_text) +
                             " needs its currency (ISO 4217, such as USD)");
      } else {
        relation.amount = Amount{value == 0 ? 0 : value, currency};
      }
    }
    if (doc.empty()) doc = options.csv_source;
    if (doc.empty()) {
      fail("source_doc",
           "is empty, and no --source DOC is given: every relation names the "
           "document it quotes");
    }
    if (IsBlank(quote)) {
      fail("source_quote", "is empty: every relation cites its source with a short exact quote");
    }
    relation.source = Citation{doc, quote};
    state.rows.push_back(std::move(mapped));
  }
  if (!header_seen) {
    problem(SourceLocation{path, 1, 1, -1}, "", "", "empty CSV file: expected a header row");
  }
}

namespace {

// Resolves endpoint names as entity arguments are resolved (an id, else an
// exact normalised name or alias), among the stored entities and those of
// the import; caches each text's answer.
class NameResolver {
 public:
  NameResolver(const Store& store, const Dataset& dataset) : store_(store), dataset_(dataset) {
    for (const Located<Entity>& located : dataset.entities) {
      const Entity& e = located.record;
      ids_.insert(e.id);
      for (const std::string* name : {&e.id, &e.name.en, &e.name.zh}) {
        if (!name->empty()) names_[NormaliseName(*name)].insert(e.id);
      }
      for (const std::string& alias : e.aliases) names_[NormaliseName(alias)].insert(e.id);
    }
  }

  // The entity id, or "" with `problem` set.
  std::string Resolve(const std::string& text, std::string& problem) {
    auto cached = cache_.find(text);
    if (cached != cache_.end()) {
      problem = cached->second.second;
      return cached->second.first;
    }
    std::string id = Find(text, problem);
    cache_[text] = {id, problem};
    return id;
  }

 private:
  std::string Find(const std::string& text, std::string& problem) {
    if (ids_.contains(text) || store_.HasEntity(text)) return text;
    const std::string normalised = NormaliseName(text);
    if (normalised.empty()) {
      problem = "names no entity";
      return "";
    }
    std::set<std::string> ids;
    Result<std::vector<NameMatch>> equal = store_.NamesEqual(normalised);
    if (equal) {
      for (const NameMatch& match : *equal) {
        if (match.field == NameField::kId) return match.entity_id;
        ids.insert(match.entity_id);
      }
    }
    if (auto named = names_.find(normalised); named != names_.end()) {
      ids.insert(named->second.begin(), named->second.end());
    }
    if (ids.size() == 1) return *ids.begin();
    if (ids.size() > 1) {
      problem = Quoted(text) + " names " + std::to_string(ids.size()) +
                " entities; write the id of the one meant:";
      for (const std::string& id : ids) problem += " " + id + " (" + Describe(id) + ");";
      problem.pop_back();
      return "";
    }
    problem = "no entity is named " + Quoted(text) + Suggestion(normalised);
    return "";
  }

  std::string Describe(const std::string& id) const {
    for (const Located<Entity>& located : dataset_.entities) {
      if (located.record.id == id) return located.record.DisplayName() + ", " + located.record.kind;
    }
    Result<Entity> entity = store_.GetEntity(id);
    return entity ? entity->DisplayName() + ", " + entity->kind : std::string("?");
  }

  // " (did you mean "ID" (NAME)?)": the entity whose name or id is nearest
  // by edit distance, or one whose name starts with the text.
  std::string Suggestion(const std::string& normalised) {
    constexpr size_t kMaxNamesScanned = 200000;
    if (!names_loaded_) {
      names_loaded_ = true;
      Result<std::vector<NameMatch>> all = store_.NamesStartingWith("");
      if (all && all->size() <= kMaxNamesScanned) {
        for (NameMatch& match : *all) all_names_.emplace_back(match.normalised, match.entity_id);
      }
      for (const auto& [name, ids] : names_) {
        for (const std::string& id : ids) all_names_.emplace_back(name, id);
      }
    }
    std::vector<std::string> candidates;
    candidates.reserve(all_names_.size());
    for (const auto& entry : all_names_) candidates.push_back(entry.first);
    std::optional<std::string> nearest = ClosestMatch(normalised, candidates);
    if (!nearest) {
      for (const auto& [name, id] : all_names_) {
        if (name.starts_with(normalised)) {
          nearest = name;
          break;
        }
      }
    }
    if (!nearest) return "";
    for (const auto& [name, id] : all_names_) {
      if (name == *nearest) return " (did you mean " + Quoted(id) + ", " + Describe(id) + "?)";
    }
    return "";
  }

  const Store& store_;
  const Dataset& dataset_;
  std::set<std::string> ids_;
  std::map<std::string, std::set<std::string>> names_;  // normalised name -> ids
  std::map<std::string, std::pair<std::string, std::string>> cache_;
  bool names_loaded_ = false;
  std::vector<std::pair<std::string, std::string>> all_names_;  // normalised name, id
};

}  // namespace

void FinishMappedCsv(CsvMapState& state, const Store& store, const ImportOptions& options,
                     Dataset& dataset, ValidationErrors& errors) {
  std::unique_ptr<NameResolver> resolver;
  if (options.resolve_names) resolver = std::make_unique<NameResolver>(store, dataset);
  std::map<std::string, const MappedRow*> derived;  // derived id -> the row that has it
  for (MappedRow& row : state.rows) {
    Relation& relation = row.relation;
    for (const char* end : {"from", "to"}) {
      std::string& id = std::string(end) == "from" ? relation.from : relation.to;
      if (!resolver || id.empty()) continue;
      std::string problem;
      std::string resolved = resolver->Resolve(id, problem);
      if (resolved.empty()) {
        auto cell = row.cells.find(end);
        errors.Add(Problem{cell == row.cells.end() ? row.where : cell->second,
                           "column " + Quoted(row.columns[end]), end, problem});
        row.failed = true;
      }
      id = resolved;
    }
    if (relation.id.empty()) {
      relation.id = DerivedId(relation);
      auto [it, inserted] = derived.emplace(relation.id, &row);
      if (!inserted && !row.failed) {
        errors.Add(Problem{row.where, "", "",
                           "this row repeats the row at line " +
                               std::to_string(it->second->where.line) +
                               ": the same relation twice (delete one, or give each an id)"});
        continue;
      }
    }
    dataset.relations.push_back({relation, row.where, row.failed});
  }
}

void PlaceMappedCsvProblems(const CsvMapState& state, ValidationErrors& errors) {
  if (state.rows.empty()) return;
  std::map<std::pair<std::string, int>, const MappedRow*> rows;
  for (const MappedRow& row : state.rows) rows[{row.where.file, row.where.line}] = &row;
  for (Problem& problem : errors.problems) {
    if (!problem.subject.starts_with("relation ")) continue;  // not from validation
    auto it = rows.find({problem.where.file, problem.where.line});
    if (it == rows.end() || problem.where.column != 1) continue;
    const MappedRow& row = *it->second;
    std::string field = problem.field;
    if (field == "source") {
      field = problem.message.find("document") != std::string::npos ? "source_doc" : "source_quote";
    } else if (field == "attributes") {
      for (const auto& [name, where] : row.cells) {
        if (name.starts_with(kAttributePrefix)) {
          field = name;
          break;
        }
      }
    }
    auto cell = row.cells.find(field);
    if (cell != row.cells.end()) {
      problem.where = cell->second;
      problem.subject += " (column " + Quoted(row.columns.at(field)) + ")";
    } else if (field == "source_doc") {
      problem.subject += " (--source)";
    }
  }
}

}  // namespace partnergraph::io
