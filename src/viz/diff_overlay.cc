#include "viz/diff_overlay.h"

#include <set>

namespace partnergraph::viz {
namespace {

struct ChangeStyle {
  const char* change;
  StyleLabel label;
  DotAttributes attributes;
};

// Colours told apart by colour-blind readers too (green and red also differ
// in line style and weight), each with its own line style for print.
const std::vector<ChangeStyle>& Styles() {
  static const auto* const kStyles = new std::vector<ChangeStyle>{
      {"began",
       {"began", "开始"},
       {{"color", "#1b9e3e"}, {"fontcolor", "#1b9e3e"}, {"style", "solid"}, {"penwidth", "3"}}},
      {"began and ended",
       {"began and ended", "开始并结束"},
       {{"color", "#e67e00"}, {"fontcolor", "#e67e00"}, {"style", "dashed"}, {"penwidth", "2.5"}}},
      {"ended",
       {"ended", "结束"},
       {{"color", "#d62728"}, {"fontcolor", "#d62728"}, {"style", "dashed"}, {"penwidth", "2"}}},
      {"first reported",
       {"first reported", "首次报告"},
       {{"color", "#1f62c4"}, {"fontcolor", "#1f62c4"}, {"style", "dotted"}, {"penwidth", "2.5"}}},
      {"unchanged",
       {"unchanged", "未变"},
       {{"color", "#a0a0a0"}, {"fontcolor", "#808080"}, {"style", "solid"}, {"penwidth", "1"}}},
  };
  return *kStyles;
}

const ChangeStyle& StyleOf(std::string_view change) {
  for (const ChangeStyle& style : Styles()) {
    if (style.change == change) return style;
  }
  return Styles().back();  // unchanged
}

}  // namespace

const DotAttributes& ChangeAttributes(const std::map<std::string, std::string>& changes,
                                      std::string_view relation_id) {
  auto it = changes.find(std::string(relation_id));
  return StyleOf(it == changes.end() ? "unchanged" : it->second).attributes;
}

std::vector<ChangeSample> ChangeSamples(const std::map<std::string, std::string>& changes) {
  std::set<std::string_view> present;
  for (const auto& [id, change] : changes) present.insert(StyleOf(change).change);
  std::vector<ChangeSample> samples;
  for (const ChangeStyle& style : Styles()) {
    if (present.count(style.change) != 0) {
      samples.push_back({style.change, style.label, style.attributes});
    }
  }
  return samples;
}

}  // namespace partnergraph::viz
