// "As of" a partial date, one table asked four ways: InForceAt itself, Funds,
// and the graph's filter in paths, neighbourhoods and centrality. A relation
// is in force as of a date when the two periods overlap, each partial date
// standing for its whole year or month and `until` for the last period in
// force, so the four must agree on every row.
#include <iterator>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/date.h"
#include "partnergraph/query.h"

#include "query_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::CentralityOf;
using ::partnergraph::testing::DatasetBuilder;
using ::partnergraph::testing::Date;
using ::partnergraph::testing::FundsAnswer;
using ::partnergraph::testing::FundsOf;
using ::partnergraph::testing::NeighboursAnswer;
using ::partnergraph::testing::NeighboursOf;
using ::partnergraph::testing::PathsOf;
using ::partnergraph::testing::TestDatabase;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Case {
  const char* since;  // "" for an open start
  const char* until;  // "" for an open end
  const char* as_of;  // "" for no date asked
  bool in_force;
};

const Case kCases[] = {
    // Granularity: a year or month asked covers all of it.
    {"2019-06", "", "2019", true},  // --as-of 2019 includes an MoU signed 2019-06
    {"2019-06", "", "2019-05", false},
    {"2019-06", "", "2019-06", true},
    {"2019-06", "", "2019-06-01", true},   // the month's first day
    {"2019-06", "", "2019-05-31", false},  // the day before it
    {"2019-06-14", "", "2019-06", true},   // a day within the month asked
    {"2019-06-14", "", "2019-06-13", false},
    {"2019", "", "2019-01-01", true},
    {"2019", "", "2018-12-31", false},
    {"2019-12-31", "", "2019", true},  // the year's last day is in it
    // `until` is the last year, month or day in force.
    {"", "2018", "2018-12-31", true},
    {"", "2018", "2019", false},
    {"", "2018", "2019-01-01", false},
    {"", "2018-06", "2018-06-30", true},
    {"", "2018-06", "2018-07-01", false},
    {"", "2018-06-15", "2018-06", true},
    {"", "2018-06-15", "2018-06-16", false},
    {"", "2018-06", "2018", true},
    // Open ends reach the first and last dates there are.
    {"", "", "1000", true},
    {"", "", "9999-12-31", true},
    {"2019", "", "9999", true},
    {"", "2018", "1000-01-01", true},
    {"", "", "", true},
    {"2030", "", "", true},  // no date asked: every relation, even one not begun
    // Leap days.
    {"", "2020-02", "2020-02-29", true},  // February 2020 ends on the 29th
    {"", "2020-02", "2020-03-01", false},
    {"", "2019-02", "2019-02-28", true},
    {"", "2019-02", "2019-03-01", false},  // February 2019 ends on the 28th
    {"", "2000-02", "2000-02-29", true},   // 2000 is a leap year (divisible by 400)
    {"2020-02-29", "", "2020-02", true},
    {"2020-02-29", "", "2020-02-28", false},
    {"2020-02-29", "2020-02-29", "2020", true},
    {"2020-02-29", "2020-02-29", "2020-03-01", false},
    // Both boundaries of a closed period, of months.
    {"2015-03", "2015-05", "2015-02-28", false},
    {"2015-03", "2015-05", "2015-03-01", true},
    {"2015-03", "2015-05", "2015-05-31", true},
    {"2015-03", "2015-05", "2015-06-01", false},
    {"2015-03", "2015-05", "2015-04", true},
    {"2015-03", "2015-05", "2015", true},
    // ... of one day.
    {"2019-11-05", "2019-11-05", "2019-11-04", false},
    {"2019-11-05", "2019-11-05", "2019-11-05", true},
    {"2019-11-05", "2019-11-05", "2019-11-06", false},
    {"2019-11-05", "2019-11-05", "2019-11", true},
    {"2019-11-05", "2019-11-05", "2019", true},
    // ... of one year.
    {"2019", "2019", "2018-12", false},
    {"2019", "2019", "2019-07-04", true},
    {"2019", "2019", "2020-01", false},
    // ... across a new year: any overlap counts.
    {"2018-06", "2019-05", "2017", false},
    {"2018-06", "2019-05", "2018", true},
    {"2018-06", "2019-05", "2019", true},
    {"2018-06", "2019-05", "2019-06", false},
    {"2018-06", "2019-05", "2020", false},
};

std::string Describe(const Case& c) {
  return std::string("since \"") + c.since + "\" until \"" + c.until + "\" as of \"" + c.as_of +
         "\"";
}

// "07" for row 7.
std::string Row(size_t row) {
  const std::string digits = std::to_string(row);
  return digits.size() < 2 ? "0" + digits : digits;
}

// For row NN: donor d-NN funds project p-NN (f-NN, USD 1) and signed an MoU
// with organisation o-NN (m-NN), both over the row's period. Rows share no
// entity, so each asks about its own three.
DatasetBuilder OneDonorPerRow() {
  DatasetBuilder data;
  for (size_t row = 0; row < std::size(kCases); ++row) {
    const Case& c = kCases[row];
    const std::string n = Row(row);
    data.Entity("d-" + n, "country")
        .Entity("o-" + n, "igo")
        .Entity("p-" + n, "project")
        .Funds("f-" + n, "d-" + n, "p-" + n, 1, "USD", c.since, c.until)
        .Relation("m-" + n, "d-" + n, "mou", "o-" + n, c.since, c.until);
  }
  return data;
}

TEST(AsOfTest, InForceAtOverlapsThePeriodWithTheWholeDateAsked) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(Describe(c));
    EXPECT_EQ(InForceAt(Date(c.since).FirstDay(), Date(c.until).LastDay(), Date(c.as_of)),
              c.in_force);
  }
}

TEST(AsOfTest, FundsListsTheFlowsInForce) {
  const TestDatabase db(OneDonorPerRow());
  for (size_t row = 0; row < std::size(kCases); ++row) {
    const Case& c = kCases[row];
    SCOPED_TRACE(Describe(c));
    const std::string n = Row(row);
    FundsOptions options;
    options.funder = "d-" + n;
    options.as_of = Date(c.as_of);
    Result<FundsAnswer> answer = FundsOf(db, options);
    ASSERT_TRUE(answer.has_value()) << answer.error().ToString();
    if (c.in_force) {
      EXPECT_THAT(answer->flows, ElementsAre("f-" + n));
      EXPECT_THAT(answer->totals, ElementsAre("d-" + n + " projects USD 1/1"));
    } else {
      EXPECT_THAT(answer->flows, IsEmpty());
      EXPECT_THAT(answer->totals, IsEmpty());
    }
  }
}

TEST(AsOfTest, PathsUseOnlyRelationsInForce) {
  const TestDatabase db(OneDonorPerRow());
  for (size_t row = 0; row < std::size(kCases); ++row) {
    const Case& c = kCases[row];
    SCOPED_TRACE(Describe(c));
    const std::string n = Row(row);
    // p-NN to o-NN: back along the funding and on through the MoU.
    Result<std::vector<std::string>> undirected =
        PathsOf(db, {.from = "p-" + n, .to = "o-" + n, .as_of = c.as_of});
    ASSERT_TRUE(undirected.has_value()) << undirected.error().ToString();
    // o-NN to d-NN directed: only because an MoU goes both ways.
    Result<std::vector<std::string>> directed =
        PathsOf(db, {.from = "o-" + n, .to = "d-" + n, .as_of = c.as_of, .directed = true});
    ASSERT_TRUE(directed.has_value()) << directed.error().ToString();
    if (c.in_force) {
      EXPECT_THAT(*undirected,
                  ElementsAre("p-" + n + " -f-" + n + "- d-" + n + " -m-" + n + "- o-" + n));
      EXPECT_THAT(*directed, ElementsAre("o-" + n + " -m-" + n + "- d-" + n));
    } else {
      EXPECT_THAT(*undirected, IsEmpty());
      EXPECT_THAT(*directed, IsEmpty());
    }
  }
}

TEST(AsOfTest, NeighboursReachAndListOnlyRelationsInForce) {
  const TestDatabase db(OneDonorPerRow());
  for (size_t row = 0; row < std::size(kCases); ++row) {
    const Case& c = kCases[row];
    SCOPED_TRACE(Describe(c));
    const std::string n = Row(row);
    Result<NeighboursAnswer> hood =
        NeighboursOf(db, {.start = "d-" + n, .depth = 2, .as_of = c.as_of});
    ASSERT_TRUE(hood.has_value()) << hood.error().ToString();
    if (c.in_force) {
      EXPECT_THAT(hood->vertices, ElementsAre("d-" + n + "@0", "o-" + n + "@1", "p-" + n + "@1"));
      EXPECT_THAT(hood->relations, ElementsAre("f-" + n, "m-" + n));
    } else {
      EXPECT_THAT(hood->vertices, ElementsAre("d-" + n + "@0"));
      EXPECT_THAT(hood->relations, IsEmpty());
    }
  }
}

TEST(AsOfTest, CentralityCountsOnlyRelationsInForce) {
  const TestDatabase db(OneDonorPerRow());
  for (size_t row = 0; row < std::size(kCases); ++row) {
    const Case& c = kCases[row];
    SCOPED_TRACE(Describe(c));
    const std::string n = Row(row);
    Result<std::vector<std::string>> scores = CentralityOf(db, {.as_of = c.as_of});
    ASSERT_TRUE(scores.has_value()) << scores.error().ToString();
    // In force, d-NN sits between p-NN and o-NN (the pair's one path) with two
    // relations; otherwise it is isolated.
    EXPECT_THAT(*scores, Contains(c.in_force ? "d-" + n + " b=1 d=2" : "d-" + n + " b=0 d=0"));
  }
}

}  // namespace
}  // namespace partnergraph
