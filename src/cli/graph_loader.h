// Loading the query graph and turning --types / --as-of into a filter.
#ifndef PARTNERGRAPH_CLI_GRAPH_LOADER_H_
#define PARTNERGRAPH_CLI_GRAPH_LOADER_H_

#include "partnergraph/graph.h"
#include "partnergraph/store.h"

#include "cli/options.h"

namespace partnergraph::cli {

Result<Graph> LoadGraph(const Store& store);

// Unknown types are an error naming the closest known one; so is a bad date.
Result<EdgeFilter> ParseFilter(const FilterOptions& options, const Topology& topology);

// The vertex of an entity the user named (id, name or alias).
Result<VertexIndex> ResolveVertex(const Store& store, const Graph& graph, std::string_view text);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_GRAPH_LOADER_H_
