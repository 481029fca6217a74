#include "query/records.h"

#include <optional>
#include <utility>

#include "partnergraph/record_columns.h"

namespace partnergraph::query {

Result<Entity> EntityAt(const Store& store, const Topology& topology, VertexIndex v) {
  std::optional<Entity> entity = EntityFromColumns(topology, v);
  if (entity) return std::move(*entity);
  return store.GetEntity(topology.vertex_ids.view(v));
}

Result<Relation> RelationAt(const Store& store, const Topology& topology, EdgeIndex e) {
  std::optional<Relation> relation = RelationFromColumns(topology, e);
  if (relation) return std::move(*relation);
  return store.GetRelation(topology.edge_relation_ids.view(e));
}

}  // namespace partnergraph::query
