// pgraph: the command line. Parses arguments with CLI11 (only here), runs one
// command, and maps the outcome to an exit code: 0 success, 1 a failure the
// command reports, 2 a usage error.
#include <algorithm>
#include <cctype>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "partnergraph/database.h"
#include "partnergraph/schema.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/options.h"
#include "cli/table.h"
#include "cli/terminal.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// What runs a command once its options are parsed.
using Runner = std::function<Status(const GlobalOptions& global, std::ostream& out)>;

// One row of the table of commands, which drives the subcommands CLI11
// parses, the help that lists them, dispatch, and the "did you mean" of an
// unknown command. Adding a command: its Run function (commands/NAME.cc),
// its declaration (commands/commands.h) and its row here.
struct CommandSpec {
  const char* name;
  const char* alias;  // "" for none
  const char* summary;
  // Declares the command's arguments on `command`; returns the runner that
  // reads their parsed values.
  Runner (*declare)(CLI::App* command);
};

// The first word of the command line, if it names no command: "unknown
// command "shwo" (did you mean "show"?)"; nullopt when it is a command or
// there is none. Skips the global options and the value of --db.
std::optional<std::string> UnknownCommand(const std::vector<CommandSpec>& table, int argc,
                                          char** argv) {
  std::vector<std::string> commands;
  for (const CommandSpec& spec : table) {
    commands.emplace_back(spec.name);
    if (*spec.alias != '\0') commands.emplace_back(spec.alias);
  }
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--db") {
      ++i;
      continue;
    }
    if (word.empty() || word.front() == '-') continue;
    if (std::find(commands.begin(), commands.end(), word) != commands.end()) return std::nullopt;
    return "unknown command \"" + PrintableText(word) + "\"" + DidYouMean(word, commands);
  }
  return std::nullopt;
}

// --dates beside every --as-of.
void AddDatesOption(CLI::App* command, std::string& dates) {
  command->add_option("--dates", dates,
                      "with --as-of, relations without dates of their own: evidence (default; "
                      "known from the start of their source's period on), strict (left out) "
                      "or any (always in force)");
}

void AddFilterOptions(CLI::App* command, FilterOptions& filter) {
  command->add_option("--types", filter.types,
                      "only these relation types, comma-separated (e.g. mou,funds)");
  command->add_option("--as-of", filter.as_of,
                      "only relations in force at DATE (YYYY, YYYY-MM or YYYY-MM-DD): "
                      "begun by its end and not ended before its start");
  AddDatesOption(command, filter.dates);
}

// --began-between A B on show, neighbours and funds.
void AddBeganBetween(CLI::App* command, std::vector<std::string>& window, const char* what) {
  command
      ->add_option("--began-between", window,
                   std::string("only ") + what +
                       " whose start (since) falls within A..B inclusive (dates as --as-of "
                       "takes them: 2019 2019 is the whole of 2019); undated ones are left out")
      ->expected(2);
}

void AddViewOptions(CLI::App* command, ViewOptions& view) {
  command->add_option("--around", view.around, "the neighbourhood of ENTITY");
  command->add_option("--depth", view.depth, "hops around --around (default 1)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--path", view.path, "the shortest path A B, highlighted in its context")
      ->expected(2);
  command->add_flag("--funding", view.funding,
                    "funding flows left to right: funders, projects, beneficiaries; edge width "
                    "by amount");
  command->add_option("--funder", view.funder, "with --funding: one funder's flows only");
  AddFilterOptions(command, view.filter);
  command->add_option("--kinds", view.kinds,
                      "only entities of these kinds, comma-separated (the focus always stays)");
  command->add_option("--title", view.title, "the picture's title");
  command
      ->add_option("--diff", view.diff,
                   "the view's change from date A to date B: relations begun, ended, first "
                   "reported and unchanged, each drawn in its own style (see pgraph diff)")
      ->expected(2);
  command->add_option("--style", view.style, "style file (default viz/default.json)");
  command->add_option("--lang", view.lang, "label language: en, zh or both (default en)")
      ->check(CLI::IsMember({"en", "zh", "both"}));
  command->add_option("--clusters", view.clusters, "group nodes: none, kind or country")
      ->check(CLI::IsMember({"none", "kind", "country"}));
  command->add_flag("--no-legend", view.no_legend, "leave out the legend");
  command
      ->add_option("--size-by", view.size_by,
                   "node size by importance: none, degree (relations in the view) or "
                   "betweenness (as pgraph central computes it; default none)")
      ->check(CLI::IsMember({"none", "degree", "betweenness"}));
  command->add_option("--max-nodes", view.max_nodes,
                      "refuse a view of more than N entities (default 2000, 0: no cap): "
                      "Graphviz takes minutes to lay out tens of thousands");
  command
      ->add_option("--layout", view.layout,
                   "Graphviz layout engine: dot, neato, fdp, sfdp, circo, twopi "
                   "(default: sfdp for the whole network, twopi around an entity, dot otherwise)")
      ->check(
          CLI::IsMember({"dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork"}));
}

// The view options of dot that choose what an export holds (not how it is
// drawn); without any, export writes the whole database.
void AddExportViewOptions(CLI::App* command, ViewOptions& view) {
  command->add_option("--around", view.around, "only the neighbourhood of ENTITY");
  command->add_option("--depth", view.depth, "hops around --around (default 1)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--path", view.path, "only the shortest path A B and its context")
      ->expected(2);
  command->add_flag("--funding", view.funding,
                    "only funding flows: funders, projects, beneficiaries");
  command->add_option("--funder", view.funder, "with --funding: one funder's flows only");
  AddFilterOptions(command, view.filter);
  command->add_option("--kinds", view.kinds,
                      "only entities of these kinds, comma-separated (the focus always stays)");
  view.max_nodes = 0;  // no cap: exports are not laid out
}

const std::vector<CommandSpec>& Commands() {
  static const auto* const kCommands = new std::vector<CommandSpec>{
      {"init", "", "create the database, loaded with the bundled dataset unless --empty",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<InitOptions>();
         c->add_flag("--empty", o->empty, "create it with no data (the schema only)");
         c->add_flag("--force", o->force,
                     "replace an existing database (never a folder holding anything else)");
         c->add_option("--schema", o->schema,
                       "the vocabulary (kinds and relation types) from FILE instead of the "
                       "bundled data/schema.json")
             ->check(CLI::ExistingFile);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunInit(g, *o, out); };
       }},
      {"import", "",
       "validate files and add them in one atomic write: all or nothing.\n"
       "A record equal to a stored one is skipped; one with the same id but different content "
       "is\nan error unless --replace, which replaces the stored record whole.",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ImportCommandOptions>();
         // No CLI::ExistingFile: the importer says why a file cannot be
         // opened, in the usual layout and with exit 1.
         c->add_option("files", o->files,
                       "JSON (.json), JSON Lines (.jsonl), CSV or IATI activity (.xml) files; "
                       "- reads standard input (its format from --format, else its first line)")
             ->required();
         c->add_option("--format", o->format,
                       "auto (by extension; .xml by its root element), json, jsonl, csv or iati "
                       "(IATI activity XML 2.0x or 1.0x: see README)");
         c->add_option("--iati-organisations", o->iati_organisations,
                       "IATI: the map of organisation refs to entities (default "
                       "data/iati-organisations.tsv)");
         c->add_option("--map", o->csv_map,
                       "read CSV files as edge lists of other tools: COLUMN=field,... (fields: "
                       "id type from to title since until amount currency role source_doc "
                       "source_quote attribute:NAME, or - to leave a column out; every column "
                       "mapped). Kumu: --map 'From=from,To=to,Type=type,Quote=source_quote' "
                       "--source DOC; Gephi: see the examples below. Rows without an id get one "
                       "from their content, so a re-import changes nothing");
         c->add_flag("--resolve-names", o->resolve_names,
                     "with --map: From/To may be names or aliases in English or Chinese, "
                     "matched exactly as entity arguments are (an ambiguous or unknown name is "
                     "an error)");
         c->add_option("--source", o->source,
                       "with --map: the source document (already stored or described in this "
                       "import) of rows without a source_doc cell; each row still quotes it");
         c->add_flag("--replace", o->replace, "let records replace stored ones with the same id");
         c->add_flag("--dry-run", o->dry_run, "validate only; write nothing");
         c->add_option("--max-errors", o->max_errors, "list at most N errors (default 100)")
             ->check(CLI::PositiveNumber);
         c->footer(
             "Spreadsheets (--map; README: Importing edge lists from spreadsheets). A Kumu "
             "sheet:\n"
             "  From,To,Type,Quote\n"
             "  China,Skills for Cambodia,funds,\"China funds the project\"\n"
             "  pgraph import --resolve-names --source report.pdf \\\n"
             "    --map 'From=from,To=to,Type=type,Quote=source_quote' kumu.csv\n"
             "A Gephi edge table (its Type is directed/undirected, not a relation type):\n"
             "  Source,Target,Type,Id,Label,Weight,Quote\n"
             "  china,cambodia,Undirected,0,partners_with,1.0,\"They are partners\"\n"
             "  pgraph import --source report.pdf \\\n"
             "    --map 'Source=from,Target=to,Label=type,Type=-,Id=-,Weight=attribute:weight,"
             "Quote=source_quote' gephi.csv\n\n" +
             c->get_footer());
         return [o](const GlobalOptions& g, std::ostream& out) { return RunImport(g, *o, out); };
       }},
      {"export", "",
       "write the whole database, or a view of it (the view options of dot), as json\n"
       "(default), jsonl, csv, graphml, gexf, cytoscape, neo4j or age",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ExportOptions>();
         std::vector<std::string> names;
         std::string help;
         for (const ExportFormatInfo& format : ExportFormats()) {
           names.emplace_back(format.name);
           for (std::string_view alias : format.aliases) names.emplace_back(alias);
           help += "\n  " + std::string(format.name) + ": " + std::string(format.description);
         }
         c->add_option("--format", o->format, "the format (default json):" + help)
             ->check(CLI::IsMember(names));
         c->add_option("-o,--output", o->output,
                       "output file (a folder for csv, neo4j and age); default stdout");
         AddExportViewOptions(c, o->view);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunExport(g, *o, out); };
       }},
      {"find", "", "entities whose id, name (English or Chinese) or alias matches TEXT, best first",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<FindOptions>();
         c->add_option("text", o->text, "what to look for")->required();
         c->add_option("--limit", o->limit, "at most N results (default 20, 0 for all)");
         return [o](const GlobalOptions& g, std::ostream& out) { return RunFind(g, *o, out); };
       }},
      {"show", "", "one entity: names, aliases, and every relation in and out with its source",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ShowOptions>();
         c->add_option("entity", o->entity, "id, name or alias")->required();
         AddFilterOptions(c, o->filter);
         c->add_option("--kinds", o->kinds,
                       "only relations with entities of these kinds, comma-separated");
         AddBeganBetween(c, o->began_between, "relations");
         c->add_flag("-l,--long", o->long_format,
                     "each relation's role, attributes and whole quote under it");
         return [o](const GlobalOptions& g, std::ostream& out) { return RunShow(g, *o, out); };
       }},
      {"path", "", "shortest path(s) between two entities, each hop with its relation and source",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<PathCommandOptions>();
         c->add_option("from", o->from, "start entity")->required();
         c->add_option("to", o->to, "end entity")->required();
         c->add_option("--max-hops", o->max_hops, "give up beyond N hops (default: no limit)")
             ->check(CLI::NonNegativeNumber);
         c->add_flag("--directed", o->directed,
                     "follow relations from -> to only (symmetric types like mou both ways)");
         c->add_flag("--all", o->all, "every shortest path, not just one");
         c->add_flag("-l,--long", o->long_format, "each hop's role and attributes under it");
         c->add_option("--max-paths", o->max_paths,
                       "with --all, at most N paths (default 100, at most 100000)")
             ->check(CLI::Range(size_t{1}, PathRequest::kMaxPathsLimit));
         AddFilterOptions(c, o->filter);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunPath(g, *o, out); };
       }},
      {"neighbours", "neighbors",
       "the entities within --depth hops of ENTITY and the relations among them",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<NeighboursOptions>();
         c->add_option("entity", o->entity, "id, name or alias")->required();
         c->add_option("--depth", o->depth, "hops (default 1)")->check(CLI::NonNegativeNumber);
         c->add_flag("--directed", o->directed, "follow relations from -> to only");
         AddFilterOptions(c, o->filter);
         c->add_option("--kinds", o->kinds,
                       "only entities of these kinds, comma-separated (the start always stays)");
         AddBeganBetween(c, o->began_between, "relations");
         c->add_flag("-l,--long", o->long_format, "each relation's attributes under it");
         return
             [o](const GlobalOptions& g, std::ostream& out) { return RunNeighbours(g, *o, out); };
       }},
      {"funds", "",
       "who funds what: each flow with amount, period and source, then totals per funder and\n"
       "currency (never mixing currencies)",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<FundsCommandOptions>();
         c->add_option("--funder", o->funder, "only this funder's flows");
         c->add_option("--recipient", o->recipient, "only flows to this recipient");
         c->add_option("--beneficiary", o->beneficiary,
                       "funding that reaches this country or body: given to it, or to the "
                       "projects that benefit it");
         c->add_flag("-l,--long", o->long_format, "each flow's attributes under it");
         c->add_option("--as-of", o->as_of, "only flows in force at DATE");
         AddDatesOption(c, o->dates);
         AddBeganBetween(c, o->began_between, "flows");
         c->add_flag("--through", o->through,
                     "follow each funded project on to its implementers and beneficiaries");
         return [o](const GlobalOptions& g, std::ostream& out) { return RunFunds(g, *o, out); };
       }},
      {"diff", "",
       "the relations that began, ended or were first reported between dates A and B,\n"
       "each with its date and source, grouped by type",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<DiffOptions>();
         c->add_option("dates", o->dates,
                       "A B: two dates (YYYY, YYYY-MM or YYYY-MM-DD), A not after B. Began: "
                       "since after A, by the end of B; ended: until from A on, before B; first "
                       "reported: undated, its source's period starting after A, by the end of B")
             ->expected(2)
             ->required();
         c->add_option("--around", o->around, "only the neighbourhood of ENTITY");
         c->add_option("--depth", o->depth, "hops around --around (default 1)")
             ->check(CLI::NonNegativeNumber);
         c->add_option("--types", o->types,
                       "only these relation types, comma-separated (e.g. mou,funds)");
         c->add_option("--kinds", o->kinds,
                       "only entities of these kinds, comma-separated (--around always stays)");
         return [o](const GlobalOptions& g, std::ostream& out) { return RunDiff(g, *o, out); };
       }},
      {"central", "", "brokers of the network: betweenness centrality and degree, top N",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<CentralOptions>();
         c->add_option("--top", o->top, "how many (default 10, 0 for all)");
         c->add_option("--sample", o->sample,
                       "estimate betweenness from N random pivots (seeded), in N/V of the time: "
                       "with 95% probability each score is within sqrt(ln(40)/(2N)) of the "
                       "largest possible score (4.3% for N=1000)");
         AddFilterOptions(c, o->filter);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunCentral(g, *o, out); };
       }},
      {"query", "",
       "read-only openCypher over the graph: entities are nodes labelled by kind, relations\n"
       "are relationships typed by relation type (see README, Querying with Cypher)",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<QueryOptions>();
         c->add_option("query", o->text,
                       "the query, e.g. 'MATCH (n:ministry) RETURN n.name'; "
                       "- reads it from stdin");
         c->add_option("-f,--file", o->file, "read the query from FILE (- for stdin)");
         c->add_option("--param", o->params,
                       "NAME=VALUE for $NAME, repeatable; VALUE is JSON (2019, \"text\", [1,2])"
                       " or else a string")
             ->allow_extra_args(false)
             ->check([](const std::string& value) {
               const size_t equals = value.find('=');
               return equals == std::string::npos || equals == 0
                          ? std::string("expected NAME=VALUE")
                          : std::string();
             });
         c->add_option("--as-of", o->as_of,
                       "only relations in force at DATE, in every pattern (as AS OF does)");
         AddDatesOption(c, o->dates);
         c->add_option("--format", o->format, "table (default), json, jsonl, csv or tsv")
             ->check(CLI::IsMember({"table", "json", "jsonl", "csv", "tsv"}));
         c->add_option("--timeout-ms", o->timeout_ms, "give up after N ms (default: no limit)")
             ->check(CLI::NonNegativeNumber);
         c->add_option("--max-rows", o->max_rows,
                       "give up when a step holds more than N rows (default 10000000)")
             ->check(CLI::PositiveNumber);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunQuery(g, *o, out); };
       }},
      {"dot", "",
       "Graphviz DOT of a view on stdout: the whole network (default), --around E, --path A B\n"
       "or --funding; styled by a file in viz/",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ViewOptions>();
         AddViewOptions(c, *o);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunDot(g, *o, out); };
       }},
      {"render", "",
       "render a view (as for dot) to an SVG, PNG or PDF file, in-process with Graphviz,\n"
       "or to a self-contained offline HTML page (--format html, or -o FILE.html)",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ViewOptions>();
         auto format = std::make_shared<std::string>();
         AddViewOptions(c, *o);
         c->add_option("-o,--output", o->output,
                       "FILE.svg, FILE.png, FILE.pdf or FILE.html; - for stdout (with --format)")
             ->required();
         c->add_option("--format", *format,
                       "svg, png, pdf or html (default: by the extension of -o); html: the "
                       "picture with pan, zoom, search and each entity's panel, offline")
             ->check(CLI::IsMember({"svg", "png", "pdf", "html"}));
         return [o, format](const GlobalOptions& g, std::ostream& out) {
           return RunRenderAs(g, *o, *format, out);
         };
       }},
      {"gallery", "",
       "draw the standard pictures of the database (network, ILO ego network, China's "
       "funding,\n2019 MoUs, UN system) as DOT, SVG and PNG into a folder (default ./gallery)",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<GalleryOptions>();
         c->add_option("directory", o->directory, "output folder");
         c->add_flag_function(
             "--no-png", [o](int64_t) { o->images = false; }, "write DOT and SVG only");
         return [o](const GlobalOptions& g, std::ostream& out) { return RunGallery(g, *o, out); };
       }},
      {"serve", "",
       "explore the database in the browser: search, panels with the evidence, expand,\n"
       "filters, as-of, paths, funding, Cypher (read-only; see README)",
       [](CLI::App* c) -> Runner {
         auto o = std::make_shared<ServeCommandOptions>();
         c->add_option("--port", o->port, "TCP port (default 8470; 0: any free one)");
         c->add_option("--bind", o->bind,
                       "address to listen on (default 127.0.0.1; others are warned about)");
         c->add_flag("--open", o->open, "open the page in the desktop's browser");
         c->add_option("--header-timeout-ms", o->header_timeout_ms,
                       "drop a client that has not sent its request headers after N ms "
                       "(default 10000)")
             ->check(CLI::PositiveNumber);
         return [o](const GlobalOptions& g, std::ostream& out) { return RunServe(g, *o, out); };
       }},
      {"stats", "", "counts by kind and type, unsourced relations, size on disk",
       [](CLI::App*) -> Runner {
         return [](const GlobalOptions& g, std::ostream& out) { return RunStats(g, out); };
       }},
      {"sources", "",
       "the source documents: symbol, short title (what tables cite), publication date, the\n"
       "period each reports on, language, and how many relations cite it",
       [](CLI::App*) -> Runner {
         return [](const GlobalOptions& g, std::ostream& out) { return RunSources(g, out); };
       }},
  };
  return *kCommands;
}

// CLI11's wording of a range check prints the largest double in full
// ("Value -1 not in range 0.000000 to 1797...368.000000"): said plainly.
std::string PlainParseMessage(std::string message) {
  for (const auto& [bound, plain] :
       {std::pair<std::string, std::string>{"0.000000", "0 or more"},
        std::pair<std::string, std::string>{"1.000000", "1 or more"}}) {
    const std::string range = " not in range " + bound + " to ";
    const size_t at = message.find(range);
    if (at == std::string::npos) continue;
    const size_t value = message.rfind("Value ", at);
    size_t end = at + range.size();
    while (end < message.size() &&
           (std::isdigit(static_cast<unsigned char>(message[end])) != 0 || message[end] == '.')) {
      ++end;
    }
    if (value == std::string::npos) continue;
    std::string plain_message = message.substr(0, value);
    plain_message += "must be ";
    plain_message += plain;
    plain_message += ", not ";
    plain_message += message.substr(value + 6, at - value - 6);
    plain_message += message.substr(end);
    message = std::move(plain_message);
  }
  return message;
}

// "Usage: pgraph show [OPTIONS] ENTITY", from what the command declares.
std::string UsageLine(const CLI::App* command) {
  if (command == nullptr) return "Usage: pgraph [OPTIONS] COMMAND ...";
  std::string line = "Usage: pgraph " + command->get_name() + " [OPTIONS]";
  for (const CLI::Option* option : command->get_options()) {
    if (!option->get_positional()) continue;
    std::string name = option->get_name();
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!option->get_required()) {
      name.insert(0, "[");
      name += ']';
    }
    line += ' ';
    line += name;
    if (option->get_items_expected_max() > 1) line += "...";
  }
  return line;
}

// The subcommand the command line names, or nullptr.
const CLI::App* ChosenCommand(const CLI::App& app) {
  for (const CLI::App* command : app.get_subcommands({})) {
    if (command->parsed()) return command;
  }
  return nullptr;
}

// Whether the command line asks for JSON: then errors are JSON too, on
// stderr, {"error": {"code", "message"}}, for scripts that parse both streams.
bool json_errors = false;

void ReportJsonError(const std::string& code, const std::string& message) {
  std::cerr << Json{{"error", {{"code", code}, {"message", message}}}}.dump() << '\n';
}

int ReportUsageError(const CLI::App* command, const std::string& message) {
  if (json_errors) {
    ReportJsonError("usage", message);
    return kExitUsage;
  }
  std::cerr << "pgraph: error: " << TerminalLines(message) << '\n'
            << UsageLine(command) << '\n'
            << "Run 'pgraph help" << (command == nullptr ? "" : " " + command->get_name())
            << "' for more.\n";
  return kExitUsage;
}

// A completion script for `shell` (bash or zsh) offering the commands and
// each command's options, from the command table.
std::string CompletionScript(const CLI::App& app, const std::string& shell) {
  std::string commands;
  std::string cases;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (!commands.empty()) commands += ' ';
    commands += command->get_name();
    std::string options;
    for (const CLI::Option* option : command->get_options()) {
      for (const std::string& name : option->get_lnames()) options += " --" + name;
      for (const std::string& name : option->get_snames()) options += " -" + name;
    }
    cases += "    " + command->get_name() + ") opts=\"" + options.substr(options.empty() ? 0 : 1) +
             " --db --json --help\" ;;\n";
  }
  std::string script;
  if (shell == "zsh") script += "#compdef pgraph\nautoload -U bashcompinit && bashcompinit\n";
  script += "# pgraph completion for " + shell + ": eval \"$(pgraph completion " + shell +
            ")\"\n"
            "_pgraph() {\n"
            "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" command=\"\" opts i\n"
            "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
            "    case \"${COMP_WORDS[i]}\" in\n"
            "      --db) ((i++)) ;;\n"
            "      -*) ;;\n"
            "      *) command=\"${COMP_WORDS[i]}\"; break ;;\n"
            "    esac\n"
            "  done\n"
            "  if [[ -z \"$command\" ]]; then\n"
            "    COMPREPLY=($(compgen -W \"" +
            commands +
            " help --db --json --help --version\" -- \"$cur\"))\n"
            "    return\n"
            "  fi\n"
            "  case \"$command\" in\n" +
            cases + "    help) opts=\"" + commands +
            "\" ;;\n"
            "    *) opts=\"\" ;;\n"
            "  esac\n"
            "  if [[ \"$cur\" == -* || \"$command\" == help ]]; then\n"
            "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
            "  else\n"
            "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
            "  fi\n"
            "}\n"
            "complete -F _pgraph pgraph\n";
  return script;
}

int Run(int argc, char** argv) {
  CLI::App app{
      "pgraph: a graph database of organisations and their partnerships.\n"
      "Entities (organisations, countries, projects, ...) and typed, dated, sourced relations\n"
      "(MoUs, funding, co-leadership, membership, ...) in an embedded RocksDB store.",
      "pgraph"};
  app.set_version_flag("-V,--version", "pgraph 0.1.0");
  app.require_subcommand(1);
  // Global flags may come after the command's own arguments too.
  app.fallthrough();
  app.footer(
      "Entities may be named by id, name or alias, in English or Chinese, any case:\n"
      "  pgraph show ILO    pgraph show 国际劳工组织    pgraph path china cambodia\n"
      "The database is --db PATH, else $PGRAPH_DB, else ~/.local/share/partnergraph/default.db,\n"
      "created from the bundled dataset on first use.\n"
      "pgraph help COMMAND: a command's options. pgraph completion bash|zsh: shell completion.\n"
      "Exit status: 0 success, 1 failure (bad input, not found, ambiguous, I/O, corrupt,\n"
      "busy), 2 usage error (an unknown option, a missing argument, a bad option value).");

  GlobalOptions global;
  app.add_option("--db", global.db, "database folder (default: $PGRAPH_DB or the user's one)")
      ->envname("PGRAPH_DB");
  app.add_flag("--json", global.json, "machine-readable JSON output");
  bool no_pager = false;
  app.add_flag("--no-pager", no_pager,
               "never page long output (on a terminal it goes through $PGRAPH_PAGER, else "
               "$PAGER, else less -FRX)");
  bool ascii = false;
  app.add_flag("--ascii", ascii,
               "draw tables and paths with ASCII only (-> <- | - ...), for terminals that draw "
               "ambiguous-width glyphs double wide");

  const std::vector<CommandSpec>& table = Commands();
  std::vector<std::pair<CLI::App*, Runner>> commands;
  for (const CommandSpec& spec : table) {
    CLI::App* command = app.add_subcommand(spec.name, spec.summary);
    if (*spec.alias != '\0') command->alias(spec.alias);
    commands.emplace_back(command, spec.declare(command));
  }
  // Every --types and --kinds lists the values the bundled schema gives (a
  // database made with init --schema may add to them).
  if (Result<Schema> schema = Schema::LoadFile(BundledDataDir() + "/schema.json")) {
    auto joined = [](const std::vector<std::string>& names) {
      std::string text;
      for (const std::string& name : names) {
        text += text.empty() ? "" : ", ";
        text += name;
      }
      return text;
    };
    const std::string types = joined(schema->TypeNames());
    const std::string kinds = joined(schema->KindNames());
    for (CLI::App* command : app.get_subcommands({})) {
      for (CLI::Option* option : command->get_options()) {
        if (option->check_lname("types")) {
          option->description(option->get_description() + "; any case, of: " + types);
        } else if (option->check_lname("kinds")) {
          option->description(option->get_description() + "; any case, of: " + kinds);
        }
      }
    }
  }

  // --format on every query command: table (default), csv, tsv, json (as
  // --json) or jsonl (a list one element a line; any other document on one line).
  std::string output_format;
  for (const char* name :
       {"find", "show", "path", "neighbours", "funds", "central", "stats", "diff", "sources"}) {
    app.get_subcommand(name)
        ->add_option("--format", output_format,
                     "table (default), csv, tsv, json (as --json) or jsonl")
        ->check(CLI::IsMember({"table", "csv", "tsv", "json", "jsonl"}));
  }
  std::string shell;
  CLI::App* completion =
      app.add_subcommand("completion", "print a shell completion script: bash or zsh");
  completion->add_option("shell", shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));

  for (int i = 1; i < argc; ++i) json_errors = json_errors || std::string_view(argv[i]) == "--json";

  // `pgraph help [COMMAND]` is `pgraph [COMMAND] --help`, as git's is. The
  // first word that is not a global option (nor --db's value) decides.
  size_t first = 1;
  while (first < static_cast<size_t>(argc) && argv[first][0] == '-') {
    first += std::string_view(argv[first]) == "--db" ? 2 : 1;
  }
  if (first < static_cast<size_t>(argc) && std::string_view(argv[first]) == "help") {
    if (first + 1 < static_cast<size_t>(argc)) {
      const std::string name = argv[first + 1];
      for (const CLI::App* command : app.get_subcommands({})) {
        if (command->check_name(name)) {
          std::cout << command->help("pgraph");
          return 0;
        }
      }
      std::vector<std::string> names;
      for (const CLI::App* command : app.get_subcommands({})) {
        names.push_back(command->get_name());
      }
      return ReportUsageError(
          nullptr, "unknown command \"" + PrintableText(name) + "\"" + DidYouMean(name, names));
    }
    std::cout << app.help();
    return 0;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 says only "A subcommand is required" when the command is a typo.
    if (std::optional<std::string> unknown = UnknownCommand(table, argc, argv)) {
      if (unknown->find("\"completion\"") == std::string::npos) {
        return ReportUsageError(nullptr, *unknown);
      }
    }
    return ReportUsageError(ChosenCommand(app), PlainParseMessage(e.what()));
  }
  if (completion->parsed()) {
    std::cout << CompletionScript(app, shell);
    return 0;
  }

  if (output_format == "json" || output_format == "jsonl") global.json = true;
  global.jsonl = output_format == "jsonl";
  if (output_format == "csv") SetTableFormat(TableFormat::kCsv);
  if (output_format == "tsv") SetTableFormat(TableFormat::kTsv);
  json_errors = json_errors || global.json;

  // Answers that may be long go through a pager on a terminal, as git's do
  // (terminal.h); central keeps its progress bar on the terminal instead.
  if (const CLI::App* command = ChosenCommand(app); command != nullptr && !no_pager) {
    for (const char* name :
         {"find", "show", "path", "neighbours", "funds", "stats", "query", "sources", "diff"}) {
      if (command->get_name() == name) StartPager();
    }
  }

  Status status;
  const CLI::App* chosen = nullptr;
  for (const auto& [command, runner] : commands) {
    if (!command->parsed()) continue;
    chosen = command;
    if (ascii && !global.json) {
      // Tables swap their glyphs before measuring (SetAsciiOnly); the rest
      // of the text is swapped here.
      SetAsciiOnly(true);
      std::ostringstream text;
      status = runner(global, text);
      std::cout << AsciiGlyphs(text.str());
      continue;
    }
    if (output_format != "jsonl") {
      status = runner(global, std::cout);
      continue;
    }
    std::ostringstream document;
    status = runner(global, document);
    if (status.ok()) {
      const Json parsed = Json::parse(document.str(), nullptr, false);
      if (parsed.is_array()) {
        for (const Json& element : parsed) std::cout << element.dump() << '\n';
      } else if (!parsed.is_discarded()) {
        std::cout << parsed.dump() << '\n';
      }
    }
  }
  std::cout.flush();
  if (std::optional<std::string> usage = UsageMessage(status)) {
    return ReportUsageError(chosen, *usage);
  }
  if (!status.ok() && json_errors) {
    // "not found" as not_found, "I/O error" as io_error (docs/json/error.schema.json).
    std::string code;
    for (char c : std::string(StatusCodeName(status.code()))) {
      if (c == ' ') {
        code += '_';
      } else if (c != '/') {
        code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    ReportJsonError(code, status.message());
    return kExitFailure;
  }
  if (!status.ok()) {
    // Line by line: a message may list several errors, but what it quotes
    // (a file name, a query) must not reach the terminal raw.
    std::cerr << "pgraph: " << TerminalLines(status.message()) << '\n';
    return kExitFailure;
  }
  if (!std::cout) {
    std::cerr << "pgraph: cannot write the output\n";
    return kExitFailure;
  }
  return 0;
}

}  // namespace
}  // namespace partnergraph::cli

int main(int argc, char** argv) {
  // Our code returns errors as values; this catch is the last resort for a
  // library exception nobody translated (e.g. std::bad_alloc).
  try {
    return partnergraph::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "pgraph: internal error: " << e.what() << '\n';
    return 1;
  }
}
