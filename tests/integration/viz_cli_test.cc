// Pictures through the real pgraph: DOT that Graphviz parses, rendered files.
#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/renderer.h"

#include "integration/child_process.h"
#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
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
// nothing on stderr. circo takes 15 s on the whole network, so there it
// draws the MoUs only.
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
        EXPECT_EQ(result.err, "") << what;
        EXPECT_THAT(pgraph_->ReadFile(svg), HasSubstr("</svg>")) << what;
      }
    }
  }
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
