// The database: entities, relations and sources kept in RocksDB with the
// indexes queries need (adjacency out and in, names, relation types).
#ifndef PARTNERGRAPH_STORE_H_
#define PARTNERGRAPH_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/dataset.h"
#include "partnergraph/entity.h"
#include "partnergraph/relation.h"
#include "partnergraph/schema.h"
#include "partnergraph/status.h"
#include "partnergraph/topology.h"

namespace partnergraph {

enum class OpenMode {
  kReadOnly,   // queries; many may run beside one writer
  kReadWrite,  // import; one process at a time (others get kBusy)
};

// Which way a relation points from the entity asked about.
enum class Direction { kOut, kIn };

// One entry of an entity's adjacency, read without decoding the relation.
struct AdjacentRelation {
  std::string relation_id;
  std::string type;
  std::string other;  // the entity at the other end
  Direction direction;
};

// Where a name index entry came from.
enum class NameField { kId, kEnglishName, kChineseName, kAlias };

struct NameMatch {
  std::string entity_id;
  std::string normalised;  // the indexed, normalised text that matched
  NameField field;
};

struct StoreStats {
  uint64_t entities = 0;
  uint64_t relations = 0;
  uint64_t sources = 0;
  std::map<std::string, uint64_t> by_kind;
  std::map<std::string, uint64_t> by_type;
  uint64_t unsourced = 0;   // relations without a source
  uint64_t size_bytes = 0;  // files of the store on disk
  uint32_t format_version = 0;
};

// What Apply changed, per record class.
struct ApplyCounts {
  uint64_t added = 0;
  uint64_t replaced = 0;
  uint64_t unchanged = 0;
};

struct ApplyReport {
  ApplyCounts sources;
  ApplyCounts entities;
  ApplyCounts relations;
};

// How Apply writes.
struct ApplyOptions {
  // Report what would change, write nothing.
  bool dry_run = false;
  // Into a store holding no records, a dataset of at least this many records
  // is written as sorted SST files ingested in one atomic step (RocksDB's
  // IngestExternalFiles) instead of one WriteBatch: several times faster for
  // millions of records, and as atomic. 0 never bulk-loads.
  size_t bulk_load_min_records = kDefaultBulkLoadMinRecords;
  static constexpr size_t kDefaultBulkLoadMinRecords = 50000;
};

// Thread-safety: const methods may be called concurrently; Apply is
// serialised by the caller (one writer process holds the store's lock).
class Store {
 public:
  // DO NOT CHANGE lightly: bump when the on-disk layout changes. A store
  // written with a newer version is refused. 2: index entries carry the
  // records' columns (record_columns.h); entries of format 1 stay readable.
  static constexpr uint32_t kFormatVersion = 2;

  // Creates an empty store at `path` with `schema`. Fails with kInvalidArgument
  // if a store is already there (CreateAtomically replaces one).
  static Result<std::unique_ptr<Store>> Create(const std::string& path, const Schema& schema);

  // What CreateAtomically fills a new store with; its report is returned.
  using Filler = std::function<Result<ApplyReport>(Store& store)>;

  // Builds a new store at `path`: created with `schema` in a folder beside it
  // (PATH.init-PID), filled by `fill`, and moved into place in one atomic
  // rename only when complete, so a failure or a kill leaves nothing
  // half-made. With `replace`, an existing store at `path` (or what is left of
  // a damaged one) is swapped out in that same rename (RENAME_EXCHANGE) and
  // then removed; its lock is held from the start, so no import lands in it
  // and is lost. Through a symbolic link the link's target is replaced.
  // Fails with kInvalidArgument when `path` is a file, or a folder holding
  // anything a store does not consist of (never replaced: a mistyped path
  // must not delete a user's documents), or a store exists and `replace` is
  // not set; kCorruption when what is there is a damaged store and `replace`
  // is not set; kBusy when another process writes the store; kIOError.
  // Leftovers of killed builds of `path` are removed first.
  static Result<ApplyReport> CreateAtomically(const std::string& path, const Schema& schema,
                                              bool replace, const Filler& fill);

  // Opens an existing store. kNotFound when there is none, kBusy when another
  // process writes it (kReadWrite), kNotSupported for a newer format version,
  // kCorruption for damaged files (the message suggests a recovery),
  // including a store that opens without a write it had confirmed (its
  // MANIFEST or log cut or altered).
  //
  // kReadOnly opens run beside a writer, whose flushes and compactions
  // replace files: an open that overlaps one may find a file gone, or combine
  // a manifest from before a flush with the logs from after it and miss data.
  // So a read-only open checks that nothing it depends on (CURRENT, the
  // MANIFEST, the logs) changed while it opened, and opens again if it did;
  // once open, it holds every file it needs and sees one state of the store.
  // It gives up (kBusy) when the files keep changing for 10 s after the last
  // change it saw.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, OpenMode mode);

  // Removes the store at `path`; kBusy if in use, kInvalidArgument when
  // `path` holds anything but a store's files.
  static Status Destroy(const std::string& path);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const;
  const Schema& schema() const;

  // Writes a validated dataset in one atomic, synced batch: afterwards the
  // store holds all of it or, on failure, exactly what it held before.
  // Records equal to the stored ones are left alone; different ones replace
  // them (the importer allows that only with --replace). With `dry_run`, the
  // report says what would change and nothing is written.
  Result<ApplyReport> Apply(const Dataset& dataset, bool dry_run = false);
  // The same, with the write method chosen by `options`: either way the
  // store ends up with the same keys and values.
  Result<ApplyReport> Apply(const Dataset& dataset, const ApplyOptions& options);

  // kNotFound when there is no such record.
  Result<Entity> GetEntity(std::string_view id) const;
  Result<Relation> GetRelation(std::string_view id) const;
  Result<SourceDocument> GetSource(std::string_view doc) const;
  bool HasEntity(std::string_view id) const;
  // Whether the store holds no source, entity or relation, from its counters
  // (O(1)): validation and Apply skip per-record lookups when it does not.
  bool IsEmpty() const;
  // The kind of an entity without decoding it; nullopt when absent.
  std::optional<std::string> EntityKind(std::string_view id) const;

  // Visit every record in id order; a visitor returning false stops early.
  Status ForEachEntity(const std::function<bool(const Entity&)>& visit) const;
  Status ForEachRelation(const std::function<bool(const Relation&)>& visit) const;
  Status ForEachSource(const std::function<bool(const SourceDocument&)>& visit) const;
  Status ForEachEntityId(const std::function<bool(std::string_view id)>& visit) const;

  // The relations of one entity from the adjacency index: one prefix scan per
  // direction, ordered by type, other end, relation id.
  Result<std::vector<AdjacentRelation>> RelationsOf(std::string_view entity_id) const;
  // Ids of every relation of a type, ascending.
  Result<std::vector<std::string>> RelationIdsOfType(std::string_view type) const;

  // Name index lookups on an already normalised text (NormaliseName):
  // entries equal to it, or starting with it, or containing it.
  Result<std::vector<NameMatch>> NamesEqual(std::string_view normalised) const;
  Result<std::vector<NameMatch>> NamesStartingWith(std::string_view normalised) const;
  Result<std::vector<NameMatch>> NamesContaining(std::string_view normalised) const;
  // Every entry of the name index, in its order, without copying; `visit`
  // returns false to stop.
  Status ForEachName(
      const std::function<bool(std::string_view normalised, std::string_view entity_id,
                               NameField field)>& visit) const;

  // The graph's shape from the adjacency index, without decoding JSON. Edges
  // come sorted by `from` (the out index's order: from, type, to, relation).
  Result<Topology> LoadTopology() const;

  // Names what the store holds, for caches derived from it (the graph
  // snapshot): equal texts mean equal contents. Made of the database's
  // unique identity (so a store recreated by `init --force` never matches),
  // a generation counter every write bumps, and RocksDB's last sequence
  // number. A read-only store gives the state it opened on.
  Result<std::string> StateId() const;

  Result<StoreStats> Stats() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  // One open attempt, without Open's retries.
  static Result<std::unique_ptr<Store>> OpenOnce(const std::string& path, OpenMode mode);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_STORE_H_
