// The graph's shape without its properties: what queries traverse. The store
// fills it from its adjacency index (no JSON parsed); graph algorithms run on
// it; results name vertices and edges by index into these vectors.
#ifndef PARTNERGRAPH_TOPOLOGY_H_
#define PARTNERGRAPH_TOPOLOGY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partnergraph {

using VertexIndex = uint32_t;
using EdgeIndex = uint32_t;
using TypeIndex = uint16_t;

struct TopologyEdge {
  VertexIndex from = 0;
  VertexIndex to = 0;
  TypeIndex type = 0;
  int32_t since_first_day = 0;         // PartialDate::kOpenStart when open
  int32_t until_last_day = 99991231;   // PartialDate::kOpenEnd when open
};

struct Topology {
  std::vector<std::string> vertex_ids;  // sorted ascending; index = VertexIndex
  std::vector<uint16_t> vertex_kinds;   // index into kind_names
  std::vector<std::string> kind_names;
  std::vector<std::string> type_names;  // index = TypeIndex
  std::vector<bool> type_is_symmetric;  // parallel to type_names
  std::vector<TopologyEdge> edges;      // index = EdgeIndex
  std::vector<std::string> edge_relation_ids;  // parallel to edges

  // Binary search over the sorted vertex_ids.
  std::optional<VertexIndex> FindVertex(std::string_view id) const;
  std::optional<TypeIndex> FindType(std::string_view type) const;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_TOPOLOGY_H_
