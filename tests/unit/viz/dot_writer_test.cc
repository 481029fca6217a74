// The DOT writer, checked by reading its output back with Graphviz itself:
// cgraph (agmemread) in-process and the `dot` program, plus SVG rendering for
// what a reader actually sees.
#include "partnergraph/dot_writer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/renderer.h"

#include "viz/legend.h"
#include "viz_test_support.h"

namespace partnergraph {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using viz_test::ParsedDot;
using viz_test::ParsedEdge;
using viz_test::ParsedObject;

Entity MakeEntity(std::string id, std::string kind, std::string en, std::string zh = "") {
  Entity entity;
  entity.id = std::move(id);
  entity.kind = std::move(kind);
  entity.name.en = std::move(en);
  entity.name.zh = std::move(zh);
  return entity;
}

Relation MakeRelation(std::string id, std::string type, std::string from, std::string to) {
  Relation relation;
  relation.id = std::move(id);
  relation.type = std::move(type);
  relation.from = std::move(from);
  relation.to = std::move(to);
  return relation;
}

// A small network as the bundled data has it: two countries, a ministry, the
// ILO, a project funded twice and an MoU.
GraphView SmallView() {
  GraphView view;
  view.title = "China \xE2\x80\x93 ILO";
  view.entities = {
      MakeEntity("ilo", "un_entity", "International Labour Organization", "国际劳工组织"),
      MakeEntity("china", "country", "People's Republic of China", "中国"),
      MakeEntity("cn-mohrss", "ministry", "Ministry of Human Resources and Social Security",
                 "人力资源和社会保障部"),
      MakeEntity("cambodia", "country", "Cambodia", "柬埔寨"),
      MakeEntity("proj-skills", "project", "Strengthening Skills Development"),
      MakeEntity("office-ilo-beijing", "office", "ILO Country Office for China and Mongolia"),
  };
  view.entities[0].aliases = {"ILO", "劳工组织"};
  view.entities[2].attributes["country"] = "china";
  view.entities[5].attributes["country"] = "china";
  view.relations = {
      MakeRelation("r-mou", "mou", "cn-mohrss", "ilo"),
      MakeRelation("r-funds-big", "funds", "china", "proj-skills"),
      MakeRelation("r-funds-small", "funds", "ilo", "proj-skills"),
      MakeRelation("r-implements", "implements", "ilo", "proj-skills"),
      MakeRelation("r-benefits", "benefits", "proj-skills", "cambodia"),
      MakeRelation("r-part", "part_of", "office-ilo-beijing", "ilo"),
  };
  view.relations[0].title = "South-South Cooperation";
  view.relations[0].since = *PartialDate::Parse("2019");
  view.relations[0].source = Citation{"001_4d15d9a4381d9caa.txt", "signed by the MOHRSS"};
  view.relations[1].amount = Amount{1000000, "USD"};
  view.relations[1].since = *PartialDate::Parse("2018");
  view.relations[1].until = *PartialDate::Parse("2020");
  view.relations[2].amount = Amount{10000, "USD"};
  return view;
}

class DotWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<VizStyle> style = viz_test::DefaultStyle();
    ASSERT_TRUE(style.has_value()) << style.error().message();
    style_ = *style;
  }

  std::string Write(const GraphView& view, const DotOptions& options = {}) {
    Result<std::string> dot = WriteDot(view, style_, options);
    EXPECT_TRUE(dot.has_value()) << dot.error().message();
    return dot.has_value() ? *dot : std::string();
  }

  ParsedDot Parse(const std::string& dot) {
    Result<ParsedDot> parsed = viz_test::ParseDot(dot);
    EXPECT_TRUE(parsed.has_value()) << parsed.error().message() << "\n" << dot;
    return parsed.has_value() ? *parsed : ParsedDot();
  }

  // The texts of an HTML-like label built of tables (the graph's label:
  // title and legend), entities decoded, in the order they appear.
  static std::vector<std::string> Texts(std::string_view html) {
    std::vector<std::string> texts;
    std::string current;
    bool in_tag = false;
    for (char c : html) {
      if (c == '<') {
        in_tag = true;
        if (!current.empty()) texts.push_back(Decode(current));
        current.clear();
      } else if (c == '>') {
        in_tag = false;
      } else if (!in_tag) {
        current += c;
      }
    }
    if (!current.empty()) texts.push_back(Decode(current));
    return texts;
  }
  static std::string Decode(const std::string& text) {
    std::string out = text;
    for (const auto& [entity, plain] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
      for (size_t at = out.find(entity); at != std::string::npos; at = out.find(entity, at)) {
        out.replace(at, entity.size(), plain);
        at += plain.size();
      }
    }
    return out;
  }

  static std::string Label(const ParsedObject& object) {
    std::optional<std::string> text = viz_test::UnescapeHtmlLabel(object.Get("label"));
    EXPECT_TRUE(text.has_value()) << object.name << ": " << object.Get("label");
    return text.value_or("");
  }

  VizStyle style_;
};

TEST_F(DotWriterTest, SameViewGivesByteIdenticalDot) {
  GraphView view = SmallView();
  view.highlighted = {"ilo", "r-mou", "cn-mohrss"};
  const DotOptions options{LabelLanguage::kBoth, Clustering::kByCountry, true, 24, true};
  const std::string first = Write(view, options);
  EXPECT_EQ(Write(view, options), first);

  // Input order does not matter: the writer sorts.
  std::mt19937 shuffle(42);
  std::shuffle(view.entities.begin(), view.entities.end(), shuffle);
  std::shuffle(view.relations.begin(), view.relations.end(), shuffle);
  EXPECT_EQ(Write(view, options), first);
}

TEST_F(DotWriterTest, NodesAreSortedByIdAndEdgesByRelationId) {
  const std::string dot = Write(SmallView(), DotOptions{.legend = false});
  std::vector<size_t> node_positions;
  for (const char* id :
       {"cambodia", "china", "cn-mohrss", "ilo", "office-ilo-beijing", "proj-skills"}) {
    node_positions.push_back(dot.find("\n  \"" + std::string(id) + "\" [label="));
  }
  EXPECT_TRUE(std::is_sorted(node_positions.begin(), node_positions.end()));
  EXPECT_EQ(std::count(node_positions.begin(), node_positions.end(), std::string::npos), 0);
  std::vector<size_t> edge_positions;
  for (const char* id :
       {"r-benefits", "r-funds-big", "r-funds-small", "r-implements", "r-mou", "r-part"}) {
    edge_positions.push_back(dot.find("key=\"" + std::string(id) + "\""));
  }
  EXPECT_TRUE(std::is_sorted(edge_positions.begin(), edge_positions.end()));
  EXPECT_EQ(std::count(edge_positions.begin(), edge_positions.end(), std::string::npos), 0);
}

TEST_F(DotWriterTest, NodesEdgesAndLabelsSurviveCgraph) {
  const GraphView view = SmallView();
  const ParsedDot parsed = Parse(Write(view, DotOptions{.wrap_columns = 0}));
  ASSERT_EQ(parsed.EntityNodes().size(), view.entities.size());
  ASSERT_EQ(parsed.RelationEdges().size(), view.relations.size());
  for (const Entity& entity : view.entities) {
    ASSERT_EQ(parsed.nodes.count(entity.id), 1U) << entity.id;
    const ParsedObject& node = parsed.nodes.at(entity.id);
    EXPECT_TRUE(node.html_label) << entity.id;
    EXPECT_EQ(Label(node), entity.name.en);
    EXPECT_EQ(node.Get("shape"), style_.Kind(entity.kind).attributes.at("shape")) << entity.id;
    EXPECT_EQ(node.Get("fillcolor"), style_.Kind(entity.kind).attributes.at("fillcolor"));
  }
  for (const Relation& relation : view.relations) {
    const ParsedEdge* edge = parsed.EdgeWithKey(relation.id);
    ASSERT_NE(edge, nullptr) << relation.id;
    EXPECT_EQ(edge->tail, relation.from);
    EXPECT_EQ(edge->head, relation.to);
    EXPECT_EQ(edge->Get("color"), style_.Type(relation.type).attributes.at("color"));
    EXPECT_EQ(edge->Get("label"), "") << "plain views leave edges unlabelled";
  }
}

TEST_F(DotWriterTest, FontIsNamedOnGraphNodesAndEdgesWithFallbacks) {
  // The style's font first, then the fallbacks it does not name: fonts of
  // Debian's fonts-wqy-microhei and fonts-dejavu-core, then the generic family.
  const std::string fonts = "Noto Sans CJK SC, WenQuanYi Micro Hei, DejaVu Sans, sans-serif";
  const ParsedDot parsed = Parse(Write(SmallView()));
  EXPECT_EQ(parsed.graph_attributes.at("fontname"), fonts);
  for (const ParsedObject* node : parsed.EntityNodes()) {
    EXPECT_EQ(node->Get("fontname"), fonts) << node->name;
  }
  for (const ParsedEdge* edge : parsed.RelationEdges()) {
    EXPECT_EQ(edge->Get("fontname"), fonts) << edge->name;
  }
  Result<VizStyle> dejavu = VizStyle::Parse(
      R"({"format": "partnergraph-style", "version": 1, "font": "DejaVu Sans"})", "dejavu.json");
  ASSERT_TRUE(dejavu.has_value()) << dejavu.error().message();
  Result<std::string> dot = WriteDot(SmallView(), *dejavu);
  ASSERT_TRUE(dot.has_value());
  EXPECT_EQ(Parse(*dot).graph_attributes.at("fontname"),
            "DejaVu Sans, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif");
  // The SVG names the whole list, so a viewer without the first font uses the next.
  if (!viz_test::HasDotProgram()) GTEST_SKIP() << "the dot program is not installed";
  Result<viz_test::DotRun> run = viz_test::RunDotProgram(Write(SmallView()));
  ASSERT_TRUE(run.has_value()) << run.error().message();
  EXPECT_THAT(run->svg, HasSubstr("font-family=\"" + fonts + "\""));
}

TEST_F(DotWriterTest, TitleHeadsTheGraphLabel) {
  const ParsedDot parsed = Parse(Write(SmallView(), DotOptions{.legend = false}));
  EXPECT_EQ(Texts(parsed.graph_attributes.at("label")),
            std::vector<std::string>{"China \xE2\x80\x93 ILO"});
  EXPECT_EQ(parsed.graph_attributes.at("labelloc"), "t");
  EXPECT_EQ(Texts(Parse(Write(SmallView())).graph_attributes.at("label")).front(),
            "China \xE2\x80\x93 ILO");
}

TEST_F(DotWriterTest, TooltipsCarryNamesKindAliasesAndSources) {
  const ParsedDot parsed = Parse(Write(SmallView()));
  const std::optional<std::string> node_tip =
      viz_test::UnescapeTooltip(parsed.nodes.at("ilo").Get("tooltip"));
  ASSERT_TRUE(node_tip.has_value());
  EXPECT_EQ(*node_tip,
            "International Labour Organization\n国际劳工组织\nkind: un_entity\nid: ilo\n"
            "aliases: ILO, 劳工组织");
  const std::optional<std::string> edge_tip =
      viz_test::UnescapeTooltip(parsed.EdgeWithKey("r-mou")->Get("tooltip"));
  ASSERT_TRUE(edge_tip.has_value());
  EXPECT_EQ(*edge_tip,
            "mou: Ministry of Human Resources and Social Security \xE2\x86\x92 International "
            "Labour Organization\nSouth-South Cooperation\n2019\xE2\x80\x93\n"
            "source: 001_4d15d9a4381d9caa.txt\n\xE2\x80\x9Csigned by the MOHRSS\xE2\x80\x9D\n"
            "id: r-mou");
}

TEST_F(DotWriterTest, LanguageChoosesTheNamesWithFallbacks) {
  GraphView view;
  view.entities = {MakeEntity("both", "igo", "English name", "中文名"),
                   MakeEntity("en-only", "igo", "Only English"),
                   MakeEntity("zh-only", "igo", "", "只有中文"), MakeEntity("no-name", "igo", "")};
  struct Expected {
    LabelLanguage lang;
    std::vector<std::string> labels;  // in the order of view.entities
  };
  const Expected cases[] = {
      {LabelLanguage::kEnglish, {"English name", "Only English", "只有中文", "no-name"}},
      {LabelLanguage::kChinese, {"中文名", "Only English", "只有中文", "no-name"}},
      {LabelLanguage::kBoth, {"English name\n中文名", "Only English", "只有中文", "no-name"}},
  };
  for (const Expected& c : cases) {
    const ParsedDot parsed = Parse(Write(view, DotOptions{.lang = c.lang}));
    for (size_t i = 0; i < view.entities.size(); ++i) {
      EXPECT_EQ(Label(parsed.nodes.at(view.entities[i].id)), c.labels[i])
          << "lang " << static_cast<int>(c.lang) << ", " << view.entities[i].id;
    }
  }
}

TEST_F(DotWriterTest, LongNamesWrapAtSpaces) {
  const ParsedDot parsed = Parse(Write(SmallView(), DotOptions{.wrap_columns = 24}));
  EXPECT_EQ(Label(parsed.nodes.at("cn-mohrss")),
            "Ministry of Human\nResources and Social\nSecurity");
  EXPECT_EQ(Label(parsed.nodes.at("cambodia")), "Cambodia");
}

TEST_F(DotWriterTest, CenterBecomesTheRootOfRadialLayouts) {
  GraphView view = SmallView();
  view.center = "cn-mohrss";
  EXPECT_EQ(Parse(Write(view)).graph_attributes.at("root"), "cn-mohrss");
  view.center = "not-in-the-view";
  EXPECT_EQ(Parse(Write(view)).graph_attributes.count("root"), 0u);
}

TEST_F(DotWriterTest, FundingLayoutFlowsLeftToRightWithWidthsByAmount) {
  GraphView view = SmallView();
  view.funding_layout = true;
  const ParsedDot parsed = Parse(Write(view));
  EXPECT_EQ(parsed.graph_attributes.at("rankdir"), "LR");

  const ParsedEdge* big = parsed.EdgeWithKey("r-funds-big");
  const ParsedEdge* small = parsed.EdgeWithKey("r-funds-small");
  ASSERT_NE(big, nullptr);
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(Label(*big),
            "USD 1,000,000\n2018\xE2\x80\x93"
            "2020");
  EXPECT_EQ(Label(*small), "USD 10,000");
  // The largest amount gets the widest line; sqrt: 1/100 of it gets 1/10 of
  // the range above the minimum (1 + 9 * 0.1 = 1.9).
  EXPECT_EQ(std::stod(big->Get("penwidth")), style_.max_penwidth());
  EXPECT_DOUBLE_EQ(std::stod(small->Get("penwidth")),
                   style_.min_penwidth() + (style_.max_penwidth() - style_.min_penwidth()) * 0.1);
  // A relation without an amount keeps its type's look and has no label.
  EXPECT_EQ(parsed.EdgeWithKey("r-implements")->Get("label"), "");
  EXPECT_EQ(parsed.EdgeWithKey("r-implements")->Get("penwidth"),
            parsed.EdgeWithKey("r-benefits")->Get("penwidth"));
}

TEST_F(DotWriterTest, HighlightEmphasisesThePathAndDimsTheRest) {
  GraphView view = SmallView();
  view.highlighted = {"cn-mohrss", "r-mou", "ilo", "not-in-view"};
  const ParsedDot parsed = Parse(Write(view));
  const DotAttributes& node_emphasis = style_.highlight_node();
  const DotAttributes& edge_emphasis = style_.highlight_edge();
  for (const char* id : {"cn-mohrss", "ilo"}) {
    EXPECT_EQ(parsed.nodes.at(id).Get("color"), node_emphasis.at("color")) << id;
    EXPECT_EQ(parsed.nodes.at(id).Get("penwidth"), node_emphasis.at("penwidth")) << id;
    // The kind's fill stays, so the legend still applies.
    EXPECT_EQ(parsed.nodes.at(id).Get("fillcolor"),
              style_.Kind(id == std::string("ilo") ? "un_entity" : "ministry")
                  .attributes.at("fillcolor"));
  }
  EXPECT_EQ(parsed.nodes.at("cambodia").Get("color"), style_.dimmed_node().at("color"));
  EXPECT_EQ(parsed.nodes.at("cambodia").Get("fontcolor"), style_.dimmed_node().at("fontcolor"));

  const ParsedEdge* path_edge = parsed.EdgeWithKey("r-mou");
  EXPECT_EQ(path_edge->Get("color"), edge_emphasis.at("color"));
  EXPECT_EQ(path_edge->Get("penwidth"), edge_emphasis.at("penwidth"));
  EXPECT_EQ(Label(*path_edge), "South-South Cooperation") << "path edges say their title";
  EXPECT_EQ(parsed.EdgeWithKey("r-part")->Get("color"), style_.dimmed_edge().at("color"));
  EXPECT_EQ(parsed.EdgeWithKey("r-part")->Get("label"), "");
}

TEST_F(DotWriterTest, NothingIsDimmedWhenNoHighlightedIdIsInTheView) {
  GraphView view = SmallView();
  view.highlighted = {"elsewhere"};
  const ParsedDot parsed = Parse(Write(view));
  EXPECT_EQ(parsed.nodes.at("cambodia").Get("color"),
            style_.Kind("country").attributes.at("color"));
}

TEST_F(DotWriterTest, ClustersByKindGroupEveryNode) {
  const ParsedDot parsed =
      Parse(Write(SmallView(), DotOptions{.clusters = Clustering::kByKind, .legend = false}));
  std::map<std::string, std::vector<std::string>> members;
  for (const auto& cluster : parsed.clusters) {
    std::vector<std::string> nodes = cluster.nodes;
    std::sort(nodes.begin(), nodes.end());
    members[cluster.name] = nodes;
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"cluster_kind_country", {"cambodia", "china"}},
      {"cluster_kind_ministry", {"cn-mohrss"}},
      {"cluster_kind_office", {"office-ilo-beijing"}},
      {"cluster_kind_project", {"proj-skills"}},
      {"cluster_kind_un_entity", {"ilo"}},
  };
  EXPECT_EQ(members, expected);
  for (const auto& cluster : parsed.clusters) {
    if (cluster.name == "cluster_kind_un_entity") {
      EXPECT_EQ(viz_test::UnescapeHtmlLabel(cluster.label), "UN entity");
    }
  }
}

TEST_F(DotWriterTest, ClustersByCountryUseTheAttributeOrTheCountryItself) {
  const ParsedDot parsed = Parse(Write(SmallView(), DotOptions{.lang = LabelLanguage::kChinese,
                                                               .clusters = Clustering::kByCountry,
                                                               .legend = false}));
  std::map<std::string, std::vector<std::string>> members;
  std::map<std::string, std::string> labels;
  for (const auto& cluster : parsed.clusters) {
    std::vector<std::string> nodes = cluster.nodes;
    std::sort(nodes.begin(), nodes.end());
    members[cluster.name] = nodes;
    labels[cluster.name] = viz_test::UnescapeHtmlLabel(cluster.label).value_or("?");
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"cluster_country_cambodia", {"cambodia"}},
      {"cluster_country_china", {"china", "cn-mohrss", "office-ilo-beijing"}},
  };
  EXPECT_EQ(members, expected);  // ilo and the project belong to no country
  EXPECT_EQ(labels["cluster_country_china"], "中国");
}

TEST_F(DotWriterTest, LegendIsOneTableInTheGraphLabel) {
  const std::string dot = Write(SmallView());
  const ParsedDot parsed = Parse(dot);
  // No legend nodes, edges or cluster: nothing an engine could scatter.
  EXPECT_EQ(parsed.nodes.size(), SmallView().entities.size());
  EXPECT_EQ(parsed.edges.size(), SmallView().relations.size());
  EXPECT_TRUE(parsed.clusters.empty());
  // Title, heading, then each kind (sample, name) and each type (sample
  // glyphs in its style, name), sorted by id.
  const std::vector<std::string> expected = {
      "China \xE2\x80\x93 ILO",
      "Legend",
      "Country",
      "Ministry or agency",
      "Office",
      "Project",
      "UN entity",
      "\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x9D\xAF",
      "Benefits",  // ╌╌╌❯ dashed, vee
      "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x96\xB6",
      "Funds",  // ━━━▶ heavy
      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x9D\xAF",
      "Implements",  // ───❯ vee
      "\xE2\x97\x8F\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81\xE2\x97\x8F",
      "MoU",  // ●━━━●
      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x96\xB7",
      "Part of",  // ───▷ onormal
  };
  std::vector<std::string> texts = Texts(parsed.graph_attributes.at("label"));
  ASSERT_EQ(texts.size(), expected.size()) << parsed.graph_attributes.at("label");
  EXPECT_EQ(texts, expected);
  EXPECT_EQ(viz::EdgeSampleGlyphs(style_.Type("co_chairs").attributes),
            "\xE2\x97\x87\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x97\x87");  // ◇╌╌╌◇
  EXPECT_EQ(viz::EdgeSampleGlyphs(style_.Type("founding_member_of").attributes),
            "\xE2\x95\x8C\xE2\x95\x8C\xE2\x95\x8C\xE2\x96\xB7");  // ╌╌╌▷ (1.8: light)
  EXPECT_EQ(viz::EdgeSampleGlyphs({{"style", "bold,dashed"}, {"dir", "back"}}),
            "\xE2\x97\x80\xE2\x95\x8D\xE2\x95\x8D\xE2\x95\x8D");  // ◀╍╍╍
  // Each sample in its style's colours.
  const std::string label = parsed.graph_attributes.at("label");
  EXPECT_THAT(label, HasSubstr("COLOR=\"" + style_.Type("funds").attributes.at("color") + "\""));
  EXPECT_THAT(label,
              HasSubstr("BGCOLOR=\"" + style_.Kind("project").attributes.at("fillcolor") + "\""));
  // In Chinese, names and heading follow the language.
  const std::vector<std::string> zh =
      Texts(Parse(Write(SmallView(), DotOptions{.lang = LabelLanguage::kChinese}))
                .graph_attributes.at("label"));
  EXPECT_EQ(zh[1], "图例");
  EXPECT_EQ(zh[2], "国家");
}

TEST_F(DotWriterTest, LegendStaysOnePieceInEveryEngine) {
  const std::string dot = Write(SmallView());
  for (const char* engine : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
    DotOptions options;
    options.layout_engine = engine;
    Result<std::string> svg = RenderDot(Write(SmallView(), options), ImageFormat::kSvg, engine);
    ASSERT_TRUE(svg.has_value()) << engine << ": " << svg.error().message();
    // The graph's label comes before the first node in Graphviz's SVG, in
    // the graph's own group: every legend entry in it, none among the nodes.
    const size_t first_node = svg->find("class=\"node\"");
    ASSERT_NE(first_node, std::string::npos) << engine;
    for (const char* name : {">Legend<", ">Country<", ">UN entity<", ">MoU<", ">Part of<"}) {
      const size_t at = svg->find(name);
      EXPECT_LT(at, first_node) << engine << ": " << name;
      EXPECT_EQ(svg->find(name, at + 1), std::string::npos) << engine << ": " << name;
    }
  }
}

TEST_F(DotWriterTest, LegendCanBeLeftOut) {
  const ParsedDot parsed = Parse(Write(SmallView(), DotOptions{.legend = false}));
  EXPECT_TRUE(parsed.clusters.empty());
  EXPECT_EQ(parsed.nodes.size(), SmallView().entities.size());
  EXPECT_EQ(parsed.edges.size(), SmallView().relations.size());
  EXPECT_THAT(parsed.graph_attributes.at("label"), Not(HasSubstr("Legend")));
  GraphView untitled = SmallView();
  untitled.title.clear();
  EXPECT_EQ(Parse(Write(untitled, DotOptions{.legend = false})).graph_attributes.count("label"),
            0U);
}

TEST_F(DotWriterTest, EdgeLabelsSayTheTitleOrThePeriodNotTheType) {
  const ParsedDot parsed =
      Parse(Write(SmallView(), DotOptions{.lang = LabelLanguage::kBoth, .edge_labels = true}));
  EXPECT_EQ(Label(*parsed.EdgeWithKey("r-mou")), "South-South Cooperation");
  EXPECT_EQ(Label(*parsed.EdgeWithKey("r-funds-big")),
            "2018\xE2\x80\x93"
            "2020");
  EXPECT_EQ(parsed.EdgeWithKey("r-part")->Get("label"), "") << "no title, no dates";
  // Long titles: two lines of the wrap width at most, cut with "…".
  GraphView view = SmallView();
  view.relations[0].title =
      "Memorandum of Understanding on South-South and triangular cooperation in the field of "
      "social security";
  const ParsedDot long_title = Parse(Write(view, DotOptions{.edge_labels = true}));
  EXPECT_EQ(Label(*long_title.EdgeWithKey("r-mou")), "Memorandum of\nUnderstanding on\xE2\x80\xA6");
}

TEST_F(DotWriterTest, EnginesOtherThanDotGetExternalLabelsThatNeverOverlap) {
  DotOptions options{.edge_labels = true};
  options.layout_engine = "twopi";
  const ParsedDot parsed = Parse(Write(SmallView(), options));
  EXPECT_EQ(parsed.graph_attributes.at("forcelabels"), "false");
  const ParsedEdge* mou = parsed.EdgeWithKey("r-mou");
  EXPECT_EQ(mou->Get("label"), "");
  EXPECT_EQ(viz_test::UnescapeHtmlLabel(mou->Get("xlabel")), "South-South Cooperation");
  options.layout_engine = "dot";
  const ParsedDot dot = Parse(Write(SmallView(), options));
  EXPECT_EQ(dot.graph_attributes.count("forcelabels"), 0U);
  EXPECT_EQ(Label(*dot.EdgeWithKey("r-mou")), "South-South Cooperation");
  // dot's ranking fails on edge labels in clusters of large views: external there too.
  options.clusters = Clustering::kByKind;
  const ParsedDot clustered = Parse(Write(SmallView(), options));
  EXPECT_EQ(clustered.graph_attributes.at("forcelabels"), "false");
  EXPECT_EQ(clustered.EdgeWithKey("r-mou")->Get("label"), "");
}

// Seven funding relations from the EU to the ILO, as the bundled data has
// them (one per project, one period), an MoU between the two and one flow
// the other way.
GraphView ParallelView() {
  GraphView view;
  view.entities = {MakeEntity("eu", "regional_org", "European Union", "欧洲联盟"),
                   MakeEntity("ilo", "un_entity", "International Labour Organization")};
  for (int i = 1; i <= 7; ++i) {
    Relation funds = MakeRelation("eu-ilo-" + std::to_string(i), "funds", "eu", "ilo");
    funds.title = "Project " + std::to_string(i);
    funds.since = *PartialDate::Parse("2018");
    funds.until = *PartialDate::Parse("2019");
    funds.amount = Amount{100000.0 * i, "USD"};
    if (i == 3) funds.role = "co-funder";
    view.relations.push_back(funds);
  }
  view.relations.push_back(MakeRelation("eu-ilo-mou", "mou", "eu", "ilo"));
  view.relations.push_back(MakeRelation("ilo-eu-funds", "funds", "ilo", "eu"));
  return view;
}

TEST_F(DotWriterTest, ParallelRelationsOfOneTypeAreOneEdgeWithTheirCount) {
  const ParsedDot parsed = Parse(Write(ParallelView()));
  ASSERT_EQ(parsed.RelationEdges().size(), 3U);  // funds ×7, the MoU, the flow back
  const ParsedEdge* funds = parsed.EdgeWithKey("eu-ilo-1");
  ASSERT_NE(funds, nullptr);
  EXPECT_EQ(funds->tail, "eu");
  EXPECT_EQ(funds->head, "ilo");
  EXPECT_EQ(Label(*funds),
            "\xC3\x97"
            "7");  // ×7
  EXPECT_EQ(funds->Get("color"), style_.Type("funds").attributes.at("color"));
  std::string tooltip =
      "funds: European Union \xE2\x86\x92 International Labour Organization (7 relations)";
  for (int i = 1; i <= 7; ++i) {
    tooltip += "\n\nProject " + std::to_string(i) +
               "\n2018\xE2\x80\x93"
               "2019 \xC2\xB7 USD " +
               std::to_string(i) + "00,000" + (i == 3 ? " \xC2\xB7 role: co-funder" : "") +
               "\nid: eu-ilo-" + std::to_string(i);
  }
  EXPECT_EQ(viz_test::UnescapeTooltip(funds->Get("tooltip")), tooltip);
  // Alone of their type and direction, the others stay as they were.
  EXPECT_EQ(parsed.EdgeWithKey("eu-ilo-mou")->Get("label"), "");
  EXPECT_EQ(parsed.EdgeWithKey("ilo-eu-funds")->Get("label"), "");
  EXPECT_THAT(*viz_test::UnescapeTooltip(parsed.EdgeWithKey("ilo-eu-funds")->Get("tooltip")),
              ::testing::StartsWith("funds: International Labour Organization \xE2\x86\x92 "
                                    "European Union\nid: ilo-eu-funds"));

  // In a funding picture the count comes with the total, and the width is the total's.
  GraphView funding = ParallelView();
  funding.funding_layout = true;
  const ParsedDot flows = Parse(Write(funding));
  EXPECT_EQ(Label(*flows.EdgeWithKey("eu-ilo-1")),
            "\xC3\x97"
            "7 USD 2,800,000");
  EXPECT_EQ(std::stod(flows.EdgeWithKey("eu-ilo-1")->Get("penwidth")), style_.max_penwidth());

  // A path through some of them keeps those apart from the rest.
  GraphView path = ParallelView();
  path.highlighted = {"eu", "ilo", "eu-ilo-2"};
  const ParsedDot highlighted = Parse(Write(path));
  EXPECT_EQ(highlighted.RelationEdges().size(), 4U);
  EXPECT_EQ(Label(*highlighted.EdgeWithKey("eu-ilo-2")), "Project 2");
  EXPECT_EQ(Label(*highlighted.EdgeWithKey("eu-ilo-1")),
            "\xC3\x97"
            "6");
}

TEST_F(DotWriterTest, SizeByDegreeOrdersNodesAsTheirDegrees) {
  // Degrees in SmallView: proj-skills 4, ilo 4, then cambodia, china,
  // cn-mohrss and office-ilo-beijing 1 each.
  GraphView view = SmallView();
  view.relations.push_back(MakeRelation("r-extra", "partners_with", "ilo", "china"));
  // Now ilo 5, proj-skills 4, china 2, the rest 1.
  const std::map<std::string, int> degree = {{"ilo", 5},       {"proj-skills", 4},
                                             {"china", 2},     {"cambodia", 1},
                                             {"cn-mohrss", 1}, {"office-ilo-beijing", 1}};
  const ParsedDot parsed = Parse(Write(view, DotOptions{.size_by = SizeBy::kDegree}));
  const double base = std::stod(style_.node_attributes().at("fontsize"));
  for (const auto& [a, degree_a] : degree) {
    const double size_a = std::stod(parsed.nodes.at(a).Get("fontsize"));
    EXPECT_GE(size_a, base) << a;
    EXPECT_LE(size_a, base * kMaxSizeScale + 0.01) << a;
    for (const auto& [b, degree_b] : degree) {
      const double size_b = std::stod(parsed.nodes.at(b).Get("fontsize"));
      if (degree_a > degree_b) {
        EXPECT_GT(size_a, size_b) << a << " " << b;
      }
      if (degree_a == degree_b) {
        EXPECT_EQ(size_a, size_b) << a << " " << b;
      }
    }
  }
  // The highest gets the bound: 10 * 2.2 = 22; a degree of 1 of 5: sqrt(1/5)
  // of the 12 points above 10: 15.37 (to two decimals).
  EXPECT_EQ(parsed.nodes.at("ilo").Get("fontsize"), "22");
  EXPECT_EQ(parsed.nodes.at("cambodia").Get("fontsize"), "15.37");
  EXPECT_EQ(Parse(Write(view)).nodes.at("ilo").Get("fontsize"), "10") << "the default: no sizes";
}

TEST_F(DotWriterTest, SizeByBetweennessUsesTheGivenScores) {
  DotOptions options{.size_by = SizeBy::kBetweenness};
  options.betweenness = {{"proj-skills", 8}, {"ilo", 2}, {"china", 0}};
  const ParsedDot parsed = Parse(Write(SmallView(), options));
  EXPECT_EQ(parsed.nodes.at("proj-skills").Get("fontsize"), "22");
  EXPECT_EQ(parsed.nodes.at("ilo").Get("fontsize"), "16");  // sqrt(2/8) = 0.5: 10 + 6
  EXPECT_EQ(parsed.nodes.at("china").Get("fontsize"), "10");
  EXPECT_EQ(parsed.nodes.at("cambodia").Get("fontsize"), "10") << "missing: 0";
}

TEST_F(DotWriterTest, InconsistentViewsAreInvalidArgument) {
  GraphView dangling = SmallView();
  dangling.relations.push_back(MakeRelation("r-17", "mou", "ilo", "cn-mohrs"));
  Result<std::string> dot = WriteDot(dangling, style_);
  EXPECT_EQ(dot.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dot.error().message(), "relation r-17: entity \"cn-mohrs\" is not in the view");

  GraphView twice = SmallView();
  twice.entities.push_back(twice.entities.front());
  EXPECT_EQ(WriteDot(twice, style_).error().message(), "entity \"ilo\" appears twice in the view");

  GraphView twice_relation = SmallView();
  twice_relation.relations.push_back(twice_relation.relations.front());
  EXPECT_EQ(WriteDot(twice_relation, style_).error().message(),
            "relation \"r-mou\" appears twice in the view");
}

TEST_F(DotWriterTest, EmptyViewIsAnEmptyGraph) {
  const ParsedDot parsed = Parse(Write(GraphView{}));
  EXPECT_TRUE(parsed.nodes.empty());
  EXPECT_TRUE(parsed.edges.empty());
}

TEST(SuggestedLayoutEngineTest, LargeNetworksGetSfdpAndFlowsDot) {
  GraphView view = viz_test::SyntheticView(static_cast<int>(kMaxEntitiesForDot), 10);
  EXPECT_EQ(SuggestedLayoutEngine(view), "dot");
  view.entities.push_back(MakeEntity("one-more", "igo", "One more"));
  EXPECT_EQ(SuggestedLayoutEngine(view), "sfdp");
  view.funding_layout = true;
  EXPECT_EQ(SuggestedLayoutEngine(view), "dot");
}

TEST(DotOptionNamesTest, ParseWhatTheCommandLineTakes) {
  EXPECT_EQ(*LabelLanguageFromName("en"), LabelLanguage::kEnglish);
  EXPECT_EQ(*LabelLanguageFromName("zh"), LabelLanguage::kChinese);
  EXPECT_EQ(*LabelLanguageFromName("both"), LabelLanguage::kBoth);
  EXPECT_EQ(LabelLanguageFromName("fr").error().message(),
            "unknown label language \"fr\" (expected en, zh or both)");
  EXPECT_EQ(*ClusteringFromName("none"), Clustering::kNone);
  EXPECT_EQ(*ClusteringFromName("kind"), Clustering::kByKind);
  EXPECT_EQ(*ClusteringFromName("country"), Clustering::kByCountry);
  EXPECT_EQ(ClusteringFromName("region").error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*SizeByFromName("none"), SizeBy::kNone);
  EXPECT_EQ(*SizeByFromName("degree"), SizeBy::kDegree);
  EXPECT_EQ(*SizeByFromName("betweenness"), SizeBy::kBetweenness);
  EXPECT_EQ(SizeByFromName("pagerank").error().message(),
            "unknown node size \"pagerank\" (expected none, degree or betweenness)");
}

TEST(LayoutDrawsClustersTest, DotAndFdpDoTheRadialAndSpringEnginesDoNot) {
  for (const char* engine : {"", "dot", "fdp", "osage", "patchwork"}) {
    EXPECT_TRUE(LayoutDrawsClusters(engine)) << engine;
  }
  for (const char* engine : {"neato", "sfdp", "circo", "twopi"}) {
    EXPECT_FALSE(LayoutDrawsClusters(engine)) << engine;
  }
  EXPECT_TRUE(LayoutDrawsClusters(kClusterLayoutEngine));
}

// Every kind of view, in every language, parses in cgraph and in the `dot`
// program, which also lays it out (and so parses the HTML labels) and must
// report nothing at all.
struct ViewCase {
  const char* name;
  bool funding;
  bool highlight;
  DotOptions options;
};

void PrintTo(const ViewCase& c, std::ostream* out) { *out << c.name; }

class EveryViewTest : public DotWriterTest, public ::testing::WithParamInterface<ViewCase> {};

TEST_P(EveryViewTest, ParsesInCgraphAndTheDotProgram) {
  const ViewCase& c = GetParam();
  Result<GraphView> hostile =
      viz_test::LoadViewFixture(viz_test::FixturePath("hostile_names.json"));
  ASSERT_TRUE(hostile.has_value()) << hostile.error().message();
  for (GraphView view : {SmallView(), *hostile}) {
    view.funding_layout = c.funding;
    if (c.highlight) view.highlighted = {view.entities[0].id, view.relations[0].id};
    const std::string dot = Write(view, c.options);
    const ParsedDot parsed = Parse(dot);
    EXPECT_EQ(parsed.EntityNodes().size(), view.entities.size()) << c.name;
    std::set<std::string> edges;  // one per type between two entities (highlighted apart)
    for (const Relation& relation : view.relations) {
      edges.insert(relation.from + '\0' + relation.to + '\0' + relation.type +
                   (c.highlight && relation.id == view.relations[0].id ? "h" : ""));
    }
    EXPECT_EQ(parsed.RelationEdges().size(), edges.size()) << c.name;

    if (!viz_test::HasDotProgram()) GTEST_SKIP() << "the dot program is not installed";
    Result<viz_test::DotRun> run = viz_test::RunDotProgram(dot);
    ASSERT_TRUE(run.has_value()) << run.error().message();
    EXPECT_EQ(run->exit_code, 0) << c.name << ": " << run->errors;
    EXPECT_EQ(run->errors, "") << c.name;
    EXPECT_THAT(run->svg, HasSubstr("<svg"));
    // dot's canonical output is DOT again, with the same nodes and edges.
    const ParsedDot canon = Parse(run->canon);
    EXPECT_EQ(canon.nodes.size(), parsed.nodes.size()) << c.name;
    EXPECT_EQ(canon.edges.size(), parsed.edges.size()) << c.name;
    for (const auto& [name, node] : parsed.nodes) {
      ASSERT_EQ(canon.nodes.count(name), 1U) << c.name << ": " << name;
      EXPECT_EQ(Label(canon.nodes.at(name)), Label(node)) << c.name << ": " << name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Views, EveryViewTest,
    ::testing::Values(
        ViewCase{"plain", false, false, DotOptions{}},
        ViewCase{"plain_zh", false, false, DotOptions{.lang = LabelLanguage::kChinese}},
        ViewCase{"plain_both", false, false, DotOptions{.lang = LabelLanguage::kBoth}},
        ViewCase{"no_legend", false, false, DotOptions{.legend = false}},
        ViewCase{"edge_labels", false, false, DotOptions{.edge_labels = true}},
        ViewCase{"funding", true, false, DotOptions{}},
        ViewCase{"funding_both", true, false, DotOptions{.lang = LabelLanguage::kBoth}},
        ViewCase{"highlighted", false, true, DotOptions{}},
        ViewCase{"highlighted_funding", true, true, DotOptions{.lang = LabelLanguage::kChinese}},
        ViewCase{"clusters_by_kind", false, false, DotOptions{.clusters = Clustering::kByKind}},
        ViewCase{"clusters_by_country", false, false,
                 DotOptions{.lang = LabelLanguage::kBoth, .clusters = Clustering::kByCountry}},
        ViewCase{"clusters_highlighted", false, true,
                 DotOptions{.clusters = Clustering::kByCountry}}),
    [](const ::testing::TestParamInfo<ViewCase>& info) { return std::string(info.param.name); });

// The hostile fixture: names, titles and quotes full of DOT and HTML syntax,
// backslash escapes, newlines and Chinese.
class HostileNamesTest : public DotWriterTest {
 protected:
  void SetUp() override {
    DotWriterTest::SetUp();
    Result<GraphView> view = viz_test::LoadViewFixture(viz_test::FixturePath("hostile_names.json"));
    ASSERT_TRUE(view.has_value()) << view.error().message();
    view_ = *view;
  }
  GraphView view_;
};

TEST_F(HostileNamesTest, LabelsRoundTripExactlyInEveryLanguage) {
  for (LabelLanguage lang :
       {LabelLanguage::kEnglish, LabelLanguage::kChinese, LabelLanguage::kBoth}) {
    const ParsedDot parsed = Parse(Write(view_, DotOptions{.lang = lang, .wrap_columns = 0}));
    ASSERT_EQ(parsed.EntityNodes().size(), view_.entities.size());
    for (const Entity& entity : view_.entities) {
      ASSERT_EQ(parsed.nodes.count(entity.id), 1U) << entity.id;
      const std::string& en = entity.name.en;
      const std::string& zh = entity.name.zh;
      std::string expected =
          (lang == LabelLanguage::kChinese && !zh.empty()) || en.empty() ? zh : en;
      if (lang == LabelLanguage::kBoth && !en.empty()) expected.append("\n").append(zh);
      EXPECT_EQ(Label(parsed.nodes.at(entity.id)), expected) << entity.id;
    }
  }
}

TEST_F(HostileNamesTest, NamesInjectNoNodesEdgesOrAttributes) {
  view_.funding_layout = true;
  view_.highlighted = {"quote-inject", "r-01-mou"};
  const ParsedDot parsed = Parse(Write(view_, DotOptions{.edge_labels = true}));
  std::set<std::string> entity_ids;
  for (const Entity& entity : view_.entities) entity_ids.insert(entity.id);
  std::set<std::string> node_names;
  for (const ParsedObject* node : parsed.EntityNodes()) node_names.insert(node->name);
  EXPECT_EQ(node_names, entity_ids);

  std::set<std::string> relation_ids;
  for (const Relation& relation : view_.relations) relation_ids.insert(relation.id);
  std::set<std::string> edge_keys;
  for (const ParsedEdge* edge : parsed.RelationEdges()) edge_keys.insert(edge->name);
  EXPECT_EQ(edge_keys, relation_ids);
  EXPECT_EQ(parsed.RelationEdges().size(), view_.relations.size());

  // Only attributes the writer and the style set exist, and each node keeps
  // its kind's shape and fill: "[shape=box, color=red]" in a name did nothing.
  const std::set<std::string> allowed = {
      "arrowhead",   "arrowsize", "arrowtail", "bgcolor",  "color",    "constraint",
      "dir",         "fillcolor", "fontcolor", "fontname", "fontsize", "height",
      "key",         "label",     "labelloc",  "margin",   "nodesep",  "nslimit",
      "outputorder", "overlap",   "pad",       "penwidth", "rankdir",  "ranksep",
      "root",        "shape",     "style",     "tooltip",  "weight",   "width"};
  for (const std::string& name : parsed.declared_attributes) {
    EXPECT_EQ(allowed.count(name), 1U) << "unexpected attribute " << name;
  }
  for (const Entity& entity : view_.entities) {
    const ParsedObject& node = parsed.nodes.at(entity.id);
    EXPECT_EQ(node.Get("shape"), style_.Kind(entity.kind).attributes.at("shape")) << entity.id;
    const std::string expected_color = entity.id == "quote-inject"
                                           ? style_.highlight_node().at("color")
                                           : style_.dimmed_node().at("color");
    EXPECT_EQ(node.Get("color"), expected_color) << entity.id;
  }
}

TEST_F(HostileNamesTest, TooltipsRoundTripNamesAliasesTitlesAndQuotes) {
  const ParsedDot parsed = Parse(Write(view_));
  for (const Entity& entity : view_.entities) {
    const std::optional<std::string> tip =
        viz_test::UnescapeTooltip(parsed.nodes.at(entity.id).Get("tooltip"));
    ASSERT_TRUE(tip.has_value()) << entity.id << ": " << parsed.nodes.at(entity.id).Get("tooltip");
    if (!entity.name.en.empty()) {
      EXPECT_THAT(*tip, HasSubstr(entity.name.en)) << entity.id;
    }
    if (!entity.name.zh.empty()) {
      EXPECT_THAT(*tip, HasSubstr(entity.name.zh)) << entity.id;
    }
    for (const std::string& alias : entity.aliases) {
      EXPECT_THAT(*tip, HasSubstr(alias)) << entity.id;
    }
  }
  for (const Relation& relation : view_.relations) {
    // A relation drawn with others of its type (r-11-parallel) is in their
    // edge's tooltip, after its id.
    const ParsedEdge* edge = parsed.EdgeWithKey(relation.id);
    for (const ParsedEdge* merged : parsed.RelationEdges()) {
      const std::optional<std::string> text = viz_test::UnescapeTooltip(merged->Get("tooltip"));
      if (edge == nullptr && text &&
          (*text + "\n").find("\nid: " + relation.id + "\n") != std::string::npos) {
        edge = merged;
      }
    }
    ASSERT_NE(edge, nullptr) << relation.id;
    const std::optional<std::string> tip = viz_test::UnescapeTooltip(edge->Get("tooltip"));
    ASSERT_TRUE(tip.has_value()) << relation.id;
    EXPECT_THAT(*tip, HasSubstr(relation.type + ": "));
    EXPECT_THAT(*tip, HasSubstr(relation.title));
    EXPECT_THAT(*tip, HasSubstr("source: " + relation.source->doc));
    EXPECT_THAT(*tip, HasSubstr(relation.source->quote)) << relation.id;
  }
}

// What a reader sees: every line of every name is a text element of the SVG,
// exactly as written (no \N turned into a node name, no markup applied), and
// every node's SVG title is its id.
TEST_F(HostileNamesTest, SvgShowsNamesAsWritten) {
  const std::string dot = Write(view_, DotOptions{.lang = LabelLanguage::kBoth, .wrap_columns = 0});
  Result<std::string> svg = RenderDot(dot, ImageFormat::kSvg);
  ASSERT_TRUE(svg.has_value()) << svg.error().message();
  const std::vector<std::string> texts = viz_test::SvgTexts(*svg);
  const std::multiset<std::string> shown(texts.begin(), texts.end());
  for (const Entity& entity : view_.entities) {
    for (const std::string& name : {entity.name.en, entity.name.zh}) {
      size_t start = 0;
      while (start <= name.size() && !name.empty()) {
        size_t end = name.find('\n', start);
        if (end == std::string::npos) end = name.size();
        const std::string line = name.substr(start, end - start);
        if (!line.empty()) {
          EXPECT_GE(shown.count(line), 1U) << entity.id << ": [" << line << "]";
        }
        start = end + 1;
      }
    }
  }
  const std::vector<std::string> titles = viz_test::SvgTitles(*svg);
  for (const Entity& entity : view_.entities) {
    EXPECT_NE(std::find(titles.begin(), titles.end(), entity.id), titles.end()) << entity.id;
  }
  EXPECT_THAT(*svg, Not(HasSubstr("pwned\"")));
}

// Ids are slugs in the store, but the writer must not trust that: ids with
// quotes, backslashes, percent signs, newlines and bad UTF-8 still give one
// node each, named so that ^XX decoding recovers the id.
TEST_F(DotWriterTest, HostileIdsGiveOneNodeEachAndDecodeBack) {
  GraphView view;
  const std::vector<std::string> ids = {"a\"b",        "a\\b",       "a^5Cb",  "trailing\\",
                                        "line\nbreak", "50%",        "%local", "^legend-kind-igo",
                                        "\xFF\xFE",    "x\" -> \"y", "中国"};
  for (const std::string& id : ids) view.entities.push_back(MakeEntity(id, "igo", "name"));
  view.relations.push_back(MakeRelation("r\"1\\", "mou", ids[0], ids[1]));
  // Parallel, of another type (one type would be one edge).
  view.relations.push_back(MakeRelation("r\"1\\\\", "funds", ids[0], ids[1]));
  const ParsedDot parsed = Parse(Write(view));
  std::set<std::string> decoded;
  for (const ParsedObject* node : parsed.EntityNodes()) {
    decoded.insert(viz_test::DecodeDotId(node->name));
  }
  EXPECT_EQ(decoded, std::set<std::string>(ids.begin(), ids.end()));
  ASSERT_EQ(parsed.RelationEdges().size(), 2U);
  std::set<std::string> keys;
  for (const ParsedEdge* edge : parsed.RelationEdges()) {
    keys.insert(viz_test::DecodeDotId(edge->name));
  }
  EXPECT_EQ(keys, (std::set<std::string>{"r\"1\\", "r\"1\\\\"}));
}

}  // namespace
}  // namespace partnergraph
