// BfsScratch: the per-vertex state of one breadth-first search (visited,
// depth, a second "mark" bit), forgotten in O(1) between searches, so that a
// query costs what it visits rather than O(vertices). BfsScratchPool lends
// them to concurrent queries and keeps them for reuse.
#ifndef PARTNERGRAPH_GRAPH_BFS_SCRATCH_H_
#define PARTNERGRAPH_GRAPH_BFS_SCRATCH_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include "partnergraph/topology.h"

namespace partnergraph::graph {

class BfsScratch {
 public:
  explicit BfsScratch(size_t num_vertices);

  // Forgets every visit and mark. O(1), except once every 2^32 searches.
  void Reset();

  bool visited(VertexIndex v) const { return slots_[v].visit_epoch == epoch_; }
  // Valid only when visited(v).
  int32_t depth(VertexIndex v) const { return slots_[v].depth; }
  void Visit(VertexIndex v, int32_t depth) {
    slots_[v].visit_epoch = epoch_;
    slots_[v].depth = depth;
  }

  bool marked(VertexIndex v) const { return slots_[v].mark_epoch == epoch_; }
  void Mark(VertexIndex v) { slots_[v].mark_epoch = epoch_; }

  // Frontier buffers, kept here so their capacity is reused too.
  std::vector<VertexIndex>& frontier() { return frontier_; }
  std::vector<VertexIndex>& next_frontier() { return next_frontier_; }

 private:
  // One struct per vertex rather than three arrays: a visit touches one line.
  // All zero is "never visited" (epochs start at 1).
  struct Slot {
    uint32_t visit_epoch;
    uint32_t mark_epoch;
    int32_t depth;
  };
  struct FreeDeleter {
    void operator()(Slot* slots) const { std::free(slots); }
  };
  // From calloc, not a vector: large blocks come zeroed from the kernel and
  // only the pages a search touches become resident, so a search on a huge
  // graph from a fresh process costs what it visits, not 12 bytes a vertex.
  std::unique_ptr<Slot[], FreeDeleter> slots_;
  size_t num_vertices_;
  uint32_t epoch_ = 0;  // slots with another epoch are unvisited, unmarked
  std::vector<VertexIndex> frontier_;
  std::vector<VertexIndex> next_frontier_;
};

// Thread-safe. Scratches are created on demand, so the pool holds as many as
// there were concurrent queries at the peak; each costs 12 bytes a vertex.
class BfsScratchPool {
 public:
  explicit BfsScratchPool(size_t num_vertices) : num_vertices_(num_vertices) {}

  // Returns the scratch to its pool when destroyed.
  class Lease {
   public:
    Lease(BfsScratchPool* pool, std::unique_ptr<BfsScratch> scratch)
        : pool_(pool), scratch_(std::move(scratch)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    BfsScratch& operator*() const { return *scratch_; }
    BfsScratch* operator->() const { return scratch_.get(); }

   private:
    BfsScratchPool* pool_;
    std::unique_ptr<BfsScratch> scratch_;
  };

  // A scratch already Reset() for a new search.
  Lease Acquire();

 private:
  size_t num_vertices_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<BfsScratch>> idle_;
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_BFS_SCRATCH_H_
