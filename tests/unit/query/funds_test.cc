// Funds on a real store: which flows are listed and in which order, what each
// funder's totals add up (its own funds relations only, per recipient class
// and currency), what is counted apart, and what `through` follows on to.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/query.h"

#include "query_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::DatasetBuilder;
using ::partnergraph::testing::Date;
using ::partnergraph::testing::FundsAnswer;
using ::partnergraph::testing::FundsOf;
using ::partnergraph::testing::TestDatabase;

// A query as pgraph funds takes it, and its answer worked out by hand.
struct Case {
  std::string name = "";
  std::string funder = "";     // --funder
  std::string recipient = "";  // --recipient
  std::string as_of = "";      // --as-of
  bool through = false;        // --through
  std::vector<std::string> flows = {};
  std::vector<std::string> totals = {};
  size_t flows_without_amount = 0;
  std::vector<std::string> onward = {};  // only with `through`
};

void ExpectFunds(const TestDatabase& db, const Case& c) {
  SCOPED_TRACE(c.name);
  FundsOptions options;
  options.funder = c.funder;
  options.recipient = c.recipient;
  options.as_of = Date(c.as_of);
  options.through = c.through;
  Result<FundsAnswer> answer = FundsOf(db, options);
  ASSERT_TRUE(answer.has_value()) << answer.error().ToString();
  EXPECT_EQ(answer->flows, c.flows);
  EXPECT_EQ(answer->totals, c.totals);
  EXPECT_EQ(answer->flows_without_amount, c.flows_without_amount);
  EXPECT_EQ(answer->onward, c.onward);
}

// China gives the ILO a contribution and funds projects, an initiative and an
// event itself; the ILO passes money on to the same projects and to UNDP.
//
//   f-01 china -> ilo          USD 2,000,000   2016..2019   (an organisation)
//   f-02 china -> p-skills     USD   745,000   2018-03..2020
//   f-03 china -> p-safety     USD   300,000   2019-06..
//   f-04 china -> i-coalition  CHF    50,000   2017         (an initiative)
//   f-05 china -> e-forum      no amount       2019-11-05   (an event)
//   f-06 ilo   -> p-skills     USD   500,000   2018..2019
//   f-07 ilo   -> p-safety     EUR   120,000   (no dates)
//   f-08 undp  -> p-safety     USD    80,000   ..2018
//   f-09 ilo   -> undp         USD    10,000   2019         (an organisation)
//   f-10 ilo   -> e-forum      no amount       (no dates)
//   f-11 china -> p-skills     USD     5,000   2021
//   f-12 undp  -> e-forum      USD         0   2020         (an amount, of zero)
//
// and around the projects, for `through`:
//   i-01 ilo implements p-skills;  i-02 cn-mohrss implements p-skills 2019..
//   b-01 p-skills benefits cambodia;  b-02 p-skills benefits laos ..2018
//   i-03 undp implements p-safety;  b-03 p-safety benefits laos 2020..
//   c-01 cn-mohrss co_leads p-skills;  o-01 p-skills part_of i-coalition  (neither is onward)
DatasetBuilder ChinaAndTheIlo() {
  DatasetBuilder data;
  data.Entity("china", "country")
      .Entity("ilo", "igo")
      .Entity("undp", "un_entity")
      .Entity("cn-mohrss", "ministry")
      .Entity("cambodia", "country")
      .Entity("laos", "country")
      .Entity("p-skills", "project")
      .Entity("p-safety", "project")
      .Entity("i-coalition", "initiative")
      .Entity("e-forum", "event")
      .Funds("f-01", "china", "ilo", 2000000, "USD", "2016", "2019")
      .Funds("f-02", "china", "p-skills", 745000, "USD", "2018-03", "2020")
      .Funds("f-03", "china", "p-safety", 300000, "USD", "2019-06")
      .Funds("f-04", "china", "i-coalition", 50000, "CHF", "2017", "2017")
      .FundsWithoutAmount("f-05", "china", "e-forum", "2019-11-05", "2019-11-05")
      .Funds("f-06", "ilo", "p-skills", 500000, "USD", "2018", "2019")
      .Funds("f-07", "ilo", "p-safety", 120000, "EUR")
      .Funds("f-08", "undp", "p-safety", 80000, "USD", "", "2018")
      .Funds("f-09", "ilo", "undp", 10000, "USD", "2019", "2019")
      .FundsWithoutAmount("f-10", "ilo", "e-forum")
      .Funds("f-11", "china", "p-skills", 5000, "USD", "2021", "2021")
      .Funds("f-12", "undp", "e-forum", 0, "USD", "2020", "2020")
      .Relation("i-01", "ilo", "implements", "p-skills")
      .Relation("i-02", "cn-mohrss", "implements", "p-skills", "2019")
      .Relation("b-01", "p-skills", "benefits", "cambodia")
      .Relation("b-02", "p-skills", "benefits", "laos", "", "2018")
      .Relation("i-03", "undp", "implements", "p-safety")
      .Relation("b-03", "p-safety", "benefits", "laos", "2020")
      .Relation("c-01", "cn-mohrss", "co_leads", "p-skills")
      .Relation("o-01", "p-skills", "part_of", "i-coalition");
  return data;
}

TEST(FundsTest, TotalsAddEachFundersOwnFlowsPerRecipientClassAndCurrency) {
  const TestDatabase db(ChinaAndTheIlo());
  const Case kCases[] = {
      {.name = "every flow",
       // By funder, then recipient id ("i-coalition" < "ilo": '-' < 'l'), then relation id.
       .flows = {"f-05", "f-04", "f-01", "f-03", "f-02", "f-11", "f-10", "f-07", "f-06", "f-09",
                 "f-12", "f-08"},
       // Projects before organisations, then currency. China's 1,050,000 is f-02 + f-03 +
       // f-11 only: the ILO's 500,000 to p-skills is not in it, nor is China's 2,000,000
       // contribution to the ILO, which is its own total. f-12 adds 0 and counts a flow.
       .totals = {"china projects CHF 50000/1", "china projects USD 1050000/3",
                  "china organisations USD 2000000/1", "ilo projects EUR 120000/1",
                  "ilo projects USD 500000/1", "ilo organisations USD 10000/1",
                  "undp projects USD 80000/2"},
       .flows_without_amount = 2},  // f-05, f-10
      {.name = "--funder china",
       .funder = "china",
       .flows = {"f-05", "f-04", "f-01", "f-03", "f-02", "f-11"},
       .totals = {"china projects CHF 50000/1", "china projects USD 1050000/3",
                  "china organisations USD 2000000/1"},
       .flows_without_amount = 1},
      {.name = "--funder ilo: the agency's onward funding, not the contribution it received",
       .funder = "ilo",
       .flows = {"f-10", "f-07", "f-06", "f-09"},
       .totals = {"ilo projects EUR 120000/1", "ilo projects USD 500000/1",
                  "ilo organisations USD 10000/1"},
       .flows_without_amount = 1},
      {.name = "--recipient p-skills: two funders, two totals, never one of 1,250,000",
       .recipient = "p-skills",
       .flows = {"f-02", "f-11", "f-06"},
       .totals = {"china projects USD 750000/2", "ilo projects USD 500000/1"}},
      {.name = "--recipient ilo: a contribution to an organisation",
       .recipient = "ilo",
       .flows = {"f-01"},
       .totals = {"china organisations USD 2000000/1"}},
      {.name = "--recipient e-forum: an amount of zero is stated, a missing one is not",
       .recipient = "e-forum",
       .flows = {"f-05", "f-10", "f-12"},
       .totals = {"undp projects USD 0/1"},
       .flows_without_amount = 2},
      {.name = "--funder china --recipient p-skills",
       .funder = "china",
       .recipient = "p-skills",
       .flows = {"f-02", "f-11"},
       .totals = {"china projects USD 750000/2"}},
      {.name = "--funder undp --recipient p-skills: no such flow",
       .funder = "undp",
       .recipient = "p-skills",
       .flows = {},
       .totals = {}},
      {.name = "--as-of 2019",
       // Out: f-04 (2017), f-08 (until 2018), f-11 (2021), f-12 (2020). f-03 (since 2019-06)
       // and f-05 (2019-11-05) overlap the year.
       .as_of = "2019",
       .flows = {"f-05", "f-01", "f-03", "f-02", "f-10", "f-07", "f-06", "f-09"},
       .totals = {"china projects USD 1045000/2", "china organisations USD 2000000/1",
                  "ilo projects EUR 120000/1", "ilo projects USD 500000/1",
                  "ilo organisations USD 10000/1"},
       .flows_without_amount = 2},
      {.name = "--as-of 2019-05",
       // Also out: f-03 (from 2019-06) and f-05 (2019-11-05); f-09 (all of 2019) stays.
       .as_of = "2019-05",
       .flows = {"f-01", "f-02", "f-10", "f-07", "f-06", "f-09"},
       .totals = {"china projects USD 745000/1", "china organisations USD 2000000/1",
                  "ilo projects EUR 120000/1", "ilo projects USD 500000/1",
                  "ilo organisations USD 10000/1"},
       .flows_without_amount = 1},
      {.name = "--funder china --as-of 2021",
       // f-01 ended 2019, f-02 2020; f-03 is open-ended, f-11 is 2021.
       .funder = "china",
       .as_of = "2021",
       .flows = {"f-03", "f-11"},
       .totals = {"china projects USD 305000/2"}},
      {.name = "--funder china --recipient p-skills --as-of 2020-12-31",
       .funder = "china",
       .recipient = "p-skills",
       .as_of = "2020-12-31",
       .flows = {"f-02"},  // until 2020 includes its last day
       .totals = {"china projects USD 745000/1"}},
      {.name = "--recipient p-safety --as-of 2015",
       .recipient = "p-safety",
       .as_of = "2015",
       .flows = {"f-07", "f-08"},  // both open at the start; f-03 begins 2019-06
       .totals = {"ilo projects EUR 120000/1", "undp projects USD 80000/1"}},
  };
  for (const Case& c : kCases) ExpectFunds(db, c);
}

TEST(FundsTest, ThroughListsTheImplementersAndBeneficiariesInForce) {
  const TestDatabase db(ChinaAndTheIlo());
  const Case kCases[] = {
      {.name = "--funder china --through",
       .funder = "china",
       .through = true,
       .flows = {"f-05", "f-04", "f-01", "f-03", "f-02", "f-11"},
       .totals = {"china projects CHF 50000/1", "china projects USD 1050000/3",
                  "china organisations USD 2000000/1"},
       .flows_without_amount = 1,
       // The ILO implements p-skills but implements nothing of its own funding's
       // recipient "ilo"; co_leads and part_of are not onward.
       .onward = {"f-05:", "f-04:", "f-01:", "f-03: b-03 i-03", "f-02: b-01 b-02 i-01 i-02",
                  "f-11: b-01 b-02 i-01 i-02"}},
      {.name = "--funder china --through --as-of 2019",
       .funder = "china",
       .as_of = "2019",
       .through = true,
       .flows = {"f-05", "f-01", "f-03", "f-02"},
       .totals = {"china projects USD 1045000/2", "china organisations USD 2000000/1"},
       .flows_without_amount = 1,
       // b-02 ended 2018, b-03 begins 2020; i-02 begins 2019.
       .onward = {"f-05:", "f-01:", "f-03: i-03", "f-02: b-01 i-01 i-02"}},
      {.name = "--recipient p-skills --through --as-of 2018",
       .recipient = "p-skills",
       .as_of = "2018",
       .through = true,
       .flows = {"f-02", "f-06"},
       .totals = {"china projects USD 745000/1", "ilo projects USD 500000/1"},
       .onward = {"f-02: b-01 b-02 i-01", "f-06: b-01 b-02 i-01"}},  // i-02 not yet
  };
  for (const Case& c : kCases) ExpectFunds(db, c);
}

// The rule in its smallest form: a donor gives an agency 1000 and a project
// 400; the agency gives the same project 600.
TEST(FundsTest, MoneyPassedOnCountsUnderItsNewFunderAndNeverAgainUnderTheDonor) {
  const TestDatabase db(DatasetBuilder()
                            .Entity("donor", "country")
                            .Entity("agency", "un_entity")
                            .Entity("project", "project")
                            .Funds("r1", "donor", "agency", 1000, "USD")
                            .Funds("r2", "agency", "project", 600, "USD")
                            .Funds("r3", "donor", "project", 400, "USD"));
  const Case kCases[] = {
      {.name = "all",
       .flows = {"r2", "r1", "r3"},  // "agency" < "donor"
       // Not 1400 for the donor's projects (r2 is the agency's), nor 2000 in all.
       .totals = {"agency projects USD 600/1", "donor projects USD 400/1",
                  "donor organisations USD 1000/1"}},
      {.name = "--funder donor",
       .funder = "donor",
       .flows = {"r1", "r3"},
       .totals = {"donor projects USD 400/1", "donor organisations USD 1000/1"}},
      {.name = "--funder agency",
       .funder = "agency",
       .flows = {"r2"},
       .totals = {"agency projects USD 600/1"}},
      {.name = "--recipient project",
       .recipient = "project",
       .flows = {"r2", "r3"},
       .totals = {"agency projects USD 600/1", "donor projects USD 400/1"}},
  };
  for (const Case& c : kCases) ExpectFunds(db, c);
}

// One funder, several currencies and flows without amounts, in every class.
TEST(FundsTest, CurrenciesAreNeverAddedAndFlowsWithoutAmountAreCountedApart) {
  const TestDatabase db(DatasetBuilder()
                            .Entity("donor", "country")
                            .Entity("ilo", "igo")
                            .Entity("wb", "ifi")
                            .Entity("p1", "project")
                            .Entity("p2", "project")
                            .Entity("meeting", "event")
                            .Funds("r01", "donor", "p1", 100, "USD")
                            .Funds("r02", "donor", "p1", 200, "EUR")
                            .Funds("r03", "donor", "p2", 50.25, "USD")
                            .FundsWithoutAmount("r04", "donor", "p2")
                            .Funds("r05", "donor", "meeting", 7, "CNY")
                            .Funds("r06", "donor", "ilo", 300, "USD")
                            .Funds("r07", "donor", "wb", 1, "USD")
                            .Funds("r08", "donor", "ilo", 30, "CHF")
                            .FundsWithoutAmount("r09", "donor", "wb"));
  const Case kCases[] = {
      {.name = "all",
       .flows = {"r06", "r08", "r05", "r01", "r02", "r03", "r04", "r07", "r09"},
       // USD projects: 100 + 50.25; organisations: 300 + 1. Currencies in code order.
       .totals = {"donor projects CNY 7/1", "donor projects EUR 200/1",
                  "donor projects USD 150.25/2", "donor organisations CHF 30/1",
                  "donor organisations USD 301/2"},
       .flows_without_amount = 2},  // r04, r09: listed, in no total
      {.name = "--recipient p2: one flow with an amount and one without",
       .recipient = "p2",
       .flows = {"r03", "r04"},
       .totals = {"donor projects USD 50.25/1"},
       .flows_without_amount = 1},
      {.name = "--recipient wb",
       .recipient = "wb",
       .flows = {"r07", "r09"},
       .totals = {"donor organisations USD 1/1"},
       .flows_without_amount = 1},
  };
  for (const Case& c : kCases) ExpectFunds(db, c);
}

// Ids that begin with another id ("cn", "cn-mohrss") select only themselves:
// the adjacency scan of "cn" must not reach into "cn-mohrss".
TEST(FundsTest, AnIdThatBeginsAnotherSelectsOnlyItself) {
  const TestDatabase db(DatasetBuilder()
                            .Entity("cn", "country")
                            .Entity("cn-mohrss", "ministry")
                            .Entity("ilo", "igo")
                            .Entity("p", "project")
                            .Entity("p-2", "project")
                            .Funds("r-9", "cn", "p", 10, "USD")
                            .Funds("r-10", "cn", "p", 1, "USD")
                            .Funds("r-2", "cn-mohrss", "p", 20, "USD")
                            .Funds("r-3", "cn", "p-2", 30, "USD")
                            .Funds("r-4", "cn-mohrss", "p-2", 40, "USD")
                            .Relation("i-1", "ilo", "implements", "p-2")
                            .Relation("i-2", "ilo", "implements", "p"));
  const Case kCases[] = {
      {.name = "--funder cn",
       .funder = "cn",
       .flows = {"r-10", "r-9", "r-3"},  // relation ids compare as text: "r-10" < "r-9"
       .totals = {"cn projects USD 41/3"}},
      {.name = "--funder cn-mohrss",
       .funder = "cn-mohrss",
       .flows = {"r-2", "r-4"},
       .totals = {"cn-mohrss projects USD 60/2"}},
      {.name = "--recipient p",
       .recipient = "p",
       .flows = {"r-10", "r-9", "r-2"},
       .totals = {"cn projects USD 11/2", "cn-mohrss projects USD 20/1"}},
      {.name = "--funder cn --recipient p",
       .funder = "cn",
       .recipient = "p",
       .flows = {"r-10", "r-9"},
       .totals = {"cn projects USD 11/2"}},
      {.name = "--funder cn-mohrss --recipient p-2 --through",
       .funder = "cn-mohrss",
       .recipient = "p-2",
       .through = true,
       .flows = {"r-4"},
       .totals = {"cn-mohrss projects USD 40/1"},
       .onward = {"r-4: i-1"}},  // not i-2, which implements p
      {.name = "--recipient p --through",
       .recipient = "p",
       .through = true,
       .flows = {"r-10", "r-9", "r-2"},
       .totals = {"cn projects USD 11/2", "cn-mohrss projects USD 20/1"},
       .onward = {"r-10: i-2", "r-9: i-2", "r-2: i-2"}},
  };
  for (const Case& c : kCases) ExpectFunds(db, c);
}

}  // namespace
}  // namespace partnergraph
