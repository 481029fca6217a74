#include "graph/relation_filter.h"

#include <algorithm>

namespace partnergraph::graph {

RelationFilter::RelationFilter(const Topology& topology, const EdgeFilter& filter)
    : types_(topology.edges.type.data()),
      since_(topology.edges.since_first_day.data()),
      until_(topology.edges.until_last_day.data()),
      reported_(topology.edges.reported_first_day.data()),
      rule_(filter.dates),
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

namespace partnergraph {

DatingCounts CountDating(const Topology& topology, const EdgeFilter& filter) {
  DatingCounts counts;
  EdgeFilter types_only;
  types_only.types = filter.types;
  const graph::RelationFilter of_type(topology, types_only);
  const graph::RelationFilter in_force(topology, filter);
  const EdgeTable& edges = topology.edges;
  for (EdgeIndex e = 0; e < edges.size(); ++e) {
    if (!of_type.Allows(e)) continue;
    if (!in_force.Allows(e)) {
      ++counts.excluded;
      continue;
    }
    switch (
        DatingOf(edges.since_first_day[e], edges.until_last_day[e], edges.reported_first_day[e])) {
      case Dating::kDated:
        ++counts.dated;
        break;
      case Dating::kReported:
        ++counts.reported;
        break;
      case Dating::kUndated:
        ++counts.undated;
        break;
    }
  }
  return counts;
}

}  // namespace partnergraph
