#include "partnergraph/amount.h"

#include <algorithm>
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

bool IsIsoCurrencyCode(std::string_view code) {
  // Sorted, for the binary search. Three capital letters are not enough: a
  // typo ("USS") or an invented code would be summed as its own currency.
  static constexpr std::array<std::string_view, 202> kCodes = {
      "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "ATS", "AUD", "AWG", "AZN", "BAM", "BBD",
      "BDT", "BEF", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP",
      "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC",
      "CUC", "CUP", "CVE", "CYP", "CZK", "DEM", "DJF", "DKK", "DOP", "DZD", "EEK", "EGP", "ERN",
      "ESP", "ETB", "EUR", "FIM", "FJD", "FKP", "FRF", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF",
      "GRD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "IEP", "ILS", "INR", "IQD",
      "IRR", "ISK", "ITL", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
      "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LTL", "LUF", "LVL", "LYD", "MAD", "MDL",
      "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MTL", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR",
      "MZN", "NAD", "NGN", "NIO", "NLG", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP",
      "PKR", "PLN", "PTE", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG",
      "SEK", "SGD", "SHP", "SIT", "SKK", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
      "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD",
      "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU",
      "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS",
      "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL"};
  static_assert(std::is_sorted(kCodes.begin(), kCodes.end()));
  return std::binary_search(kCodes.begin(), kCodes.end(), code);
}

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
