// Search that forgives (typos per word, spelling variants, word starts
// ranked first, relation titles), `import -` from standard input, and the
// pager and colour on a terminal (pseudo-terminals from script(1)): the real
// pgraph on one bundled database.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

class SearchCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pgraph_ = new PgraphRunner();
    RunResult init = pgraph_->Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() {
    delete pgraph_;
    pgraph_ = nullptr;
  }

  static Json RunJson(std::vector<std::string> args) {
    args.emplace_back("--json");
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
  }

  // `sh -c SCRIPT` with $PGRAPH the binary and the suite's database
  // ($PGRAPH_BIN without it): for standard
  // input and pseudo-terminals, which PgraphRunner does not give.
  static RunResult Shell(const std::string& script) {
    const std::string dir = pgraph_->dir().string();
    const std::string script_path =
        pgraph_->WriteFile("script.sh", "PGRAPH_BIN='" + std::string(PGRAPH_BINARY) + "'\n" +
                                            "PGRAPH=\"$PGRAPH_BIN --db " + pgraph_->db() + "\"\n" +
                                            "unset PGRAPH_PAGER PAGER NO_COLOR\n" + script + "\n");
    const std::string command =
        "sh " + script_path + " >" + dir + "/sh.out 2>" + dir + "/sh.err </dev/null";
    const int status = std::system(command.c_str());  // NOLINT(concurrency-mt-unsafe): tests
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = pgraph_->ReadFile(dir + "/sh.out");
    result.err = pgraph_->ReadFile(dir + "/sh.err");
    return result;
  }

  static PgraphRunner* pgraph_;
};

PgraphRunner* SearchCliTest::pgraph_ = nullptr;

TEST_F(SearchCliTest, FindForgivesATypoPerWord) {
  const Json swedn = RunJson({"find", "swedn"});
  ASSERT_FALSE(swedn.empty());
  EXPECT_EQ(swedn[0]["id"], "sweden");
  EXPECT_EQ(swedn[0]["match"], "typos");
  EXPECT_EQ(swedn[0]["score"], 0.4);                        // one edit (TextScore::Score)
  EXPECT_EQ(RunJson({"find", "chnia"})[0]["id"], "china");  // a swapped pair is one edit
  const Json ilo = RunJson({"find", "internatinal labour organisation"});
  ASSERT_FALSE(ilo.empty());
  EXPECT_EQ(ilo[0]["id"], "ilo");  // a typo and a variant, in three words
  // Short words and acronyms match exactly: "ilx" finds nothing.
  EXPECT_TRUE(RunJson({"find", "ilx"}).empty());
}

TEST_F(SearchCliTest, FindFoldsSpellingVariants) {
  // The dataset spells it "Department of Labor".
  const Json labour = RunJson({"find", "department of labour"});
  ASSERT_FALSE(labour.empty());
  EXPECT_EQ(labour[0]["name"]["en"], "United States Department of Labor");
  EXPECT_EQ(labour[0]["match"], "word_start");
  EXPECT_EQ(labour[0]["score"], 0.75);  // a word start, less 0.05 for the folding
  // Both words folded: the ILO and the Arab Labour Organization, tied, by id.
  const Json organisation = RunJson({"find", "labor organisation", "--limit", "2"});
  ASSERT_EQ(organisation.size(), 2U);
  EXPECT_EQ(organisation[0]["id"], "arab-labour-organization");
  EXPECT_EQ(organisation[1]["id"], "ilo");
  EXPECT_EQ(organisation[1]["score"], 0.75);
}

TEST_F(SearchCliTest, FindRanksBetterMatchesFirstAndScoresThem) {
  const Json found = RunJson({"find", "labour", "--limit", "0"});
  const std::vector<std::string> order = {"exact_id",    "exact_name", "prefix", "word_start",
                                          "inside_word", "words",      "typos"};
  double last_score = 1.0;
  size_t last_rank = 0;
  size_t entities = 0;
  for (const Json& hit : found) {
    if (hit["hit"] != "entity") continue;
    ++entities;
    const double score = hit["score"].get<double>();
    const auto rank = static_cast<size_t>(
        std::find(order.begin(), order.end(), hit["match"].get<std::string>()) - order.begin());
    ASSERT_LT(rank, order.size()) << hit.dump();
    EXPECT_LE(score, last_score) << hit.dump();
    EXPECT_GE(rank, last_rank) << hit.dump();
    last_score = score;
    last_rank = rank;
  }
  EXPECT_GT(entities, 10U);
  // "ilo" is an id: first, with the top score; names starting with it next.
  const Json ilo = RunJson({"find", "ilo"});
  EXPECT_EQ(ilo[0]["id"], "ilo");
  EXPECT_EQ(ilo[0]["match"], "exact_id");
  EXPECT_EQ(ilo[0]["score"], 1.0);
  EXPECT_EQ(ilo[1]["match"], "prefix");
}

TEST_F(SearchCliTest, FindListsRelationsWhoseTitleMatchesWithTheirEnds) {
  RunResult text = pgraph_->Run({"find", "Maritime"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("relations whose title matches"));
  EXPECT_THAT(text.out, HasSubstr("Maritime Labour Convention"));
  const Json found = RunJson({"find", "maritime"});
  const auto mou = std::find_if(found.begin(), found.end(), [](const Json& hit) {
    return hit["hit"] == "relation" &&
           hit["title"].get<std::string>().find("Maritime Labour Convention") != std::string::npos;
  });
  ASSERT_NE(mou, found.end()) << found.dump(2);
  EXPECT_EQ((*mou)["type"], "mou");
  EXPECT_FALSE(mou->contains("match"));  // relation hits carry a score alone
  EXPECT_TRUE((*mou)["from"].contains("kind"));
  EXPECT_TRUE((*mou)["to"]["name"].contains("en"));
  const std::string ends =
      (*mou)["from"]["id"].get<std::string>() + " " + (*mou)["to"]["id"].get<std::string>();
  EXPECT_THAT(ends, HasSubstr("ilo")) << ends;
  EXPECT_GT((*mou)["score"].get<double>(), 0.0);
  // A typo in the title's word too.
  const Json typo = RunJson({"find", "maritme"});
  EXPECT_TRUE(std::any_of(typo.begin(), typo.end(),
                          [](const Json& hit) { return hit["hit"] == "relation"; }));
}

TEST_F(SearchCliTest, EveryEntityArgumentTakesTheBestForgivingHit) {
  RunResult show = pgraph_->Run({"show", "swedn"});
  EXPECT_EQ(show.exit_code, 1);
  EXPECT_EQ(show.err, "pgraph: no entity matches \"swedn\" (did you mean \"sweden\"?)\n");
  RunResult words = pgraph_->Run({"path", "labour international organization", "china"});
  EXPECT_EQ(words.exit_code, 1);
  EXPECT_EQ(words.err,
            "pgraph: no entity matches \"labour international organization\" (did you mean "
            "\"ilo\"?)\n");
}

TEST_F(SearchCliTest, ImportReadsStandardInputInAnyFormat) {
  PgraphRunner fresh;
  ASSERT_EQ(fresh.Run({"init", "--empty"}).exit_code, 0);
  const std::string db = " --db " + fresh.db();
  const std::string source =
      R"({"record": "source", "doc": "s.txt", "title": "Stdin", "language": "en"})";
  // JSON Lines, told from its first line.
  RunResult jsonl = Shell(
      "printf '%s\\n' '" + source +
      R"(' '{"record": "entity", "id": "a", "kind": "country", "name": {"en": "A"}}' | $PGRAPH_BIN)" +
      db + " import -");
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
  // CSV, told from its first character; its table from its header.
  RunResult csv =
      Shell("printf 'id,kind,name_en\\nb,country,Bee\\n' | $PGRAPH_BIN" + db + " import -");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  // A JSON document over several lines.
  RunResult json = Shell(
      "printf '{\\n  \"entities\": [{\"id\": \"c\", \"kind\": \"country\", \"name\": {\"en\": "
      "\"Cee\"}}]\\n}\\n' | $PGRAPH_BIN" +
      db + " import -");
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(fresh.Run({"show", "a"}).exit_code, 0);
  EXPECT_EQ(fresh.Run({"show", "b"}).exit_code, 0);
  EXPECT_EQ(fresh.Run({"show", "c"}).exit_code, 0);
  // Errors name <stdin> and its line; nothing is imported.
  RunResult bad = Shell(
      R"(printf '{"record": "entity", "id": "d", "kind": "country", "name": {"en": "D"}}\n{"record": "entity", "id": "e", "kind": "nosuch", "name": {"en": "E"}}\n' | $PGRAPH_BIN)" +
      db + " import -");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("<stdin>:2:"));
  EXPECT_THAT(bad.err, Not(HasSubstr("pgraph-stdin-")));
  EXPECT_EQ(fresh.Run({"show", "d"}).exit_code, 1);
  // --format overrides the guess; "-" twice is refused.
  RunResult forced = Shell("printf 'id,kind,name_en\\nf,country,Eff\\n' | $PGRAPH_BIN" + db +
                           " import --format csv -");
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(fresh.Run({"show", "f"}).exit_code, 0);
  RunResult twice = Shell("echo | $PGRAPH_BIN" + db + " import - -");
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.err, HasSubstr("standard input (-) can be read only once"));
}

// script(1) runs the command on a pseudo-terminal, 40 rows by 120 columns:
// stdout is a terminal (without a size, pgraph would not page).
std::string OnTerminal(const std::string& command) {
  return "script -qec \"stty rows 40 cols 120; " + command + "\" /dev/null";
}

TEST_F(SearchCliTest, LongOutputOnATerminalGoesThroughThePager) {
  // A pager that marks each line it is given.
  RunResult paged = Shell(OnTerminal("PGRAPH_PAGER='sed s/^/PAGED:/' $PGRAPH show ilo"));
  EXPECT_EQ(paged.exit_code, 0) << paged.err;
  EXPECT_THAT(paged.out, HasSubstr("PAGED:ilo  (un_entity)"));
  // $PAGER when $PGRAPH_PAGER is not set.
  RunResult pager = Shell(OnTerminal("PAGER='sed s/^/VIA-PAGER:/' $PGRAPH find ilo"));
  EXPECT_THAT(pager.out, HasSubstr("VIA-PAGER:ilo"));
  // Never with --no-pager, never into a pipe (as tests read it), not with "cat".
  RunResult no_pager =
      Shell(OnTerminal("PGRAPH_PAGER='sed s/^/PAGED:/' $PGRAPH --no-pager show ilo"));
  EXPECT_THAT(no_pager.out, HasSubstr("ilo  (un_entity)"));
  EXPECT_THAT(no_pager.out, Not(HasSubstr("PAGED:")));
  RunResult piped = Shell("PGRAPH_PAGER='sed s/^/PAGED:/' $PGRAPH show ilo | cat");
  EXPECT_THAT(piped.out, HasSubstr("ilo  (un_entity)"));
  EXPECT_THAT(piped.out, Not(HasSubstr("PAGED:")));
  // The exit status is pgraph's, with the pager.
  RunResult failed = Shell(OnTerminal("PGRAPH_PAGER=cat $PGRAPH show swedn"));
  EXPECT_EQ(failed.exit_code, 1);
}

TEST_F(SearchCliTest, ColourOnlyOnATerminalAndNeverWithNoColor) {
  const std::string bold = "\x1b[1m";
  RunResult terminal = Shell(OnTerminal("$PGRAPH --no-pager find ilo"));
  EXPECT_THAT(terminal.out, HasSubstr(bold + "id"));  // the header, bold
  RunResult no_color = Shell(OnTerminal("NO_COLOR=1 $PGRAPH --no-pager find ilo"));
  EXPECT_THAT(no_color.out, HasSubstr("id"));
  EXPECT_THAT(no_color.out, Not(HasSubstr("\x1b[")));
  RunResult piped = Shell("$PGRAPH find ilo | cat");
  EXPECT_THAT(piped.out, Not(HasSubstr("\x1b[")));
  // Notes on stderr are dim on a terminal: the footer of a limited find.
  RunResult note = Shell(OnTerminal("$PGRAPH --no-pager find labour --limit 1"));
  EXPECT_THAT(note.out, HasSubstr("\x1b[2m1 of "));
}

}  // namespace
}  // namespace partnergraph::testing
