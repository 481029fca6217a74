// CSV edge lists of other tools through the real pgraph: `import --map` on a
// Kumu file (From, To, Type; names in English and Chinese resolved with
// --resolve-names) and a Gephi file (Source, Target; ids), each relation
// checked by hand against its row; ambiguous and unknown names, problems at
// file:line:column with the column's name, all or nothing, a re-import that
// changes nothing, and a map the command line refuses.
#include <map>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;

const char kKumuMap[] =
    "From=from,To=to,Type=type,Label=title,Amount=amount,Currency=currency,Start=since,"
    "Quote=source_quote";
const char kGephiMap[] =
    "Source=from,Target=to,Label=type,Type=-,Id=-,timeset=-,Weight=attribute:weight,"
    "Doc=source_doc,Quote=source_quote";

std::string Fixture(const std::string& name) { return FixturePath("io/csv_map/" + name); }

// The relations of `pgraph export --format jsonl`, keyed by from, type, to.
std::map<std::string, Json> RelationsByEnds(const PgraphRunner& pgraph) {
  std::map<std::string, Json> relations;
  RunResult out = pgraph.Run({"export", "--format", "jsonl"});
  EXPECT_EQ(out.exit_code, 0) << out.err;
  std::istringstream lines(out.out);
  std::string line;
  while (std::getline(lines, line)) {
    Json record = Json::parse(line);
    if (record["record"] != "relation") continue;
    relations[record["from"].get<std::string>() + " " + record["type"].get<std::string>() + " " +
              record["to"].get<std::string>()] = record;
  }
  return relations;
}

class CsvMapImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(pgraph_.Run({"init", "--empty"}).exit_code, 0);
    RunResult entities = pgraph_.Run({"import", Fixture("entities.json")});
    ASSERT_EQ(entities.exit_code, 0) << entities.err;
  }
  std::string Export() const { return pgraph_.Run({"export", "--format", "jsonl"}).out; }
  PgraphRunner pgraph_;
};

// kumu.csv (CRLF line ends, as spreadsheets write them), row by row: the
// names resolve to china, proj-skills, ilo (国际劳工组织), cambodia (柬埔寨)
// and cn-mohrss (its alias 人社部); types in any case.
TEST_F(CsvMapImportTest, AKumuFileWithNamesInEitherLanguageImportsAsItsRowsSay) {
  RunResult import = pgraph_.Run({"--json", "import", "--map", kKumuMap, "--resolve-names",
                                  "--source", "partners-2024.pdf", Fixture("kumu.csv")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Json::parse(import.out)["relations"]["added"], 4);
  std::map<std::string, Json> relations = RelationsByEnds(pgraph_);
  ASSERT_EQ(relations.size(), 4u);

  const Json& funds = relations["china funds proj-skills"];
  EXPECT_EQ(funds["amount"], Json::parse(R"({"value": 745000, "currency": "USD"})"));
  EXPECT_EQ(funds["since"], "2019-06");
  EXPECT_FALSE(funds.contains("title"));
  EXPECT_EQ(funds["source"]["doc"], "partners-2024.pdf");
  EXPECT_EQ(funds["source"]["quote"], "China funds the project with USD 745,000");
  // No id column: one derived from the content, readable at its start.
  EXPECT_THAT(funds["id"].get<std::string>(), ::testing::StartsWith("china-funds-proj-skills-"));

  const Json& implements = relations["ilo implements proj-skills"];
  EXPECT_EQ(implements["since"], "2019");
  EXPECT_EQ(implements["source"]["quote"], "The ILO implements the project");
  EXPECT_FALSE(implements.contains("amount"));

  const Json& benefits = relations["proj-skills benefits cambodia"];
  EXPECT_EQ(benefits["source"]["quote"], "The project benefits Cambodia");
  EXPECT_FALSE(benefits.contains("since"));

  const Json& mou = relations["cn-mohrss mou ilo"];
  EXPECT_EQ(mou["title"], "Memorandum on skills");
  EXPECT_EQ(mou["since"], "2019-06-14");
  EXPECT_EQ(mou["source"]["quote"], "MOHRSS and the ILO signed an MoU on 14 June 2019");
}

// gephi.csv: Source and Target are ids; Gephi's own Type (Undirected),
// Id and timeset columns are left out; Weight kept as an attribute; the
// document from a column.
TEST_F(CsvMapImportTest, AGephiFileOfIdsImportsWithItsColumnsMapped) {
  RunResult import = pgraph_.Run({"--json", "import", "--map", kGephiMap, Fixture("gephi.csv")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Json::parse(import.out)["relations"]["added"], 2);
  std::map<std::string, Json> relations = RelationsByEnds(pgraph_);
  ASSERT_EQ(relations.size(), 2u);
  const Json& partners = relations["china partners_with cambodia"];
  EXPECT_EQ(partners["attributes"], Json::parse(R"({"weight": "1.0"})"));
  EXPECT_EQ(partners["source"]["doc"], "partners-2024.pdf");
  EXPECT_EQ(partners["source"]["quote"], "China and Cambodia are partners in skills");
  const Json& mou = relations["ilo mou kh-molvt"];
  EXPECT_EQ(mou["attributes"]["weight"], "2.5");
  EXPECT_EQ(mou["source"]["quote"], "The ILO and the MoLVT signed an MoU");
}

TEST_F(CsvMapImportTest, ReimportingTheSameFileChangesNothing) {
  std::vector<std::string> args = {"--json",
                                   "import",
                                   "--map",
                                   kKumuMap,
                                   "--resolve-names",
                                   "--source",
                                   "partners-2024.pdf",
                                   Fixture("kumu.csv")};
  ASSERT_EQ(pgraph_.Run(args).exit_code, 0);
  const std::string before = Export();
  RunResult again = pgraph_.Run(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  Json report = Json::parse(again.out);
  EXPECT_EQ(report["relations"]["added"], 0);
  EXPECT_EQ(report["relations"]["unchanged"], 4);
  EXPECT_EQ(Export(), before);
  // The same Gephi rows twice over: the second import adds nothing either.
  ASSERT_EQ(pgraph_.Run({"import", "--map", kGephiMap, Fixture("gephi.csv")}).exit_code, 0);
  RunResult gephi_again =
      pgraph_.Run({"--json", "import", "--map", kGephiMap, Fixture("gephi.csv")});
  EXPECT_EQ(Json::parse(gephi_again.out)["relations"]["unchanged"], 2);
}

// names_bad.csv: "Skills" is the alias of two projects; "Chna" names
// nothing. Each error at its cell, with the column's name; nothing written.
TEST_F(CsvMapImportTest, AnAmbiguousOrUnknownNameIsAnErrorAtItsCell) {
  const std::string before = Export();
  const std::string file = Fixture("names_bad.csv");
  RunResult import = pgraph_.Run({"import", "--map", "From=from,To=to,Type=type,Quote=quote",
                                  "--resolve-names", "--source", "partners-2024.pdf", file});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_THAT(import.err,
              HasSubstr(file + ":2:1: column \"From\": \"Skills\" names 2 entities; write the id "
                               "of the one meant: proj-skills (Skills for Cambodia, project); "
                               "proj-skills-asia (Skills for Asia, project)"));
  EXPECT_THAT(import.err, HasSubstr(file + ":3:7: column \"To\": no entity is named \"Chna\" "
                                           "(did you mean \"china\", China, country?)"));
  EXPECT_THAT(import.err, HasSubstr("2 errors; nothing was imported"));
  EXPECT_EQ(Export(), before);
  // Names are never matched near: without --resolve-names they are ids.
  RunResult as_ids = pgraph_.Run({"import", "--map", "From=from,To=to,Type=type,Quote=quote",
                                  "--source", "partners-2024.pdf", file});
  EXPECT_EQ(as_ids.exit_code, 1);
  EXPECT_THAT(as_ids.err, HasSubstr(file + ":2:1: relation "));
  EXPECT_THAT(as_ids.err, HasSubstr("(column \"From\"): unknown entity \"Skills\""));
}

// cells_bad.csv: an unknown type, an impossible date and an empty quote,
// each at its cell with the column's name; every one listed at once.
TEST_F(CsvMapImportTest, EveryProblemIsListedAtItsCellAndNothingIsImported) {
  const std::string before = Export();
  const std::string file = Fixture("cells_bad.csv");
  RunResult import =
      pgraph_.Run({"import", "--map", "From=from,To=to,Type=type,Start=since,Quote=source_quote",
                   "--source", "partners-2024.pdf", file});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_THAT(import.err, HasSubstr(file + ":2:19: relation china-fundz-proj-skills-"));
  EXPECT_THAT(import.err, HasSubstr("(column \"Type\"): unknown relation type \"fundz\" (did "
                                    "you mean \"funds\"?)"));
  EXPECT_THAT(import.err, HasSubstr(file + ":3:25: column \"Start\": since \"2019-13\" is not "
                                           "a date"));
  EXPECT_THAT(import.err, HasSubstr(file + ":4:33: column \"Quote\": is empty: every relation "
                                           "cites its source with a short exact quote"));
  EXPECT_THAT(import.err, HasSubstr("3 errors; nothing was imported"));
  EXPECT_EQ(Export(), before);
}

TEST_F(CsvMapImportTest, ColumnsTheMapAndTheHeaderDoNotShareAreErrorsAtTheHeader) {
  const std::string file = Fixture("gephi.csv");
  RunResult import =
      pgraph_.Run({"import", "--map",
                   "Source=from,Target=to,Label=type,Doc=source_doc,Quote=source_quote,"
                   "Wieght=attribute:weight",
                   file});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_THAT(import.err, HasSubstr(file + ":1:1: --map names the column \"Wieght\", which the "
                                           "header does not have (did you mean \"Weight\"?)"));
  EXPECT_THAT(import.err,
              HasSubstr(file + ":1:15: column \"Type\": not in --map: map it to a field "
                               "(Type=attribute:type keeps it as an attribute) or to - (Type=-) "
                               "to leave it out"));
  EXPECT_THAT(import.err, HasSubstr("nothing was imported"));
}

// A row the same as another is one relation written twice.
TEST_F(CsvMapImportTest, ARepeatedRowIsAnError) {
  const std::string file = pgraph_.WriteFile(
      "twice.csv",
      "From,To,Type,Quote\nchina,cambodia,partners_with,Partners\nchina,cambodia,partners_with,"
      "Partners\n");
  RunResult import = pgraph_.Run({"import", "--map", "From=from,To=to,Type=type,Quote=quote",
                                  "--source", "partners-2024.pdf", file});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_THAT(import.err, HasSubstr(file + ":3:1: this row repeats the row at line 2"));
}

// What the map itself gets wrong is a usage error (exit 2), before any file
// is read: a relation must quote its source in every row.
TEST_F(CsvMapImportTest, AMapWithoutWhatEveryRelationNeedsIsAUsageError) {
  const std::string file = Fixture("gephi.csv");
  RunResult no_quote = pgraph_.Run(
      {"import", "--map", "Source=from,Target=to,Label=type", "--source", "x.pdf", file});
  EXPECT_EQ(no_quote.exit_code, 2);
  EXPECT_THAT(no_quote.err, HasSubstr("no column is mapped to source_quote"));
  RunResult typo = pgraph_.Run({"import", "--map", "Source=frm", file});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("unknown field \"frm\" for column \"Source\" (did you mean "
                                  "\"from\"?)"));
  RunResult no_doc =
      pgraph_.Run({"import", "--map", "Source=from,Target=to,Label=type,Quote=quote", file});
  EXPECT_EQ(no_doc.exit_code, 2);
  EXPECT_THAT(no_doc.err, HasSubstr("no --source DOC"));
  RunResult names_without_map = pgraph_.Run({"import", "--resolve-names", file});
  EXPECT_EQ(names_without_map.exit_code, 2);
  EXPECT_EQ(Json::parse(pgraph_.Run({"--json", "stats"}).out)["relations"], 0);
}

}  // namespace
}  // namespace partnergraph::testing
