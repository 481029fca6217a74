#include "partnergraph/graph_loader.h"

#include <exception>
#include <utility>

#include "partnergraph/graph_snapshot.h"

namespace partnergraph {

std::string GraphSnapshotPath(const Store& store) { return store.path() + "/topology.snapshot"; }
std::string RecordsSnapshotPath(const Store& store) { return store.path() + "/records.snapshot"; }

Result<RecordColumns> LoadRecords(const Store& store, const Graph& graph, bool write_snapshot) {
  Result<std::string> state = store.StateId();
  if (!state) return state.error();
  const Topology& topology = graph.topology();
  Result<RecordColumns> mapped = OpenRecordsSnapshot(RecordsSnapshotPath(store), *state, topology);
  if (mapped) return mapped;
  Result<Topology> loaded = store.LoadTopology();
  if (!loaded) return loaded.error();
  if (loaded->vertex_ids.size() != topology.vertex_ids.size() ||
      loaded->edges.size() != topology.edges.size()) {
    return Status::Corruption("the graph of " + store.path() +
                              " does not match its store; delete its snapshot files");
  }
  if (write_snapshot) {
    // Best effort, as the topology's snapshot.
    static_cast<void>(WriteRecordsSnapshot(*loaded, *state, RecordsSnapshotPath(store)));
  }
  return std::move(loaded->records);
}

Result<LoadedGraph> LoadGraph(const Store& store, const GraphLoadOptions& options) {
  Result<std::string> state = store.StateId();
  if (!state) return state.error();
  const std::string path = GraphSnapshotPath(store);
  std::string problem;
  if (options.use_snapshot) {
    Result<Graph> mapped = OpenGraphSnapshot(path, *state);
    if (mapped && !options.with_records) {
      return LoadedGraph{std::move(*mapped), GraphOrigin::kSnapshot, ""};
    }
    if (mapped) {
      Result<RecordColumns> records = LoadRecords(store, *mapped, options.write_snapshot);
      if (!records) return records.error();
      return LoadedGraph{mapped->WithRecords(std::move(*records)), GraphOrigin::kSnapshot, ""};
    }
    problem = mapped.error().message();
  }
  Result<Topology> topology = store.LoadTopology();
  if (!topology) return topology.error();
  Result<LoadedGraph> loaded = [&]() -> Result<LoadedGraph> {
    try {
      return LoadedGraph{Graph(std::move(*topology)), GraphOrigin::kStore, problem};
    } catch (const std::bad_alloc&) {
      return Status::IOError("out of memory building the graph of " + store.path());
    }
  }();
  if (!loaded) return loaded;
  if (options.write_snapshot) {
    // Best effort: the answer does not depend on it, only the next start-up.
    static_cast<void>(WriteGraphSnapshot(loaded->graph, *state, path));
    static_cast<void>(
        WriteRecordsSnapshot(loaded->graph.topology(), *state, RecordsSnapshotPath(store)));
  }
  return loaded;
}

}  // namespace partnergraph
