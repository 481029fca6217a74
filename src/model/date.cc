#include "partnergraph/date.h"

#include <cstdio>

#include "partnergraph/text.h"

namespace partnergraph {
namespace {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

// Reads exactly `width` ASCII digits at `pos`; -1 if any is not a digit.
int ReadDigits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Result<PartialDate> PartialDate::Parse(std::string_view text) {
  auto bad = [&](const std::string& why) {
    // Escaped and cut: the text comes from a file or the command line and is
    // printed on a terminal.
    return Status::InvalidArgument("bad date \"" + PrintableText(text) + "\": " + why);
  };
  // One length for every test below (the analyzer cannot assume size() stays the same).
  const size_t length = text.size();
  if (length != 4 && length != 7 && length != 10) {
    return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
  }
  PartialDate date;
  date.year_ = ReadDigits(text, 0, 4);
  if (date.year_ < 0) return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
  if (date.year_ < 1000) return bad("year must be between 1000 and 9999");
  if (length >= 7) {
    date.month_ = text[4] == '-' ? ReadDigits(text, 5, 2) : -1;
    if (date.month_ < 0) return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
    if (date.month_ < 1 || date.month_ > 12) return bad("month must be 01 to 12");
  }
  if (length == 10) {
    date.day_ = text[7] == '-' ? ReadDigits(text, 8, 2) : -1;
    if (date.day_ < 0) return bad("expected YYYY, YYYY-MM or YYYY-MM-DD");
    if (date.day_ < 1 || date.day_ > DaysInMonth(date.year_, date.month_)) {
      return bad("no such day in " + std::string(text.substr(0, 7)));
    }
  }
  return date;
}

PartialDate PartialDate::FromDayNumber(int32_t yyyymmdd, int precision) {
  PartialDate date;
  const int year = yyyymmdd / 10000;
  const int month = yyyymmdd / 100 % 100;
  const int day = yyyymmdd % 100;
  if (precision <= 0 || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return date;
  }
  date.year_ = year;
  if (precision >= 2) date.month_ = month;
  if (precision >= 3) date.day_ = day;
  return date;
}

int32_t PartialDate::FirstDay() const {
  if (empty()) return kOpenStart;
  return year_ * 10000 + (month_ == 0 ? 1 : month_) * 100 + (day_ == 0 ? 1 : day_);
}

int32_t PartialDate::LastDay() const {
  if (empty()) return kOpenEnd;
  const int month = month_ == 0 ? 12 : month_;
  const int day = day_ == 0 ? DaysInMonth(year_, month) : day_;
  return year_ * 10000 + month * 100 + day;
}

std::string PartialDate::ToString() const {
  if (empty()) return "";
  char buffer[16];
  if (month_ == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year_);
  } else if (day_ == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year_, month_);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
  }
  return buffer;
}

bool InForceAt(int32_t since_first_day, int32_t until_last_day, const PartialDate& date) {
  if (date.empty()) return true;
  return since_first_day <= date.LastDay() && until_last_day >= date.FirstDay();
}

std::optional<DateRule> ParseDateRule(std::string_view text) {
  if (text == "evidence") return DateRule::kEvidence;
  if (text == "strict") return DateRule::kStrict;
  if (text == "any") return DateRule::kAny;
  return std::nullopt;
}

const char* DateRuleName(DateRule rule) {
  switch (rule) {
    case DateRule::kStrict:
      return "strict";
    case DateRule::kAny:
      return "any";
    case DateRule::kEvidence:
      break;
  }
  return "evidence";
}

bool InForceUnder(int32_t since_first_day, int32_t until_last_day, int32_t reported_first_day,
                  const PartialDate& date, DateRule rule) {
  if (date.empty()) return true;
  switch (DatingOf(since_first_day, until_last_day, reported_first_day)) {
    case Dating::kDated:
      return InForceAt(since_first_day, until_last_day, date);
    case Dating::kReported:
      return rule == DateRule::kAny ||
             (rule == DateRule::kEvidence && reported_first_day <= date.LastDay());
    case Dating::kUndated:
      break;
  }
  return rule != DateRule::kStrict;
}

}  // namespace partnergraph
