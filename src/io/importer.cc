#include "partnergraph/importer.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "partnergraph/text.h"

#include "io/csv_map_reader.h"
#include "io/iati_reader.h"
#include "io/readers.h"
#include "io/text_position.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

Result<InputFormat> FormatOf(const std::string& path, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) return InputFormat::kJsonLines;
  if (EndsWith(path, ".json")) return InputFormat::kJson;
  if (EndsWith(path, ".csv")) return InputFormat::kCsv;
  // The IATI reader checks the root element, and says what a file that is
  // not an activity file holds.
  if (EndsWith(path, ".xml")) return InputFormat::kIati;
  return Status::InvalidArgument(path +
                                 ": cannot tell the format from the name; use .json, .jsonl, "
                                 ".csv or an IATI .xml file, or --format json|jsonl|csv|iati");
}

// Positions are counted without a byte order mark (WithoutByteOrderMark).
void DropByteOrderMark(std::string& text) {
  text.erase(0, text.size() - io::WithoutByteOrderMark(text).size());
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  DropByteOrderMark(text);  // as ReadFile did, so offsets agree
  return text;
}

// The most one import file may hold. The whole text is kept in memory while
// it is read and checked (records point into it), so a file must fit, and a
// mistaken input (a disk image, /dev/zero) must be stopped before it fills
// the memory. Stated in the README; the message names it.
constexpr uint64_t kMaxImportFileBytes = uint64_t{2} << 30;  // 2 GiB
constexpr std::string_view kMaxImportFileText = "2 GiB";
constexpr size_t kReadChunkBytes = size_t{1} << 20;

Status TooLarge(const std::string& path) {
  return Status::InvalidArgument(path + " is larger than " + std::string(kMaxImportFileText) +
                                 ", the most one import file may hold; split it into several "
                                 "files (JSON Lines and CSV split at any line)");
}

// Where text[from, size) stops being whole UTF-8 characters: before a
// sequence the end of the text cuts short (the next chunk completes it).
size_t EndOfWholeCharacters(std::string_view text, size_t from) {
  const size_t size = text.size();
  for (size_t back = 1; back <= 3 && back <= size - from; ++back) {
    const auto byte = static_cast<unsigned char>(text[size - back]);
    if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    return length > back ? size - back : size;
  }
  return size;
}

// The text of `path` (a file, a FIFO, a device), read a chunk at a time and
// checked as it comes: reading stops just after the first NUL byte or byte
// of invalid UTF-8, which the format's reader then reports with its line and
// column (a binary file or /dev/zero is refused at once, not after it has
// been read whole), or at kMaxImportFileBytes.
Result<std::string> ReadText(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    // The reason decides what the user does next (a typo, a permission).
    const int error = errno;
    const std::string message =
        "cannot open " + path + ": " + (error != 0 ? ErrnoText(error) : "unknown reason");
    return error == ENOENT ? Status::NotFound(message) : Status::IOError(message);
  }
  std::string text;
  std::error_code ec;
  const uintmax_t size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (!ec && size > kMaxImportFileBytes) return TooLarge(path);
  if (!ec) text.reserve(size);
  size_t checked = 0;  // text[0, checked) is known to be whole, valid UTF-8
  std::string chunk(kReadChunkBytes, '\0');
  while (in) {
    errno = 0;
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    if (text.size() + got > kMaxImportFileBytes) return TooLarge(path);
    text.append(chunk.data(), got);
    const size_t whole = EndOfWholeCharacters(text, checked);
    size_t bad = 0;
    if (!IsValidUtf8(std::string_view(text).substr(checked, whole - checked), &bad)) {
      text.resize(checked + bad + 1);
      return text;
    }
    checked = whole;
  }
  if (in.bad()) {
    const int error = errno;
    return Status::IOError("cannot read " + path + ": " +
                           (error != 0 ? ErrnoText(error) : "the read failed"));
  }
  return text;
}

// Validation knows a problem's record and field but not where the field sits
// in the file; on this error path only, re-read the files concerned and point
// at the field itself, then order the problems as they appear in the files.
void PinProblemsToFields(ValidationErrors& errors) {
  std::map<std::string, std::pair<std::string, std::unique_ptr<io::LineIndex>>> files;
  for (Problem& problem : errors.problems) {
    if (problem.field.empty() || problem.where.offset < 0) continue;
    auto [it, inserted] = files.try_emplace(problem.where.file);
    if (inserted) {
      it->second.first = ReadWhole(problem.where.file);
      it->second.second = std::make_unique<io::LineIndex>(it->second.first);
    }
    const std::string& text = it->second.first;
    const size_t offset =
        io::FindFieldOffset(text, static_cast<size_t>(problem.where.offset), problem.field);
    problem.where.line = it->second.second->Line(offset);
    problem.where.column = it->second.second->Column(offset);
  }
  std::vector<std::string> file_order;
  for (const Problem& problem : errors.problems) {
    if (std::find(file_order.begin(), file_order.end(), problem.where.file) == file_order.end()) {
      file_order.push_back(problem.where.file);
    }
  }
  std::stable_sort(errors.problems.begin(), errors.problems.end(),
                   [&file_order](const Problem& a, const Problem& b) {
                     auto rank = [&file_order](const Problem& p) {
                       return std::find(file_order.begin(), file_order.end(), p.where.file) -
                              file_order.begin();
                     };
                     return std::make_tuple(rank(a), a.where.line, a.where.column) <
                            std::make_tuple(rank(b), b.where.line, b.where.column);
                   });
}

}  // namespace

std::string Problem::ToString() const {
  std::string text = where.ToString() + ": ";
  if (!subject.empty()) text += subject + ": ";
  return text + message;
}

void ValidationErrors::Add(Problem problem) {
  ++total;
  if (problems.size() < cap) problems.push_back(std::move(problem));
}

namespace {

// What the readers of one import share across its files.
struct ImportState {
  io::IatiState iati;
  io::CsvMapState csv_map;
};

Status ReadFileWith(const std::string& path, const ImportOptions& options, ImportState& state,
                    Dataset& dataset, ValidationErrors& errors) {
  io::IatiState& iati = state.iati;
  Result<InputFormat> format = FormatOf(path, options.format);
  if (!format) return format.error();
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::InvalidArgument(path + " is a directory");
  if (*format == InputFormat::kIati) {
    Status s = io::LoadIatiState(options, iati);
    if (!s.ok()) return s;
    return io::ReadIati(path, iati, dataset, errors);
  }
  Result<std::string> read = ReadText(path);
  if (!read) return read.error();
  std::string text = std::move(*read);
  DropByteOrderMark(text);
  switch (*format) {
    case InputFormat::kJson:
      io::ReadJsonDocument(path, text, dataset, errors);
      break;
    case InputFormat::kJsonLines: {
      io::JsonLinesReadOptions read_options;
      if (options.threads != 0) read_options.threads = options.threads;
      io::ReadJsonLines(path, text, dataset, errors, read_options);
      break;
    }
    case InputFormat::kCsv: {
      if (!options.csv_map.empty()) {
        io::ReadMappedCsv(path, text, options, state.csv_map, errors);
        break;
      }
      io::CsvReadOptions read_options;
      if (options.threads != 0) read_options.threads = options.threads;
      io::ReadCsv(path, text, dataset, errors, read_options);
      break;
    }
    case InputFormat::kAuto:
    case InputFormat::kIati:
      break;
  }
  return Status::Ok();
}

// The organisations, countries and regions an IATI file only refers to are
// made up as entities; where the store already holds one of that id, the
// stored one stands (an IATI import never rewrites it).
void DropStoredReferences(const io::IatiState& iati, const Store& store, Dataset& dataset) {
  if (iati.referenced_entities.empty()) return;
  std::erase_if(dataset.entities, [&](const Located<Entity>& located) {
    return iati.referenced_entities.contains(located.record.id) &&
           store.HasEntity(located.record.id);
  });
}

}  // namespace

Status CheckCsvMap(std::string_view map, bool has_default_source) {
  Result<io::CsvMap> parsed = io::ParseCsvMap(map, has_default_source);
  return parsed ? Status::Ok() : parsed.error();
}

Status ReadFile(const std::string& path, const ImportOptions& options, Dataset& dataset,
                ValidationErrors& errors) {
  ImportState state;
  if (!options.csv_map.empty()) {
    Result<io::CsvMap> map = io::ParseCsvMap(options.csv_map, !options.csv_source.empty());
    if (!map) return map.error();
    state.csv_map.map = std::move(*map);
  }
  Status s = ReadFileWith(path, options, state, dataset, errors);
  if (!s.ok()) return s;
  // Endpoints taken as written: names are resolved against a store only.
  for (io::MappedRow& row : state.csv_map.rows) {
    dataset.relations.push_back({std::move(row.relation), row.where, row.failed});
  }
  return Status::Ok();
}

Result<ApplyReport> ImportFiles(Store& store, const std::vector<std::string>& paths,
                                const ImportOptions& options) {
  Dataset dataset;
  ValidationErrors errors;
  errors.cap = options.max_errors;
  auto report_progress = [&options](std::string_view phase, uint64_t done, uint64_t total,
                                    std::string_view unit) {
    if (options.progress) options.progress(phase, done, total, unit);
  };
  uint64_t total_bytes = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (!ec) total_bytes += size;
  }
  uint64_t read_bytes = 0;
  report_progress("reading", 0, total_bytes, "B");
  ImportState state;
  if (!options.csv_map.empty()) {
    Result<io::CsvMap> map = io::ParseCsvMap(options.csv_map, !options.csv_source.empty());
    if (!map) return map.error();
    state.csv_map.map = std::move(*map);
  }
  for (const std::string& path : paths) {
    Status s = ReadFileWith(path, options, state, dataset, errors);
    if (!s.ok()) return s;
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    if (!ec) read_bytes += size;
    report_progress("reading", read_bytes, total_bytes, "B");
  }
  DropStoredReferences(state.iati, store, dataset);
  io::FinishMappedCsv(state.csv_map, store, options, dataset, errors);
  Validate(dataset, store.schema(), store, options, errors);
  if (!errors.empty()) {
    io::PlaceIatiProblems(state.iati.files, errors);
    io::PlaceMappedCsvProblems(state.csv_map, errors);
    PinProblemsToFields(errors);
    std::string message;
    for (const Problem& problem : errors.problems) message += problem.ToString() + "\n";
    if (errors.total > errors.problems.size()) {
      const size_t more = errors.total - errors.problems.size();
      message +=
          "... and " + std::to_string(more) + (more == 1 ? " more error\n" : " more errors\n");
    }
    message += std::to_string(errors.total) + (errors.total == 1 ? " error" : " errors") +
               "; nothing was imported";
    return Status::InvalidArgument(message);
  }
  // Files may describe the same source document; keep one of each (validation
  // made sure the copies agree).
  std::set<std::string> seen;
  std::erase_if(dataset.sources, [&seen](const Located<SourceDocument>& located) {
    return !seen.insert(located.record.doc).second;
  });
  ApplyOptions apply_options;
  apply_options.dry_run = options.dry_run;
  apply_options.bulk_load_min_records = options.bulk_load_min_records;
  report_progress("writing", 0, dataset.size(), "records");
  Result<ApplyReport> report = store.Apply(dataset, apply_options);
  if (report) report_progress("writing", dataset.size(), dataset.size(), "records");
  return report;
}

}  // namespace partnergraph
