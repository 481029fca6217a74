#include "graph/relation_filter.h"

#include <algorithm>

namespace partnergraph::graph {

RelationFilter::RelationFilter(const Topology& topology, const EdgeFilter& filter)
    : types_(topology.edges.type.data()),
      since_(topology.edges.since_first_day.data()),
      until_(topology.edges.until_last_day.data()),
      every_type_(filter.types.empty()),
      every_date_(filter.as_of.empty()) {
  if (!every_type_) {
    // Sized by the largest requested type, not the schema, so an index the
    // topology does not know cannot read past the end.
    const TypeIndex largest = *std::max_element(filter.types.begin(), filter.types.end());
    type_allowed_.assign(static_cast<size_t>(largest) + 1, 0);
    for (TypeIndex type : filter.types) type_allowed_[type] = 1;
  }
  if (!every_date_) {
    as_of_first_day_ = filter.as_of.FirstDay();
    as_of_last_day_ = filter.as_of.LastDay();
  }
}

}  // namespace partnergraph::graph
