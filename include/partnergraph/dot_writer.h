// Writes a GraphView as Graphviz DOT: what `pgraph dot` prints and what
// `pgraph render` lays out.
//
// Guarantees:
//  - Stable: the same view, style and options give byte-identical text
//    (nodes sorted by entity id, edges by relation id, nothing taken from
//    pointers, clocks or locale).
//  - Safe for any text: names, titles, aliases and quotes are escaped so that
//    Graphviz parses them and shows them as written; no text can add a node,
//    an edge, an attribute or a statement. Node names are the entity ids
//    (relation ids are the edge keys), quoted; the few bytes a quoted DOT ID
//    cannot carry ('\', a leading '%', control characters, invalid UTF-8;
//    and '%' and '^' themselves) are written ^XX, which valid ids (lowercase
//    slugs) never need. Labels are HTML-like labels; tooltips are escaped
//    escStrings. Invalid UTF-8 and control characters other than newline
//    show as U+FFFD; a tab as a space.
//  - One edge per relation type between two entities: parallel relations of
//    one type are drawn as one edge labelled with their count ("×7"), each
//    one's title or role, period and amount in its tooltip. The edge's key
//    is the first of their relation ids.
//  - The legend is part of the graph's label (under the title): one
//    HTML-like table, which every layout engine keeps in one piece.
//  - Chinese renders: graph, node and edge fontname are the style's font
//    followed by fallbacks (kFallbackFonts) that the renderer and SVG
//    viewers try in turn.
#ifndef PARTNERGRAPH_DOT_WRITER_H_
#define PARTNERGRAPH_DOT_WRITER_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "partnergraph/graph_view.h"
#include "partnergraph/status.h"
#include "partnergraph/viz_style.h"

namespace partnergraph {

// Which names label nodes (and the legend): English, Chinese, or both on two
// lines. A missing name falls back to the other language, then to the id.
enum class LabelLanguage { kEnglish, kChinese, kBoth };

// Optional boxes around groups of nodes. By country: the entity's
// attributes["country"] (an entity id such as "china"), or the entity itself
// when its kind is "country"; entities with neither stay outside.
enum class Clustering { kNone, kByKind, kByCountry };

// Node size by importance in the view: none, the number of the view's
// relations an entity takes part in, or its betweenness (DotOptions::betweenness).
enum class SizeBy { kNone, kDegree, kBetweenness };

struct DotOptions {
  LabelLanguage lang = LabelLanguage::kEnglish;
  Clustering clusters = Clustering::kNone;
  // A legend of each kind and relation type in the view, in the graph's
  // label (under the title), as one table.
  bool legend = true;
  // Names wider than this many columns (CJK counts two) wrap at spaces, to
  // keep boxes narrow in big pictures; 0 never wraps.
  int wrap_columns = 24;
  // Label every edge with its relation's title, else its period (the legend
  // tells the types apart). Highlighted edges, funding amounts and merged
  // edges' counts are labelled regardless.
  bool edge_labels = false;
  // The engine that lays the DOT out; empty means "dot". dot makes room for
  // edge labels; the other engines, and dot with clusters, get them as
  // external labels (xlabel) with forcelabels=false, so Graphviz leaves out
  // a label it cannot place clear of the nodes and the other labels rather
  // than print it over them.
  std::string layout_engine{};
  // Node size: the font and the box grow with the entity's score, from the
  // style's size for the lowest to kMaxSizeScale times it for the highest
  // (square-root scale, so hubs do not dwarf the rest).
  SizeBy size_by = SizeBy::kNone;
  // kBetweenness: the score of each entity by id (Database::DotOf fills it
  // from the library's centrality, Graph::Centrality); a missing id is 0.
  std::map<std::string, double, std::less<>> betweenness{};
};

inline constexpr double kMaxSizeScale = 2.2;

// What fontname names after the style's font: fonts for Chinese and Latin
// text found on common systems (Debian: fonts-noto-cjk, fonts-wqy-microhei,
// fonts-dejavu-core), then the generic family.
inline constexpr std::string_view kFallbackFonts =
    "Noto Sans CJK SC, WenQuanYi Micro Hei, DejaVu Sans, sans-serif";

// "en", "zh", "both" (what --lang takes). Fails with kInvalidArgument listing them.
Result<LabelLanguage> LabelLanguageFromName(std::string_view name);
// "none", "kind", "country" (what --clusters takes). Fails likewise.
Result<Clustering> ClusteringFromName(std::string_view name);
// "none", "degree", "betweenness" (what --size-by takes). Fails likewise.
Result<SizeBy> SizeByFromName(std::string_view name);

// Whether Graphviz's `engine` draws clusters: dot, fdp, osage and patchwork
// do; neato, sfdp, circo and twopi ignore them. A picture with clusters is
// laid out with kClusterLayoutEngine instead of one that would ignore them.
bool LayoutDrawsClusters(std::string_view engine);
inline constexpr std::string_view kClusterLayoutEngine = "fdp";

// The Graphviz layout engine that suits `view` (for RenderDot): "dot" draws
// hierarchies and flows well but lays a large hub-and-spoke network out as
// one very wide strip, so views of more than kMaxEntitiesForDot entities get
// "sfdp" (force-directed, fast), unless they are funding flows.
inline constexpr size_t kMaxEntitiesForDot = 150;
std::string_view SuggestedLayoutEngine(const GraphView& view);

// The DOT text of `view`. Fails with kInvalidArgument when the view is
// inconsistent: a duplicate entity or relation id, or a relation whose end
// is not among the view's entities (naming the relation and the id).
// Thread-safe: touches no global state (and not Graphviz).
Result<std::string> WriteDot(const GraphView& view, const VizStyle& style,
                             const DotOptions& options = {});

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DOT_WRITER_H_
