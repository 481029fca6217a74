#include "graph/bfs_scratch.h"

#include <cstring>
#include <new>
#include <utility>

namespace partnergraph::graph {

BfsScratch::BfsScratch(size_t num_vertices)
    : slots_(static_cast<Slot*>(std::calloc(num_vertices == 0 ? 1 : num_vertices, sizeof(Slot)))),
      num_vertices_(num_vertices) {
  if (!slots_) throw std::bad_alloc();
  Reset();
}

void BfsScratch::Reset() {
  ++epoch_;
  if (epoch_ == 0) {
    // The epoch wrapped: a slot left from 2^32 searches ago would look
    // current, so clear them all and start again at 1 (0 is the initial value).
    std::memset(slots_.get(), 0, num_vertices_ * sizeof(Slot));
    epoch_ = 1;
  }
  frontier_.clear();
  next_frontier_.clear();
}

BfsScratchPool::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(pool_->mutex_);
  try {
    pool_->idle_.push_back(std::move(scratch_));
  } catch (const std::bad_alloc&) {
    // A destructor must not throw; the scratch is merely not reused.
  }
}

BfsScratchPool::Lease BfsScratchPool::Acquire() {
  std::unique_ptr<BfsScratch> scratch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      scratch = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (scratch) {
    scratch->Reset();
  } else {
    // Allocated outside the lock: O(vertices), and other queries need not wait.
    scratch = std::make_unique<BfsScratch>(num_vertices_);
  }
  return Lease(this, std::move(scratch));
}

}  // namespace partnergraph::graph
