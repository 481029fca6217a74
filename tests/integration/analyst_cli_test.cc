// The command line as an analyst uses it: conventions of the ecosystem
// (usage errors, help, version, completion), the "what" of each relation,
// funding by beneficiary. The real pgraph on one bundled database per suite.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::json;

class AnalystCliTest : public ::testing::Test {
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
    args.push_back("--json");
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
  }
  static PgraphRunner* pgraph_;
};
PgraphRunner* AnalystCliTest::pgraph_ = nullptr;

struct UsageCase {
  std::vector<std::string> args;
  const char* message;  // after "pgraph: error: "
  const char* usage;    // the usage line
};

TEST_F(AnalystCliTest, EveryBadOptionValueIsAUsageErrorWithExitTwo) {
  const UsageCase cases[] = {
      {{"render", "--layout", "foo", "-o", "x.svg"},
       "--layout: foo not in {dot,neato,fdp,sfdp,circo,twopi,osage,patchwork}",
       "Usage: pgraph render [OPTIONS]"},
      {{"path", "ilo", "china", "--as-of", "2019-13"},
       "--as-of: bad date \"2019-13\": month must be 01 to 12",
       "Usage: pgraph path [OPTIONS] FROM TO"},
      {{"path", "ilo", "china", "--types", "nosuch"},
       "--types: unknown relation type \"nosuch\"; valid: benefits, co_chairs,",
       "Usage: pgraph path [OPTIONS] FROM TO"},
      {{"neighbours", "ilo", "--types", "fudns"},
       "--types: unknown relation type \"fudns\" (did you mean \"funds\"?)",
       "Usage: pgraph neighbours [OPTIONS] ENTITY"},
      {{"dot", "--kinds", "ministy"},
       "--kinds: unknown entity kind \"ministy\" (did you mean \"ministry\"?); valid: country,",
       "Usage: pgraph dot [OPTIONS]"},
      {{"neighbours", "ilo", "--depth", "-1"},
       "--depth: must be 0 or more, not -1",
       "Usage: pgraph neighbours [OPTIONS] ENTITY"},
      {{"render", "-o", "x.gif"},
       "-o: cannot tell the image format of \"x.gif\"",
       "Usage: pgraph render [OPTIONS]"},
      {{"shwo", "ilo"},
       "unknown command \"shwo\" (did you mean \"show\"?)",
       "Usage: pgraph [OPTIONS] COMMAND ..."},
      {{"completion", "fish"},
       "shell: fish not in {bash,zsh}",
       "Usage: pgraph completion [OPTIONS] SHELL"},
  };
  for (const UsageCase& c : cases) {
    RunResult result = pgraph_->Run(c.args);
    const std::string what = ::testing::PrintToString(c.args);
    EXPECT_EQ(result.exit_code, 2) << what << ": " << result.err;
    EXPECT_THAT(result.err, StartsWith(std::string("pgraph: error: ") + c.message)) << what;
    EXPECT_THAT(result.err, HasSubstr(std::string("\n") + c.usage + "\n")) << what;
    EXPECT_EQ(result.out, "") << what;
  }
}

TEST_F(AnalystCliTest, EveryEntityArgumentSuggestsTheNearestOnATypo) {
  const std::pair<std::vector<std::string>, const char*> cases[] = {
      {{"show", "swedn"}, "pgraph: no entity matches \"swedn\" (did you mean \"sweden\"?)\n"},
      {{"path", "chnia", "cambodia"},
       "pgraph: no entity matches \"chnia\" (did you mean \"china\"?)\n"},
      {{"neighbours", "internatinal labour organisation"},
       "pgraph: no entity matches \"internatinal labour organisation\" (did you mean "
       "\"ilo\"?)\n"},
  };
  for (const auto& [args, message] : cases) {
    RunResult result = pgraph_->Run(args);
    EXPECT_EQ(result.exit_code, 1) << args[1];
    EXPECT_EQ(result.err, message);
  }
}

TEST_F(AnalystCliTest, ErrorsUnderJsonAreJsonOnStderr) {
  RunResult missing = pgraph_->Run({"show", "swedn", "--json"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "");
  Json error = Json::parse(missing.err);
  EXPECT_EQ(error["error"]["code"], "not_found");
  EXPECT_EQ(error["error"]["message"], "no entity matches \"swedn\" (did you mean \"sweden\"?)");
  RunResult usage = pgraph_->Run({"path", "ilo", "china", "--as-of", "2019-13", "--json"});
  EXPECT_EQ(usage.exit_code, 2);
  error = Json::parse(usage.err);
  EXPECT_EQ(error["error"]["code"], "usage");
  EXPECT_EQ(error["error"]["message"], "--as-of: bad date \"2019-13\": month must be 01 to 12");
}

TEST_F(AnalystCliTest, FindSaysHowManyTheLimitLeavesOut) {
  RunResult limited = pgraph_->Run({"find", "labour", "--limit", "3"});
  ASSERT_EQ(limited.exit_code, 0) << limited.err;
  // Entities, then the relations whose title holds the word (the Maritime
  // Labour Convention's MoU among them), each told apart by "hit".
  const Json all = RunJson({"find", "labour", "--limit", "0"});
  auto count = [](const Json& hits, const char* what) {
    return static_cast<size_t>(std::count_if(hits.begin(), hits.end(),
                                             [&](const Json& hit) { return hit["hit"] == what; }));
  };
  const size_t total = count(all, "entity");
  const size_t relations = count(all, "relation");
  ASSERT_GT(total, 3U);
  ASSERT_GT(relations, 3U);
  EXPECT_EQ(limited.err, "3 of " + std::to_string(total) + " shown; --limit 0 for all\n" + "3 of " +
                             std::to_string(relations) + " relations shown; --limit 0 for all\n");
  EXPECT_EQ(count(RunJson({"find", "labour", "--limit", "3"}), "entity"), 3U);
  EXPECT_EQ(pgraph_->Run({"find", "labour", "--limit", "0"}).err, "");
}

TEST_F(AnalystCliTest, FormatOnEveryQueryCommand) {
  RunResult csv = pgraph_->Run({"find", "ilo", "--limit", "1", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "id,kind,name,中文名,aliases\nilo,un_entity,International Labour Organization,"
            "国际劳工组织,\"ILO, 劳工组织\"\n");
  RunResult tsv = pgraph_->Run({"find", "ilo", "--limit", "1", "--format", "tsv"});
  EXPECT_EQ(tsv.out,
            "id\tkind\tname\t中文名\taliases\nilo\tun_entity\tInternational Labour "
            "Organization\t国际劳工组织\tILO, 劳工组织\n");
  RunResult jsonl = pgraph_->Run({"central", "--top", "3", "--format", "jsonl"});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  size_t lines = 0;
  for (size_t start = 0; start < jsonl.out.size(); ++lines) {
    const size_t end = jsonl.out.find('\n', start);
    EXPECT_TRUE(Json::parse(jsonl.out.substr(start, end - start)).contains("betweenness"));
    start = end + 1;
  }
  EXPECT_EQ(lines, 3U);
  EXPECT_EQ(pgraph_->Run({"stats", "--format", "json"}).out, pgraph_->Run({"stats", "--json"}).out);
  RunResult bad = pgraph_->Run({"show", "ilo", "--format", "xml"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(AnalystCliTest, FundsNotesGoToStderr) {
  RunResult result = pgraph_->Run({"funds", "--funder", "china", "--format", "csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, Not(HasSubstr("Totals:")));
  EXPECT_THAT(result.err, HasSubstr("Totals: each funder's own flows with an amount"));
}

// On a terminal (a pty from script(1), its width from COLUMNS): below 100
// columns one record per block; wider, long cells wrap to fit, never cut.
TEST_F(AnalystCliTest, TablesFitTheTerminal) {
  if (std::system("command -v script > /dev/null") != 0) {  // NOLINT(concurrency-mt-unsafe)
    GTEST_SKIP() << "script(1) (util-linux) is not installed: no pty to print to";
  }
  auto on_terminal = [](int columns) {
    const std::string output = (pgraph_->dir() / "terminal.out").string();
    const std::string command = "COLUMNS=" + std::to_string(columns) + " script -qc \"'" +
                                std::string(PGRAPH_BINARY) + "' --db '" + pgraph_->db() +
                                "' show ilo --types co_leads\" /dev/null > '" + output + "'";
    EXPECT_EQ(std::system(command.c_str()), 0);  // NOLINT(concurrency-mt-unsafe)
    return pgraph_->ReadFile(output);
  };
  const std::string narrow = on_terminal(80);
  EXPECT_THAT(narrow, HasSubstr("entity = init-epic\r\nname   = Equal Pay International "
                                "Coalition\r\nwhat   = co-lead (with UN Women and OECD)\r\n"));
  const std::string wide = on_terminal(160);
  EXPECT_THAT(wide, HasSubstr("Issue-Based Coalition on Harnessing     co-lead (with UNFPA"));
  EXPECT_THAT(wide,
              HasSubstr("\r\n                                         the Demographic Dividend, "
                        "Gender and"));
  EXPECT_THAT(wide, Not(HasSubstr("…")));
}

TEST_F(AnalystCliTest, AsciiDrawsWithoutAmbiguousWidthGlyphs) {
  RunResult path = pgraph_->Run({"path", "sweden", "mozambique", "--ascii"});
  ASSERT_EQ(path.exit_code, 0) << path.err;
  EXPECT_THAT(path.out, HasSubstr("\n    | --funds-->\n    |   GB.340/PFA/5: “"));
  for (const char* glyph : {"│", "─", "▶", "→"}) EXPECT_THAT(path.out, Not(HasSubstr(glyph)));
  RunResult show = pgraph_->Run({"show", "ilo", "--types", "co_leads", "--ascii"});
  EXPECT_THAT(show.out, HasSubstr("\n--  ---"));  // the direction column is two wide
  EXPECT_THAT(show.out, HasSubstr("\n->  init-epic  "));
}

TEST_F(AnalystCliTest, TypesAndKindsMatchInAnyCase) {
  RunResult upper = pgraph_->Run({"path", "china", "ilo", "--types", "MOU"});
  EXPECT_EQ(upper.exit_code, 0) << upper.err;
  EXPECT_EQ(upper.out, pgraph_->Run({"path", "china", "ilo", "--types", "mou"}).out);
  RunResult kinds = pgraph_->Run({"dot", "--around", "ilo", "--kinds", "UN_Entity"});
  EXPECT_EQ(kinds.exit_code, 0) << kinds.err;
}

TEST_F(AnalystCliTest, HelpWithoutRawParserText) {
  RunResult gallery = pgraph_->Run({"help", "gallery"});
  EXPECT_EQ(gallery.exit_code, 0) << gallery.err;
  EXPECT_THAT(gallery.out, HasSubstr("--no-png"));
  EXPECT_THAT(gallery.out, Not(HasSubstr("{false}")));
  RunResult neighbours = pgraph_->Run({"help", "neighbours"});
  EXPECT_THAT(neighbours.out, HasSubstr("any case, of: benefits, co_chairs, co_leads,"));
  EXPECT_THAT(neighbours.out, HasSubstr("any case, of: country, employers_org, event,"));
  // pgraph help CMD is pgraph CMD --help.
  EXPECT_EQ(pgraph_->Run({"help", "path"}).out, pgraph_->Run({"path", "--help"}).out);
  RunResult unknown = pgraph_->Run({"help", "shwo"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean \"show\""));
}

TEST_F(AnalystCliTest, VersionByShortAndLongFlag) {
  for (const char* flag : {"-V", "--version"}) {
    RunResult result = pgraph_->Run({flag}, false);
    EXPECT_EQ(result.exit_code, 0) << flag;
    EXPECT_EQ(result.out, "pgraph 0.1.0\n") << flag;
  }
}

TEST_F(AnalystCliTest, CompletionScriptsOfferCommandsAndTheirOptions) {
  for (const char* shell : {"bash", "zsh"}) {
    RunResult result = pgraph_->Run({"completion", shell}, false);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("complete -F _pgraph pgraph")) << shell;
    EXPECT_THAT(result.out, HasSubstr(" neighbours ")) << shell;
    EXPECT_THAT(result.out, HasSubstr("render) opts=\"")) << shell;
    EXPECT_THAT(result.out, HasSubstr("--clusters")) << shell;
  }
  // bash itself reads the script and completes a command's options.
  const std::string script =
      pgraph_->WriteFile("completion.bash", pgraph_->Run({"completion", "bash"}, false).out);
  const std::string probe = pgraph_->WriteFile(
      "probe.sh", "source '" + script +
                      "'\nCOMP_WORDS=(pgraph render --clu); COMP_CWORD=2; _pgraph; "
                      "echo \"${COMPREPLY[@]}\"\n");
  const std::string output = (pgraph_->dir() / "probe.out").string();
  const std::string command = "bash '" + probe + "' > '" + output + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);  // NOLINT(concurrency-mt-unsafe)
  EXPECT_EQ(pgraph_->ReadFile(output), "--clusters\n");
}

// The EU's seven contributions of 2018-2019 to the ILO's policy outcomes go to
// the outcomes themselves: the recipient column tells them apart, and the
// "what" column keeps what the report says of a grant.
TEST_F(AnalystCliTest, FundsSaysWhatEachFlowIsAbout) {
  RunResult result = pgraph_->Run({"funds", "--funder", "eu"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("  what  "));
  for (const char* outcome :
       {"01  Outcome 1 ", "02  Outcome 2 ", "04  Outcome 4 ", "06  Outcome 6 ", "07  Outcome 7 ",
        "09  Outcome 9 ", "10  Outcome 10 "}) {
    EXPECT_THAT(result.out, HasSubstr(std::string("outcome-2018-19-") + outcome)) << outcome;
  }
  EXPECT_THAT(result.out, HasSubstr("in global supply chains"));
}

TEST_F(AnalystCliTest, ShowFiltersByTypeKindAndDate) {
  RunResult result = pgraph_->Run({"show", "ilo", "--types", "CO_LEADS", "--kinds", "initiative"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("co_leads (5)\n"));
  EXPECT_THAT(result.out, HasSubstr("init-epic"));
  EXPECT_THAT(result.out, HasSubstr("co-lead (with UN Women and OECD)"));
  EXPECT_THAT(result.out, Not(HasSubstr("proj-ilo-oecd-skills-db")));  // a project
  EXPECT_THAT(result.out, Not(HasSubstr("\nmou (")));
  Json mous = RunJson({"show", "china", "--types", "mou", "--as-of", "2016"});
  ASSERT_FALSE(mous["relations"].empty());
  for (const Json& relation : mous["relations"]) {
    EXPECT_EQ(relation["type"], "mou");
    EXPECT_LE(relation["since"].get<std::string>().substr(0, 4), "2016") << relation["id"];
  }
}

TEST_F(AnalystCliTest, LongPrintsAttributesAndWholeQuotesWithoutMarkdownEscapes) {
  RunResult result = pgraph_->Run({"show", "china", "--types", "funds", "--long"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              HasSubstr("      includes: China UN Funds and funds provided to ITC-ILO"));
  EXPECT_THAT(result.out, HasSubstr("“China committed US$ 1 million to support"));
  EXPECT_THAT(result.out, Not(HasSubstr("US\\$")));
  // The data keeps the quote verbatim.
  Json show = RunJson({"show", "china", "--types", "funds"});
  bool verbatim = false;
  for (const Json& relation : show["relations"]) {
    verbatim = verbatim ||
               relation["source"]["quote"].get<std::string>().find("US\\$") != std::string::npos;
  }
  EXPECT_TRUE(verbatim);
}

TEST_F(AnalystCliTest, NeighboursListsItsRelationsAndTakesKinds) {
  RunResult result = pgraph_->Run({"neighbours", "cambodia", "--kinds", "project"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("from  "));
  EXPECT_THAT(result.out,
              HasSubstr("proj-employment-services-cambodia-lao  benefits  cambodia  2013–2017  "
                        "project country\n"));
  EXPECT_EQ(result.err, "7 entities and 6 relations within 1 hop of cambodia.\n");
  Json hood = RunJson({"neighbours", "cambodia", "--kinds", "project"});
  for (const Json& node : hood["nodes"]) {
    if (node["id"] != "cambodia") {
      EXPECT_EQ(node["kind"], "project") << node["id"];
    }
  }
}

TEST_F(AnalystCliTest, JsonCarriesRoleTitleAndAttributes) {
  Json funds = RunJson({"funds", "--funder", "china", "--recipient", "ilo"});
  bool seen = false;
  for (const Json& flow : funds["flows"]) {
    if (flow["id"] != "cn-funds-ilo-2018-2022") continue;
    seen = true;
    EXPECT_EQ(flow["role"], "voluntary contributions, total of almost US$ 5.2 million");
    EXPECT_EQ(flow["title"], nullptr);
    EXPECT_EQ(flow["attributes"]["approximate"], "almost US$ 5.2 million");
  }
  EXPECT_TRUE(seen) << funds.dump(2);
  Json path = RunJson({"path", "sweden", "mozambique"});
  ASSERT_EQ(path["paths"].size(), 1U);
  const Json& benefits = path["paths"][0]["edges"][1];
  EXPECT_EQ(benefits["type"], "benefits");
  Json hood = RunJson({"neighbours", "cambodia", "--types", "benefits"});
  bool has_role = false;
  for (const Json& edge : hood["edges"])
    has_role = has_role || edge.value("role", "") == "project country";
  EXPECT_TRUE(has_role) << hood.dump(2);
}

TEST_F(AnalystCliTest, FundsByBeneficiaryFollowsTheProjectsThatBenefitIt) {
  Json vietnam = RunJson({"funds", "--beneficiary", "Viet Nam"});
  EXPECT_EQ(vietnam["beneficiary"], "vietnam");
  std::set<std::string> funders;
  for (const Json& flow : vietnam["flows"]) funders.insert(flow["funder"]);
  const std::set<std::string> expected = {
      "au-dfat",    "ca-gac", "european-union", "ireland",     "japan",
      "luxembourg", "norway", "russia",         "switzerland", "united-states"};
  EXPECT_EQ(funders, expected);
  EXPECT_EQ(vietnam["flows"][0]["via"], "proj-dwcp-vietnam-2017-2021");
  EXPECT_EQ(vietnam["flows_without_amount"], 10);

  // Cambodia: China's three projects that benefit it, USD 1,000,000 +
  // 745,000 + 1,000,000, add up per funder and currency.
  Json cambodia = RunJson({"funds", "--beneficiary", "cambodia", "--funder", "china"});
  ASSERT_EQ(cambodia["totals"].size(), 1U) << cambodia.dump(2);
  EXPECT_EQ(cambodia["totals"][0]["funder"], "china");
  EXPECT_EQ(cambodia["totals"][0]["currency"], "USD");
  EXPECT_EQ(cambodia["totals"][0]["amount"], 2745000);
  RunResult text = pgraph_->Run({"funds", "--beneficiary", "cambodia", "--funder", "china"});
  EXPECT_THAT(text.out, HasSubstr("china   USD 2,745,000"));
  EXPECT_THAT(text.err, HasSubstr("a project's whole amount counts for each of its beneficiaries"));
}

}  // namespace
}  // namespace partnergraph::testing
