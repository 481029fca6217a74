#include "partnergraph/exporter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "io/export_support.h"
#include "model/record_json.h"

namespace partnergraph {

namespace io {

ValueType TypeOfText(std::string_view text) {
  if (text == "true" || text == "false") return ValueType::kBoolean;
  if (text.empty()) return ValueType::kString;
  std::string_view digits = text.front() == '-' ? text.substr(1) : text;
  // A leading zero ("007") or a plus sign is an identifier, not a number.
  if (digits.empty() || (digits.size() > 1 && digits.front() == '0' && digits[1] != '.')) {
    return ValueType::kString;
  }
  if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return digits.size() <= 18 ? ValueType::kLong : ValueType::kString;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(value) &&
      (digits.front() >= '0' && digits.front() <= '9')) {
    return ValueType::kDouble;
  }
  return ValueType::kString;
}

namespace {

void Widen(std::map<std::string, ValueType>& types, const std::string& key,
           std::string_view value) {
  const ValueType type = TypeOfText(value);
  auto [it, added] = types.emplace(key, type);
  if (added || it->second == type) return;
  const bool numbers = (it->second == ValueType::kLong || it->second == ValueType::kDouble) &&
                       (type == ValueType::kLong || type == ValueType::kDouble);
  it->second = numbers ? ValueType::kDouble : ValueType::kString;
}

std::vector<AttributeColumn> Columns(const std::map<std::string, ValueType>& types,
                                     const std::set<std::string, std::less<>>& fixed) {
  std::vector<AttributeColumn> columns;
  columns.reserve(types.size());
  for (const auto& [key, type] : types) {
    columns.push_back({key, fixed.contains(key) ? "attr_" + key : key, type});
  }
  return columns;
}

}  // namespace

Result<AttributeColumns> CollectAttributeColumns(const ExportInput& input) {
  std::map<std::string, ValueType> entity_types;
  std::map<std::string, ValueType> relation_types;
  Status s = input.ForEachEntity([&](const Entity& entity) {
    for (const auto& [key, value] : entity.attributes) Widen(entity_types, key, value);
    return true;
  });
  if (!s.ok()) return s;
  s = input.ForEachRelation([&](const Relation& relation) {
    for (const auto& [key, value] : relation.attributes) Widen(relation_types, key, value);
    return true;
  });
  if (!s.ok()) return s;
  return AttributeColumns{Columns(entity_types, EntityFieldNames()),
                          Columns(relation_types, RelationFieldNames())};
}

namespace {
std::string DayText(int32_t yyyymmdd) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100,
                yyyymmdd % 100);
  return text;
}
}  // namespace

std::string FirstDayText(const PartialDate& date) {
  return date.empty() ? std::string() : DayText(date.FirstDay());
}
std::string LastDayText(const PartialDate& date) {
  return date.empty() ? std::string() : DayText(date.LastDay());
}
std::string FullDateText(const PartialDate& date) {
  return date.day() != 0 ? date.ToString() : std::string();
}

std::string NumberText(double value) { return AmountValueToJson(value).dump(); }

// RFC 4180: quote a cell holding a comma, quote or line break; double quotes.
// Also quote a cell that starts or ends with a space or tab: libcsv trims
// those from unquoted cells on import, which would change the text.
std::string CsvCell(std::string_view text) {
  const bool padded = !text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                        text.back() == ' ' || text.back() == '\t');
  if (!padded && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvRow(std::ostream& out, const std::vector<std::string>& cells) {
  bool first = true;
  for (const std::string& cell : cells) {
    if (!first) out << ',';
    out << CsvCell(cell);
    first = false;
  }
  out << "\r\n";
}

Status OpenForWrite(const std::string& path, std::ofstream& out) {
  out.open(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path);
  return Status::Ok();
}

Status CreateFolder(const std::string& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return Status::IOError("cannot create " + directory + ": " + ec.message());
  return Status::Ok();
}

Status CheckWritten(std::ofstream& out, const std::string& path) {
  out.flush();
  if (!out) return Status::IOError("write failed in " + path + " (disk full?)");
  return Status::Ok();
}

}  // namespace io

namespace {

namespace fs = std::filesystem;
using io::CsvCell;
using io::CsvRow;

class StoreInput final : public ExportInput {
 public:
  explicit StoreInput(const Store& store) : store_(store) {}
  Status ForEachSource(const std::function<bool(const SourceDocument&)>& visit) const override {
    return store_.ForEachSource(visit);
  }
  Status ForEachEntity(const std::function<bool(const Entity&)>& visit) const override {
    return store_.ForEachEntity(visit);
  }
  Status ForEachRelation(const std::function<bool(const Relation&)>& visit) const override {
    return store_.ForEachRelation(visit);
  }

 private:
  const Store& store_;
};

class RecordsInput final : public ExportInput {
 public:
  RecordsInput(std::vector<SourceDocument> sources, std::vector<Entity> entities,
               std::vector<Relation> relations)
      : sources_(std::move(sources)),
        entities_(std::move(entities)),
        relations_(std::move(relations)) {}
  Status ForEachSource(const std::function<bool(const SourceDocument&)>& visit) const override {
    return Each(sources_, visit);
  }
  Status ForEachEntity(const std::function<bool(const Entity&)>& visit) const override {
    return Each(entities_, visit);
  }
  Status ForEachRelation(const std::function<bool(const Relation&)>& visit) const override {
    return Each(relations_, visit);
  }

 private:
  template <typename T>
  static Status Each(const std::vector<T>& records, const std::function<bool(const T&)>& visit) {
    for (const T& record : records) {
      if (!visit(record)) break;
    }
    return Status::Ok();
  }
  std::vector<SourceDocument> sources_;
  std::vector<Entity> entities_;
  std::vector<Relation> relations_;
};

std::string Dump(const OrderedJson& json) {
  // Strict: stored text is valid UTF-8 (checked on import), so this never throws.
  return json.dump(-1, ' ', false, OrderedJson::error_handler_t::strict);
}

// One record a line, so exports diff well and import errors name a line.
Status WriteJsonDocument(const ExportInput& store, std::ostream& out) {
  Status s;
  auto section = [&](const char* name, bool last, auto for_each, auto to_json) {
    out << "  \"" << name << "\": [";
    bool first = true;
    Status scan = (store.*for_each)([&](const auto& record) {
      out << (first ? "\n    " : ",\n    ") << Dump(to_json(record));
      first = false;
      return true;
    });
    out << (first ? "]" : "\n  ]") << (last ? "\n" : ",\n");
    return scan;
  };
  out << "{\n";
  s = section("sources", false, &ExportInput::ForEachSource, &SourceToJson);
  if (s.ok()) s = section("entities", false, &ExportInput::ForEachEntity, &EntityToJson);
  if (s.ok()) s = section("relations", true, &ExportInput::ForEachRelation, &RelationToJson);
  out << "}\n";
  return s;
}

Status WriteJsonLines(const ExportInput& store, std::ostream& out) {
  auto line = [&out](const char* record_class, const OrderedJson& fields) {
    OrderedJson json;
    json["record"] = record_class;
    for (const auto& [key, value] : fields.items()) json[key] = value;
    out << Dump(json) << '\n';
    return true;
  };
  Status s = store.ForEachSource(
      [&](const SourceDocument& source) { return line("source", SourceToJson(source)); });
  if (s.ok()) {
    s = store.ForEachEntity(
        [&](const Entity& entity) { return line("entity", EntityToJson(entity)); });
  }
  if (s.ok()) {
    s = store.ForEachRelation(
        [&](const Relation& relation) { return line("relation", RelationToJson(relation)); });
  }
  return s;
}

void GraphMlData(std::ostream& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out << "      <data key=\"" << XmlText(key) << "\">" << XmlText(value) << "</data>\n";
}

// Key ids must be unique in a GraphML file, and nodes have "attributes" too.
constexpr const char* kEdgeAttributesKey = "edge_attributes";

const char* GraphMlType(io::ValueType type) {
  switch (type) {
    case io::ValueType::kLong:
      return "long";
    case io::ValueType::kDouble:
      return "double";
    case io::ValueType::kBoolean:
      return "boolean";
    case io::ValueType::kString:
      break;
  }
  return "string";
}

// `label` is the name Gephi shows (its GraphML reader maps the attr.name
// "label" to a node's and edge's label, and "start" / "end" to an edge's
// time interval, read as ISO dates: the first day of `since`, the last of
// `until`). Each attribute is also a key of its own, typed by its values,
// so Gephi's data laboratory sorts and filters numbers as numbers; the
// "attributes" JSON keeps them all for a round trip.
Status WriteGraphMl(const ExportInput& store, std::ostream& out) {
  Result<io::AttributeColumns> columns = io::CollectAttributeColumns(store);
  if (!columns) return columns.error();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  static constexpr const char* kNodeKeys[] = {"label",   "kind",    "name_en",
                                              "name_zh", "aliases", "attributes"};
  static constexpr const char* kEdgeKeys[] = {
      "edge_label", "type",     "title", "since",      "until",      "start",       "end",
      "amount",     "currency", "role",  "attributes", "source_doc", "source_quote"};
  for (const char* key : kNodeKeys) {
    out << "  <key id=\"" << key << "\" for=\"node\" attr.name=\"" << key
        << "\" attr.type=\"string\"/>\n";
  }
  for (const char* key : kEdgeKeys) {
    std::string_view name = key;
    if (name == "attributes") key = kEdgeAttributesKey;
    if (name == "edge_label") name = "label";
    out << "  <key id=\"" << key << "\" for=\"edge\" attr.name=\"" << name << "\" attr.type=\""
        << (name == "amount" ? "double" : "string") << "\"/>\n";
  }
  for (const io::AttributeColumn& column : columns->entity) {
    out << "  <key id=\"node_" << XmlText(column.key) << "\" for=\"node\" attr.name=\""
        << XmlText(column.name) << "\" attr.type=\"" << GraphMlType(column.type) << "\"/>\n";
  }
  for (const io::AttributeColumn& column : columns->relation) {
    out << "  <key id=\"edge_" << XmlText(column.key) << "\" for=\"edge\" attr.name=\""
        << XmlText(column.name) << "\" attr.type=\"" << GraphMlType(column.type) << "\"/>\n";
  }
  out << "  <graph id=\"partnergraph\" edgedefault=\"directed\">\n";
  Status s = store.ForEachEntity([&](const Entity& entity) {
    out << "    <node id=\"" << XmlText(entity.id) << "\">\n";
    GraphMlData(out, "label", entity.DisplayName());
    GraphMlData(out, "kind", entity.kind);
    GraphMlData(out, "name_en", entity.name.en);
    GraphMlData(out, "name_zh", entity.name.zh);
    if (!entity.aliases.empty()) GraphMlData(out, "aliases", Dump(entity.aliases));
    if (!entity.attributes.empty()) GraphMlData(out, "attributes", Dump(entity.attributes));
    for (const auto& [key, value] : entity.attributes) GraphMlData(out, "node_" + key, value);
    out << "    </node>\n";
    return true;
  });
  if (!s.ok()) return s;
  s = store.ForEachRelation([&](const Relation& relation) {
    out << "    <edge id=\"" << XmlText(relation.id) << "\" source=\"" << XmlText(relation.from)
        << "\" target=\"" << XmlText(relation.to) << "\">\n";
    GraphMlData(out, "edge_label", relation.title.empty() ? relation.type : relation.title);
    GraphMlData(out, "type", relation.type);
    GraphMlData(out, "title", relation.title);
    GraphMlData(out, "since", relation.since.ToString());
    GraphMlData(out, "until", relation.until.ToString());
    GraphMlData(out, "start", io::FirstDayText(relation.since));
    GraphMlData(out, "end", io::LastDayText(relation.until));
    if (relation.amount) {
      GraphMlData(out, "amount", Dump(AmountValueToJson(relation.amount->value)));
      GraphMlData(out, "currency", relation.amount->currency);
    }
    GraphMlData(out, "role", relation.role);
    if (!relation.attributes.empty()) {
      GraphMlData(out, kEdgeAttributesKey, Dump(relation.attributes));
    }
    if (relation.source) {
      GraphMlData(out, "source_doc", relation.source->doc);
      GraphMlData(out, "source_quote", relation.source->quote);
    }
    for (const auto& [key, value] : relation.attributes) GraphMlData(out, "edge_" + key, value);
    out << "    </edge>\n";
    return true;
  });
  out << "  </graph>\n</graphml>\n";
  return s;
}

std::string AliasesCell(const std::vector<std::string>& aliases) {
  // '|' separates aliases; fall back to a JSON list when an alias holds one.
  std::string joined;
  for (const std::string& alias : aliases) {
    if (alias.find('|') != std::string::npos || alias.starts_with('[')) {
      return Dump(OrderedJson(aliases));
    }
    if (!joined.empty()) joined.push_back('|');
    joined += alias;
  }
  return joined;
}

Status WriteCsvFolder(const ExportInput& store, const std::string& directory) {
  Status s = io::CreateFolder(directory);
  if (!s.ok()) return s;
  std::ofstream nodes;
  std::ofstream edges;
  std::ofstream sources;
  const std::string nodes_path = (fs::path(directory) / "nodes.csv").string();
  const std::string edges_path = (fs::path(directory) / "edges.csv").string();
  const std::string sources_path = (fs::path(directory) / "sources.csv").string();
  s = io::OpenForWrite(nodes_path, nodes);
  if (s.ok()) s = io::OpenForWrite(edges_path, edges);
  if (s.ok()) s = io::OpenForWrite(sources_path, sources);
  if (!s.ok()) return s;

  CsvRow(sources, {"doc", "title", "language", "url", "symbol", "short_title", "title_en",
                   "published", "period_since", "period_until"});
  s = store.ForEachSource([&](const SourceDocument& source) {
    CsvRow(sources, {source.doc, source.title, source.language, source.url, source.symbol,
                     source.short_title, source.title_en, source.published.ToString(),
                     source.period_since.ToString(), source.period_until.ToString()});
    return true;
  });
  if (!s.ok()) return s;
  CsvRow(nodes, {"id", "kind", "name_en", "name_zh", "aliases", "attributes"});
  s = store.ForEachEntity([&](const Entity& entity) {
    CsvRow(nodes,
           {entity.id, entity.kind, entity.name.en, entity.name.zh, AliasesCell(entity.aliases),
            entity.attributes.empty() ? "" : Dump(OrderedJson(entity.attributes))});
    return true;
  });
  if (!s.ok()) return s;
  CsvRow(edges, {"id", "type", "from", "to", "title", "since", "until", "amount", "currency",
                 "role", "attributes", "source_doc", "source_quote"});
  s = store.ForEachRelation([&](const Relation& r) {
    CsvRow(edges, {r.id, r.type, r.from, r.to, r.title, r.since.ToString(), r.until.ToString(),
                   r.amount ? Dump(AmountValueToJson(r.amount->value)) : "",
                   r.amount ? r.amount->currency : "", r.role,
                   r.attributes.empty() ? "" : Dump(OrderedJson(r.attributes)),
                   r.source ? r.source->doc : "", r.source ? r.source->quote : ""});
    return true;
  });
  if (!s.ok()) return s;
  s = io::CheckWritten(nodes, nodes_path);
  if (s.ok()) s = io::CheckWritten(edges, edges_path);
  if (s.ok()) s = io::CheckWritten(sources, sources_path);
  return s;
}

}  // namespace

const std::vector<ExportFormatInfo>& ExportFormats() {
  static const auto* const kFormats = new std::vector<ExportFormatInfo>{
      {ExportFormat::kJson,
       "json",
       {},
       "one JSON document: sources, entities, relations",
       false,
       &WriteJsonDocument},
      {ExportFormat::kJsonLines,
       "jsonl",
       {"ndjson"},
       "JSON Lines, one record a line",
       false,
       &WriteJsonLines},
      {ExportFormat::kCsv,
       "csv",
       {},
       "a folder of nodes.csv, edges.csv and sources.csv",
       true,
       nullptr,
       &WriteCsvFolder},
      {ExportFormat::kGraphMl,
       "graphml",
       {},
       "GraphML, every field as node and edge data",
       false,
       &WriteGraphMl},
      {ExportFormat::kGexf,
       "gexf",
       {},
       "GEXF 1.3 for Gephi: labels, typed attributes, relation periods as spells",
       false,
       &io::WriteGexf},
      {ExportFormat::kCytoscape,
       "cytoscape",
       {"cyjs"},
       "Cytoscape.js JSON: elements with unique ids",
       false,
       &io::WriteCytoscape},
      {ExportFormat::kNeo4j,
       "neo4j",
       {},
       "a folder of Neo4j bulk-import CSVs, a manifest and the neo4j-admin command",
       true,
       nullptr,
       &io::WriteNeo4jFolder},
      {ExportFormat::kAge,
       "age",
       {},
       "a folder of Apache AGE (PostgreSQL) CSVs and the SQL script that loads them",
       true,
       nullptr,
       &io::WriteAgeFolder},
  };
  return *kFormats;
}

const ExportFormatInfo& FindExportFormat(ExportFormat format) {
  for (const ExportFormatInfo& info : ExportFormats()) {
    if (info.format == format) return info;
  }
  return ExportFormats().front();  // unreachable: every enum value has a row
}

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  std::vector<std::string> names;
  for (const ExportFormatInfo& info : ExportFormats()) {
    if (info.name == name) return info.format;
    for (std::string_view alias : info.aliases) {
      if (alias == name) return info.format;
    }
    names.emplace_back(info.name);
  }
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return Status::InvalidArgument("unknown export format \"" + PrintableText(name) + "\"" +
                                 DidYouMean(name, names) + " (use " + list + ")");
}

Status ExportTo(const ExportInput& input, ExportFormat format, std::ostream& out) {
  const ExportFormatInfo& info = FindExportFormat(format);
  if (info.folder) {
    std::string name(info.name);
    for (char& c : name) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return Status::InvalidArgument(name + " export writes a folder of tables: give -o DIRECTORY");
  }
  Status s = info.write(input, out);
  if (!s.ok()) return s;
  out.flush();
  if (!out) return Status::IOError("write failed (disk full?)");
  return Status::Ok();
}

Status ExportTo(const Store& store, ExportFormat format, std::ostream& out) {
  return ExportTo(StoreInput(store), format, out);
}

Status ExportToFolder(const ExportInput& input, ExportFormat format, const std::string& directory) {
  const ExportFormatInfo& info = FindExportFormat(format);
  if (!info.folder) {
    return Status::InvalidArgument(std::string(info.name) +
                                   " export writes one file, not a folder");
  }
  return info.write_folder(input, directory);
}

Status ExportCsv(const Store& store, const std::string& directory) {
  return WriteCsvFolder(StoreInput(store), directory);
}

std::unique_ptr<ExportInput> StoreExportInput(const Store& store) {
  return std::make_unique<StoreInput>(store);
}

Result<std::unique_ptr<ExportInput>> ViewExportInput(const Store& store, const GraphView& view) {
  std::vector<Entity> entities = view.entities;
  std::vector<Relation> relations = view.relations;
  std::sort(entities.begin(), entities.end(),
            [](const Entity& a, const Entity& b) { return a.id < b.id; });
  std::sort(relations.begin(), relations.end(),
            [](const Relation& a, const Relation& b) { return a.id < b.id; });
  std::set<std::string> docs;
  for (const Relation& relation : relations) {
    if (relation.source && !relation.source->doc.empty()) docs.insert(relation.source->doc);
  }
  std::vector<SourceDocument> sources;
  for (const std::string& doc : docs) {
    Result<SourceDocument> source = store.GetSource(doc);
    if (!source) return source.error();
    sources.push_back(std::move(*source));
  }
  return std::unique_ptr<ExportInput>(std::make_unique<RecordsInput>(
      std::move(sources), std::move(entities), std::move(relations)));
}

}  // namespace partnergraph
