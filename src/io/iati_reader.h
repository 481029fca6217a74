// IATI activity XML (2.0x and 1.0x) read into records: see iati_reader.cc
// and the README (Importing IATI activity files) for the mapping.
#ifndef PARTNERGRAPH_IO_IATI_READER_H_
#define PARTNERGRAPH_IO_IATI_READER_H_

#include <map>
#include <set>
#include <string>

#include "partnergraph/dataset.h"
#include "partnergraph/importer.h"
#include "partnergraph/status.h"

namespace partnergraph::io {

// What one import of IATI files shares across its files.
struct IatiState {
  bool loaded = false;
  // IATI organisation ref -> entity id (the user-extensible map).
  std::map<std::string, std::string> organisations;
  // ISO 3166-1 alpha-2 -> English name (common name first) and Chinese name.
  std::map<std::string, std::pair<std::string, std::string>> countries;
  std::map<std::string, std::string> alpha3;  // alpha-3 -> alpha-2, for files that use them
  // Entities the reader made up to stand for an organisation, country or
  // region the files only refer to: emitted once per import, and dropped
  // when the store already holds an entity of that id.
  std::set<std::string> referenced_entities;
  std::set<std::string> emitted;
  std::set<std::string> files;  // the IATI files read
};

// Gives the problems validation found in records of IATI `files` (which
// carry a line only) the column of the element's tag.
void PlaceIatiProblems(const std::set<std::string>& files, ValidationErrors& errors);

// Loads the organisation map (options.iati_organisations, if set) and the
// ISO 3166 names; kInvalidArgument naming the file and line of a bad entry.
Status LoadIatiState(const ImportOptions& options, IatiState& state);

// Streams `path` (libxml2's xmlTextReader: one activity in memory at a
// time), appending records to `dataset` and problems, with file:line:column,
// to `errors`. Fails only when the file cannot be opened.
Status ReadIati(const std::string& path, IatiState& state, Dataset& dataset,
                ValidationErrors& errors);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_IATI_READER_H_
