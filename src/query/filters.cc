#include "query/filters.h"

#include <limits>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

namespace partnergraph::query {

Result<EdgeFilter> ResolveFilter(const std::vector<std::string>& types, const PartialDate& as_of,
                                 const Schema& schema, const Topology& topology, DateRule dates) {
  EdgeFilter filter;
  filter.as_of = as_of;
  filter.dates = dates;
  for (const std::string& type : types) {
    if (type.empty()) continue;
    std::optional<TypeIndex> index = topology.FindType(type);
    if (index) {
      filter.types.push_back(*index);
      continue;
    }
    if (schema.FindType(type) == nullptr) {
      std::vector<std::string> known = schema.TypeNames();
      known.insert(known.end(), topology.type_names.begin(), topology.type_names.end());
      return Status::InvalidArgument("unknown relation type \"" + PrintableText(type) + "\"" +
                                     DidYouMean(type, known));
    }
    // Known but unused: an index no edge has, so the filter matches nothing
    // of it rather than everything.
    filter.types.push_back(std::numeric_limits<TypeIndex>::max());
  }
  return filter;
}

Status CheckKinds(const std::vector<std::string>& kinds, const Schema& schema) {
  for (const std::string& kind : kinds) {
    if (schema.HasKind(kind)) continue;
    return Status::InvalidArgument("unknown entity kind \"" + PrintableText(kind) + "\"" +
                                   DidYouMean(kind, schema.KindNames()));
  }
  return Status::Ok();
}

}  // namespace partnergraph::query
