// The JSON form of records, shared by the store and by import and export:
// what it writes, that it reads back what it wrote, and every problem it
// reports on input (unknown fields with "did you mean", bad amounts).
#include "model/record_json.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace partnergraph {
namespace {

using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

PartialDate Date(const char* text) { return *PartialDate::Parse(text); }

Entity Mohrss() {
  Entity entity;
  entity.id = "cn-mohrss";
  entity.kind = "ministry";
  entity.name = {"Ministry of Human Resources and Social Security", "人力资源和社会保障部"};
  entity.aliases = {"MOHRSS", "人社部"};
  entity.attributes = {{"country", "china"}, {"url", "http://www.mohrss.gov.cn"}};
  return entity;
}

Relation Funding() {
  Relation relation;
  relation.id = "r-17";
  relation.type = "funds";
  relation.from = "china";
  relation.to = "ssc-project";
  relation.title = "South-South cooperation";
  relation.since = Date("2018-06");
  relation.until = Date("2020");
  relation.amount = Amount{745000.5, "USD"};
  relation.role = "donor";
  relation.attributes = {{"phase", "2"}};
  relation.source = Citation{"001_4d15d9a4381d9caa.txt", "China contributed US$745,000"};
  return relation;
}

// Encodes and decodes through text, as the store and the files do.
template <typename Record>
Record RoundTrip(const Record& record, OrderedJson (*to_json)(const Record&),
                 Record (*from_json)(const Json&, std::vector<FieldError>&,
                                     const std::vector<std::string>&),
                 std::vector<FieldError>& errors) {
  return from_json(Json::parse(to_json(record).dump()), errors, {});
}

std::vector<std::string> Messages(const std::vector<FieldError>& errors) {
  std::vector<std::string> messages;
  for (const FieldError& error : errors) messages.push_back(error.message);
  return messages;
}

std::vector<FieldError> RelationErrors(const std::string& json_text) {
  std::vector<FieldError> errors;
  RelationFromJson(Json::parse(json_text), errors);
  return errors;
}

std::vector<FieldError> EntityErrors(const std::string& json_text) {
  std::vector<FieldError> errors;
  EntityFromJson(Json::parse(json_text), errors);
  return errors;
}

// A valid relation with `amount` as its amount object.
std::string WithAmount(const std::string& amount) {
  return R"({"id": "r-1", "type": "funds", "from": "a", "to": "b", "amount": )" + amount + "}";
}

TEST(RecordJsonTest, EntityWritesFieldsInReadingOrder) {
  EXPECT_EQ(
      EntityToJson(Mohrss()).dump(),
      R"({"id":"cn-mohrss","kind":"ministry",)"
      R"("name":{"en":"Ministry of Human Resources and Social Security","zh":"人力资源和社会保障部"},)"
      R"("aliases":["MOHRSS","人社部"],)"
      R"("attributes":{"country":"china","url":"http://www.mohrss.gov.cn"}})");
}

TEST(RecordJsonTest, EntityLeavesOutEmptyOptionalFields) {
  Entity entity;
  entity.id = "ilo";
  entity.kind = "un_entity";
  entity.name.zh = "国际劳工组织";
  EXPECT_EQ(EntityToJson(entity).dump(),
            R"({"id":"ilo","kind":"un_entity","name":{"zh":"国际劳工组织"}})");
}

TEST(RecordJsonTest, EntitySurvivesARoundTrip) {
  std::vector<FieldError> errors;
  EXPECT_EQ(RoundTrip(Mohrss(), &EntityToJson, &EntityFromJson, errors), Mohrss());
  EXPECT_THAT(Messages(errors), IsEmpty());
}

TEST(RecordJsonTest, RelationWritesFieldsInReadingOrder) {
  EXPECT_EQ(
      RelationToJson(Funding()).dump(),
      R"({"id":"r-17","type":"funds","from":"china","to":"ssc-project",)"
      R"("title":"South-South cooperation","since":"2018-06","until":"2020",)"
      R"("amount":{"value":745000.5,"currency":"USD"},"role":"donor",)"
      R"("attributes":{"phase":"2"},)"
      R"("source":{"doc":"001_4d15d9a4381d9caa.txt","quote":"China contributed US$745,000"}})");
}

TEST(RecordJsonTest, RelationLeavesOutEmptyOptionalFields) {
  Relation relation;
  relation.id = "r-1";
  relation.type = "mou";
  relation.from = "a";
  relation.to = "b";
  EXPECT_EQ(RelationToJson(relation).dump(), R"({"id":"r-1","type":"mou","from":"a","to":"b"})");
}

TEST(RecordJsonTest, RelationSurvivesARoundTrip) {
  std::vector<FieldError> errors;
  EXPECT_EQ(RoundTrip(Funding(), &RelationToJson, &RelationFromJson, errors), Funding());
  EXPECT_THAT(Messages(errors), IsEmpty());
}

TEST(RecordJsonTest, MinimalRelationSurvivesARoundTrip) {
  Relation relation;
  relation.id = "r-1";
  relation.type = "mou";
  relation.from = "a";
  relation.to = "b";
  std::vector<FieldError> errors;
  EXPECT_EQ(RoundTrip(relation, &RelationToJson, &RelationFromJson, errors), relation);
  EXPECT_THAT(Messages(errors), IsEmpty());
}

TEST(RecordJsonTest, SourceSurvivesARoundTrip) {
  const SourceDocument source{"000_eddc5492828edf30.txt", "中国和国际劳工组织", "zh",
                              "https://example.org/a"};
  std::vector<FieldError> errors;
  EXPECT_EQ(RoundTrip(source, &SourceToJson, &SourceFromJson, errors), source);
  EXPECT_THAT(Messages(errors), IsEmpty());
  EXPECT_EQ(SourceToJson(source).dump(),
            R"({"doc":"000_eddc5492828edf30.txt","title":"中国和国际劳工组织","language":"zh",)"
            R"("url":"https://example.org/a"})");
}

TEST(RecordJsonTest, SourceWithWhatTheDocumentSaysOfItselfSurvivesARoundTrip) {
  SourceDocument source{"004_report.txt", "计划执行报告 (2018-2019)", "zh", ""};
  source.symbol = "GB.340/PFA/5";
  source.short_title = "GB.340/PFA/5";
  source.title_en = "Programme Implementation Report";
  source.published = *PartialDate::Parse("2020-03");
  source.period_since = *PartialDate::Parse("2018");
  source.period_until = *PartialDate::Parse("2019");
  std::vector<FieldError> errors;
  EXPECT_EQ(RoundTrip(source, &SourceToJson, &SourceFromJson, errors), source);
  EXPECT_THAT(Messages(errors), IsEmpty());
  EXPECT_EQ(SourceToJson(source).dump(),
            R"js({"doc":"004_report.txt","title":"计划执行报告 (2018-2019)","language":"zh",)js"
            R"("symbol":"GB.340/PFA/5","short_title":"GB.340/PFA/5",)"
            R"("title_en":"Programme Implementation Report","published":"2020-03",)"
            R"("period":{"since":"2018","until":"2019"}})");
  EXPECT_EQ(SourceJsonText(source), SourceToJson(source).dump());
}

// Where an undated relation's evidence starts: its source's period, else its
// publication date, else nowhere (counted always).
TEST(RecordJsonTest, ReportedFirstDayIsTheStartOfTheSourcesPeriodElseItsDate) {
  SourceDocument source{"a.txt", "A", "en", ""};
  EXPECT_EQ(ReportedFirstDay(source), PartialDate::kOpenStart);
  source.published = *PartialDate::Parse("2019-06");
  EXPECT_EQ(ReportedFirstDay(source), 20190601);
  source.period_since = *PartialDate::Parse("2018");
  source.period_until = *PartialDate::Parse("2019");
  EXPECT_EQ(ReportedFirstDay(source), 20180101);
  source.period_since = PartialDate();  // "until 2019" only: its start is open
  EXPECT_EQ(ReportedFirstDay(source), PartialDate::kOpenStart);
}

TEST(RecordJsonTest, SourcePeriodMayBeOpenAtOneEnd) {
  std::vector<FieldError> errors;
  const SourceDocument source = SourceFromJson(
      nlohmann::json::parse(R"({"doc": "a.txt", "period": {"until": "2019-06"}})"), errors);
  EXPECT_THAT(Messages(errors), IsEmpty());
  EXPECT_TRUE(source.period_since.empty());
  EXPECT_EQ(source.period_until.ToString(), "2019-06");
  EXPECT_EQ(SourceToJson(source).dump(), R"({"doc":"a.txt","period":{"until":"2019-06"}})");
}

TEST(RecordJsonTest, SourceDateProblemsNameTheirField) {
  auto errors_of = [](const char* text) {
    std::vector<FieldError> errors;
    SourceFromJson(nlohmann::json::parse(text), errors);
    return errors;
  };
  std::vector<FieldError> errors = errors_of(R"({"doc": "a.txt", "published": "2019-13"})");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "published");
  EXPECT_EQ(errors[0].message, "published: bad date \"2019-13\": month must be 01 to 12");
  errors = errors_of(R"({"doc": "a.txt", "period": {"since": "2018", "until": "19"}})");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "period");
  EXPECT_THAT(errors[0].message, ::testing::StartsWith("period.until: "));
  EXPECT_THAT(Messages(errors_of(R"({"doc": "a.txt", "period": {}})")),
              ElementsAre("field \"period\" is empty; give period.since and/or period.until, or "
                          "leave the field out"));
  EXPECT_THAT(Messages(errors_of(R"({"doc": "a.txt", "period": {"from": "2018"}})")),
              ElementsAre("unknown field \"period.from\""));
  EXPECT_THAT(Messages(errors_of(R"({"doc": "a.txt", "period": {"since": ""}})")),
              ElementsAre("field \"period.since\" is empty; give a date (YYYY, YYYY-MM or "
                          "YYYY-MM-DD) or leave the field out"));
  EXPECT_THAT(Messages(errors_of(R"({"doc": "a.txt", "period": "2018-2019"})")),
              ElementsAre("field \"period\" must be an object"));
}

TEST(RecordJsonTest, UnknownFieldIsAnErrorWithTheClosestKnownField) {
  const std::vector<FieldError> errors =
      RelationErrors(WithAmount(R"({"value": 1, "currency": "USD"}, "amout": 3)"));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "amout");
  EXPECT_EQ(errors[0].message, "unknown field \"amout\" (did you mean \"amount\"?)");
}

TEST(RecordJsonTest, UnknownFieldFarFromAnyIsAnErrorWithoutSuggestion) {
  EXPECT_THAT(Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {"en": "A"},
                                        "founded": "1919"})")),
              ElementsAre("unknown field \"founded\""));
}

TEST(RecordJsonTest, UnknownFieldOfAnEntityIsSuggestedToo) {
  EXPECT_THAT(
      Messages(EntityErrors(R"({"id": "a", "kinds": "igo", "name": {"en": "A"}})")),
      ElementsAre("missing field \"kind\"", "unknown field \"kinds\" (did you mean \"kind\"?)"));
}

TEST(RecordJsonTest, UnknownKeyInsideAmountIsNamedWithItsParent) {
  EXPECT_THAT(Messages(RelationErrors(WithAmount(R"({"value": 1, "curency": "USD"})"))),
              ElementsAre("unknown field \"amount.curency\" (did you mean \"amount.currency\"?)",
                          "missing field \"amount.currency\""));
}

TEST(RecordJsonTest, UnknownKeyInsideNameIsNamedWithItsParent) {
  EXPECT_THAT(
      Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {"en": "A", "eng": "A"}})")),
      ElementsAre("unknown field \"name.eng\" (did you mean \"name.en\"?)"));
  EXPECT_THAT(
      Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {"en": "A", "fr": "A"}})")),
      ElementsAre("unknown field \"name.fr\""));  // two edits from "en": too far
}

TEST(RecordJsonTest, SkippedFieldsAreNotReportedAsUnknown) {
  std::vector<FieldError> errors;
  EntityFromJson(Json::parse(R"({"record": "entity", "id": "a", "kind": "igo",
                                 "name": {"en": "A"}})"),
                 errors, {"record"});
  EXPECT_THAT(Messages(errors), IsEmpty());
}

TEST(RecordJsonTest, ReportsEveryProblemOfARecordNotJustTheFirst) {
  const std::vector<FieldError> errors = RelationErrors(
      R"({"id": "r-1", "type": 3, "to": "b", "since": "2019-13", "attributes": {"n": 1}})");
  std::vector<std::string> fields;
  for (const FieldError& error : errors) fields.push_back(error.field);
  EXPECT_THAT(fields, ElementsAre("type", "from", "since", "attributes"));
  EXPECT_THAT(Messages(errors),
              ElementsAre("field \"type\" must be a string", "missing field \"from\"",
                          "bad date \"2019-13\": month must be 01 to 12",
                          "attribute \"n\" must be a string"));
}

TEST(RecordJsonTest, RequiredFieldsMustNotBeEmpty) {
  EXPECT_THAT(Messages(RelationErrors(R"({"id": "", "type": "mou", "from": "a", "to": "b"})")),
              ElementsAre("field \"id\" must not be empty"));
}

TEST(RecordJsonTest, EntityNeedsANameInEitherLanguage) {
  EXPECT_THAT(Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {}})")),
              ElementsAre("an entity needs a name in English or Chinese (name.en, name.zh)"));
  EXPECT_THAT(Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {"zh": "甲"}})")),
              IsEmpty());
}

TEST(RecordJsonTest, AliasesMustBeNonEmptyStrings) {
  EXPECT_THAT(
      Messages(EntityErrors(R"({"id": "a", "kind": "igo", "name": {"en": "A"},
                                        "aliases": ["A", "", 3]})")),
      ElementsAre("aliases must be non-empty strings", "aliases must be non-empty strings"));
}

TEST(RecordJsonTest, ARecordMustBeAnObject) {
  for (const char* text : {"[]", "\"ilo\"", "3", "null"}) {
    std::vector<FieldError> errors;
    EntityFromJson(Json::parse(text), errors);
    EXPECT_THAT(Messages(errors), ElementsAre("a record must be a JSON object")) << text;
  }
}

TEST(RecordJsonTest, NullOptionalFieldsCountAsAbsent) {
  std::vector<FieldError> errors;
  const Relation relation = RelationFromJson(
      Json::parse(R"({"id": "r-1", "type": "mou", "from": "a", "to": "b", "title": null,
                      "since": null, "amount": null, "source": null})"),
      errors);
  EXPECT_THAT(Messages(errors), IsEmpty());
  EXPECT_TRUE(relation.since.empty());
  EXPECT_FALSE(relation.amount.has_value());
  EXPECT_FALSE(relation.source.has_value());
}

struct AmountCase {
  const char* amount;
  const char* message;
};

TEST(RecordJsonTest, AmountsMustBeNonNegativeNumbersInAnIsoCurrency) {
  const AmountCase cases[] = {
      {R"({"value": -1, "currency": "USD"})", "amount.value must not be negative"},
      {R"({"value": -0.5, "currency": "USD"})", "amount.value must not be negative"},
      {R"({"value": "745000", "currency": "USD"})", "amount.value must be a number"},
      {R"({"currency": "USD"})", "amount.value must be a number"},
      {R"({"value": 1, "currency": "usd"})",
       "amount.currency \"usd\" is not an ISO 4217 code (such as USD, EUR or CNY)"},
      {R"({"value": 1, "currency": "US"})",
       "amount.currency \"US\" is not an ISO 4217 code (such as USD, EUR or CNY)"},
      {R"({"value": 1, "currency": "USDX"})",
       "amount.currency \"USDX\" is not an ISO 4217 code (such as USD, EUR or CNY)"},
      {R"({"value": 1, "currency": "US$"})",
       "amount.currency \"US$\" is not an ISO 4217 code (such as USD, EUR or CNY)"},
      // Three capital letters are not enough: the code must exist.
      {R"({"value": 1, "currency": "XYZ"})",
       "amount.currency \"XYZ\" is not an ISO 4217 code (such as USD, EUR or CNY)"},
      {R"({"value": 1})", "missing field \"amount.currency\""},
      {R"({"value": 1, "currency": ""})", "field \"amount.currency\" must not be empty"},
      {R"(745000)", "field \"amount\" must be an object"},
  };
  for (const AmountCase& c : cases) {
    const std::vector<FieldError> errors = RelationErrors(WithAmount(c.amount));
    EXPECT_THAT(Messages(errors), ElementsAre(c.message)) << c.amount;
    if (!errors.empty()) {
      EXPECT_EQ(errors[0].field, "amount") << c.amount;
    }
  }
}

TEST(RecordJsonTest, NonFiniteAmountsAreRejected) {
  for (double value :
       {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN()}) {
    Json json = Json::parse(WithAmount(R"({"value": 0, "currency": "USD"})"));
    json["amount"]["value"] = value;
    std::vector<FieldError> errors;
    RelationFromJson(json, errors);
    EXPECT_THAT(Messages(errors), ElementsAre("amount.value is not a finite number")) << value;
  }
}

TEST(RecordJsonTest, NegativeZeroAmountIsStoredAsZero) {
  for (const char* zero : {"-0", "-0.0", "-0e3"}) {
    std::vector<FieldError> errors;
    const Relation relation = RelationFromJson(
        Json::parse(WithAmount(std::string(R"({"value": )") + zero + R"(, "currency": "USD"})")),
        errors);
    EXPECT_THAT(Messages(errors), IsEmpty()) << zero;
    ASSERT_TRUE(relation.amount.has_value()) << zero;
    EXPECT_EQ(relation.amount->value, 0.0) << zero;
    EXPECT_FALSE(std::signbit(relation.amount->value)) << zero;
    EXPECT_EQ(RelationToJson(relation)["amount"].dump(), R"({"value":0,"currency":"USD"})") << zero;
  }
}

struct AmountText {
  double value;
  const char* json;
};

TEST(RecordJsonTest, AmountValuesPrintWholeNumbersWithoutAFraction) {
  const AmountText cases[] = {
      {745000.0, "745000"},
      {0.0, "0"},
      {745000.5, "745000.5"},
      {0.25, "0.25"},
      {9007199254740991.0, "9007199254740991"},  // 2^53 - 1: still exact
      {1e300, "1e+300"},                         // beyond 2^53: kept a double
  };
  for (const AmountText& c : cases) {
    EXPECT_EQ(AmountValueToJson(c.value).dump(), c.json) << c.json;
  }
}

TEST(RecordJsonTest, WholeAmountValueIsAJsonInteger) {
  EXPECT_TRUE(AmountValueToJson(745000.0).is_number_integer());
  EXPECT_TRUE(AmountValueToJson(745000.5).is_number_float());
}

}  // namespace
}  // namespace partnergraph

namespace partnergraph {
namespace {

// Text that JSON must escape, and text it must leave alone.
const char* const kAwkwardTexts[] = {
    "",
    "plain",
    "a \"quote\"",
    "back\\slash",
    "tab\tnew\nline\r",
    "\b\f",
    "\x01\x1f\x7f",
    "人力资源和社会保障部",
    "emoji 🙂",
    "</script>&<b>",
    "{\"k\": 1}",
    "trailing\\",
    "\\u0041",
};

TEST(RecordJsonTextTest, EntityTextIsExactlyTheJsonDump) {
  EXPECT_EQ(EntityJsonText(Mohrss()), EntityToJson(Mohrss()).dump());
  Entity bare;
  bare.id = "x";
  bare.kind = "igo";
  EXPECT_EQ(EntityJsonText(bare), EntityToJson(bare).dump());  // "name": {}
  for (const char* text : kAwkwardTexts) {
    Entity entity = Mohrss();
    entity.name = {text, text};
    entity.aliases = {text, "B"};
    entity.attributes = {{text, text}, {"z", text}};
    EXPECT_EQ(EntityJsonText(entity), EntityToJson(entity).dump()) << text;
  }
}

TEST(RecordJsonTextTest, RelationTextIsExactlyTheJsonDump) {
  EXPECT_EQ(RelationJsonText(Funding()), RelationToJson(Funding()).dump());
  Relation bare;
  bare.id = "r";
  bare.type = "mou";
  bare.from = "a";
  bare.to = "b";
  EXPECT_EQ(RelationJsonText(bare), RelationToJson(bare).dump());
  for (const char* text : kAwkwardTexts) {
    Relation relation = Funding();
    relation.title = text;
    relation.role = text;
    relation.attributes = {{text, text}, {"a", "b"}};
    relation.source = Citation{text, text};
    EXPECT_EQ(RelationJsonText(relation), RelationToJson(relation).dump()) << text;
  }
  for (double value : {0.0, 1.0, 0.5, 745000.0, 1e15, 9007199254740992.0, 1e300, 0.1 + 0.2}) {
    Relation relation = Funding();
    relation.amount = Amount{value, "USD"};
    EXPECT_EQ(RelationJsonText(relation), RelationToJson(relation).dump()) << value;
  }
}

TEST(RecordJsonTextTest, InvalidUtf8IsLeftToTheJsonLibrary) {
  Relation relation = Funding();
  relation.title = "\xff";
  EXPECT_THROW(RelationJsonText(relation), nlohmann::json::exception);
}

}  // namespace
}  // namespace partnergraph
