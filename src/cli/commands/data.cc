// init, import, export, stats: getting data in and out.
#include <iomanip>
#include <sstream>

#include "partnergraph/database.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/progress_bar.h"
#include "cli/requests.h"
#include "cli/stdin_input.h"
#include "cli/table.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

std::string Plural(uint64_t n, std::string word) {
  if (n != 1) word = word.back() == 'y' ? word.substr(0, word.size() - 1) + "ies" : word + "s";
  return std::to_string(n) + " " + word;
}

void PrintReport(const ApplyReport& report, bool json, std::ostream& out) {
  if (json) {
    Json doc;
    for (const auto& [name, counts] :
         {std::pair{"sources", report.sources}, std::pair{"entities", report.entities},
          std::pair{"relations", report.relations}}) {
      doc[name] = {
          {"added", counts.added}, {"replaced", counts.replaced}, {"unchanged", counts.unchanged}};
    }
    out << doc.dump(2) << '\n';
    return;
  }
  Table table({"", "added", "replaced", "unchanged"});
  for (const auto& [name, counts] :
       {std::pair{"sources", report.sources}, std::pair{"entities", report.entities},
        std::pair{"relations", report.relations}}) {
    table.AddRow({name, std::to_string(counts.added), std::to_string(counts.replaced),
                  std::to_string(counts.unchanged)});
  }
  table.Print(out);
}

std::string HumanBytes(uint64_t bytes) {
  std::ostringstream text;
  if (bytes < 1024) {
    text << bytes << " B";
  } else if (bytes < uint64_t{1024} * 1024) {
    text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1024 << " KiB";
  } else {
    text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024 * 1024)
         << " MiB";
  }
  return text.str();
}

}  // namespace

Status RunInit(const GlobalOptions& global, const InitOptions& options, std::ostream& out) {
  const std::string path = DatabasePath(global);
  Result<ApplyReport> report = CreateDatabase(path, options.empty, options.force, options.schema);
  if (!report) return report.error();
  if (global.json) {
    PrintReport(*report, true, out);
  } else {
    out << "Created " << (options.empty ? "an empty database" : "the database") << " at "
        << TerminalText(path);
    if (!options.empty) {
      out << " with " << Plural(report->entities.added, "entity") << ", "
          << Plural(report->relations.added, "relation") << " and "
          << Plural(report->sources.added, "source document") << " from " << BundledDataDir();
    }
    out << ".\n";
  }
  return Status::Ok();
}

Status RunImport(const GlobalOptions& global, const ImportCommandOptions& options,
                 std::ostream& out) {
  ImportOptions import_options;
  import_options.replace = options.replace;
  import_options.max_errors = options.max_errors;
  import_options.dry_run = options.dry_run;
  if (options.format == "json") {
    import_options.format = InputFormat::kJson;
  } else if (options.format == "jsonl" || options.format == "ndjson") {
    import_options.format = InputFormat::kJsonLines;
  } else if (options.format == "csv") {
    import_options.format = InputFormat::kCsv;
  } else if (options.format == "iati") {
    import_options.format = InputFormat::kIati;
  } else if (options.format != "auto") {
    return Status::InvalidArgument("unknown import format \"" + options.format +
                                   "\" (use auto, json, jsonl, csv or iati)");
  }
  if (options.csv_map.empty() && (options.resolve_names || !options.source.empty())) {
    return UsageError(options.resolve_names ? "--resolve-names reads names of --map's From/To"
                                            : "--source names the document of --map's rows");
  }
  if (!options.csv_map.empty()) {
    Status map = CheckCsvMap(options.csv_map, !options.source.empty());
    if (!map.ok()) return UsageError(map.message());
    import_options.csv_map = options.csv_map;
    import_options.resolve_names = options.resolve_names;
    import_options.csv_source = options.source;
  }
  import_options.iati_organisations = options.iati_organisations.empty()
                                          ? BundledDataDir() + "/iati-organisations.tsv"
                                          : options.iati_organisations;
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadWrite);
  if (!db) return db.error();
  // On a terminal only: scripts and tests read stderr for errors alone.
  ProgressBar bar;
  if (bar.enabled()) {
    import_options.progress = [&bar](std::string_view phase, uint64_t done, uint64_t total,
                                     std::string_view unit) {
      bar.Update(phase, done, total, unit);
    };
  }
  StdinFile stdin_file;  // "-": standard input, as a file while it is read
  Result<std::vector<std::string>> files = WithStdin(options.files, options.format, stdin_file);
  if (!files) return files.error();
  Result<ApplyReport> report = (*db)->Import(*files, import_options);
  if (!report) return Status(report.error().code(), stdin_file.Rename(report.error().message()));
  PrintReport(*report, global.json, out);
  if (options.dry_run && !global.json) out << "Valid; nothing written (--dry-run).\n";
  return Status::Ok();
}

Status RunExport(const GlobalOptions& global, const ExportOptions& options, std::ostream& out) {
  Result<ExportFormat> format = ParseExportFormat(options.format);
  if (!format) return format.error();
  const bool to_stdout = options.output.empty() || options.output == "-";
  if (to_stdout && FindExportFormat(*format).folder) {
    return Status::InvalidArgument(*format == ExportFormat::kCsv
                                       ? "CSV export writes nodes.csv, edges.csv and sources.csv: "
                                         "give -o DIRECTORY"
                                       : std::string(FindExportFormat(*format).name) +
                                             " export writes a folder of files: give -o DIRECTORY");
  }
  const ViewOptions& view = options.view;
  const bool whole = view.around.empty() && view.path.empty() && !view.funding &&
                     view.funder.empty() && view.filter.types.empty() &&
                     view.filter.as_of.empty() && view.kinds.empty();
  Result<ViewRequest> request = ParseViewRequest(view);
  if (!request) return request.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (whole) {
    if (to_stdout) return (*db)->Export(*format, out);
    return (*db)->ExportToPath(*format, options.output);
  }
  if (to_stdout) return (*db)->ExportView(*request, *format, out);
  return (*db)->ExportViewToPath(*request, *format, options.output);
}

Status RunStats(const GlobalOptions& global, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<DatabaseStats> database_stats = (*db)->Stats();
  if (!database_stats) return database_stats.error();
  const StoreStats* stats = &database_stats->store;
  if (global.json) {
    Json doc;
    doc["entities"] = stats->entities;
    doc["relations"] = stats->relations;
    doc["sources"] = stats->sources;
    doc["by_kind"] = stats->by_kind;
    doc["by_type"] = stats->by_type;
    doc["unsourced"] = stats->unsourced;
    doc["components"] = database_stats->components;
    doc["largest_component"] = database_stats->largest_component;
    doc["isolated_entities"] = database_stats->isolated_entities;
    doc["size_bytes"] = stats->size_bytes;
    doc["format_version"] = stats->format_version;
    doc["path"] = database_stats->path;
    PrintJson(doc, out);
    return Status::Ok();
  }
  out << "Database " << TerminalText(database_stats->path) << " (format " << stats->format_version
      << ", " << HumanBytes(stats->size_bytes) << ")\n"
      << Plural(stats->entities, "entity") << ", " << Plural(stats->relations, "relation") << ", "
      << Plural(stats->sources, "source document") << "; " << Plural(stats->unsourced, "relation")
      << " without a source\n"
      << Plural(database_stats->components, "connected component") << " (the largest of "
      << Plural(database_stats->largest_component, "entity") << "; "
      << Plural(database_stats->isolated_entities, "entity") << " without relations)\n\n";
  Table kinds({"kind", "entities"});
  for (const auto& [kind, count] : stats->by_kind) kinds.AddRow({kind, std::to_string(count)});
  kinds.Print(out);
  out << '\n';
  Table types({"type", "relations"});
  for (const auto& [type, count] : stats->by_type) types.AddRow({type, std::to_string(count)});
  types.Print(out);
  return Status::Ok();
}

}  // namespace partnergraph::cli
