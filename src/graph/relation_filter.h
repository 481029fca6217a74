// RelationFilter: an EdgeFilter resolved once per query, so that the check
// made for every relation a traversal looks at is a few integer comparisons.
#ifndef PARTNERGRAPH_GRAPH_RELATION_FILTER_H_
#define PARTNERGRAPH_GRAPH_RELATION_FILTER_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "partnergraph/graph.h"
#include "partnergraph/topology.h"

namespace partnergraph::graph {

class RelationFilter {
 public:
  // Keeps a pointer to topology.edges: the topology must outlive the filter.
  // Type indices the topology does not know simply match no relation.
  RelationFilter(const Topology& topology, const EdgeFilter& filter);

  // Whether a query may use `relation`: its type is one of the filter's types
  // (or the filter names none) and it is in force at the filter's as-of date
  // (InForceAt; always, when the date is empty).
  bool Allows(EdgeIndex relation) const {
    const TopologyEdge& edge = (*edges_)[relation];
    if (!every_type_ && (edge.type >= type_allowed_.size() || !type_allowed_[edge.type])) {
      return false;
    }
    return edge.since_first_day <= as_of_last_day_ && edge.until_last_day >= as_of_first_day_;
  }

 private:
  const std::vector<TopologyEdge>* edges_;
  bool every_type_;
  std::vector<uint8_t> type_allowed_;  // by TypeIndex; bytes, not vector<bool>: read per edge
  // InForceAt(since, until, as_of) is since <= as_of.LastDay() && until >=
  // as_of.FirstDay(); the bounds are computed here once instead of per edge.
  // An empty as_of gets bounds no relation falls outside.
  int32_t as_of_first_day_ = std::numeric_limits<int32_t>::min();
  int32_t as_of_last_day_ = std::numeric_limits<int32_t>::max();
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_RELATION_FILTER_H_
