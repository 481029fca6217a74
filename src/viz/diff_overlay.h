// How a change overlay (`pgraph dot --diff A B`, GraphView::changes) draws
// relations: one style per change, set over the relation type's, and the
// legend's samples of them. Private to the viz module.
#ifndef PARTNERGRAPH_VIZ_DIFF_OVERLAY_H_
#define PARTNERGRAPH_VIZ_DIFF_OVERLAY_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/viz_style.h"

namespace partnergraph::viz {

// The attributes of the relation `relation_id` under `changes` (relation id
// -> change name): began green, solid and bold; ended red and dashed; began
// and ended orange and dashed; first reported blue and dotted; unchanged
// (and a relation `changes` does not name) thin grey.
const DotAttributes& ChangeAttributes(const std::map<std::string, std::string>& changes,
                                      std::string_view relation_id);

// One legend sample: a change, its display name and its attributes.
struct ChangeSample {
  std::string change;
  StyleLabel label;
  DotAttributes attributes;
};

// The samples of the changes present in `changes`, in the order began,
// began and ended, ended, first reported, unchanged.
std::vector<ChangeSample> ChangeSamples(const std::map<std::string, std::string>& changes);

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_DIFF_OVERLAY_H_
