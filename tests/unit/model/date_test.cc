// PartialDate: what the sources write ("2019", "2019-06", "2019-06-14"), the
// days a partial date covers, and when a dated relation is in force.
#include "partnergraph/date.h"

#include <string>

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

PartialDate Date(const std::string& text) {
  Result<PartialDate> date = PartialDate::Parse(text);
  EXPECT_TRUE(date.has_value()) << text << ": " << date.error().message();
  return date.has_value() ? *date : PartialDate();
}

struct ValidDate {
  const char* text;
  int year;
  int month;
  int day;
};

TEST(PartialDateTest, ParsesYearYearMonthAndFullDates) {
  const ValidDate cases[] = {
      {"2019", 2019, 0, 0},        {"2019-06", 2019, 6, 0},
      {"2019-06-14", 2019, 6, 14}, {"2020-02-29", 2020, 2, 29},  // leap year
      {"2000-02-29", 2000, 2, 29},                               // divisible by 400: leap
      {"1000", 1000, 0, 0},        {"9999-12-31", 9999, 12, 31},
  };
  for (const ValidDate& c : cases) {
    Result<PartialDate> date = PartialDate::Parse(c.text);
    ASSERT_TRUE(date.has_value()) << c.text << ": " << date.error().message();
    EXPECT_EQ(date->year(), c.year) << c.text;
    EXPECT_EQ(date->month(), c.month) << c.text;
    EXPECT_EQ(date->day(), c.day) << c.text;
    EXPECT_FALSE(date->empty()) << c.text;
  }
}

struct InvalidDate {
  const char* text;
  const char* why;
};

TEST(PartialDateTest, RejectsMalformedAndImpossibleDatesNamingTheProblem) {
  const InvalidDate cases[] = {
      {"2019-13-40", "month must be 01 to 12"},
      {"2019-13", "month must be 01 to 12"},
      {"2019-00", "month must be 01 to 12"},
      {"2019-02-29", "no such day in 2019-02"},  // not a leap year
      {"1900-02-29", "no such day in 1900-02"},  // divisible by 100, not 400
      {"2019-04-31", "no such day in 2019-04"},
      {"2019-06-00", "no such day in 2019-06"},
      {"19", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"2019-6", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"2019-06-1", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"2019/06", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"2019-06/14", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"abcd", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"+019", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {" 2019", "expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"0999", "year must be between 1000 and 9999"},
  };
  for (const InvalidDate& c : cases) {
    Result<PartialDate> date = PartialDate::Parse(c.text);
    ASSERT_FALSE(date.has_value()) << c.text;
    EXPECT_EQ(date.error().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(date.error().message(), "bad date \"" + std::string(c.text) + "\": " + c.why)
        << c.text;
  }
}

TEST(PartialDateTest, ToStringGivesBackTheParsedText) {
  for (const char* text : {"2019", "2019-06", "2019-06-14", "1000-01-01"}) {
    EXPECT_EQ(Date(text).ToString(), text) << text;
  }
}

TEST(PartialDateTest, DefaultDateIsEmptyAndPrintsNothing) {
  const PartialDate date;
  EXPECT_TRUE(date.empty());
  EXPECT_EQ(date.ToString(), "");
}

struct CoveredDays {
  const char* text;
  int32_t first_day;
  int32_t last_day;
};

TEST(PartialDateTest, PartialDatesCoverTheirWholeYearOrMonth) {
  const CoveredDays cases[] = {
      {"2019", 20190101, 20191231},    {"2019-06", 20190601, 20190630},
      {"2019-02", 20190201, 20190228}, {"2020-02", 20200201, 20200229},
      {"2019-12", 20191201, 20191231}, {"2019-06-14", 20190614, 20190614},
  };
  for (const CoveredDays& c : cases) {
    EXPECT_EQ(Date(c.text).FirstDay(), c.first_day) << c.text;
    EXPECT_EQ(Date(c.text).LastDay(), c.last_day) << c.text;
  }
}

TEST(PartialDateTest, EmptyDateIsOpenAtBothEnds) {
  EXPECT_EQ(PartialDate().FirstDay(), PartialDate::kOpenStart);
  EXPECT_EQ(PartialDate().LastDay(), PartialDate::kOpenEnd);
}

TEST(PartialDateTest, DatesAreEqualOnlyWhenGivenToTheSamePrecision) {
  EXPECT_EQ(Date("2019-06"), Date("2019-06"));
  EXPECT_NE(Date("2019"), Date("2019-01"));
  EXPECT_NE(Date("2019-01"), Date("2019-01-01"));
}

struct InForceCase {
  const char* since;  // "" for open
  const char* until;  // "" for open
  const char* as_of;  // "" for no date
  bool in_force;
};

PartialDate DateOrEmpty(const std::string& text) {
  return text.empty() ? PartialDate() : Date(text);
}

TEST(InForceAtTest, PeriodsOverlappingTheDateAreInForce) {
  const InForceCase cases[] = {
      {"", "", "2019", true},  // open at both ends
      {"", "", "", true},      // no date asked: everything
      {"2019-06", "", "", true},
      {"2019-06", "", "2019", true},      // as of 2019 includes an MoU of 2019-06
      {"2019-06", "", "2019-05", false},  // not yet signed in May
      {"2019-06", "", "2019-06-01", true},
      {"2019-06", "", "2019-05-31", false},
      {"2019-06", "", "2030", true},     // open-ended: still in force
      {"", "2018", "2019", false},       // ended before 2019 began
      {"", "2018", "2018-12-31", true},  // until is the last day in force
      {"", "2018", "2017", true},        // open start
      {"2015", "2018", "2019-01-01", false},
      {"2015", "2018", "2016-07", true},
      {"2015", "2018", "2014", false},
      {"2019-06-14", "2019-06-14", "2019-06", true},  // a one-day event within the month
      {"2019-06-14", "2019-06-14", "2019-06-13", false},
      {"2019-06-14", "2019-06-14", "2019-06-15", false},
  };
  for (const InForceCase& c : cases) {
    const PartialDate since = DateOrEmpty(c.since);
    const PartialDate until = DateOrEmpty(c.until);
    EXPECT_EQ(InForceAt(since.FirstDay(), until.LastDay(), DateOrEmpty(c.as_of)), c.in_force)
        << "since \"" << c.since << "\" until \"" << c.until << "\" as of \"" << c.as_of << "\"";
  }
}

}  // namespace
}  // namespace partnergraph
