// Real answers from the bundled dataset, asked the way users ask them.
#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

// One database for the suite: init is the slow part and every test only reads.
class QueryCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pgraph_ = new PgraphRunner();
    RunResult init = pgraph_->Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() {
    delete pgraph_;
    pgraph_ = nullptr;
  }
  static Json RunJson(std::vector<std::string> args) {
    args.push_back("--json");
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
  }
  static std::set<std::string> NodeIds(const Json& neighbourhood) {
    std::set<std::string> ids;
    for (const Json& node : neighbourhood["nodes"]) ids.insert(node["id"].get<std::string>());
    return ids;
  }
  static PgraphRunner* pgraph_;
};
PgraphRunner* QueryCliTest::pgraph_ = nullptr;

TEST_F(QueryCliTest, ChinaReachesCambodiaThroughAProjectChinaFunds) {
  // Funding and benefit only: China and Cambodia are also bilateral partners,
  // one hop apart.
  Json result = RunJson({"path", "china", "cambodia", "--all", "--types", "funds,benefits"});
  ASSERT_FALSE(result["paths"].empty());
  bool through_funded_project = false;
  for (const Json& path : result["paths"]) {
    ASSERT_EQ(path["nodes"].size(), 3u) << path.dump();  // china -> project -> cambodia
    const Json& first = path["edges"][0];
    const Json& second = path["edges"][1];
    if (first["type"] == "funds" && first["from"] == "china" && second["type"] == "benefits" &&
        second["to"] == "cambodia") {
      through_funded_project = true;
    }
    EXPECT_TRUE(first.contains("source"));
  }
  EXPECT_TRUE(through_funded_project) << result.dump(2);
}

// 16.14: central on 30k entities took minutes; --sample N estimates
// betweenness from N pivots, within the bound its help states.
TEST_F(QueryCliTest, SampledCentralityIsReproducibleAndWithinItsStatedBound) {
  const Json exact = RunJson({"central", "--top", "0"});
  std::map<std::string, double> exact_scores;
  for (const Json& score : exact) exact_scores[score["id"]] = score["betweenness"];
  // No fewer pivots than linked entities: the exact answer.
  EXPECT_EQ(RunJson({"central", "--top", "0", "--sample", "100000"}), exact);

  constexpr double kPivots = 100;
  const Json sampled = RunJson({"central", "--top", "0", "--sample", "100"});
  EXPECT_EQ(RunJson({"central", "--top", "0", "--sample", "100"}), sampled) << "seeded";
  EXPECT_EQ(sampled[0]["id"], "ilo");
  // n counts the entities with a relation; with probability 95% each score
  // is within sqrt(ln(40) / 2N) * n(n-2)/2 (the seed is fixed, so this
  // either always holds or never).
  double n = 0;
  for (const Json& score : exact) n += score["degree"] > 0 ? 1 : 0;
  const double bound = std::sqrt(std::log(40.0) / (2 * kPivots)) * n * (n - 2) / 2;
  double worst = 0;
  for (const Json& score : sampled) {
    worst = std::max(worst, std::abs(score["betweenness"].get<double>() -
                                     exact_scores.at(score["id"].get<std::string>())));
  }
  EXPECT_LT(worst, bound);
  std::cout << "--sample 100: worst error " << worst << ", bound " << bound << ", top score "
            << exact[0]["betweenness"] << std::endl;
}

TEST_F(QueryCliTest, TheFour2019MousWithTheIloAndTheirSignatories) {
  Json hood = RunJson({"neighbours", "ilo", "--types", "mou", "--as-of", "2019"});
  std::map<std::string, std::string> titles;  // signatory -> title, for MoUs since 2019
  for (const Json& edge : hood["edges"]) {
    if (edge.value("since", "").rfind("2019", 0) == 0 && edge["to"] == "ilo") {
      titles[edge["from"]] = edge.value("title", "");
    }
  }
  EXPECT_THAT(titles["cn-mohrss"], HasSubstr("Belt and Road"));
  EXPECT_THAT(titles["cn-mot"], HasSubstr("Maritime Labour Convention"));
  EXPECT_THAT(titles["cn-mem"], HasSubstr("Work Safety"));
  EXPECT_THAT(titles["cn-acftu"], HasSubstr("trade union"));
}

TEST_F(QueryCliTest, AsOf2015ExcludesThe2019Mous) {
  const std::set<std::string> in_2015 =
      NodeIds(RunJson({"neighbours", "ilo", "--types", "mou", "--as-of", "2015"}));
  for (const char* signatory : {"cn-mohrss", "cn-mot", "cn-mem", "cn-acftu"}) {
    EXPECT_EQ(in_2015.count(signatory), 0u) << signatory;
  }
  EXPECT_EQ(in_2015.count("china"), 1u);  // the 2012 agreement was in force
  const std::set<std::string> in_2019 =
      NodeIds(RunJson({"neighbours", "ilo", "--types", "mou", "--as-of", "2019-06"}));
  EXPECT_EQ(in_2019.count("cn-mohrss"), 1u);
}

TEST_F(QueryCliTest, ChinaFundingPerProjectAndItsTotalInUsd) {
  Json funds = RunJson({"funds", "--funder", "中国"});
  std::map<std::string, double> by_project;
  for (const Json& flow : funds["flows"]) {
    EXPECT_EQ(flow["funder"], "china");
    if (!flow["amount"].is_null()) by_project[flow["recipient"]] = flow["amount"].get<double>();
  }
  EXPECT_EQ(by_project["proj-sdg-universal-social-protection"], 745000);
  EXPECT_EQ(by_project["proj-future-of-work-asia"], 200000);
  double projects_total = -1;
  for (const Json& total : funds["totals"]) {
    EXPECT_EQ(total["currency"], "USD");
    if (total["recipients"] == "projects") projects_total = total["amount"].get<double>();
  }
  EXPECT_EQ(projects_total, 745000 + 200000 + 1000000 + 1000000);
}

TEST_F(QueryCliTest, FundsThroughNamesImplementersAndBeneficiaries) {
  Json funds = RunJson({"funds", "--funder", "china", "--through"});
  bool found = false;
  for (const Json& flow : funds["flows"]) {
    if (flow["recipient"] != "proj-sdg-universal-social-protection") continue;
    found = true;
    EXPECT_THAT(flow["implementers"].dump(), HasSubstr("un-desa"));
    EXPECT_THAT(flow["implementers"].dump(), HasSubstr("ilo"));
    EXPECT_THAT(flow["beneficiaries"].dump(), HasSubstr("cambodia"));
    EXPECT_THAT(flow["beneficiaries"].dump(), HasSubstr("pakistan"));
  }
  EXPECT_TRUE(found);
}

TEST_F(QueryCliTest, ATypesFilterThatRemovesTheOnlyLinkYieldsNoPath) {
  // The ministry's only links to ILO-world are mou and participation relations.
  Json with_mou = RunJson({"path", "cn-mot", "ilo", "--types", "mou"});
  EXPECT_EQ(with_mou["paths"].size(), 1u);
  RunResult without = pgraph_->Run({"path", "cn-mot", "ilo", "--types", "funds"});
  EXPECT_EQ(without.exit_code, 0);
  EXPECT_THAT(without.out, HasSubstr("No path"));
  EXPECT_TRUE(RunJson({"path", "cn-mot", "ilo", "--types", "funds"})["paths"].empty());
}

// 16.9: --max-hops 0 meant "no limit". Zero hops reach only the start.
TEST_F(QueryCliTest, MaxHopsZeroFindsOnlyTheZeroHopPath) {
  const Json same = RunJson({"path", "ilo", "ilo", "--max-hops", "0"});
  ASSERT_EQ(same["paths"].size(), 1u) << same.dump();
  ASSERT_EQ(same["paths"][0]["nodes"].size(), 1u);
  EXPECT_EQ(same["paths"][0]["nodes"][0]["id"], "ilo");
  EXPECT_EQ(same["paths"][0]["nodes"][0]["kind"], "un_entity");
  EXPECT_EQ(same["paths"][0]["nodes"][0]["name"]["en"], "International Labour Organization");
  EXPECT_TRUE(same["paths"][0]["edges"].empty());

  EXPECT_TRUE(RunJson({"path", "china", "ilo", "--max-hops", "0"})["paths"].empty());
  const RunResult other = pgraph_->Run({"path", "china", "ilo", "--max-hops", "0"});
  EXPECT_EQ(other.exit_code, 0) << other.err;
  EXPECT_THAT(other.out, HasSubstr("No path from china to ilo within 0 hops"));
  // The same pair is one hop apart: the limit, not the graph, said no.
  EXPECT_FALSE(RunJson({"path", "china", "ilo", "--max-hops", "1"})["paths"].empty());
}

TEST_F(QueryCliTest, TheIloCoLeadsTheRegionalIssueBasedCoalitions) {
  Json hood = RunJson({"neighbours", "ilo", "--types", "co_leads", "--depth", "2"});
  std::set<std::string> co_leads;
  for (const Json& edge : hood["edges"]) {
    if (edge["to"].get<std::string>().find("ibc") != std::string::npos)
      co_leads.insert(edge["from"]);
  }
  for (const char* partner : {"ilo", "undp", "eclac", "unfpa", "who", "unicef"}) {
    EXPECT_EQ(co_leads.count(partner), 1u) << partner;
  }
}

TEST_F(QueryCliTest, TheIloIsAnObserverAtTheImfAndTheOecd) {
  Json shown = RunJson({"show", "ilo"});
  std::set<std::string> observer_at;
  for (const Json& relation : shown["relations"]) {
    if (relation["type"] == "observer_at" && relation["from"] == "ilo") {
      observer_at.insert(relation["to"]);
    }
  }
  EXPECT_EQ(observer_at.count("imf"), 1u);
  EXPECT_EQ(observer_at.count("oecd"), 1u);
}

TEST_F(QueryCliTest, CentralityRanksTheIloFirst) {
  Json central = RunJson({"central", "--top", "3"});
  ASSERT_EQ(central.size(), 3u);
  EXPECT_EQ(central[0]["id"], "ilo");
  EXPECT_GT(central[0]["betweenness"].get<double>(), central[1]["betweenness"].get<double>());
}

// Bad option values are usage errors: exit 2, as for an unknown flag.
TEST_F(QueryCliTest, UnknownTypeAndBadDateAreUsageErrors) {
  RunResult type = pgraph_->Run({"path", "china", "ilo", "--types", "fund"});
  EXPECT_EQ(type.exit_code, 2);
  EXPECT_THAT(type.err, HasSubstr("pgraph: error: --types: unknown relation type \"fund\""));
  EXPECT_THAT(type.err, HasSubstr("did you mean \"funds\""));
  EXPECT_THAT(type.err, HasSubstr("Usage: pgraph path [OPTIONS] FROM TO"));
  RunResult date = pgraph_->Run({"path", "china", "ilo", "--as-of", "2019-13"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_THAT(date.err, HasSubstr("month must be 01 to 12"));
}

}  // namespace
}  // namespace partnergraph::testing
