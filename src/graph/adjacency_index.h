// AdjacencyIndex: the compressed sparse rows that let a search list the
// relations leaving and entering a vertex, over a Topology's edge columns.
// Built in O(V + E) by counting sort, or viewed in a mapped snapshot.
#ifndef PARTNERGRAPH_GRAPH_ADJACENCY_INDEX_H_
#define PARTNERGRAPH_GRAPH_ADJACENCY_INDEX_H_

#include <cstddef>
#include <cstdint>

#include "partnergraph/status.h"
#include "partnergraph/topology.h"

namespace partnergraph::graph {

// Relations leaving v sit at positions [out_offsets[v], out_offsets[v + 1]),
// entering v at [in_offsets[v], in_offsets[v + 1]), each list by ascending
// relation index. A relation naming a vertex out of range is in no list.
struct AdjacencyIndex {
  Column<uint32_t> out_offsets;  // num_vertices + 1
  // The relation at each out position. Empty when the topology's edges are
  // sorted by `from` and all valid (as the store and snapshots produce them):
  // then position == relation index and the index costs nothing per relation.
  Column<EdgeIndex> out_edges;
  Column<uint32_t> in_offsets;  // num_vertices + 1
  Column<EdgeIndex> in_edges;   // the relation at each in position

  // May throw std::bad_alloc.
  static AdjacencyIndex Build(const Topology& topology);

  // Checks that the index fits `topology` (offsets ascending and covering
  // the lists, every listed relation and every relation's ends in range), so
  // that a damaged snapshot cannot make a search read out of bounds; it does
  // not check that lists match the relations' ends (the checksum does).
  // O(V + E), sequential. kCorruption otherwise.
  Status Validate(const Topology& topology) const;

  EdgeIndex OutEdge(size_t position) const {
    return out_edges.empty() ? static_cast<EdgeIndex>(position) : out_edges[position];
  }

  size_t MemoryBytes() const {
    return out_offsets.MemoryBytes() + out_edges.MemoryBytes() + in_offsets.MemoryBytes() +
           in_edges.MemoryBytes();
  }
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_ADJACENCY_INDEX_H_
