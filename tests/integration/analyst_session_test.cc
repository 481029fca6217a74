// A scripted session: the seven questions a new analyst asked of the bundled
// dataset, each answered by one pgraph command, the answers asserted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AnalystSessionTest : public ::testing::Test {
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
  static std::string Ask(const std::vector<std::string>& args) {
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  static PgraphRunner* pgraph_;
};
PgraphRunner* AnalystSessionTest::pgraph_ = nullptr;

// 1. Which Chinese bodies signed MoUs with the ILO in 2019, and about what?
TEST_F(AnalystSessionTest, ChineseBodiesWithMousIn2019AndWhatAbout) {
  const std::string answer =
      Ask({"show", "ilo", "--types", "mou", "--as-of", "2019", "--kinds", "ministry,trade_union"});
  EXPECT_THAT(answer, HasSubstr("mou (4)\n"));
  EXPECT_THAT(answer, HasSubstr("←  cn-acftu   All-China Federation of Trade Unions             "
                                "since 2019  Cooperation to assist trade union development"));
  EXPECT_THAT(answer, HasSubstr("←  cn-mem     Ministry of Emergency Management                 "
                                "since 2019  South-South Cooperation on Work Safety"));
  EXPECT_THAT(answer, HasSubstr("←  cn-mohrss  Ministry of Human Resources and Social Security  "
                                "since 2019  South-South Cooperation under the Framework"));
  EXPECT_THAT(answer, HasSubstr("←  cn-mot     Ministry of Transport                            "
                                "since 2019  Cooperation for the Promotion of the Effective "
                                "Implementation of the Maritime Labour Convention"));
}

// 2. Who funds the ILO's work in Viet Nam?
TEST_F(AnalystSessionTest, WhoFundsTheIlosWorkInVietNam) {
  const std::string answer = Ask({"funds", "--beneficiary", "Viet Nam"});
  for (const char* funder : {"european-union", "ireland", "japan", "luxembourg", "norway", "russia",
                             "switzerland", "united-states"}) {
    EXPECT_THAT(answer, HasSubstr(std::string("\n") + funder +
                                  std::string(16 - std::string(funder).size(), ' ') +
                                  "proj-dwcp-vietnam-2017-2021  Viet Nam Decent Work Country "
                                  "Programme 2017-2021"))
        << funder;
  }
  EXPECT_THAT(answer, HasSubstr("\nau-dfat         proj-triangle-asean  TRIANGLE in ASEAN"));
  EXPECT_THAT(answer, HasSubstr("\nca-gac          proj-triangle-asean  TRIANGLE in ASEAN"));
}

// 3. What does the EU fund, told apart? Each of its seven outcome grants goes
// to the outcome itself, not to the ILO.
TEST_F(AnalystSessionTest, WhatTheEuFundsToldApart) {
  const std::string answer = Ask({"funds", "--funder", "eu"});
  for (const char* outcome :
       {"01  Outcome 1 ", "02  Outcome 2 ", "04  Outcome 4 ", "06  Outcome 6 ", "07  Outcome 7 ",
        "09  Outcome 9 ", "10  Outcome 10 "}) {
    EXPECT_THAT(answer, HasSubstr(std::string("\neuropean-union  outcome-2018-19-") + outcome))
        << outcome;
  }
  EXPECT_THAT(answer, Not(HasSubstr("european-union  ilo ")));
  EXPECT_THAT(answer, HasSubstr("proj-eu-social-protection-programme"));
  EXPECT_THAT(answer, HasSubstr("USD 23,000,000"));
}

// 4. How does Sweden reach Mozambique?
TEST_F(AnalystSessionTest, HowSwedenReachesMozambique) {
  EXPECT_EQ(Ask({"path", "sweden", "mozambique"}),
            "Path, 2 hops:\n"
            "  sweden  Sweden / 瑞典  (country)\n"
            "    │ ──funds──▶\n"
            "    │   GB.340/PFA/5: “劳工组织、劳工、就业和社会保障部以及社会伙伴获瑞典"
            "政府支持，启动了一项发展合作项目”\n"
            "  proj-moztrabalha  MozTrabalha - decent work for sustainable economic transformation "
            "in rural Mozambique / MozTrabalha  (project)\n"
            "    │ ──benefits──▶\n"
            "    │   GB.340/PFA/5: “MozTrabalha — 在莫桑比克农村地区推动体面劳动，实现"
            "可持续的经济转型”\n"
            "  mozambique  Mozambique / 莫桑比克  (country)\n");
}

// 5. Who co-leads which coalition with the ILO?
TEST_F(AnalystSessionTest, WhoCoLeadsWhichCoalitionWithTheIlo) {
  const std::string answer = Ask({"show", "ilo", "--types", "co_leads"});
  EXPECT_THAT(answer, HasSubstr("co_leads (7)\n"));
  for (const char* row :
       {"→  init-epic                             Equal Pay International Coalition",
        "co-lead (with UN Women and OECD)", "co-lead (with UNFPA and WHO)", "co-lead (with UNICEF)",
        "co-lead (with ECLAC and UNDP)", "jointly launched with OECD and WHO",
        "jointly manages (with the OECD)", "co-led the strategy's development (with UNDP)"}) {
    EXPECT_THAT(answer, HasSubstr(row)) << row;
  }
}

// 6. The ILO's partners in the UN system, with the type of each relation.
TEST_F(AnalystSessionTest, TheIlosPartnersInTheUnSystemWithTheRelationType) {
  const std::string answer = Ask({"show", "ilo", "--kinds", "un_entity"});
  for (const char* header : {"\nfunds (2)\n", "\nmember_of (2)\n", "\nmou (2)\n",
                             "\nparticipates_in (4)\n", "\npartners_with (11)\n"}) {
    EXPECT_THAT(answer, HasSubstr(header)) << header;
  }
  EXPECT_THAT(answer, HasSubstr("←  undp    United Nations Development Programme  Updated "
                                "agreement clarifying complementary roles"));
  EXPECT_THAT(answer, Not(HasSubstr("\nco_leads (")));  // coalitions are initiatives
}

// 7. China's funding per beneficiary country.
TEST_F(AnalystSessionTest, ChinasFundingPerBeneficiaryCountry) {
  EXPECT_EQ(Ask({"query",
                 "MATCH (c {id: 'china'})-[f:funds]->(p)-[:benefits]->(b:country) "
                 "WHERE f.amount IS NOT NULL "
                 "RETURN b.id AS beneficiary, f.currency AS currency, sum(f.amount) AS total, "
                 "count(p) AS projects ORDER BY beneficiary"}),
            "beneficiary  currency  total      projects\n"
            "-----------  --------  ---------  --------\n"
            "cambodia     USD       2745000.0  3\n"
            "lao-pdr      USD       2000000.0  2\n"
            "myanmar      USD       1000000.0  1\n"
            "pakistan     USD       745000.0   1\n"
            "(4 rows)\n");
}

}  // namespace
}  // namespace partnergraph::testing
