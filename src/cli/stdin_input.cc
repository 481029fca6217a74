#include "cli/stdin_input.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

namespace partnergraph::cli {
namespace {

namespace fs = std::filesystem;

// Enough of the text to see its first line in any input worth sniffing.
constexpr size_t kSniffBytes = size_t{1} << 20;

}  // namespace

std::string SniffFormat(std::string_view start) {
  if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);  // a byte order mark
  const size_t first = start.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "json";
  const char c = start[first];
  if (c == '<') return "xml";
  if (c == '[') return "json";
  if (c != '{') return "csv";
  const size_t end = start.find('\n', first);
  const std::string_view line =
      start.substr(first, end == std::string_view::npos ? std::string_view::npos : end - first);
  const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return "json";  // spans lines
  for (const char* section : {"sources", "entities", "relations"}) {
    if (parsed.contains(section)) return "json";
  }
  return "jsonl";
}

StdinFile::~StdinFile() {
  if (folder_.empty()) return;
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

Status StdinFile::Save(std::istream& in, const std::string& format) {
  std::error_code ec;
  std::string pattern = (fs::temp_directory_path(ec) / "pgraph-stdin-XXXXXX").string();
  if (ec) pattern = "/tmp/pgraph-stdin-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::IOError("cannot make a temporary folder for standard input: " +
                           ErrnoText(errno));
  }
  folder_ = pattern;
  std::string start(kSniffBytes, '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  start.resize(static_cast<size_t>(in.gcount()));
  std::string extension = format == "auto" ? SniffFormat(start) : format;
  if (extension == "iati") extension = "xml";
  if (extension == "ndjson") extension = "jsonl";
  path_ = folder_ + "/stdin." + extension;
  std::ofstream out(path_, std::ios::binary);
  out.write(start.data(), static_cast<std::streamsize>(start.size()));
  std::array<char, 1 << 16> buffer{};
  while (in && out) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out.write(buffer.data(), in.gcount());
  }
  out.close();
  if (!out) return Status::IOError("cannot save standard input to " + path_);
  if (in.bad()) return Status::IOError("cannot read standard input");
  return Status::Ok();
}

std::string StdinFile::Rename(std::string message) const {
  if (path_.empty()) return message;
  for (size_t at = message.find(path_); at != std::string::npos;
       at = message.find(path_, at + kStdinName.size())) {
    message.replace(at, path_.size(), kStdinName);
  }
  return message;
}

Result<std::vector<std::string>> WithStdin(std::vector<std::string> files,
                                           const std::string& format, StdinFile& file) {
  const auto dashes = std::count(files.begin(), files.end(), "-");
  if (dashes == 0) return files;
  if (dashes > 1) return Status::InvalidArgument("standard input (-) can be read only once");
  Status saved = file.Save(std::cin, format);
  if (!saved.ok()) return saved;
  std::replace(files.begin(), files.end(), std::string("-"), file.path());
  return files;
}

}  // namespace partnergraph::cli
