// ReadFile: JSON documents, JSON Lines and CSV tables into a Dataset, with
// every problem located in its file (line, and column where it means
// something) and named by its record.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/importer.h"

#include "io_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::io_test::Fixture;
using ::partnergraph::io_test::IoTest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using namespace std::string_literals;  // NOLINT(google-build-using-namespace): "a\0b"s

struct ReadResult {
  Status status;
  Dataset dataset;
  ValidationErrors errors;

  // Every problem as the user reads it.
  std::vector<std::string> Problems() const {
    std::vector<std::string> lines;
    for (const Problem& problem : errors.problems) lines.push_back(problem.ToString());
    return lines;
  }
};

ReadResult Read(const std::string& path, InputFormat format = InputFormat::kAuto) {
  ReadResult result;
  ImportOptions options;
  options.format = format;
  result.status = ReadFile(path, options, result.dataset, result.errors);
  return result;
}

std::vector<std::string> EntityIds(const Dataset& dataset) {
  std::vector<std::string> ids;
  for (const auto& located : dataset.entities) ids.push_back(located.record.id);
  return ids;
}

std::vector<std::string> RelationIds(const Dataset& dataset) {
  std::vector<std::string> ids;
  for (const auto& located : dataset.relations) ids.push_back(located.record.id);
  return ids;
}

class ReadFileTest : public IoTest {};

// Files as a whole.

TEST_F(ReadFileTest, FormatComesFromTheExtension) {
  const std::string text =
      R"({"record": "entity", "id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}})";
  for (const char* name : {"a.jsonl", "a.ndjson"}) {
    const ReadResult result = Read(WriteFile(name, text + "\n"));
    EXPECT_TRUE(result.status.ok()) << name << ": " << result.status.message();
    EXPECT_THAT(EntityIds(result.dataset), ElementsAre("ilo")) << name;
  }
}

TEST_F(ReadFileTest, UnknownExtensionNeedsAnExplicitFormat) {
  const std::string path = WriteFile("a.txt", R"({"entities": []})");
  const ReadResult result = Read(path);
  EXPECT_EQ(result.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status.message(),
            path +
                ": cannot tell the format from the name; use .json, .jsonl, .csv or an IATI "
                ".xml file, or --format json|jsonl|csv|iati");
}

TEST_F(ReadFileTest, ExplicitFormatOverridesTheExtension) {
  const std::string path = WriteFile(
      "a.txt", R"({"entities": [{"id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}}]})");
  const ReadResult result = Read(path, InputFormat::kJson);
  EXPECT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("ilo"));
}

TEST_F(ReadFileTest, MissingFileIsNotFound) {
  const ReadResult result = Read(PathOf("absent.json"));
  EXPECT_EQ(result.status.code(), StatusCode::kNotFound);
  EXPECT_EQ(result.status.message(),
            "cannot open " + PathOf("absent.json") + ": No such file or directory");
}

// Files are read a chunk (1 MiB) at a time and checked as they come (16.11):
// a character cut by a chunk's end is whole once the next chunk arrives.
TEST_F(ReadFileTest, CharactersAcrossReadChunksAreWhole) {
  constexpr size_t kChunk = size_t{1} << 20;
  const std::string head = R"({"record":"entity","id":"a","kind":"igo","name":{"en":")";
  for (size_t cut : {1, 2}) {  // the chunk ends 1 or 2 bytes into a 3-byte character
    std::string text = head + std::string(kChunk - head.size() - cut, 'x') + "国" + "\"}}\n";
    text += R"({"record":"entity","id":"b","kind":"igo","name":{"en":"B"}})"
            "\n";
    const std::string path = WriteFile("chunks.jsonl", text);
    const ReadResult result = Read(path);
    EXPECT_TRUE(result.status.ok()) << result.status.message();
    EXPECT_THAT(result.Problems(), IsEmpty()) << "cut " << cut;
    EXPECT_THAT(EntityIds(result.dataset), ElementsAre("a", "b")) << "cut " << cut;
  }
}

TEST_F(ReadFileTest, ReadingStopsAtTheFirstBadByteAndNamesItsPlace) {
  constexpr size_t kChunk = size_t{1} << 20;
  // A bad byte in the third chunk, on line 3, after a character split across
  // the first two chunks.
  std::string text = R"({"record":"entity","id":"a","kind":"igo","name":{"en":")";
  text += std::string(kChunk - text.size() - 1, 'x') + "国\"}}\n";
  text += "\n" + std::string(kChunk, ' ') + "é";
  const size_t column = kChunk + 2;  // the spaces, then é, then the bad byte
  text += std::string("\xff") + std::string(3 * kChunk, '\0');
  const std::string path = WriteFile("bad.jsonl", text);
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":3:" + std::to_string(column) +
                          ": invalid UTF-8 (byte 0xff); files must be UTF-8"));
}

TEST_F(ReadFileTest, DirectoryIsRejected) {
  std::filesystem::create_directories(PathOf("folder.json"));
  const ReadResult result = Read(PathOf("folder.json"));
  EXPECT_EQ(result.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status.message(), PathOf("folder.json") + " is a directory");
}

// JSON documents.

TEST_F(ReadFileTest, JsonDocumentGivesEveryRecordWithWhereItStarts) {
  const ReadResult result = Read(Fixture("base.json"));
  EXPECT_TRUE(result.status.ok()) << result.status.message();
  EXPECT_THAT(result.Problems(), IsEmpty());
  ASSERT_EQ(result.dataset.sources.size(), 1U);
  EXPECT_THAT(EntityIds(result.dataset),
              ElementsAre("c-100", "china", "cn-mohrss", "ilo", "ssc-project"));
  EXPECT_THAT(RelationIds(result.dataset), ElementsAre("r-1", "r-2"));
  EXPECT_EQ(result.dataset.entities[1].where.ToString(), Fixture("base.json") + ":7:5");
  EXPECT_EQ(result.dataset.relations[1].where.ToString(), Fixture("base.json") + ":14:5");
}

TEST_F(ReadFileTest, JsonUnknownFieldPointsAtItsKeyWithASuggestion) {
  const std::string path = WriteFile("a.json", R"({"relations": [
  {"id": "r-17", "type": "funds", "from": "china", "to": "ilo",
   "amout": {"value": 1, "currency": "USD"}}
]})");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":3:4: relation r-17: unknown field \"amout\" "
                                 "(did you mean \"amount\"?)"));
}

// Column 41 in characters; the key is at byte 53, after six three-byte characters.
TEST_F(ReadFileTest, JsonColumnsCountCharactersAfterChineseText) {
  const std::string path =
      WriteFile("a.json",
                "{\"entities\": [\n"
                "  {\"id\": \"x\", \"name\": {\"zh\": \"国际劳工组织\"}, \"kinds\": \"igo\"}\n"
                "]}");
  EXPECT_THAT(
      Read(path).Problems(),
      ElementsAre(path + ":2:3: entity x: missing field \"kind\"",
                  path + ":2:41: entity x: unknown field \"kinds\" (did you mean \"kind\"?)"));
}

// Records that failed to decode are kept, marked, so that validation lists
// their other errors too (16.17); the import is refused all the same.
TEST_F(ReadFileTest, JsonRecordProblemsAreAllReportedAndBadRecordsMarked) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "a", "kind": "igo", "name": {"en": "A"}},
  {"id": "b", "kind": "igo"},
  {"id": "c", "kind": "igo", "name": {"en": "C"}, "aliases": "C"}
]})");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(),
              ElementsAre(path + ":3:3: entity b: an entity needs a name in English or Chinese "
                                 "(name.en, name.zh)",
                          path + ":4:51: entity c: field \"aliases\" must be a list"));
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("a", "b", "c"));
  ASSERT_EQ(result.dataset.entities.size(), 3u);
  EXPECT_FALSE(result.dataset.entities[0].decoding_failed);
  EXPECT_TRUE(result.dataset.entities[1].decoding_failed);
  EXPECT_TRUE(result.dataset.entities[2].decoding_failed);
}

TEST_F(ReadFileTest, JsonSyntaxErrorGivesLineAndColumn) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "ilo",, "kind": "igo"}
]})");
  const ReadResult result = Read(path);
  EXPECT_TRUE(result.status.ok());  // the file was read; its problems are in errors
  EXPECT_THAT(result.Problems(),
              ElementsAre(path + ":2:16: syntax error while parsing object key - unexpected ','; "
                                 "expected string literal"));
  EXPECT_EQ(result.dataset.size(), 0U);
}

// Line 2 has 14 characters: the end of input is column 15.
TEST_F(ReadFileTest, JsonCutShortIsReportedJustPastItsEnd) {
  const std::string path = WriteFile("a.json", "{\"entities\": [\n  {\"id\": \"ilo\"");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:15: syntax error while parsing object - unexpected end of "
                                 "input; expected '}'"));
}

TEST_F(ReadFileTest, InvalidUtf8ByteIsReportedWithLineAndColumn) {
  const std::string path = WriteFile("a.json",
                                     "{\"entities\": [\n"
                                     "  {\"id\": \"ilo\", \"name\": {\"en\": \"劳工\xff\"}}\n"
                                     "]}");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:35: invalid UTF-8 (byte 0xff); files must be UTF-8"));
}

TEST_F(ReadFileTest, NulByteIsReportedWithLineAndColumn) {
  const std::string path = WriteFile("a.json", "{\"entities\":\n [\0]}"s);
  EXPECT_THAT(Read(path).Problems(), ElementsAre(path + ":2:3: NUL byte in the file"));
}

// nlohmann keeps only the last of repeated keys: the first list would vanish.
TEST_F(ReadFileTest, JsonRepeatedSectionIsReported) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "x", "kind": "igo", "name": {"en": "X"}}],
 "entities": [{"id": "y", "kind": "igo", "name": {"en": "Y"}}]})");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":3:2: key \"entities\" appears twice in one object; give each "
                                 "field once (JSON keeps only the last)"));
}

// Notepad writes one; positions are counted without it, as editors show them.
TEST_F(ReadFileTest, JsonByteOrderMarkIsSkipped) {
  const std::string path =
      WriteFile("a.json",
                "\xEF\xBB\xBF{\"entities\": [{\"id\": \"x\", \"kind\": \"igo\", \"name\": {\"en\": "
                "\"X\"}, \"kinds\": 1},\n"
                "  {\"id\": \"y\", \"kind\": \"igo\", \"name\": {\"en\": \"Y\"}}]}");
  const ReadResult result = Read(path);
  EXPECT_THAT(
      result.Problems(),
      ElementsAre(path + ":1:63: entity x: unknown field \"kinds\" (did you mean \"kind\"?)"));
  ASSERT_THAT(EntityIds(result.dataset), ElementsAre("x", "y"));
  EXPECT_EQ(result.dataset.entities[1].where.ToString(), path + ":2:3");
}

TEST_F(ReadFileTest, UnknownSectionIsNamedWithASuggestion) {
  const std::string path = WriteFile("a.json", R"({"entites": [], "relations": []})");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":1:1: unknown section \"entites\" (did you mean \"entities\"?)"));
}

TEST_F(ReadFileTest, SectionMustBeAList) {
  const std::string path = WriteFile("a.json", R"({"entities": {"id": "ilo"}})");
  EXPECT_THAT(Read(path).Problems(), ElementsAre(path + ":1:1: \"entities\" must be a list"));
}

TEST_F(ReadFileTest, DocumentMustBeAnObject) {
  const std::string path = WriteFile("a.json", R"([{"id": "ilo"}])");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":1:1: expected a JSON object {\"sources\": [...], "
                                 "\"entities\": [...], \"relations\": [...]}"));
}

// JSON Lines.

TEST_F(ReadFileTest, JsonLinesGivesOneRecordPerLineSkippingBlankOnes) {
  const std::string path = WriteFile("a.jsonl",
                                     R"({"record": "source", "doc": "a.txt", "title": "A"}
{"record": "entity", "id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}}

{"record": "relation", "id": "r-1", "type": "mou", "from": "ilo", "to": "china"}
)");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), IsEmpty());
  ASSERT_EQ(result.dataset.sources.size(), 1U);
  EXPECT_EQ(result.dataset.sources[0].record.title, "A");
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("ilo"));
  ASSERT_THAT(RelationIds(result.dataset), ElementsAre("r-1"));
  EXPECT_EQ(result.dataset.relations[0].where.ToString(), path + ":4:1");
}

TEST_F(ReadFileTest, JsonLinesRecordWithoutItsClassIsReported) {
  const std::string path =
      WriteFile("a.jsonl",
                R"({"record": "entity", "id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}}
{"record": "entiy", "id": "x"}
{"id": "y"}
)");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:1: each line needs \"record\": \"source\", \"entity\" or "
                                 "\"relation\"",
                          path + ":3:1: each line needs \"record\": \"source\", \"entity\" or "
                                 "\"relation\""));
}

// The column is the last character the parser read: the closing quote of the
// unexpected "kind" (columns 32 to 37).
TEST_F(ReadFileTest, JsonLinesSyntaxErrorGivesItsLineAndColumn) {
  const std::string path =
      WriteFile("a.jsonl",
                R"({"record": "entity", "id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}}
{"record": "entity", "id": "x" "kind": "igo"}
)");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(),
              ElementsAre(path + ":2:37: syntax error while parsing object - unexpected string "
                                 "literal; expected '}'"));
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("ilo"));  // reading went on
}

TEST_F(ReadFileTest, JsonLinesFieldProblemPointsAtTheKey) {
  const std::string path =
      WriteFile("a.jsonl",
                R"({"record": "entity", "id": "ilo", "kind": "un_entity", "name": {"en": "ILO"}}
{"record": "relation", "id": "r-17", "type": "mou", "from": "ilo", "to": "china", "sinse": "2019"}
)");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:83: relation r-17: unknown field \"sinse\" "
                                 "(did you mean \"since\"?)"));
}

TEST_F(ReadFileTest, JsonLinesInvalidUtf8IsReportedWithLineAndColumn) {
  const std::string path = WriteFile("a.jsonl",
                                     "{\"record\": \"source\", \"doc\": \"a.txt\"}\n"
                                     "{\"record\": \"source\", \"doc\": \"\xc3(\"}\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:30: invalid UTF-8 (byte 0xc3); files must be UTF-8"));
}

TEST_F(ReadFileTest, JsonLinesByteOrderMarkIsSkipped) {
  const std::string path = WriteFile("a.jsonl",
                                     "\xEF\xBB\xBF{\"record\": \"entity\", \"id\": \"x\", "
                                     "\"kind\": \"igo\", \"name\": {\"en\": \"X\"}, "
                                     "\"kinds\": 1}\n");
  EXPECT_THAT(
      Read(path).Problems(),
      ElementsAre(path + ":1:69: entity x: unknown field \"kinds\" (did you mean \"kind\"?)"));
}

// CSV.

// Excel's "CSV UTF-8" starts the file with a byte order mark.
TEST_F(ReadFileTest, CsvByteOrderMarkIsSkipped) {
  const std::string path =
      WriteFile("nodes.csv", "\xEF\xBB\xBFid,kind,name_en\r\nilo,un_entity,ILO\r\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), IsEmpty());
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("ilo"));
}

TEST_F(ReadFileTest, CsvNodesGiveEntitiesWithAliasesSplitOnBars) {
  const std::string path =
      WriteFile("nodes.csv",
                "id,kind,name_en,name_zh,aliases,attributes\r\n"
                "ilo,un_entity,International Labour Organization,国际劳工组织,ILO|劳工组织,\r\n"
                "x,igo,\"A, \"\"quoted\"\" name\",,\"[\"\"A|B\"\",\"\"C\"\"]\",\"{\"\"url\"\": "
                "\"\"u\"\"}\"\r\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), IsEmpty());
  ASSERT_EQ(result.dataset.entities.size(), 2U);
  const Entity& ilo = result.dataset.entities[0].record;
  EXPECT_EQ(ilo.name.zh, "国际劳工组织");
  EXPECT_THAT(ilo.aliases, ElementsAre("ILO", "劳工组织"));
  const Entity& x = result.dataset.entities[1].record;
  EXPECT_EQ(x.name.en, "A, \"quoted\" name");
  EXPECT_THAT(x.aliases, ElementsAre("A|B", "C"));  // a JSON list keeps bars in aliases
  EXPECT_EQ(x.attributes.at("url"), "u");
  EXPECT_EQ(result.dataset.entities[1].where.ToString(), path + ":3");
}

TEST_F(ReadFileTest, CsvEdgesGiveRelationsWithAmountAndSource) {
  const std::string path = WriteFile(
      "edges.csv",
      "id,type,from,to,since,until,amount,currency,source_doc,source_quote\n"
      "r-2,funds,china,ssc-project,2018-06,2020,745000,USD,001_brochure.txt,\"US$745,000\"\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), IsEmpty());
  ASSERT_EQ(result.dataset.relations.size(), 1U);
  const Relation& relation = result.dataset.relations[0].record;
  EXPECT_EQ(relation.since.ToString(), "2018-06");
  EXPECT_EQ(relation.until.ToString(), "2020");
  EXPECT_EQ(relation.amount, (Amount{745000, "USD"}));
  EXPECT_EQ(relation.source, (Citation{"001_brochure.txt", "US$745,000"}));
}

TEST_F(ReadFileTest, CsvSourcesTableIsKnownByItsDocColumn) {
  const std::string path = WriteFile("sources.csv", "doc,title,language,url\na.txt,A,en,\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), IsEmpty());
  ASSERT_EQ(result.dataset.sources.size(), 1U);
  EXPECT_EQ(result.dataset.sources[0].record, (SourceDocument{"a.txt", "A", "en", ""}));
}

TEST_F(ReadFileTest, CsvSourcesCarryWhatTheDocumentSaysOfItself) {
  const std::string path = WriteFile(
      "sources.csv",
      "doc,title,language,url,symbol,short_title,title_en,published,period_since,period_until\n"
      "b.txt,B,zh,,GB.340/PFA/5,GB.340/PFA/5,Report,2020-03,2018,2019\n"
      "c.txt,C,en,,,,,2019-13,,\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), ElementsAre(HasSubstr(path + ":3: source c.txt: published: ")));
  ASSERT_EQ(result.dataset.sources.size(), 2U);  // c.txt marked as failed to decode
  SourceDocument expected{"b.txt", "B", "zh", ""};
  expected.symbol = "GB.340/PFA/5";
  expected.short_title = "GB.340/PFA/5";
  expected.title_en = "Report";
  expected.published = *PartialDate::Parse("2020-03");
  expected.period_since = *PartialDate::Parse("2018");
  expected.period_until = *PartialDate::Parse("2019");
  EXPECT_EQ(result.dataset.sources[0].record, expected);
}

TEST_F(ReadFileTest, CsvCellProblemNamesLineRecordAndValue) {
  const std::string path = WriteFile("edges.csv",
                                     "id,type,from,to,amount,currency\n"
                                     "r-1,mou,cn-mohrss,ilo,,\n"
                                     "r-17,funds,china,ilo,lots,USD\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(),
              ElementsAre(path + ":3: relation r-17: amount \"lots\" is not a number"));
  EXPECT_THAT(RelationIds(result.dataset), ElementsAre("r-1"));
}

TEST_F(ReadFileTest, CsvRecordProblemNamesLineAndRecord) {
  const std::string path = WriteFile("edges.csv",
                                     "id,type,from,to,since,currency\n"
                                     "r-17,funds,china,ilo,2019-13,usd\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2: relation r-17: bad date \"2019-13\": month must be 01 to 12",
                          path + ":2: relation r-17: amount.value must be a number",
                          path + ":2: relation r-17: amount.currency \"usd\" is not an ISO 4217 "
                                 "code (such as USD, EUR or CNY)"));
}

TEST_F(ReadFileTest, CsvRowsAreNumberedByTheLineTheyStartOn) {
  const std::string path = WriteFile("nodes.csv",
                                     "id,kind,name_en\n"
                                     "a,igo,\"Two\nlines\"\n"
                                     "b,igo,\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":4: entity b: an entity needs a name in English or Chinese "
                                 "(name.en, name.zh)"));
}

TEST_F(ReadFileTest, CsvUnknownColumnIsNamedWithASuggestion) {
  const std::string path = WriteFile("nodes.csv", "id,kind,nmae_en\na,igo,A\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":1: unknown column \"nmae_en\" (did you mean \"name_en\"?)"));
}

TEST_F(ReadFileTest, CsvHeaderMustNameATable) {
  const std::string path = WriteFile("x.csv", "name,value\na,1\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":1: cannot tell the table from the header: nodes need "
                                 "\"id,kind,...\", edges \"id,type,from,to,...\", sources "
                                 "\"doc,...\""));
}

TEST_F(ReadFileTest, CsvRowWithTheWrongNumberOfCellsIsReported) {
  const std::string path = WriteFile("nodes.csv", "id,kind,name_en\na,igo\nb,igo,B\n");
  const ReadResult result = Read(path);
  EXPECT_THAT(result.Problems(), ElementsAre(path + ":2: row has 2 cells, the header 3"));
  EXPECT_THAT(EntityIds(result.dataset), ElementsAre("b"));
}

TEST_F(ReadFileTest, CsvSyntaxErrorNamesItsLine) {
  const std::string path = WriteFile("nodes.csv", "id,kind,name_en\na,igo,A\nb,igo,B\"ad\n");
  EXPECT_THAT(Read(path).Problems(), ElementsAre(HasSubstr(path + ":3: CSV syntax: ")));
}

// 16.16: libcsv's own text ("error parsing data while strict checking
// enabled") for a quote never closed.
TEST_F(ReadFileTest, CsvQuoteNeverClosedNamesTheRowItOpensIn) {
  const std::string path =
      WriteFile("nodes.csv", "id,kind,name_en\na,igo,A\nb,igo,\"B\nc,igo,C\nd,igo,D\n");
  EXPECT_THAT(
      Read(path).Problems(),
      ElementsAre(path + ":3: CSV syntax: unterminated quoted field (a quote opened in this "
                         "row is never closed)"));
}

TEST_F(ReadFileTest, CsvStrayQuoteSaysHowToWriteOne) {
  const std::string path = WriteFile("nodes.csv", "id,kind,name_en\na,igo,A\nb,igo,B\"ad\n");
  EXPECT_THAT(
      Read(path).Problems(),
      ElementsAre(path + ":3: CSV syntax: a quote inside an unquoted field, or text after a "
                         "closing quote (inside a quoted field, write a quote as \"\")"));
}

TEST_F(ReadFileTest, CsvEmptyFileNeedsAHeader) {
  const std::string path = WriteFile("nodes.csv", "");
  EXPECT_THAT(Read(path).Problems(), ElementsAre(path + ": empty CSV file: expected a header row"));
}

TEST_F(ReadFileTest, CsvInvalidUtf8IsReportedWithLineAndColumn) {
  const std::string path = WriteFile("nodes.csv", "id,kind,name_en\na,igo,Caf\xe9\n");
  EXPECT_THAT(Read(path).Problems(),
              ElementsAre(path + ":2:10: invalid UTF-8 (byte 0xe9); files must be UTF-8"));
}

}  // namespace
}  // namespace partnergraph
