#include "partnergraph/graph_loader.h"

#include <exception>
#include <utility>

#include "partnergraph/graph_snapshot.h"

namespace partnergraph {

std::string GraphSnapshotPath(const Store& store) { return store.path() + "/topology.snapshot"; }

Result<LoadedGraph> LoadGraph(const Store& store, const GraphLoadOptions& options) {
  Result<std::string> state = store.StateId();
  if (!state) return state.error();
  const std::string path = GraphSnapshotPath(store);
  std::string problem;
  if (options.use_snapshot) {
    Result<Graph> mapped = OpenGraphSnapshot(path, *state);
    if (mapped) return LoadedGraph{std::move(*mapped), GraphOrigin::kSnapshot, ""};
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
    const Status written = WriteGraphSnapshot(loaded->graph, *state, path);
    static_cast<void>(written);
  }
  return loaded;
}

}  // namespace partnergraph
