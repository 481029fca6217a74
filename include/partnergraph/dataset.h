// Records read from files, each with where it came from, before they are
// validated and written to a store.
#ifndef PARTNERGRAPH_DATASET_H_
#define PARTNERGRAPH_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph {

// A place in an input file; line and column count from 1 (0: unknown).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  // Byte offset of the record in the file, so a problem can be pinned to the
  // field inside it; -1 when unknown.
  int64_t offset = -1;

  // "file:line:col", "file:line" or "file".
  std::string ToString() const;
};

template <typename Record>
struct Located {
  Record record;
  SourceLocation where;
  // Set by a reader that could not decode every field of the record (a bad
  // date, a field of the wrong type) and has reported why: such a record
  // still goes through validation, so that all its errors are listed at once
  // (an unknown entity beside a bad date), but the checks of the fields its
  // failure left empty are skipped, having been reported already. A dataset
  // holding one is never written: the decoding errors refuse the import.
  bool decoding_failed = false;
};

struct Dataset {
  std::vector<Located<SourceDocument>> sources;
  std::vector<Located<Entity>> entities;
  std::vector<Located<Relation>> relations;

  size_t size() const { return sources.size() + entities.size() + relations.size(); }
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DATASET_H_
