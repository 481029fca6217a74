// The openCypher parser: query text to syntax tree. Private to the query
// module.
#ifndef PARTNERGRAPH_QUERY_CYPHER_PARSER_H_
#define PARTNERGRAPH_QUERY_CYPHER_PARSER_H_

#include <string_view>

#include "partnergraph/status.h"

#include "query/cypher_ast.h"

namespace partnergraph::cypher {

// Parses a read-only query. Fails with kInvalidArgument: "syntax error at
// line L, column C: what was expected", then the line of the query and a
// caret under the column; a clause that writes (CREATE, MERGE, SET, DELETE,
// REMOVE, CALL, ...) is refused with "pgraph query is read-only; use pgraph
// import". Thread-safe (no shared state).
Result<Query> Parse(std::string_view text);

// The message of a mistake at `position` of `text`, with the line quoted and
// a caret under the column.
std::string MessageAt(std::string_view text, Position position, std::string_view what);

}  // namespace partnergraph::cypher

#endif  // PARTNERGRAPH_QUERY_CYPHER_PARSER_H_
