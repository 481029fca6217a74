// In-process rendering with libgvc: real Graphviz, real plugins, real fonts.
#include "partnergraph/renderer.h"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/dot_writer.h"

#include "viz_test_support.h"

namespace partnergraph {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

GraphView ChineseView() {
  GraphView view;
  Entity ilo;
  ilo.id = "ilo";
  ilo.kind = "un_entity";
  ilo.name = {"International Labour Organization", "国际劳工组织"};
  ilo.aliases = {"ILO", "劳工组织"};
  Entity mohrss;
  mohrss.id = "cn-mohrss";
  mohrss.kind = "ministry";
  mohrss.name = {"Ministry of Human Resources and Social Security", "人力资源和社会保障部"};
  view.entities = {ilo, mohrss};
  Relation mou;
  mou.id = "cn-mou-mohrss-2019";
  mou.type = "mou";
  mou.from = "cn-mohrss";
  mou.to = "ilo";
  mou.title = "South-South Cooperation";
  mou.source = Citation{"001_4d15d9a4381d9caa.txt", "signed by the Ministry"};
  view.relations = {mou};
  return view;
}

class RendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<VizStyle> style = viz_test::DefaultStyle();
    ASSERT_TRUE(style.has_value()) << style.error().message();
    Result<std::string> dot =
        WriteDot(ChineseView(), *style, DotOptions{.lang = LabelLanguage::kBoth});
    ASSERT_TRUE(dot.has_value()) << dot.error().message();
    dot_ = *dot;
  }
  std::string dot_;
};

TEST_F(RendererTest, SvgHasTheChineseTextTheFontAndTooltips) {
  Result<std::string> svg = RenderDot(dot_, ImageFormat::kSvg);
  ASSERT_TRUE(svg.has_value()) << svg.error().message();
  EXPECT_THAT(*svg, HasSubstr("<svg"));
  EXPECT_THAT(*svg, HasSubstr(">国际劳工组织</text>"));
  EXPECT_THAT(*svg, HasSubstr("font-family=\"Noto Sans CJK SC"));
  const std::vector<std::string> tooltips = viz_test::SvgTooltips(*svg);
  const auto has_tooltip = [&](const std::string& text) {
    for (const std::string& tooltip : tooltips) {
      if (tooltip.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_tooltip("International Labour Organization\n国际劳工组织\nkind: un_entity"));
  EXPECT_TRUE(has_tooltip("aliases: ILO, 劳工组织"));
  EXPECT_TRUE(has_tooltip("mou: Ministry of Human Resources and Social Security"));
  EXPECT_TRUE(has_tooltip("South-South Cooperation"));
  EXPECT_TRUE(has_tooltip("source: 001_4d15d9a4381d9caa.txt\n\xE2\x80\x9Csigned by the Ministry"));
}

TEST_F(RendererTest, PngStartsWithThePngSignature) {
  Result<std::string> png = RenderDot(dot_, ImageFormat::kPng);
  ASSERT_TRUE(png.has_value()) << png.error().message();
  EXPECT_THAT(*png, StartsWith(std::string("\x89PNG\r\n\x1a\n", 8)));
  EXPECT_GT(png->size(), 1000U);
}

TEST_F(RendererTest, PdfStartsWithThePdfMagic) {
  Result<std::string> pdf = RenderDot(dot_, ImageFormat::kPdf);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message();
  EXPECT_THAT(*pdf, StartsWith("%PDF"));
}

TEST_F(RendererTest, OtherLayoutEnginesWork) {
  for (const char* engine : {"neato", "sfdp", "fdp", "circo", "twopi"}) {
    Result<std::string> svg = RenderDot(dot_, ImageFormat::kSvg, engine);
    ASSERT_TRUE(svg.has_value()) << engine << ": " << svg.error().message();
    EXPECT_THAT(*svg, HasSubstr("国际劳工组织")) << engine;
  }
}

TEST(RenderDotTest, SyntaxErrorIsInvalidArgumentWithGraphvizsMessage) {
  Result<std::string> svg = RenderDot("digraph {\n  a -> ;\n}\n", ImageFormat::kSvg);
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(svg.error().message(), StartsWith("DOT rejected by Graphviz: "));
  EXPECT_THAT(svg.error().message(), HasSubstr("syntax error in line"));
}

TEST(RenderDotTest, GoodDotStillRendersAfterBadDot) {
  ASSERT_FALSE(RenderDot("digraph { a -> ", ImageFormat::kSvg).has_value());
  ASSERT_FALSE(RenderDot("graph { a -> b }", ImageFormat::kSvg).has_value());
  Result<std::string> svg = RenderDot("digraph { a -> b }", ImageFormat::kSvg);
  ASSERT_TRUE(svg.has_value()) << svg.error().message();
  EXPECT_THAT(*svg, HasSubstr("<svg"));
}

TEST(RenderDotTest, BadHtmlLabelFailsAsTheDotProgramWould) {
  Result<std::string> svg = RenderDot("digraph { a [label=<<B>unclosed>] }", ImageFormat::kSvg);
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(svg.error().message(), HasSubstr("Graphviz reported errors"));
}

TEST(RenderDotTest, EmptyOrNulTextIsInvalidArgument) {
  EXPECT_EQ(RenderDot("", ImageFormat::kSvg).error().message(),
            "DOT rejected by Graphviz: no graph in the text");
  EXPECT_EQ(
      RenderDot(std::string("digraph { a }") + '\0' + " junk", ImageFormat::kSvg).error().code(),
      StatusCode::kInvalidArgument);
}

TEST(RenderDotTest, UnknownLayoutEngineListsTheAvailableOnes) {
  Result<std::string> svg = RenderDot("digraph { a }", ImageFormat::kSvg, "dott");
  ASSERT_FALSE(svg.has_value());
  EXPECT_EQ(svg.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(svg.error().message(), HasSubstr("unknown layout engine \"dott\""));
  EXPECT_THAT(svg.error().message(), HasSubstr("sfdp"));
}

TEST(RenderDotTest, ConcurrentRendersAreSerialisedAndAllSucceed) {
  std::vector<std::thread> threads;
  std::vector<int> ok(6, 0);
  for (size_t i = 0; i < ok.size(); ++i) {
    threads.emplace_back([i, &ok] {
      const std::string dot =
          "digraph { n" + std::to_string(i) + " -> m -> n" + std::to_string(i) + " }";
      Result<std::string> svg =
          RenderDot(dot, i % 2 == 0 ? ImageFormat::kSvg : ImageFormat::kPng, "dot");
      Status parses = CheckDotParses(i % 3 == 0 ? "digraph { x -> }" : dot);
      ok[i] = svg.has_value() && (parses.ok() == (i % 3 != 0)) ? 1 : 0;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok, std::vector<int>(6, 1));
}

TEST(CheckDotParsesTest, AcceptsDotAndRejectsSyntaxErrors) {
  EXPECT_TRUE(CheckDotParses("digraph { a -> b [label=<x<BR/>y>] }").ok());
  Status s = CheckDotParses("digraph { a -> b [label=\"unterminated] }");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), StartsWith("DOT rejected by Graphviz: "));
}

TEST(ImageFormatTest, FormatComesFromTheExtension) {
  struct Case {
    const char* path;
    ImageFormat format;
  };
  const Case cases[] = {{"map.svg", ImageFormat::kSvg},
                        {"MAP.PNG", ImageFormat::kPng},
                        {"a/b.c/d.pdf", ImageFormat::kPdf},
                        {"x.Svg", ImageFormat::kSvg},
                        {"/tmp/.hidden.png", ImageFormat::kPng}};
  for (const Case& c : cases) {
    Result<ImageFormat> format = ImageFormatFromPath(c.path);
    ASSERT_TRUE(format.has_value()) << c.path;
    EXPECT_EQ(*format, c.format) << c.path;
  }
  for (const char* bad : {"map.gif", "map", "svg", "dir.svg/map", "map.svg.txt", ""}) {
    Result<ImageFormat> format = ImageFormatFromPath(bad);
    ASSERT_FALSE(format.has_value()) << bad;
    EXPECT_EQ(format.error().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(format.error().message(), HasSubstr(".svg, .png or .pdf"));
  }
  EXPECT_STREQ(ImageFormatName(ImageFormat::kPng), "png");
}

// The whole network is ~300 entities and ~500 relations: writing and laying
// it out with dot must stay interactive. The bound is loose for sanitizer
// builds and shared CI machines; the measured time is recorded.
TEST(RenderDotTest, WholeNetworkSizedGraphRendersQuickly) {
  Result<VizStyle> style = viz_test::DefaultStyle();
  ASSERT_TRUE(style.has_value());
  const GraphView view = viz_test::SyntheticView(300, 500);
  for (const char* engine : {"dot", "sfdp"}) {
    const auto start = std::chrono::steady_clock::now();
    Result<std::string> dot = WriteDot(view, *style, DotOptions{.lang = LabelLanguage::kBoth});
    ASSERT_TRUE(dot.has_value());
    Result<std::string> svg = RenderDot(*dot, ImageFormat::kSvg, engine);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(svg.has_value()) << svg.error().message();
    ::testing::Test::RecordProperty(std::string("seconds_") + engine, std::to_string(seconds));
    std::printf("300 nodes, 500 edges, %s: %.3f s\n", engine, seconds);
    EXPECT_LT(seconds, 20.0) << engine;
  }
}

}  // namespace
}  // namespace partnergraph
