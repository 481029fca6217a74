// A picture's legend as one HTML-like table: written into the graph's label
// (under the title), so that every layout engine keeps it in one piece and
// nothing is laid out over it. Private to the viz module.
//
// The legend has sections (entity kinds, relation types, ...), each a grid
// of entries: a sample drawn in the entry's style and its name. A node
// sample is a small box in the fill and outline colours; an edge sample is
// a short line of box-drawing characters in the edge's colour, solid,
// heavy, dashed or dotted as the edge, with its arrowheads ("●━━━●" for an
// MoU, "━━━▶" for funding).
//
// How a view adds rows: give it a section of its own, then one entry per
// style it draws, in the order the legend should list them, e.g. for a
// change overlay:
//   legend.AddSection({"Change 2015 → 2019", "变化 2015 → 2019"});
//   for (const ChangeSample& s : ChangeSamples(changes))
//     legend.AddEdge(s.label, s.change, s.attributes, "change: " + s.change);
// before DotWriter writes the graph's label (DotWriter::WriteLabel).
#ifndef PARTNERGRAPH_VIZ_LEGEND_H_
#define PARTNERGRAPH_VIZ_LEGEND_H_

#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/dot_writer.h"
#include "partnergraph/viz_style.h"

namespace partnergraph::viz {

class Legend {
 public:
  // Starts a new section; entries added after it go under `title` (empty:
  // no heading).
  void AddSection(const StyleLabel& title);
  // A kind of node drawn with `attributes` (fillcolor, color, style).
  // `fallback` names it when `label` is empty.
  void AddNode(const StyleLabel& label, std::string_view fallback, const DotAttributes& attributes);
  // A kind of edge drawn with `attributes` (color, style, penwidth, dir,
  // arrowhead, arrowtail).
  void AddEdge(const StyleLabel& label, std::string_view fallback, const DotAttributes& attributes);

  bool empty() const;

  // The table's markup (the inside of an HTML-like label), names in `lang`,
  // entries in `point_size`, headed by `title`; the table drawn with
  // `frame` (style, color of the style's "legend" block). Entries fill rows
  // of up to `columns` entries; 0 chooses: about as many columns as rows,
  // at least 3 and at most 6, so that the legend stays a small block.
  std::string Html(const StyleLabel& title, LabelLanguage lang, const DotAttributes& frame,
                   double point_size, int columns = 0) const;

 private:
  struct Entry {
    bool node = false;
    std::string name;  // plain text in each language, chosen at Html()
    StyleLabel label;
    DotAttributes attributes;
  };
  struct Section {
    StyleLabel title;
    std::vector<Entry> entries;
  };
  std::vector<Section> sections_;
};

// The glyphs of an edge sample ("●━━━●"): the line's style and the arrows
// its direction shows. Exposed for tests.
std::string EdgeSampleGlyphs(const DotAttributes& attributes);

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_LEGEND_H_
