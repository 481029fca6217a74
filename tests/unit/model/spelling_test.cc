// "Did you mean": edit distance and the closest candidate.
#include "partnergraph/spelling.h"

#include <string>
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

}  // namespace
}  // namespace partnergraph
