#include "partnergraph/spelling.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
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

namespace {

// EditDistance without allocating, for the short words names are made of
// (find compares a query word with every word of every name).
constexpr size_t kShortWord = 31;

size_t ShortEditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > kShortWord || b.size() > kShortWord) return EditDistance(a, b, limit);
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > limit) return limit + 1;
  std::array<std::array<uint8_t, kShortWord + 1>, 3> rows{};
  auto* before = &rows[0];
  auto* previous = &rows[1];
  auto* current = &rows[2];
  for (size_t j = 0; j <= b.size(); ++j) (*previous)[j] = static_cast<uint8_t>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    (*current)[0] = static_cast<uint8_t>(i);
    size_t row_min = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cell = std::min<size_t>({(*previous)[j] + 1U, (*current)[j - 1] + 1U,
                                      (*previous)[j - 1] + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min<size_t>(cell, (*before)[j - 2] + 1U);
      }
      (*current)[j] = static_cast<uint8_t>(cell);
      row_min = std::min(row_min, cell);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min<size_t>((*previous)[b.size()], limit + 1);
}

bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         (byte >= '0' && byte <= '9');
}

// The ASCII letters and digits of a word as bits: a word within k edits of
// another lacks at most k of its distinct letters, a test far cheaper than
// the distance itself.
uint64_t LetterMask(std::string_view word) {
  uint64_t mask = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') {
      mask |= uint64_t{1} << (c - 'a');
    } else if (c >= '0' && c <= '9') {
      mask |= uint64_t{1} << (26 + c - '0');
    } else {
      mask |= uint64_t{1} << 36;  // any other byte
    }
  }
  return mask;
}

// The words of a normalised text: runs of letters, digits and non-ASCII bytes.
template <typename Visit>
void ForEachWord(std::string_view text, Visit visit) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    if (i > start && !visit(text.substr(start, i - start))) return;
  }
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// One word folded (SpellingVariants), into `out`; false when it is unchanged.
bool FoldWord(std::string_view word, std::string& out) {
  for (const auto& [variant, folded] : SpellingVariants()) {
    if (word == variant) {
      out = folded;
      return true;
    }
  }
  // -isation(s) to -ization(s), -ise(d) stays: "enterprise", "rise".
  for (std::string_view suffix : {"isation", "isations"}) {
    if (word.size() > suffix.size() + 1 && EndsWith(word, suffix)) {
      out = word;
      out[word.size() - suffix.size() + 1] = 'z';  // the s of -isation
      return true;
    }
  }
  return false;
}

bool HasFoldableWord(std::string_view text) {
  bool found = false;
  std::string buffer;
  ForEachWord(text, [&](std::string_view word) {
    found = FoldWord(word, buffer) ||
            std::any_of(SpellingVariants().begin(), SpellingVariants().end(),
                        [&](const auto& pair) { return pair.second == word; }) ||
            EndsWith(word, "ization") || EndsWith(word, "izations");
    return !found;
  });
  return found;
}

}  // namespace

const std::vector<std::pair<std::string_view, std::string_view>>& SpellingVariants() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kVariants = {
      {"labour", "labor"},
      {"labours", "labors"},
      {"organisation", "organization"},
      {"organisations", "organizations"},
      {"organise", "organize"},
      {"organised", "organized"},
      {"programme", "program"},
      {"programmes", "programs"},
      {"centre", "center"},
      {"centres", "centers"},
      {"defence", "defense"},
      {"licence", "license"},
      {"harbour", "harbor"},
      {"neighbour", "neighbor"},
      {"neighbouring", "neighboring"},
      {"favour", "favor"},
      {"honour", "honor"},
      {"behaviour", "behavior"},
      {"catalogue", "catalog"},
      {"analyse", "analyze"},
      {"enrolment", "enrollment"},
      {"fulfil", "fulfill"},
      {"travelling", "traveling"},
      {"ageing", "aging"},
  };
  return kVariants;
}

std::string FoldSpelling(std::string_view normalised) {
  std::string out;
  out.reserve(normalised.size());
  std::string folded;
  size_t copied = 0;
  ForEachWord(normalised, [&](std::string_view word) {
    if (FoldWord(word, folded)) {
      const auto start = static_cast<size_t>(word.data() - normalised.data());
      out.append(normalised.substr(copied, start - copied));
      out += folded;
      copied = start + word.size();
    }
    return true;
  });
  out.append(normalised.substr(copied));
  return out;
}

size_t TyposForgiven(size_t length) {
  if (length <= 3) return 0;
  return length <= 7 ? 1 : 2;
}

double TextScore::Score() const {
  double score = 0;
  switch (match) {
    case TextMatch::kEqual:
      score = 1.0;
      break;
    case TextMatch::kPrefix:
      score = 0.9;
      break;
    case TextMatch::kWordStart:
      score = 0.8;
      break;
    case TextMatch::kInside:
      score = 0.6;
      break;
    case TextMatch::kWords:
      score = 0.5;
      break;
    case TextMatch::kTypos:
      score = std::max(0.1, 0.4 - 0.1 * static_cast<double>(typos > 0 ? typos - 1 : 0));
      break;
  }
  if (folded) score -= 0.05;
  return std::round(score * 100) / 100;
}

TextMatcher::TextMatcher(std::string_view normalised_query) : query_(normalised_query) {
  if (HasFoldableWord(query_)) folded_query_ = FoldSpelling(query_);
  const std::string& words_of = folded_query_.empty() ? query_ : folded_query_;
  ForEachWord(words_of, [&](std::string_view word) {
    words_.emplace_back(word);
    return true;
  });
  fuzzy_ = words_.size() > 1 || (words_.size() == 1 && TyposForgiven(words_.front().size()) > 0);
}

std::optional<TextScore> TextMatcher::MatchExactly(std::string_view text,
                                                   std::string_view query) const {
  if (query.empty()) return std::nullopt;
  if (text == query) return TextScore{TextMatch::kEqual};
  if (StartsWith(text, query)) return TextScore{TextMatch::kPrefix};
  std::optional<TextScore> inside;
  for (size_t at = text.find(query, 1); at != std::string_view::npos;
       at = text.find(query, at + 1)) {
    if (!IsWordByte(text[at - 1]) || !IsWordByte(query.front())) {
      return TextScore{TextMatch::kWordStart};
    }
    inside = TextScore{TextMatch::kInside};
  }
  return inside;
}

std::optional<TextScore> TextMatcher::MatchWords(std::string_view text) const {
  size_t typos = 0;
  std::string folded;
  for (const std::string& query_word : words_) {
    const size_t forgiven = TyposForgiven(query_word.size());
    const uint64_t query_mask = forgiven > 0 ? LetterMask(query_word) : 0;
    size_t best = forgiven + 1;
    ForEachWord(text, [&](std::string_view word) {
      if (!folded_query_.empty() && FoldWord(word, folded)) word = folded;
      if (StartsWith(word, query_word)) {
        best = 0;
        return false;
      }
      if (forgiven == 0) return true;
      // The word itself, or its start as long as the query word.
      for (std::string_view candidate :
           {word, word.size() > query_word.size() ? word.substr(0, query_word.size())
                                                  : std::string_view()}) {
        if (candidate.empty()) continue;
        if (static_cast<size_t>(std::popcount(query_mask & ~LetterMask(candidate))) > forgiven) {
          continue;
        }
        best = std::min(best, ShortEditDistance(query_word, candidate, std::min(best, forgiven)));
      }
      return best > 0;
    });
    if (best > forgiven) return std::nullopt;
    typos += best;
  }
  TextScore score{typos == 0 ? TextMatch::kWords : TextMatch::kTypos};
  score.folded = !folded_query_.empty();
  score.typos = typos;
  return score;
}

std::optional<TextScore> TextMatcher::Match(std::string_view text) const {
  if (std::optional<TextScore> exact = MatchExactly(text, query_)) return exact;
  if (!folded_query_.empty()) {
    const std::string folded = FoldSpelling(text);
    if (std::optional<TextScore> exact = MatchExactly(folded, folded_query_)) {
      exact->folded = true;
      return exact;
    }
  }
  if (!fuzzy_) return std::nullopt;
  return MatchWords(text);
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
