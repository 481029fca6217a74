#include "partnergraph/spelling.h"

#include <algorithm>
#include <numeric>

#include "partnergraph/text.h"

namespace partnergraph {

size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > limit) return limit + 1;
  // Three rows: a transposition ("shwo" for "show") looks two rows back.
  std::vector<size_t> before(b.size() + 1);
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  // A row can stay within the limit while its last cell does not: give up
  // the same way then, so that the result does not depend on the order of
  // the words (found by tests/fuzz/resolver_fuzzer).
  return std::min(previous[b.size()], limit + 1);
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const size_t distance = EditDistance(word, candidate, limit);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      if (distance <= limit) {
        best = candidate;
        best_distance = distance;
      }
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view prefix) {
  std::optional<std::string> close = ClosestMatch(word, candidates);
  if (!close) return "";
  return " (did you mean \"" + PrintableText(std::string(prefix) + *close) + "\"?)";
}

}  // namespace partnergraph
