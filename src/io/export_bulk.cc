// Folders of CSV files for graph databases that bulk-load them: Neo4j's
// `neo4j-admin database import full` and Apache AGE's load_labels_from_file /
// load_edges_from_file (PostgreSQL).
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "partnergraph/text.h"

#include "io/export_support.h"
#include "model/record_json.h"

namespace partnergraph::io {
namespace {

namespace fs = std::filesystem;

std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, OrderedJson::error_handler_t::strict);
}

std::string PathIn(const std::string& directory, const std::string& file) {
  return (fs::path(directory) / file).string();
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  std::ofstream out;
  Status s = OpenForWrite(path, out);
  if (!s.ok()) return s;
  out << text;
  return CheckWritten(out, path);
}

// Neo4j's header types for an attribute column.
std::string Neo4jHeader(const AttributeColumn& column) {
  switch (column.type) {
    case ValueType::kLong:
      return column.name + ":long";
    case ValueType::kDouble:
      return column.name + ":double";
    case ValueType::kBoolean:
      return column.name + ":boolean";
    case ValueType::kString:
      break;
  }
  return column.name;
}

std::string AttributeCell(const std::map<std::string, std::string>& attributes,
                          const std::string& key) {
  auto it = attributes.find(key);
  return it == attributes.end() ? std::string() : it->second;
}

// Neo4j reads arrays and the :LABEL column split on --array-delimiter; '|'
// is rare in names (an alias holding one is dropped, and the manifest says
// how many were).
constexpr char kNeo4jArrayDelimiter = '|';

}  // namespace

// nodes.csv: every entity, labelled Entity and its kind; relationships.csv:
// every relation, typed by its type. Dates typed `date` only when they name
// a whole day (Neo4j would read "2019" as 2019-01-01); the `_text` columns
// keep every date as the source gives it.
Status WriteNeo4jFolder(const ExportInput& input, const std::string& directory) {
  Result<AttributeColumns> columns = CollectAttributeColumns(input);
  if (!columns) return columns.error();
  Status s = CreateFolder(directory);
  if (!s.ok()) return s;
  const std::string nodes_path = PathIn(directory, "nodes.csv");
  const std::string relationships_path = PathIn(directory, "relationships.csv");
  std::ofstream nodes;
  std::ofstream relationships;
  s = OpenForWrite(nodes_path, nodes);
  if (s.ok()) s = OpenForWrite(relationships_path, relationships);
  if (!s.ok()) return s;

  std::vector<std::string> header = {"id:ID", ":LABEL",  "kind",
                                     "name",  "name_zh", "aliases:string[]"};
  for (const AttributeColumn& column : columns->entity) header.push_back(Neo4jHeader(column));
  CsvRow(nodes, header);
  std::map<std::string, uint64_t> labels;
  uint64_t node_count = 0;
  uint64_t dropped_aliases = 0;
  s = input.ForEachEntity([&](const Entity& entity) {
    std::string aliases;
    for (const std::string& alias : entity.aliases) {
      if (alias.find(kNeo4jArrayDelimiter) != std::string::npos) {
        ++dropped_aliases;
        continue;
      }
      if (!aliases.empty()) aliases.push_back(kNeo4jArrayDelimiter);
      aliases += alias;
    }
    std::vector<std::string> row = {
        entity.id,      "Entity" + std::string(1, kNeo4jArrayDelimiter) + entity.kind,
        entity.kind,    entity.name.en,
        entity.name.zh, aliases};
    for (const AttributeColumn& column : columns->entity) {
      row.push_back(AttributeCell(entity.attributes, column.key));
    }
    CsvRow(nodes, row);
    ++labels[entity.kind];
    ++node_count;
    return true;
  });
  if (!s.ok()) return s;

  header = {":START_ID",  ":END_ID",    ":TYPE",      "id",         "title",
            "since:date", "since_text", "until:date", "until_text", "amount:double",
            "currency",   "role",       "source_doc", "quote"};
  for (const AttributeColumn& column : columns->relation) header.push_back(Neo4jHeader(column));
  CsvRow(relationships, header);
  std::map<std::string, uint64_t> types;
  uint64_t relationship_count = 0;
  s = input.ForEachRelation([&](const Relation& r) {
    std::vector<std::string> row = {r.from,
                                    r.to,
                                    r.type,
                                    r.id,
                                    r.title,
                                    FullDateText(r.since),
                                    r.since.ToString(),
                                    FullDateText(r.until),
                                    r.until.ToString(),
                                    r.amount ? NumberText(r.amount->value) : "",
                                    r.amount ? r.amount->currency : "",
                                    r.role,
                                    r.source ? r.source->doc : "",
                                    r.source ? r.source->quote : ""};
    for (const AttributeColumn& column : columns->relation) {
      row.push_back(AttributeCell(r.attributes, column.key));
    }
    CsvRow(relationships, row);
    ++types[r.type];
    ++relationship_count;
    return true;
  });
  if (!s.ok()) return s;
  s = CheckWritten(nodes, nodes_path);
  if (s.ok()) s = CheckWritten(relationships, relationships_path);
  if (!s.ok()) return s;

  const std::string command =
      "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv "
      "--delimiter=',' --array-delimiter='|' --quote='\"' --multiline-fields=true "
      "--overwrite-destination=true neo4j";
  OrderedJson manifest;
  manifest["format"] = "neo4j-admin-import";
  manifest["generated_by"] = "pgraph export --format neo4j";
  manifest["files"] = {
      {{"file", "nodes.csv"}, {"kind", "nodes"}, {"rows", node_count}},
      {{"file", "relationships.csv"}, {"kind", "relationships"}, {"rows", relationship_count}}};
  manifest["labels"] = labels;
  manifest["types"] = types;
  manifest["array_delimiter"] = std::string(1, kNeo4jArrayDelimiter);
  manifest["aliases_dropped_for_holding_the_delimiter"] = dropped_aliases;
  manifest["command"] = "cd " + fs::absolute(directory).string() + " && " + command;
  manifest["notes"] =
      "Run with the Neo4j server stopped; the database 'neo4j' is replaced. Dates typed date "
      "only when they name a whole day; since_text and until_text keep every date as given.";
  s = WriteTextFile(PathIn(directory, "manifest.json"), manifest.dump(2) + "\n");
  if (!s.ok()) return s;
  return WriteTextFile(PathIn(directory, "neo4j-admin-import.sh"),
                       "#!/bin/sh\n"
                       "# Loads this folder into Neo4j 5 (stop the server first; the database\n"
                       "# \"neo4j\" is replaced). Written by pgraph export --format neo4j.\n"
                       "set -e\ncd \"$(dirname \"$0\")\"\n" +
                           command + "\n");
}

namespace {

// An agtype literal for AGE's load_as_agtype: strings quoted as JSON, numbers
// bare, lists as JSON arrays; "" (null) when absent.
std::string AgText(std::string_view text) { return text.empty() ? "" : Dump(OrderedJson(text)); }

std::string AgAttribute(const std::map<std::string, std::string>& attributes,
                        const AttributeColumn& column) {
  auto it = attributes.find(column.key);
  if (it == attributes.end()) return "";
  return column.type == ValueType::kString ? AgText(it->second) : it->second;
}

// AGE labels are SQL names: letters, digits and underscores, at most 63 bytes.
bool IsAgeLabel(std::string_view name) {
  if (name.empty() || name.size() > 63 || (name.front() >= '0' && name.front() <= '9')) {
    return false;
  }
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string SqlText(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace

// One vertex file per kind and one edge file per relation type (AGE loads a
// label at a time), every value an agtype literal, read with load_as_agtype
// so that amounts are numbers and aliases lists; load.sql creates the graph
// "partnergraph", loads the files and gives each vertex back its pgraph id.
Status WriteAgeFolder(const ExportInput& input, const std::string& directory) {
  Result<AttributeColumns> columns = CollectAttributeColumns(input);
  if (!columns) return columns.error();
  Status s = CreateFolder(directory);
  if (!s.ok()) return s;
  std::vector<std::string> vertex_header = {"id",   "pgraph_id", "kind",
                                            "name", "name_zh",   "aliases"};
  for (const AttributeColumn& column : columns->entity) vertex_header.push_back(column.name);
  std::vector<std::string> edge_header = {"start_id", "start_vertex_type",
                                          "end_id",   "end_vertex_type",
                                          "id",       "title",
                                          "since",    "until",
                                          "amount",   "currency",
                                          "role",     "source_doc",
                                          "quote"};
  for (const AttributeColumn& column : columns->relation) edge_header.push_back(column.name);

  struct LabelFile {
    std::string file;
    std::unique_ptr<std::ofstream> out;
    uint64_t rows = 0;
  };
  std::map<std::string, LabelFile> vertex_files;
  std::map<std::string, LabelFile> edge_files;
  auto file_for = [&](std::map<std::string, LabelFile>& files, const std::string& label,
                      const char* prefix,
                      const std::vector<std::string>& header) -> Result<LabelFile*> {
    auto it = files.find(label);
    if (it != files.end()) return &it->second;
    if (!IsAgeLabel(label)) {
      return Status::InvalidArgument("\"" + PrintableText(label) +
                                     "\" cannot be an AGE label (letters, digits, _)");
    }
    LabelFile file{std::string(prefix) + label + ".csv", std::make_unique<std::ofstream>(), 0};
    Status opened = OpenForWrite(PathIn(directory, file.file), *file.out);
    if (!opened.ok()) return opened;
    CsvRow(*file.out, header);
    return &files.emplace(label, std::move(file)).first->second;
  };

  // AGE numbers vertices within a label; one count across all keeps it simple.
  std::map<std::string, std::pair<uint64_t, std::string>> vertex_of;  // id -> (number, kind)
  uint64_t next = 0;
  Status failed;
  s = input.ForEachEntity([&](const Entity& entity) {
    Result<LabelFile*> file = file_for(vertex_files, entity.kind, "vertices_", vertex_header);
    if (!file) {
      failed = file.error();
      return false;
    }
    vertex_of.emplace(entity.id, std::pair{++next, entity.kind});
    std::vector<std::string> row = {
        std::to_string(next),   AgText(entity.id),
        AgText(entity.kind),    AgText(entity.name.en),
        AgText(entity.name.zh), entity.aliases.empty() ? "" : Dump(entity.aliases)};
    for (const AttributeColumn& column : columns->entity) {
      row.push_back(AgAttribute(entity.attributes, column));
    }
    CsvRow(*(*file)->out, row);
    ++(*file)->rows;
    return true;
  });
  if (s.ok()) s = failed;
  if (!s.ok()) return s;
  s = input.ForEachRelation([&](const Relation& r) {
    Result<LabelFile*> file = file_for(edge_files, r.type, "edges_", edge_header);
    if (!file) {
      failed = file.error();
      return false;
    }
    auto from = vertex_of.find(r.from);
    auto to = vertex_of.find(r.to);
    if (from == vertex_of.end() || to == vertex_of.end()) {
      failed = Status::Corruption("relation " + r.id + " joins an entity the export lacks");
      return false;
    }
    std::vector<std::string> row = {std::to_string(from->second.first),
                                    from->second.second,
                                    std::to_string(to->second.first),
                                    to->second.second,
                                    AgText(r.id),
                                    AgText(r.title),
                                    AgText(r.since.ToString()),
                                    AgText(r.until.ToString()),
                                    r.amount ? NumberText(r.amount->value) : "",
                                    r.amount ? AgText(r.amount->currency) : "",
                                    AgText(r.role),
                                    r.source ? AgText(r.source->doc) : "",
                                    r.source ? AgText(r.source->quote) : ""};
    for (const AttributeColumn& column : columns->relation) {
      row.push_back(AgAttribute(r.attributes, column));
    }
    CsvRow(*(*file)->out, row);
    ++(*file)->rows;
    return true;
  });
  if (s.ok()) s = failed;
  if (!s.ok()) return s;
  for (auto* files : {&vertex_files, &edge_files}) {
    for (auto& [label, file] : *files) {
      s = CheckWritten(*file.out, PathIn(directory, file.file));
      if (!s.ok()) return s;
    }
  }

  const std::string folder = fs::absolute(directory).lexically_normal().filename().string();
  std::string sql =
      "-- Loads a pgraph export into Apache AGE as the graph \"partnergraph\".\n"
      "-- Written by pgraph export --format age. AGE 1.7 reads the files relative to\n"
      "-- its import directory (/tmp/age/ on the database server): copy this folder\n"
      "-- there, or edit the paths below, then run: psql -f load.sql\n"
      "-- Values are agtype literals, read with load_as_agtype: amounts are numbers.\n"
      "CREATE EXTENSION IF NOT EXISTS age;\n"
      "LOAD 'age';\n"
      "SET search_path = ag_catalog, \"$user\", public;\n"
      "-- SELECT drop_graph('partnergraph', true);  -- to load it again\n"
      "SELECT create_graph('partnergraph');\n";
  for (const auto& [label, file] : vertex_files) {
    sql += "SELECT create_vlabel('partnergraph', " + SqlText(label) + ");\n";
    sql += "SELECT load_labels_from_file('partnergraph', " + SqlText(label) + ", " +
           SqlText(folder + "/" + file.file) + ", true, true);\n";
  }
  for (const auto& [label, file] : edge_files) {
    sql += "SELECT create_elabel('partnergraph', " + SqlText(label) + ");\n";
    sql += "SELECT load_edges_from_file('partnergraph', " + SqlText(label) + ", " +
           SqlText(folder + "/" + file.file) + ", true);\n";
  }
  sql +=
      "-- The loader keeps its numeric id column as the property id: put pgraph's\n"
      "-- entity id back there.\n"
      "SELECT * FROM cypher('partnergraph', $$ MATCH (n) SET n.id = n.pgraph_id "
      "REMOVE n.pgraph_id, n.__id__ $$) AS (a agtype);\n";
  return WriteTextFile(PathIn(directory, "load.sql"), sql);
}

}  // namespace partnergraph::io
