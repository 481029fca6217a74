#include "cli/present.h"

#include <cmath>
#include <cstdio>

namespace partnergraph::cli {

std::string Period(const Relation& relation) {
  const std::string since = relation.since.ToString();
  const std::string until = relation.until.ToString();
  if (since.empty() && until.empty()) return "";
  if (until.empty()) return "since " + since;
  if (since.empty()) return "until " + until;
  if (since == until) return since;
  return since + "–" + until;
}

std::string FormatAmount(const Amount& amount) {
  // Thousands separators make six-figure grants readable at a glance.
  char digits[64];
  const bool whole = std::floor(amount.value) == amount.value && amount.value < 1e15;
  std::snprintf(digits, sizeof digits, whole ? "%.0f" : "%.2f", amount.value);
  std::string text(digits);
  const size_t dot = text.find('.');
  const size_t integer_end = dot == std::string::npos ? text.size() : dot;
  std::string grouped;
  for (size_t i = 0; i < integer_end; ++i) {
    if (i > 0 && (integer_end - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(text[i]);
  }
  grouped += text.substr(integer_end);
  return amount.currency + " " + grouped;
}

std::string FormatAmount(const Relation& relation) {
  return relation.amount ? FormatAmount(*relation.amount) : "";
}

std::string SourceText(const Relation& relation) {
  if (!relation.source) return "";
  return relation.source->doc + ": “" + relation.source->quote + "”";
}

std::string BothNames(const Entity& entity) {
  if (entity.name.en.empty()) return entity.name.zh;
  if (entity.name.zh.empty()) return entity.name.en;
  return entity.name.en + " / " + entity.name.zh;
}

}  // namespace partnergraph::cli
