// Writing the whole database back out.
#ifndef PARTNERGRAPH_EXPORTER_H_
#define PARTNERGRAPH_EXPORTER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

enum class ExportFormat { kJson, kJsonLines, kCsv, kGraphMl };

// One row of the table of export formats, which `pgraph export --format`,
// its help and its suggestions all read. Adding a format: its enum value
// above, its row and its writer in exporter.cc.
struct ExportFormatInfo {
  ExportFormat format;
  std::string_view name;                  // what --format takes
  std::vector<std::string_view> aliases;  // other names it answers to
  std::string_view description;           // one line for --help
  bool folder = false;                    // writes a folder of files (ExportCsv), not one stream
  // Writes the whole store to `out`; nullptr for folder formats.
  Status (*write)(const Store& store, std::ostream& out) = nullptr;
};

// Every export format, in the order help lists them.
const std::vector<ExportFormatInfo>& ExportFormats();
const ExportFormatInfo& FindExportFormat(ExportFormat format);

// A format by name or alias; kInvalidArgument listing the names (with a
// "did you mean") otherwise.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// Writes every source, entity and relation in id order. JSON and JSON Lines
// hold everything and import back to an identical store; GraphML carries the
// same fields as node and edge data.
Status ExportTo(const Store& store, ExportFormat format, std::ostream& out);

// CSV is a pair of tables (and a third for sources): writes nodes.csv,
// edges.csv and sources.csv into `directory`, creating it if needed.
Status ExportCsv(const Store& store, const std::string& directory);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_EXPORTER_H_
