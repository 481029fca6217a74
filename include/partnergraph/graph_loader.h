// Loading the query graph of a store: from its snapshot file when that
// matches the store, else from the store's adjacency index (and then saving
// the snapshot for the next process).
#ifndef PARTNERGRAPH_GRAPH_LOADER_H_
#define PARTNERGRAPH_GRAPH_LOADER_H_

#include <string>

#include "partnergraph/graph.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

struct GraphLoadOptions {
  // Map the snapshot when it matches the store's state.
  bool use_snapshot = true;
  // After building the graph from the store, save it as the snapshot (best
  // effort: a read-only folder or a full disk only costs the next load).
  bool write_snapshot = true;
  // Load the records' columns too (topology.records): from their own
  // snapshot beside the topology's, else from the store. Without them a
  // mapped graph has none, and callers read records from the store.
  bool with_records = true;
};

// Where it came from, for tests and diagnostics.
enum class GraphOrigin { kSnapshot, kStore };

struct LoadedGraph {
  Graph graph;
  GraphOrigin origin;
  // Why the snapshot was not used (missing, stale, damaged), or empty.
  std::string snapshot_problem;
};

// The snapshot file of a store: "topology.snapshot" in its folder.
std::string GraphSnapshotPath(const Store& store);
// The records' snapshot of a store: "records.snapshot" in its folder.
std::string RecordsSnapshotPath(const Store& store);

// The records' columns of `store` for `graph` (a graph of its current
// state), from the records' snapshot when it matches, else from the store
// (then saved when `write_snapshot`). Fails as Store::LoadTopology does.
Result<RecordColumns> LoadRecords(const Store& store, const Graph& graph,
                                  bool write_snapshot = true);

// The graph of `store` as of its current state. A snapshot that is missing,
// of another state, or damaged in any way is never used: the graph is built
// afresh from the store (LoadTopology), and the snapshot rewritten. Fails as
// Store::LoadTopology does. Thread-safe; several processes may load (and
// rewrite the snapshot of) one store at once.
Result<LoadedGraph> LoadGraph(const Store& store, const GraphLoadOptions& options = {});

}  // namespace partnergraph

#endif  // PARTNERGRAPH_GRAPH_LOADER_H_
