#include "cli/requests.h"

#include <iostream>

#include "partnergraph/dot_writer.h"
#include "partnergraph/text.h"

#include "cli/locations.h"
#include "cli/present.h"
#include "cli/usage.h"

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
  if (!date) return UsageError(std::string(option) + ": " + date.error().message());
  return *date;
}

Result<DateWindow> ParseDateWindow(const std::vector<std::string>& dates, std::string_view option) {
  DateWindow window;
  if (dates.empty()) return window;
  if (dates.size() != 2) return UsageError(std::string(option) + ": give two dates, A and B");
  Result<PartialDate> from = ParseDateOption(dates[0], option);
  if (!from) return from.error();
  Result<PartialDate> to = ParseDateOption(dates[1], option);
  if (!to) return to.error();
  window.from = *from;
  window.to = *to;
  if (Status s = CheckDateWindow(window); !s.ok()) {
    return UsageError(std::string(option) + ": " + s.message());
  }
  return window;
}

Result<DatingCounts> NoteDating(const Database& db, const RelationFilter& filter) {
  if (filter.as_of.empty()) return DatingCounts();
  Result<DatingCounts> counts = db.Dating(filter);
  if (!counts) return counts.error();
  std::cerr << DatingNote(filter.as_of, filter.dates, *counts);
  return counts;
}

void LoadSourceNames(const Database& db) {
  Result<std::vector<SourceSummary>> sources = db.Sources(/*with_counts=*/false);
  if (!sources) return;
  std::vector<SourceDocument> documents;
  for (SourceSummary& summary : *sources) documents.push_back(std::move(summary.source));
  UseSourceNames(documents);
}

Result<DateRule> ParseDateRuleOption(const std::string& text) {
  std::optional<DateRule> rule = ParseDateRule(text);
  if (!rule) {
    return UsageError("--dates: \"" + PrintableText(text) +
                      "\" is not one of evidence, strict, any");
  }
  return *rule;
}

Result<RelationFilter> ParseFilter(const FilterOptions& options) {
  RelationFilter filter;
  filter.types = SplitCommas(options.types);
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  filter.as_of = *as_of;
  Result<DateRule> dates = ParseDateRuleOption(options.dates);
  if (!dates) return dates.error();
  filter.dates = *dates;
  return filter;
}

Result<ViewRequest> ParseViewRequest(const ViewOptions& options) {
  const int chosen =
      (options.around.empty() ? 0 : 1) + (options.path.empty() ? 0 : 1) + (options.funding ? 1 : 0);
  if (chosen > 1) {
    return Status::InvalidArgument("choose one view: --around, --path or --funding");
  }
  if (!options.funder.empty() && !options.funding) {
    return Status::InvalidArgument("--funder goes with --funding");
  }
  ViewRequest request;
  if (!options.around.empty()) {
    request.kind = ViewKind::kAround;
    request.focus = options.around;
    request.depth = options.depth;
  } else if (!options.path.empty()) {
    request.kind = ViewKind::kPath;
    request.focus = options.path[0];
    request.target = options.path[1];
  } else if (options.funding) {
    request.kind = ViewKind::kFunding;
    request.funder = options.funder;
  }
  request.types = SplitCommas(options.filter.types);
  request.kinds = SplitCommas(options.kinds);
  request.title = options.title;
  request.max_nodes = options.max_nodes;
  Result<PartialDate> as_of = ParseDateOption(options.filter.as_of, "--as-of");
  if (!as_of) return as_of.error();
  request.as_of = *as_of;
  Result<DateRule> dates = ParseDateRuleOption(options.filter.dates);
  if (!dates) return dates.error();
  request.dates = *dates;
  return request;
}

Result<PictureRequest> ParsePictureRequest(const ViewOptions& options) {
  Result<ViewRequest> view = ParseViewRequest(options);
  if (!view) return view.error();
  PictureRequest request;
  request.view = std::move(*view);
  request.style = options.style.empty() ? "default" : options.style;
  request.style_folder = BundledVizDir();
  Result<LabelLanguage> lang = LabelLanguageFromName(options.lang);
  if (!lang) return lang.error();
  request.dot.lang = *lang;
  request.view.lang = options.lang;  // the title's language
  Result<Clustering> clusters = ClusteringFromName(options.clusters);
  if (!clusters) return clusters.error();
  request.dot.clusters = *clusters;
  request.dot.legend = !options.no_legend;
  Result<SizeBy> size_by = SizeByFromName(options.size_by);
  if (!size_by) return size_by.error();
  request.dot.size_by = *size_by;
  request.layout = options.layout;
  Result<DateWindow> diff = ParseDateWindow(options.diff, "--diff");
  if (!diff) return diff.error();
  if (!diff->empty() && !request.view.as_of.empty()) {
    return UsageError("--diff A B and --as-of: choose one (the two dates say when)");
  }
  request.diff = *diff;
  return request;
}

}  // namespace partnergraph::cli
