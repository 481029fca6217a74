// Helpers for the viz tests: fixtures as views, reading DOT back with
// Graphviz's own parser (cgraph) and with the `dot` program, and decoding what
// Graphviz shows (labels, tooltips, SVG text). No Graphviz behaviour is mocked.
#ifndef PARTNERGRAPH_TESTS_UNIT_VIZ_VIZ_TEST_SUPPORT_H_
#define PARTNERGRAPH_TESTS_UNIT_VIZ_VIZ_TEST_SUPPORT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/graph_view.h"
#include "partnergraph/status.h"
#include "partnergraph/viz_style.h"

namespace partnergraph::viz_test {

std::string FixturePath(std::string_view name);  // tests/fixtures/<name>
std::string VizDir();                            // viz/
std::string SchemaPath();                        // data/schema.json

// A dataset file (data/README.md's format) as a view of all its entities and
// relations.
Result<GraphView> LoadViewFixture(const std::string& path);

// viz/default.json; fails the calling test through the Result.
Result<VizStyle> DefaultStyle();

// A graph object as cgraph parsed it: every declared attribute's value
// (defaults included, empty values left out).
struct ParsedObject {
  std::string name;
  std::map<std::string, std::string> attributes;
  bool html_label = false;  // label was written <...>

  std::string Get(const std::string& attribute) const {
    auto it = attributes.find(attribute);
    return it == attributes.end() ? "" : it->second;
  }
};

struct ParsedEdge : ParsedObject {
  std::string tail;
  std::string head;
};

struct ParsedCluster {
  std::string name;
  std::string label;
  std::vector<std::string> nodes;  // names, as cgraph lists them
};

struct ParsedDot {
  std::map<std::string, ParsedObject> nodes;  // by name; legend nodes too
  std::vector<ParsedEdge> edges;              // legend edges too
  std::vector<ParsedCluster> clusters;        // top-level subgraphs
  std::map<std::string, std::string> graph_attributes;
  std::set<std::string> declared_attributes;  // names declared for graph, node or edge

  // Nodes and edges of the view itself, without the legend's samples.
  std::vector<const ParsedObject*> EntityNodes() const;
  std::vector<const ParsedEdge*> RelationEdges() const;
  const ParsedEdge* EdgeWithKey(const std::string& key) const;
};

bool IsLegendNode(std::string_view name);

// Parses with cgraph's agmemread (after CheckDotParses, which captures errors).
Result<ParsedDot> ParseDot(const std::string& dot);

// What Graphviz shows for an HTML-like label as agget() returns it: entities
// decoded, <BR/> as "\n", "\\" as "\". nullopt for any other markup, or a
// lone backslash, which the writer never emits.
std::optional<std::string> UnescapeHtmlLabel(std::string_view html);

// What Graphviz shows for a tooltip as agget() returns it (the scanner has
// already turned \" into "): four backslashes are one, "\n" a line break.
// nullopt for any other backslash sequence.
std::optional<std::string> UnescapeTooltip(std::string_view raw);

// Undoes the ^XX the writer uses in DOT IDs.
std::string DecodeDotId(std::string_view text);

// The `dot` program on `dot_text`, writing canonical DOT and SVG.
struct DotRun {
  int exit_code = -1;
  std::string errors;  // its stderr
  std::string canon;
  std::string svg;
};
bool HasDotProgram();
Result<DotRun> RunDotProgram(const std::string& dot_text);

// The text of every <text> element in an SVG, XML entities decoded and
// no-break spaces (which Graphviz writes for runs of spaces) as spaces.
std::vector<std::string> SvgTexts(std::string_view svg);
// The text of every <title> element, decoded likewise.
std::vector<std::string> SvgTitles(std::string_view svg);
// The value of every xlink:title attribute (SVG tooltips), decoded.
std::vector<std::string> SvgTooltips(std::string_view svg);

// A synthetic view shaped like the whole network: `entities` entities of
// every kind with realistic names (half with Chinese names) and `relations`
// relations of every type, most of them touching a few hubs, funding with
// amounts. Deterministic.
GraphView SyntheticView(int entities, int relations);

}  // namespace partnergraph::viz_test

#endif  // PARTNERGRAPH_TESTS_UNIT_VIZ_VIZ_TEST_SUPPORT_H_
