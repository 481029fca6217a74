#include "partnergraph/parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace partnergraph {

unsigned DefaultThreads() { return std::clamp(std::thread::hardware_concurrency(), 1U, 8U); }

void RunSideBySide(size_t count, const std::function<void(size_t)>& task) {
  std::vector<std::thread> threads;
  threads.reserve(count > 0 ? count - 1 : 0);
  for (size_t i = 1; i < count; ++i) threads.emplace_back(task, i);
  if (count > 0) task(0);
  for (std::thread& thread : threads) thread.join();
}

Status RunParallel(size_t count, unsigned threads, const std::function<Status(size_t)>& task) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  Status failure;
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      Status s = task(i);
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure.ok()) failure = s;
      }
    }
  };
  const size_t used = std::min<size_t>(std::max(threads, 1U), count);
  std::vector<std::thread> pool;
  pool.reserve(used > 0 ? used - 1 : 0);
  for (size_t t = 1; t < used; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
  return failure;
}

}  // namespace partnergraph
