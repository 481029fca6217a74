// The questions of diff.h answered on a store and its graph: the change
// report of `pgraph diff` and the overlay picture of `dot/render --diff`.
// Private to the query module; Database::Diff and Database::Dot call them.
#ifndef PARTNERGRAPH_QUERY_CHANGE_BETWEEN_H_
#define PARTNERGRAPH_QUERY_CHANGE_BETWEEN_H_

#include "partnergraph/diff.h"
#include "partnergraph/graph.h"
#include "partnergraph/graph_view.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"
#include "partnergraph/views.h"

namespace partnergraph::query {

// The relations of the view `request` selects (the whole network or
// request.around's neighbourhood over relations of any date, with its type
// and kind filters), classified, grouped by type, with their ends and
// sources. Fails as SelectView does, or with kInvalidArgument for a bad
// window (CheckDateWindow).
Result<DiffResult> Diff(const Store& store, const Graph& graph, const DiffRequest& request);

// `view` (any view; its as_of must be empty) as a change overlay: relations
// outside the window left out, the others' changes in GraphView::changes,
// entities left without a relation dropped (the view's centre stays), and
// the window in the title.
Result<GraphView> DiffOverlay(const Store& store, const Graph& graph, const ViewRequest& view,
                              const DateWindow& window);

}  // namespace partnergraph::query

#endif  // PARTNERGRAPH_QUERY_CHANGE_BETWEEN_H_
