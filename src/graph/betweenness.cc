#include "graph/betweenness.h"

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstdint>
#include <limits>

namespace partnergraph::graph {
namespace {

// Each link is stored as two arcs (a -> b, b -> a) in a directed CSR: the
// compact, cache-friendly structure Brandes' thousands of BFS runs want.
// Boost halves the scores itself only for graphs whose directed_category is
// undirected, which a CSR never is, so the halving is ours (below).
using LinkGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, VertexIndex, size_t>;

}  // namespace

std::vector<double> UndirectedBetweenness(
    size_t num_vertices, const std::vector<std::pair<VertexIndex, VertexIndex>>& links) {
  std::vector<double> betweenness(num_vertices, 0.0);
  if (links.empty()) return betweenness;

  // Brandes runs one BFS from every vertex and resets per-vertex state for
  // each, so isolated vertices would cost O(V) each for nothing: renumber
  // the vertices that have links densely and leave the others at 0.
  constexpr VertexIndex kAbsent = std::numeric_limits<VertexIndex>::max();
  std::vector<VertexIndex> dense_of(num_vertices, kAbsent);
  std::vector<VertexIndex> sparse_of;
  auto densify = [&](VertexIndex v) {
    if (dense_of[v] == kAbsent) {
      dense_of[v] = static_cast<VertexIndex>(sparse_of.size());
      sparse_of.push_back(v);
    }
    return dense_of[v];
  };
  std::vector<std::pair<VertexIndex, VertexIndex>> arcs;
  arcs.reserve(2 * links.size());
  for (const auto& [a, b] : links) {
    const VertexIndex dense_a = densify(a);
    const VertexIndex dense_b = densify(b);
    arcs.emplace_back(dense_a, dense_b);
    arcs.emplace_back(dense_b, dense_a);
  }

  const LinkGraph graph(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(),
                        static_cast<VertexIndex>(sparse_of.size()));
  std::vector<double> dense_scores(sparse_of.size(), 0.0);
  boost::brandes_betweenness_centrality(
      graph, boost::make_iterator_property_map(dense_scores.begin(),
                                               boost::get(boost::vertex_index, graph)));

  // Brandes on the two-arc graph counts the paths s..t and t..s, both.
  for (size_t i = 0; i < sparse_of.size(); ++i) betweenness[sparse_of[i]] = dense_scores[i] / 2;
  return betweenness;
}

}  // namespace partnergraph::graph
