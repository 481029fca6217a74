#include "graph/components.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>

#include "graph/bgl_graph.h"

namespace partnergraph::graph {

ComponentSummary SummariseComponents(const GraphData& data, const RelationFilter& filter) {
  const RelationGraph<Direction::kBothWays, FilteredRelations> view(data,
                                                                    FilteredRelations(filter));
  const size_t num_vertices = data.topology.vertex_ids.size();
  ComponentSummary summary;
  if (num_vertices == 0) return summary;
  // Component numbers are dense, 0 .. count - 1 (connected_components'
  // contract), so their sizes fit one array.
  std::vector<uint32_t> component(num_vertices, 0);
  summary.components = boost::connected_components(
      view, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, view)));
  std::vector<uint32_t> size(summary.components, 0);
  for (uint32_t c : component) ++size[c];
  summary.largest_component = *std::max_element(size.begin(), size.end());
  summary.isolated_vertices = static_cast<size_t>(std::count(size.begin(), size.end(), 1u));
  return summary;
}

}  // namespace partnergraph::graph
