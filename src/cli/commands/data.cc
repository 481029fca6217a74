// init, import, export, stats: getting data in and out.
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "partnergraph/exporter.h"
#include "partnergraph/importer.h"

#include "cli/commands/commands.h"
#include "cli/database.h"
#include "cli/progress_bar.h"
#include "cli/table.h"

namespace partnergraph::cli {
namespace {

using Json = nlohmann::ordered_json;

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
  } else if (bytes < 1024 * 1024) {
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
  Result<ApplyReport> report = CreateDatabase(path, options.empty, options.force);
  if (!report) return report.error();
  if (global.json) {
    PrintReport(*report, true, out);
  } else {
    out << "Created " << (options.empty ? "an empty database" : "the database") << " at " << path;
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
  } else if (options.format != "auto") {
    return Status::InvalidArgument("unknown import format \"" + options.format +
                                   "\" (use auto, json, jsonl or csv)");
  }
  Result<std::unique_ptr<Store>> store = OpenForWrite(global);
  if (!store) return store.error();
  // On a terminal only: scripts and tests read stderr for errors alone.
  ProgressBar bar;
  if (bar.enabled()) {
    import_options.progress = [&bar](std::string_view phase, uint64_t done, uint64_t total,
                                     std::string_view unit) {
      bar.Update(phase, done, total, unit);
    };
  }
  Result<ApplyReport> report = ImportFiles(**store, options.files, import_options);
  if (!report) return report.error();
  PrintReport(*report, global.json, out);
  if (options.dry_run && !global.json) out << "Valid; nothing written (--dry-run).\n";
  return Status::Ok();
}

Status RunExport(const GlobalOptions& global, const ExportOptions& options, std::ostream& out) {
  Result<ExportFormat> format = ParseExportFormat(options.format);
  if (!format) return format.error();
  Result<std::unique_ptr<Store>> store = OpenForQuery(global);
  if (!store) return store.error();
  if (*format == ExportFormat::kCsv) {
    if (options.output.empty() || options.output == "-") {
      return Status::InvalidArgument(
          "CSV export writes nodes.csv, edges.csv and sources.csv: give -o DIRECTORY");
    }
    return ExportCsv(**store, options.output);
  }
  if (options.output.empty() || options.output == "-") return ExportTo(**store, *format, out);
  // Write beside the target and rename, so a failed export never leaves a
  // truncated file where a good one was.
  const std::string staging = options.output + ".partial";
  Status s;
  {
    std::ofstream file(staging, std::ios::binary | std::ios::trunc);
    if (!file) return Status::IOError("cannot write " + staging);
    s = ExportTo(**store, *format, file).WithContext(options.output);
    file.close();
    if (s.ok() && !file) s = Status::IOError("cannot write " + staging);
  }
  if (s.ok() && std::rename(staging.c_str(), options.output.c_str()) != 0) {
    s = Status::IOError("cannot move " + staging + " to " + options.output);
  }
  if (!s.ok()) std::remove(staging.c_str());  // a partial export is no export
  return s;
}

Status RunStats(const GlobalOptions& global, std::ostream& out) {
  Result<std::unique_ptr<Store>> store = OpenForQuery(global);
  if (!store) return store.error();
  Result<StoreStats> stats = (*store)->Stats();
  if (!stats) return stats.error();
  if (global.json) {
    Json doc;
    doc["entities"] = stats->entities;
    doc["relations"] = stats->relations;
    doc["sources"] = stats->sources;
    doc["by_kind"] = stats->by_kind;
    doc["by_type"] = stats->by_type;
    doc["unsourced"] = stats->unsourced;
    doc["size_bytes"] = stats->size_bytes;
    doc["format_version"] = stats->format_version;
    doc["path"] = (*store)->path();
    out << doc.dump(2) << '\n';
    return Status::Ok();
  }
  out << "Database " << (*store)->path() << " (format " << stats->format_version << ", "
      << HumanBytes(stats->size_bytes) << ")\n"
      << Plural(stats->entities, "entity") << ", " << Plural(stats->relations, "relation") << ", "
      << Plural(stats->sources, "source document") << "; " << Plural(stats->unsourced, "relation")
      << " without a source\n\n";
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
