// What the fuzz targets share: a check that aborts with a message (libFuzzer
// then keeps the input as a crasher), a small store to resolve names and
// validate against, and the reader target's body.
#ifndef PARTNERGRAPH_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define PARTNERGRAPH_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "partnergraph/importer.h"
#include "partnergraph/store.h"

namespace partnergraph::fuzz {

// Prints `what` and the input's size, then aborts.
[[noreturn]] void Fail(const std::string& what);

#define PG_FUZZ_CHECK(condition, what)                               \
  do {                                                               \
    if (!(condition)) ::partnergraph::fuzz::Fail(std::string(what)); \
  } while (false)

// A store made once per process in a temporary folder (removed at exit),
// with the bundled schema and a handful of entities: English and Chinese
// names, aliases (one shared by two entities), relations and a source.
Store& SharedStore();

// Reads `data` as a file of `format` (written to a temporary file named
// *.`extension`) the way `pgraph import --dry-run` does, and checks what
// came back: every record read re-encodes and decodes to itself, every
// problem has a location and a message, and nothing throws or crashes.
void FuzzReader(const uint8_t* data, size_t size, InputFormat format, std::string_view extension);

// A little reader of fuzz bytes, so a target can build structured input.
class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  uint8_t Byte() { return empty() ? 0 : data_[pos_++]; }
  bool Bool() { return (Byte() & 1) != 0; }
  // A number below `bound` (> 0).
  size_t Below(size_t bound) { return Byte() % bound; }
  // A length byte (capped at `max_length`), then that many bytes.
  std::string String(size_t max_length) {
    const size_t length = std::min<size_t>(Byte(), max_length);
    const size_t take = std::min(length, size_ - pos_);
    std::string text(reinterpret_cast<const char*>(data_ + pos_), take);
    pos_ += take;
    return text;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

}  // namespace partnergraph::fuzz

#endif  // PARTNERGRAPH_TESTS_FUZZ_FUZZ_SUPPORT_H_
