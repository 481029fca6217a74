#include "partnergraph/store.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/write_batch.h>
#include <sys/statvfs.h>

#include "partnergraph/atomic_file.h"
#include "partnergraph/text.h"

#include "model/record_json.h"
#include "store/bulk_ingest.h"
#include "store/key_codec.h"
#include "store/rocks_status.h"
#include "store/store_folder.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;
using store::FilesAReaderDependsOn;
using store::FromRocksDb;
using store::HoldsStoreFiles;

// DO NOT CHANGE: column family names and order are part of the format.
enum Family : size_t {
  kMeta = 0,
  kEntities,
  kRelations,
  kSources,
  kVertices,
  kOut,
  kIn,
  kByType,
  kUnsourced,
  kNames,
  kFamilyCount
};
constexpr const char* kFamilyNames[kFamilyCount] = {"default",   "entities", "relations", "sources",
                                                    "vertices",  "out",      "in",        "by_type",
                                                    "unsourced", "names"};

constexpr const char* kFormatVersionKey = "format_version";
constexpr const char* kSchemaKey = "schema";
constexpr const char* kEntityCountKey = "count.entities";
constexpr const char* kRelationCountKey = "count.relations";
constexpr const char* kSourceCountKey = "count.sources";
// Bumped by every write, so caches of the store's contents (the graph
// snapshot) can tell that it changed; absent in a new store (0).
constexpr const char* kGenerationKey = "generation";
// A random text written with every generation bump: two copies of one store
// (`cp -a`) that each take an import of the same size reach equal counters
// and sequence numbers, but never equal ids, so caches of one are never
// believed for the other.
constexpr const char* kGenerationIdKey = "generation_id";

std::string RandomGenerationId() {
  std::random_device random;
  std::string id;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", random());
    id += part;
  }
  return id;
}

// RocksDB's info log, as RocksDB's own logger would write it, but safe on a
// full disk. That logger asserts on its next line once a write to it has
// failed, and Debian builds RocksDB with assertions on: an import that filled
// the disk aborted (exit 134) in a background thread logging the error. This
// one writes a line at a time with stdio and ignores failures: the log is for
// debugging only.
class WarningLog : public rocksdb::Logger {
 public:
  explicit WarningLog(const std::string& path)
      : rocksdb::Logger(rocksdb::InfoLogLevel::WARN_LEVEL),
        file_(std::fopen((path + "/LOG").c_str(), "ae")) {}

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (!file_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    std::vfprintf(file_.get(), format, ap);
    std::fputc('\n', file_.get());
    std::fflush(file_.get());
  }

 private:
  struct FileCloser {
    void operator()(FILE* file) const { std::fclose(file); }
  };
  std::mutex mutex_;
  std::unique_ptr<FILE, FileCloser> file_;
};

rocksdb::Options StoreOptions() {
  rocksdb::Options options;
  options.create_if_missing = false;
  options.create_missing_column_families = false;
  // Keep the store's folder tidy: RocksDB's info log is for debugging only.
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.keep_log_file_num = 2;
  options.max_manifest_file_size = 64 << 20;
  options.compression = rocksdb::kLZ4Compression;
  options.paranoid_checks = true;
  // Every import is flushed to table files as soon as it is synced (Apply):
  // otherwise it stays in the write-ahead log, and every later open, of every
  // reader, replays the whole log again (seconds and hundreds of MB after a
  // large import). One atomic flush of all families keeps the families in step.
  options.atomic_flush = true;
  // A write cut short by a crash leaves an incomplete last record in the
  // log, which recovery drops (the store as before). Any other damage to the
  // log is corruption: the default, point-in-time recovery, would silently
  // drop every write from the damaged record on (tests/integration/
  // corruption_test: FlippedByteInTheLogIsDamageNotALostImport).
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  return options;
}

// What every open of the store at `path` passes RocksDB.
rocksdb::DBOptions StoreDbOptions(const std::string& path) {
  rocksdb::DBOptions options(StoreOptions());
  options.info_log = std::make_shared<WarningLog>(path);
  return options;
}

// Refuses a write of about `bytes` into the store at `path` when its file
// system plainly cannot hold it. A write that runs out of space part-way
// leaves RocksDB in an error state until the store is closed; refused here,
// it never starts. A file system that cannot say (statvfs fails) is tried.
Status CheckFreeSpace(const std::string& path, uint64_t bytes) {
  struct statvfs fs_stats = {};
  if (::statvfs(path.c_str(), &fs_stats) != 0) return Status::Ok();
  const uint64_t free_bytes = static_cast<uint64_t>(fs_stats.f_bavail) * fs_stats.f_frsize;
  if (free_bytes >= bytes) return Status::Ok();
  auto mib = [](uint64_t n) { return std::to_string((n + (1U << 20) - 1) >> 20) + " MiB"; };
  return Status::IOError("no space left on device for database " + path + ": the import needs " +
                         mib(bytes) + ", " + mib(free_bytes) + " are free; nothing was imported");
}

std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors() {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kFamilyNames) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(StoreOptions()));
  }
  return descriptors;
}

char NameFieldCode(NameField field) {
  switch (field) {
    case NameField::kId:
      return 'i';
    case NameField::kEnglishName:
      return 'e';
    case NameField::kChineseName:
      return 'z';
    case NameField::kAlias:
      return 'a';
  }
  return 'a';
}

NameField NameFieldFromCode(char code) {
  switch (code) {
    case 'i':
      return NameField::kId;
    case 'e':
      return NameField::kEnglishName;
    case 'z':
      return NameField::kChineseName;
    default:
      return NameField::kAlias;
  }
}

// Every (normalised text, field) under which an entity can be found. When a
// text is both a name and an alias the more specific field wins.
std::map<std::string, NameField> NameEntries(const Entity& entity) {
  std::map<std::string, NameField> entries;
  auto add = [&entries](std::string_view text, NameField field) {
    std::string normalised = NormaliseName(text);
    if (normalised.empty()) return;
    entries.emplace(std::move(normalised), field);  // first field wins
  };
  add(entity.id, NameField::kId);
  add(entity.name.en, NameField::kEnglishName);
  add(entity.name.zh, NameField::kChineseName);
  for (const std::string& alias : entity.aliases) add(alias, NameField::kAlias);
  return entries;
}

uint64_t ParseCount(const std::string& text) {
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

struct Store::Impl {
  std::string path;
  Schema schema;
  bool read_only = true;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  // The log a failed write left part of a batch in, and its size before:
  // cut back once the database is closed (below).
  std::string torn_log;
  uint64_t torn_log_size = 0;

  ~Impl() {
    // Handles first, then the database: RocksDB requires that order.
    for (rocksdb::ColumnFamilyHandle* handle : families) {
      if (db && handle != nullptr) db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    families.clear();
    db.reset();
    // A write that failed part-way (a full disk) left the start of its batch
    // in the log: never applied, and dropped by the next open as a torn
    // record, but it keeps the space it took, so that the next import finds
    // the disk as full. Cutting the log back to where the batch began leaves
    // the store's files exactly as they were. Best effort.
    if (!torn_log.empty() && ::truncate(torn_log.c_str(), static_cast<off_t>(torn_log_size)) != 0) {
      // Nothing more to do: the next open drops the torn record all the same.
    }
  }

  rocksdb::ColumnFamilyHandle* family(Family f) const { return families[f]; }

  Status Get(Family f, std::string_view key, std::string* value) const {
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), family(f), rocksdb::Slice(key), value);
    if (s.IsNotFound()) return Status::NotFound(std::string(key));
    return FromRocksDb(s, path);
  }

  std::unique_ptr<rocksdb::Iterator> Iterate(Family f) const {
    rocksdb::ReadOptions options;
    options.verify_checksums = true;
    return std::unique_ptr<rocksdb::Iterator>(db->NewIterator(options, family(f)));
  }

  // Calls visit(key, value) for every key starting with `prefix`, in order.
  Status ScanPrefix(Family f, std::string_view prefix,
                    const std::function<bool(std::string_view, std::string_view)>& visit) const {
    std::unique_ptr<rocksdb::Iterator> it = Iterate(f);
    for (it->Seek(rocksdb::Slice(prefix)); it->Valid(); it->Next()) {
      const std::string_view key = it->key().ToStringView();
      if (key.substr(0, prefix.size()) != prefix) break;
      if (!visit(key, it->value().ToStringView())) break;
    }
    return FromRocksDb(it->status(), path);
  }

  // After a synced write: records it as the last write (so that an open
  // that misses it is known to be damage), then flushes every family in one
  // atomic step, so that no later open replays it from the log. The write
  // is durable either way; a failed flush only leaves it in the log.
  // Both steps are best effort: the write has landed, and saying the
  // import failed would be false. Without the record an open checks against
  // an older one; without the flush the next writer's open flushes.
  void Durable() {
    if (!store::WriteLastWrite(path, db->GetLatestSequenceNumber()).ok()) return;
    rocksdb::FlushOptions flush;
    flush.wait = true;
    db->Flush(flush, families).PermitUncheckedError();
  }

  // Writes a dataset into an empty store through SST files (Apply's bulk path).
  Result<ApplyReport> ApplyBulk(const Dataset& dataset, uint64_t generation);

  Status ReadCount(const char* key, uint64_t* count) const {
    std::string value;
    Status s = Get(kMeta, key, &value);
    if (s.code() == StatusCode::kNotFound) {
      *count = 0;
      return Status::Ok();
    }
    if (!s.ok()) return s;
    *count = ParseCount(value);
    return Status::Ok();
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const std::string& Store::path() const { return impl_->path; }
const Schema& Store::schema() const { return impl_->schema; }

Result<std::unique_ptr<Store>> Store::Create(const std::string& path, const Schema& schema) {
  std::error_code ec;
  if (fs::exists(fs::path(path) / "CURRENT", ec)) {
    return Status::InvalidArgument("a database already exists at " + path +
                                   " (use --force to replace it)");
  }
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    return Status::InvalidArgument(path + " exists and is not a directory");
  }
  fs::create_directories(path, ec);
  if (ec) return Status::IOError("cannot create " + path + ": " + ec.message());

  rocksdb::DBOptions options = StoreDbOptions(path);
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = false;
  rocksdb::DB* db = nullptr;
  rocksdb::Status rs = rocksdb::DB::Open(options, path, FamilyDescriptors(), &impl->families, &db);
  impl->db.reset(db);
  if (!rs.ok()) return FromRocksDb(rs, path);

  rocksdb::WriteBatch batch;
  batch.Put(impl->family(kMeta), kFormatVersionKey, std::to_string(kFormatVersion));
  batch.Put(impl->family(kMeta), kSchemaKey, schema.json_text());
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  rs = impl->db->Write(write_options, &batch);
  if (!rs.ok()) return FromRocksDb(rs, path);
  Status s = store::WriteLastWrite(path, impl->db->GetLatestSequenceNumber());
  if (!s.ok()) return s;
  impl->schema = schema;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<std::unique_ptr<Store>> Store::OpenOnce(const std::string& path, OpenMode mode) {
  std::error_code ec;
  if (!fs::exists(fs::path(path) / "CURRENT", ec)) {
    if (HoldsStoreFiles(path)) return store::Damaged(path, "its CURRENT file is missing");
    if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
      return Status::InvalidArgument(path + " is a file, not a database folder");
    }
    if (fs::is_directory(path, ec)) {
      fs::directory_iterator probe(path, ec);
      if (ec) {
        return Status::IOError("cannot read the database folder " + path + ": " + ec.message());
      }
    }
    return Status::NotFound("no database at " + path + " (create one with `pgraph init`)");
  }
  // Read before the open: a writer records a write only once it is durable,
  // so the store then opens at this sequence number or later.
  Result<std::optional<uint64_t>> last_write = store::ReadLastWrite(path);
  if (!last_write) return last_write.error();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = mode == OpenMode::kReadOnly;
  rocksdb::DBOptions options = StoreDbOptions(path);
  rocksdb::DB* db = nullptr;
  rocksdb::Status rs =
      impl->read_only
          ? rocksdb::DB::OpenForReadOnly(options, path, FamilyDescriptors(), &impl->families, &db)
          : rocksdb::DB::Open(options, path, FamilyDescriptors(), &impl->families, &db);
  impl->db.reset(db);
  if (!rs.ok()) {
    // A folder holding some other RocksDB lacks our column families.
    if (rs.IsInvalidArgument() && rs.ToString().find("olumn famil") != std::string::npos) {
      return Status::Corruption(path + " is not a PartnerGraph database (" + rs.ToString() + ")");
    }
    return FromRocksDb(rs, path);
  }

  std::string version_text;
  Status s = impl->Get(kMeta, kFormatVersionKey, &version_text);
  if (s.code() == StatusCode::kNotFound) {
    return Status::Corruption(path + " is not a PartnerGraph database (no format version)");
  }
  if (!s.ok()) return s;
  const uint64_t version = ParseCount(version_text);
  if (version == 0) {
    return Status::Corruption("database " + path + " has an unreadable format version \"" +
                              version_text + "\"");
  }
  if (version > kFormatVersion) {
    return Status::NotSupported("database " + path + " was written in format version " +
                                version_text + ", newer than this pgraph reads (" +
                                std::to_string(kFormatVersion) +
                                "); use a newer pgraph, or export with it and re-import here");
  }
  std::string schema_text;
  s = impl->Get(kMeta, kSchemaKey, &schema_text);
  if (!s.ok()) return Status::Corruption("database " + path + " has no schema");
  Result<Schema> schema = Schema::Parse(schema_text, path + " (stored schema)");
  if (!schema) return Status::Corruption(schema.error().message());
  impl->schema = std::move(*schema);
  if (*last_write && impl->db->GetLatestSequenceNumber() < **last_write) {
    return store::Damaged(path,
                          "it opens without writes it had confirmed: its MANIFEST or "
                          "write-ahead log was cut or altered (sequence " +
                              std::to_string(impl->db->GetLatestSequenceNumber()) +
                              ", last write " + std::to_string(**last_write) + ")");
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode) {
  using Clock = std::chrono::steady_clock;
  // How long a reader keeps trying while a writer changes the files it
  // opens, counted from the last change it saw: a long import that keeps
  // flushing delays readers but does not make them give up, while a writer
  // that never stops is reported.
  constexpr auto kSettle = std::chrono::seconds(10);
  Clock::time_point deadline = Clock::now() + kSettle;
  const bool reader = mode == OpenMode::kReadOnly;
  std::string files_before = reader ? FilesAReaderDependsOn(path) : "";
  for (int attempt = 1;; ++attempt) {
    Result<std::unique_ptr<Store>> store = OpenOnce(path, mode);
    const std::string files_after = reader ? FilesAReaderDependsOn(path) : "";
    const bool files_changed = files_after != files_before;
    if (store && !files_changed) return store;
    const Status error = store ? Status::Ok() : store.error();
    const bool file_missing = error.code() == StatusCode::kIOError &&
                              error.message().find("No such file") != std::string::npos;
    // Damage fails the same way with no writer about; a file gone or
    // garbled while nothing changed gets two more tries, not ten seconds.
    constexpr int kTriesForDamage = 3;
    const bool may_be_a_race =
        files_changed ||
        ((file_missing || error.code() == StatusCode::kCorruption) && attempt < kTriesForDamage);
    if (files_changed) deadline = Clock::now() + kSettle;
    if (reader && may_be_a_race && Clock::now() < deadline) {
      store = Status::Busy("retrying");  // closes the store before waiting
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * attempt, 100)));
      files_before = files_after;
      continue;
    }
    if (files_changed) {
      return Status::Busy("database " + path +
                          " kept changing while it was being opened (another pgraph is "
                          "writing it); try again when it has finished");
    }
    if (file_missing) {
      const std::string& message = error.message();
      const size_t detail = message.find("IO error: ");
      return store::Damaged(
          path,
          "a file is missing: " + (detail == std::string::npos ? message : message.substr(detail)));
    }
    return error;
  }
}

Status Store::Destroy(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::Ok();
  // Only ever remove what is recognisably a store: a mistyped --db must not
  // wipe a folder of the user's documents.
  if (!(fs::is_directory(path, ec) &&
        (fs::is_empty(path, ec) || store::HoldsOnlyStoreFiles(path)))) {
    return Status::InvalidArgument(path + " is not a PartnerGraph database; refusing to remove it");
  }
  // Holding the lock proves no other process writes it, so we never pull a
  // database out from under a running import.
  {
    Result<store::StoreLock> lock = store::StoreLock::Acquire(path);
    if (!lock && lock.error().code() == StatusCode::kBusy) return lock.error();
  }
  fs::remove_all(path, ec);
  if (ec) return Status::IOError("cannot remove " + path + ": " + ec.message());
  return Status::Ok();
}

namespace {

// Where CreateAtomically builds a new store before swapping it in, named after
// the process so that leftovers of a killed build can be told apart.
constexpr std::string_view kStagingInfix = ".init-";

std::string StagingPath(const std::string& path) {
  return path + std::string(kStagingInfix) + std::to_string(::getpid());
}

// Removes the staging folders of builds that were killed: those whose process
// is gone. A live process's folder is its own business.
void RemoveAbandonedStaging(const std::string& path) {
  const fs::path target(path);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + std::string(kStagingInfix);
  std::error_code ec;
  std::vector<fs::path> abandoned;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    abandoned.push_back(entry.path());
  }
  for (const fs::path& folder : abandoned) fs::remove_all(folder, ec);
}

// The folder a build of `path` replaces: the target of a link, else `path`.
std::string ReplacedFolder(const std::string& path) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
  const fs::path target = fs::weakly_canonical(path, ec);
  return ec ? path : target.string();
}

}  // namespace

Result<ApplyReport> Store::CreateAtomically(const std::string& requested_path, const Schema& schema,
                                            bool replace, const Filler& fill) {
  const std::string path = ReplacedFolder(requested_path);
  std::error_code ec;
  RemoveAbandonedStaging(path);
  const bool exists = fs::exists(path, ec);
  if (exists && !fs::is_directory(path, ec)) {
    return Status::InvalidArgument(requested_path + " exists and is not a folder");
  }
  const bool empty_folder = exists && fs::is_empty(path, ec) && !ec;
  if (exists && !empty_folder) {
    if (!store::HoldsOnlyStoreFiles(path)) {
      return Status::InvalidArgument(
          requested_path +
          " is a folder that is not a PartnerGraph database, and is never replaced by one; "
          "give the path of a new or empty folder");
    }
    if (!replace) {
      if (fs::exists(fs::path(path) / "CURRENT", ec)) {
        return Status::InvalidArgument("a database already exists at " + requested_path +
                                       " (use --force to replace it)");
      }
      return store::Damaged(requested_path,
                            "its CURRENT file is missing; `pgraph init --force` replaces it");
    }
  }

  // Keep every writer out of the old store from now until it is replaced,
  // so that no import lands in it and is lost; and say at once if one runs.
  store::StoreLock lock;
  if (exists && !empty_folder) {
    Result<store::StoreLock> locked = store::StoreLock::Acquire(path);
    if (!locked) return locked.error();
    lock = std::move(*locked);
  }

  // Build beside the target, then swap: the old store stays whole and
  // usable until the new one is complete.
  const std::string staging = StagingPath(path);
  fs::remove_all(staging, ec);
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  ApplyReport report;
  {
    Result<std::unique_ptr<Store>> store = Create(staging, schema);
    if (!store) {
      fs::remove_all(staging, ec);
      return store.error();
    }
    if (fill) {
      Result<ApplyReport> filled = fill(**store);
      if (!filled) {
        store->reset();
        fs::remove_all(staging, ec);
        return filled.error();
      }
      report = *filled;
    }
  }
  // One atomic step: a kill before it leaves the old store, after it the
  // new one; never a moment with neither (removing the old one first would
  // leave one). The old one, now at `staging`, is removed afterwards; a kill
  // during that leaves a folder the next build removes.
  const unsigned int flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, path.c_str(), flags) == 0) {
    SyncFolder(parent.string());
    if (exists) fs::remove_all(staging, ec);
    return report;
  }
  const int rename_error = errno;
  std::string reason = ErrnoText(rename_error);
  if (rename_error == EINVAL || rename_error == ENOSYS) {
    // A file system without atomic exchange: move the old store aside first.
    // A kill between the two renames leaves it at `aside` (which the next
    // build leaves alone), to be renamed back by hand.
    const std::string aside = path + ".old-" + std::to_string(::getpid());
    if (exists) fs::rename(path, aside, ec);
    if (!ec) fs::rename(staging, path, ec);
    if (!ec) {
      SyncFolder(parent.string());
      if (exists) fs::remove_all(aside, ec);
      return report;
    }
    reason = ec.message();
  }
  fs::remove_all(staging, ec);
  return Status::IOError("cannot move the new database into " + requested_path + ": " + reason);
}

Result<ApplyReport> Store::Apply(const Dataset& dataset, bool dry_run) {
  ApplyOptions options;
  options.dry_run = dry_run;
  return Apply(dataset, options);
}

namespace {

// Puts each record's rows (the record and its index entries) into a sink
// with Put(family, key, value): a WriteBatch or the bulk loader's rows.
template <typename Sink>
void PutSource(Sink& sink, const SourceDocument& source) {
  sink.Put(kSources, source.doc, SourceToJson(source).dump());
}

template <typename Sink>
void PutEntity(Sink& sink, const Entity& entity) {
  sink.Put(kEntities, entity.id, EntityJsonText(entity));
  sink.Put(kVertices, entity.id, store::EncodeVertexValue(entity));
  for (const auto& [normalised, field] : NameEntries(entity)) {
    sink.Put(kNames, store::EncodeNameKey(normalised, entity.id),
             std::string(1, NameFieldCode(field)));
  }
}

template <typename Sink>
void PutRelation(Sink& sink, const Relation& relation) {
  const std::string period =
      store::EncodeAdjacencyValue(relation.since.FirstDay(), relation.until.LastDay());
  sink.Put(kRelations, relation.id, RelationJsonText(relation));
  sink.Put(kOut, store::EncodeAdjacencyKey(relation.from, relation.type, relation.to, relation.id),
           store::EncodeRelationValue(relation));
  sink.Put(kIn, store::EncodeAdjacencyKey(relation.to, relation.type, relation.from, relation.id),
           period);
  sink.Put(kByType, store::EncodeTypeKey(relation.type, relation.id), "");
  if (!relation.source) sink.Put(kUnsourced, relation.id, "");
}

}  // namespace

Result<ApplyReport> Store::Apply(const Dataset& dataset, const ApplyOptions& options) {
  const bool dry_run = options.dry_run;
  if (impl_->read_only && !dry_run) return Status::InvalidArgument("database opened read-only");
  Impl& d = *impl_;
  uint64_t entities = 0;
  uint64_t relations = 0;
  uint64_t sources = 0;
  uint64_t generation = 0;
  Status s = d.ReadCount(kEntityCountKey, &entities);
  if (s.ok()) s = d.ReadCount(kRelationCountKey, &relations);
  if (s.ok()) s = d.ReadCount(kSourceCountKey, &sources);
  if (s.ok()) s = d.ReadCount(kGenerationKey, &generation);
  if (!s.ok()) return s;
  // Nothing stored: no record can be unchanged or replaced, so the lookups
  // below (millions, on a large first import) are skipped.
  const bool store_is_empty = entities == 0 && relations == 0 && sources == 0;
  if (store_is_empty && !dry_run && options.bulk_load_min_records > 0 &&
      dataset.size() >= options.bulk_load_min_records) {
    return d.ApplyBulk(dataset, generation);
  }

  class BatchSink {
   public:
    explicit BatchSink(Impl& impl) : d_(impl) {}
    void Put(Family f, std::string_view key, std::string_view value) {
      batch.Put(d_.family(f), rocksdb::Slice(key), rocksdb::Slice(value));
    }
    rocksdb::WriteBatch batch;

   private:
    Impl& d_;
  } sink(d);
  rocksdb::WriteBatch& batch = sink.batch;
  ApplyReport report;

  for (const Located<SourceDocument>& located : dataset.sources) {
    const SourceDocument& source = located.record;
    Result<SourceDocument> existing = Status::NotFound("");
    if (!store_is_empty) existing = GetSource(source.doc);
    if (existing && *existing == source) {
      ++report.sources.unchanged;
      continue;
    }
    if (!existing && existing.error().code() != StatusCode::kNotFound) return existing.error();
    ++(existing ? report.sources.replaced : report.sources.added);
    PutSource(sink, source);
  }

  for (const Located<Entity>& located : dataset.entities) {
    const Entity& entity = located.record;
    Result<Entity> existing = Status::NotFound("");
    if (!store_is_empty) existing = GetEntity(entity.id);
    if (existing && *existing == entity) {
      ++report.entities.unchanged;
      continue;
    }
    if (!existing && existing.error().code() != StatusCode::kNotFound) return existing.error();
    if (existing) {
      ++report.entities.replaced;
      for (const auto& [normalised, field] : NameEntries(*existing)) {
        batch.Delete(d.family(kNames), store::EncodeNameKey(normalised, entity.id));
      }
    } else {
      ++report.entities.added;
    }
    PutEntity(sink, entity);
  }

  for (const Located<Relation>& located : dataset.relations) {
    const Relation& relation = located.record;
    Result<Relation> existing = Status::NotFound("");
    if (!store_is_empty) existing = GetRelation(relation.id);
    if (existing && *existing == relation) {
      ++report.relations.unchanged;
      continue;
    }
    if (!existing && existing.error().code() != StatusCode::kNotFound) return existing.error();
    if (existing) {
      ++report.relations.replaced;
      const Relation& old = *existing;
      batch.Delete(d.family(kOut), store::EncodeAdjacencyKey(old.from, old.type, old.to, old.id));
      batch.Delete(d.family(kIn), store::EncodeAdjacencyKey(old.to, old.type, old.from, old.id));
      batch.Delete(d.family(kByType), store::EncodeTypeKey(old.type, old.id));
      batch.Delete(d.family(kUnsourced), old.id);
    } else {
      ++report.relations.added;
    }
    PutRelation(sink, relation);
  }

  batch.Put(d.family(kMeta), kGenerationKey, std::to_string(generation + 1));
  // Entries written now are of this format; older ones stay readable.
  batch.Put(d.family(kMeta), kFormatVersionKey, std::to_string(kFormatVersion));
  batch.Put(d.family(kMeta), kGenerationIdKey, RandomGenerationId());
  batch.Put(d.family(kMeta), kEntityCountKey, std::to_string(entities + report.entities.added));
  batch.Put(d.family(kMeta), kRelationCountKey, std::to_string(relations + report.relations.added));
  batch.Put(d.family(kMeta), kSourceCountKey, std::to_string(sources + report.sources.added));

  if (dry_run) return report;
  // The log takes the batch, then the flush writes it again as table files
  // (compressed, so smaller) before the log is deleted; a margin covers the
  // manifest and the options file.
  constexpr uint64_t kSpaceMargin = uint64_t{1} << 20;
  s = CheckFreeSpace(d.path, 2 * uint64_t{batch.GetDataSize()} + kSpaceMargin);
  if (!s.ok()) return s;
  // One batch, one sync: a crash leaves the store before or after, never between.
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  std::unique_ptr<rocksdb::LogFile> log;
  const bool log_known = d.db->GetCurrentWalFile(&log).ok() && log != nullptr;
  rocksdb::Status rs = d.db->Write(write_options, &batch);
  if (!rs.ok()) {
    if (rs.IsNoSpace() && log_known) {
      d.torn_log = d.path + log->PathName();  // PathName() is "/000038.log"
      d.torn_log_size = log->SizeFileBytes();
    }
    Status failed = FromRocksDb(rs, d.path);
    // A failed write is never applied: say so, as validation errors do.
    return rs.IsNoSpace() ? Status::IOError(failed.message() + "; nothing was imported") : failed;
  }
  d.Durable();
  return report;
}

Result<ApplyReport> Store::Impl::ApplyBulk(const Dataset& dataset, uint64_t generation) {
  // The same rows as the batch path (PutSource, PutEntity, PutRelation), so
  // the two give identical stores; gathered per family, then sorted and
  // ingested. Encoding is split between two threads by record class, the
  // heaviest (relations) on its own.
  std::vector<store::FamilyRows> rows(kFamilyCount);
  for (size_t f = 0; f < kFamilyCount; ++f) rows[f].family = families[f];
  struct RowSink {
    std::vector<store::FamilyRows>& rows;
    void Put(Family f, std::string_view key, std::string_view value) {
      rows[f].rows.Add(key, value);
    }
  };
  std::vector<store::FamilyRows> relation_rows(kFamilyCount);
  std::thread relations_thread([&] {
    RowSink sink{relation_rows};
    for (const Located<Relation>& located : dataset.relations) PutRelation(sink, located.record);
  });
  RowSink sink{rows};
  for (const Located<SourceDocument>& located : dataset.sources) PutSource(sink, located.record);
  for (const Located<Entity>& located : dataset.entities) PutEntity(sink, located.record);
  relations_thread.join();
  for (Family f : {kRelations, kOut, kIn, kByType, kUnsourced}) {
    rows[f].rows = std::move(relation_rows[f].rows);
  }
  ApplyReport report;
  report.sources.added = dataset.sources.size();
  report.entities.added = dataset.entities.size();
  report.relations.added = dataset.relations.size();
  sink.Put(kMeta, kGenerationKey, std::to_string(generation + 1));
  sink.Put(kMeta, kFormatVersionKey, std::to_string(kFormatVersion));
  sink.Put(kMeta, kGenerationIdKey, RandomGenerationId());
  sink.Put(kMeta, kEntityCountKey, std::to_string(report.entities.added));
  sink.Put(kMeta, kRelationCountKey, std::to_string(report.relations.added));
  sink.Put(kMeta, kSourceCountKey, std::to_string(report.sources.added));
  Status s = store::IngestSortedRows(*db, StoreOptions(), rows, path + "/bulk-import.tmp", path,
                                     /*threads=*/2);
  if (!s.ok()) return s;
  s = store::WriteLastWrite(path, db->GetLatestSequenceNumber());
  if (!s.ok()) return s;
  return report;
}

namespace {

template <typename Record>
Result<Record> DecodeStored(const std::string& value, const std::string& what,
                            Record (*decode)(const nlohmann::json&, std::vector<FieldError>&,
                                             const std::vector<std::string>&)) {
  nlohmann::json json = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  std::vector<FieldError> errors;
  Record record = decode(json, errors, {});
  if (json.is_discarded() || !errors.empty()) {
    return Status::Corruption("stored " + what + " cannot be decoded" +
                              (errors.empty() ? std::string() : ": " + errors.front().message));
  }
  return record;
}

}  // namespace

Result<Entity> Store::GetEntity(std::string_view id) const {
  std::string value;
  Status s = impl_->Get(kEntities, id, &value);
  if (s.code() == StatusCode::kNotFound) {
    return Status::NotFound("no entity \"" + std::string(id) + "\"");
  }
  if (!s.ok()) return s;
  return DecodeStored<Entity>(value, "entity " + std::string(id), &EntityFromJson);
}

Result<Relation> Store::GetRelation(std::string_view id) const {
  std::string value;
  Status s = impl_->Get(kRelations, id, &value);
  if (s.code() == StatusCode::kNotFound) {
    return Status::NotFound("no relation \"" + std::string(id) + "\"");
  }
  if (!s.ok()) return s;
  return DecodeStored<Relation>(value, "relation " + std::string(id), &RelationFromJson);
}

Result<SourceDocument> Store::GetSource(std::string_view doc) const {
  std::string value;
  Status s = impl_->Get(kSources, doc, &value);
  if (s.code() == StatusCode::kNotFound) {
    return Status::NotFound("no source document \"" + std::string(doc) + "\"");
  }
  if (!s.ok()) return s;
  return DecodeStored<SourceDocument>(value, "source " + std::string(doc), &SourceFromJson);
}

bool Store::HasEntity(std::string_view id) const { return EntityKind(id).has_value(); }

bool Store::IsEmpty() const {
  uint64_t entities = 0;
  uint64_t relations = 0;
  uint64_t sources = 0;
  if (!impl_->ReadCount(kEntityCountKey, &entities).ok() ||
      !impl_->ReadCount(kRelationCountKey, &relations).ok() ||
      !impl_->ReadCount(kSourceCountKey, &sources).ok()) {
    return false;  // unknown: let callers look records up
  }
  return entities == 0 && relations == 0 && sources == 0;
}

std::optional<std::string> Store::EntityKind(std::string_view id) const {
  std::string value;
  if (!impl_->Get(kVertices, id, &value).ok()) return std::nullopt;
  return std::string(store::KindOfVertexValue(value));
}

Status Store::ForEachEntity(const std::function<bool(const Entity&)>& visit) const {
  Status failure;
  Status s = impl_->ScanPrefix(kEntities, "", [&](std::string_view key, std::string_view value) {
    Result<Entity> entity =
        DecodeStored<Entity>(std::string(value), "entity " + std::string(key), &EntityFromJson);
    if (!entity) {
      failure = entity.error();
      return false;
    }
    return visit(*entity);
  });
  return s.ok() ? failure : s;
}

Status Store::ForEachRelation(const std::function<bool(const Relation&)>& visit) const {
  Status failure;
  Status s = impl_->ScanPrefix(kRelations, "", [&](std::string_view key, std::string_view value) {
    Result<Relation> relation = DecodeStored<Relation>(
        std::string(value), "relation " + std::string(key), &RelationFromJson);
    if (!relation) {
      failure = relation.error();
      return false;
    }
    return visit(*relation);
  });
  return s.ok() ? failure : s;
}

Status Store::ForEachSource(const std::function<bool(const SourceDocument&)>& visit) const {
  Status failure;
  Status s = impl_->ScanPrefix(kSources, "", [&](std::string_view key, std::string_view value) {
    Result<SourceDocument> source = DecodeStored<SourceDocument>(
        std::string(value), "source " + std::string(key), &SourceFromJson);
    if (!source) {
      failure = source.error();
      return false;
    }
    return visit(*source);
  });
  return s.ok() ? failure : s;
}

Status Store::ForEachEntityId(const std::function<bool(std::string_view)>& visit) const {
  return impl_->ScanPrefix(kVertices, "",
                           [&](std::string_view key, std::string_view) { return visit(key); });
}

Result<std::vector<AdjacentRelation>> Store::RelationsOf(std::string_view entity_id) const {
  std::vector<AdjacentRelation> relations;
  const std::string prefix = store::AdjacencyPrefix(entity_id);
  for (Family family : {kOut, kIn}) {
    const Direction direction = family == kOut ? Direction::kOut : Direction::kIn;
    Status corrupt;
    Status s = impl_->ScanPrefix(family, prefix, [&](std::string_view key, std::string_view) {
      std::optional<store::AdjacencyKey> parts = store::DecodeAdjacencyKey(key);
      if (!parts) {
        corrupt = Status::Corruption("malformed adjacency key in " + impl_->path);
        return false;
      }
      relations.push_back({std::string(parts->relation_id), std::string(parts->type),
                           std::string(parts->far), direction});
      return true;
    });
    if (!s.ok()) return s;
    if (!corrupt.ok()) return corrupt;
  }
  return relations;
}

Result<std::vector<std::string>> Store::RelationIdsOfType(std::string_view type) const {
  std::vector<std::string> ids;
  Status s = impl_->ScanPrefix(kByType, store::TypePrefix(type),
                               [&](std::string_view key, std::string_view) {
                                 ids.emplace_back(store::RelationIdOfTypeKey(key));
                                 return true;
                               });
  if (!s.ok()) return s;
  return ids;
}

namespace {

Result<std::vector<NameMatch>> ScanNames(
    const std::function<Status(const std::function<bool(std::string_view, std::string_view)>&)>&
        scan,
    const std::function<bool(std::string_view normalised)>& accept) {
  std::vector<NameMatch> matches;
  Status s = scan([&](std::string_view key, std::string_view value) {
    std::string_view normalised;
    std::string_view entity_id;
    if (!store::DecodeNameKey(key, &normalised, &entity_id)) return true;
    if (accept(normalised)) {
      matches.push_back({std::string(entity_id), std::string(normalised),
                         NameFieldFromCode(value.empty() ? 'a' : value[0])});
    }
    return true;
  });
  if (!s.ok()) return s;
  return matches;
}

}  // namespace

Result<std::vector<NameMatch>> Store::NamesEqual(std::string_view normalised) const {
  const std::string prefix = store::EncodeNameKey(normalised, "");
  return ScanNames([&](const auto& visit) { return impl_->ScanPrefix(kNames, prefix, visit); },
                   [&](std::string_view name) { return name == normalised; });
}

Result<std::vector<NameMatch>> Store::NamesStartingWith(std::string_view normalised) const {
  return ScanNames([&](const auto& visit) { return impl_->ScanPrefix(kNames, normalised, visit); },
                   [&](std::string_view) { return true; });
}

Result<std::vector<NameMatch>> Store::NamesContaining(std::string_view normalised) const {
  return ScanNames(
      [&](const auto& visit) { return impl_->ScanPrefix(kNames, "", visit); },
      [&](std::string_view name) { return name.find(normalised) != std::string_view::npos; });
}

Status Store::ForEachName(
    const std::function<bool(std::string_view, std::string_view, NameField)>& visit) const {
  return impl_->ScanPrefix(kNames, "", [&](std::string_view key, std::string_view value) {
    std::string_view normalised;
    std::string_view entity_id;
    if (!store::DecodeNameKey(key, &normalised, &entity_id)) return true;
    return visit(normalised, entity_id, NameFieldFromCode(value.empty() ? 'a' : value[0]));
  });
}

Result<Topology> Store::LoadTopology() const {
  Topology topology;
  // The records' columns come from the same entries; an entry of format 1
  // (written before they existed) has its record read instead.
  RecordColumnsBuilder records;
  Status corrupt;
  auto damaged = [&](std::string_view what, std::string_view id) {
    corrupt = Status::Corruption("database " + impl_->path + " has a malformed index entry for " +
                                 std::string(what) + " " + std::string(id) +
                                 "; export and re-import it to rebuild the indexes");
    return false;
  };
  std::map<std::string, uint16_t, std::less<>> kind_index;
  Status s = impl_->ScanPrefix(kVertices, "", [&](std::string_view id, std::string_view value) {
    const std::string_view kind = store::KindOfVertexValue(value);
    auto [it, inserted] =
        kind_index.emplace(std::string(kind), static_cast<uint16_t>(kind_index.size()));
    if (inserted) topology.kind_names.emplace_back(kind);
    topology.vertex_ids.push_back(id);
    topology.vertex_kinds.push_back(it->second);
    bool malformed = false;
    std::optional<EntityFields> fields = store::DecodeVertexValue(value, &malformed);
    if (malformed) return damaged("entity", id);
    if (fields) {
      records.AddEntity(*fields);
      return true;
    }
    Result<Entity> entity = GetEntity(id);
    if (!entity) {
      corrupt = entity.error();
      return false;
    }
    std::string aliases;
    records.AddEntity(FieldsOf(*entity, aliases));
    return true;
  });
  if (!s.ok()) return s;
  if (!corrupt.ok()) return corrupt;

  for (const auto& [name, info] : impl_->schema.types()) {
    topology.type_names.push_back(name);
    topology.type_is_symmetric.push_back(info.is_symmetric);
  }
  // Ids to indices for the far ends: a hash lookup per relation rather than
  // a binary search of string compares (most of the load's time on millions
  // of relations). The views point into vertex_ids, which no longer grows.
  std::unordered_map<std::string_view, VertexIndex> vertex_index;
  vertex_index.reserve(topology.vertex_ids.size());
  for (size_t v = 0; v < topology.vertex_ids.size(); ++v) {
    vertex_index.emplace(topology.vertex_ids.view(v), static_cast<VertexIndex>(v));
  }
  auto find_vertex = [&vertex_index](std::string_view id) -> std::optional<VertexIndex> {
    auto it = vertex_index.find(id);
    if (it == vertex_index.end()) return std::nullopt;
    return it->second;
  };
  // The first day each source reports from, for the relations without dates
  // of their own (computed here once, not per query).
  std::unordered_map<std::string, int32_t> reported_from;
  s = ForEachSource([&reported_from](const SourceDocument& source) {
    reported_from.emplace(source.doc, ReportedFirstDay(source));
    return true;
  });
  if (!s.ok()) return s;
  auto reported_first_day = [&reported_from](std::string_view doc) {
    auto it = reported_from.find(std::string(doc));
    return it == reported_from.end() ? PartialDate::kOpenStart : it->second;
  };
  // The out index is sorted by its near end, so consecutive entries mostly
  // share it.
  std::string_view last_near;
  std::optional<VertexIndex> last_from;
  s = impl_->ScanPrefix(kOut, "", [&](std::string_view key, std::string_view value) {
    std::optional<store::AdjacencyKey> parts = store::DecodeAdjacencyKey(key);
    TopologyEdge edge;
    if (parts && (!last_from || parts->near != last_near)) {
      last_from = find_vertex(parts->near);
      last_near = last_from ? topology.vertex_ids.view(*last_from) : std::string_view();
    }
    std::optional<VertexIndex> from = parts ? last_from : std::nullopt;
    std::optional<VertexIndex> to = parts ? find_vertex(parts->far) : std::nullopt;
    if (!from || !to ||
        !store::DecodeAdjacencyValue(value, &edge.since_first_day, &edge.until_last_day)) {
      corrupt = Status::Corruption("database " + impl_->path +
                                   " has an adjacency entry without its entities; export and "
                                   "re-import it to rebuild the indexes");
      return false;
    }
    std::optional<TypeIndex> type = topology.FindType(parts->type);
    if (!type) {  // a type the schema no longer lists: keep the edge, undirected
      type = static_cast<TypeIndex>(topology.type_names.size());
      topology.type_names.emplace_back(parts->type);
      topology.type_is_symmetric.push_back(false);
    }
    edge.from = *from;
    edge.to = *to;
    edge.type = *type;
    bool malformed = false;
    std::optional<RelationFields> fields = store::DecodeRelationValue(value, &malformed);
    if (malformed) return damaged("relation", parts->relation_id);
    const bool undated = edge.since_first_day == PartialDate::kOpenStart &&
                         edge.until_last_day == PartialDate::kOpenEnd;
    if (fields) {
      records.AddRelation(*fields);
      if (undated && (fields->flags & kHasSource) != 0) {
        edge.reported_first_day = reported_first_day(fields->source_doc);
      }
    } else {
      Result<Relation> relation = GetRelation(parts->relation_id);
      if (!relation) {
        corrupt = relation.error();
        return false;
      }
      records.AddRelation(FieldsOf(*relation));
      if (undated && relation->source) {
        edge.reported_first_day = reported_first_day(relation->source->doc);
      }
    }
    topology.edges.push_back(edge);
    topology.edge_relation_ids.push_back(parts->relation_id);
    return true;
  });
  if (!s.ok()) return s;
  if (!corrupt.ok()) return corrupt;
  topology.records = records.Finish();
  return topology;
}

Result<std::string> Store::StateId() const {
  std::string identity;
  rocksdb::Status rs = impl_->db->GetDbIdentity(identity);
  if (!rs.ok()) return FromRocksDb(rs, impl_->path);
  uint64_t generation = 0;
  Status s = impl_->ReadCount(kGenerationKey, &generation);
  if (!s.ok()) return s;
  std::string generation_id;
  s = impl_->Get(kMeta, kGenerationIdKey, &generation_id);
  if (!s.ok() && s.code() != StatusCode::kNotFound) return s;
  return identity + "/" + std::to_string(generation) + "." + generation_id + "/" +
         std::to_string(impl_->db->GetLatestSequenceNumber());
}

Result<StoreStats> Store::Stats() const {
  StoreStats stats;
  stats.format_version = kFormatVersion;
  Status s = impl_->ReadCount(kEntityCountKey, &stats.entities);
  if (s.ok()) s = impl_->ReadCount(kRelationCountKey, &stats.relations);
  if (s.ok()) s = impl_->ReadCount(kSourceCountKey, &stats.sources);
  if (!s.ok()) return s;
  s = impl_->ScanPrefix(kVertices, "", [&](std::string_view, std::string_view value) {
    ++stats.by_kind[std::string(store::KindOfVertexValue(value))];
    return true;
  });
  if (!s.ok()) return s;
  s = impl_->ScanPrefix(kByType, "", [&](std::string_view key, std::string_view) {
    ++stats.by_type[std::string(key.substr(0, key.find(store::kSeparator)))];
    return true;
  });
  if (!s.ok()) return s;
  s = impl_->ScanPrefix(kUnsourced, "", [&](std::string_view, std::string_view) {
    ++stats.unsourced;
    return true;
  });
  if (!s.ok()) return s;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(impl_->path, ec)) {
    if (file.is_regular_file(ec)) stats.size_bytes += file.file_size(ec);
  }
  return stats;
}

}  // namespace partnergraph
