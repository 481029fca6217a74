// The folder a store lives in: which files make a PartnerGraph store, the
// store's lock, the record of its last synced write, and what a reader's
// consistent open watches. Private to the store module.
#ifndef PARTNERGRAPH_STORE_STORE_FOLDER_H_
#define PARTNERGRAPH_STORE_STORE_FOLDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "partnergraph/status.h"

namespace partnergraph::store {

// "database PATH is damaged (DETAIL); restore it from an export ...": the one
// message every kind of damage ends in, with the recoveries that work.
Status Damaged(const std::string& path, const std::string& detail);

// Whether `name` is, exactly, the name of a file RocksDB or PartnerGraph keeps
// in a store's folder: CURRENT, IDENTITY, LOCK, LOG, LOG.old.N, MANIFEST-N,
// OPTIONS-N, N.sst, N.log, N.blob, N.dbtmp, OPTIONS-N.dbtmp, LAST_WRITE,
// topology.snapshot, records.snapshot and their NAME.tmp.PID.N temporaries (N digits). A
// user's `app.log` or `LOGS` is not one.
bool IsStoreFileName(std::string_view name);

// Whether `path` holds what is left of a RocksDB store whose CURRENT file is
// gone (its IDENTITY and a MANIFEST): a damaged database, not no database.
bool HoldsStoreFiles(const std::string& path);

// Whether the folder `path` is a store that may be replaced without losing
// anything of the user's: every entry is a regular file with a store file's
// name (IsStoreFileName) or PartnerGraph's bulk-import.tmp folder of table
// files, and a MANIFEST and CURRENT (or IDENTITY) are there. Any other
// subfolder, or a lone log or table file, makes it not a store.
bool HoldsOnlyStoreFiles(const std::string& path);

// CURRENT, the MANIFEST's name and size and the set of write-ahead logs, as
// one text: what a read-only open reads and a writer may change under it.
std::string FilesAReaderDependsOn(const std::string& path);

// The store's lock: RocksDB's LOCK file in its folder, taken through
// RocksDB's own Env, so that it also knows when this process holds it (a
// POSIX record lock does not: a second descriptor would release it). Held
// from Acquire until destroyed. Move-only.
class StoreLock {
 public:
  // kBusy when another process, or this one, holds it; kIOError (with the
  // reason, e.g. "Permission denied") when the file cannot be locked.
  static Result<StoreLock> Acquire(const std::string& path);

  StoreLock() = default;
  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

 private:
  void* lock_ = nullptr;  // rocksdb::FileLock; kept out of this header
};

// The busy message: another process writes the store.
Status InUse(const std::string& path);

// The record of the last write made durable, kept in the file LAST_WRITE
// beside the store: RocksDB's sequence number after it. A store that opens
// at a lower sequence number lost writes it had confirmed (a cut MANIFEST, a
// damaged log record taken for a torn tail) and is damaged. nullopt when
// there is no record (a store written before it existed). kCorruption when
// the record is unreadable.
// DO NOT CHANGE the file's name or layout ("partnergraph-last-write 1\n"
// then "sequence N\n"): older readers skip a missing file only.
Result<std::optional<uint64_t>> ReadLastWrite(const std::string& path);
// Replaces the record atomically and durably.
Status WriteLastWrite(const std::string& path, uint64_t sequence);

}  // namespace partnergraph::store

#endif  // PARTNERGRAPH_STORE_STORE_FOLDER_H_
