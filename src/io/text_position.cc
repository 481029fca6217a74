#include "io/text_position.h"

#include <algorithm>
#include <string>

namespace partnergraph::io {

std::string_view WithoutByteOrderMark(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  return text;
}

namespace {

bool IsLeadByte(char c) {
  // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a character.
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  checkpoints_.reserve(text.size() / kCheckpointBytes + 1);
  int column = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kCheckpointBytes == 0) checkpoints_.push_back(column);
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
      column = 1;
    } else if (IsLeadByte(text[i])) {
      ++column;
    }
  }
  if (text.size() % kCheckpointBytes == 0) checkpoints_.push_back(column);
}

int LineIndex::Line(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

int LineIndex::Column(size_t offset) const {
  offset = std::min(offset, text_.size());
  const size_t line_start = line_starts_[static_cast<size_t>(Line(offset)) - 1];
  // Count from the last checkpoint in this line, not from the line's start:
  // a minified document is one line, and counting from its start for every
  // record made reading it quadratic (40k entities took 39 s).
  const size_t checkpoint = offset / kCheckpointBytes * kCheckpointBytes;
  size_t from = line_start;
  int column = 1;
  if (checkpoint > line_start) {
    from = checkpoint;
    column = checkpoints_[checkpoint / kCheckpointBytes];
  }
  for (size_t i = from; i < offset; ++i) {
    if (IsLeadByte(text_[i])) ++column;
  }
  return column;
}

namespace {

// Walks JSON text token by token, enough to track nesting and keys.
class JsonWalker {
 public:
  explicit JsonWalker(std::string_view text) : text_(text) {}

  // Calls on_value(offset, depth, key) for every value start ('{', '[', '"',
  // literal) where depth counts the containers around it and key is the
  // object key it is the value of ("" inside arrays).
  template <typename OnValue>
  void Walk(size_t start, OnValue on_value) {
    std::vector<char> containers;  // '{' or '['
    std::string key;
    bool expecting_key = false;
    for (size_t i = start; i < text_.size(); ++i) {
      const char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') {
        if (c == ',' && !containers.empty() && containers.back() == '{') expecting_key = true;
        continue;
      }
      if (c == '}' || c == ']') {
        // A close with nothing open means the text is not the valid JSON
        // this walker assumes (a caller's mistake, or bytes nlohmann skips,
        // such as a byte order mark): stop rather than underflow.
        if (containers.empty()) return;
        containers.pop_back();
        if (containers.empty()) return;
        continue;
      }
      if (c == '"') {
        const size_t end = StringEnd(i);
        if (expecting_key) {
          key.assign(text_.substr(i + 1, end - i - 1));
          expecting_key = false;
        } else {
          if (!on_value(i, containers.size(), InArray(containers) ? "" : key)) return;
        }
        i = end;
        continue;
      }
      if (!on_value(i, containers.size(), InArray(containers) ? std::string() : key)) return;
      if (c == '{' || c == '[') {
        containers.push_back(c);
        expecting_key = c == '{';
        continue;
      }
      // A literal (number, true, false, null): skip to its end.
      while (i + 1 < text_.size() &&
             std::string_view(",]} \t\r\n").find(text_[i + 1]) == std::string_view::npos) {
        ++i;
      }
    }
  }

 private:
  static bool InArray(const std::vector<char>& containers) {
    return !containers.empty() && containers.back() == '[';
  }

  size_t StringEnd(size_t quote) const {
    for (size_t i = quote + 1; i < text_.size(); ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '"') {
        return i;
      }
    }
    return text_.size();
  }

  std::string_view text_;
};

}  // namespace

RecordOffsets FindRecordOffsets(std::string_view text) {
  RecordOffsets offsets;
  std::string array_key;
  JsonWalker(text).Walk(0, [&](size_t offset, size_t depth, const std::string& key) {
    if (depth == 1) array_key = key;
    if (depth == 2) {
      if (array_key == "sources") offsets.sources.push_back(offset);
      if (array_key == "entities") offsets.entities.push_back(offset);
      if (array_key == "relations") offsets.relations.push_back(offset);
    }
    return true;
  });
  return offsets;
}

size_t FindFieldOffset(std::string_view text, size_t object_offset, std::string_view field) {
  if (object_offset >= text.size() || text[object_offset] != '{') return object_offset;
  size_t found = object_offset;
  JsonWalker(text).Walk(object_offset, [&](size_t offset, size_t depth, const std::string& key) {
    if (depth == 1 && key == field) {
      // Point at the key, not its value: back up to the key's opening quote.
      size_t i = offset;
      while (i > object_offset && text[i] != ':') --i;
      while (i > object_offset && text[i] != '"') --i;
      while (i > object_offset && text[i - 1] != '"') --i;
      found = i > object_offset ? i - 1 : offset;
      return false;
    }
    return true;
  });
  return found;
}

}  // namespace partnergraph::io
