// The rules of diff.h on hand-made relations: how a relation changed between
// two partial dates, which windows are refused, and --began-between.
#include "partnergraph/diff.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

PartialDate Date(const std::string& text) {
  if (text.empty()) return PartialDate();
  Result<PartialDate> date = PartialDate::Parse(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date ? *date : PartialDate();
}

Relation Dated(const std::string& since, const std::string& until) {
  Relation relation;
  relation.id = "r";
  relation.since = Date(since);
  relation.until = Date(until);
  return relation;
}

struct ChangeCase {
  const char* from;
  const char* to;
  const char* since;
  const char* until;
  const char* reported;  // the source reports it from
  RelationChange expected;
};

TEST(ClassifyChangeTest, TellsEachChangeAtYearMonthAndDayBoundaries) {
  using enum RelationChange;
  const std::vector<ChangeCase> cases = {
      // began: since within (A, B].
      {"2015", "2019", "2019", "", "", kBegan},
      {"2015", "2019", "2016-01", "", "", kBegan},
      {"2015", "2019", "2015-12-31", "", "", kUnchanged},  // in force as of 2015
      {"2015", "2019", "2015", "", "", kUnchanged},
      {"2015", "2019", "2020", "", "", kOutside},
      {"2019-06", "2019-12", "2019", "", "", kUnchanged},  // 2019 overlaps June
      {"2019-06", "2019-12", "2019-07", "", "", kBegan},
      {"2019-06", "2019-12", "2019-06-30", "", "", kUnchanged},
      {"2019-06-29", "2019-07", "2019-06-30", "", "", kBegan},
      {"2019-06-29", "2019-07", "2019-07-31", "", "", kBegan},
      {"2019-06-29", "2019-07", "2019-08-01", "", "", kOutside},
      // ended: until within [A, B).
      {"2015", "2019", "2010", "2015", "", kEnded},
      {"2015", "2019", "2010", "2018-12", "", kEnded},
      {"2015", "2019", "2010", "2019", "", kUnchanged},  // in force as of 2019
      {"2015", "2019", "2010", "2014-12-31", "", kOutside},
      {"2015", "2019", "", "2016", "", kEnded},  // open start
      {"2018-12", "2019", "2014", "2018-12", "", kEnded},
      {"2019", "2020", "2014", "2018-12", "", kOutside},
      // both
      {"2015", "2019", "2016", "2017", "", kBeganAndEnded},
      {"2015", "2019", "2018-03", "2018-03", "", kBeganAndEnded},
      // undated: from when its source reports it.
      {"2015", "2019", "", "", "2018", kFirstReported},
      {"2015", "2019", "", "", "2016-03", kFirstReported},
      {"2015", "2019", "", "", "2015-06", kUnchanged},  // reported by 2015's end
      {"2015", "2019", "", "", "2020", kOutside},
      {"2015", "2019", "", "", "", kUnchanged},  // no date at all: always known
      {"2019-06", "2019-12", "", "", "2019", kUnchanged},
      {"2018-12", "2019", "", "", "2019", kFirstReported},
      // A window of one date is empty.
      {"2019", "2019", "2019", "", "", kUnchanged},
      {"2019", "2019", "", "2019", "", kUnchanged},
  };
  for (const ChangeCase& c : cases) {
    const DateWindow window{Date(c.from), Date(c.to)};
    EXPECT_EQ(ClassifyChange(Dated(c.since, c.until), window, Date(c.reported)), c.expected)
        << c.from << ".." << c.to << " since " << c.since << " until " << c.until << " reported "
        << c.reported << ": got "
        << RelationChangeName(ClassifyChange(Dated(c.since, c.until), window, Date(c.reported)));
  }
}

TEST(CheckDateWindowTest, RefusesAWindowWhoseFirstDateStartsOrEndsLater) {
  EXPECT_TRUE(CheckDateWindow({Date("2015"), Date("2019")}).ok());
  EXPECT_TRUE(CheckDateWindow({Date("2019"), Date("2019")}).ok());
  EXPECT_TRUE(CheckDateWindow({Date("2019-01"), Date("2019")}).ok());  // same start, ends sooner
  EXPECT_TRUE(CheckDateWindow({Date("2019-12"), Date("2019-12-31")}).ok());   // ends together
  EXPECT_FALSE(CheckDateWindow({Date("2019-12-31"), Date("2019-12")}).ok());  // starts later
  Status after = CheckDateWindow({Date("2019"), Date("2015")});
  EXPECT_EQ(after.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(after.message(), "2019 is after 2015: give the earlier date first");
  Status later = CheckDateWindow({Date("2019-06"), Date("2019")});
  EXPECT_EQ(later.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(later.message().find("2019-06 starts or ends after 2019"), std::string::npos);
  EXPECT_FALSE(CheckDateWindow({Date("2019"), Date("2019-06")}).ok());
  EXPECT_FALSE(CheckDateWindow({Date(""), Date("2019")}).ok());
}

TEST(BeganBetweenTest, KeepsRelationsWhoseSinceStartsWithinTheWindowInclusive) {
  const DateWindow year{Date("2019"), Date("2019")};
  EXPECT_TRUE(BeganBetween(Dated("2019", ""), year));
  EXPECT_TRUE(BeganBetween(Dated("2019-12-31", ""), year));
  EXPECT_TRUE(BeganBetween(Dated("2019-06", "2019-07"), year));
  EXPECT_FALSE(BeganBetween(Dated("2018-12-31", ""), year));
  EXPECT_FALSE(BeganBetween(Dated("2020", ""), year));
  EXPECT_FALSE(BeganBetween(Dated("", "2019"), year));  // undated start
  EXPECT_FALSE(BeganBetween(Dated("", ""), year));
  // "since 2019" starts on 2019-01-01, before July.
  const DateWindow july{Date("2019-07"), Date("2019-07")};
  EXPECT_FALSE(BeganBetween(Dated("2019", ""), july));
  EXPECT_TRUE(BeganBetween(Dated("2019-07-31", ""), july));
}

}  // namespace
}  // namespace partnergraph
