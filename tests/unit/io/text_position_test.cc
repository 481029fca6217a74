// From byte offsets to what users see: lines, and columns counted in
// characters; where records and their fields start in a JSON document.
#include "io/text_position.h"

#include <iterator>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace partnergraph::io {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Position {
  size_t offset;
  int line;
  int column;
};

TEST(LineIndexTest, GivesLineAndColumnCountingCharacters) {
  // Bytes: a0 b1 \n2 c3 d4 \n5 国6-8 际9-11 x12 \n13, and 14 is the end.
  const std::string text = "ab\ncd\n国际x\n";
  const LineIndex lines(text);
  const Position cases[] = {
      {0, 1, 1},  {1, 1, 2},  {2, 1, 3},             // the newline ends its own line
      {3, 2, 1},  {4, 2, 2},  {6, 3, 1}, {9, 3, 2},  // after 国: one character, three bytes
      {12, 3, 3}, {13, 3, 4},  // after Chinese text the column is the character count
      {14, 4, 1},
  };
  for (const Position& c : cases) {
    EXPECT_EQ(lines.Line(c.offset), c.line) << "offset " << c.offset;
    EXPECT_EQ(lines.Column(c.offset), c.column) << "offset " << c.offset;
  }
}

TEST(LineIndexTest, EmptyTextIsLineOneColumnOne) {
  const LineIndex lines("");
  EXPECT_EQ(lines.Line(0), 1);
  EXPECT_EQ(lines.Column(0), 1);
}

TEST(LineIndexTest, CarriageReturnIsAnOrdinaryCharacter) {
  const LineIndex lines("ab\r\ncd");
  EXPECT_EQ(lines.Line(4), 2);
  EXPECT_EQ(lines.Column(4), 1);
  EXPECT_EQ(lines.Column(2), 3);
}

// A column is counted from the nearest checkpoint, not from the start of its
// line (16.12: a minified document is one line, and counting from its start
// for every record was quadratic). Every offset of long lines of mixed one-,
// two-, three- and four-byte characters, crossing checkpoints mid-character,
// must give the column a count from the line's start gives.
TEST(LineIndexTest, ColumnsInLongLinesMatchACountFromTheLineStart) {
  std::string text;
  const std::string pieces[] = {"a", "é", "国", "😀", "{\"id\": 1}", ","};
  for (int line = 0; line < 3; ++line) {
    for (size_t i = 0; text.size() < (line + 1) * 5 * LineIndex::kCheckpointBytes + 7; ++i) {
      text += pieces[(i * 7 + static_cast<size_t>(line)) % std::size(pieces)];
    }
    text += "\n";
  }
  text += "tail without a newline 际";
  const LineIndex lines(text);
  int line = 1;
  int column = 1;
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    ASSERT_EQ(lines.Line(offset), line) << "offset " << offset;
    ASSERT_EQ(lines.Column(offset), column) << "offset " << offset;
    if (offset == text.size()) break;
    if (text[offset] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  EXPECT_EQ(lines.Column(text.size() + 100), column) << "past the end counts as the end";
}

TEST(LineIndexTest, ALineThatStartsRightAfterACheckpointCountsFromItsOwnStart) {
  // The newline sits just past a checkpoint, so the checkpoint belongs to the
  // line before and must not be used for the next one.
  std::string text(LineIndex::kCheckpointBytes, 'x');
  text += "\n国y";
  const LineIndex lines(text);
  const size_t next = LineIndex::kCheckpointBytes + 1;
  EXPECT_EQ(lines.Line(next), 2);
  EXPECT_EQ(lines.Column(next), 1);
  EXPECT_EQ(lines.Column(next + 3), 2);
  EXPECT_EQ(lines.Column(LineIndex::kCheckpointBytes), LineIndex::kCheckpointBytes + 1);
}

TEST(FindRecordOffsetsTest, FindsEachElementOfTheThreeSections) {
  const std::string text = R"({"sources": [{"doc": "a.txt"}],
 "entities": [{"id": "x", "aliases": ["A", "B"]},
              {"id": "y"}],
 "relations": [{"id": "r-1", "amount": {"value": 1, "currency": "USD"}}]})";
  const RecordOffsets offsets = FindRecordOffsets(text);
  EXPECT_THAT(offsets.sources, ElementsAre(text.find(R"({"doc")")));
  EXPECT_THAT(offsets.entities,
              ElementsAre(text.find(R"({"id": "x")"), text.find(R"({"id": "y")")));
  EXPECT_THAT(offsets.relations, ElementsAre(text.find(R"({"id": "r-1")")));
}

TEST(FindRecordOffsetsTest, IgnoresOtherSectionsAndNestedLists) {
  const std::string text = R"({"other": [{"id": "z"}],
 "entities": [{"id": "x", "attributes": {"relations": "[{}]"}, "aliases": [["A"]]}]})";
  const RecordOffsets offsets = FindRecordOffsets(text);
  EXPECT_THAT(offsets.entities, ElementsAre(text.find(R"({"id": "x")")));
  EXPECT_THAT(offsets.relations, IsEmpty());
  EXPECT_THAT(offsets.sources, IsEmpty());
}

TEST(FindRecordOffsetsTest, SkipsBracketsAndQuotesInsideStrings) {
  const std::string text = R"({"entities": [{"id": "x\"]}, {", "n": 1}, {"id": "y"}]})";
  EXPECT_THAT(FindRecordOffsets(text).entities,
              ElementsAre(text.find(R"({"id": "x)"), text.find(R"({"id": "y")")));
}

TEST(FindRecordOffsetsTest, CountsNonObjectElementsToo) {
  const std::string text = R"({"entities": [3, "x", null, {"id": "y"}]})";
  EXPECT_THAT(
      FindRecordOffsets(text).entities,
      ElementsAre(text.find('3'), text.find("\"x\""), text.find("null"), text.find("{\"id\"")));
}

struct FieldCase {
  const char* field;
  const char* expected_at;  // the text the offset should point at; nullptr: the object
};

TEST(FindFieldOffsetTest, PointsAtTheOpeningQuoteOfADirectMembersKey) {
  const std::string text =
      R"(  {"id": "r-1", "title": "\"to\": not a key", "amount": {"value": 1, "currency": "USD"},)"
      R"( "to": "b", "since":2019})";
  const size_t object = text.find('{');
  const FieldCase cases[] = {
      {"id", R"("id")"},
      {"to", R"("to": "b")"},  // not the "to" inside the title
      {"amount", R"("amount")"},
      {"since", R"("since")"},  // a number value, no space after the colon
      {"currency", nullptr},    // nested: not a direct member
      {"value", nullptr},
      {"from", nullptr},  // absent
  };
  for (const FieldCase& c : cases) {
    const size_t expected = c.expected_at == nullptr ? object : text.find(c.expected_at);
    EXPECT_EQ(FindFieldOffset(text, object, c.field), expected) << c.field;
  }
}

TEST(FindFieldOffsetTest, StartsFromTheGivenObjectOnly) {
  const std::string text = R"([{"id": "a", "to": "x"}, {"id": "b", "to": "y"}])";
  const size_t second = text.find(R"({"id": "b")");
  EXPECT_EQ(FindFieldOffset(text, second, "to"), text.find(R"("to": "y")"));
  EXPECT_EQ(FindFieldOffset(text, second, "from"), second);
}

TEST(FindFieldOffsetTest, OffsetNotAtAnObjectIsReturnedAsIs) {
  const std::string text = R"({"id": "a"})";
  EXPECT_EQ(FindFieldOffset(text, 1, "id"), 1U);
  EXPECT_EQ(FindFieldOffset(text, 99, "id"), 99U);
}

TEST(FindRecordOffsetsTest, TextThatIsNotJsonEndsTheWalkWithoutUnderflow) {
  // A byte order mark reads as the start of a literal that swallows the
  // opening brace; the closing one then has nothing open (found by fuzzing).
  const RecordOffsets offsets = FindRecordOffsets("\xEF\xBB\xBF{\"entities\":[{\"id\":\"a\"}]}");
  EXPECT_THAT(offsets.entities, IsEmpty());
  EXPECT_THAT(FindRecordOffsets("}]}").relations, IsEmpty());
}

TEST(WithoutByteOrderMarkTest, DropsOnlyALeadingMark) {
  EXPECT_EQ(WithoutByteOrderMark("\xEF\xBB\xBF{}"), "{}");
  EXPECT_EQ(WithoutByteOrderMark("{}\xEF\xBB\xBF"), "{}\xEF\xBB\xBF");
  EXPECT_EQ(WithoutByteOrderMark("\xEF\xBB"), "\xEF\xBB");
  EXPECT_EQ(WithoutByteOrderMark(""), "");
}

}  // namespace
}  // namespace partnergraph::io
