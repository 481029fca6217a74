// Fuzzes what turns a user's text into an entity: NormaliseName, the name
// index lookups behind `find` (FindEntities) and every ENTITY argument
// (ResolveEntity) on a small store, and the "did you mean" spelling helpers.
#include <string>
#include <vector>

#include "partnergraph/query.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "fuzz_support.h"

namespace {

using partnergraph::NormaliseName;

void CheckNormalised(const std::string& text, const std::string& normalised) {
  if (normalised.empty()) return;
  PG_FUZZ_CHECK(partnergraph::IsValidUtf8(normalised), "normalised to invalid UTF-8");
  PG_FUZZ_CHECK(normalised.front() != ' ' && normalised.back() != ' ',
                "normalised name not trimmed: [" + normalised + "]");
  PG_FUZZ_CHECK(normalised.find("  ") == std::string::npos,
                "normalised name with a double space: [" + normalised + "]");
  // Stored names and typed text are normalised once each, so a stored name
  // typed back in must come out the same.
  PG_FUZZ_CHECK(NormaliseName(normalised) == normalised, "normalising twice changes [" + text +
                                                             "]: [" + normalised + "] then [" +
                                                             NormaliseName(normalised) + "]");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string normalised = NormaliseName(text);
  CheckNormalised(text, normalised);

  partnergraph::Store& store = partnergraph::fuzz::SharedStore();
  partnergraph::Result<std::vector<partnergraph::FoundEntity>> found =
      partnergraph::FindEntities(store, text, 5);
  if (normalised.empty()) {
    PG_FUZZ_CHECK(!found.has_value(), "found something for an empty name");
  } else {
    PG_FUZZ_CHECK(found.has_value(), "find failed: " + found.error().ToString());
    PG_FUZZ_CHECK(found->size() <= 5, "find ignores its limit");
    for (const partnergraph::FoundEntity& match : *found) {
      // Hits of whole words in any order, or of typos, need not hold the
      // text; the others hold it as typed or with its spelling folded.
      if (match.quality > partnergraph::MatchQuality::kSubstring) continue;
      PG_FUZZ_CHECK(match.matched.find(normalised) != std::string::npos ||
                        partnergraph::FoldSpelling(match.matched)
                                .find(partnergraph::FoldSpelling(normalised)) != std::string::npos,
                    "find returned " + match.entity.id + " for [" + text + "]");
    }
  }
  partnergraph::Result<std::string> resolved = partnergraph::ResolveEntity(store, text);
  if (resolved) {
    PG_FUZZ_CHECK(store.HasEntity(*resolved), "resolved to a missing entity " + *resolved);
  } else {
    const partnergraph::StatusCode code = resolved.error().code();
    PG_FUZZ_CHECK(code == partnergraph::StatusCode::kNotFound ||
                      code == partnergraph::StatusCode::kAmbiguous ||
                      code == partnergraph::StatusCode::kInvalidArgument,
                  "resolve failed oddly: " + resolved.error().ToString());
  }

  // Spelling: the text's two halves against each other and the store's ids.
  const std::string a = text.substr(0, size / 2);
  const std::string b = text.substr(size / 2);
  const size_t limit = 1 + size % 7;
  const size_t ab = partnergraph::EditDistance(a, b, limit);
  PG_FUZZ_CHECK(ab == partnergraph::EditDistance(b, a, limit), "edit distance not symmetric");
  PG_FUZZ_CHECK(ab <= limit + 1, "edit distance beyond its limit");
  PG_FUZZ_CHECK((partnergraph::EditDistance(a, a, limit) == 0), "edit distance to itself");
  const std::vector<std::string> ids = {"ilo", "cn-mohrss", "china", "acme-a", "acme-b", b};
  std::optional<std::string> close = partnergraph::ClosestMatch(a, ids);
  if (close) {
    PG_FUZZ_CHECK(partnergraph::EditDistance(a, *close, a.size() + close->size()) <=
                      std::max<size_t>(1, a.size() / 3),
                  "a suggestion that is not close");
  }
  return 0;
}
