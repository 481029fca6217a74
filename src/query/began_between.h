// The relation filter --began-between A B where the graph's own filter
// (EdgeFilter) does not reach: a neighbourhood searched through relations
// that began in the window, and funding flows kept by it. Private to the
// query module; Database::Neighbours and Database::Funds call them.
#ifndef PARTNERGRAPH_QUERY_BEGAN_BETWEEN_H_
#define PARTNERGRAPH_QUERY_BEGAN_BETWEEN_H_

#include "partnergraph/diff.h"
#include "partnergraph/graph.h"
#include "partnergraph/query.h"
#include "partnergraph/schema.h"
#include "partnergraph/status.h"

namespace partnergraph::query {

// As Graph::Neighbours, through the relations `filter` allows that also
// began within `window` (BeganBetween: since within [from's first day, to's
// last day]; undated relations never). The filter applies during the search,
// so a vertex reached only through other relations is not in it.
Result<Neighbourhood> NeighboursBegunBetween(const Graph& graph, VertexIndex start, int depth,
                                             const EdgeFilter& filter, bool directed,
                                             const DateWindow& window);

// Keeps the flows of `report` that began within `window`, and adds their
// totals again (per funder, recipient class and currency, as Funds does).
// `is_undertaking` says whether an entity id is a project, initiative or
// event. The IATI chain (report.chain) is left as it is.
void KeepFlowsBegunBetween(FundingReport& report, const DateWindow& window,
                           const std::function<bool(const std::string&)>& is_undertaking);

}  // namespace partnergraph::query

#endif  // PARTNERGRAPH_QUERY_BEGAN_BETWEEN_H_
