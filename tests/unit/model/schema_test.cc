// Schema: the vocabulary of kinds and types, read from JSON. Groups name sets
// of kinds, "*" allows any kind, and mistakes are reported with their place.
#include "partnergraph/schema.h"

#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace partnergraph {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Four kinds in two groups; a symmetric type, a directed one mixing a group
// and a kind, and one that allows anything.
constexpr const char* kSchema = R"({
  "kinds": {"country": "a State", "ministry": "a ministry", "project": "a project",
            "event": "an event"},
  "groups": {"organisation": ["country", "ministry"], "undertaking": ["project", "event"]},
  "types": {
    "mou": {"symmetric": true, "from": ["organisation"], "to": ["organisation"],
            "doc": "a memorandum"},
    "funds": {"from": ["organisation"], "to": ["undertaking", "country"]},
    "part_of": {"symmetric": false, "from": ["*"], "to": ["*"]}
  }
})";

Schema Parsed(const std::string& text = kSchema) {
  Result<Schema> schema = Schema::Parse(text, "test-schema.json");
  EXPECT_TRUE(schema.has_value()) << schema.error().message();
  return schema.has_value() ? *schema : Schema();
}

Status ParseError(const std::string& text) {
  Result<Schema> schema = Schema::Parse(text, "test-schema.json");
  EXPECT_FALSE(schema.has_value()) << text;
  return schema.error();
}

TEST(SchemaTest, ReadsKindsAndTypesInNameOrder) {
  const Schema schema = Parsed();
  EXPECT_THAT(schema.KindNames(), ElementsAre("country", "event", "ministry", "project"));
  EXPECT_THAT(schema.TypeNames(), ElementsAre("funds", "mou", "part_of"));
  EXPECT_EQ(schema.kinds().at("country"), "a State");
  EXPECT_EQ(schema.FindType("mou")->doc, "a memorandum");
}

TEST(SchemaTest, KeepsTheJsonTextItWasParsedFrom) { EXPECT_EQ(Parsed().json_text(), kSchema); }

TEST(SchemaTest, HasKindKnowsOnlyDeclaredKinds) {
  const Schema schema = Parsed();
  EXPECT_TRUE(schema.HasKind("ministry"));
  EXPECT_FALSE(schema.HasKind("organisation"));  // a group, not a kind
  EXPECT_FALSE(schema.HasKind("igo"));
}

TEST(SchemaTest, GroupsExpandToTheirKinds) {
  const Schema schema = Parsed();  // FindType points into it: keep it alive
  const RelationTypeInfo* funds = schema.FindType("funds");
  ASSERT_NE(funds, nullptr);
  EXPECT_EQ(funds->from_kinds, (std::set<std::string>{"country", "ministry"}));
  EXPECT_EQ(funds->to_kinds, (std::set<std::string>{"country", "event", "project"}));
}

TEST(SchemaTest, StarAllowsAnyKindAndIsStoredAsEmpty) {
  const Schema schema = Parsed();
  const RelationTypeInfo* part_of = schema.FindType("part_of");
  ASSERT_NE(part_of, nullptr);
  EXPECT_THAT(part_of->from_kinds, IsEmpty());
  EXPECT_THAT(part_of->to_kinds, IsEmpty());
}

TEST(SchemaTest, FindTypeGivesNullForUnknownTypes) {
  EXPECT_EQ(Parsed().FindType("fund"), nullptr);
}

struct Endpoints {
  const char* type;
  const char* from_kind;
  const char* to_kind;
  bool allowed;
};

TEST(SchemaTest, AllowsEndpointsFollowsTheExpandedKinds) {
  const Endpoints cases[] = {
      {"mou", "country", "ministry", true},
      {"mou", "ministry", "country", true},
      {"mou", "project", "country", false},
      {"mou", "country", "event", false},
      {"funds", "country", "project", true},
      {"funds", "ministry", "country", true},  // a kind listed beside a group
      {"funds", "project", "country", false},
      {"part_of", "event", "project", true},
      {"part_of", "anything", "at-all", true},
      {"no_such_type", "country", "country", false},
  };
  const Schema schema = Parsed();
  for (const Endpoints& c : cases) {
    EXPECT_EQ(schema.AllowsEndpoints(c.type, c.from_kind, c.to_kind), c.allowed)
        << c.type << " from " << c.from_kind << " to " << c.to_kind;
  }
}

TEST(SchemaTest, IsSymmetricOnlyWhenDeclaredSo) {
  const Schema schema = Parsed();
  EXPECT_TRUE(schema.IsSymmetric("mou"));
  EXPECT_FALSE(schema.IsSymmetric("funds"));    // absent: directed
  EXPECT_FALSE(schema.IsSymmetric("part_of"));  // false
  EXPECT_FALSE(schema.IsSymmetric("no_such_type"));
}

TEST(SchemaTest, UnknownKindInAGroupIsNamed) {
  Status s = ParseError(R"({"kinds": {"country": ""},
                            "groups": {"organisation": ["country", "igo"]},
                            "types": {"mou": {"from": ["*"], "to": ["*"]}}})");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "test-schema.json: group organisation: \"igo\" is neither a kind nor a group");
}

TEST(SchemaTest, UnknownKindInATypeIsNamedWithTheEnd) {
  Status s = ParseError(R"({"kinds": {"country": ""},
                            "types": {"mou": {"from": ["country"], "to": ["contry"]}}})");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "test-schema.json: type mou.to: \"contry\" is neither a kind nor a group");
}

TEST(SchemaTest, GroupsCannotNameOtherGroups) {
  Status s = ParseError(R"({"kinds": {"country": ""},
                            "groups": {"a": ["country"], "b": ["a"]},
                            "types": {"mou": {"from": ["*"], "to": ["*"]}}})");
  EXPECT_THAT(s.message(), HasSubstr("group b: \"a\" is neither a kind nor a group"));
}

TEST(SchemaTest, TypeWithoutFromOrToIsRejected) {
  Status s = ParseError(R"({"kinds": {"country": ""},
                            "types": {"mou": {"from": ["country"]}}})");
  EXPECT_EQ(s.message(), "test-schema.json: type mou: needs \"from\" and \"to\"");
}

TEST(SchemaTest, EmptyKindListIsRejected) {
  Status s = ParseError(R"({"kinds": {"country": ""},
                            "types": {"mou": {"from": [], "to": ["*"]}}})");
  EXPECT_EQ(s.message(),
            "test-schema.json: type mou.from: expected a non-empty list of kinds or groups");
}

struct BadSchema {
  const char* text;
  const char* message_part;
};

TEST(SchemaTest, MalformedDocumentsNameTheOrigin) {
  const BadSchema cases[] = {
      {"", "test-schema.json: schema is not a JSON object"},
      {"[1, 2]", "test-schema.json: schema is not a JSON object"},
      {"{\"kinds\": ", "test-schema.json: schema is not a JSON object"},
      {R"({"types": {}})", "test-schema.json: "},  // no "kinds" at all
      {R"({"kinds": {}, "types": {"t": {"from": ["*"], "to": ["*"]}}})",
       "test-schema.json: \"kinds\" must be a non-empty object"},
      {R"({"kinds": {"country": ""}, "types": {}})",
       "test-schema.json: \"types\" must be a non-empty object"},
      {R"({"kinds": {"country": ""}, "types": {"t": {"symmetric": "yes", "from": ["*"],
           "to": ["*"]}}})",
       "test-schema.json: "},  // wrong JSON type: nlohmann's exception, caught
  };
  for (const BadSchema& c : cases) {
    Status s = ParseError(c.text);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(s.message(), HasSubstr(c.message_part)) << c.text;
  }
}

TEST(SchemaTest, LoadsTheBundledSchema) {
  Result<Schema> schema = Schema::LoadFile(PARTNERGRAPH_DATA_DIR "/schema.json");
  ASSERT_TRUE(schema.has_value()) << schema.error().message();
  EXPECT_TRUE(schema->IsSymmetric("mou"));
  EXPECT_TRUE(schema->IsSymmetric("partners_with"));
  EXPECT_TRUE(schema->IsSymmetric("co_leads"));
  EXPECT_TRUE(schema->IsSymmetric("co_chairs"));
  EXPECT_FALSE(schema->IsSymmetric("funds"));
  EXPECT_TRUE(schema->AllowsEndpoints("ratified", "country", "instrument"));
  EXPECT_FALSE(schema->AllowsEndpoints("ratified", "ministry", "instrument"));
  EXPECT_TRUE(schema->AllowsEndpoints("funds", "ifi", "project"));
}

TEST(SchemaTest, BundledSchemaListsEveryKindOfTheProduct) {
  Result<Schema> schema = Schema::LoadFile(PARTNERGRAPH_DATA_DIR "/schema.json");
  ASSERT_TRUE(schema.has_value()) << schema.error().message();
  for (const char* kind : {"igo", "un_entity", "ifi", "country", "ministry", "trade_union",
                           "employers_org", "regional_org", "forum", "project", "initiative",
                           "institution", "office", "instrument", "event"}) {
    EXPECT_TRUE(schema->HasKind(kind)) << kind;
  }
}

TEST(SchemaTest, BundledSchemaListsEveryTypeOfTheProduct) {
  Result<Schema> schema = Schema::LoadFile(PARTNERGRAPH_DATA_DIR "/schema.json");
  ASSERT_TRUE(schema.has_value()) << schema.error().message();
  for (const char* type :
       {"mou", "funds", "implements", "benefits", "leads", "co_leads", "co_chairs", "member_of",
        "founding_member_of", "observer_at", "part_of", "partners_with", "covers",
        "participates_in", "endorses", "secretariat_of", "ratified"}) {
    EXPECT_NE(schema->FindType(type), nullptr) << type;
  }
}

TEST(SchemaTest, LoadFileOfAMissingFileIsNotFound) {
  Result<Schema> schema = Schema::LoadFile(PARTNERGRAPH_DATA_DIR "/no-such-schema.json");
  ASSERT_FALSE(schema.has_value());
  EXPECT_EQ(schema.error().code(), StatusCode::kNotFound);
  EXPECT_THAT(schema.error().message(), HasSubstr("no-such-schema.json"));
}

}  // namespace
}  // namespace partnergraph
