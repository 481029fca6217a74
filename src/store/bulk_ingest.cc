#include "store/bulk_ingest.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <rocksdb/sst_file_writer.h>

#include "partnergraph/parallel.h"

#include "store/rocks_status.h"

namespace partnergraph::store {
namespace {

namespace fs = std::filesystem;

uint64_t BigEndianPrefix(std::string_view key) {
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8; ++i) {
    prefix = (prefix << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0U);
  }
  return prefix;
}

// Removes the work folder on every path out of IngestSortedRows.
class WorkDir {
 public:
  explicit WorkDir(std::string path) : path_(std::move(path)) {}
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;

 private:
  std::string path_;
};

// Runs task(i) for i in [0, count) on up to `threads` threads; returns the
// first failure.
}  // namespace

void SortedRows::Add(std::string_view key, std::string_view value) {
  entries_.push_back(Entry{BigEndianPrefix(key), arena_.size(), static_cast<uint32_t>(key.size()),
                           static_cast<uint32_t>(value.size())});
  arena_.append(key);
  arena_.append(value);
}

void SortedRows::SortAndDeduplicate() {
  auto key_of = [this](const Entry& e) {
    return std::string_view(arena_.data() + e.offset, e.key_size);
  };
  auto less = [&](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return key_of(a) < key_of(b);
  };
  // Imports often come in key order already (relations by id): check first.
  if (!std::is_sorted(entries_.begin(), entries_.end(), less)) {
    std::stable_sort(entries_.begin(), entries_.end(), less);
  }
  // Equal keys are adjacent, in the order added: keep the last of each run.
  size_t kept = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (i + 1 < entries_.size() && key_of(entries_[i]) == key_of(entries_[i + 1])) continue;
    entries_[kept++] = entries_[i];
  }
  entries_.resize(kept);
}

Status IngestSortedRows(rocksdb::DB& db, const rocksdb::Options& options,
                        std::vector<FamilyRows>& families, const std::string& work_dir,
                        const std::string& db_path, unsigned threads) {
  std::error_code ec;
  fs::remove_all(work_dir, ec);  // left by a load that crashed; we hold the lock
  fs::create_directories(work_dir, ec);
  if (ec) return Status::IOError("cannot create " + work_dir + ": " + ec.message());
  const WorkDir cleanup(work_dir);

  std::vector<size_t> order;  // the largest first, so the threads finish together
  for (size_t i = 0; i < families.size(); ++i) {
    if (!families[i].rows.empty()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return families[a].rows.size() > families[b].rows.size(); });
  std::vector<std::string> files(families.size());
  Status s = RunParallel(order.size(), threads, [&](size_t n) -> Status {
    const size_t i = order[n];
    SortedRows& rows = families[i].rows;
    rows.SortAndDeduplicate();
    files[i] = work_dir + "/" + std::to_string(i) + ".sst";
    // Keep the pages cached: RocksDB reads the files straight back to ingest
    // them, and a query usually follows an import.
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, families[i].family,
                                  /*invalidate_page_cache=*/false);
    rocksdb::Status rs = writer.Open(files[i]);
    for (size_t r = 0; rs.ok() && r < rows.size(); ++r) {
      rs = writer.Put(rocksdb::Slice(rows.key(r)), rocksdb::Slice(rows.value(r)));
    }
    if (rs.ok()) rs = writer.Finish();
    return FromRocksDb(rs, db_path);
  });
  if (!s.ok()) return s;

  std::vector<rocksdb::IngestExternalFileArg> args;
  for (size_t i : order) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = families[i].family;
    arg.external_files = {files[i]};
    // Linked, not copied: the files are ours and on the same disk.
    arg.options.move_files = true;
    // Keys already in the store (the meta counters) are overwritten by the
    // ingested ones, which get a sequence number above every existing key.
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;
    args.push_back(std::move(arg));
  }
  if (args.empty()) return Status::Ok();
  return FromRocksDb(db.IngestExternalFiles(args), db_path);
}

}  // namespace partnergraph::store
