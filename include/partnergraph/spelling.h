// "Did you mean" suggestions for mistyped ids, kinds, types and fields.
#ifndef PARTNERGRAPH_SPELLING_H_
#define PARTNERGRAPH_SPELLING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partnergraph {

// Damerau-Levenshtein distance on bytes (optimal string alignment: an
// insertion, deletion, substitution or swap of two neighbours costs 1),
// giving up (returning limit + 1) once the distance must exceed `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// The candidate closest to `word` within a distance that scales with its
// length (1 for short words, up to a third of the length), ties to the
// smallest; nullopt when none is close.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

// The one way messages suggest a name: ` (did you mean "CLOSEST"?)`, with the
// closest candidate as ClosestMatch finds it (printed with PrintableText's
// escaping), or "" when none is close. `prefix` goes before the candidate
// (`"amount."` suggests a field of a nested object).
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view prefix = "");

}  // namespace partnergraph

#endif  // PARTNERGRAPH_SPELLING_H_
