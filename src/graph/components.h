// Connected components by Boost.Graph's connected_components, run on the
// undirected filtered view of a graph's adjacency index (bgl_graph.h); kept
// apart from graph.cc so that the BGL translation units compile in parallel.
#ifndef PARTNERGRAPH_GRAPH_COMPONENTS_H_
#define PARTNERGRAPH_GRAPH_COMPONENTS_H_

#include "partnergraph/graph.h"

#include "graph/graph_impl.h"
#include "graph/relation_filter.h"

namespace partnergraph::graph {

// See Graph::ConnectedComponents. May throw std::bad_alloc; the caller
// translates it.
ComponentSummary SummariseComponents(const GraphData& data, const RelationFilter& filter);

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_COMPONENTS_H_
