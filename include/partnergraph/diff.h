// Change between two dates: which relations began, ended or were first
// reported between A and B, and the filter "began between A and B".
//
// Dates are partial (date.h): a year or a month stands for its whole period,
// as for --as-of. The rules, in days (FirstDay/LastDay):
//  - began: the relation's `since` starts after A's last day and no later
//    than B's last day: since within (A, B]. So `diff 2015 2019` counts an
//    MoU of 2019-06 as begun, and one of 2015 (in force as of 2015) not.
//  - ended: its `until` ends on or after A's first day and before B's first
//    day: until within [A, B). An MoU in force until 2019 was still in force
//    as of 2019, so `diff 2015 2019` does not count it as ended.
//  - first reported: a relation with neither `since` nor `until`, whose
//    source document reports on a period that starts within (A, B] (a
//    document that states no period: its publication date): it is known
//    from then on, and not before.
//  - unchanged: none of these, and in force at both A and B (an undated
//    relation: its source reports it from A's end or earlier, or states no
//    date at all).
// A relation is in exactly one class; one that began and ended within the
// window is kBeganAndEnded.
#ifndef PARTNERGRAPH_DIFF_H_
#define PARTNERGRAPH_DIFF_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/entity.h"
#include "partnergraph/relation.h"
#include "partnergraph/status.h"

namespace partnergraph {

enum class RelationChange {
  kBegan,
  kEnded,
  kBeganAndEnded,
  kFirstReported,
  kUnchanged,
  kOutside,  // in force at neither date and not changed between them: not shown
};

// "began", "ended", "began and ended", "first reported", "unchanged", "outside".
const char* RelationChangeName(RelationChange change);

// Two dates, `from` no later than `to` (CheckDateWindow).
struct DateWindow {
  PartialDate from;
  PartialDate to;
  bool empty() const { return from.empty() && to.empty(); }
};

// Ok when both dates are given and `from` is not after `to`: it neither
// starts later nor ends later ("2019" .. "2019-06" is refused, "2019-06" ..
// "2019" too; "2019" .. "2019" is an empty window). kInvalidArgument
// otherwise, naming the two dates.
Status CheckDateWindow(const DateWindow& window);

// How `relation` changed within `window` (the rules above); `reported_since`
// is when its source reports it from: the start of the document's period,
// else its publication date (empty when it states neither, or the relation
// has no source).
RelationChange ClassifyChange(const Relation& relation, const DateWindow& window,
                              const PartialDate& reported_since);

// Whether `relation` began between `window.from` and `window.to` inclusive:
// its `since` starts within [from.FirstDay(), to.LastDay()]. A relation
// without `since` never did. (`show --types mou --began-between 2019 2019`:
// the MoUs signed in 2019.)
bool BeganBetween(const Relation& relation, const DateWindow& window);

struct DiffRequest {
  DateWindow window;
  std::string around;              // an entity as typed; empty: the whole network
  int depth = 1;                   // hops around `around`
  std::vector<std::string> types;  // relation types; empty: all
  std::vector<std::string> kinds;  // entity kinds to keep (`around` always stays); empty: all
};

// One relation that changed, with what a printer needs.
struct ChangedRelation {
  Relation relation;
  RelationChange change = RelationChange::kUnchanged;
  // The dated fact: `since` (began), `until` (ended), "since–until" (began
  // and ended), or the source's period (first reported), as text.
  std::string date;
};

// The changes of one relation type, in the order began, began and ended,
// ended, first reported, then by date, from, to and id.
struct DiffGroup {
  std::string type;
  std::vector<ChangedRelation> relations;
  std::map<RelationChange, size_t> counts;  // of each change present
};

struct DiffResult {
  DateWindow window;
  std::string around_id;  // empty: the whole network
  int depth = 0;
  std::vector<DiffGroup> groups;            // by type, ascending
  std::map<RelationChange, size_t> totals;  // every class, kUnchanged and kOutside included
  std::map<std::string, Entity> entities;   // both ends of every changed relation
  // The source documents the changed relations cite, by file name.
  std::map<std::string, SourceDocument> sources;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DIFF_H_
