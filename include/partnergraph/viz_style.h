// How pictures look: shape and colours per entity kind, colour, line style
// and arrows per relation type, the font, and graph-wide Graphviz attributes.
// Read from a JSON style file (viz/default.json, viz/print.json) so users can
// restyle without rebuilding. The format:
//   {"format": "partnergraph-style", "version": 1, "description": "...",
//    "font": "Noto Sans CJK SC",                  // graph, node and edge fontname
//    "graph": {...}, "node": {...}, "edge": {...}, // Graphviz defaults
//    "default_kind": {...}, "kinds": {"igo": {"shape": "box", "fillcolor": "#dae8fc",
//                                      "label": {"en": "IGO", "zh": "政府间组织"}}, ...},
//    "default_type": {...}, "types": {"mou": {"color": "#2e7d32", "style": "bold", ...}, ...},
//    "highlight": {"node": {...}, "edge": {...}},  // on a path
//    "dimmed": {"node": {...}, "edge": {...}},     // off it
//    "cluster": {...}, "legend": {..., "label": {"en": "Legend", "zh": "图例"}},
//    "funding": {"min_penwidth": 1, "max_penwidth": 10}}
// Every {...} is Graphviz attributes, names to strings or numbers; "label"
// (where allowed) is the display name in the legend and cluster titles.
// Every key is optional except format and version; unknown keys are errors.
// pgraph sets fontname, label, tooltip, id and key itself.
#ifndef PARTNERGRAPH_VIZ_STYLE_H_
#define PARTNERGRAPH_VIZ_STYLE_H_

#include <map>
#include <string>
#include <string_view>

#include "partnergraph/status.h"

namespace partnergraph {

// Graphviz attributes by name, e.g. {"shape", "box"}, {"fillcolor", "#dae8fc"}.
// Names are identifiers; values never contain '"', '\' or control characters
// (VizStyle::Parse checks), so they can be written inside DOT quotes as they are.
using DotAttributes = std::map<std::string, std::string, std::less<>>;

// A display name for a kind, a type or the legend, in both languages.
struct StyleLabel {
  std::string en;
  std::string zh;  // empty: use `en`
  friend bool operator==(const StyleLabel&, const StyleLabel&) = default;
};

// One block of a style file: attributes plus an optional display name.
struct StyleBlock {
  DotAttributes attributes;
  StyleLabel label;
  friend bool operator==(const StyleBlock&, const StyleBlock&) = default;
};

// Immutable once loaded; thread-compatible (const methods may run concurrently).
class VizStyle {
 public:
  // A neutral style: the CJK font and Graphviz's defaults (black outlines,
  // ellipses), nothing per kind or type. Real styles come from files.
  VizStyle();

  // Reads and checks a style file. Fails with kNotFound when the file cannot
  // be read, kInvalidArgument naming the file, line and column for bad JSON,
  // or the file and the key for a bad value ("viz/x.json: kinds.igo.shape:
  // expected a string or a number"), kNotSupported for a newer version.
  static Result<VizStyle> LoadFile(const std::string& path);
  static Result<VizStyle> Parse(std::string_view json_text, const std::string& origin);

  // What `--style NAME_OR_PATH` means: a path when it contains '/' or names
  // a .json file in the current directory, else a style in `viz_dir`
  // ("print" and "print.json" -> viz_dir/print.json). Fails like LoadFile.
  static Result<VizStyle> LoadNamed(std::string_view name_or_path, const std::string& viz_dir);

  // Font family for graph, node and edge text: a CJK-capable one, so Chinese
  // names render (e.g. "Noto Sans CJK SC").
  const std::string& font() const { return font_; }

  // Defaults for the whole graph, every node and every edge.
  const DotAttributes& graph_attributes() const { return graph_; }
  const DotAttributes& node_attributes() const { return node_; }
  const DotAttributes& edge_attributes() const { return edge_; }

  // The style of an entity kind or relation type: its own block merged over
  // the file's "default_kind" / "default_type"; that default alone for a kind
  // or type the file does not name.
  const StyleBlock& Kind(std::string_view kind) const;
  const StyleBlock& Type(std::string_view type) const;
  bool HasKind(std::string_view kind) const { return kinds_.find(kind) != kinds_.end(); }
  bool HasType(std::string_view type) const { return types_.find(type) != types_.end(); }

  // Overrides for highlighted (on a path) and dimmed (off it) nodes and edges.
  const DotAttributes& highlight_node() const { return highlight_node_; }
  const DotAttributes& highlight_edge() const { return highlight_edge_; }
  const DotAttributes& dimmed_node() const { return dimmed_node_; }
  const DotAttributes& dimmed_edge() const { return dimmed_edge_; }

  // Clusters (by kind or country) and the legend cluster, with its title.
  const DotAttributes& cluster_attributes() const { return cluster_; }
  const StyleBlock& legend() const { return legend_; }

  // Funding layout: edge widths run from min (smallest amounts) to max (the
  // largest amount in the view), in points.
  double min_penwidth() const { return min_penwidth_; }
  double max_penwidth() const { return max_penwidth_; }

  // Where the style came from (a file path), for messages.
  const std::string& origin() const { return origin_; }

 private:
  std::string origin_;
  std::string font_;
  DotAttributes graph_;
  DotAttributes node_;
  DotAttributes edge_;
  std::map<std::string, StyleBlock, std::less<>> kinds_;  // merged over default_kind_
  std::map<std::string, StyleBlock, std::less<>> types_;  // merged over default_type_
  StyleBlock default_kind_;
  StyleBlock default_type_;
  DotAttributes highlight_node_;
  DotAttributes highlight_edge_;
  DotAttributes dimmed_node_;
  DotAttributes dimmed_edge_;
  DotAttributes cluster_;
  StyleBlock legend_;
  double min_penwidth_ = 1.0;
  double max_penwidth_ = 8.0;

  friend class VizStyleParser;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_VIZ_STYLE_H_
