// The evidence rule of --as-of (README, "Time: dated and reported
// relations"), worked by hand on a small dataset: the real pgraph on a real
// RocksDB in a temporary folder.
//
//   ilo -mou-> x            2010-2012, cites a.txt
//   ilo -partners_with-> y  undated, cites a.txt (reports on 2018-2019)
//   ilo -partners_with-> z  undated, cites b.txt (states no date, no period)
//   ilo -partners_with-> w  undated, cites c.txt (published 2016-03, no period)
//   x -funds-> p            undated, cites a.txt
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using Json = nlohmann::json;

constexpr const char* kDataset = R"({
"sources": [
  {"doc": "a.txt", "title": "Report A", "language": "en", "symbol": "GB.1/A/1",
   "short_title": "Report A 2018-19", "period": {"since": "2018", "until": "2019"}},
  {"doc": "b.txt", "title": "Leaflet B", "language": "en"},
  {"doc": "c.txt", "title": "Paper C", "language": "en", "symbol": "GB.2/C/3",
   "published": "2016-03"}
],
"entities": [
  {"id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}},
  {"id": "x", "kind": "country", "name": {"en": "X"}},
  {"id": "y", "kind": "country", "name": {"en": "Y"}},
  {"id": "z", "kind": "country", "name": {"en": "Z"}},
  {"id": "w", "kind": "country", "name": {"en": "W"}},
  {"id": "p", "kind": "project", "name": {"en": "P"}}
],
"relations": [
  {"id": "r-dated", "type": "mou", "from": "ilo", "to": "x", "since": "2010", "until": "2012",
   "source": {"doc": "a.txt", "quote": "an MoU of 2010"}},
  {"id": "r-reported", "type": "partners_with", "from": "ilo", "to": "y",
   "source": {"doc": "a.txt", "quote": "partners with Y"}},
  {"id": "r-undated", "type": "partners_with", "from": "ilo", "to": "z",
   "source": {"doc": "b.txt", "quote": "partners with Z"}},
  {"id": "r-published", "type": "partners_with", "from": "ilo", "to": "w",
   "source": {"doc": "c.txt", "quote": "partners with W \\$ 5"}},
  {"id": "r-funds", "type": "funds", "from": "x", "to": "p",
   "amount": {"value": 1000, "currency": "USD"},
   "source": {"doc": "a.txt", "quote": "X funds P"}}
]})";

class DatesCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pgraph_ = new PgraphRunner();
    RunResult init = pgraph_->Run({"init", "--empty"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    RunResult import = pgraph_->Run({"import", pgraph_->WriteFile("dates.json", kDataset)});
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }
  static void TearDownTestSuite() {
    delete pgraph_;
    pgraph_ = nullptr;
  }

  // The neighbours of ilo as of `date` under `rule`: their ids and the
  // output's "dates" counts.
  struct Answer {
    std::set<std::string> ids;
    Json dates;
    std::string note;
  };
  static Answer Neighbours(const std::string& date, const std::string& rule = "") {
    std::vector<std::string> args = {"neighbours", "ilo", "--as-of", date, "--json"};
    if (!rule.empty()) args.insert(args.end(), {"--dates", rule});
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    Answer answer;
    const Json doc = Json::parse(result.out);
    for (const Json& node : doc["nodes"]) {
      if (node["id"] != "ilo") answer.ids.insert(node["id"].get<std::string>());
    }
    answer.dates = doc.value("dates", Json());
    answer.note = result.err;
    return answer;
  }
  static Json Counts(int dated, int reported, int undated, int excluded) {
    return Json{
        {"dated", dated}, {"reported", reported}, {"undated", undated}, {"excluded", excluded}};
  }
  static Json CountsOf(const Json& dates) {
    return Json{{"dated", dates["dated"]},
                {"reported", dates["reported"]},
                {"undated", dates["undated"]},
                {"excluded", dates["excluded"]}};
  }
  static PgraphRunner* pgraph_;
};
PgraphRunner* DatesCliTest::pgraph_ = nullptr;

// 2011 falls in 2010-2012; the reported relations start in 2018 and 2016-03.
TEST_F(DatesCliTest, DatedRelationInItsPeriodAndReportedOnesNotYet) {
  const Answer a = Neighbours("2011");
  EXPECT_EQ(a.ids, (std::set<std::string>{"x", "z"}));
  EXPECT_EQ(CountsOf(a.dates), Counts(1, 0, 1, 3));
  EXPECT_EQ(a.dates["as_of"], "2011");
  EXPECT_EQ(a.dates["rule"], "evidence");
  EXPECT_THAT(a.note, HasSubstr("as of 2011 (--dates evidence), of 5 relations: 1 dated and in "
                                "force, 0 reported-only (counted from their source's period), 1 "
                                "undated (their source states no period; counted always), 3 "
                                "excluded.\n"));
}

TEST_F(DatesCliTest, DatedRelationEndedBefore) {
  const Answer a = Neighbours("2013");
  EXPECT_EQ(a.ids, (std::set<std::string>{"z"}));
  EXPECT_EQ(CountsOf(a.dates), Counts(0, 0, 1, 4));
}

TEST_F(DatesCliTest, UndatedRelationIsNotKnownBeforeItsSourcesPeriod) {
  const Answer a = Neighbours("2015");
  EXPECT_EQ(a.ids, (std::set<std::string>{"z"}));
  EXPECT_EQ(CountsOf(a.dates), Counts(0, 0, 1, 4));
}

TEST_F(DatesCliTest, UndatedRelationIsKnownFromItsSourcesPeriodOn) {
  const Answer a = Neighbours("2019");
  EXPECT_EQ(a.ids, (std::set<std::string>{"y", "z", "w"}));
  EXPECT_EQ(CountsOf(a.dates), Counts(0, 3, 1, 1));  // y, w and p's funds; x ended in 2012
}

// A source with no period but a publication date reports from that date.
TEST_F(DatesCliTest, SourceWithoutAPeriodReportsFromItsPublication) {
  EXPECT_EQ(Neighbours("2016-02").ids, (std::set<std::string>{"z"}));
  EXPECT_EQ(Neighbours("2016-03").ids, (std::set<std::string>{"z", "w"}));
}

TEST_F(DatesCliTest, StrictLeavesUndatedRelationsOut) {
  const Answer a2011 = Neighbours("2011", "strict");
  EXPECT_EQ(a2011.ids, (std::set<std::string>{"x"}));
  EXPECT_EQ(CountsOf(a2011.dates), Counts(1, 0, 0, 4));
  EXPECT_THAT(a2011.note, HasSubstr("as of 2011 (--dates strict), of 5 relations: 1 dated and in "
                                    "force, 4 excluded (undated ones are left out).\n"));
  EXPECT_THAT(Neighbours("2019", "strict").ids, IsEmpty());
}

TEST_F(DatesCliTest, AnyCountsUndatedRelationsAlways) {
  const Answer a = Neighbours("2015", "any");
  EXPECT_EQ(a.ids, (std::set<std::string>{"y", "z", "w"}));
  EXPECT_EQ(CountsOf(a.dates), Counts(0, 3, 1, 1));
  EXPECT_THAT(a.note, HasSubstr("as of 2015 (--dates any), of 5 relations: 0 dated and in force, "
                                "4 undated (counted always), 1 excluded.\n"));
}

TEST_F(DatesCliTest, WithoutAsOfThereIsNoNoteAndNoCounts) {
  RunResult result = pgraph_->Run({"neighbours", "ilo", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(Json::parse(result.out).contains("dates"));
  EXPECT_THAT(result.err, Not(HasSubstr("as of")));
}

TEST_F(DatesCliTest, BadRuleIsAUsageError) {
  RunResult result = pgraph_->Run({"neighbours", "ilo", "--as-of", "2015", "--dates", "loose"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err,
              HasSubstr("pgraph: error: --dates: \"loose\" is not one of evidence, strict, any"));
}

TEST_F(DatesCliTest, FundsFollowTheRule) {
  auto flows = [](const std::string& date, const std::string& rule) {
    RunResult result = pgraph_->Run({"funds", "--as-of", date, "--dates", rule, "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out)["flows"].size();
  };
  EXPECT_EQ(flows("2015", "evidence"), 0U);
  EXPECT_EQ(flows("2018", "evidence"), 1U);
  EXPECT_EQ(flows("2015", "any"), 1U);
  EXPECT_EQ(flows("2018", "strict"), 0U);
}

TEST_F(DatesCliTest, CypherAsOfFollowsTheRule) {
  auto count = [](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"query", "MATCH (:un_entity)-[r]->() RETURN count(r) AS n",
                                     "--format", "csv"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  };
  EXPECT_EQ(count({"--as-of", "2015"}), "n\n1\n");                       // z
  EXPECT_EQ(count({"--as-of", "2019"}), "n\n3\n");                       // y, z, w
  EXPECT_EQ(count({"--as-of", "2011", "--dates", "strict"}), "n\n1\n");  // x
  EXPECT_EQ(count({"--as-of", "2015", "--dates", "any"}), "n\n3\n");     // y, z, w
  RunResult clause = pgraph_->Run(
      {"query", "MATCH (:un_entity)-[r]->() AS OF '2015' RETURN count(r) AS n", "--format", "csv"});
  EXPECT_EQ(clause.out, "n\n1\n") << clause.err;
}

TEST_F(DatesCliTest, ShowFollowsTheRuleAndCitesShortTitles) {
  RunResult result = pgraph_->Run({"show", "ilo", "--as-of", "2019"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Report A 2018-19: “partners with Y”"));
  EXPECT_THAT(result.out, HasSubstr("GB.2/C/3: “partners with W $ 5”"));  // no short title
  EXPECT_THAT(result.out, HasSubstr("b.txt: “partners with Z”"));         // neither
  EXPECT_THAT(result.out, Not(HasSubstr("an MoU of 2010")));
  EXPECT_THAT(result.err, HasSubstr("as of 2019 (--dates evidence)"));
}

TEST_F(DatesCliTest, SourcesListWhatEachDocumentSaysOfItself) {
  RunResult result = pgraph_->Run({"sources", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Json sources = Json::parse(result.out);
  ASSERT_EQ(sources.size(), 3U);
  EXPECT_EQ(sources[0]["doc"], "a.txt");
  EXPECT_EQ(sources[0]["symbol"], "GB.1/A/1");
  EXPECT_EQ(sources[0]["short_title"], "Report A 2018-19");
  EXPECT_EQ(sources[0]["period"], (Json{{"since", "2018"}, {"until", "2019"}}));
  EXPECT_EQ(sources[0]["relations"], 3);
  EXPECT_EQ(sources[1]["published"], nullptr);
  EXPECT_EQ(sources[1]["relations"], 1);
  EXPECT_EQ(sources[2]["published"], "2016-03");

  RunResult table = pgraph_->Run({"sources", "--format", "csv"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out,
            "doc,symbol,short title,published,period,language,relations\n"
            "a.txt,GB.1/A/1,Report A 2018-19,,2018–2019,en,3\n"
            "b.txt,,,,,en,1\n"
            "c.txt,GB.2/C/3,,2016-03,,en,1\n");
}

}  // namespace
}  // namespace partnergraph::testing
