// Text helpers: the normal form names are indexed under, terminal widths and
// UTF-8 checking.
#include "partnergraph/text.h"

#include <string>

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

using namespace std::string_literals;  // NOLINT(google-build-using-namespace): "a\0b"s

struct Normalised {
  std::string input;
  std::string expected;
};

TEST(NormaliseNameTest, FoldsCaseWidthDashesAndWhitespace) {
  const Normalised cases[] = {
      {"ILO", "ilo"},
      {"ilo", "ilo"},
      {"\uFF29\uFF2C\uFF2F", "ilo"},  // full-width ＩＬＯ
      {"International Labour Organization", "international labour organization"},
      {"International\u3000Labour", "international labour"},  // ideographic space
      {"International  \t Labour\n\nOrganization", "international labour organization"},
      {"  ILO  ", "ilo"},
      {"\u3000ILO\u3000", "ilo"},
      {"\t\n", ""},
      {"South\u2013South", "south-south"},                          // en dash
      {"South\u2014South", "south-south"},                          // em dash
      {"Employers\u2019 Organisation", "employers' organisation"},  // typographic apostrophe
      {"MOHRSS", "mohrss"},
      {"ILO\u00A0Office", "ilo office"},  // no-break space
      {"I\u200BLO", "ilo"},               // zero-width space is dropped
      {"", ""},
  };
  for (const Normalised& c : cases) {
    EXPECT_EQ(NormaliseName(c.input), c.expected) << c.input;
  }
}

TEST(NormaliseNameTest, LeavesChineseUnchanged) {
  for (const char* name : {"人力资源和社会保障部", "国际劳工组织", "人社部", "劳工组织"}) {
    EXPECT_EQ(NormaliseName(name), name) << name;
  }
}

TEST(NormaliseNameTest, CollapsesSpaceBetweenChineseAndLatin) {
  EXPECT_EQ(NormaliseName("ILO\u3000\u3000北京局"), "ilo 北京局");
}

TEST(NormaliseNameTest, FullWidthDigitsAndLatinMeetTheirAsciiForms) {
  EXPECT_EQ(NormaliseName("\uFF27\uFF12\uFF10"), NormaliseName("G20"));  // Ｇ２０
}

TEST(NormaliseNameTest, InvalidUtf8GivesEmptyText) {
  for (const std::string& input : {"\xff"s, "ILO\xc3"s, "a\0b"s, "\xed\xa0\x80"s}) {
    EXPECT_EQ(NormaliseName(input), "") << testing::PrintToString(input);
  }
}

struct Width {
  const char* text;
  size_t columns;
};

TEST(DisplayWidthTest, CountsAsciiOneAndCjkTwoColumns) {
  const Width cases[] = {
      {"", 0},
      {"ILO", 3},
      {"劳工组织", 8},
      {"ILO 劳工组织", 12},
      {"\uFF29\uFF2C\uFF2F", 6},  // full-width forms are wide too
      {"e\u0301", 1},             // a combining accent takes no column
      {"人社部 (MOHRSS)", 15},
  };
  for (const Width& c : cases) {
    EXPECT_EQ(DisplayWidth(c.text), c.columns) << c.text;
  }
}

TEST(DisplayWidthTest, CountsAStrayByteAsOneColumn) { EXPECT_EQ(DisplayWidth("ab\xff"), 3U); }

TEST(IsValidUtf8Test, AcceptsAsciiChineseAndEmptyText) {
  for (const char* text : {"", "ILO", "国际劳工组织", "ILO\u3000劳工组织", "emoji \U0001F600"}) {
    EXPECT_TRUE(IsValidUtf8(text)) << text;
  }
}

struct BadUtf8 {
  std::string text;
  size_t bad_offset;
};

TEST(IsValidUtf8Test, RejectsBadBytesAndGivesTheOffsetOfTheFirst) {
  const BadUtf8 cases[] = {
      {"a\0b"s, 1},  // NUL is well-formed UTF-8 but never allowed
      {"\0"s, 0},
      {"\xff", 0},
      {"ab\x80", 2},              // lone continuation byte
      {"ab\xe5\x8a", 2},          // 劳 (e5 8a b3) cut short
      {"\xe5\x8a\xb3\xe5", 3},    // one whole character, then a cut one
      {"x\xc0\xaf", 1},           // overlong encoding of '/'
      {"\xed\xa0\x80", 0},        // UTF-16 surrogate
      {"ok\xf4\x90\x80\x80", 2},  // beyond U+10FFFF
  };
  for (const BadUtf8& c : cases) {
    size_t offset = 999;
    EXPECT_FALSE(IsValidUtf8(c.text, &offset)) << testing::PrintToString(c.text);
    EXPECT_EQ(offset, c.bad_offset) << testing::PrintToString(c.text);
  }
}

TEST(IsValidUtf8Test, LeavesTheOffsetAloneWhenTextIsValid) {
  size_t offset = 7;
  EXPECT_TRUE(IsValidUtf8("国际", &offset));
  EXPECT_EQ(offset, 7U);
}

}  // namespace
}  // namespace partnergraph

namespace partnergraph {
namespace {

// GraphML and DOT labels are XML: what XML 1.0 cannot carry (U+FFFE,
// U+FFFF, C0 controls, invalid UTF-8) is replaced, markup written as entities.
TEST(XmlTextTest, EscapesMarkupAndReplacesWhatXmlCannotCarry) {
  struct Case {
    const char* input;
    const char* expected;
  } const cases[] = {
      {"Republic of \"X\" <&>", "Republic of &quot;X&quot; &lt;&amp;&gt;"},
      {"People's Republic", "People's Republic"},  // an apostrophe needs no entity here
      {"tab\tnewline\nreturn\r", "tab\tnewline\nreturn\r"},
      {"a\xEF\xBF\xBE"
       "b",
       "a\xEF\xBF\xBD"
       "b"},  // U+FFFE
      {"a\xEF\xBF\xBF"
       "b",
       "a\xEF\xBF\xBD"
       "b"},  // U+FFFF
      {"bell\x07", "bell\xEF\xBF\xBD"},
      {"bad \xC3", "bad \xEF\xBF\xBD"},
      {"国际劳工组织", "国际劳工组织"},
  };
  for (const Case& c : cases) EXPECT_EQ(XmlText(c.input), c.expected) << c.input;
}

TEST(TerminalTextTest, EscapesControlsAndShowsInvisibleCharacters) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"ILO", "ILO"},
      {"国际劳工组织", "国际劳工组织"},
      {"\x1b"
       "c reset",
       "\\x1bc reset"},
      {"line\r\nnext\t", "line\\x0d\\x0anext\\x09"},
      {"csi \xC2\x9B"
       "31m",
       "csi \\xc2\\x9b31m"},                     // C1 CSI
      {"I\u200bL\u200bO", "I\\u200bL\\u200bO"},  // zero-width space
      {"\u202egnp.exe", "\\u202egnp.exe"},       // right-to-left override
      {"a\u2066b\u2069\u200e\u200f\u061c\ufeff\u2060\u2028",
       "a\\u2066b\\u2069\\u200e\\u200f"
       "\\u061c\\ufeff\\u2060\\u2028"},
      {"bad \xff", "bad \\xff"},
      {std::string(200, 'x'), std::string(200, 'x')},  // never cut
  };
  for (const Case& c : cases) EXPECT_EQ(TerminalText(c.input), c.expected) << c.input;
  EXPECT_EQ(TerminalLines("a\x1b\nb\rc\n"), "a\\x1b\nb\\x0dc\n");
  EXPECT_TRUE(HasInvisibleFormatCharacter("I\u200bL\u200bO"));
  EXPECT_FALSE(HasInvisibleFormatCharacter("国际劳工组织 ILO"));
}

}  // namespace
}  // namespace partnergraph
