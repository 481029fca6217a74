#include "store/rocks_status.h"

namespace partnergraph::store {

Status FromRocksDb(const rocksdb::Status& status, const std::string& path) {
  if (status.ok()) return Status::Ok();
  const std::string detail = status.ToString();
  // RocksDB reports a held LOCK file as an IO error; users need to hear that
  // another process has the database, not an errno.
  if (status.IsIOError() && detail.find("lock") != std::string::npos) {
    return Status::Busy("database " + path +
                        " is in use by another process (another pgraph is writing it); "
                        "try again when it has finished");
  }
  if (status.IsCorruption()) {
    return Status::Corruption("database " + path + " is damaged (" + detail +
                              "); restore it from an export (`pgraph import`) into a new "
                              "database, or rebuild the bundled one with `pgraph init --force`");
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
