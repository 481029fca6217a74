#include <algorithm>
#include <string>
#include <vector>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "io/readers.h"
#include "io/text_position.h"
#include "model/record_json.h"

namespace partnergraph::io {
namespace {

using Json = nlohmann::json;

SourceLocation LocationAt(const std::string& path, const LineIndex& lines, size_t offset) {
  SourceLocation where;
  where.file = path;
  where.line = lines.Line(offset);
  where.column = lines.Column(offset);
  where.offset = static_cast<int64_t>(offset);
  return where;
}

// nlohmann's message starts "[json.exception.parse_error.101] parse error at
// line 1, column 5: "; we print our own location, so keep only the reason.
std::string ParseErrorReason(const Json::parse_error& error) {
  std::string what = error.what();
  const size_t colon = what.find(": ", what.find("parse error"));
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// The record's id, for messages: "relation r-17".
std::string Subject(std::string_view record_class, const Json& json) {
  std::string subject(record_class);
  const char* key = record_class == "source" ? "doc" : "id";
  if (json.is_object()) {
    auto it = json.find(key);
    if (it != json.end() && it->is_string()) {
      subject += " " + PrintableText(it->get<std::string>());
    }
  }
  return subject;
}

}  // namespace

size_t FindExcessiveNesting(std::string_view json) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

size_t FindRepeatedKey(std::string_view json, std::string* key) {
  // One entry per open container: the keys of an object so far (arrays
  // have none). Records have a dozen keys at most, so a linear search wins.
  std::vector<std::vector<std::string>> open;
  std::vector<bool> is_object;
  bool expecting_key = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '{' || c == '[') {
      open.emplace_back();
      is_object.push_back(c == '{');
      expecting_key = c == '{';
    } else if (c == '}' || c == ']') {
      if (!open.empty()) {
        open.pop_back();
        is_object.pop_back();
      }
      expecting_key = false;
    } else if (c == ',') {
      expecting_key = !is_object.empty() && is_object.back();
    } else if (c == '"') {
      size_t end = i + 1;
      bool escaped = false;
      while (end < json.size() && json[end] != '"') {
        if (json[end] == '\\') {
          escaped = true;
          ++end;
        }
        ++end;
      }
      if (expecting_key && !open.empty()) {
        std::string name(json.substr(i + 1, end - i - 1));
        if (escaped) {  // compare keys as nlohmann will: "\u0069d" is "id"
          const Json decoded = Json::parse(json.substr(i, end - i + 1), nullptr, false);
          if (decoded.is_string()) name = decoded.get<std::string>();
        }
        std::vector<std::string>& keys = open.back();
        if (std::find(keys.begin(), keys.end(), name) != keys.end()) {
          *key = std::move(name);
          return i;
        }
        keys.push_back(std::move(name));
        expecting_key = false;
      }
      i = end;
    }
  }
  return std::string_view::npos;
}

namespace {

std::string RepeatedKeyMessage(const std::string& key) {
  return "key \"" + PrintableText(key) +
         "\" appears twice in one object; give each field once (JSON keeps only the last)";
}

std::string NestingMessage() {
  return "JSON nested more than " + std::to_string(kMaxJsonDepth) +
         " levels deep; records need no more than 4";
}

// nlohmann reports a number beyond a double ("1e309") as out_of_range 406,
// without a position: find the number in `text`, and say it plainly.
void ReportJsonException(const std::string& path, std::string_view text, const LineIndex& lines,
                         size_t base_offset, const Json::exception& error, ValidationErrors& errors,
                         SourceLocation where) {
  std::string reason = error.what();
  const size_t bracket = reason.find("] ");
  if (bracket != std::string::npos) reason = reason.substr(bracket + 2);
  size_t offset = base_offset;
  const size_t open = reason.find('\'');
  const size_t close = open == std::string::npos ? open : reason.find('\'', open + 1);
  if (error.id == 406 && close != std::string::npos) {
    const std::string number = reason.substr(open + 1, close - open - 1);
    reason = "number " + number + " is out of range (beyond the largest double)";
    const size_t at = text.find(number, base_offset);
    if (at != std::string_view::npos) offset = at;
  }
  where.line = lines.Line(offset);
  where.column = lines.Column(offset);
  where.offset = static_cast<int64_t>(offset);
  where.file = path;
  errors.Add({where, "", "", reason});
}

}  // namespace

bool CheckUtf8(const std::string& path, std::string_view text, ValidationErrors& errors) {
  size_t bad = 0;
  if (IsValidUtf8(text, &bad)) return true;
  const LineIndex lines(text);
  errors.Add({LocationAt(path, lines, bad), "", "",
              text[bad] == '\0' ? "NUL byte in the file" : "invalid UTF-8 (byte 0x" + [&] {
                constexpr std::string_view kHex = "0123456789abcdef";
                const auto b = static_cast<unsigned char>(text[bad]);
                return std::string{kHex[b >> 4], kHex[b & 15]};
              }() + "); files must be UTF-8"});
  return false;
}

void AddRecord(std::string_view record_class, const Json& json, const SourceLocation& where,
               std::string_view text, const LineIndex& lines, Dataset& dataset,
               ValidationErrors& errors, const std::vector<std::string>& skip_fields) {
  std::vector<FieldError> field_errors;
  // Kept even when a field failed to decode, marked so: validation then
  // lists the record's other errors too (an unknown "to" beside a bad
  // "since"), instead of the user meeting them one import at a time.
  if (record_class == "source") {
    SourceDocument source = SourceFromJson(json, field_errors, skip_fields);
    dataset.sources.push_back({std::move(source), where, !field_errors.empty()});
  } else if (record_class == "entity") {
    Entity entity = EntityFromJson(json, field_errors, skip_fields);
    dataset.entities.push_back({std::move(entity), where, !field_errors.empty()});
  } else {
    Relation relation = RelationFromJson(json, field_errors, skip_fields);
    dataset.relations.push_back({std::move(relation), where, !field_errors.empty()});
  }
  if (field_errors.empty()) return;
  const std::string subject = Subject(record_class, json);
  for (const FieldError& error : field_errors) {
    SourceLocation at = where;
    // Past the cap nothing is printed, so skip the search for the field.
    if (!error.field.empty() && where.offset >= 0 && errors.total < errors.cap) {
      at = LocationAt(where.file, lines,
                      FindFieldOffset(text, static_cast<size_t>(where.offset), error.field));
    }
    errors.Add({at, subject, error.field, error.message});
  }
}

void ReadJsonDocument(const std::string& path, std::string_view text, Dataset& dataset,
                      ValidationErrors& errors) {
  text = WithoutByteOrderMark(text);
  if (!CheckUtf8(path, text, errors)) return;
  const LineIndex lines(text);
  if (const size_t deep = FindExcessiveNesting(text); deep != std::string_view::npos) {
    errors.Add({LocationAt(path, lines, deep), "", "", NestingMessage()});
    return;
  }
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    const size_t offset = error.byte == 0 ? 0 : std::min(error.byte - 1, text.size());
    errors.Add({LocationAt(path, lines, offset), "", "", ParseErrorReason(error)});
    return;
  } catch (const Json::exception& error) {
    ReportJsonException(path, text, lines, 0, error, errors, SourceLocation());
    return;
  }
  if (!document.is_object()) {
    errors.Add({LocationAt(path, lines, 0), "", "",
                "expected a JSON object {\"sources\": [...], \"entities\": [...], "
                "\"relations\": [...]}"});
    return;
  }
  std::string repeated;
  if (const size_t at = FindRepeatedKey(text, &repeated); at != std::string_view::npos) {
    errors.Add({LocationAt(path, lines, at), "", repeated, RepeatedKeyMessage(repeated)});
    return;
  }
  static const std::vector<std::string> kSections = {"sources", "entities", "relations"};
  for (const auto& [key, value] : document.items()) {
    if (std::find(kSections.begin(), kSections.end(), key) != kSections.end()) {
      if (!value.is_array()) {
        errors.Add({LocationAt(path, lines, 0), "", key, "\"" + key + "\" must be a list"});
      }
      continue;
    }
    std::string message = "unknown section \"" + key + "\"";
    message += DidYouMean(key, kSections);
    errors.Add({LocationAt(path, lines, 0), "", key, message});
  }
  const RecordOffsets offsets = FindRecordOffsets(text);
  auto read_section = [&](const char* section, const char* record_class,
                          const std::vector<size_t>& starts) {
    auto it = document.find(section);
    if (it == document.end() || !it->is_array()) return;
    for (size_t i = 0; i < it->size(); ++i) {
      const size_t offset = i < starts.size() ? starts[i] : 0;
      AddRecord(record_class, (*it)[i], LocationAt(path, lines, offset), text, lines, dataset,
                errors);
    }
  };
  read_section("sources", "source", offsets.sources);
  read_section("entities", "entity", offsets.entities);
  read_section("relations", "relation", offsets.relations);
}

void AppendDataset(Dataset& to, Dataset&& from) {
  auto append = [](auto& a, auto& b) {
    if (a.empty()) {
      a = std::move(b);
    } else {
      a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
    }
  };
  append(to.sources, from.sources);
  append(to.entities, from.entities);
  append(to.relations, from.relations);
}

void AppendErrors(ValidationErrors& to, ValidationErrors&& from) {
  for (Problem& problem : from.problems) to.Add(std::move(problem));
  to.total += from.total - from.problems.size();
}

namespace {

// Reads the lines of text[begin, end), the first of them line `first_line`.
void ReadJsonLinesPart(const std::string& path, std::string_view text, const LineIndex& lines,
                       size_t begin, size_t end, int first_line, Dataset& dataset,
                       ValidationErrors& errors) {
  size_t line_start = begin;
  int line_number = first_line - 1;
  while (line_start < end) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos || line_end > end) line_end = end;
    ++line_number;
    const std::string_view line = text.substr(line_start, line_end - line_start);
    const size_t offset = line_start;
    line_start = line_end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    SourceLocation where{path, line_number, 1, static_cast<int64_t>(offset)};
    if (const size_t deep = FindExcessiveNesting(line); deep != std::string_view::npos) {
      errors.Add({LocationAt(path, lines, offset + deep), "", "", NestingMessage()});
      continue;
    }
    Json record;
    try {
      record = Json::parse(line);
    } catch (const Json::parse_error& error) {
      const LineIndex line_index(line);
      const size_t at = error.byte == 0 ? 0 : std::min(error.byte - 1, line.size());
      where.column = line_index.Column(at);
      errors.Add({where, "", "", ParseErrorReason(error)});
      continue;
    } catch (const Json::exception& error) {
      ReportJsonException(path, text, lines, offset, error, errors, where);
      continue;
    }
    std::string repeated;
    if (const size_t at = FindRepeatedKey(line, &repeated); at != std::string_view::npos) {
      errors.Add(
          {LocationAt(path, lines, offset + at), "", repeated, RepeatedKeyMessage(repeated)});
      continue;
    }
    auto kind = record.is_object() ? record.find("record") : record.end();
    const std::string record_class =
        kind != record.end() && kind->is_string() ? kind->get<std::string>() : "";
    if (record_class != "source" && record_class != "entity" && record_class != "relation") {
      errors.Add({where, "", "record",
                  "each line needs \"record\": \"source\", \"entity\" or \"relation\""});
      continue;
    }
    AddRecord(record_class, record, where, text, lines, dataset, errors, {"record"});
  }
}

}  // namespace

void ReadJsonLines(const std::string& path, std::string_view text, Dataset& dataset,
                   ValidationErrors& errors, const JsonLinesReadOptions& options) {
  text = WithoutByteOrderMark(text);
  if (!CheckUtf8(path, text, errors)) return;
  const LineIndex lines(text);
  // Lines are independent records: a large file is read in chunks of whole
  // lines side by side, and the parts joined in order, which gives exactly
  // the records and problems of one pass.
  const size_t chunks = std::clamp<size_t>(
      text.size() / std::max<size_t>(options.min_chunk_bytes, 1), 1, std::max(options.threads, 1U));
  std::vector<size_t> starts = {0};
  for (size_t i = 1; i < chunks; ++i) {
    const size_t newline = text.find('\n', std::max(text.size() * i / chunks, starts.back()));
    if (newline == std::string_view::npos) break;
    starts.push_back(newline + 1);
  }
  starts.push_back(text.size());
  struct Part {
    Dataset dataset;
    ValidationErrors errors;
  };
  std::vector<Part> parts(starts.size() - 1);
  auto read_part = [&](size_t i) {
    parts[i].errors.cap = errors.cap;
    const int first_line = lines.Line(starts[i]);
    ReadJsonLinesPart(path, text, lines, starts[i], starts[i + 1], first_line, parts[i].dataset,
                      parts[i].errors);
  };
  RunSideBySide(parts.size(), read_part);
  for (Part& part : parts) {
    AppendDataset(dataset, std::move(part.dataset));
    AppendErrors(errors, std::move(part.errors));
  }
}

}  // namespace partnergraph::io
