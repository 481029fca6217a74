// ImportFiles: validation against the schema and the store, reported in full
// with locations and suggestions, and all-or-nothing writes.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/importer.h"

#include "io_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::io_test::ErrorMessage;
using ::partnergraph::io_test::ExportJson;
using ::partnergraph::io_test::Fixture;
using ::partnergraph::io_test::IoTest;
using ::testing::HasSubstr;

// Every test starts from base.json: c-100 (instrument), china (country),
// cn-mohrss (ministry), ilo (un_entity), ssc-project (project); r-1 mou
// cn-mohrss - ilo, r-2 funds china -> ssc-project; source 001_brochure.txt.
class ImportTest : public IoTest {
 protected:
  void SetUp() override {
    IoTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(ImportBase());
  }

  // One relation in a JSON document, on line 2, column 3.
  std::string RelationFile(const std::string& relation_json) {
    return WriteFile("relation.json", "{\"relations\": [\n  " + relation_json + "\n]}\n");
  }

  // The import's message, with the file written by RelationFile.
  std::string ImportRelation(const std::string& relation_json) {
    const std::string before = ExportJson(store());
    Result<ApplyReport> report = Import({RelationFile(relation_json)});
    EXPECT_FALSE(report.has_value()) << relation_json;
    if (!report.has_value()) {
      EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
    }
    EXPECT_EQ(ExportJson(store()), before);
    return ErrorMessage(report);
  }

  // "relation.json:<line:column>: ", the prefix of a problem in RelationFile.
  std::string At(const std::string& line_column) const {
    return PathOf("relation.json") + ":" + line_column + ": ";
  }
};

TEST_F(ImportTest, ImportReportsWhatItAdded) {
  Result<ApplyReport> report = ImportInto(*NewStore("fresh"), {Fixture("base.json")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->sources.added, 1U);
  EXPECT_EQ(report->entities.added, 5U);
  EXPECT_EQ(report->relations.added, 2U);
}

// Column 55 is the "to" key of r-17: validation problems point at their field.
TEST_F(ImportTest, OneBadRecordAmongManyWritesNothingAndNamesTheLine) {
  const std::string before = ExportJson(store());
  Result<ApplyReport> report = Import({Fixture("one_bad_relation.json")});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.error().message(),
            Fixture("one_bad_relation.json") +
                ":42:55: relation r-17: unknown entity \"cn-mohrs\" (did you mean \"cn-mohrss\"?)\n"
                "1 error; nothing was imported");
  EXPECT_EQ(ExportJson(store()), before);  // atomic: the store is exactly as it was
}

TEST_F(ImportTest, EveryErrorIsListedNotJustTheFirst) {
  const std::string path = WriteFile("bad.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "ilo", "to": "cn-mohrs"},
  {"id": "r-11", "type": "mou", "from": "china", "to": "ilo"},
  {"id": "r-12", "type": "fund", "from": "china", "to": "ilo"},
  {"id": "r-13", "type": "mou", "from": "china", "to": "ilo", "since": "2020", "until": "2019"}
]})");
  const std::string before = ExportJson(store());
  EXPECT_EQ(
      ErrorMessage(Import({path})),
      path + ":2:48: relation r-10: unknown entity \"cn-mohrs\" (did you mean \"cn-mohrss\"?)\n" +
          path +
          ":4:18: relation r-12: unknown relation type \"fund\" (did you mean \"funds\"?)\n" +
          path +
          ":5:80: relation r-13: until 2019 is before since 2020\n"
          "3 errors; nothing was imported");
  EXPECT_EQ(ExportJson(store()), before);
}

TEST_F(ImportTest, ErrorsBeyondTheCapAreCountedNotListed) {
  const std::string path = WriteFile("bad.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "ilo", "to": "x1"},
  {"id": "r-11", "type": "mou", "from": "ilo", "to": "x2"},
  {"id": "r-12", "type": "mou", "from": "ilo", "to": "x3"},
  {"id": "r-13", "type": "mou", "from": "ilo", "to": "x4"}
]})");
  ImportOptions options;
  options.max_errors = 2;
  Result<ApplyReport> report = ImportFiles(store(), {path}, options);
  EXPECT_EQ(ErrorMessage(report), path + ":2:48: relation r-10: unknown entity \"x1\"\n" + path +
                                      ":3:48: relation r-11: unknown entity \"x2\"\n"
                                      "... and 2 more errors\n"
                                      "4 errors; nothing was imported");
}

TEST_F(ImportTest, UnknownEntityInCsvNamesFileLineRecordAndSuggestion) {
  const std::string path = WriteFile("edges.csv",
                                     "id,type,from,to\n"
                                     "r-17,mou,ilo,cn-mohrs\n");
  EXPECT_THAT(ErrorMessage(Import({path})),
              HasSubstr(path + ":2: relation r-17: unknown entity \"cn-mohrs\" "
                               "(did you mean \"cn-mohrss\"?)\n"));
}

TEST_F(ImportTest, UnknownEntityFarFromAnyIdHasNoSuggestion) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "mou", "from": "ilo", "to": "oecd"})"),
              HasSubstr(At("2:48") + "relation r-10: unknown entity \"oecd\"\n"));
}

TEST_F(ImportTest, DuplicateIdAcrossTwoFilesNamesTheFirstLocation) {
  const std::string first = WriteFile("a.json", R"({"entities": [
  {"id": "oecd", "kind": "igo", "name": {"en": "OECD"}}
]})");
  const std::string second = WriteFile("b.json", R"({"entities": [
  {"id": "g20", "kind": "forum", "name": {"en": "G20"}},
  {"id": "oecd", "kind": "igo", "name": {"en": "Organisation for Economic Co-operation"}}
]})");
  EXPECT_THAT(ErrorMessage(Import({first, second})),
              HasSubstr(second + ":3:4: entity oecd: duplicate entity id \"oecd\" (first at " +
                        first + ":2:3)\n"));
}

TEST_F(ImportTest, DuplicateRelationIdInOneFileNamesTheFirstLocation) {
  const std::string path = WriteFile("a.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "china", "to": "ilo"},
  {"id": "r-10", "type": "mou", "from": "cn-mohrss", "to": "china"}
]})");
  EXPECT_THAT(ErrorMessage(Import({path})),
              HasSubstr(path + ":3:4: relation r-10: duplicate relation id \"r-10\" (first at " +
                        path + ":2:3)\n"));
}

TEST_F(ImportTest, EndpointKindsForbiddenByTheSchemaAreRefused) {
  EXPECT_THAT(
      ImportRelation(R"({"id": "r-10", "type": "funds", "from": "ssc-project", "to": "china"})"),
      HasSubstr(At("2:18") +
                "relation r-10: a funds relation cannot go from project ssc-project to "
                "country china (see the schema's \"funds\" type)\n"));
}

TEST_F(ImportTest, EndpointKindsOfEntitiesInTheSameImportAreChecked) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "cn-acftu", "kind": "trade_union", "name": {"zh": "中华全国总工会"}}
],
"relations": [
  {"id": "r-10", "type": "ratified", "from": "cn-acftu", "to": "c-100"}
]})");
  EXPECT_THAT(ErrorMessage(Import({path})),
              HasSubstr(path + ":5:18: relation r-10: a ratified relation cannot go from "
                               "trade_union cn-acftu to instrument c-100"));
}

TEST_F(ImportTest, UntilBeforeSinceIsRefused) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo",
                                 "since": "2019-06", "until": "2019-05-31"})"),
              HasSubstr(At("3:54") + "relation r-10: until 2019-05-31 is before since 2019-06\n"));
}

// "until 2019" runs to the end of 2019, so it is not before "since 2019-06".
TEST_F(ImportTest, UntilCoveringSinceIsAccepted) {
  Result<ApplyReport> report = Import({RelationFile(
      R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo", "since": "2019-06", "until": "2019"})")});
  EXPECT_TRUE(report.has_value()) << report.error().message();
}

TEST_F(ImportTest, UnknownTypeIsNamedWithASuggestion) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "fund", "from": "china", "to": "ilo"})"),
              HasSubstr(At("2:18") + "relation r-10: unknown relation type \"fund\" "
                                     "(did you mean \"funds\"?)\n"));
}

TEST_F(ImportTest, UnknownKindIsNamedWithASuggestion) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "oecd", "kind": "ig0", "name": {"en": "OECD"}}
]})");
  EXPECT_THAT(
      ErrorMessage(Import({path})),
      HasSubstr(path + ":2:18: entity oecd: unknown kind \"ig0\" (did you mean \"igo\"?)\n"));
}

TEST_F(ImportTest, CitingAnUndescribedSourceIsRefused) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo",
                                 "source": {"doc": "999_unknown.txt", "quote": "q"}})"),
              HasSubstr(At("3:34") + "relation r-10: source document \"999_unknown.txt\" is not "
                                     "described; add it to \"sources\"\n"));
}

TEST_F(ImportTest, CitingASourceAlreadyStoredIsAccepted) {
  Result<ApplyReport> report = Import({RelationFile(
      R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo", "source": {"doc": "001_brochure.txt", "quote": "q"}})")});
  EXPECT_TRUE(report.has_value()) << report.error().message();
}

TEST_F(ImportTest, CitingASourceDescribedInAnotherFileOfTheImportIsAccepted) {
  const std::string sources = WriteFile("sources.csv", "doc,title\n002_new.txt,New\n");
  Result<ApplyReport> report = Import(
      {RelationFile(
           R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo", "source": {"doc": "002_new.txt", "quote": "q"}})"),
       sources});
  EXPECT_TRUE(report.has_value()) << report.error().message();
}

TEST_F(ImportTest, SameSourceDescribedInTwoFilesIsStoredOnce) {
  const std::string a = WriteFile("a.csv", "doc,title\n002_new.txt,New\n");
  const std::string b = WriteFile("b.csv", "doc,title\n002_new.txt,New\n");
  Result<ApplyReport> report = Import({a, b});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->sources.added, 1U);
}

TEST_F(ImportTest, SameSourceDescribedDifferentlyIsRefused) {
  const std::string a = WriteFile("a.csv", "doc,title\n002_new.txt,New\n");
  const std::string b = WriteFile("b.csv", "doc,title\n002_new.txt,Newer\n");
  EXPECT_THAT(ErrorMessage(Import({a, b})),
              HasSubstr(b +
                        ":2: source 002_new.txt: source \"002_new.txt\" is described "
                        "differently at " +
                        a + ":2\n"));
}

TEST_F(ImportTest, SourcePeriodEndingBeforeItStartsIsRefused) {
  const std::string path = WriteFile("s.json", R"({"sources": [
  {"doc": "002_new.txt", "period": {"since": "2019-06", "until": "2019-05"}}
]})");
  EXPECT_THAT(ErrorMessage(Import({path})),
              HasSubstr(path + ":2:26: source 002_new.txt: period.since 2019-06 is after "
                               "period.until 2019-05\n"));
}

TEST_F(ImportTest, SourceWithABadPublicationDateIsRefusedWithItsLine) {
  const std::string csv = WriteFile("s.csv", "doc,published\n002_new.txt,2019-02-30\n");
  EXPECT_THAT(ErrorMessage(Import({csv})), HasSubstr(csv + ":2: source 002_new.txt: published: "));
}

TEST_F(ImportTest, SelfLoopIsRefused) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "mou", "from": "ilo", "to": "ilo"})"),
              HasSubstr(At("2:48") + "relation r-10: a relation cannot link \"ilo\" to itself\n"));
}

TEST_F(ImportTest, InvalidIdIsRefused) {
  EXPECT_THAT(
      ImportRelation(R"({"id": "R 10", "type": "mou", "from": "china", "to": "ilo"})"),
      HasSubstr(At("2:4") + "relation R 10: id \"R 10\" is not a valid id: use lowercase a-z, "
                            "0-9, '-', '_' and '.', starting with a letter or digit, at most "
                            "100 characters\n"));
}

TEST_F(ImportTest, ControlCharacterInTextIsRefused) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo",
                                 "title": "bell\u0007"})"),
              HasSubstr(At("3:34") + "relation r-10: title holds a control character\n"));
}

TEST_F(ImportTest, RelationsMayCiteEntitiesThatComeLater) {
  const std::string path = WriteFile(
      "a.jsonl",
      R"({"record": "relation", "id": "r-10", "type": "member_of", "from": "oecd", "to": "g20"}
{"record": "entity", "id": "oecd", "kind": "igo", "name": {"en": "OECD"}}
{"record": "entity", "id": "g20", "kind": "forum", "name": {"en": "G20"}}
)");
  Result<ApplyReport> report = Import({path});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->relations.added, 1U);
}

TEST_F(ImportTest, ReadingErrorsAndValidationErrorsAreReportedTogether) {
  const std::string path = WriteFile("a.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "china", "to": "ilo", "amout": 1},
  {"id": "r-11", "type": "mou", "from": "china", "to": "cn-mohrs"}
]})");
  EXPECT_EQ(ErrorMessage(Import({path})),
            path + ":2:63: relation r-10: unknown field \"amout\" (did you mean \"amount\"?)\n" +
                path +
                ":3:50: relation r-11: unknown entity \"cn-mohrs\" (did you mean \"cn-mohrss\"?)\n"
                "2 errors; nothing was imported");
}

// Reading finds the unknown field on line 3 before validation finds the
// unknown entity on line 2; the message lists them in file order.
TEST_F(ImportTest, ProblemsAreListedInTheOrderOfTheFile) {
  const std::string path = WriteFile("a.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "china", "to": "cn-mohrs"},
  {"id": "r-11", "type": "mou", "from": "china", "to": "ilo", "amout": 1}
]})");
  EXPECT_EQ(
      ErrorMessage(Import({path})),
      path + ":2:50: relation r-10: unknown entity \"cn-mohrs\" (did you mean \"cn-mohrss\"?)\n" +
          path +
          ":3:63: relation r-11: unknown field \"amout\" (did you mean \"amount\"?)\n"
          "2 errors; nothing was imported");
}

// The problem is pinned to its field in the file as read, without the mark.
TEST_F(ImportTest, ProblemInAFileWithAByteOrderMarkPointsAtItsField) {
  const std::string path = WriteFile(
      "a.json",
      "\xEF\xBB\xBF{\"relations\": [{\"id\": \"r-10\", \"type\": \"mou\", \"from\": \"china\", "
      "\"to\": \"cn-mohrs\"}]}");
  EXPECT_EQ(ErrorMessage(Import({path})),
            path +
                ":1:63: relation r-10: unknown entity \"cn-mohrs\" (did you mean \"cn-mohrss\"?)\n"
                "1 error; nothing was imported");
}

TEST_F(ImportTest, ProblemsOfEachFileAreListedTogetherInTheOrderGiven) {
  const std::string first = WriteFile("b.json", R"({"relations": [
  {"id": "r-10", "type": "mou", "from": "china", "to": "x1"}
]})");
  const std::string second = WriteFile("a.json", R"({"relations": [

  {"id": "r-11", "type": "mou", "from": "china", "to": "x2"}
]})");
  EXPECT_EQ(ErrorMessage(Import({first, second})),
            first + ":2:50: relation r-10: unknown entity \"x1\"\n" + second +
                ":3:50: relation r-11: unknown entity \"x2\"\n"
                "2 errors; nothing was imported");
}

TEST_F(ImportTest, DryRunReportsWhatWouldChangeAndWritesNothing) {
  const std::string before = ExportJson(store());
  ImportOptions options;
  options.dry_run = true;
  Result<ApplyReport> report = ImportFiles(
      store(), {RelationFile(R"({"id": "r-10", "type": "mou", "from": "china", "to": "ilo"})")},
      options);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->relations.added, 1U);
  EXPECT_EQ(ExportJson(store()), before);
}

TEST_F(ImportTest, DryRunStillReportsEveryError) {
  ImportOptions options;
  options.dry_run = true;
  Result<ApplyReport> report = ImportFiles(
      store(), {RelationFile(R"({"id": "r-10", "type": "mou", "from": "ilo", "to": "ilo"})")},
      options);
  EXPECT_EQ(ErrorMessage(report), At("2:48") +
                                      "relation r-10: a relation cannot link \"ilo\" to itself\n"
                                      "1 error; nothing was imported");
}

TEST_F(ImportTest, FileThatCannotBeReadStopsTheImport) {
  Result<ApplyReport> report = Import({PathOf("absent.json")});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kNotFound);
}

// Importing again.

TEST_F(ImportTest, ImportingTheSameFileAgainChangesNothing) {
  const std::string before = ExportJson(store());
  Result<ApplyReport> report = Import({Fixture("base.json")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->sources.unchanged, 1U);
  EXPECT_EQ(report->entities.unchanged, 5U);
  EXPECT_EQ(report->relations.unchanged, 2U);
  EXPECT_EQ(report->sources.added + report->entities.added + report->relations.added, 0U);
  EXPECT_EQ(report->sources.replaced + report->entities.replaced + report->relations.replaced, 0U);
  EXPECT_EQ(ExportJson(store()), before);
}

TEST_F(ImportTest, ChangedRecordWithoutReplaceIsRefused) {
  EXPECT_THAT(ImportRelation(R"({"id": "r-1", "type": "mou", "from": "cn-mohrss", "to": "ilo",
                                 "since": "2020"})"),
              HasSubstr(At("2:3") + "relation r-1: relation r-1 is already stored with different "
                                    "content; import with --replace to update it\n"));
}

TEST_F(ImportTest, ChangedRecordWithReplaceReplacesIt) {
  Result<ApplyReport> report = Import(
      {RelationFile(
          R"({"id": "r-1", "type": "mou", "from": "cn-mohrss", "to": "ilo", "since": "2020"})")},
      /*replace=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->relations.replaced, 1U);
  EXPECT_EQ(store().GetRelation("r-1")->since.ToString(), "2020");
}

TEST_F(ImportTest, ReplaceRemovesFieldsLeftOut) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "ilo", "kind": "un_entity", "name": {"en": "International Labour Organization"}}
]})");
  Result<ApplyReport> report = Import({path}, /*replace=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  Result<Entity> ilo = store().GetEntity("ilo");
  ASSERT_TRUE(ilo.has_value());
  EXPECT_EQ(ilo->name.zh, "");
  EXPECT_TRUE(ilo->aliases.empty());
}

TEST_F(ImportTest, EqualRecordsAreUnchangedEvenWithReplace) {
  Result<ApplyReport> report = Import({Fixture("base.json")}, /*replace=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->entities.unchanged, 5U);
  EXPECT_EQ(report->entities.replaced, 0U);
}

struct IdCase {
  std::string id;
  bool valid;
};

TEST(IsValidIdTest, AcceptsLowercaseSlugs) {
  const IdCase cases[] = {
      {"ilo", true},
      {"cn-mohrss", true},
      {"c_100", true},
      {"v1.2", true},
      {"2030-agenda", true},
      {std::string(100, 'a'), true},
      {std::string(101, 'a'), false},
      {"", false},
      {"ILO", false},
      {"-ilo", false},
      {".ilo", false},
      {"_ilo", false},
      {"il o", false},
      {"il/o", false},
      {"劳工", false},
  };
  for (const IdCase& c : cases) {
    EXPECT_EQ(IsValidId(c.id), c.valid) << c.id;
  }
}

}  // namespace
}  // namespace partnergraph
