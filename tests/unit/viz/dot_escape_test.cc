// The escaping rules, one DOT context at a time, and the label text helpers.
// Expected strings are worked out by hand from Graphviz's rules (see
// src/viz/dot_escape.h); the end-to-end tests in dot_writer_test.cc check
// that Graphviz agrees.
#include "viz/dot_escape.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "viz/label_text.h"
#include "viz_test_support.h"

namespace partnergraph::viz {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

TEST(SanitiseTextTest, KeepsValidTextAndReplacesWhatXmlForbids) {
  const Case cases[] = {
      {"International Labour Organization", "International Labour Organization"},
      {"国际劳工组织", "国际劳工组织"},
      {"emoji \xF0\x9F\x98\x80", "emoji \xF0\x9F\x98\x80"},
      {"a\r\nb\rc\nd", "a\nb\nc\nd"},
      {"tab\there", "tab here"},
      {std::string("nul\0byte", 8),
       "nul\xEF\xBF\xBD"
       "byte"},
      {"bell\x07", "bell\xEF\xBF\xBD"},
      {"del\x7F", "del\xEF\xBF\xBD"},
      {"bad \xFF byte", "bad \xEF\xBF\xBD byte"},
      {"truncated \xE4\xB8", "truncated \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"nonchar \xEF\xBF\xBF", "nonchar \xEF\xBF\xBD"},
  };
  for (const Case& c : cases) EXPECT_EQ(SanitiseText(c.input), c.expected) << c.input;
}

TEST(QuoteIdTest, QuotesSlugsUnchangedAndEncodesWhatQuotedIdsCannotCarry) {
  const Case cases[] = {
      {"ilo", "\"ilo\""},         {"cn-mohrss_2.0", "\"cn-mohrss_2.0\""}, {"a\"b", "\"a\\\"b\""},
      {"a\\b", "\"a^5Cb\""},      {"trailing\\", "\"trailing^5C\""},      {"50%", "\"50^25\""},
      {"%local", "\"^25local\""},  // cgraph would forget a name starting with '%'
      {"2^10", "\"2^5E10\""},     {"line\nbreak", "\"line^0Abreak\""},    {"\xFF", "\"^FF\""},
      {"中国", "\"中国\""},       {"a -> b; c", "\"a -> b; c\""},  // inside quotes, DOT syntax is
                                                                   // just text
  };
  for (const Case& c : cases) EXPECT_EQ(QuoteId(c.input), c.expected) << c.input;
}

TEST(QuoteIdTest, IsInjective) {
  // Each pair would collide under a lossy encoding (dropping or doubling).
  const std::string ids[] = {"a\\b", "a^5Cb",  "a^b",  "a^5Eb", "a%b", "a^25b",
                             "a\"b", "a\\\"b", "a\nb", "a^0Ab", "ab",  "a b"};
  std::set<std::string> quoted;
  for (const std::string& id : ids) quoted.insert(QuoteId(id));
  EXPECT_EQ(quoted.size(), std::size(ids));
}

TEST(HtmlLabelTextTest, EscapesMarkupBackslashesAndBreaks) {
  const Case cases[] = {
      {"plain", "plain"},
      {"A & B", "A &amp; B"},
      {"<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"},
      {"say \"hi\"", "say &quot;hi&quot;"},
      {"\\N and \\G", "\\\\N and \\\\G"},
      {"one\ntwo", "one<BR/>two"},
      {"&amp;", "&amp;amp;"},
      {"{ } [ ] ;", "{ } [ ] ;"},
      {"中文 & <丙>", "中文 &amp; &lt;丙&gt;"},
  };
  for (const Case& c : cases) EXPECT_EQ(HtmlLabelText(c.input), c.expected) << c.input;
}

TEST(QuoteEscStringTest, EscapesForBothOfGraphvizsUnescapingPasses) {
  const Case cases[] = {
      {"plain", "\"plain\""},   {"say \"hi\"", "\"say \\\"hi\\\"\""}, {"one\ntwo", "\"one\\ntwo\""},
      {"\\N", "\"\\\\\\\\N\""}, {"end\\", "\"end\\\\\\\\\""},         {"<&>", "\"<&>\""},
  };
  for (const Case& c : cases) EXPECT_EQ(QuoteEscString(c.input), c.expected) << c.input;
}

TEST(QuoteValueTest, DropsCharactersThatCouldLeaveTheQuotes) {
  EXPECT_EQ(QuoteValue("#dae8fc"), "\"#dae8fc\"");
  EXPECT_EQ(QuoteValue("filled,rounded"), "\"filled,rounded\"");
  EXPECT_EQ(QuoteValue("red\" shape=\"box"), "\"red shape=box\"");
  EXPECT_EQ(QuoteValue("a\\b\nc"), "\"abc\"");
  EXPECT_TRUE(IsPlainValue("Noto Sans CJK SC"));
  EXPECT_FALSE(IsPlainValue("a\"b"));
  EXPECT_FALSE(IsPlainValue("a\\b"));
  EXPECT_FALSE(IsPlainValue("a\nb"));
}

TEST(FormatAmountTest, GroupsThousandsAndShowsCentsOnlyWhenThereAreAny) {
  EXPECT_EQ(FormatAmount({745000, "USD"}), "USD 745,000");
  EXPECT_EQ(FormatAmount({1000000, "USD"}), "USD 1,000,000");
  EXPECT_EQ(FormatAmount({1250.5, "EUR"}), "EUR 1,250.50");
  EXPECT_EQ(FormatAmount({999, "CHF"}), "CHF 999");
  EXPECT_EQ(FormatAmount({0, "USD"}), "USD 0");
  EXPECT_EQ(FormatAmount({1e12, "USD"}), "USD 1,000,000,000,000");
  EXPECT_EQ(FormatAmount({5, ""}), "5");
}

TEST(FormatPeriodTest, WritesRangesWithOpenEnds) {
  const auto date = [](const char* text) { return *PartialDate::Parse(text); };
  EXPECT_EQ(FormatPeriod(date("2018"), date("2021")),
            "2018\xE2\x80\x93"
            "2021");
  EXPECT_EQ(FormatPeriod(date("2019-06"), {}), "2019-06\xE2\x80\x93");
  EXPECT_EQ(FormatPeriod({}, date("2021")),
            "\xE2\x80\x93"
            "2021");
  EXPECT_EQ(FormatPeriod(date("2019"), date("2019")), "2019");
  EXPECT_EQ(FormatPeriod({}, {}), "");
}

TEST(FormatDecimalTest, WritesAtMostTwoDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(FormatDecimal(2), "2");
  EXPECT_EQ(FormatDecimal(2.5), "2.5");
  EXPECT_EQ(FormatDecimal(0.754), "0.75");
  EXPECT_EQ(FormatDecimal(10), "10");
  EXPECT_EQ(FormatDecimal(-0.001), "0");
}

TEST(WrapAtSpacesTest, BreaksAtTheLastSpaceThatFits) {
  EXPECT_EQ(WrapAtSpaces("Ministry of Human Resources and Social Security", 24),
            "Ministry of Human\nResources and Social\nSecurity");
  EXPECT_EQ(WrapAtSpaces("Short name", 24), "Short name");
  EXPECT_EQ(WrapAtSpaces("Supercalifragilisticexpialidocious word", 10),
            "Supercalifragilisticexpialidocious\nword");
  EXPECT_EQ(WrapAtSpaces("keep\nexisting breaks here", 10), "keep\nexisting\nbreaks\nhere");
  EXPECT_EQ(WrapAtSpaces("any text at all", 0), "any text at all");
}

TEST(WrapAtSpacesTest, ChineseWrittenWithoutSpacesBreaksBetweenCharacters) {
  // 24 columns hold 12 characters of two columns each; 22 characters need
  // two lines, made even: 11 and 11.
  EXPECT_EQ(WrapAtSpaces("通过全民社会保护实现可持续发展、终结贫困项目", 24),
            "通过全民社会保护实现可\n持续发展、终结贫困项目");
  EXPECT_EQ(WrapAtSpaces("国际劳工组织国际培训中心", 8), "国际劳工\n组织国际\n培训中心");
  // Closing punctuation stays with the character before it: 14 characters,
  // 7 and 7 (greedy would leave "二" alone after "，").
  EXPECT_EQ(WrapAtSpaces("一二三四五六七八九十十一，二", 24), "一二三四五六七\n八九十十一，二");
  EXPECT_EQ(WrapAtSpaces("ILO 国际劳工组织", 6), "ILO\n国际劳\n工组织");
  // Latin words inside stay whole; short Chinese is left alone.
  EXPECT_EQ(WrapAtSpaces("劳工组织ILO-OECD项目", 8), "劳工组织\nILO-OECD\n项目");
  EXPECT_EQ(WrapAtSpaces("人社部", 24), "人社部");
  EXPECT_EQ(WrapAtSpacesOnly("国际劳工组织国际培训中心", 8), "国际劳工组织国际培训中心");
}

TEST(WrapAtSpacesTest, ChineseLinesAreEvenAndNeverHoldOneCharacterAlone) {
  // 25 columns (中国 4, "-" 1, ten characters 20) in two lines of at most 24:
  // the narrowest widest line is 13 columns (中国-联合国和), not 24 + "金".
  EXPECT_EQ(WrapAtSpaces("中国-联合国和平与发展基金", 24), "中国-联合国和\n平与发展基金");
  // 14 characters: 7 and 7, not 12 and "办事处" cut to 2.
  EXPECT_EQ(WrapAtSpaces("联合国人权事务高级专员办事处", 24), "联合国人权事务\n高级专员办事处");
  // 4 columns hold two characters: the third joins them rather than stand
  // alone, even past the limit.
  EXPECT_EQ(WrapAtSpaces("国际劳", 4), "国际劳");
  // 5 characters: 国际 / 劳工 / 组 would leave 组 alone; 劳工 has only two to
  // give, so 组 joins it.
  EXPECT_EQ(WrapAtSpaces("国际劳工组", 4), "国际\n劳工组");
  // 9 characters at 8 columns: 4 / 4 / 1 by greedy, evened to 3 / 3 / 3.
  EXPECT_EQ(WrapAtSpaces("一二三四五六七八九", 8), "一二三\n四五六\n七八九");
  // 7 characters at 6 columns: 3 / 3 / 1, and no even break in three lines
  // (at 5 columns: four); the last line takes the character before: 3 / 2 / 2.
  EXPECT_EQ(WrapAtSpaces("一二三四五六七", 6), "一二三\n四五\n六七");
  for (const char* name : {"中国-联合国和平与发展基金", "COVID-19应对和恢复多伙伴信托基金",
                           "联合国人权事务高级专员办事处", "国际劳工组织国际培训中心北京办事处"}) {
    for (int columns = 4; columns <= 30; ++columns) {
      const std::string wrapped = WrapAtSpaces(name, columns);
      size_t start = 0;
      while (start <= wrapped.size()) {
        size_t end = wrapped.find('\n', start);
        if (end == std::string::npos) end = wrapped.size();
        const std::string line = wrapped.substr(start, end - start);
        EXPECT_FALSE(line.size() == 3 && static_cast<unsigned char>(line[0]) >= 0xE0)
            << name << " at " << columns << ": \"" << line << "\" alone";
        start = end + 1;
      }
    }
  }
}

TEST(WrapAtSpacesTest, ChangesOnlyTheSpacesWhereLinesBreak) {
  const std::string text = "Two  spaces and   three spaces in a long enough name";
  std::string wrapped = WrapAtSpaces(text, 12);
  EXPECT_NE(wrapped, text);
  std::replace(wrapped.begin(), wrapped.end(), '\n', ' ');
  EXPECT_EQ(wrapped, text);
}

}  // namespace
}  // namespace partnergraph::viz
