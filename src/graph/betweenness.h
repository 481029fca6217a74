// Betweenness centrality of a graph's relations taken as a simple undirected
// graph, by Boost.Graph's implementation of Brandes' algorithm run on the
// graph's own adjacency index (bgl_graph.h); kept apart from graph.cc so that
// the two heavy BGL translation units compile in parallel.
#ifndef PARTNERGRAPH_GRAPH_BETWEENNESS_H_
#define PARTNERGRAPH_GRAPH_BETWEENNESS_H_

#include <functional>
#include <vector>

#include "graph/graph_impl.h"
#include "graph/relation_filter.h"

namespace partnergraph::graph {

// Every vertex's betweenness over the relations `filter` allows, undirected,
// parallel relations and self-loops collapsed (two relations between a pair
// are one route), counting each unordered pair of endpoints once: on the path
// a - b - c, b scores 1. Vertices with no allowed relation score 0.
// Time O(V'(V + E)) for the V' vertices with a relation; memory O(V) plus one
// byte a relation. With `sample` pivots, fewer than V', an estimate in
// O(sample * (V + E)) (Brandes and Pich, "Centrality estimation in large
// networks", 2007): the searches from `sample` of the V' vertices, drawn
// with a fixed seed, scaled by V' / sample.
// May throw std::bad_alloc; the caller translates it.
// Called after each of Brandes' searches with the searches done and their
// total; may be empty.
using SearchProgress = std::function<void(size_t done, size_t total)>;

std::vector<double> UndirectedBetweenness(const GraphData& data, const RelationFilter& filter,
                                          size_t sample = 0, const SearchProgress& progress = {});

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_BETWEENNESS_H_
