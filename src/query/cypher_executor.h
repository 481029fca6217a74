// Runs a parsed Cypher query over the store and its graph. Private to the
// query module; Database::Query is the way in.
#ifndef PARTNERGRAPH_QUERY_CYPHER_EXECUTOR_H_
#define PARTNERGRAPH_QUERY_CYPHER_EXECUTOR_H_

#include <functional>
#include <string_view>

#include "partnergraph/cypher.h"
#include "partnergraph/graph.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

#include "query/cypher_ast.h"

namespace partnergraph::cypher {

// Runs `query` (parsed from `text`, quoted in messages). Fails with
// kInvalidArgument for an error in the query (unknown label, type or
// function, a type error, a missing parameter: each with the line and
// column), past the request's time or row limits, or with the store's error.
// Thread-safe: all its state is its own; the store and graph are only read.
//
// `graph` may lack the records' columns; then `load_records`, when given,
// returns the same graph with them, called the first time the query reads a
// record or a property beyond id, kind and type. Without either, records
// are read from the store.
using RecordsLoader = std::function<Result<const Graph*>()>;
Result<CypherResult> Execute(const Store& store, const Graph& graph, const Query& query,
                             const CypherRequest& request, std::string_view text,
                             const RecordsLoader& load_records = {});

}  // namespace partnergraph::cypher

#endif  // PARTNERGRAPH_QUERY_CYPHER_EXECUTOR_H_
