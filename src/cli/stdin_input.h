// `pgraph import -`: standard input saved to a file of its own for the
// importer, which reads files by name, its format told from its first line.
#ifndef PARTNERGRAPH_CLI_STDIN_INPUT_H_
#define PARTNERGRAPH_CLI_STDIN_INPUT_H_

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/status.h"

namespace partnergraph::cli {

// The name messages give standard input.
inline constexpr std::string_view kStdinName = "<stdin>";

// What a text's first bytes say it is: "json" (a document {"sources",
// "entities", "relations"}, or anything that starts with "[" or spans
// lines), "jsonl" (a first line that is a whole JSON object of one record),
// "xml" (IATI) or "csv".
std::string SniffFormat(std::string_view start);

// Holds standard input in a temporary folder while an import reads it, and
// removes it when destroyed.
class StdinFile {
 public:
  StdinFile() = default;
  StdinFile(const StdinFile&) = delete;
  StdinFile& operator=(const StdinFile&) = delete;
  ~StdinFile();

  // Copies `in` to the folder, as stdin.json, .jsonl, .csv or .xml by
  // `format` ("auto": SniffFormat). At most one "-" per import.
  Status Save(std::istream& in, const std::string& format);
  const std::string& path() const { return path_; }
  // `message` with the temporary file's name replaced by <stdin>.
  std::string Rename(std::string message) const;

 private:
  std::string folder_;
  std::string path_;
};

// `files` with each "-" replaced by a file holding standard input (`file`);
// kInvalidArgument when "-" is given twice.
Result<std::vector<std::string>> WithStdin(std::vector<std::string> files,
                                           const std::string& format, StdinFile& file);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_STDIN_INPUT_H_
