// Partial calendar dates as the sources give them: "2019", "2019-06" or
// "2019-06-14". A partial date stands for the whole year or month.
#ifndef PARTNERGRAPH_DATE_H_
#define PARTNERGRAPH_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "partnergraph/status.h"

namespace partnergraph {

class PartialDate {
 public:
  PartialDate() = default;  // empty: no date given

  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000-9999, real calendar
  // days, leap years included). Fails with kInvalidArgument naming the problem.
  static Result<PartialDate> Parse(std::string_view text);

  // The date covering day `yyyymmdd` (FirstDay or LastDay's number) to
  // `precision`: 0 empty, 1 the year, 2 the month, 3 the day. Values out of
  // range give the empty date.
  static PartialDate FromDayNumber(int32_t yyyymmdd, int precision);
  // How much of the date is given: 0 empty, 1 year, 2 month, 3 day.
  int precision() const { return year_ == 0 ? 0 : month_ == 0 ? 1 : day_ == 0 ? 2 : 3; }

  bool empty() const { return year_ == 0; }
  int year() const { return year_; }
  int month() const { return month_; }  // 0 when not given
  int day() const { return day_; }      // 0 when not given

  // The first and last day this date covers, as yyyymmdd integers that order
  // like the dates ("2019" covers 20190101..20191231). Empty dates give
  // kOpenStart / kOpenEnd, so open-ended periods compare naturally.
  int32_t FirstDay() const;
  int32_t LastDay() const;

  // Canonical text, as parsed ("2019-06"); "" when empty.
  std::string ToString() const;

  friend bool operator==(const PartialDate&, const PartialDate&) = default;

  static constexpr int32_t kOpenStart = 0;
  static constexpr int32_t kOpenEnd = 99991231;

 private:
  int year_ = 0;
  int month_ = 0;
  int day_ = 0;
};

// A relation with period [since, until] is in force at `date` when the two
// periods overlap: it started no later than the last day of `date` and did not
// end before its first day. So "as of 2019" includes an MoU of 2019-06.
// Empty since/until are open ends.
bool InForceAt(int32_t since_first_day, int32_t until_last_day, const PartialDate& date);

// Which relations an as-of date counts (README, "Time: dated and reported
// relations"). A dated relation (a since or an until of its own) is in force
// when its period overlaps the date, under every rule; the rules differ on
// undated relations.
enum class DateRule : uint8_t {
  kEvidence,  // an undated relation is known from the start of its source's period on
  kStrict,    // undated relations are left out
  kAny,       // undated relations are always in force
};
// "evidence", "strict", "any"; nullopt for anything else.
std::optional<DateRule> ParseDateRule(std::string_view text);
const char* DateRuleName(DateRule rule);

// How a relation is dated: by its own since/until; by its source's period
// only (reported); or not at all (no dates, and a source without a period).
enum class Dating : uint8_t { kDated, kReported, kUndated };

// `reported_first_day` is the first day of the relation's source's period
// (ReportedFirstDay in relation.h): kOpenStart when the source gives none.
// It matters only for undated relations.
inline Dating DatingOf(int32_t since_first_day, int32_t until_last_day,
                       int32_t reported_first_day) {
  if (since_first_day != PartialDate::kOpenStart || until_last_day != PartialDate::kOpenEnd) {
    return Dating::kDated;
  }
  return reported_first_day != PartialDate::kOpenStart ? Dating::kReported : Dating::kUndated;
}

// Whether a relation counts as of `date` under `rule` (always when the date
// is empty): dated ones by InForceAt; under kEvidence a reported one from
// reported_first_day on and an undated one always; under kStrict neither;
// under kAny both always.
bool InForceUnder(int32_t since_first_day, int32_t until_last_day, int32_t reported_first_day,
                  const PartialDate& date, DateRule rule);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DATE_H_
