#include "store/rocks_status.h"

#include "store/store_folder.h"

namespace partnergraph::store {

Status FromRocksDb(const rocksdb::Status& status, const std::string& path) {
  if (status.ok()) return Status::Ok();
  const std::string detail = status.ToString();
  // RocksDB reports a held LOCK file as an IO error; users need to hear that
  // another process has the database, not an errno.
  if (status.IsIOError() && detail.find("lock") != std::string::npos) {
    // A LOCK file this user may not write is not a lock held by another.
    if (detail.find("ermission denied") != std::string::npos) {
      return Status::IOError("database " + path + " cannot be written: " + detail);
    }
    return InUse(path);
  }
  // A full disk fails a write before it reaches the memtable: nothing of it
  // is visible, and the log's partial record is dropped on the next open.
  if (status.IsNoSpace()) {
    return Status::IOError("no space left on device for database " + path + " (" + detail + ")");
  }
  if (status.IsCorruption()) {
    // RocksDB's text starts "Corruption: "; Damaged says so already.
    constexpr std::string_view kPrefix = "Corruption: ";
    return Damaged(path, detail.starts_with(kPrefix) ? detail.substr(kPrefix.size()) : detail);
  }
  if (status.IsNotFound()) return Status::NotFound("database " + path + ": " + detail);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain()) {
    return Status::Busy("database " + path + " is busy: " + detail);
  }
  if (status.IsNotSupported()) return Status::NotSupported("database " + path + ": " + detail);
  if (status.IsInvalidArgument()) {
    return Status::InvalidArgument("database " + path + ": " + detail);
  }
  return Status::IOError("database " + path + ": " + detail);
}

}  // namespace partnergraph::store
