// CSV edge lists laid out by other tools (Kumu: From, To, Type; Gephi:
// Source, Target), read through a map of columns to relation fields
// (`pgraph import --map`): see csv_map_reader.cc and the README (Importing
// edge lists from spreadsheets).
#ifndef PARTNERGRAPH_IO_CSV_MAP_READER_H_
#define PARTNERGRAPH_IO_CSV_MAP_READER_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "partnergraph/dataset.h"
#include "partnergraph/importer.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph::io {

// One entry of a map: a column of the file and the field it fills.
struct CsvMapEntry {
  std::string column;
  std::string field;  // "from", "to", ..., "attribute:NAME", or "-" (not read)
};

// The map of ImportOptions::csv_map, parsed.
struct CsvMap {
  std::vector<CsvMapEntry> entries;
};

// Parses "COLUMN=field,COLUMN=field,..."; kInvalidArgument saying what is
// wrong (an unknown field with a suggestion, a column or field named twice,
// a required field left out). `has_default_source`: --source gives every
// row's document, so no column need hold it.
Result<CsvMap> ParseCsvMap(std::string_view text, bool has_default_source);

// A row read, waiting for its endpoints to be resolved (they may name
// entities of other files of the same import).
struct MappedRow {
  Relation relation;                            // from/to as written in the file
  SourceLocation where;                         // the row: file, line, column 1
  std::map<std::string, SourceLocation> cells;  // field -> where its cell starts
  std::map<std::string, std::string> columns;   // field -> the file's column name
  bool failed = false;                          // a problem of the row was reported already
};

// What the mapped CSV files of one import share.
struct CsvMapState {
  bool parsed = false;
  CsvMap map;
  std::vector<MappedRow> rows;
};

// Reads one CSV file (`text`, the contents of `path`) through the map,
// appending its rows to `state` and its problems, with file:line:column and
// the column's name, to `errors`.
void ReadMappedCsv(const std::string& path, std::string_view text, const ImportOptions& options,
                   CsvMapState& state, ValidationErrors& errors);

// Once every file is read: resolves endpoints (names, with
// options.resolve_names, against the store and the entities of `dataset`),
// gives rows without an id one derived from their content, and appends the
// relations to `dataset`.
void FinishMappedCsv(CsvMapState& state, const Store& store, const ImportOptions& options,
                     Dataset& dataset, ValidationErrors& errors);

// Gives the problems validation found in mapped rows the line and column
// of the cell concerned, and names its column.
void PlaceMappedCsvProblems(const CsvMapState& state, ValidationErrors& errors);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_CSV_MAP_READER_H_
