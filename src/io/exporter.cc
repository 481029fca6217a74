#include "partnergraph/exporter.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "model/record_json.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;

std::string Dump(const OrderedJson& json) {
  // Strict: stored text is valid UTF-8 (checked on import), so this never throws.
  return json.dump(-1, ' ', false, OrderedJson::error_handler_t::strict);
}

// One record a line, so exports diff well and import errors name a line.
Status WriteJsonDocument(const Store& store, std::ostream& out) {
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
  s = section("sources", false, &Store::ForEachSource, &SourceToJson);
  if (s.ok()) s = section("entities", false, &Store::ForEachEntity, &EntityToJson);
  if (s.ok()) s = section("relations", true, &Store::ForEachRelation, &RelationToJson);
  out << "}\n";
  return s;
}

Status WriteJsonLines(const Store& store, std::ostream& out) {
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

void GraphMlData(std::ostream& out, const char* key, std::string_view value) {
  if (value.empty()) return;
  out << "      <data key=\"" << key << "\">" << XmlText(value) << "</data>\n";
}

// Key ids must be unique in a GraphML file, and nodes have "attributes" too.
constexpr const char* kEdgeAttributesKey = "edge_attributes";

Status WriteGraphMl(const Store& store, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  static constexpr const char* kNodeKeys[] = {"kind", "name_en", "name_zh", "aliases",
                                              "attributes"};
  static constexpr const char* kEdgeKeys[] = {"type",       "title",       "since", "until",
                                              "amount",     "currency",    "role",  "attributes",
                                              "source_doc", "source_quote"};
  for (const char* key : kNodeKeys) {
    out << "  <key id=\"" << key << "\" for=\"node\" attr.name=\"" << key
        << "\" attr.type=\"string\"/>\n";
  }
  for (const char* key : kEdgeKeys) {
    const char* id = std::string_view(key) == "attributes" ? kEdgeAttributesKey : key;
    out << "  <key id=\"" << id << "\" for=\"edge\" attr.name=\"" << key << "\" attr.type=\""
        << (std::string_view(key) == "amount" ? "double" : "string") << "\"/>\n";
  }
  out << "  <graph id=\"partnergraph\" edgedefault=\"directed\">\n";
  Status s = store.ForEachEntity([&](const Entity& entity) {
    out << "    <node id=\"" << XmlText(entity.id) << "\">\n";
    GraphMlData(out, "kind", entity.kind);
    GraphMlData(out, "name_en", entity.name.en);
    GraphMlData(out, "name_zh", entity.name.zh);
    if (!entity.aliases.empty()) GraphMlData(out, "aliases", Dump(entity.aliases));
    if (!entity.attributes.empty()) GraphMlData(out, "attributes", Dump(entity.attributes));
    out << "    </node>\n";
    return true;
  });
  if (!s.ok()) return s;
  s = store.ForEachRelation([&](const Relation& relation) {
    out << "    <edge id=\"" << XmlText(relation.id) << "\" source=\"" << XmlText(relation.from)
        << "\" target=\"" << XmlText(relation.to) << "\">\n";
    GraphMlData(out, "type", relation.type);
    GraphMlData(out, "title", relation.title);
    GraphMlData(out, "since", relation.since.ToString());
    GraphMlData(out, "until", relation.until.ToString());
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
    out << "    </edge>\n";
    return true;
  });
  out << "  </graph>\n</graphml>\n";
  return s;
}

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

void CsvRow(std::ostream& out, std::initializer_list<std::string> cells) {
  bool first = true;
  for (const std::string& cell : cells) {
    if (!first) out << ',';
    out << CsvCell(cell);
    first = false;
  }
  out << "\r\n";
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

Status OpenForWrite(const fs::path& path, std::ofstream& out) {
  out.open(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + path.string());
  return Status::Ok();
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
       nullptr},
      {ExportFormat::kGraphMl,
       "graphml",
       {},
       "GraphML, every field as node and edge data",
       false,
       &WriteGraphMl},
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

Status ExportTo(const Store& store, ExportFormat format, std::ostream& out) {
  const ExportFormatInfo& info = FindExportFormat(format);
  if (info.folder) {
    std::string name(info.name);
    for (char& c : name) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return Status::InvalidArgument(name + " export writes a folder of tables: give -o DIRECTORY");
  }
  Status s = info.write(store, out);
  if (!s.ok()) return s;
  out.flush();
  if (!out) return Status::IOError("write failed (disk full?)");
  return Status::Ok();
}

Status ExportCsv(const Store& store, const std::string& directory) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return Status::IOError("cannot create " + directory + ": " + ec.message());
  std::ofstream nodes;
  std::ofstream edges;
  std::ofstream sources;
  Status s = OpenForWrite(fs::path(directory) / "nodes.csv", nodes);
  if (s.ok()) s = OpenForWrite(fs::path(directory) / "edges.csv", edges);
  if (s.ok()) s = OpenForWrite(fs::path(directory) / "sources.csv", sources);
  if (!s.ok()) return s;

  CsvRow(sources, {"doc", "title", "language", "url"});
  s = store.ForEachSource([&](const SourceDocument& source) {
    CsvRow(sources, {source.doc, source.title, source.language, source.url});
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
  for (std::ofstream* out : {&nodes, &edges, &sources}) {
    out->flush();
    if (!*out) return Status::IOError("write failed in " + directory + " (disk full?)");
  }
  return Status::Ok();
}

}  // namespace partnergraph
