// Turning the names a request gives (relation types, entity kinds) into what
// the graph filters on. Private to the query module.
#ifndef PARTNERGRAPH_QUERY_FILTERS_H_
#define PARTNERGRAPH_QUERY_FILTERS_H_

#include <string>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/graph.h"
#include "partnergraph/schema.h"
#include "partnergraph/status.h"
#include "partnergraph/topology.h"

namespace partnergraph::query {

// The edge filter of `types` (schema names) and `as_of`. A type the schema
// does not know is kInvalidArgument with the closest one; a known type that
// no relation has yet matches nothing.
Result<EdgeFilter> ResolveFilter(const std::vector<std::string>& types, const PartialDate& as_of,
                                 const Schema& schema, const Topology& topology,
                                 DateRule dates = DateRule::kEvidence);

// kInvalidArgument naming the first kind the schema does not know.
Status CheckKinds(const std::vector<std::string>& kinds, const Schema& schema);

}  // namespace partnergraph::query

#endif  // PARTNERGRAPH_QUERY_FILTERS_H_
