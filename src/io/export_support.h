// What the export writers share: typed attribute columns, CSV cells, dates
// as whole days, and the writers of each format (registered in exporter.cc's
// table of formats).
#ifndef PARTNERGRAPH_IO_EXPORT_SUPPORT_H_
#define PARTNERGRAPH_IO_EXPORT_SUPPORT_H_

#include <fstream>
#include <initializer_list>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/exporter.h"
#include "partnergraph/status.h"

namespace partnergraph::io {

// The type of an attribute's text, as pgraph query reads it (cypher.h): a
// whole decimal integer, a float literal, true/false, or else a string.
enum class ValueType { kLong, kDouble, kBoolean, kString };
ValueType TypeOfText(std::string_view text);

// One attribute key of entities or relations, typed by every value it holds
// (a key whose values are all integers is kLong; integers and floats kDouble;
// anything else kString). `name` is the key, or "attr_" + key when the key is
// one of the fixed fields.
struct AttributeColumn {
  std::string key;
  std::string name;
  ValueType type = ValueType::kString;
};

struct AttributeColumns {
  std::vector<AttributeColumn> entity;    // by key
  std::vector<AttributeColumn> relation;  // by key
};

// Fixed fields every writer uses, so attributes never shadow them.
inline const std::set<std::string, std::less<>>& EntityFieldNames() {
  static const std::set<std::string, std::less<>> kNames = {"id",      "kind",    "name",
                                                            "name_zh", "aliases", "label"};
  return kNames;
}
inline const std::set<std::string, std::less<>>& RelationFieldNames() {
  static const std::set<std::string, std::less<>> kNames = {
      "id",   "type",       "from",  "to",    "title", "since", "until",  "amount", "currency",
      "role", "source_doc", "quote", "label", "start", "end",   "source", "target"};
  return kNames;
}

// Reads the records once for their attribute keys and types.
Result<AttributeColumns> CollectAttributeColumns(const ExportInput& input);

// The first and last day of a partial date as YYYY-MM-DD ("2019" covers
// 2019-01-01 .. 2019-12-31); "" when empty.
std::string FirstDayText(const PartialDate& date);
std::string LastDayText(const PartialDate& date);
// The date as YYYY-MM-DD when it names a whole day; "" otherwise.
std::string FullDateText(const PartialDate& date);

// The amount as JSON writes a number (an integer without ".0").
std::string NumberText(double value);

// RFC 4180 cells and rows (CRLF line ends).
std::string CsvCell(std::string_view text);
void CsvRow(std::ostream& out, const std::vector<std::string>& cells);

Status OpenForWrite(const std::string& path, std::ofstream& out);
Status CreateFolder(const std::string& directory);
Status CheckWritten(std::ofstream& out, const std::string& path);

// The writers of exporter.cc's table, beside those in exporter.cc.
Status WriteGexf(const ExportInput& input, std::ostream& out);
Status WriteCytoscape(const ExportInput& input, std::ostream& out);
Status WriteNeo4jFolder(const ExportInput& input, const std::string& directory);
Status WriteAgeFolder(const ExportInput& input, const std::string& directory);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_EXPORT_SUPPORT_H_
