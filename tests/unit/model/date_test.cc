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

// The evidence rule (README, "Time: dated and reported relations"): dated
// relations by their own period under every rule; undated ones from their
// source's period on (evidence), never (strict) or always (any).
TEST(InForceUnderTest, EachRuleOnDatedReportedAndUndatedRelations) {
  const int32_t open_start = PartialDate::kOpenStart;
  const int32_t open_end = PartialDate::kOpenEnd;
  const PartialDate y2011 = *PartialDate::Parse("2011");
  const PartialDate y2013 = *PartialDate::Parse("2013");
  const PartialDate y2015 = *PartialDate::Parse("2015");
  const PartialDate y2019 = *PartialDate::Parse("2019");
  const int32_t since_2010 = PartialDate::Parse("2010")->FirstDay();
  const int32_t until_2012 = PartialDate::Parse("2012")->LastDay();
  const int32_t from_2018 = PartialDate::Parse("2018")->FirstDay();
  for (DateRule rule : {DateRule::kEvidence, DateRule::kStrict, DateRule::kAny}) {
    // Dated 2010-2012 (a source period beside it changes nothing).
    EXPECT_TRUE(InForceUnder(since_2010, until_2012, open_start, y2011, rule));
    EXPECT_FALSE(InForceUnder(since_2010, until_2012, open_start, y2013, rule));
    EXPECT_TRUE(InForceUnder(since_2010, until_2012, from_2018, y2011, rule));
    // No date: everything counts.
    EXPECT_TRUE(InForceUnder(open_start, open_end, from_2018, PartialDate(), rule));
  }
  // Undated, its source reporting on 2018-2019.
  EXPECT_FALSE(InForceUnder(open_start, open_end, from_2018, y2015, DateRule::kEvidence));
  EXPECT_TRUE(InForceUnder(open_start, open_end, from_2018, y2019, DateRule::kEvidence));
  EXPECT_TRUE(InForceUnder(open_start, open_end, from_2018, *PartialDate::Parse("2018-01"),
                           DateRule::kEvidence));
  EXPECT_FALSE(InForceUnder(open_start, open_end, from_2018, *PartialDate::Parse("2017-12-31"),
                            DateRule::kEvidence));
  EXPECT_FALSE(InForceUnder(open_start, open_end, from_2018, y2019, DateRule::kStrict));
  EXPECT_TRUE(InForceUnder(open_start, open_end, from_2018, y2015, DateRule::kAny));
  // Undated, its source stating no period: always, but under strict.
  EXPECT_TRUE(InForceUnder(open_start, open_end, open_start, y2015, DateRule::kEvidence));
  EXPECT_FALSE(InForceUnder(open_start, open_end, open_start, y2015, DateRule::kStrict));
  EXPECT_TRUE(InForceUnder(open_start, open_end, open_start, y2015, DateRule::kAny));
}

TEST(InForceUnderTest, DatingTellsDatedReportedAndUndatedApart) {
  const int32_t from_2018 = PartialDate::Parse("2018")->FirstDay();
  const int32_t since_2010 = PartialDate::Parse("2010")->FirstDay();
  const int32_t until_2012 = PartialDate::Parse("2012")->LastDay();
  EXPECT_EQ(DatingOf(since_2010, PartialDate::kOpenEnd, from_2018), Dating::kDated);
  EXPECT_EQ(DatingOf(PartialDate::kOpenStart, until_2012, PartialDate::kOpenStart), Dating::kDated);
  EXPECT_EQ(DatingOf(PartialDate::kOpenStart, PartialDate::kOpenEnd, from_2018), Dating::kReported);
  EXPECT_EQ(DatingOf(PartialDate::kOpenStart, PartialDate::kOpenEnd, PartialDate::kOpenStart),
            Dating::kUndated);
}

TEST(InForceUnderTest, RuleNamesReadBack) {
  for (DateRule rule : {DateRule::kEvidence, DateRule::kStrict, DateRule::kAny}) {
    EXPECT_EQ(ParseDateRule(DateRuleName(rule)), rule);
  }
  EXPECT_EQ(ParseDateRule("Evidence"), std::nullopt);
  EXPECT_EQ(ParseDateRule(""), std::nullopt);
}

}  // namespace
}  // namespace partnergraph
