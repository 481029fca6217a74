#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "partnergraph/query.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

namespace partnergraph {
namespace {

struct Hit {
  MatchQuality quality = MatchQuality::kTypos;
  double score = 0;
  std::string matched;
  // Among hits of whole words or typos, the one whose name is nearest the
  // text's length comes first ("ilo" before a longer name with the same words).
  size_t excess = 0;

  auto Key() const { return std::make_tuple(-score, quality, excess); }
};

MatchQuality QualityOf(const TextScore& score, NameField field) {
  switch (score.match) {
    case TextMatch::kEqual:
      return field == NameField::kId ? MatchQuality::kExactId : MatchQuality::kExactName;
    case TextMatch::kPrefix:
      return MatchQuality::kPrefix;
    case TextMatch::kWordStart:
      return MatchQuality::kWordStart;
    case TextMatch::kInside:
      return MatchQuality::kSubstring;
    case TextMatch::kWords:
      return MatchQuality::kWords;
    case TextMatch::kTypos:
      break;
  }
  return MatchQuality::kTypos;
}

}  // namespace

const char* MatchQualityName(MatchQuality quality) {
  switch (quality) {
    case MatchQuality::kExactId:
      return "exact_id";
    case MatchQuality::kExactName:
      return "exact_name";
    case MatchQuality::kPrefix:
      return "prefix";
    case MatchQuality::kWordStart:
      return "word_start";
    case MatchQuality::kSubstring:
      return "inside_word";
    case MatchQuality::kWords:
      return "words";
    case MatchQuality::kTypos:
      break;
  }
  return "typos";
}

Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit, size_t* total) {
  const std::string normalised = NormaliseName(text);
  if (normalised.empty()) {
    return Status::InvalidArgument("nothing to search for: give a name, alias or id");
  }
  const TextMatcher matcher(normalised);
  std::unordered_map<std::string, Hit> best;
  Status s =
      store.ForEachName([&](std::string_view name, std::string_view entity_id, NameField field) {
        std::optional<TextScore> score = matcher.Match(name);
        if (!score) return true;
        Hit hit;
        hit.quality = QualityOf(*score, field);
        hit.score = score->Score();
        if (hit.quality == MatchQuality::kExactName) hit.score = std::min(hit.score, 0.95);
        if (hit.quality >= MatchQuality::kWords) {
          hit.excess = name.size() > normalised.size() ? name.size() - normalised.size() : 0;
        }
        auto [it, inserted] = best.try_emplace(std::string(entity_id));
        if (inserted || hit.Key() < it->second.Key()) {
          hit.matched = name;
          it->second = std::move(hit);
        }
        return true;
      });
  if (!s.ok()) return s;

  std::vector<std::pair<const std::string*, const Hit*>> order;
  order.reserve(best.size());
  for (const auto& [id, hit] : best) order.emplace_back(&id, &hit);
  auto before = [](const auto& a, const auto& b) {
    return std::make_tuple(a.second->Key(), std::string_view(*a.first)) <
           std::make_tuple(b.second->Key(), std::string_view(*b.first));
  };
  if (total != nullptr) *total = order.size();
  if (limit != 0 && order.size() > limit) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(limit),
                      order.end(), before);
    order.resize(limit);
  } else {
    std::sort(order.begin(), order.end(), before);
  }
  std::vector<FoundEntity> found;
  found.reserve(order.size());
  for (const auto& [id, hit] : order) {
    Result<Entity> entity = store.GetEntity(*id);
    if (!entity) return entity.error();
    found.push_back({std::move(*entity), hit->quality, hit->matched, hit->score});
  }
  return found;
}

Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit) {
  return FindEntities(store, text, limit, nullptr);
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
  if (close && !close->empty() && close->front().quality < MatchQuality::kWords) {
    message += "; did you mean:";
    for (const FoundEntity& found : *close) {
      message += "\n  " + found.entity.id + "  " + found.entity.DisplayName();
    }
    return Status::NotFound(message);
  }
  // Words in another order, or typos ("swedn"): the best such hit, said the
  // way commands, kinds and types are (spelling.h).
  if (close && !close->empty()) {
    return Status::NotFound(message +
                            DidYouMean(close->front().entity.id, {close->front().entity.id}));
  }
  // Else the id or name nearest as a whole by edit distance. Names are read from the index on
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
