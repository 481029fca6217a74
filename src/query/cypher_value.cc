#include "query/cypher_value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "partnergraph/date.h"

namespace partnergraph::cypher {
namespace {

bool IsNumber(const CypherValue& v) { return v.is<int64_t>() || v.is<double>(); }

double AsDouble(const CypherValue& v) {
  return v.is<int64_t>() ? static_cast<double>(v.as<int64_t>()) : v.as<double>();
}

// Integers compared exactly, mixed with floats as doubles.
int CompareNumbers(const CypherValue& a, const CypherValue& b) {
  if (a.is<int64_t>() && b.is<int64_t>()) {
    const int64_t x = a.as<int64_t>();
    const int64_t y = b.as<int64_t>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const double x = AsDouble(a);
  const double y = AsDouble(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

// The rank of a type in ORDER BY.
int OrderRank(const CypherValue& v) {
  if (v.is<CypherMap>()) return 0;
  if (v.is<CypherNode>()) return 1;
  if (v.is<CypherRelationship>()) return 2;
  if (v.is<CypherList>()) return 3;
  if (v.is<CypherPath>()) return 4;
  if (v.is<std::string>()) return 5;
  if (v.is<bool>()) return 6;
  if (IsNumber(v)) return 7;
  return 8;  // null
}

}  // namespace

std::string TypeName(const CypherValue& value) {
  static constexpr const char* kNames[] = {"Null", "Boolean", "Integer", "Float",        "String",
                                           "List", "Map",     "Node",    "Relationship", "Path"};
  return kNames[value.value.index()];
}

bool DatePeriod(std::string_view text, int32_t* first_day, int32_t* last_day, int* precision) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  Result<PartialDate> date = PartialDate::Parse(text);
  if (!date) return false;
  *first_day = date->FirstDay();
  *last_day = date->LastDay();
  *precision = static_cast<int>(text.size());
  return true;
}

std::optional<bool> Equal(const CypherValue& a, const CypherValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if ((a.is<double>() && std::isnan(a.as<double>())) ||
        (b.is<double>() && std::isnan(b.as<double>()))) {
      return false;
    }
    return CompareNumbers(a, b) == 0;
  }
  if (a.value.index() != b.value.index()) return false;
  if (a.is<CypherList>()) {
    const CypherList& x = a.as<CypherList>();
    const CypherList& y = b.as<CypherList>();
    if (x.size() != y.size()) return false;
    bool unknown = false;
    for (size_t i = 0; i < x.size(); ++i) {
      std::optional<bool> e = Equal(x[i], y[i]);
      if (!e) {
        unknown = true;
      } else if (!*e) {
        return false;
      }
    }
    if (unknown) return std::nullopt;
    return true;
  }
  if (a.is<CypherMap>()) {
    const CypherMap& x = a.as<CypherMap>();
    const CypherMap& y = b.as<CypherMap>();
    if (x.size() != y.size()) return false;
    bool unknown = false;
    for (const auto& [key, value] : x) {
      const CypherValue* other = nullptr;
      for (const auto& [other_key, other_value] : y) {
        if (other_key == key) other = &other_value;
      }
      if (other == nullptr) return false;
      std::optional<bool> e = Equal(value, *other);
      if (!e) {
        unknown = true;
      } else if (!*e) {
        return false;
      }
    }
    if (unknown) return std::nullopt;
    return true;
  }
  return a.value == b.value;
}

std::optional<int> CompareForPredicate(const CypherValue& a, const CypherValue& b, bool or_equal) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (IsNumber(a) && IsNumber(b)) {
    if ((a.is<double>() && std::isnan(a.as<double>())) ||
        (b.is<double>() && std::isnan(b.as<double>()))) {
      return kUnordered;
    }
    return CompareNumbers(a, b);
  }
  if (a.is<std::string>() && b.is<std::string>()) {
    const std::string& x = a.as<std::string>();
    const std::string& y = b.as<std::string>();
    int32_t x_first = 0;
    int32_t x_last = 0;
    int32_t y_first = 0;
    int32_t y_last = 0;
    int x_precision = 0;
    int y_precision = 0;
    if (x.size() != y.size() && DatePeriod(x, &x_first, &x_last, &x_precision) &&
        DatePeriod(y, &y_first, &y_last, &y_precision)) {
      // Periods: x <= y when x starts no later than y ends; x < y when x
      // ends before y starts. Overlapping periods are both <= and >=.
      if (or_equal) {
        if (x_first <= y_last && x_last >= y_first) return 0;
        return x_last < y_first ? -1 : 1;
      }
      if (x_last < y_first) return -1;
      if (x_first > y_last) return 1;
      return 0;
    }
    const int c = x.compare(y);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.is<bool>() && b.is<bool>()) {
    return static_cast<int>(a.as<bool>()) - static_cast<int>(b.as<bool>());
  }
  if (a.is<CypherList>() && b.is<CypherList>()) {
    const CypherList& x = a.as<CypherList>();
    const CypherList& y = b.as<CypherList>();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      std::optional<int> c = CompareForPredicate(x[i], y[i], false);
      if (!c) return std::nullopt;
      if (*c != 0) return c;
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
  }
  return std::nullopt;
}

int CompareForOrder(const CypherValue& a, const CypherValue& b) {
  const int rank_a = OrderRank(a);
  const int rank_b = OrderRank(b);
  if (rank_a != rank_b) return rank_a < rank_b ? -1 : 1;
  switch (rank_a) {
    case 0: {
      const CypherMap& x = a.as<CypherMap>();
      const CypherMap& y = b.as<CypherMap>();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (x[i].first != y[i].first) return x[i].first < y[i].first ? -1 : 1;
        const int c = CompareForOrder(x[i].second, y[i].second);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case 1:
      return a.as<CypherNode>().vertex < b.as<CypherNode>().vertex
                 ? -1
                 : (a.as<CypherNode>().vertex > b.as<CypherNode>().vertex ? 1 : 0);
    case 2:
      return a.as<CypherRelationship>().edge < b.as<CypherRelationship>().edge
                 ? -1
                 : (a.as<CypherRelationship>().edge > b.as<CypherRelationship>().edge ? 1 : 0);
    case 3: {
      const CypherList& x = a.as<CypherList>();
      const CypherList& y = b.as<CypherList>();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        const int c = CompareForOrder(x[i], y[i]);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case 4: {
      const CypherPath& x = a.as<CypherPath>();
      const CypherPath& y = b.as<CypherPath>();
      if (x.vertices != y.vertices) return x.vertices < y.vertices ? -1 : 1;
      if (x.edges != y.edges) return x.edges < y.edges ? -1 : 1;
      return 0;
    }
    case 5: {
      const int c = a.as<std::string>().compare(b.as<std::string>());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case 6:
      return static_cast<int>(a.as<bool>()) - static_cast<int>(b.as<bool>());
    case 7: {
      const bool nan_a = a.is<double>() && std::isnan(a.as<double>());
      const bool nan_b = b.is<double>() && std::isnan(b.as<double>());
      if (nan_a || nan_b) return nan_a == nan_b ? 0 : (nan_a ? 1 : -1);
      return CompareNumbers(a, b);
    }
    default:
      return 0;
  }
}

std::string EquivalenceKey(const CypherValue& value) {
  if (value.is_null()) return "N";
  if (value.is<bool>()) return value.as<bool>() ? "T" : "F";
  if (value.is<int64_t>()) return "I" + std::to_string(value.as<int64_t>());
  if (value.is<double>()) {
    const double d = value.as<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18) {
      return "I" + std::to_string(static_cast<int64_t>(d));
    }
    return "D" + CypherFloatText(d);
  }
  if (value.is<std::string>()) {
    const std::string& s = value.as<std::string>();
    return "S" + std::to_string(s.size()) + ":" + s;
  }
  if (value.is<CypherList>()) {
    std::string key = "L[";
    for (const CypherValue& item : value.as<CypherList>()) key += EquivalenceKey(item) + ",";
    return key + "]";
  }
  if (value.is<CypherMap>()) {
    CypherMap sorted = value.as<CypherMap>();
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    std::string key = "M{";
    for (const auto& [k, v] : sorted) {
      key += std::to_string(k.size()) + ":" + k + "=" + EquivalenceKey(v) + ",";
    }
    return key + "}";
  }
  if (value.is<CypherNode>()) return "V" + std::to_string(value.as<CypherNode>().vertex);
  if (value.is<CypherRelationship>()) {
    return "E" + std::to_string(value.as<CypherRelationship>().edge);
  }
  const CypherPath& path = value.as<CypherPath>();
  std::string key = "P";
  for (VertexIndex v : path.vertices) key += std::to_string(v) + ",";
  key += "/";
  for (EdgeIndex e : path.edges) key += std::to_string(e) + ",";
  return key;
}

std::optional<std::string> ScalarText(const CypherValue& value) {
  if (value.is<std::string>()) return value.as<std::string>();
  if (value.is<bool>()) return std::string(value.as<bool>() ? "true" : "false");
  if (value.is<int64_t>()) return std::to_string(value.as<int64_t>());
  if (value.is<double>()) return CypherFloatText(value.as<double>());
  return std::nullopt;
}

}  // namespace partnergraph::cypher

namespace partnergraph {
namespace {

CypherValue FromJson(const nlohmann::json& j) {
  if (j.is_null()) return {};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_array()) {
    CypherList list;
    for (const auto& item : j) list.push_back(FromJson(item));
    return list;
  }
  CypherMap map;
  for (const auto& [key, item] : j.items()) map.emplace_back(key, FromJson(item));
  return map;
}

}  // namespace

std::string CypherFloatText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[400];
  const double magnitude = std::fabs(value);
  // Plain digits where people read them easily (amounts), else the
  // shortest form, which may use an exponent.
  const std::to_chars_result end =
      magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e16)
          ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
          : std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, end.ptr);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

CypherValue ParseParameterValue(const std::string& text) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return text;
  return FromJson(parsed);
}

}  // namespace partnergraph
