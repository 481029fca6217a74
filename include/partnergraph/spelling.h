// The one suggestion engine: "did you mean" for mistyped commands, options,
// ids, kinds, types and fields, and the forgiving match `pgraph find` and
// every entity argument use (typos per word, spelling variants folded).
#ifndef PARTNERGRAPH_SPELLING_H_
#define PARTNERGRAPH_SPELLING_H_

#include <cstdint>
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

// Spelling variants folded to one form before names are compared, so that
// "labor" finds "labour" and "organisation" finds "organization": whole
// words, after NormaliseName (lower case). The table, as {variant, folded}:
// labour/labor, organisation/organization (and every other -isation word,
// with its plural), programme/program, centre/center, and the others
// SpellingVariants lists.
const std::vector<std::pair<std::string_view, std::string_view>>& SpellingVariants();

// `normalised` with every word that SpellingVariants lists replaced by its
// folded form; other bytes unchanged.
std::string FoldSpelling(std::string_view normalised);

// Typos forgiven in a query word of `length` bytes: none up to 3 (short
// words and acronyms match exactly), 1 up to 7, 2 from 8.
size_t TyposForgiven(size_t length);

// How a normalised text matched a normalised query, best first.
enum class TextMatch : uint8_t {
  kEqual,      // the whole text
  kPrefix,     // the text starts with the query
  kWordStart,  // the query starts at a word of the text ("labour" in "international labour")
  kInside,     // the query starts inside a word ("bour" in "labour")
  kWords,      // every query word starts a word of the text, in any order
  kTypos,      // every query word is within its typos of a word of the text (or its start)
};

struct TextScore {
  TextMatch match = TextMatch::kTypos;
  bool folded = false;  // matched only after FoldSpelling
  size_t typos = 0;     // kTypos: edits over all the words
  // 0 to 1, higher is better: what `find --json` reports as "score".
  double Score() const;
};

// Matches normalised texts (NormaliseName) against one query: `pgraph find`
// ranks every name and alias with it, and an entity argument that matches
// no name suggests its best hit. Cheap on texts that cannot match: a query
// of one short word is looked for as a substring only.
class TextMatcher {
 public:
  explicit TextMatcher(std::string_view normalised_query);
  std::optional<TextScore> Match(std::string_view normalised_text) const;
  const std::string& query() const { return query_; }

 private:
  std::optional<TextScore> MatchExactly(std::string_view text, std::string_view query) const;
  std::optional<TextScore> MatchWords(std::string_view text) const;

  std::string query_;
  std::string folded_query_;        // empty when folding changes nothing anywhere
  std::vector<std::string> words_;  // the folded query's words
  bool fuzzy_ = false;              // whether MatchWords can match anything
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_SPELLING_H_
