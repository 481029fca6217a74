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
};

struct Dataset {
  std::vector<Located<SourceDocument>> sources;
  std::vector<Located<Entity>> entities;
  std::vector<Located<Relation>> relations;

  size_t size() const { return sources.size() + entities.size() + relations.size(); }
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DATASET_H_
