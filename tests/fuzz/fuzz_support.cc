#include "fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "partnergraph/schema.h"

#include "io/readers.h"
#include "model/record_json.h"

namespace partnergraph::fuzz {
namespace {

namespace fs = std::filesystem;

// The process's scratch folder, removed with everything in it at exit.
class ScratchFolder {
 public:
  ScratchFolder()
      : path_(fs::temp_directory_path() / ("pgraph-fuzz-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchFolder() {
    store_.reset();  // closed already by CloseSharedStore; files go now
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const fs::path& path() const { return path_; }
  std::unique_ptr<Store>& store() { return store_; }

 private:
  fs::path path_;
  std::unique_ptr<Store> store_;
};

ScratchFolder& Scratch() {
  static ScratchFolder folder;
  return folder;
}

// Registered once the store is open, so it runs before the destructors of
// RocksDB's own statics (its Env, created by the first open): closing the
// store after those aborts ("pthread lock: Invalid argument").
void CloseSharedStore() { Scratch().store().reset(); }

Entity MakeEntity(std::string id, std::string kind, std::string en, std::string zh,
                  std::vector<std::string> aliases) {
  Entity entity;
  entity.id = std::move(id);
  entity.kind = std::move(kind);
  entity.name.en = std::move(en);
  entity.name.zh = std::move(zh);
  entity.aliases = std::move(aliases);
  return entity;
}

Relation MakeRelation(std::string id, std::string type, std::string from, std::string to) {
  Relation relation;
  relation.id = std::move(id);
  relation.type = std::move(type);
  relation.from = std::move(from);
  relation.to = std::move(to);
  relation.source = Citation{"fuzz.txt", "a quote"};
  return relation;
}

template <typename Record, typename ToJson, typename FromJson>
void CheckRoundTrip(const Record& record, ToJson to_json, FromJson from_json, const char* what) {
  const std::string text = to_json(record).dump();
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  PG_FUZZ_CHECK(!parsed.is_discarded(), std::string(what) + " encodes to invalid JSON: " + text);
  std::vector<FieldError> errors;
  const Record again = from_json(parsed, errors, {});
  PG_FUZZ_CHECK(errors.empty(), std::string(what) + " does not decode again: " +
                                    (errors.empty() ? "" : errors.front().message) + " in " + text);
  PG_FUZZ_CHECK(again == record, std::string(what) + " decodes to something else: " + text);
}

}  // namespace

void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

Store& SharedStore() {
  ScratchFolder& scratch = Scratch();
  if (scratch.store()) return *scratch.store();
  Result<Schema> schema = Schema::LoadFile(std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json");
  PG_FUZZ_CHECK(schema.has_value(), "cannot load the schema: " + schema.error().message());
  Result<std::unique_ptr<Store>> store =
      Store::Create((scratch.path() / "store").string(), *schema);
  PG_FUZZ_CHECK(store.has_value(), "cannot create the store: " + store.error().message());
  Dataset dataset;
  SourceLocation here{"fuzz_support.cc", 1, 1, -1};
  dataset.sources.push_back({SourceDocument{"fuzz.txt", "Fuzz", "en", ""}, here});
  for (Entity entity : {
           MakeEntity("ilo", "un_entity", "International Labour Organization", "国际劳工组织",
                      {"ILO", "劳工组织", "OIT"}),
           MakeEntity("cn-mohrss", "ministry", "Ministry of Human Resources and Social Security",
                      "人力资源和社会保障部", {"MOHRSS", "人社部"}),
           MakeEntity("china", "country", "China", "中国", {"PRC"}),
           MakeEntity("acme-a", "institution", "Acme Institute", "", {"ACME"}),
           MakeEntity("acme-b", "institution", "Acme Foundation", "", {"ACME", "Ａｃｍｅ"}),
           MakeEntity("proj-x", "project", "Project X", "项目X", {}),
       }) {
    dataset.entities.push_back({std::move(entity), here});
  }
  dataset.relations.push_back({MakeRelation("r-1", "mou", "ilo", "cn-mohrss"), here});
  dataset.relations.push_back({MakeRelation("r-2", "funds", "china", "proj-x"), here});
  dataset.relations.push_back({MakeRelation("r-3", "implements", "ilo", "proj-x"), here});
  Result<ApplyReport> applied = (*store)->Apply(dataset);
  PG_FUZZ_CHECK(applied.has_value(), "cannot fill the store: " + applied.error().message());
  scratch.store() = std::move(*store);
  std::atexit(CloseSharedStore);
  return *scratch.store();
}

void FuzzReader(const uint8_t* data, size_t size, InputFormat format, std::string_view extension) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string path = (Scratch().path() / ("input." + std::string(extension))).string();

  // The reader alone, on the text: what it accepts must survive export.
  Dataset dataset;
  ValidationErrors errors;
  switch (format) {
    case InputFormat::kJson:
      io::ReadJsonDocument(path, text, dataset, errors);
      break;
    case InputFormat::kJsonLines:
      io::ReadJsonLines(path, text, dataset, errors);
      break;
    default:
      io::ReadCsv(path, text, dataset, errors);
      break;
  }
  for (const Problem& problem : errors.problems) {
    PG_FUZZ_CHECK(!problem.message.empty(), "a problem without a message");
    PG_FUZZ_CHECK(problem.where.file == path, "a problem in another file: " + problem.ToString());
  }
  PG_FUZZ_CHECK(errors.total >= errors.problems.size(), "more problems listed than counted");
  // Records that failed to decode are kept for validation only (their
  // errors refuse the import), so only the others must survive export.
  bool any_failed = false;
  auto decoded_whole = [&any_failed](const auto& located) {
    any_failed = any_failed || located.decoding_failed;
    return !located.decoding_failed;
  };
  for (const auto& located : dataset.sources) {
    if (!decoded_whole(located)) continue;
    CheckRoundTrip(located.record, SourceToJson, SourceFromJson, "a source");
  }
  for (const auto& located : dataset.entities) {
    if (!decoded_whole(located)) continue;
    CheckRoundTrip(located.record, EntityToJson, EntityFromJson, "an entity");
    PG_FUZZ_CHECK(
        EntityJsonText(located.record) == EntityToJson(located.record).dump(),
        "the entity's stored text differs from its JSON: " + EntityToJson(located.record).dump());
  }
  for (const auto& located : dataset.relations) {
    if (!decoded_whole(located)) continue;
    CheckRoundTrip(located.record, RelationToJson, RelationFromJson, "a relation");
    PG_FUZZ_CHECK(RelationJsonText(located.record) == RelationToJson(located.record).dump(),
                  "the relation's stored text differs from its JSON: " +
                      RelationToJson(located.record).dump());
  }

  PG_FUZZ_CHECK(!any_failed || errors.total > 0, "a record failed to decode without a problem");

  // The whole import from a file, validated against a store, as a dry run.
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  ImportOptions options;
  options.format = format;
  options.dry_run = true;
  options.max_errors = 20;
  Result<ApplyReport> report = ImportFiles(SharedStore(), {path}, options);
  if (!report) {
    const Status& error = report.error();
    PG_FUZZ_CHECK(error.code() == StatusCode::kInvalidArgument,
                  "import failed with something other than bad input: " + error.ToString());
    PG_FUZZ_CHECK(!error.message().empty(), "an import error without a message");
  }
}

}  // namespace partnergraph::fuzz
