#include "graph/betweenness.h"

#include <cstdint>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>

#include "graph/bgl_graph.h"

namespace partnergraph::graph {

std::vector<double> UndirectedBetweenness(const GraphData& data, const RelationFilter& filter) {
  const size_t num_vertices = data.topology.vertex_ids.size();
  std::vector<double> betweenness(num_vertices, 0.0);

  // Brandes counts shortest paths edge by edge, so two relations between a
  // pair would count as two routes, and a self-loop is on no shortest path.
  // Rather than copy a collapsed graph, mark one relation per linked pair,
  // the first the lower vertex lists, and let the view walk only marked ones:
  // a byte a relation, and the algorithm runs on the index itself. Each pair
  // is decided from its lower vertex alone, so both ends agree.
  const RelationGraph<Direction::kBothWays, FilteredRelations> allowed(data,
                                                                       FilteredRelations(filter));
  std::vector<uint8_t> is_link(data.topology.edges.size(), 0);
  std::vector<uint8_t> is_linked(num_vertices, 0);
  std::vector<VertexIndex> last_linked_from(num_vertices, 0);  // u + 1: {u, w} has its link
  for (VertexIndex u = 0; u < num_vertices; ++u) {
    auto [arc, end] = out_edges(u, allowed);
    for (; arc != end; ++arc) {
      const VertexIndex w = (*arc).target;
      if (w <= u || last_linked_from[w] == u + 1) continue;
      last_linked_from[w] = u + 1;
      is_link[(*arc).relation] = 1;
      is_linked[u] = is_linked[w] = 1;
    }
  }
  // Brandes runs one search from every vertex vertices() lists and resets
  // the state of every listed vertex for each, so an isolated vertex listed
  // would cost O(V) for nothing: list the linked ones only.
  std::vector<VertexIndex> linked;
  for (VertexIndex v = 0; v < num_vertices; ++v) {
    if (is_linked[v] != 0) linked.push_back(v);
  }
  if (linked.empty()) return betweenness;

  const RelationGraph<Direction::kBothWays, MarkedRelations> links(data, MarkedRelations(is_link),
                                                                   &linked);
  // The view is undirected, so Boost halves the scores itself: each
  // unordered pair counts once.
  boost::brandes_betweenness_centrality(
      links,
      boost::make_iterator_property_map(betweenness.begin(), get(boost::vertex_index, links)));
  return betweenness;
}

}  // namespace partnergraph::graph
