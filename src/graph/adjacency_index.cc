#include "graph/adjacency_index.h"

#include <string>
#include <vector>

namespace partnergraph::graph {
namespace {

// Counting sort of the valid relations by one end: offsets[v] .. offsets[v+1]
// are v's positions; `edges` (if not null) receives the relation indices,
// ascending within each vertex because the sort is stable.
void CountingSort(const Column<VertexIndex>& ends, const std::vector<uint8_t>& valid,
                  size_t num_vertices, Column<uint32_t>& offsets, Column<EdgeIndex>* edges) {
  std::vector<uint32_t> counts(num_vertices + 1, 0);
  for (size_t e = 0; e < ends.size(); ++e) {
    if (valid.empty() || valid[e] != 0) ++counts[ends[e] + 1];
  }
  for (size_t v = 0; v < num_vertices; ++v) counts[v + 1] += counts[v];
  offsets = Column<uint32_t>(counts);
  if (edges == nullptr) return;
  std::vector<EdgeIndex> sorted(counts[num_vertices]);
  for (size_t e = 0; e < ends.size(); ++e) {
    if (valid.empty() || valid[e] != 0) sorted[counts[ends[e]]++] = static_cast<EdgeIndex>(e);
  }
  *edges = Column<EdgeIndex>(std::move(sorted));
}

}  // namespace

AdjacencyIndex AdjacencyIndex::Build(const Topology& topology) {
  const size_t num_vertices = topology.vertex_ids.size();
  const EdgeTable& edges = topology.edges;
  // A relation naming no vertex (a damaged store) must not become an
  // out-of-bounds read: it is left out of the index, and so out of every
  // query. The mask is only built in that rare case.
  bool all_valid = true;
  bool sorted_by_from = true;
  for (size_t e = 0; e < edges.size(); ++e) {
    if (edges.from[e] >= num_vertices || edges.to[e] >= num_vertices) all_valid = false;
    if (e > 0 && edges.from[e] < edges.from[e - 1]) sorted_by_from = false;
  }
  std::vector<uint8_t> valid;
  if (!all_valid) {
    valid.resize(edges.size());
    for (size_t e = 0; e < edges.size(); ++e) {
      valid[e] = edges.from[e] < num_vertices && edges.to[e] < num_vertices ? 1 : 0;
    }
  }
  AdjacencyIndex index;
  CountingSort(edges.from, valid, num_vertices, index.out_offsets,
               all_valid && sorted_by_from ? nullptr : &index.out_edges);
  CountingSort(edges.to, valid, num_vertices, index.in_offsets, &index.in_edges);
  return index;
}

Status AdjacencyIndex::Validate(const Topology& topology) const {
  const size_t num_vertices = topology.vertex_ids.size();
  const size_t num_edges = topology.edges.size();
  auto check_rows = [&](const Column<uint32_t>& offsets, size_t positions,
                        const char* name) -> Status {
    if (offsets.size() != num_vertices + 1 || offsets[0] != 0 ||
        offsets[num_vertices] != positions) {
      return Status::Corruption(std::string(name) + " offsets do not fit the vertices");
    }
    for (size_t v = 0; v < num_vertices; ++v) {
      if (offsets[v] > offsets[v + 1]) {
        return Status::Corruption(std::string(name) + " offsets decrease at vertex " +
                                  std::to_string(v));
      }
    }
    return Status::Ok();
  };
  const size_t out_positions = out_edges.empty() ? num_edges : out_edges.size();
  Status s = check_rows(out_offsets, out_positions, "out");
  if (s.ok()) s = check_rows(in_offsets, in_edges.size(), "in");
  if (!s.ok()) return s;
  // Bounds, not consistency: read in order, so that checking a mapped
  // snapshot costs a sequential pass, and no search can then read outside
  // its tables whatever the bytes say.
  for (size_t e = 0; e < num_edges; ++e) {
    if (topology.edges.from[e] >= num_vertices || topology.edges.to[e] >= num_vertices) {
      return Status::Corruption("relation " + std::to_string(e) + " names a vertex out of range");
    }
  }
  for (EdgeIndex e : out_edges) {
    if (e >= num_edges) return Status::Corruption("out list names a relation out of range");
  }
  for (EdgeIndex e : in_edges) {
    if (e >= num_edges) return Status::Corruption("in list names a relation out of range");
  }
  return Status::Ok();
}

}  // namespace partnergraph::graph
