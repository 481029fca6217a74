// The real pgraph on a real RocksDB in a temporary directory: what a user
// types and what comes back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "partnergraph/store.h"

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

class CliTest : public ::testing::Test {
 protected:
  // A database with the bundled dataset, made once per test.
  void InitBundled() {
    RunResult init = pgraph_.Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  Json RunJson(const std::vector<std::string>& args) {
    std::vector<std::string> with_json = args;
    with_json.push_back("--json");
    RunResult result = pgraph_.Run(with_json);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
  }
  std::string Export(const std::string& format) {
    RunResult result = pgraph_.Run({"export", "--format", format});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  PgraphRunner pgraph_;
};

TEST_F(CliTest, InitLoadsTheBundledDatasetAndStatsCountsIt) {
  InitBundled();
  Json stats = RunJson({"stats"});
  EXPECT_GT(stats["entities"].get<int>(), 300);
  EXPECT_GT(stats["relations"].get<int>(), 600);
  EXPECT_EQ(stats["unsourced"].get<int>(), 0);
  EXPECT_GT(stats["by_kind"]["ministry"].get<int>(), 3);
  EXPECT_GT(stats["by_type"]["mou"].get<int>(), 10);
}

TEST_F(CliTest, FindsTheIloByChineseNameAndByAcronymInAnyCase) {
  InitBundled();
  for (const std::string text : {"国际劳工组织", "ilo", "ILO", "劳工组织", "ＩＬＯ"}) {
    Json found = RunJson({"find", text});
    ASSERT_FALSE(found.empty()) << text;
    EXPECT_EQ(found[0]["id"], "ilo") << text;
    EXPECT_EQ(found[0]["name"]["zh"], "国际劳工组织") << text;
  }
}

TEST_F(CliTest, FindsTheMinistryOfHumanResourcesByEveryName) {
  InitBundled();
  for (const std::string text : {"MOHRSS", "mohrss", "人社部", "人力资源和社会保障部",
                                 "Ministry of Human Resources and Social Security"}) {
    Json found = RunJson({"find", text});
    ASSERT_FALSE(found.empty()) << text;
    EXPECT_EQ(found[0]["id"], "cn-mohrss") << text;
  }
}

TEST_F(CliTest, DefaultDatabaseIsCreatedFromTheBundledDatasetOnFirstUse) {
  RunResult result = pgraph_.Run({"find", "ACFTU", "--json"}, /*with_db=*/false);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("cn-acftu"));
  EXPECT_TRUE(std::filesystem::exists(pgraph_.dir() / "xdg/partnergraph/default.db/CURRENT"));
}

TEST_F(CliTest, ShowGroupsRelationsWithTheirSources) {
  InitBundled();
  Json shown = RunJson({"show", "人社部"});
  EXPECT_EQ(shown["entity"]["id"], "cn-mohrss");
  bool has_mou_with_ilo = false;
  for (const Json& relation : shown["relations"]) {
    EXPECT_TRUE(relation.contains("source")) << relation.dump();
    if (relation["type"] == "mou" && (relation["to"] == "ilo" || relation["from"] == "ilo")) {
      has_mou_with_ilo = true;
    }
  }
  EXPECT_TRUE(has_mou_with_ilo);
}

TEST_F(CliTest, AmbiguousReferenceIsAnErrorListingTheCandidates) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  ASSERT_EQ(pgraph_.Run({"import", FixturePath("cli/small.json")}).exit_code, 0);
  RunResult result = pgraph_.Run({"show", "shared alias"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("matches 2 entities"));
  EXPECT_THAT(result.err, HasSubstr("fx-agency"));
  EXPECT_THAT(result.err, HasSubstr("fx-ministry"));
}

TEST_F(CliTest, UnknownEntityIsNotFoundWithSuggestions) {
  InitBundled();
  RunResult result = pgraph_.Run({"show", "unicef-typo-nothing"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("no entity matches"));
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(pgraph_.Run({"find"}).exit_code, 2);  // missing argument
  EXPECT_EQ(pgraph_.Run({"stats", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(pgraph_.Run({"no-such-command"}).exit_code, 2);
  EXPECT_EQ(pgraph_.Run({"export", "--format", "xml"}).exit_code, 2);
}

// 16.17: a missing import file was CLI11's usage error (exit 2, its own
// words); it is a failure the importer reports, in pgraph's layout.
TEST_F(CliTest, MissingImportFileExitsOneWithTheReason) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  const std::string before = Export("jsonl");
  const std::string missing = (pgraph_.dir() / "missing.json").string();
  RunResult result = pgraph_.Run({"import", missing});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err, "pgraph: cannot open " + missing + ": No such file or directory\n");
  // One missing file among good ones: nothing is written.
  result = pgraph_.Run({"import", FixturePath("cli/small.json"), missing});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("cannot open " + missing + ": No such file or directory"));
  EXPECT_EQ(Export("jsonl"), before);
  // Still a usage error: no file at all.
  EXPECT_EQ(pgraph_.Run({"import"}).exit_code, 2);
}

TEST_F(CliTest, UnknownCommandIsNamedWithTheClosestOne) {
  RunResult result = pgraph_.Run({"shows", "ilo"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown command \"shows\" (did you mean \"show\"?)"));
  result = pgraph_.Run({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown command \"frobnicate\""));
}

TEST_F(CliTest, HelpExitsZeroAndNamesTheCommands) {
  RunResult result = pgraph_.Run({"--help"}, /*with_db=*/false);
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"init", "import", "export", "find", "show", "path", "neighbours",
                              "funds", "central", "stats", "dot", "render"}) {
    EXPECT_THAT(result.out, HasSubstr(command));
  }
  EXPECT_EQ(pgraph_.Run({"path", "--help"}, false).exit_code, 0);
}

TEST_F(CliTest, OneBadRecordAmongManyWritesNothingAndListsEveryErrorWithItsLine) {
  InitBundled();
  const std::string before = Export("json");
  const std::string bad = FixturePath("cli/one_bad_among_many.json");
  RunResult result = pgraph_.Run({"import", bad});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(bad + ":15:36: relation fx-r3"));
  EXPECT_THAT(result.err, HasSubstr("relation fx-r3: unknown entity \"cn-mohrs\" (did you mean "
                                    "\"cn-mohrss\"?)"));
  EXPECT_THAT(result.err, HasSubstr(bad + ":17:78: relation fx-r4"));
  EXPECT_THAT(result.err, HasSubstr("relation fx-r4: bad date \"2019-13-40\""));
  EXPECT_THAT(result.err, HasSubstr(bad + ":20:6: relation fx-r5"));
  EXPECT_THAT(result.err, HasSubstr("relation fx-r5: amount.value must not be negative"));
  EXPECT_THAT(result.err, HasSubstr("3 errors; nothing was imported"));
  EXPECT_EQ(Export("json"), before);  // atomic: the store is exactly as it was
}

TEST_F(CliTest, ReimportingTheSameFileChangesNothing) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  const std::string file = FixturePath("cli/small.json");
  ASSERT_EQ(pgraph_.Run({"import", file}).exit_code, 0);
  const std::string first = Export("json");
  Json second = RunJson({"import", file});
  EXPECT_EQ(second["entities"]["added"], 0);
  EXPECT_EQ(second["entities"]["unchanged"], 4);
  EXPECT_EQ(second["relations"]["unchanged"], 4);
  EXPECT_EQ(Export("json"), first);
}

TEST_F(CliTest, DryRunValidatesAndWritesNothing) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  const std::string before = Export("json");
  Json report = RunJson({"import", "--dry-run", FixturePath("cli/small.json")});
  EXPECT_EQ(report["entities"]["added"], 4);
  EXPECT_EQ(Export("json"), before);
  RunResult bad = pgraph_.Run({"import", "--dry-run", FixturePath("cli/one_bad_among_many.json")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("nothing was imported"));
}

TEST_F(CliTest, ChangedRecordNeedsReplace) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  ASSERT_EQ(pgraph_.Run({"import", FixturePath("cli/small.json")}).exit_code, 0);
  const std::string changed = pgraph_.WriteFile(
      "changed.json",
      R"({"entities": [{"id": "fx-country", "kind": "country", "name": {"en": "Renamed"}}]})");
  RunResult refused = pgraph_.Run({"import", changed});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("already stored with different content"));
  RunResult replaced = pgraph_.Run({"import", "--replace", changed});
  EXPECT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(RunJson({"find", "renamed"})[0]["id"], "fx-country");
  EXPECT_TRUE(RunJson({"find", "fixtureland"}).empty());  // the old name is gone from the index
}

// Export, import into an empty database, export again: byte-identical.
TEST_F(CliTest, JsonAndJsonLinesRoundTripsAreByteIdentical) {
  InitBundled();
  for (const std::string format : {"json", "jsonl"}) {
    const std::string exported = Export(format);
    const std::string file = pgraph_.WriteFile("export." + format, exported);
    PgraphRunner other;
    ASSERT_EQ(other.Run({"init", "--empty"}).exit_code, 0);
    RunResult imported = other.Run({"import", file});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    RunResult again = other.Run({"export", "--format", format});
    EXPECT_EQ(again.out, exported) << format;
  }
}

TEST_F(CliTest, CsvExportImportsBackToTheSameDatabase) {
  InitBundled();
  const std::string folder = (pgraph_.dir() / "csv").string();
  ASSERT_EQ(pgraph_.Run({"export", "--format", "csv", "-o", folder}).exit_code, 0);
  PgraphRunner other;
  ASSERT_EQ(other.Run({"init", "--empty"}).exit_code, 0);
  RunResult imported =
      other.Run({"import", folder + "/sources.csv", folder + "/nodes.csv", folder + "/edges.csv"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(other.Run({"export"}).out, Export("json"));
}

TEST_F(CliTest, SecondWriterIsToldTheDatabaseIsInUseWhileReadersCarryOn) {
  ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
  ASSERT_EQ(pgraph_.Run({"import", FixturePath("cli/small.json")}).exit_code, 0);
  // This process holds the store open for writing, as a running import does.
  Result<std::unique_ptr<Store>> writer = Store::Open(pgraph_.db(), OpenMode::kReadWrite);
  ASSERT_TRUE(writer.has_value()) << writer.error().message();
  RunResult second = pgraph_.Run({"import", FixturePath("cli/small.json")});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("in use by another process"));
  RunResult reader = pgraph_.Run({"find", "FXM", "--json"});
  EXPECT_EQ(reader.exit_code, 0) << reader.err;
  EXPECT_THAT(reader.out, HasSubstr("fx-ministry"));
}

}  // namespace
}  // namespace partnergraph::testing
