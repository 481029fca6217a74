// The readers of each input format, behind ReadFile.
#ifndef PARTNERGRAPH_IO_READERS_H_
#define PARTNERGRAPH_IO_READERS_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "io/text_position.h"
#include "partnergraph/importer.h"

namespace partnergraph::io {

// Each reader appends the records of `text` (the contents of `path`) to
// `dataset` and every problem to `errors`.
void ReadJsonDocument(const std::string& path, std::string_view text, Dataset& dataset,
                      ValidationErrors& errors);
void ReadJsonLines(const std::string& path, std::string_view text, Dataset& dataset,
                   ValidationErrors& errors);
void ReadCsv(const std::string& path, std::string_view text, Dataset& dataset,
             ValidationErrors& errors);

// Decodes one record of the given class ("source", "entity", "relation") from
// JSON and appends it, or its problems, at `where`. `text` is the file, for
// pinning problems to fields.
void AddRecord(std::string_view record_class, const nlohmann::json& json,
               const SourceLocation& where, std::string_view text, const LineIndex& lines,
               Dataset& dataset,
               ValidationErrors& errors, const std::vector<std::string>& skip_fields = {});

// Reports the first invalid UTF-8 byte or NUL of `text`, if any; true if clean.
bool CheckUtf8(const std::string& path, std::string_view text, ValidationErrors& errors);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_READERS_H_
