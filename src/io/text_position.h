// Byte offsets in an input file turned into the line and column users see.
#ifndef PARTNERGRAPH_IO_TEXT_POSITION_H_
#define PARTNERGRAPH_IO_TEXT_POSITION_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace partnergraph::io {

// Lines and columns of `text`, which must outlive it. Immutable once built,
// so threads may share one.
class LineIndex {
 public:
  // Every kCheckpointBytes bytes the index keeps the column there, so that a
  // column costs at most this many bytes of counting however long its line
  // (a minified JSON document is one line of millions of records).
  static constexpr size_t kCheckpointBytes = 256;

  explicit LineIndex(std::string_view text);

  // 1-based line, and 1-based column counted in characters (not bytes), so a
  // column in a line of Chinese text points where an editor does. An offset
  // past the end counts as the end.
  int Line(size_t offset) const;
  int Column(size_t offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> line_starts_;
  std::vector<int> checkpoints_;  // the column at offset i * kCheckpointBytes
};

// `text` without a leading UTF-8 byte order mark. Notepad and Excel ("CSV
// UTF-8") start files with one; it is not text, and positions are counted
// without it, as editors do. nlohmann/json skips it silently, so a reader
// that did not would count every offset three bytes off.
std::string_view WithoutByteOrderMark(std::string_view text);

// Where each record of a JSON document starts: for every top-level key whose
// value is an array, the byte offset of each element. Assumes `text` is
// syntactically valid JSON (it has been parsed already).
struct RecordOffsets {
  std::vector<size_t> sources;
  std::vector<size_t> entities;
  std::vector<size_t> relations;
};
RecordOffsets FindRecordOffsets(std::string_view text);

// The offset of the key `field` among the direct members of the JSON object
// starting at `object_offset`; `object_offset` itself when not found.
size_t FindFieldOffset(std::string_view text, size_t object_offset, std::string_view field);

}  // namespace partnergraph::io

#endif  // PARTNERGRAPH_IO_TEXT_POSITION_H_
