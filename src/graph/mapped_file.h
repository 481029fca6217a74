// MappedFile: a whole file mapped read-only into memory, unmapped when the
// last owner lets go (RAII around open/mmap/munmap; the descriptor is closed
// as soon as the mapping exists, which keeps the file's pages reachable).
#ifndef PARTNERGRAPH_GRAPH_MAPPED_FILE_H_
#define PARTNERGRAPH_GRAPH_MAPPED_FILE_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>

#include "partnergraph/status.h"

namespace partnergraph::graph {

class MappedFile {
 public:
  // kNotFound when there is no file, kCorruption when it is empty (nothing
  // to map), kIOError otherwise. The pages are read ahead, since every
  // caller reads the whole file (a checksum) first.
  static Result<std::shared_ptr<const MappedFile>> Open(const std::string& path);

  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::byte> bytes() const { return {data_, size_}; }

 private:
  MappedFile(const std::byte* data, size_t size) : data_(data), size_(size) {}
  const std::byte* data_;
  size_t size_;
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_MAPPED_FILE_H_
