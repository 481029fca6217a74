// The DOT writer, checked by reading its output back with Graphviz itself:
// cgraph (agmemread) in-process and the `dot` program, plus SVG rendering for
// what a reader actually sees.
#include "partnergraph/dot_writer.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/renderer.h"

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

TEST_F(DotWriterTest, FontIsNamedOnGraphNodesAndEdges) {
  const ParsedDot parsed = Parse(Write(SmallView()));
  EXPECT_EQ(parsed.graph_attributes.at("fontname"), "Noto Sans CJK SC");
  for (const ParsedObject* node : parsed.EntityNodes()) {
    EXPECT_EQ(node->Get("fontname"), "Noto Sans CJK SC") << node->name;
  }
  for (const ParsedEdge* edge : parsed.RelationEdges()) {
    EXPECT_EQ(edge->Get("fontname"), "Noto Sans CJK SC") << edge->name;
  }
}

TEST_F(DotWriterTest, TitleBecomesTheGraphLabel) {
  const ParsedDot parsed = Parse(Write(SmallView()));
  EXPECT_EQ(viz_test::UnescapeHtmlLabel(parsed.graph_attributes.at("label")),
            "China \xE2\x80\x93 ILO");
  EXPECT_EQ(parsed.graph_attributes.at("labelloc"), "t");
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
  EXPECT_EQ(Label(*path_edge), "MoU") << "path edges name their type";
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

TEST_F(DotWriterTest, LegendShowsTheKindsAndTypesInTheView) {
  const ParsedDot parsed = Parse(Write(SmallView()));
  const auto legend = std::find_if(parsed.clusters.begin(), parsed.clusters.end(),
                                   [](const auto& c) { return c.name == "cluster_legend"; });
  ASSERT_NE(legend, parsed.clusters.end());
  EXPECT_EQ(viz_test::UnescapeHtmlLabel(legend->label), "Legend");
  std::set<std::string> kinds;
  std::set<std::string> type_names;
  for (const auto& [name, node] : parsed.nodes) {
    if (name.rfind("^legend-kind-", 0) == 0) {
      kinds.insert(name.substr(13));
      EXPECT_EQ(node.Get("shape"), style_.Kind(name.substr(13)).attributes.at("shape"));
    }
    if (name.rfind("^legend-type-", 0) == 0) type_names.insert(Label(node));
  }
  EXPECT_EQ(kinds,
            (std::set<std::string>{"country", "ministry", "office", "project", "un_entity"}));
  EXPECT_EQ(type_names,
            (std::set<std::string>{"Benefits", "Funds", "Implements", "MoU", "Part of"}));
  // Each type's sample edge is drawn in the type's style.
  for (const ParsedEdge& edge : parsed.edges) {
    if (edge.head == "^legend-type-funds") {
      EXPECT_EQ(edge.Get("color"), style_.Type("funds").attributes.at("color"));
    }
  }
}

TEST_F(DotWriterTest, LegendCanBeLeftOut) {
  const ParsedDot parsed = Parse(Write(SmallView(), DotOptions{.legend = false}));
  EXPECT_TRUE(parsed.clusters.empty());
  EXPECT_EQ(parsed.nodes.size(), SmallView().entities.size());
  EXPECT_EQ(parsed.edges.size(), SmallView().relations.size());
}

TEST_F(DotWriterTest, EdgeLabelsOptionNamesEveryType) {
  const ParsedDot parsed =
      Parse(Write(SmallView(), DotOptions{.lang = LabelLanguage::kBoth, .edge_labels = true}));
  EXPECT_EQ(Label(*parsed.EdgeWithKey("r-mou")), "MoU\n谅解备忘录");
  EXPECT_EQ(Label(*parsed.EdgeWithKey("r-part")), "Part of\n隶属于");
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
    EXPECT_EQ(parsed.RelationEdges().size(), view.relations.size()) << c.name;

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
    const std::optional<std::string> tip =
        viz_test::UnescapeTooltip(parsed.EdgeWithKey(relation.id)->Get("tooltip"));
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
  view.relations.push_back(MakeRelation("r\"1\\\\", "mou", ids[0], ids[1]));  // parallel
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
