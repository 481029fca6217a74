// Writing the whole database, or a view of it, back out: our own formats
// (JSON, JSON Lines, CSV) and those of the tools analysts move a network
// into (GraphML and GEXF for Gephi, Cytoscape.js JSON, Neo4j's bulk import,
// Apache AGE on PostgreSQL).
#ifndef PARTNERGRAPH_EXPORTER_H_
#define PARTNERGRAPH_EXPORTER_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/entity.h"
#include "partnergraph/graph_view.h"
#include "partnergraph/relation.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

enum class ExportFormat { kJson, kJsonLines, kCsv, kGraphMl, kGexf, kCytoscape, kNeo4j, kAge };

// What an export writes: the records of the whole store, or of a view. Each
// visit goes in id order and may be made more than once (writers that need
// the attribute keys first read the records twice); a visitor returning
// false stops early.
class ExportInput {
 public:
  virtual ~ExportInput() = default;
  virtual Status ForEachSource(const std::function<bool(const SourceDocument&)>& visit) const = 0;
  virtual Status ForEachEntity(const std::function<bool(const Entity&)>& visit) const = 0;
  virtual Status ForEachRelation(const std::function<bool(const Relation&)>& visit) const = 0;
};

// Every record of `store`, streamed from it.
std::unique_ptr<ExportInput> StoreExportInput(const Store& store);
// The entities and relations of `view` and the sources its relations cite
// (read from `store`). Fails with kNotFound for a cited source the store
// lacks (a damaged store).
Result<std::unique_ptr<ExportInput>> ViewExportInput(const Store& store, const GraphView& view);

// One row of the table of export formats, which `pgraph export --format`,
// its help and its suggestions all read. Adding a format: its enum value
// above, its row and its writer in exporter.cc.
struct ExportFormatInfo {
  ExportFormat format;
  std::string_view name;                  // what --format takes
  std::vector<std::string_view> aliases;  // other names it answers to
  std::string_view description;           // one line for --help
  bool folder = false;                    // writes a folder of files, not one stream
  // Writes `input` to `out`; nullptr for folder formats.
  Status (*write)(const ExportInput& input, std::ostream& out) = nullptr;
  // Folder formats: writes `input` into `directory` (created if needed).
  Status (*write_folder)(const ExportInput& input, const std::string& directory) = nullptr;
};

// Every export format, in the order help lists them.
const std::vector<ExportFormatInfo>& ExportFormats();
const ExportFormatInfo& FindExportFormat(ExportFormat format);

// A format by name or alias; kInvalidArgument listing the names (with a
// "did you mean") otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// Writes every source, entity and relation in id order. JSON and JSON Lines
// hold everything and import back to an identical store; GraphML and GEXF
// carry the same fields as node and edge data. kInvalidArgument for a folder
// format.
Status ExportTo(const Store& store, ExportFormat format, std::ostream& out);
Status ExportTo(const ExportInput& input, ExportFormat format, std::ostream& out);

// A folder format (CSV, Neo4j, AGE) into `directory`, creating it if needed.
// CSV is a pair of tables (and a third for sources): nodes.csv, edges.csv and
// sources.csv.
Status ExportCsv(const Store& store, const std::string& directory);
Status ExportToFolder(const ExportInput& input, ExportFormat format, const std::string& directory);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_EXPORTER_H_
