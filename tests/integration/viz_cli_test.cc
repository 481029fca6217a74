// Pictures through the real pgraph: DOT that Graphviz parses, rendered files.
#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/dot_writer.h"
#include "partnergraph/renderer.h"

#include "integration/child_process.h"
#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class VizCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pgraph_ = new PgraphRunner();
    RunResult init = pgraph_->Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() {
    delete pgraph_;
    pgraph_ = nullptr;
  }
  static PgraphRunner* pgraph_;
};
PgraphRunner* VizCliTest::pgraph_ = nullptr;

struct ViewCase {
  const char* name;
  std::vector<std::string> args;
};

const std::vector<ViewCase>& Views() {
  static const std::vector<ViewCase> views = {
      {"whole", {}},
      {"whole-mou-2019", {"--types", "mou", "--as-of", "2019"}},
      {"around", {"--around", "ilo", "--depth", "1", "--lang", "both"}},
      {"around-clusters", {"--around", "china", "--depth", "2", "--clusters", "kind"}},
      {"path", {"--path", "china", "cambodia", "--lang", "zh"}},
      {"funding", {"--funding", "--funder", "china", "--lang", "both"}},
      {"funding-all", {"--funding", "--clusters", "country"}},
  };
  return views;
}

TEST_F(VizCliTest, EveryViewIsDotThatGraphvizParses) {
  for (const ViewCase& view : Views()) {
    std::vector<std::string> args = {"dot"};
    args.insert(args.end(), view.args.begin(), view.args.end());
    RunResult result = pgraph_->Run(args);
    ASSERT_EQ(result.exit_code, 0) << view.name << ": " << result.err;
    EXPECT_THAT(result.out, StartsWith("digraph")) << view.name;
    Status parsed = CheckDotParses(result.out);
    EXPECT_TRUE(parsed.ok()) << view.name << ": " << parsed.message();
    // And the dot program itself lays it out.
    const std::string file = pgraph_->WriteFile(std::string(view.name) + ".dot", result.out);
    const std::string command = "dot -Tsvg -o /dev/null '" + file + "'";
    EXPECT_EQ(std::system(command.c_str()), 0) << view.name;  // NOLINT(concurrency-mt-unsafe)
  }
}

// Graphviz's dot engine double-frees when it cleans up some layouts with
// clusters and edge labels (this one among them); pgraph lays out where that
// cannot take it down, in every format.
TEST_F(VizCliTest, PathWithKindClustersRendersInEveryFormat) {
  for (const char* extension : {".png", ".svg", ".pdf"}) {
    const std::string file = (pgraph_->dir() / (std::string("path-kind") + extension)).string();
    RunResult result =
        pgraph_->Run({"render", "--path", "china", "cambodia", "--clusters", "kind", "-o", file});
    ASSERT_EQ(result.exit_code, 0) << extension << ": " << result.err;
    EXPECT_EQ(result.err, "") << extension;
    EXPECT_GT(pgraph_->ReadFile(file).size(), 1000U) << extension;
  }
}

// Every view in every layout engine with every clustering: a picture, exit 0,
// nothing on stderr but, where the engine does not draw clusters, the note
// that fdp laid it out instead. circo takes 15 s on the whole network, so
// there it draws the MoUs only.
TEST_F(VizCliTest, EveryViewRendersInEveryLayoutWithEveryClustering) {
  std::vector<std::pair<std::string, std::vector<std::string>>> views = {
      {"whole", {}},
      {"around", {"--around", "ilo"}},
      {"path", {"--path", "china", "cambodia"}},
      {"funding", {"--funding"}},
  };
  // The whole matrix runs once, in the plain build (four minutes under
  // AddressSanitizer); the sanitized build lays out the path view, the one
  // whose clusters took Graphviz down, in every layout and clustering.
  if (kSanitized) views = {views[2]};
  const std::string svg = (pgraph_->dir() / "matrix.svg").string();
  for (const auto& [name, view] : views) {
    for (const char* layout : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
      for (const char* clusters : {"none", "kind", "country"}) {
        std::vector<std::string> args = {"render", "--layout", layout, "--clusters", clusters};
        args.insert(args.end(), view.begin(), view.end());
        if (name == "whole" && std::string(layout) == "circo") {
          args.insert(args.end(), {"--types", "mou"});
        }
        args.insert(args.end(), {"-o", svg});
        RunResult result = pgraph_->Run(args);
        const std::string what = name + " " + layout + " " + clusters;
        EXPECT_EQ(result.exit_code, 0) << what << ": " << result.err;
        const bool switched = std::string(clusters) != "none" && !LayoutDrawsClusters(layout);
        EXPECT_EQ(result.err, switched ? "pgraph: note: " + std::string(layout) +
                                             " does not draw clusters; laid out with fdp\n"
                                       : "")
            << what;
        EXPECT_THAT(pgraph_->ReadFile(svg), HasSubstr("</svg>")) << what;
      }
    }
  }
}

// The legend is the graph's label whichever engine lays the picture out:
// no legend nodes or cluster for an engine to scatter.
TEST_F(VizCliTest, LegendIsTheGraphLabelInEveryLayout) {
  for (const char* layout : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
    RunResult result = pgraph_->Run({"dot", "--path", "china", "cambodia", "--layout", layout});
    ASSERT_EQ(result.exit_code, 0) << layout << ": " << result.err;
    EXPECT_THAT(result.out, Not(HasSubstr("^legend"))) << layout;
    EXPECT_THAT(result.out, Not(HasSubstr("cluster_legend"))) << layout;
    const size_t label = result.out.rfind("\n  graph [label=<<TABLE");
    ASSERT_NE(label, std::string::npos) << layout;
    EXPECT_THAT(result.out.substr(label), HasSubstr(">Legend<")) << layout;
    // dot makes room for edge labels; the others place them where they fit.
    EXPECT_EQ(result.out.find("forcelabels=\"false\"") != std::string::npos,
              std::string(layout) != "dot")
        << layout;
  }
}

// Seven relations of one type between two entities are one edge "×7", in a
// dataset of its own.
TEST(VizCliParallelTest, SevenParallelRelationsAreOneEdgeWithTheirDetails) {
  PgraphRunner pgraph;
  std::string relations;
  for (int i = 1; i <= 7; ++i) {
    relations += std::string(i == 1 ? "" : ",\n") + R"({"id": "eu-ilo-)" + std::to_string(i) +
                 R"(", "type": "funds", "from": "eu", "to": "ilo", "since": "2018",)" +
                 R"( "until": "2019", "title": "Project )" + std::to_string(i) +
                 R"(", "amount": {"value": )" + std::to_string(i) + "00000" +
                 R"(, "currency": "USD"}})";
  }
  const std::string data = pgraph.WriteFile("parallel.json", R"({
  "entities": [
    {"id": "eu", "kind": "regional_org", "name": {"en": "European Union"}},
    {"id": "ilo", "kind": "un_entity", "name": {"en": "International Labour Organization"}}
  ],
  "relations": [
)" + relations + R"(,
    {"id": "eu-ilo-mou", "type": "mou", "from": "eu", "to": "ilo", "since": "2019",
     "title": "Decent work in supply chains"}
  ]
})");
  ASSERT_EQ(pgraph.Run({"init", "--empty"}).exit_code, 0);
  RunResult imported = pgraph.Run({"import", data});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  RunResult dot = pgraph.Run({"dot", "--around", "eu"});
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  ASSERT_TRUE(CheckDotParses(dot.out).ok());
  const std::string arrow = "\"eu\" -> \"ilo\"";
  size_t edges = 0;
  for (size_t at = dot.out.find(arrow); at != std::string::npos; at = dot.out.find(arrow, at + 1)) {
    ++edges;
  }
  EXPECT_EQ(edges, 2U) << dot.out;  // the seven funds, the MoU
  // An ego network is laid out by twopi, so labels are external (xlabel).
  const size_t funds = dot.out.find(arrow +
                                    " [key=\"eu-ilo-1\", xlabel=<\xC3\x97"
                                    "7>");
  ASSERT_NE(funds, std::string::npos) << dot.out;
  const std::string line = dot.out.substr(funds, dot.out.find('\n', funds) - funds);
  EXPECT_THAT(line, HasSubstr("(7 relations)"));
  for (int i = 1; i <= 7; ++i) {
    EXPECT_THAT(line, HasSubstr("\\nProject " + std::to_string(i) +
                                "\\n2018\xE2\x80\x93"
                                "2019 \xC2\xB7 USD " +
                                std::to_string(i) + "00,000\\nid: eu-ilo-" + std::to_string(i)));
  }
  // The MoU alone says its title, not its type.
  EXPECT_THAT(dot.out, HasSubstr(arrow + " [key=\"eu-ilo-mou\", xlabel=<Decent work in "
                                         "supply<BR/>chains>"));
  const std::string png = (pgraph.dir() / "merged.png").string();
  RunResult render = pgraph.Run({"render", "--around", "eu", "-o", png});
  EXPECT_EQ(render.exit_code, 0) << render.err;
}

// --size-by: node sizes follow the scores, from the style's size up.
TEST_F(VizCliTest, SizeByDegreeAndBetweenness) {
  for (const char* measure : {"degree", "betweenness"}) {
    RunResult result = pgraph_->Run({"dot", "--around", "ilo", "--size-by", measure});
    ASSERT_EQ(result.exit_code, 0) << measure << ": " << result.err;
    // The ILO is the hub of its own neighbourhood, and of the network: the
    // largest size, 2.2 times the style's 10 points; every other node between.
    const size_t ilo = result.out.find("\n  \"ilo\" [label=");
    ASSERT_NE(ilo, std::string::npos) << measure;
    EXPECT_THAT(result.out.substr(ilo, result.out.find('\n', ilo + 1) - ilo),
                HasSubstr("fontsize=\"22\", height=\"0.66\""))
        << measure;
    for (size_t at = result.out.find("fontsize=\""); at != std::string::npos;
         at = result.out.find("fontsize=\"", at + 1)) {
      const double size = std::stod(result.out.substr(at + 10));
      EXPECT_GE(size, 8.0) << measure;  // the edges' 8 points, the nodes' 10 and up
      EXPECT_LE(size, 22.0) << measure;
    }
  }
  RunResult bad = pgraph_->Run({"dot", "--size-by", "pagerank"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--size-by"));
}

TEST_F(VizCliTest, SameViewGivesByteIdenticalDot) {
  const std::vector<std::string> args = {"dot", "--around", "ilo", "--lang", "both"};
  EXPECT_EQ(pgraph_->Run(args).out, pgraph_->Run(args).out);
}

TEST_F(VizCliTest, RendersSvgWithChineseLabelsAndTooltips) {
  const std::string svg = (pgraph_->dir() / "china.svg").string();
  RunResult result =
      pgraph_->Run({"render", "--funding", "--funder", "china", "--lang", "zh", "-o", svg});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = pgraph_->ReadFile(svg);
  EXPECT_THAT(text, HasSubstr("<svg"));
  EXPECT_THAT(text, HasSubstr("柬埔寨"));  // Cambodia, in Chinese
  EXPECT_THAT(text, HasSubstr("<title>"));
  EXPECT_THAT(text, HasSubstr("xlink:title"));  // tooltips
}

TEST_F(VizCliTest, RendersPngAndPdf) {
  const std::string png = (pgraph_->dir() / "ilo.png").string();
  ASSERT_EQ(pgraph_->Run({"render", "--around", "ilo", "-o", png}).exit_code, 0);
  EXPECT_THAT(pgraph_->ReadFile(png), StartsWith("\x89PNG"));
  const std::string pdf = (pgraph_->dir() / "path.pdf").string();
  ASSERT_EQ(pgraph_->Run({"render", "--path", "china", "pakistan", "-o", pdf}).exit_code, 0);
  EXPECT_THAT(pgraph_->ReadFile(pdf), StartsWith("%PDF"));
}

TEST_F(VizCliTest, RendersToStdoutWithDashAndFormat) {
  RunResult png =
      pgraph_->Run({"render", "--path", "china", "cambodia", "-o", "-", "--format", "png"});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  EXPECT_THAT(png.out, StartsWith("\x89PNG"));
  RunResult svg = pgraph_->Run({"render", "--around", "ilo", "-o", "-", "--format", "svg"});
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_THAT(svg.out, HasSubstr("</svg>"));
  RunResult no_format = pgraph_->Run({"render", "--around", "ilo", "-o", "-"});
  EXPECT_EQ(no_format.exit_code, 2);
  EXPECT_THAT(no_format.err, HasSubstr("-o -: give the format with --format svg|png|pdf"));
}

TEST_F(VizCliTest, UnknownPictureFormatIsAUsageError) {
  RunResult result = pgraph_->Run({"render", "-o", (pgraph_->dir() / "x.gif").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("gif"));
}

TEST_F(VizCliTest, GalleryWritesEveryPicture) {
  const std::string folder = (pgraph_->dir() / "gallery").string();
  RunResult result = pgraph_->Run({"gallery", folder});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* name : {"network", "ilo-ego", "china-funding", "mous-2019", "ilo-un-system"}) {
    for (const char* extension : {".dot", ".svg", ".png"}) {
      EXPECT_TRUE(std::filesystem::exists(folder + "/" + name + extension)) << name << extension;
    }
    EXPECT_TRUE(CheckDotParses(pgraph_->ReadFile(folder + "/" + name + ".dot")).ok()) << name;
  }
}

}  // namespace
}  // namespace partnergraph::testing
