#include "partnergraph/amount.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace partnergraph {
namespace {

// Fixed notation with two decimals, via to_chars because printf and streams
// follow the global locale.
std::string ToFixed2(double value) {
  std::array<char, 400> buffer{};  // enough for any finite double in fixed notation
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, 2);
  if (error != std::errc()) return "0.00";
  return std::string(buffer.data(), end);
}

// "1234567" -> "1,234,567"; a leading '-' is kept in front. Thousands
// separators make six-figure grants readable at a glance.
std::string GroupThousands(std::string_view digits) {
  std::string sign;
  if (!digits.empty() && digits.front() == '-') {
    sign = "-";
    digits.remove_prefix(1);
  }
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}

}  // namespace

std::string FormatAmount(const Amount& amount) {
  const double value = std::isfinite(amount.value) ? amount.value : 0.0;
  const std::string number = ToFixed2(value);
  const size_t dot = number.find('.');
  std::string text = GroupThousands(number.substr(0, dot));
  const std::string cents = number.substr(dot + 1);
  if (cents != "00") text += "." + cents;
  return amount.currency.empty() ? text : amount.currency + " " + text;
}

}  // namespace partnergraph
