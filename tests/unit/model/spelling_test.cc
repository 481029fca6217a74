// "Did you mean": edit distance and the closest candidate.
#include "partnergraph/spelling.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

struct Distance {
  const char* a;
  const char* b;
  size_t limit;
  size_t expected;
};

TEST(EditDistanceTest, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  const Distance cases[] = {
      {"", "", 5, 0},
      {"abc", "abc", 0, 0},
      {"", "abc", 5, 3},
      {"abc", "", 5, 3},
      {"amout", "amount", 5, 1},  // insertion
      {"amount", "amout", 5, 1},  // deletion
      {"cn-mohrs", "cn-mohrss", 5, 1},
      {"kitten", "sitting", 5, 3},
      {"ab", "ba", 5, 1},      // a transposition is one edit (Damerau)
      {"shwo", "show", 1, 1},  // so a swapped pair is within a short word's limit
      {"swedn", "sweden", 1, 1},
      {"ca", "abc", 5, 3},  // optimal string alignment: no edit inside a swapped pair
      {"funds", "fund", 1, 1},
  };
  for (const Distance& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b, c.limit), c.expected) << c.a << " / " << c.b;
  }
}

TEST(EditDistanceTest, GivesUpWithLimitPlusOneOnceTheLimitIsExceeded) {
  const Distance cases[] = {
      {"kitten", "sitting", 2, 3},
      {"kitten", "sitting", 0, 1},
      {"a", "abcdef", 2, 3},  // the lengths alone differ by more than the limit
      {"abcdef", "uvwxyz", 3, 4},
  };
  for (const Distance& c : cases) {
    EXPECT_EQ(EditDistance(c.a, c.b, c.limit), c.expected)
        << c.a << " / " << c.b << " limit " << c.limit;
  }
}

TEST(EditDistanceTest, ComparesBytesSoEachChineseCharacterIsThreeEdits) {
  EXPECT_EQ(EditDistance("人社部", "人社", 10), 3U);
}

TEST(ClosestMatchTest, SuggestsTheNearestCandidate) {
  const std::vector<std::string> fields = {"id", "type", "from", "to", "amount", "source"};
  EXPECT_EQ(ClosestMatch("amout", fields), "amount");
  EXPECT_EQ(ClosestMatch("tpye", {"type", "title"}), "type");  // one swap, within the limit
  EXPECT_EQ(ClosestMatch("tyep", {"title"}), std::nullopt);    // two edits, limit one
  EXPECT_EQ(ClosestMatch("cn-mohrs", {"cn-mohrss", "china", "ilo"}), "cn-mohrss");
}

TEST(ClosestMatchTest, AnExactMatchIsItsOwnSuggestion) {
  EXPECT_EQ(ClosestMatch("funds", {"fund", "funds", "funded"}), "funds");
}

struct Allowance {
  const char* word;
  const char* candidate;
  bool suggested;
};

// The allowed distance is max(1, length / 3).
TEST(ClosestMatchTest, AllowedDistanceGrowsWithTheWord) {
  const Allowance cases[] = {
      {"ab", "xb", true},  // 2 letters: 1 edit
      {"ab", "xy", false},
      {"mou", "mux", false},       // 3 letters: still 1 edit
      {"abcdef", "abcdxy", true},  // 6 letters: 2 edits
      {"abcdef", "abcxyz", false},
      {"partners", "partnxrz", true},
      {"partners_with", "partners_wxyz", true},  // 13 letters: 4 edits
  };
  for (const Allowance& c : cases) {
    EXPECT_EQ(ClosestMatch(c.word, {c.candidate}).has_value(), c.suggested)
        << c.word << " / " << c.candidate;
  }
}

TEST(ClosestMatchTest, TiesGoToTheSmallestCandidateWhateverTheOrder) {
  EXPECT_EQ(ClosestMatch("cat", {"hat", "bat"}), "bat");
  EXPECT_EQ(ClosestMatch("cat", {"bat", "hat"}), "bat");
}

TEST(ClosestMatchTest, NearerCandidateBeatsSmallerOne) {
  EXPECT_EQ(ClosestMatch("abcdef", {"abcxef", "abcdef"}), "abcdef");
}

TEST(ClosestMatchTest, NothingCloseGivesNoSuggestion) {
  EXPECT_EQ(ClosestMatch("xyz", {"amount", "source"}), std::nullopt);
  EXPECT_EQ(ClosestMatch("anything", {}), std::nullopt);
}

TEST(FoldSpellingTest, FoldsTheTablesWordsAndIsationWholeWordsOnly) {
  EXPECT_EQ(FoldSpelling("international labour organisation"), "international labor organization");
  EXPECT_EQ(FoldSpelling("programme centre (ilo)"), "program center (ilo)");
  EXPECT_EQ(FoldSpelling("resource mobilisation"), "resource mobilization");
  EXPECT_EQ(FoldSpelling("labourers enterprise"), "labourers enterprise");  // not whole words
  EXPECT_EQ(FoldSpelling("labor organization"), "labor organization");      // already folded
  EXPECT_EQ(FoldSpelling("国际劳工组织 labour"), "国际劳工组织 labor");
  EXPECT_EQ(FoldSpelling(""), "");
}

TEST(TyposForgivenTest, NoneForShortWordsThenOneThenTwo) {
  const std::pair<size_t, size_t> cases[] = {{0, 0}, {3, 0}, {4, 1}, {7, 1}, {8, 2}, {20, 2}};
  for (const auto& [length, typos] : cases) EXPECT_EQ(TyposForgiven(length), typos) << length;
}

struct Matched {
  TextMatch match;
  bool folded;
  size_t typos;
  double score;
};

std::optional<Matched> MatchOf(std::string_view query, std::string_view text) {
  std::optional<TextScore> score = TextMatcher(query).Match(text);
  if (!score) return std::nullopt;
  return Matched{score->match, score->folded, score->typos, score->Score()};
}

TEST(TextMatcherTest, ClassifiesEachWayOfMatching) {
  auto expect = [](std::string_view query, std::string_view text, TextMatch match, bool folded,
                   size_t typos, double score) {
    std::optional<Matched> got = MatchOf(query, text);
    ASSERT_TRUE(got.has_value()) << query << " / " << text;
    EXPECT_EQ(got->match, match) << query << " / " << text;
    EXPECT_EQ(got->folded, folded) << query << " / " << text;
    EXPECT_EQ(got->typos, typos) << query << " / " << text;
    EXPECT_DOUBLE_EQ(got->score, score) << query << " / " << text;
  };
  expect("ilo", "ilo", TextMatch::kEqual, false, 0, 1.0);
  expect("ilo", "ilo-ipec", TextMatch::kPrefix, false, 0, 0.9);
  expect("ilo", "the ilo office", TextMatch::kWordStart, false, 0, 0.8);
  expect("ilo", "pilot", TextMatch::kInside, false, 0, 0.6);
  // "labor" finds "labour" once both are folded, a little below the exact spelling.
  expect("labor", "international labour organization", TextMatch::kWordStart, true, 0, 0.75);
  expect("organisation", "international labour organization", TextMatch::kWordStart, true, 0, 0.75);
  // Every word, in another order.
  expect("labour international", "international labour organization", TextMatch::kWords, true, 0,
         0.45);
  expect("safety health", "occupational safety and health", TextMatch::kWords, false, 0, 0.5);
  // A typo per word: a dropped letter, a swapped pair, two in a long word.
  expect("swedn", "sweden", TextMatch::kTypos, false, 1, 0.4);
  expect("chnia", "china", TextMatch::kTypos, false, 1, 0.4);
  expect("internatinal labour organisation", "international labour organization", TextMatch::kTypos,
         true, 1, 0.35);
  expect("maritme", "maritime labour convention", TextMatch::kTypos, false, 1, 0.4);
  expect("intrenationl", "international", TextMatch::kTypos, false, 2, 0.3);
}

TEST(TextMatcherTest, RefusesWhatIsTooFar) {
  EXPECT_FALSE(MatchOf("ilo", "oil").has_value());  // short words match exactly
  EXPECT_FALSE(MatchOf("ilo", "ila").has_value());
  EXPECT_FALSE(MatchOf("swdn", "sweden").has_value());           // two edits in a 4-letter word
  EXPECT_FALSE(MatchOf("sweden norway", "sweden").has_value());  // every word must match
  EXPECT_FALSE(MatchOf("xyzzy", "china").has_value());
}

TEST(TextMatcherTest, RanksASmallListWordStartsAboveInsideWordsAboveTypos) {
  const std::vector<std::string> names = {
      "the labor organizing committee",     // word start, folded     0.75
      "labour organisation of the world",   // prefix                 0.9
      "collabour orgs",                     // inside a word          0.6
      "organization of labour",             // every word, folded     0.45
      "international labour organization",  // word start             0.8
      "labour org",                         // equal                  1.0
      "labuor organ",                       // a typo                 0.35 (folded query)
      "employers' organisation",            // no "labour": none
  };
  const TextMatcher matcher("labour org");
  std::vector<std::pair<double, std::string>> ranked;
  for (const std::string& name : names) {
    if (std::optional<TextScore> score = matcher.Match(name)) {
      ranked.emplace_back(-score->Score(), name);
    }
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> order;
  for (const auto& item : ranked) order.push_back(item.second);
  EXPECT_EQ(order, (std::vector<std::string>{
                       "labour org",
                       "labour organisation of the world",
                       "international labour organization",
                       "the labor organizing committee",
                       "collabour orgs",
                       "organization of labour",
                       "labuor organ",
                   }));
}

}  // namespace
}  // namespace partnergraph
