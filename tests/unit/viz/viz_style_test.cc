// Style files: the bundled ones cover the schema and keep the relation
// families apart; bad files fail with messages naming the file and the key.
#include "partnergraph/viz_style.h"

#include <set>
#include <string>
#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/schema.h"

#include "viz_test_support.h"

namespace partnergraph {
namespace {

using ::testing::HasSubstr;

std::string Minimal(const std::string& extra) {
  return R"({"format": "partnergraph-style", "version": 1)" + extra + "}";
}

TEST(VizStyleTest, DefaultStyleNamesACjkFont) {
  Result<VizStyle> style = viz_test::DefaultStyle();
  ASSERT_TRUE(style.has_value()) << style.error().message();
  EXPECT_EQ(style->font(), "Noto Sans CJK SC");
}

TEST(VizStyleTest, BundledStylesCoverEveryKindAndTypeOfTheSchema) {
  Result<Schema> schema = Schema::LoadFile(viz_test::SchemaPath());
  ASSERT_TRUE(schema.has_value()) << schema.error().message();
  for (const char* file : {"default.json", "print.json"}) {
    Result<VizStyle> style = VizStyle::LoadFile(viz_test::VizDir() + "/" + file);
    ASSERT_TRUE(style.has_value()) << style.error().message();
    for (const std::string& kind : schema->KindNames()) {
      EXPECT_TRUE(style->HasKind(kind)) << file << ": kind " << kind;
      EXPECT_FALSE(style->Kind(kind).label.en.empty()) << file << ": kind " << kind;
      EXPECT_FALSE(style->Kind(kind).label.zh.empty()) << file << ": kind " << kind;
    }
    for (const std::string& type : schema->TypeNames()) {
      EXPECT_TRUE(style->HasType(type)) << file << ": type " << type;
      EXPECT_FALSE(style->Type(type).label.en.empty()) << file << ": type " << type;
      EXPECT_FALSE(style->Type(type).label.zh.empty()) << file << ": type " << type;
    }
  }
}

// MoU, funding, leadership and membership must be told apart at a glance:
// their colour, line style and arrowhead are never all the same.
TEST(VizStyleTest, RelationFamiliesLookDifferent) {
  for (const char* file : {"default.json", "print.json"}) {
    Result<VizStyle> style = VizStyle::LoadFile(viz_test::VizDir() + "/" + file);
    ASSERT_TRUE(style.has_value()) << style.error().message();
    std::set<std::tuple<std::string, std::string, std::string>> looks;
    for (const char* type : {"mou", "funds", "leads", "member_of"}) {
      const DotAttributes& attributes = style->Type(type).attributes;
      const auto get = [&](const char* name) {
        auto it = attributes.find(name);
        return it == attributes.end() ? std::string() : it->second;
      };
      looks.insert({get("color"), get("style"), get("arrowhead")});
    }
    EXPECT_EQ(looks.size(), 4U) << file;
  }
}

TEST(VizStyleTest, KindsAndTypesAreMergedOverTheirDefaults) {
  Result<VizStyle> style =
      VizStyle::Parse(Minimal(R"(, "default_kind": {"shape": "box", "color": "black"},
                   "kinds": {"igo": {"color": "#123456", "label": {"en": "IGO", "zh": "政府间"}}},
                   "default_type": {"style": "solid"},
                   "types": {"mou": {"style": "bold", "penwidth": 2}})"),
                      "test.json");
  ASSERT_TRUE(style.has_value()) << style.error().message();
  EXPECT_EQ(style->Kind("igo").attributes.at("shape"), "box");
  EXPECT_EQ(style->Kind("igo").attributes.at("color"), "#123456");
  EXPECT_EQ(style->Kind("igo").label.zh, "政府间");
  EXPECT_EQ(style->Kind("not_in_file").attributes.at("color"), "black");
  EXPECT_EQ(style->Type("mou").attributes.at("style"), "bold");
  EXPECT_EQ(style->Type("mou").attributes.at("penwidth"), "2");
  EXPECT_EQ(style->Type("funds").attributes.at("style"), "solid");
}

TEST(VizStyleTest, LoadNamedFindsStylesInTheVizDirectory) {
  Result<VizStyle> style = VizStyle::LoadNamed("print", viz_test::VizDir());
  ASSERT_TRUE(style.has_value()) << style.error().message();
  EXPECT_EQ(style->origin(), viz_test::VizDir() + "/print.json");
  Result<VizStyle> with_extension = VizStyle::LoadNamed("print.json", viz_test::VizDir());
  ASSERT_TRUE(with_extension.has_value()) << with_extension.error().message();
  EXPECT_EQ(with_extension->origin(), viz_test::VizDir() + "/print.json");
  Result<VizStyle> by_path = VizStyle::LoadNamed(viz_test::VizDir() + "/default.json", "/nowhere");
  EXPECT_TRUE(by_path.has_value());
  EXPECT_EQ(VizStyle::LoadNamed("no-such-style", viz_test::VizDir()).error().code(),
            StatusCode::kNotFound);
}

TEST(VizStyleTest, MissingFileIsNotFound) {
  Result<VizStyle> style = VizStyle::LoadFile("/nonexistent/style.json");
  EXPECT_EQ(style.error().code(), StatusCode::kNotFound);
  EXPECT_THAT(style.error().message(), HasSubstr("/nonexistent/style.json"));
}

struct BadStyle {
  std::string json;
  std::string message;
};

TEST(VizStyleTest, BadStylesNameTheFileAndTheKey) {
  const BadStyle cases[] = {
      {"{\n  \"format\": \"partnergraph-style\",\n  \"version\": 1,,\n}",
       "bad.json:3:16: invalid JSON"},
      {"[1, 2]", "bad.json: a style file is a JSON object"},
      {R"({"format": "something-else", "version": 1})", "bad.json: format: expected"},
      {Minimal(R"(, "nodes": {})"), "bad.json: nodes: unknown key"},
      {Minimal(R"(, "kinds": {"igo": {"color": "red\" shape=\"box"}})"),
       "bad.json: kinds.igo.color: must not contain"},
      {Minimal(R"(, "kinds": {"igo": {"color": "a\\b"}})"), "kinds.igo.color: must not contain"},
      {Minimal(R"(, "types": {"mou": {"tooltip": "x"}})"), "types.mou.tooltip: set by pgraph"},
      {Minimal(R"(, "types": {"mou": {"bad name": "x"}})"), "not a Graphviz attribute name"},
      {Minimal(R"(, "types": {"mou": {"color": ["x"]}})"), "expected a string or a number"},
      {Minimal(R"(, "graph": {"label": {"en": "x"}})"), "graph.label: a label is not allowed"},
      {Minimal(R"(, "kinds": {"igo": {"label": {"fr": "x"}}})"), "kinds.igo.label.fr"},
      {Minimal(R"(, "highlight": {"nodes": {}})"), "highlight.nodes: expected"},
      {Minimal(R"(, "highlight": {"node": {"color": 5, "x y": 1}})"), "highlight.node.x y"},
      {Minimal(R"(, "funding": {"min_penwidth": 0})"), "funding.min_penwidth"},
      {Minimal(R"(, "funding": {"min_penwidth": 9, "max_penwidth": 2})"), "min_penwidth is larger"},
      {Minimal(R"(, "font": "")"), "font: expected a font family name"},
  };
  for (const BadStyle& c : cases) {
    Result<VizStyle> style = VizStyle::Parse(c.json, "bad.json");
    ASSERT_FALSE(style.has_value()) << c.json;
    EXPECT_EQ(style.error().code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_THAT(style.error().message(), HasSubstr(c.message)) << c.json;
  }
}

TEST(VizStyleTest, NewerVersionIsNotSupported) {
  Result<VizStyle> style =
      VizStyle::Parse(R"({"format": "partnergraph-style", "version": 2})", "new.json");
  EXPECT_EQ(style.error().code(), StatusCode::kNotSupported);
  EXPECT_THAT(style.error().message(), HasSubstr("new.json: style format version 2"));
}

}  // namespace
}  // namespace partnergraph
