// Betweenness centrality of a simple undirected graph, by Boost.Graph's
// implementation of Brandes' algorithm; kept apart from graph.cc so that the
// two heavy BGL translation units compile in parallel.
#ifndef PARTNERGRAPH_GRAPH_BETWEENNESS_H_
#define PARTNERGRAPH_GRAPH_BETWEENNESS_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "partnergraph/topology.h"

namespace partnergraph::graph {

// `links` are the graph's edges as (a, b) with a < b < num_vertices, each pair
// at most once (no parallel edges, no self-loops). Returns every vertex's
// betweenness, counting each unordered pair of endpoints once: on the path
// a - b - c, b scores 1. Isolated vertices score 0.
// Time O(V'E') for the V' vertices and E' links involved; memory O(V' + E').
// May throw std::bad_alloc; the caller translates it.
std::vector<double> UndirectedBetweenness(
    size_t num_vertices, const std::vector<std::pair<VertexIndex, VertexIndex>>& links);

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_BETWEENNESS_H_
