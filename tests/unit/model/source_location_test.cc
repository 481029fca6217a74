// SourceLocation::ToString: the "file:line:col" prefix of every import error.
#include <gtest/gtest.h>

#include "partnergraph/dataset.h"

namespace partnergraph {
namespace {

struct Printed {
  SourceLocation where;
  const char* expected;
};

TEST(SourceLocationTest, PrintsAsMuchOfTheLocationAsIsKnown) {
  const Printed cases[] = {
      {{"data/x.json", 41, 12, 900}, "data/x.json:41:12"},
      {{"data/x.csv", 7, 0, -1}, "data/x.csv:7"},
      {{"data/x.csv", 0, 0, -1}, "data/x.csv"},
      {{"data/x.csv", 0, 5, -1}, "data/x.csv"},  // a column without a line means nothing
  };
  for (const Printed& c : cases) {
    EXPECT_EQ(c.where.ToString(), c.expected) << c.expected;
  }
}

TEST(DatasetTest, SizeCountsRecordsOfEveryClass) {
  Dataset dataset;
  dataset.sources.push_back({});
  dataset.entities.push_back({});
  dataset.entities.push_back({});
  dataset.relations.push_back({});
  EXPECT_EQ(dataset.size(), 4U);
}

}  // namespace
}  // namespace partnergraph
