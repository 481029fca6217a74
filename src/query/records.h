// Records for answers: assembled from the graph's columns when they hold the
// whole record (no JSON read or parsed), else read from the store.
#ifndef PARTNERGRAPH_QUERY_RECORDS_H_
#define PARTNERGRAPH_QUERY_RECORDS_H_

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"
#include "partnergraph/topology.h"

namespace partnergraph::query {

// The entity at vertex v and the relation at edge e of `topology`, which
// must be of the store's state.
Result<Entity> EntityAt(const Store& store, const Topology& topology, VertexIndex v);
Result<Relation> RelationAt(const Store& store, const Topology& topology, EdgeIndex e);

}  // namespace partnergraph::query

#endif  // PARTNERGRAPH_QUERY_RECORDS_H_
