// Reading files (JSON document, JSON Lines, CSV) into a Dataset, validating it
// against the schema and the store, and writing it in one atomic batch.
#ifndef PARTNERGRAPH_IMPORTER_H_
#define PARTNERGRAPH_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/dataset.h"
#include "partnergraph/schema.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

enum class InputFormat {
  kAuto,       // by extension: .json, .jsonl/.ndjson, .csv (nodes or edges by header)
  kJson,       // {"sources": [...], "entities": [...], "relations": [...]}
  kJsonLines,  // one {"record": "source"|"entity"|"relation", ...} per line
  kCsv,        // nodes.csv (id,kind,...) or edges.csv (id,type,from,to,...)
  kIati,       // IATI activity XML (2.0x or 1.0x); auto: a .xml file whose root is iati-activities
};

struct ImportOptions {
  InputFormat format = InputFormat::kAuto;
  // A record whose id is already stored with different content is an error
  // unless `replace` is set; then it replaces the stored one whole (fields
  // left out are removed, not kept). Equal records are skipped either way,
  // so importing the same file twice changes nothing.
  bool replace = false;
  size_t max_errors = 100;  // stop listing after this many
  bool dry_run = false;     // validate and report what would change; write nothing
  // Called on the importing thread as the import advances, for a progress
  // bar: phase "reading" (unit "B", per file), "validating" and "writing"
  // (unit "records"); `total` is known for each. Empty: no reports.
  std::function<void(std::string_view phase, uint64_t done, uint64_t total, std::string_view unit)>
      progress;
  // Passed to Store::Apply: imports into an empty store of at least this many
  // records are bulk-loaded (SST files ingested atomically).
  size_t bulk_load_min_records = ApplyOptions::kDefaultBulkLoadMinRecords;
  // Threads a large import may read and validate on; 0: the machine's cores
  // (at most 8). The result is the same for any number.
  unsigned threads = 0;
  // IATI: the map of organisation refs to entity ids (data/iati-organisations.json;
  // "" for none), and where Debian's iso-codes keeps its tables and catalogues.
  std::string iati_organisations;
  std::string iso_codes_dir = "/usr/share/iso-codes";
  std::string iso_codes_locale_dir = "/usr/share/locale";
  // CSV edge lists of other tools (Kumu: From, To, Type; Gephi: Source,
  // Target): "COLUMN=field,..." says which column fills which field of a
  // relation (id, type, from, to, title, since, until, amount, currency, role,
  // source_doc, source_quote, attribute:NAME, or - to leave a column out),
  // and every CSV file of the import is read with it. "": CSV files are
  // PartnerGraph's own tables. See CheckCsvMap and the README.
  std::string csv_map;
  // With csv_map: from and to may be names (English, Chinese or an alias),
  // resolved exactly as entity arguments are: an ambiguous or unknown name
  // is an error. Otherwise they are entity ids.
  bool resolve_names = false;
  // With csv_map: the source document of rows whose document cell is empty
  // or not mapped. Each row still quotes it in a column of its own.
  std::string csv_source;
};

// Checks a csv_map before anything is read: kInvalidArgument saying what
// is wrong with it (syntax, an unknown field, a field or column named twice,
// a required field left out: from, to, type, source_quote, and source_doc
// unless `has_default_source`).
Status CheckCsvMap(std::string_view map, bool has_default_source);

// One problem in the input: where, which record, which field, what.
struct Problem {
  SourceLocation where;  // the record's start; refined to the field when it can be found
  std::string subject;   // "relation r-17", "entity ilo", "" for file-level problems
  std::string field;     // "from", "amount", "" for the whole record
  std::string message;

  // "file:line:col: relation r-17: unknown entity \"cn-mohrs\" (did you mean ...)"
  std::string ToString() const;
};

// Every problem found, in the order found, capped at ImportOptions::max_errors.
struct ValidationErrors {
  std::vector<Problem> problems;
  size_t total = 0;  // may exceed problems.size() when capped
  size_t cap = 100;

  void Add(Problem problem);
  bool empty() const { return total == 0; }
};

// Reads one file, appending its records to `dataset`. Syntax errors, invalid
// UTF-8 and malformed fields are appended to `errors` with their location;
// reading goes on past them so that one run reports everything it can.
// Returns a failed Status only when the file cannot be read at all.
Status ReadFile(const std::string& path, const ImportOptions& options, Dataset& dataset,
                ValidationErrors& errors);

// Checks a dataset against the schema and the store: ids, duplicates, kinds,
// types, references (with "did you mean"), endpoint kinds, dates, amounts,
// cited sources, and records that would change stored ones without --replace.
void Validate(const Dataset& dataset, const Schema& schema, const Store& store,
              const ImportOptions& options, ValidationErrors& errors);

// Reads, validates and applies `paths` as one atomic import. On any error the
// store is untouched and the status (kInvalidArgument) lists every error.
Result<ApplyReport> ImportFiles(Store& store, const std::vector<std::string>& paths,
                                const ImportOptions& options);

// True when `id` is a valid record id: a lowercase ASCII slug of a-z, 0-9,
// '-', '_', '.', starting with a letter or digit, at most 100 characters.
bool IsValidId(std::string_view id);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_IMPORTER_H_
