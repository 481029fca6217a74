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
//    slugs) never need. Legend samples are the nodes named "^legend-...". Labels are
//    HTML-like labels; tooltips are escaped escStrings. Invalid UTF-8 and
//    control characters other than newline show as U+FFFD; a tab as a space.
//  - Chinese renders: graph, node and edge fontname are the style's font.
#ifndef PARTNERGRAPH_DOT_WRITER_H_
#define PARTNERGRAPH_DOT_WRITER_H_

#include <cstddef>
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

struct DotOptions {
  LabelLanguage lang = LabelLanguage::kEnglish;
  Clustering clusters = Clustering::kNone;
  // A "Legend" cluster showing each kind and relation type present in the view.
  bool legend = true;
  // Names wider than this many columns (CJK counts two) wrap at spaces, to
  // keep boxes narrow in big pictures; 0 never wraps.
  int wrap_columns = 24;
  // Label every edge with its relation type. Highlighted edges and funding
  // amounts are labelled regardless.
  bool edge_labels = false;
};

// "en", "zh", "both" (what --lang takes). Fails with kInvalidArgument listing them.
Result<LabelLanguage> LabelLanguageFromName(std::string_view name);
// "none", "kind", "country" (what --clusters takes). Fails likewise.
Result<Clustering> ClusteringFromName(std::string_view name);

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
