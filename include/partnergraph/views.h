// Choosing what a picture shows: the whole network, a neighbourhood, a path in
// its context, or funding flows, with type, date and kind filters.
#ifndef PARTNERGRAPH_VIEWS_H_
#define PARTNERGRAPH_VIEWS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/graph.h"
#include "partnergraph/graph_view.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

enum class ViewKind { kWhole, kAround, kPath, kFunding };

struct ViewRequest {
  ViewKind kind = ViewKind::kWhole;
  std::string focus;               // kAround: the entity; kPath: the start
  std::string target;              // kPath: the end
  int depth = 1;                   // kAround
  std::string funder;              // kFunding: one funder, or empty for all
  std::vector<std::string> types;  // relation types to keep; empty: all
  std::vector<std::string> kinds;  // entity kinds to keep (the focus always stays); empty: all
  PartialDate as_of;
  DateRule dates = DateRule::kEvidence;  // how undated relations count as of `as_of`
  std::string title;                     // empty: a title describing the view
  // The language of that title, as --lang names it: "en", "zh" or "both"
  // (English over Chinese). Entities are called by their display names in
  // it ("How People's Republic of China is connected to Cambodia",
  // "中国如何与柬埔寨相连"), an entity without one by its id.
  std::string lang = "en";
  // Refuse a view of more entities than this (0: no cap): Graphviz takes
  // minutes and gigabytes to lay out tens of thousands of nodes.
  size_t max_nodes = 0;
};

// Context around a path: at most this many neighbours of each end.
inline constexpr size_t kPathContextPerEnd = 12;

// Resolves the entities named in `request` (ids, names or aliases) and
// selects the entities and relations to draw. Fails with kNotFound or
// kAmbiguous for a reference, kInvalidArgument for an unknown type or kind,
// or for a view of more than request.max_nodes entities (saying how to
// narrow it).
Result<GraphView> SelectView(const Store& store, const Graph& graph, const ViewRequest& request);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_VIEWS_H_
