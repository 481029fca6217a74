// The readers of each input format, behind ReadFile.
#ifndef PARTNERGRAPH_IO_READERS_H_
#define PARTNERGRAPH_IO_READERS_H_

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "partnergraph/importer.h"
#include "partnergraph/parallel.h"

#include "io/text_position.h"

namespace partnergraph::io {

// The threads a reader may use for one large file (parallel.h).
inline unsigned DefaultReaderThreads() { return DefaultThreads(); }
using ::partnergraph::RunSideBySide;

// Each reader appends the records of `text` (the contents of `path`) to
// `dataset` and every problem to `errors`.
void ReadJsonDocument(const std::string& path, std::string_view text, Dataset& dataset,
                      ValidationErrors& errors);

// A large JSON Lines file is read in chunks of whole lines, at least
// `min_chunk_bytes` each, on up to `threads` threads; the answer is the same.
struct JsonLinesReadOptions {
  unsigned threads = DefaultReaderThreads();
  size_t min_chunk_bytes = size_t{4} << 20;
};
void ReadJsonLines(const std::string& path, std::string_view text, Dataset& dataset,
                   ValidationErrors& errors,
                   const JsonLinesReadOptions& options = JsonLinesReadOptions());

// How ReadCsv goes about it; the answer is the same whichever is chosen
// (tested). Rows are decoded straight into records unless `fast_rows` is
// off, and then, as always for a row the fast decoder declines, through their
// JSON form, whose checks and messages are shared with the JSON formats. A
// file of at least `min_parallel_bytes` is read in chunks of at least
// `min_chunk_bytes` on up to `threads` threads.
struct CsvReadOptions {
  bool fast_rows = true;
  unsigned threads = DefaultReaderThreads();
  size_t min_parallel_bytes = size_t{4} << 20;
  size_t min_chunk_bytes = size_t{1} << 20;
};
void ReadCsv(const std::string& path, std::string_view text, Dataset& dataset,
             ValidationErrors& errors, const CsvReadOptions& options = CsvReadOptions());

// Appends the records and problems of a part of a file read apart (in
// order: parts are joined as they come in the file). Problems past the cap
// of `to` are counted, not kept.
void AppendDataset(Dataset& to, Dataset&& from);
void AppendErrors(ValidationErrors& to, ValidationErrors&& from);

// Decodes one record of the given class ("source", "entity", "relation") from
// JSON and appends it, or its problems, at `where`. `text` is the file, for
// pinning problems to fields.
void AddRecord(std::string_view record_class, const nlohmann::json& json,
               const SourceLocation& where, std::string_view text, const LineIndex& lines,
               Dataset& dataset, ValidationErrors& errors,
               const std::vector<std::string>& skip_fields = {});

// JSON nested deeper than this is refused before it is parsed: a record
// needs four levels, while nlohmann/json turns each level into an allocation
// (a 100 MB file of '[' into gigabytes) and copies and prints values
// recursively (a deep enough value overflows the stack).
inline constexpr size_t kMaxJsonDepth = 64;

// The offset of the first bracket of `json` (JSON text) that opens more than
// kMaxJsonDepth levels, strings skipped; npos when there is none.
size_t FindExcessiveNesting(std::string_view json);

// The offset of the first key of `json` (valid JSON text) that repeats a
// key of the same object, and the key; npos when every key is unique.
// nlohmann/json keeps the last of repeated keys, so without this check
// {"id": "a", ..., "id": "b"} would silently import as "b".
size_t FindRepeatedKey(std::string_view json, std::string* key);

// Reports the first invalid UTF-8 byte or NUL of `text`, if any; true if clean.
bool CheckUtf8(const std::string& path, std::string_view text, ValidationErrors& errors);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_READERS_H_
