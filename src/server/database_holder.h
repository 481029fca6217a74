// The database the server answers from, opened again when another process
// changes it (an import): each request takes the Database current when it
// starts and keeps it to its end, so it never sees half of an import.
#ifndef PARTNERGRAPH_SERVER_DATABASE_HOLDER_H_
#define PARTNERGRAPH_SERVER_DATABASE_HOLDER_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "partnergraph/database.h"
#include "partnergraph/status.h"

namespace partnergraph::server {

class DatabaseHolder {
 public:
  // Opens the database at `path` read-only. Fails as Database::Open does.
  static Result<std::unique_ptr<DatabaseHolder>> Open(const std::string& path);

  // The database as it is now: reopened when the files RocksDB reads to open
  // it (CURRENT, MANIFEST-*, *.log) changed, checked at most every
  // kCheckInterval. When a reopen fails, the last good one stays. Thread-safe.
  std::shared_ptr<const Database> Current();

  static constexpr std::chrono::milliseconds kCheckInterval{200};

 private:
  explicit DatabaseHolder(std::string path) : path_(std::move(path)) {}
  // Names, inodes, sizes and modification times of those files.
  std::string Fingerprint() const;

  const std::string path_;
  std::mutex mutex_;
  std::shared_ptr<const Database> database_;
  std::string fingerprint_;
  std::chrono::steady_clock::time_point checked_;
};

}  // namespace partnergraph::server

#endif  // PARTNERGRAPH_SERVER_DATABASE_HOLDER_H_
