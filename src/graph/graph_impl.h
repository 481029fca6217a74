// What a Graph holds (its topology, the adjacency index over it, the type
// symmetry table), and the door graph_snapshot.cc uses to save and restore
// it without the public header naming any of it.
#ifndef PARTNERGRAPH_GRAPH_GRAPH_IMPL_H_
#define PARTNERGRAPH_GRAPH_GRAPH_IMPL_H_

#include <cstdint>
#include <vector>

#include "partnergraph/graph.h"
#include "partnergraph/topology.h"

#include "graph/adjacency_index.h"

namespace partnergraph::graph {

struct GraphData {
  // Builds the index (may throw std::bad_alloc).
  explicit GraphData(Topology moved_topology);
  // Adopts an index already checked against the topology (a snapshot).
  GraphData(Topology moved_topology, AdjacencyIndex moved_index);

  bool IsSymmetric(TypeIndex type) const {
    return type < type_is_symmetric.size() && type_is_symmetric[type] != 0;
  }

  Topology topology;
  AdjacencyIndex index;
  std::vector<uint8_t> type_is_symmetric;

 private:
  void FillSymmetricTypes();
};

class SnapshotAccess {
 public:
  static Graph MakeGraph(GraphData data);
  static const GraphData& Data(const Graph& graph);
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_GRAPH_IMPL_H_
