#include <algorithm>
#include <map>
#include <optional>

#include "partnergraph/query.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

namespace partnergraph {
namespace {

// Best quality per entity over every way it matched.
void Keep(std::map<std::string, std::pair<MatchQuality, std::string>>& best,
          const std::vector<NameMatch>& matches, MatchQuality quality) {
  for (const NameMatch& match : matches) {
    auto [it, inserted] = best.emplace(match.entity_id, std::make_pair(quality, match.normalised));
    if (!inserted && quality < it->second.first) it->second = {quality, match.normalised};
  }
}

}  // namespace

Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit) {
  const std::string normalised = NormaliseName(text);
  if (normalised.empty()) {
    return Status::InvalidArgument("nothing to search for: give a name, alias or id");
  }
  std::map<std::string, std::pair<MatchQuality, std::string>> best;
  Result<std::vector<NameMatch>> equal = store.NamesEqual(normalised);
  if (!equal) return equal.error();
  for (const NameMatch& match : *equal) {
    best.emplace(match.entity_id,
                 std::make_pair(match.field == NameField::kId ? MatchQuality::kExactId
                                                              : MatchQuality::kExactName,
                                match.normalised));
    if (match.field == NameField::kId) best[match.entity_id].first = MatchQuality::kExactId;
  }
  Result<std::vector<NameMatch>> prefix = store.NamesStartingWith(normalised);
  if (!prefix) return prefix.error();
  Keep(best, *prefix, MatchQuality::kPrefix);
  Result<std::vector<NameMatch>> containing = store.NamesContaining(normalised);
  if (!containing) return containing.error();
  Keep(best, *containing, MatchQuality::kSubstring);

  std::vector<std::pair<MatchQuality, std::string>> order;
  order.reserve(best.size());
  for (const auto& [id, match] : best) order.emplace_back(match.first, id);
  std::sort(order.begin(), order.end());
  if (limit != 0 && order.size() > limit) order.resize(limit);
  std::vector<FoundEntity> found;
  for (const auto& [quality, id] : order) {
    Result<Entity> entity = store.GetEntity(id);
    if (!entity) return entity.error();
    found.push_back({std::move(*entity), quality, best[id].second});
  }
  return found;
}

Result<std::string> ResolveEntity(const Store& store, std::string_view text) {
  const std::string normalised = NormaliseName(text);
  if (normalised.empty()) return Status::InvalidArgument("empty entity reference");
  if (store.HasEntity(text)) return std::string(text);
  Result<std::vector<NameMatch>> equal = store.NamesEqual(normalised);
  if (!equal) return equal.error();
  std::vector<std::string> ids;
  for (const NameMatch& match : *equal) {
    if (match.field == NameField::kId) return match.entity_id;  // ids are unique
    if (std::find(ids.begin(), ids.end(), match.entity_id) == ids.end()) {
      ids.push_back(match.entity_id);
    }
  }
  if (ids.size() == 1) return ids.front();
  if (ids.size() > 1) {
    std::string message = "\"" + std::string(text) + "\" matches " + std::to_string(ids.size()) +
                          " entities; use an id:";
    for (const std::string& id : ids) {
      Result<Entity> entity = store.GetEntity(id);
      message += "\n  " + id;
      if (entity) message += "  " + entity->DisplayName() + " (" + entity->kind + ")";
    }
    return Status::Ambiguous(message);
  }
  std::string message = "no entity matches \"" + std::string(text) + "\"";
  Result<std::vector<FoundEntity>> close = FindEntities(store, text, 5);
  if (close && !close->empty()) {
    message += "; did you mean:";
    for (const FoundEntity& found : *close) {
      message += "\n  " + found.entity.id + "  " + found.entity.DisplayName();
    }
    return Status::NotFound(message);
  }
  // A typo ("swedn"): the id or name nearest by edit distance, as for
  // commands, kinds and types (spelling.h). Names are read from the index on
  // this failing path only, and not at all in a store too large to scan.
  constexpr size_t kMaxNamesScanned = 200000;
  Result<std::vector<NameMatch>> names = store.NamesStartingWith("");
  if (names && names->size() <= kMaxNamesScanned) {
    std::vector<std::string> candidates;
    candidates.reserve(names->size());
    for (const NameMatch& name : *names) candidates.push_back(name.normalised);
    if (std::optional<std::string> nearest = ClosestMatch(normalised, candidates)) {
      for (const NameMatch& name : *names) {
        if (name.normalised != *nearest) continue;
        message += " (did you mean \"" + name.entity_id + "\"?)";
        break;
      }
    }
  }
  return Status::NotFound(message);
}

}  // namespace partnergraph
