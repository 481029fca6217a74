// Graph snapshots: a Graph's topology and adjacency index saved to one file
// that a later process maps into memory instead of rebuilding them from the
// store, so that a query on a large database starts in milliseconds.
//
// A snapshot is tied to the state of the store it was built from (an opaque
// text, Store::StateId()): it is used only for exactly that state, and only
// when its header, sizes and checksum are intact; anything else is reported,
// and the caller builds the graph afresh.
#ifndef PARTNERGRAPH_GRAPH_SNAPSHOT_H_
#define PARTNERGRAPH_GRAPH_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "partnergraph/graph.h"
#include "partnergraph/status.h"

namespace partnergraph {

// DO NOT CHANGE lightly: bump when the snapshot layout changes. A snapshot of
// another version is not used (and is rewritten by the next load).
// Version 2: each relation's reported_first_day (its source's period).
inline constexpr uint32_t kGraphSnapshotVersion = 2;
// Of the records' snapshot (WriteRecordsSnapshot).
inline constexpr uint32_t kRecordsSnapshotVersion = 1;

// Writes `graph`'s topology and index (not its records' columns) with
// `store_state` to `path` atomically: into a temporary
// file beside it, synced, then renamed over `path`, so a reader sees the old
// file or the new one, never a part. Concurrent writers of the same graph and
// state produce identical bytes, so whichever rename lands last is right.
// Fails with kIOError (the folder is not writable, the disk is full) or
// kInvalidArgument for a graph whose relations name vertices out of range.
Status WriteGraphSnapshot(const Graph& graph, std::string_view store_state,
                          const std::string& path);

// Maps the snapshot at `path` and returns a Graph that reads from the mapping
// (kept while the Graph or any copy of its topology lives). Checks the magic,
// version, byte order, sizes, checksum of the whole file and that the index's
// offsets and indices are in range before trusting it. Fails with kNotFound
// when there is no file or it was built for another store state,
// kNotSupported for another snapshot version, kCorruption when damaged,
// kIOError when it cannot be read. Thread-safe.
Result<Graph> OpenGraphSnapshot(const std::string& path, std::string_view store_state);

// The records' columns (topology.records) saved apart, in a file of their
// own with the same guarantees, so that a query that reads no record (a
// path, say) maps and checks the topology alone. Fails as WriteGraphSnapshot,
// or with kInvalidArgument when the columns do not match the topology.
Status WriteRecordsSnapshot(const Topology& topology, std::string_view store_state,
                            const std::string& path);
// Maps the records' snapshot of `topology` (the same store state, columns of
// its size), checked as OpenGraphSnapshot checks its file; fails as it does.
Result<RecordColumns> OpenRecordsSnapshot(const std::string& path, std::string_view store_state,
                                          const Topology& topology);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_GRAPH_SNAPSHOT_H_
