// pgraph diff, dot/render --diff and --began-between through the real pgraph
// on a real RocksDB, on tests/fixtures/diff/changes.json: a hub with a
// relation for every case at year, month and day boundaries, and sources
// whose reporting periods start before, inside and after the window. The
// expected answers are worked out by hand from the rules of
// include/partnergraph/diff.h:
//   began:          since within (A, B]: since.first > A.last, <= B.last
//   ended:          until within [A, B): until.last >= A.first, < B.first
//   first reported: undated, its source's period (else, when it states no
//                   period, its publication) starting within (A, B]
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;
using Changes = std::map<std::string, std::string>;  // relation id -> change

class DiffCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pgraph_ = new PgraphRunner();
    RunResult init = pgraph_->Run({"init", "--empty"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    RunResult import = pgraph_->Run({"import", FixturePath("diff/changes.json")});
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }
  static void TearDownTestSuite() {
    delete pgraph_;
    pgraph_ = nullptr;
  }

  static Json RunJson(std::vector<std::string> args) {
    args.push_back("--json");
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out, nullptr, false);
  }

  // The changed relations of `pgraph diff A B [extra...]`, by id.
  static Changes ChangesOf(const std::string& a, const std::string& b,
                           const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"diff", a, b};
    args.insert(args.end(), extra.begin(), extra.end());
    Json doc = RunJson(args);
    Changes changes;
    for (const Json& group : doc["groups"]) {
      for (const Json& relation : group["relations"]) {
        changes[relation["id"].get<std::string>()] = relation["change"].get<std::string>();
      }
    }
    return changes;
  }

  static std::set<std::string> Ids(const Json& list) {
    std::set<std::string> ids;
    for (const Json& item : list) ids.insert(item["id"].get<std::string>());
    return ids;
  }

  static PgraphRunner* pgraph_;
};
PgraphRunner* DiffCliTest::pgraph_ = nullptr;

TEST_F(DiffCliTest, NamesWhatBeganEndedAndWasFirstReportedWithItsDateAndSource) {
  Json doc = RunJson({"diff", "2015", "2019"});
  EXPECT_EQ(doc["from"], "2015");
  EXPECT_EQ(doc["to"], "2019");
  EXPECT_TRUE(doc["around"].is_null());
  EXPECT_EQ(doc["counts"], Json::parse(R"({"began": 8, "began_and_ended": 1, "ended": 2,
                                           "first_reported": 2, "unchanged": 5})"));
  // By type, each group with its counts; within one, began first, by date.
  ASSERT_EQ(doc["groups"].size(), 3U);
  EXPECT_EQ(doc["groups"][0]["type"], "funds");
  EXPECT_EQ(doc["groups"][1]["type"], "mou");
  EXPECT_EQ(doc["groups"][1]["counts"]["began"], 5);
  EXPECT_EQ(doc["groups"][1]["counts"]["ended"], 1);
  std::vector<std::string> mou_order;
  for (const Json& r : doc["groups"][1]["relations"]) mou_order.push_back(r["id"]);
  EXPECT_EQ(mou_order, (std::vector<std::string>{"r-began-month", "r-far", "r-began-year", "r-day",
                                                 "r-began-july", "r-ended-2015"}));
  std::map<std::string, Json> by_id;
  for (const Json& group : doc["groups"]) {
    for (const Json& r : group["relations"]) by_id[r["id"]] = r;
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"f-2018", {"began", "2018"}},
      {"f-2019-03", {"began", "2019-03"}},
      {"f-2019-hub", {"began", "2019"}},
      {"r-began-month", {"began", "2016-01"}},
      {"r-far", {"began", "2017"}},
      {"r-began-year", {"began", "2019"}},
      {"r-day", {"began", "2019-06-30"}},
      {"r-began-july", {"began", "2019-07"}},
      {"r-ended-2015", {"ended", "2015"}},
      {"r-ended-2018-12", {"ended", "2018-12"}},
      {"r-began-ended", {"began and ended", "2016–2017"}},
      {"r-reported-mid", {"first reported", "2016-03–2016-12"}},
      {"r-reported-published", {"first reported", "2017-05"}},
  };
  ASSERT_EQ(by_id.size(), expected.size()) << doc.dump(2);
  for (const auto& [id, change_and_date] : expected) {
    ASSERT_TRUE(by_id.count(id)) << id;
    EXPECT_EQ(by_id[id]["change"], change_and_date.first) << id;
    EXPECT_EQ(by_id[id]["date"], change_and_date.second) << id;
  }
  // What it is about (title, else role), and its source: the short title
  // when the source has one, else the file, with the quote.
  EXPECT_EQ(by_id["r-began-year"]["what"], "MoU of 2019");
  EXPECT_EQ(by_id["r-began-month"]["what"], "signed in January 2016");
  EXPECT_EQ(by_id["r-reported-mid"]["source_title"], "Mid report 2016");
  EXPECT_EQ(by_id["r-reported-mid"]["source"]["quote"], "quote of r-reported-mid");
  EXPECT_EQ(by_id["r-far"]["source_title"], "none.txt");
}

struct WindowCase {
  const char* from;
  const char* to;
  Changes changes;  // every relation that changed
};

TEST_F(DiffCliTest, YearMonthAndDayBoundariesFollowTheAsOfRule) {
  const std::vector<WindowCase> cases = {
      // A month: MoUs of 2019 (year), of 2019-06-30 (a day of June) were in
      // force as of 2019-06; that of 2019-07 began after it.
      {"2019-06", "2019-12", {{"r-began-july", "began"}}},
      // A day, then a month: the MoU of 2019-06-30 began after 2019-06-29.
      {"2019-06-29", "2019-07", {{"r-day", "began"}, {"r-began-july", "began"}}},
      // From 2019 on, everything of 2019 was in force as of 2019; an MoU
      // until 2019 ended before 2020; the late report's undated relation is
      // first reported in its period, 2020–2021.
      {"2019",
       "2020",
       {{"r-after", "began"}, {"r-until-2019", "ended"}, {"r-reported-late", "first reported"}}},
      // A relation until 2018-12 ends within [2018-12, 2019).
      {"2018-12",
       "2019",
       {{"r-ended-2018-12", "ended"},
        {"r-began-year", "began"},
        {"r-began-july", "began"},
        {"r-day", "began"},
        {"f-2019-03", "began"},
        {"f-2019-hub", "began"}}},
      // The same date twice: an empty window.
      {"2019", "2019", {}},
  };
  for (const WindowCase& c : cases) {
    EXPECT_EQ(ChangesOf(c.from, c.to), c.changes) << c.from << " " << c.to;
  }
}

TEST_F(DiffCliTest, AroundKeepsTheNeighbourhoodOverRelationsOfAnyDate) {
  // m14 is two hops from the hub (through m1), the projects two hops (through
  // the donor): one hop leaves out r-far and the donor's project grants.
  Json one = RunJson({"diff", "2015", "2019", "--around", "hub", "--depth", "1"});
  EXPECT_EQ(one["around"], "hub");
  EXPECT_EQ(one["depth"], 1);
  EXPECT_EQ(one["counts"], Json::parse(R"({"began": 5, "began_and_ended": 1, "ended": 2,
                                           "first_reported": 2, "unchanged": 4})"));
  Changes changes = ChangesOf("2015", "2019", {"--around", "hub"});
  EXPECT_EQ(changes.count("r-far"), 0U);
  EXPECT_EQ(changes.count("f-2019-03"), 0U);
  EXPECT_EQ(changes.at("f-2019-hub"), "began");
  // Two hops reach every entity: the whole network's answer.
  EXPECT_EQ(ChangesOf("2015", "2019", {"--around", "Hub Organisation", "--depth", "2"}),
            ChangesOf("2015", "2019"));
  // --types and --kinds narrow it further.
  EXPECT_EQ(ChangesOf("2015", "2019", {"--around", "hub", "--types", "partners_with"}),
            (Changes{{"r-began-ended", "began and ended"},
                     {"r-ended-2018-12", "ended"},
                     {"r-reported-mid", "first reported"},
                     {"r-reported-published", "first reported"}}));
  EXPECT_EQ(ChangesOf("2015", "2019", {"--types", "funds", "--kinds", "country,igo"}),
            (Changes{{"f-2019-hub", "began"}}));
}

TEST_F(DiffCliTest, PrintsEveryFormat) {
  RunResult table = pgraph_->Run({"diff", "2015", "2019", "--around", "hub"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("mou (4 began, 1 ended)\n"));
  EXPECT_THAT(table.out, HasSubstr("partners_with (1 began and ended, 1 ended, 2 first reported)"));
  EXPECT_THAT(table.out, HasSubstr("Mid report 2016: “quote of r-reported-mid”"));
  EXPECT_THAT(table.err, HasSubstr("From 2015 to 2019, within 1 hop of hub: 5 began, 1 began and "
                                   "ended, 2 ended, 2 first reported; 4 unchanged"));

  RunResult csv = pgraph_->Run({"diff", "2015", "2019", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::istringstream csv_lines(csv.out);
  std::string line;
  std::getline(csv_lines, line);
  EXPECT_EQ(line, "type,change,date,id,from,to,what,source,quote");
  size_t rows = 0;
  while (std::getline(csv_lines, line)) ++rows;
  EXPECT_EQ(rows, 13U);
  EXPECT_THAT(csv.out,
              HasSubstr("partners_with,first reported,2016-03–2016-12,r-reported-mid,hub,m10,"
                        "reported in 2016,Mid report 2016,quote of r-reported-mid\n"));

  RunResult tsv = pgraph_->Run({"diff", "2015", "2019", "--format", "tsv"});
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  EXPECT_THAT(tsv.out, HasSubstr("mou\tended\t2015\tr-ended-2015\thub\tm4\t\tnone.txt\t"));

  RunResult jsonl = pgraph_->Run({"diff", "2015", "2019", "--format", "jsonl"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  std::istringstream jsonl_lines(jsonl.out);
  std::set<std::string> ids;
  while (std::getline(jsonl_lines, line)) {
    Json record = Json::parse(line);
    ids.insert(record["id"].get<std::string>());
    EXPECT_TRUE(record.contains("change")) << line;
    EXPECT_TRUE(record.contains("type")) << line;
  }
  EXPECT_EQ(ids.size(), 13U);

  RunResult json = pgraph_->Run({"diff", "2015", "2019", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Json::parse(json.out)["counts"]["began"], 8);

  RunResult none = pgraph_->Run({"diff", "2019", "2019"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "No relation began, ended or was first reported between 2019 and 2019.\n");
}

TEST_F(DiffCliTest, BadDatesAndTypesAreUsageErrors) {
  struct BadCase {
    std::vector<std::string> args;
    const char* message;
  };
  const std::vector<BadCase> cases = {
      {{"diff", "2019", "2015"}, "diff: 2019 is after 2015: give the earlier date first"},
      {{"diff", "2019-06", "2019"}, "diff: 2019-06 starts or ends after 2019"},
      {{"diff", "2019", "2019-06"}, "diff: 2019 starts or ends after 2019-06"},
      {{"diff", "2019-13", "2020"}, "diff: bad date \"2019-13\""},
      {{"diff", "2019-02-29", "2020"}, "diff: bad date \"2019-02-29\""},
      {{"diff", "2015"}, "required"},
      {{"diff", "2015", "2019", "--types", "nosuch"}, "unknown relation type \"nosuch\""},
      {{"diff", "2015", "2019", "--kinds", "nosuch"}, "unknown entity kind \"nosuch\""},
      {{"dot", "--diff", "2019", "2015"}, "--diff: 2019 is after 2015"},
      {{"dot", "--diff", "2015", "2019", "--as-of", "2016"}, "--diff A B and --as-of: choose one"},
      {{"show", "hub", "--began-between", "2020", "2019"}, "--began-between: 2020 is after 2019"},
      {{"neighbours", "hub", "--began-between", "2019", "20x9"}, "--began-between: bad date"},
      {{"funds", "--began-between", "2019"}, "--began-between"},
  };
  for (const BadCase& c : cases) {
    RunResult result = pgraph_->Run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args[0] << " " << c.args[1] << ": " << result.err;
    EXPECT_THAT(result.err, HasSubstr(c.message)) << c.args[0] << " " << c.args[1];
    EXPECT_THAT(result.err, HasSubstr("Usage: pgraph " + c.args[0]));
  }
  RunResult unknown = pgraph_->Run({"diff", "2015", "2019", "--around", "nosuch"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  EXPECT_THAT(unknown.err, HasSubstr("nosuch"));
}

// The DOT line of the edge drawing relation `id` ("" when there is none).
std::string EdgeLine(const std::string& dot, const std::string& id) {
  std::istringstream lines(dot);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("key=\"" + id + "\"") != std::string::npos) return line;
  }
  return "";
}

TEST_F(DiffCliTest, OverlayDrawsEachChangeInItsStyleAndGraphvizParsesIt) {
  RunResult dot = pgraph_->Run({"dot", "--diff", "2015", "2019", "--around", "hub"});
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  const std::string file = pgraph_->WriteFile("overlay.dot", dot.out);
  const std::string svg = (pgraph_->dir() / "overlay.svg").string();
  const std::string command = "dot -Tsvg -o '" + svg + "' '" + file + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);  // NOLINT(concurrency-mt-unsafe)
  const std::string picture = pgraph_->ReadFile(svg);

  struct StyleCase {
    const char* relation;
    std::vector<std::string> attributes;
  };
  const std::vector<StyleCase> cases = {
      {"r-began-year", {"color=\"#1b9e3e\"", "style=\"solid\"", "penwidth=\"3\""}},
      {"f-2019-hub", {"color=\"#1b9e3e\"", "penwidth=\"3\""}},
      {"r-ended-2015", {"color=\"#d62728\"", "style=\"dashed\""}},
      {"r-ended-2018-12", {"color=\"#d62728\"", "style=\"dashed\""}},
      {"r-began-ended", {"color=\"#e67e00\"", "style=\"dashed\""}},
      {"r-reported-mid", {"color=\"#1f62c4\"", "style=\"dotted\""}},
      {"r-in-force-2015", {"color=\"#a0a0a0\"", "penwidth=\"1\""}},
      {"r-reported-none", {"color=\"#a0a0a0\""}},
  };
  for (const StyleCase& c : cases) {
    const std::string line = EdgeLine(dot.out, c.relation);
    ASSERT_FALSE(line.empty()) << c.relation;
    for (const std::string& attribute : c.attributes) {
      EXPECT_THAT(line, HasSubstr(attribute)) << c.relation;
    }
  }
  // Outside the window (began after B, ended before A, reported after B):
  // not drawn, nor the entities they alone link.
  for (const char* relation : {"r-after", "r-before", "r-reported-late"}) {
    EXPECT_EQ(EdgeLine(dot.out, relation), "") << relation;
  }
  for (const char* entity : {"\"m8\"", "\"m9\"", "\"m12\""}) {
    EXPECT_THAT(dot.out, Not(HasSubstr(std::string("  ") + entity + " ["))) << entity;
  }
  // The legend names every change drawn, under the window.
  for (const char* name :
       {"began", "began and ended", "ended", "first reported", "unchanged", "2015 → 2019"}) {
    EXPECT_THAT(dot.out, HasSubstr(name)) << name;
  }
  // Graphviz drew the styles.
  EXPECT_THAT(picture, HasSubstr("stroke=\"#1b9e3e\""));
  EXPECT_THAT(picture, HasSubstr("stroke=\"#d62728\""));
  EXPECT_THAT(picture, HasSubstr("stroke-dasharray"));

  RunResult png = pgraph_->Run({"render", "--diff", "2015", "2019", "--around", "hub", "--depth",
                                "1", "-o", (pgraph_->dir() / "overlay.png").string()});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  EXPECT_THAT(png.out, HasSubstr("Wrote "));
}

TEST_F(DiffCliTest, BeganBetweenOnShowNeighboursAndFunds) {
  // The MoUs signed in 2019: of the year, of a month and of a day of it.
  Json show = RunJson({"show", "hub", "--types", "mou", "--began-between", "2019", "2019"});
  EXPECT_EQ(Ids(show["relations"]),
            (std::set<std::string>{"r-began-year", "r-began-july", "r-day"}));
  // A month: "since 2019" starts on 2019-01-01, before July.
  show = RunJson({"show", "hub", "--began-between", "2019-07", "2019-07"});
  EXPECT_EQ(Ids(show["relations"]), (std::set<std::string>{"r-began-july"}));
  // Undated relations never began between anything.
  show = RunJson({"show", "hub", "--began-between", "1000", "9999"});
  for (const char* undated :
       {"r-reported-mid", "r-reported-old", "r-reported-none", "r-reported-published"}) {
    EXPECT_EQ(Ids(show["relations"]).count(undated), 0U) << undated;
  }

  // The search follows only relations begun in 2016-2017: m1 (an MoU of
  // 2019) is not reached, so neither is m14 behind it (r-far, 2017).
  Json hood = RunJson({"neighbours", "hub", "--depth", "2", "--began-between", "2016", "2017"});
  EXPECT_EQ(Ids(hood["nodes"]), (std::set<std::string>{"hub", "m2", "m7"}));
  EXPECT_EQ(Ids(hood["edges"]), (std::set<std::string>{"r-began-month", "r-began-ended"}));

  // Funding begun in 2019, and its totals alone.
  Json funds = RunJson({"funds", "--began-between", "2019", "2019"});
  EXPECT_EQ(Ids(funds["flows"]), (std::set<std::string>{"f-2019-03", "f-2019-hub"}));
  EXPECT_EQ(funds["totals"], Json::parse(R"([
      {"funder": "donor", "recipients": "projects", "currency": "USD", "amount": 100, "flows": 1},
      {"funder": "donor", "recipients": "organisations", "currency": "EUR", "amount": 20,
       "flows": 1}])"));
  funds = RunJson({"funds", "--funder", "donor", "--began-between", "2019-03", "2019-12"});
  EXPECT_EQ(Ids(funds["flows"]), (std::set<std::string>{"f-2019-03"}));
}

}  // namespace
}  // namespace partnergraph::testing
