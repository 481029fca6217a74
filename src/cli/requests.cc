#include "cli/requests.h"

namespace partnergraph::cli {

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

Result<PartialDate> ParseDateOption(const std::string& text, std::string_view option) {
  if (text.empty()) return PartialDate();
  Result<PartialDate> date = PartialDate::Parse(text);
  if (!date) return date.error().WithContext(std::string(option));
  return *date;
}

Result<RelationFilter> ParseFilter(const FilterOptions& options) {
  RelationFilter filter;
  filter.types = SplitCommas(options.types);
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  filter.as_of = *as_of;
  return filter;
}

}  // namespace partnergraph::cli
