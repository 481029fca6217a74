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
  // Keeps pointers into topology.edges: the topology must outlive the filter.
  // Type indices the topology does not know simply match no relation.
  RelationFilter(const Topology& topology, const EdgeFilter& filter);

  // Whether every relation passes, so a search may skip the per-relation
  // checks (and the reads of type and dates they need).
  bool allows_all() const { return every_type_ && every_date_; }

  // Whether a query may use `relation`: its type is one of the filter's types
  // (or the filter names none) and it is in force at the filter's as-of date
  // under the filter's rule (InForceUnder; always, when the date is empty).
  bool Allows(EdgeIndex relation) const {
    if (!every_type_) {
      const TypeIndex type = types_[relation];
      if (type >= type_allowed_.size() || type_allowed_[type] == 0) return false;
    }
    if (every_date_) return true;
    const int32_t since = since_[relation];
    const int32_t until = until_[relation];
    if (since == PartialDate::kOpenStart && until == PartialDate::kOpenEnd) {  // undated
      switch (rule_) {
        case DateRule::kAny:
          return true;
        case DateRule::kStrict:
          return false;
        case DateRule::kEvidence:
          break;
      }
      return reported_[relation] <= as_of_last_day_;  // kOpenStart (always) without a period
    }
    return since <= as_of_last_day_ && until >= as_of_first_day_;
  }

 private:
  const TypeIndex* types_;
  const int32_t* since_;
  const int32_t* until_;
  const int32_t* reported_;
  DateRule rule_;
  bool every_type_;
  bool every_date_;
  std::vector<uint8_t> type_allowed_;  // by TypeIndex; bytes, not vector<bool>: read per edge
  // InForceAt(since, until, as_of) is since <= as_of.LastDay() && until >=
  // as_of.FirstDay(); the bounds are computed here once instead of per edge.
  int32_t as_of_first_day_ = std::numeric_limits<int32_t>::min();
  int32_t as_of_last_day_ = std::numeric_limits<int32_t>::max();
};

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_RELATION_FILTER_H_
