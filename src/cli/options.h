// What the command line parsed, handed to the commands. Plain structs so that
// only main.cc includes CLI11.
#ifndef PARTNERGRAPH_CLI_OPTIONS_H_
#define PARTNERGRAPH_CLI_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace partnergraph::cli {

struct GlobalOptions {
  std::string db;      // --db; empty: PGRAPH_DB, else the default database
  bool json = false;   // --json
  bool jsonl = false;  // --format jsonl (json is set too)
};

struct InitOptions {
  bool empty = false;
  bool force = false;
  std::string schema;  // the vocabulary file; "" = the bundled data/schema.json
};

struct QueryOptions {
  std::string text;                 // the query; "-" reads stdin
  std::string file;                 // -f FILE ("-" for stdin)
  std::vector<std::string> params;  // NAME=VALUE
  std::string as_of;
  std::string dates = "evidence";  // evidence, strict or any
  std::string format = "table";    // table, json, jsonl, csv, tsv
  int64_t timeout_ms = 0;
  size_t max_rows = 10'000'000;
};

struct ImportCommandOptions {
  std::vector<std::string> files;
  std::string format = "auto";
  bool replace = false;
  bool dry_run = false;
  size_t max_errors = 100;
  std::string iati_organisations;  // IATI ref -> entity map; "" = data/iati-organisations.tsv
  std::string csv_map;             // --map COLUMN=field,...: CSV edge lists of other tools
  bool resolve_names = false;      // --resolve-names: from/to cells are names
  std::string source;              // --source DOC: the document of rows that name none
};

struct FindOptions {
  std::string text;
  size_t limit = 20;
};

struct FilterOptions {
  std::string types;               // comma-separated relation types
  std::string as_of;               // date
  std::string dates = "evidence";  // how undated relations count: evidence, strict or any
};

struct ShowOptions {
  std::string entity;
  FilterOptions filter;                    // only these relations
  std::vector<std::string> began_between;  // A B: only relations begun then; empty: any
  std::string kinds;                       // only relations whose other end is of these kinds
  bool long_format = false;  // --long: attributes and whole quotes under each relation
};

struct PathCommandOptions {
  std::string from;
  std::string to;
  bool long_format = false;
  std::optional<int> max_hops;  // none: no limit
  bool directed = false;
  bool all = false;
  size_t max_paths = 100;
  FilterOptions filter;
};

struct NeighboursOptions {
  std::string entity;
  int depth = 1;
  bool directed = false;
  FilterOptions filter;
  std::vector<std::string> began_between;  // A B: only relations begun then; empty: any
  std::string kinds;                       // only entities of these kinds (the start always stays)
  bool long_format = false;
};

struct FundsCommandOptions {
  std::string funder;
  std::string recipient;
  std::string beneficiary;  // funding reaching it directly or through projects benefiting it
  bool long_format = false;
  std::string as_of;
  std::string dates = "evidence";
  std::vector<std::string> began_between;  // A B: only flows begun then; empty: any
  bool through = false;
};

struct CentralOptions {
  size_t top = 10;
  size_t sample = 0;  // pivots for an estimate; 0: exact
  FilterOptions filter;
};

struct ViewOptions {
  std::string around;
  int depth = 1;
  std::vector<std::string> path;  // two entities
  bool funding = false;
  std::string funder;
  FilterOptions filter;
  std::string kinds;  // entity kinds to keep, comma-separated
  std::string title;  // picture title; "" = one describing the view
  std::string style;  // style file; "" = viz/default.json
  std::string lang = "en";
  std::string clusters = "none";
  bool no_legend = false;
  // Node size: none, degree or betweenness.
  std::string size_by = "none";
  std::string layout;             // Graphviz engine; "" = dot (sfdp for the whole network)
  size_t max_nodes = 2000;        // refuse a larger view; 0: no cap
  std::string output;             // render: FILE.svg|png|pdf, or "-" for stdout
  std::string image_format;       // render: svg, png or pdf; "" = by the extension of `output`
  std::vector<std::string> diff;  // A B: the change between two dates as an overlay
};

struct DiffOptions {
  std::vector<std::string> dates;  // A B
  std::string around;
  int depth = 1;
  std::string types;  // comma-separated relation types
  std::string kinds;  // comma-separated entity kinds
};

struct ExportOptions {
  std::string format = "json";
  std::string output;  // "" or "-": stdout
  ViewOptions view;    // a view, as dot takes it; none given: the whole database
};

struct ServeCommandOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8470;  // 0: any free port
  bool open = false;     // start the desktop's browser
  int64_t header_timeout_ms = 10000;
};

struct GalleryOptions {
  std::string directory;  // "" = viz/gallery
  bool images = true;     // PNG beside the SVG
};

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_OPTIONS_H_
