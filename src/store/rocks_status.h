// Translation of RocksDB's statuses into ours, at the module's edge.
#ifndef PARTNERGRAPH_STORE_ROCKS_STATUS_H_
#define PARTNERGRAPH_STORE_ROCKS_STATUS_H_

#include <string>

#include <rocksdb/status.h>

#include "partnergraph/status.h"

namespace partnergraph::store {

// Adds the store's path, turns the lock error of a second writer into kBusy
// ("in use by another process") and corruption into kCorruption with a
// suggested recovery.
Status FromRocksDb(const rocksdb::Status& status, const std::string& path);

}  // namespace partnergraph::store

#endif  // PARTNERGRAPH_STORE_ROCKS_STATUS_H_
