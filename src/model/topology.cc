#include "partnergraph/topology.h"

#include <algorithm>

namespace partnergraph {

std::optional<VertexIndex> Topology::FindVertex(std::string_view id) const {
  auto it = std::lower_bound(vertex_ids.begin(), vertex_ids.end(), id,
                             [](const std::string& a, std::string_view b) { return a < b; });
  if (it == vertex_ids.end() || *it != id) return std::nullopt;
  return static_cast<VertexIndex>(it - vertex_ids.begin());
}

std::optional<TypeIndex> Topology::FindType(std::string_view type) const {
  for (size_t i = 0; i < type_names.size(); ++i) {
    if (type_names[i] == type) return static_cast<TypeIndex>(i);
  }
  return std::nullopt;
}

}  // namespace partnergraph
