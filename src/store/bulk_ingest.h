// Bulk loading: the rows of a large import gathered per column family,
// sorted, written as SST files with RocksDB's SstFileWriter and ingested in
// one IngestExternalFiles call, which RocksDB records atomically (all column
// families or none) in its MANIFEST. For loads into an empty store, where a
// WriteBatch of millions of rows would go through the WAL and memtables and
// then be compacted again.
#ifndef PARTNERGRAPH_STORE_BULK_INGEST_H_
#define PARTNERGRAPH_STORE_BULK_INGEST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include "partnergraph/status.h"

namespace partnergraph::store {

// Key-value rows in one buffer (a std::string per row would double the
// memory of a load of millions), sortable by key.
class SortedRows {
 public:
  void Add(std::string_view key, std::string_view value);
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  // Sorts by key in RocksDB's bytewise order; of rows with equal keys the
  // one added last is kept, as a WriteBatch would.
  void SortAndDeduplicate();

  std::string_view key(size_t i) const {
    return {arena_.data() + entries_[i].offset, entries_[i].key_size};
  }
  std::string_view value(size_t i) const {
    return {arena_.data() + entries_[i].offset + entries_[i].key_size, entries_[i].value_size};
  }

 private:
  struct Entry {
    uint64_t prefix;  // the key's first 8 bytes, big-endian: most comparisons end here
    uint64_t offset;
    uint32_t key_size;
    uint32_t value_size;
  };
  std::string arena_;
  std::vector<Entry> entries_;
};

// One column family's rows for IngestSortedRows.
struct FamilyRows {
  rocksdb::ColumnFamilyHandle* family = nullptr;
  SortedRows rows;
};

// Sorts every family's rows, writes each into an SST file under `work_dir`
// (created, and removed afterwards whatever happens), and ingests them all
// in one atomic call. Families without rows are skipped. Uses up to
// `threads` threads for sorting and writing. On failure nothing was ingested.
Status IngestSortedRows(rocksdb::DB& db, const rocksdb::Options& options,
                        std::vector<FamilyRows>& families, const std::string& work_dir,
                        const std::string& db_path, unsigned threads);

}  // namespace partnergraph::store

#endif  // PARTNERGRAPH_STORE_BULK_INGEST_H_
