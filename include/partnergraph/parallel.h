// Running work on several threads: the one way the modules do it (reading
// large files in chunks, validating in shards, writing bulk-load files).
#ifndef PARTNERGRAPH_PARALLEL_H_
#define PARTNERGRAPH_PARALLEL_H_

#include <cstddef>
#include <functional>

#include "partnergraph/status.h"

namespace partnergraph {

// The threads worth starting for CPU-bound work: the machine's cores, at
// least 1 and at most 8 (beyond, the disk or the merge is the bottleneck).
unsigned DefaultThreads();

// Runs task(0) .. task(count - 1) at once, one thread each (task(0) on the
// calling thread), and returns when all are done. For a few large parts
// that each own their output. Each task must not throw.
void RunSideBySide(size_t count, const std::function<void(size_t)>& task);

// Runs task(0) .. task(count - 1) on at most `threads` threads (the calling
// thread is one of them), each taking the next index when it is free, and
// returns the first failure any task reported (all tasks still run). For
// many small items of uneven cost. Each task must not throw.
Status RunParallel(size_t count, unsigned threads, const std::function<Status(size_t)>& task);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_PARALLEL_H_
