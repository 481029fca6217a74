// pgraph: the command line. Parses arguments with CLI11 (only here), runs one
// command, and maps the outcome to an exit code: 0 success, 1 a failure the
// command reports, 2 a usage error.
#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/options.h"

namespace partnergraph::cli {
namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// The first word of the command line, if it names no command: "unknown
// command "shwo" (did you mean "show"?)"; nullopt when it is a command or
// there is none. Skips the global options and the value of --db.
std::optional<std::string> UnknownCommand(CLI::App& app, int argc, char** argv) {
  std::vector<std::string> commands;
  for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    commands.push_back(command->get_name());
  }
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--db") {
      ++i;
      continue;
    }
    if (word.empty() || word.front() == '-') continue;
    if (std::find(commands.begin(), commands.end(), word) != commands.end()) return std::nullopt;
    std::string message = "unknown command \"" + PrintableText(word) + "\"";
    if (std::optional<std::string> close = ClosestMatch(word, commands)) {
      message += " (did you mean \"" + *close + "\"?)";
    }
    return message;
  }
  return std::nullopt;
}

void AddFilterOptions(CLI::App* command, FilterOptions& filter) {
  command->add_option("--types", filter.types,
                      "only these relation types, comma-separated (e.g. mou,funds)");
  command->add_option("--as-of", filter.as_of,
                      "only relations in force at DATE (YYYY, YYYY-MM or YYYY-MM-DD): "
                      "begun by its end and not ended before its start");
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
  command->add_option("--style", view.style, "style file (default viz/default.json)");
  command->add_option("--lang", view.lang, "label language: en, zh or both (default en)")
      ->check(CLI::IsMember({"en", "zh", "both"}));
  command->add_option("--clusters", view.clusters, "group nodes: none, kind or country")
      ->check(CLI::IsMember({"none", "kind", "country"}));
  command->add_flag("--no-legend", view.no_legend, "leave out the legend");
  command->add_option(
      "--layout", view.layout,
      "Graphviz layout engine: dot, neato, fdp, sfdp, circo, twopi "
      "(default: sfdp for the whole network, twopi around an entity, dot otherwise)");
}

int Run(int argc, char** argv) {
  CLI::App app{
      "pgraph: a graph database of organisations and their partnerships.\n"
      "Entities (organisations, countries, projects, ...) and typed, dated, sourced relations\n"
      "(MoUs, funding, co-leadership, membership, ...) in an embedded RocksDB store.",
      "pgraph"};
  app.set_version_flag("--version", "pgraph 0.1.0");
  app.require_subcommand(1);
  // Global flags may come after the command's own arguments too.
  app.fallthrough();
  app.footer(
      "Entities may be named by id, name or alias, in English or Chinese, any case:\n"
      "  pgraph show ILO    pgraph show 国际劳工组织    pgraph path china cambodia\n"
      "The database is --db PATH, else $PGRAPH_DB, else ~/.local/share/partnergraph/default.db,\n"
      "created from the bundled dataset on first use.\n"
      "Exit status: 0 success, 1 failure (bad input, not found, ambiguous, I/O, corrupt,\n"
      "busy), 2 usage error.");

  GlobalOptions global;
  app.add_option("--db", global.db, "database folder (default: $PGRAPH_DB or the user's one)")
      ->envname("PGRAPH_DB");
  app.add_flag("--json", global.json, "machine-readable JSON output");

  InitOptions init;
  CLI::App* init_cmd = app.add_subcommand(
      "init", "create the database, loaded with the bundled dataset unless --empty");
  init_cmd->add_flag("--empty", init.empty, "create it with no data (the schema only)");
  init_cmd->add_flag("--force", init.force, "replace an existing database");

  ImportCommandOptions import;
  CLI::App* import_cmd = app.add_subcommand(
      "import",
      "validate files and add them in one atomic write: all or nothing.\n"
      "A record equal to a stored one is skipped; one with the same id but different content is\n"
      "an error unless --replace, which replaces the stored record whole.");
  import_cmd->add_option("files", import.files, "JSON (.json), JSON Lines (.jsonl) or CSV files")
      ->required()
      ->check(CLI::ExistingFile);
  import_cmd->add_option("--format", import.format, "auto (by extension), json, jsonl or csv");
  import_cmd->add_flag("--replace", import.replace,
                       "let records replace stored ones with the same id");
  import_cmd->add_flag("--dry-run", import.dry_run, "validate only; write nothing");
  import_cmd->add_option("--max-errors", import.max_errors, "list at most N errors (default 100)")
      ->check(CLI::PositiveNumber);

  ExportOptions export_options;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "write the whole database: json (default), jsonl, csv (a folder) or graphml");
  export_cmd->add_option("--format", export_options.format, "json, jsonl, csv or graphml")
      ->check(CLI::IsMember({"json", "jsonl", "ndjson", "csv", "graphml"}));
  export_cmd->add_option("-o,--output", export_options.output,
                         "output file (folder for csv); default stdout");

  FindOptions find;
  CLI::App* find_cmd = app.add_subcommand(
      "find", "entities whose id, name (English or Chinese) or alias matches TEXT, best first");
  find_cmd->add_option("text", find.text, "what to look for")->required();
  find_cmd->add_option("--limit", find.limit, "at most N results (default 20, 0 for all)");

  ShowOptions show;
  CLI::App* show_cmd = app.add_subcommand(
      "show", "one entity: names, aliases, and every relation in and out with its source");
  show_cmd->add_option("entity", show.entity, "id, name or alias")->required();

  PathCommandOptions path;
  CLI::App* path_cmd = app.add_subcommand(
      "path", "shortest path(s) between two entities, each hop with its relation and source");
  path_cmd->add_option("from", path.from, "start entity")->required();
  path_cmd->add_option("to", path.to, "end entity")->required();
  path_cmd->add_option("--max-hops", path.max_hops, "give up beyond N hops")
      ->check(CLI::NonNegativeNumber);
  path_cmd->add_flag("--directed", path.directed,
                     "follow relations from -> to only (symmetric types like mou both ways)");
  path_cmd->add_flag("--all", path.all, "every shortest path, not just one");
  path_cmd->add_option("--max-paths", path.max_paths, "with --all, at most N paths (default 100)")
      ->check(CLI::PositiveNumber);
  AddFilterOptions(path_cmd, path.filter);

  NeighboursOptions neighbours;
  CLI::App* neighbours_cmd = app.add_subcommand(
      "neighbours", "the entities within --depth hops of ENTITY and the relations among them");
  neighbours_cmd->alias("neighbors");
  neighbours_cmd->add_option("entity", neighbours.entity, "id, name or alias")->required();
  neighbours_cmd->add_option("--depth", neighbours.depth, "hops (default 1)")
      ->check(CLI::NonNegativeNumber);
  neighbours_cmd->add_flag("--directed", neighbours.directed, "follow relations from -> to only");
  AddFilterOptions(neighbours_cmd, neighbours.filter);

  FundsCommandOptions funds;
  CLI::App* funds_cmd = app.add_subcommand(
      "funds",
      "who funds what: each flow with amount, period and source, then totals per funder and\n"
      "currency (never mixing currencies)");
  funds_cmd->add_option("--funder", funds.funder, "only this funder's flows");
  funds_cmd->add_option("--recipient", funds.recipient, "only flows to this recipient");
  funds_cmd->add_option("--as-of", funds.as_of, "only flows in force at DATE");
  funds_cmd->add_flag("--through", funds.through,
                      "follow each funded project on to its implementers and beneficiaries");

  CentralOptions central;
  CLI::App* central_cmd = app.add_subcommand(
      "central", "brokers of the network: betweenness centrality and degree, top N");
  central_cmd->add_option("--top", central.top, "how many (default 10, 0 for all)");
  AddFilterOptions(central_cmd, central.filter);

  ViewOptions dot;
  CLI::App* dot_cmd = app.add_subcommand(
      "dot",
      "Graphviz DOT of a view on stdout: the whole network (default), --around E, --path A B\n"
      "or --funding; styled by a file in viz/");
  AddViewOptions(dot_cmd, dot);

  ViewOptions render;
  CLI::App* render_cmd = app.add_subcommand(
      "render", "render a view (as for dot) to an SVG, PNG or PDF file, in-process with Graphviz");
  AddViewOptions(render_cmd, render);
  render_cmd->add_option("-o,--output", render.output, "FILE.svg, FILE.png or FILE.pdf")
      ->required();

  GalleryOptions gallery;
  CLI::App* gallery_cmd = app.add_subcommand(
      "gallery",
      "draw the standard pictures of the database (network, ILO ego network, China's funding,\n"
      "2019 MoUs, UN system) as DOT, SVG and PNG into a folder (default viz/gallery)");
  gallery_cmd->add_option("directory", gallery.directory, "output folder");
  gallery_cmd->add_flag("!--no-png", gallery.images, "write DOT and SVG only");

  CLI::App* stats_cmd =
      app.add_subcommand("stats", "counts by kind and type, unsourced relations, size on disk");

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
    if (std::optional<std::string> unknown = UnknownCommand(app, argc, argv)) {
      std::cerr << "pgraph: " << *unknown << "\nRun with --help for the commands.\n";
      return kExitUsage;
    }
    // CLI11 uses exit codes of 100 and more; ours for usage errors is 2.
    app.exit(e);
    return kExitUsage;
  }

  Status status;
  if (init_cmd->parsed()) {
    status = RunInit(global, init, std::cout);
  } else if (import_cmd->parsed()) {
    status = RunImport(global, import, std::cout);
  } else if (export_cmd->parsed()) {
    status = RunExport(global, export_options, std::cout);
  } else if (find_cmd->parsed()) {
    status = RunFind(global, find, std::cout);
  } else if (show_cmd->parsed()) {
    status = RunShow(global, show, std::cout);
  } else if (path_cmd->parsed()) {
    status = RunPath(global, path, std::cout);
  } else if (neighbours_cmd->parsed()) {
    status = RunNeighbours(global, neighbours, std::cout);
  } else if (funds_cmd->parsed()) {
    status = RunFunds(global, funds, std::cout);
  } else if (central_cmd->parsed()) {
    status = RunCentral(global, central, std::cout);
  } else if (dot_cmd->parsed()) {
    status = RunDot(global, dot, std::cout);
  } else if (render_cmd->parsed()) {
    status = RunRender(global, render, std::cout);
  } else if (gallery_cmd->parsed()) {
    status = RunGallery(global, gallery, std::cout);
  } else if (stats_cmd->parsed()) {
    status = RunStats(global, std::cout);
  }
  std::cout.flush();
  if (!status.ok()) {
    std::cerr << "pgraph: " << status.message() << '\n';
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
