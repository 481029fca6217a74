// RelationFilter: the type and as-of rules every query applies to relations.
#include "graph/relation_filter.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "partnergraph/date.h"

#include "topology_builder.h"

namespace partnergraph::graph {
namespace {

using ::partnergraph::testing::Date;
using ::partnergraph::testing::TopologyBuilder;
using ::partnergraph::testing::Types;

struct AsOfCase {
  const char* since;  // "" = open
  const char* until;  // "" = open
  const char* as_of;  // "" = no date
  bool in_force;
};

std::ostream& operator<<(std::ostream& os, const AsOfCase& c) {
  return os << "since \"" << c.since << "\" until \"" << c.until << "\" as of \"" << c.as_of
            << "\"";
}

// A relation counts as of a (partial) date when its period overlaps the
// period the date stands for: "2019" is the whole year, "2019-06" the month.
constexpr AsOfCase kAsOfCases[] = {
    // Open-ended relations are in force at every date.
    {"", "", "1999", true},
    {"", "", "2019-06-14", true},
    {"2019-06", "", "2030", true},
    {"", "2018", "1900", true},
    // No as-of date: every relation, even ones long over.
    {"2010", "2011", "", true},
    // A start inside the year or month counts for it...
    {"2019-06", "", "2019", true},
    {"2019-06", "", "2019-06", true},
    {"2019-06", "", "2019-06-01", true},
    {"2019-06-14", "", "2019-06", true},
    // ...but not for a period that ends before it.
    {"2019-06", "", "2019-05", false},
    {"2019-06", "", "2019-05-31", false},
    {"2019-06-14", "", "2019-06-13", false},
    {"2019", "", "2018-12-31", false},
    // An end counts through its whole year or month.
    {"", "2018", "2018", true},
    {"", "2018", "2018-12-31", true},
    {"", "2018-06", "2018-06-30", true},
    {"", "2018", "2019", false},
    {"", "2018", "2019-01-01", false},
    {"", "2018-06", "2018-07", false},
    // Both ends.
    {"2015", "2018", "2016-02-29", true},
    {"2015", "2018", "2014", false},
    {"2015", "2018", "2019", false},
    {"2019-06-14", "2019-06-14", "2019", true},
};

TEST(RelationFilterTest, AsOfKeepsRelationsWhosePeriodOverlapsTheDate) {
  for (const AsOfCase& c : kAsOfCases) {
    const Topology topology = TopologyBuilder()
                                  .Vertices({"a", "b"})
                                  .Type("mou", true)
                                  .Relation("r1", "a", "mou", "b", c.since, c.until)
                                  .Build();
    EdgeFilter edge_filter;
    if (*c.as_of != '\0') edge_filter.as_of = Date(c.as_of);
    const RelationFilter filter(topology, edge_filter);
    EXPECT_EQ(filter.Allows(0), c.in_force) << c;
    // The same answer as the model's InForceAt, which the filter inlines.
    const TopologyEdge& edge = topology.edges[0];
    EXPECT_EQ(filter.Allows(0),
              InForceAt(edge.since_first_day, edge.until_last_day, edge_filter.as_of))
        << c;
  }
}

Topology OneRelationOfEachType() {
  return TopologyBuilder()
      .Vertices({"a", "b"})
      .Type("funds", false)
      .Type("mou", true)
      .Type("member_of", false)
      .Relation("r0", "a", "funds", "b")
      .Relation("r1", "a", "mou", "b")
      .Relation("r2", "a", "member_of", "b")
      .Build();
}

TEST(RelationFilterTest, NoTypesMeansEveryType) {
  const Topology topology = OneRelationOfEachType();
  const RelationFilter filter(topology, EdgeFilter{});
  EXPECT_TRUE(filter.Allows(0));
  EXPECT_TRUE(filter.Allows(1));
  EXPECT_TRUE(filter.Allows(2));
}

TEST(RelationFilterTest, TypesKeepOnlyThoseTypes) {
  const Topology topology = OneRelationOfEachType();
  EdgeFilter edge_filter;
  edge_filter.types = Types(topology, {"member_of", "funds"});
  const RelationFilter filter(topology, edge_filter);
  EXPECT_TRUE(filter.Allows(0));
  EXPECT_FALSE(filter.Allows(1));
  EXPECT_TRUE(filter.Allows(2));
}

TEST(RelationFilterTest, UnknownTypeMatchesNothing) {
  const Topology topology = OneRelationOfEachType();
  EdgeFilter edge_filter;
  edge_filter.types = {static_cast<TypeIndex>(4000)};
  const RelationFilter filter(topology, edge_filter);
  EXPECT_FALSE(filter.Allows(0));
  EXPECT_FALSE(filter.Allows(1));
  EXPECT_FALSE(filter.Allows(2));
}

TEST(RelationFilterTest, TypeAndDateMustBothPass) {
  const Topology topology = TopologyBuilder()
                                .Vertices({"a", "b"})
                                .Type("funds", false)
                                .Type("mou", true)
                                .Relation("r0", "a", "funds", "b", "2019")
                                .Relation("r1", "a", "mou", "b", "2019")
                                .Relation("r2", "a", "funds", "b", "2021")
                                .Build();
  EdgeFilter edge_filter;
  edge_filter.types = Types(topology, {"funds"});
  edge_filter.as_of = Date("2020");
  const RelationFilter filter(topology, edge_filter);
  EXPECT_TRUE(filter.Allows(0));
  EXPECT_FALSE(filter.Allows(1));
  EXPECT_FALSE(filter.Allows(2));
}

// r0 dated 2010-2012; r1 undated, its source reporting from 2018; r2
// undated, its source stating no period.
Topology DatedReportedAndUndated() {
  Topology topology = TopologyBuilder()
                          .Vertices({"a", "b"})
                          .Type("mou", true)
                          .Relation("r0", "a", "mou", "b", "2010", "2012")
                          .Relation("r1", "a", "mou", "b")
                          .Relation("r2", "a", "mou", "b")
                          .Build();
  topology.edges.reported_first_day.mutable_data()[1] = Date("2018").FirstDay();
  return topology;
}

TEST(RelationFilterTest, EvidenceCountsAnUndatedRelationFromItsSourcesPeriod) {
  const Topology topology = DatedReportedAndUndated();
  struct Case {
    const char* as_of;
    DateRule rule;
    bool r0, r1, r2;
  };
  const Case cases[] = {
      {"2011", DateRule::kEvidence, true, false, true},
      {"2015", DateRule::kEvidence, false, false, true},
      {"2019", DateRule::kEvidence, false, true, true},
      {"2011", DateRule::kStrict, true, false, false},
      {"2019", DateRule::kStrict, false, false, false},
      {"2015", DateRule::kAny, false, true, true},
  };
  for (const Case& c : cases) {
    EdgeFilter edge_filter;
    edge_filter.as_of = Date(c.as_of);
    edge_filter.dates = c.rule;
    const RelationFilter filter(topology, edge_filter);
    EXPECT_EQ(filter.Allows(0), c.r0) << c.as_of << " " << DateRuleName(c.rule);
    EXPECT_EQ(filter.Allows(1), c.r1) << c.as_of << " " << DateRuleName(c.rule);
    EXPECT_EQ(filter.Allows(2), c.r2) << c.as_of << " " << DateRuleName(c.rule);
  }
}

TEST(RelationFilterTest, CountDatingSaysHowEachRelationCounted) {
  const Topology topology = DatedReportedAndUndated();
  EdgeFilter edge_filter;
  edge_filter.as_of = Date("2019");
  DatingCounts counts = CountDating(topology, edge_filter);
  EXPECT_EQ(counts.dated, 0U);
  EXPECT_EQ(counts.reported, 1U);
  EXPECT_EQ(counts.undated, 1U);
  EXPECT_EQ(counts.excluded, 1U);
  edge_filter.as_of = Date("2011");
  counts = CountDating(topology, edge_filter);
  EXPECT_EQ(counts.dated, 1U);
  EXPECT_EQ(counts.reported, 0U);
  EXPECT_EQ(counts.undated, 1U);
  EXPECT_EQ(counts.excluded, 1U);
}

}  // namespace
}  // namespace partnergraph::graph
