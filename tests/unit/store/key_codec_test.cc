// Key and value layouts of the store's index column families. Keys join their
// parts with \0 so that a prefix scan for one id never reaches a longer id.
#include "store/key_codec.h"

#include <string>

#include <gtest/gtest.h>

namespace partnergraph::store {
namespace {

using namespace std::string_literals;  // NOLINT(google-build-using-namespace): "a\0b"s

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

TEST(KeyCodecTest, AdjacencyKeyJoinsItsPartsWithNul) {
  EXPECT_EQ(EncodeAdjacencyKey("cn-mohrss", "mou", "ilo", "r-1"), "cn-mohrss\0mou\0ilo\0r-1"s);
}

TEST(KeyCodecTest, AdjacencyKeyDecodesToItsParts) {
  const std::string key = EncodeAdjacencyKey("cn-mohrss", "mou", "ilo", "r-1");
  const std::optional<AdjacencyKey> parts = DecodeAdjacencyKey(key);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->near, "cn-mohrss");
  EXPECT_EQ(parts->type, "mou");
  EXPECT_EQ(parts->far, "ilo");
  EXPECT_EQ(parts->relation_id, "r-1");
}

TEST(KeyCodecTest, MalformedAdjacencyKeysDoNotDecode) {
  for (const std::string& key :
       {""s, "ilo"s, "ilo\0mou"s, "ilo\0mou\0china"s, "ilo\0mou\0china\0r-1\0extra"s}) {
    EXPECT_FALSE(DecodeAdjacencyKey(key).has_value()) << testing::PrintToString(key);
  }
}

TEST(KeyCodecTest, AdjacencyPrefixMatchesOnlyKeysOfThatEntity) {
  const std::string prefix = AdjacencyPrefix("ab");
  EXPECT_EQ(prefix, "ab\0"s);
  EXPECT_TRUE(StartsWith(EncodeAdjacencyKey("ab", "mou", "x", "r-1"), prefix));
  EXPECT_FALSE(StartsWith(EncodeAdjacencyKey("abc", "mou", "x", "r-1"), prefix));
  EXPECT_FALSE(StartsWith(EncodeAdjacencyKey("a", "mou", "x", "r-1"), prefix));
}

// Ids order before their extensions, so one entity's keys are contiguous.
TEST(KeyCodecTest, AdjacencyKeysOfAnEntitySortBeforeThoseOfLongerIds) {
  EXPECT_LT(EncodeAdjacencyKey("ab", "zzz", "zzz", "zzz"),
            EncodeAdjacencyKey("ab-c", "aaa", "aaa", "aaa"));
}

struct Period {
  int32_t since_first_day;
  int32_t until_last_day;
};

TEST(KeyCodecTest, AdjacencyValueRoundTripsThePeriod) {
  const Period cases[] = {
      {20190601, 99991231}, {0, 99991231}, {20180301, 20201231}, {-1, 0}, {INT32_MIN, INT32_MAX},
  };
  for (const Period& c : cases) {
    const std::string value = EncodeAdjacencyValue(c.since_first_day, c.until_last_day);
    EXPECT_EQ(value.size(), 8U);
    int32_t since = 1;
    int32_t until = 1;
    ASSERT_TRUE(DecodeAdjacencyValue(value, &since, &until)) << c.since_first_day;
    EXPECT_EQ(since, c.since_first_day);
    EXPECT_EQ(until, c.until_last_day);
  }
}

TEST(KeyCodecTest, AdjacencyValueIsTwoLittleEndianInt32s) {
  EXPECT_EQ(EncodeAdjacencyValue(0x01020304, 20190601), "\x04\x03\x02\x01\x89\x15\x34\x01"s);
}

TEST(KeyCodecTest, AdjacencyValueOfTheWrongSizeDoesNotDecode) {
  int32_t since = 0;
  int32_t until = 0;
  for (const std::string& value : {""s, "1234567"s}) {
    EXPECT_FALSE(DecodeAdjacencyValue(value, &since, &until)) << value.size() << " bytes";
  }
}

TEST(KeyCodecTest, RelationValueCarriesThePeriodAndTheColumns) {
  Relation relation;
  relation.id = "r-1";
  relation.since = *PartialDate::Parse("2019-06");
  relation.until = *PartialDate::Parse("2021");
  relation.amount = Amount{1.5e6, "EUR"};
  relation.source = Citation{"doc.md", "a \0 quote"s};
  relation.title = "Title";
  relation.role = "role";
  relation.attributes["x"] = "y";
  const std::string value = EncodeRelationValue(relation);
  int32_t since = 0;
  int32_t until = 0;
  ASSERT_TRUE(DecodeAdjacencyValue(value, &since, &until));
  EXPECT_EQ(since, 20190601);
  EXPECT_EQ(until, 20211231);
  bool malformed = true;
  std::optional<RelationFields> fields = DecodeRelationValue(value, &malformed);
  ASSERT_TRUE(fields.has_value());
  EXPECT_FALSE(malformed);
  EXPECT_EQ(fields->flags,
            (2 << kSinceShift) | (1 << kUntilShift) | kHasAmount | kHasSource | kHasAttributes);
  EXPECT_EQ(fields->amount, 1.5e6);
  EXPECT_EQ(fields->currency, "EUR");
  EXPECT_EQ(fields->source_doc, "doc.md");
  EXPECT_EQ(fields->quote, "a \0 quote"s);
  EXPECT_EQ(fields->title, "Title");
  EXPECT_EQ(fields->role, "role");
}

TEST(KeyCodecTest, RelationValueOfFormatOneHasNoColumnsAndACutOneIsMalformed) {
  bool malformed = true;
  EXPECT_FALSE(DecodeRelationValue(EncodeAdjacencyValue(1, 2), &malformed).has_value());
  EXPECT_FALSE(malformed);
  Relation relation;
  relation.title = "Title";
  const std::string value = EncodeRelationValue(relation);
  for (size_t size = 9; size < value.size(); ++size) {
    EXPECT_FALSE(DecodeRelationValue(value.substr(0, size), &malformed).has_value());
    EXPECT_TRUE(malformed) << size << " bytes";
  }
  EXPECT_FALSE(DecodeRelationValue(value + "x", &malformed).has_value());
  EXPECT_TRUE(malformed);
}

TEST(KeyCodecTest, VertexValueCarriesTheKindNamesAndAliases) {
  Entity entity;
  entity.kind = "ministry";
  entity.name = {"Ministry", "部"};
  entity.aliases = {"MOHRSS", "人社部"};
  const std::string value = EncodeVertexValue(entity);
  EXPECT_EQ(KindOfVertexValue(value), "ministry");
  EXPECT_EQ(KindOfVertexValue("ministry"), "ministry");  // format 1
  bool malformed = true;
  std::optional<EntityFields> fields = DecodeVertexValue(value, &malformed);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->name, "Ministry");
  EXPECT_EQ(fields->name_zh, "部");
  EXPECT_EQ(DecodeAliases(fields->aliases), entity.aliases);
  EXPECT_EQ(fields->flags, 0);
  EXPECT_FALSE(DecodeVertexValue("ministry", &malformed).has_value());
  EXPECT_FALSE(malformed);
  EXPECT_FALSE(DecodeVertexValue(value.substr(0, value.size() - 2), &malformed).has_value());
  EXPECT_TRUE(malformed);
}

TEST(KeyCodecTest, TypeKeyCarriesTheRelationId) {
  const std::string key = EncodeTypeKey("mou", "r-1");
  EXPECT_EQ(key, "mou\0r-1"s);
  EXPECT_EQ(RelationIdOfTypeKey(key), "r-1");
}

TEST(KeyCodecTest, TypePrefixMatchesOnlyKeysOfThatType) {
  EXPECT_TRUE(StartsWith(EncodeTypeKey("funds", "r-1"), TypePrefix("funds")));
  EXPECT_FALSE(StartsWith(EncodeTypeKey("funds_x", "r-1"), TypePrefix("funds")));
}

TEST(KeyCodecTest, TypeKeyWithoutSeparatorHasNoRelationId) {
  EXPECT_EQ(RelationIdOfTypeKey("mou"), "");
}

TEST(KeyCodecTest, NameKeyRoundTripsNormalisedTextAndEntity) {
  for (const char* normalised : {"ilo", "劳工组织", "international labour organization", ""}) {
    const std::string key = EncodeNameKey(normalised, "ilo");
    std::string_view decoded_name;
    std::string_view decoded_id;
    ASSERT_TRUE(DecodeNameKey(key, &decoded_name, &decoded_id)) << normalised;
    EXPECT_EQ(decoded_name, normalised);
    EXPECT_EQ(decoded_id, "ilo");
  }
}

TEST(KeyCodecTest, NameKeyPrefixOfATextDoesNotMatchLongerTexts) {
  const std::string exact = EncodeNameKey("ab", "");
  EXPECT_TRUE(StartsWith(EncodeNameKey("ab", "x"), exact));
  EXPECT_FALSE(StartsWith(EncodeNameKey("abc", "x"), exact));
}

TEST(KeyCodecTest, NameKeyWithoutSeparatorDoesNotDecode) {
  std::string_view name;
  std::string_view id;
  EXPECT_FALSE(DecodeNameKey("ilo", &name, &id));
}

}  // namespace
}  // namespace partnergraph::store
