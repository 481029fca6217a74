// Writing the whole database back out.
#ifndef PARTNERGRAPH_EXPORTER_H_
#define PARTNERGRAPH_EXPORTER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

enum class ExportFormat { kJson, kJsonLines, kCsv, kGraphMl };

// "json", "jsonl", "csv", "graphml"; kInvalidArgument otherwise.
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
