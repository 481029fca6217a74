// Corruption: a store whose files are damaged (a table file truncated or with
// flipped bytes, the MANIFEST or CURRENT missing, a flipped byte in the
// write-ahead log) never crashes pgraph and never gives a wrong answer: each
// command either answers exactly as on the intact store or fails (exit 1)
// saying the database is damaged and how to recover.
#include <filesystem>
#include <fstream>
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "partnergraph/store.h"

#include "integration/child_process.h"
#include "integration/pgraph_runner.h"
#include "integration/synthetic_data.h"

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// What every damaged-store message says, and the recoveries it suggests.
constexpr const char* kDamaged = "is damaged";
constexpr const char* kRecovery = "pgraph init --force";

const std::vector<std::vector<std::string>>& ReaderCommands() {
  static const auto* commands = new std::vector<std::vector<std::string>>{
      {"stats", "--json"},
      {"export", "--format", "jsonl"},
      {"show", "syn-e-1", "--json"},
      {"find", "Institute syn 12", "--json"},
      {"path", "syn-e-1", "syn-e-2", "--json"},
      {"neighbours", "syn-e-3", "--json"},
      {"funds", "--funder", "syn-e-4", "--json"},
      {"central", "--top", "3", "--json"},
  };
  return *commands;
}

std::string Answer(const std::vector<std::string>& command, const std::string& out) {
  if (command.front() != "stats") return out;
  nlohmann::json stats = nlohmann::json::parse(out, nullptr, false);
  if (!stats.is_object()) return out;
  stats.erase("size_bytes");
  return stats.dump();
}

std::vector<fs::path> FilesMatching(const fs::path& dir,
                                    const std::function<bool(const std::string&)>& accept) {
  std::vector<fs::path> files;
  for (const std::string& name : FolderFiles(dir)) {
    if (accept(name)) files.push_back(dir / name);
  }
  return files;
}

// For comparing exports: says where two long texts first differ instead of
// printing both.
::testing::AssertionResult SameText(const std::string& actual, const std::string& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  const size_t line_start =
      expected.rfind('\n', at) == std::string::npos ? 0 : expected.rfind('\n', at) + 1;
  return ::testing::AssertionFailure()
         << "texts of " << actual.size() << " and " << expected.size() << " bytes differ at byte "
         << at << "; expected line: " << expected.substr(line_start, 200)
         << "\nactual: " << actual.substr(line_start, 200);
}

// The files that make up the store; RocksDB's info logs aside, which it
// rotates even when an open fails.
std::vector<std::string> StoreFiles(const fs::path& db) {
  std::vector<std::string> files = FolderFiles(db);
  std::erase_if(files, [](const std::string& name) { return name.starts_with("LOG"); });
  return files;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The biggest table file: the relations, which every command reads.
fs::path BiggestTableFile(const fs::path& db) {
  fs::path biggest;
  for (const fs::path& file :
       FilesMatching(db, [](const std::string& name) { return EndsWith(name, ".sst"); })) {
    if (biggest.empty() || fs::file_size(file) > fs::file_size(biggest)) biggest = file;
  }
  return biggest;
}

void FlipBytes(const fs::path& file, size_t offset, size_t count) {
  std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(stream) << file;
  std::string bytes(count, '\0');
  stream.seekg(static_cast<std::streamoff>(offset));
  stream.read(bytes.data(), static_cast<std::streamsize>(count));
  for (char& byte : bytes) byte = static_cast<char>(~static_cast<unsigned char>(byte));
  stream.seekp(static_cast<std::streamoff>(offset));
  stream.write(bytes.data(), static_cast<std::streamsize>(count));
}

class CorruptionTest : public ::testing::Test {
 protected:
  // A store of 300 entities and 20000 relations, all in table files: the
  // second read-write open replays the log into level-0 tables.
  void SetUp() override {
    db_ = runner_.dir() / "test.db";
    ASSERT_EQ(Run({"init", "--empty"}).exit_code, 0);
    const std::string data =
        runner_.WriteFile("syn.jsonl", SyntheticJsonLines({"syn", 300, 20000, "", 0}));
    ChildExit imported = Run({"import", data});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    {
      Result<std::unique_ptr<Store>> store = Store::Open(db_.string(), OpenMode::kReadWrite);
      ASSERT_TRUE(store.has_value()) << store.error().message();
    }
    ASSERT_FALSE(BiggestTableFile(db_).empty())
        << "the store keeps everything in its log; the test needs table files";
    for (const auto& command : ReaderCommands()) {
      ChildExit result = Run(command);
      ASSERT_EQ(result.exit_code, 0) << command.front() << ": " << result.err;
      pristine_.push_back(Answer(command, result.out));
    }
  }

  ChildExit Run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", db_.string()});
    ChildProcess child(PGRAPH_BINARY, args, runner_.dir());
    return child.Wait();
  }

  // Every reader command answers as on the intact store, or fails with the
  // damage message; none crashes. Returns how many failed.
  int ExpectIntactAnswersOrDamageReports(const std::string& damage) {
    int failed = 0;
    for (size_t c = 0; c < ReaderCommands().size(); ++c) {
      const auto& command = ReaderCommands()[c];
      const ChildExit result = Run(command);
      EXPECT_TRUE(result.exited())
          << damage << ": " << command.front() << " died of signal " << result.signal << "\n"
          << result.err;
      if (result.exit_code == 0) {
        EXPECT_TRUE(SameText(Answer(command, result.out), pristine_[c]))
            << damage << ": " << command.front() << " gave a wrong answer";
        continue;
      }
      ++failed;
      EXPECT_EQ(result.exit_code, 1) << damage << ": " << command.front() << "\n" << result.err;
      EXPECT_THAT(result.err, HasSubstr(kDamaged)) << damage << ": " << command.front();
      EXPECT_THAT(result.err, HasSubstr(kRecovery)) << damage << ": " << command.front();
      // Export streams to stdout, so it may have printed part of the store
      // before it met the damage; the exit status says the output is not
      // whole (and `export -o FILE` leaves no file: see below).
      if (command.front() != "export") {
        EXPECT_THAT(result.out, IsEmpty()) << damage << ": " << command.front();
      }
    }
    return failed;
  }

  PgraphRunner runner_;
  fs::path db_;
  std::vector<std::string> pristine_;
};

TEST_F(CorruptionTest, TruncatedTableFileIsReportedAsDamage) {
  const fs::path table = BiggestTableFile(db_);
  fs::resize_file(table, fs::file_size(table) / 2);
  EXPECT_GT(ExpectIntactAnswersOrDamageReports("truncated " + table.filename().string()), 0);
}

TEST_F(CorruptionTest, EmptiedTableFileIsReportedAsDamage) {
  const fs::path table = BiggestTableFile(db_);
  fs::resize_file(table, 0);
  EXPECT_GT(ExpectIntactAnswersOrDamageReports("emptied " + table.filename().string()), 0);
}

TEST_F(CorruptionTest, FlippedBytesInATableFileAreCaughtByChecksums) {
  const fs::path table = BiggestTableFile(db_);
  const size_t size = fs::file_size(table);
  for (size_t at : {size / 5, size / 3, size / 2}) FlipBytes(table, at, 4);
  const int failed =
      ExpectIntactAnswersOrDamageReports("flipped bytes in " + table.filename().string());
  EXPECT_GT(failed, 0) << "export reads every record: it must notice";
  // An export to a file that meets the damage leaves no file behind.
  const fs::path out = runner_.dir() / "backup.jsonl";
  ChildExit exported = Run({"export", "--format", "jsonl", "-o", out.string()});
  EXPECT_EQ(exported.exit_code, 1);
  EXPECT_THAT(exported.err, HasSubstr(kDamaged));
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
}

TEST_F(CorruptionTest, OneFlippedByteInEveryTableFileIsCaught) {
  for (const fs::path& table :
       FilesMatching(db_, [](const std::string& name) { return EndsWith(name, ".sst"); })) {
    FlipBytes(table, fs::file_size(table) / 2, 1);
  }
  EXPECT_GT(ExpectIntactAnswersOrDamageReports("a flipped byte in every table file"), 0);
}

TEST_F(CorruptionTest, MissingManifestIsReportedAsDamage) {
  const std::vector<fs::path> manifests =
      FilesMatching(db_, [](const std::string& name) { return name.starts_with("MANIFEST-"); });
  ASSERT_FALSE(manifests.empty());
  for (const fs::path& manifest : manifests) fs::remove(manifest);
  EXPECT_EQ(ExpectIntactAnswersOrDamageReports("no MANIFEST"),
            static_cast<int>(ReaderCommands().size()));
  // A writer is refused too, and the remaining files are left alone.
  const std::vector<std::string> files = StoreFiles(db_);
  ChildExit import = Run({"import", runner_.WriteFile("x.jsonl", "")});
  EXPECT_EQ(import.exit_code, 1);
  EXPECT_THAT(import.err, HasSubstr(kDamaged));
  EXPECT_EQ(StoreFiles(db_), files);
}

TEST_F(CorruptionTest, MissingCurrentIsDamageNotAMissingDatabase) {
  fs::remove(db_ / "CURRENT");
  EXPECT_EQ(ExpectIntactAnswersOrDamageReports("no CURRENT"),
            static_cast<int>(ReaderCommands().size()));
  ChildExit result = Run({"stats"});
  EXPECT_THAT(result.err, Not(HasSubstr("create one with `pgraph init`")));
  // `init` without --force must not build a new database over the remains.
  const std::vector<std::string> files = StoreFiles(db_);
  ChildExit init = Run({"init"});
  EXPECT_EQ(init.exit_code, 1);
  EXPECT_THAT(init.err, HasSubstr("--force"));
  EXPECT_EQ(StoreFiles(db_), files);
  // With --force it replaces them: the suggested recovery works.
  ChildExit forced = Run({"init", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(Run({"stats"}).exit_code, 0);
}

TEST_F(CorruptionTest, DamagedDefaultDatabaseIsNeverSilentlyRecreated) {
  // The default database is created from the bundled dataset on first use;
  // once there, losing its CURRENT must not make pgraph start afresh.
  const std::vector<std::string> no_db = {"find", "ilo", "--json"};
  ChildProcess first(PGRAPH_BINARY, no_db, runner_.dir());
  ASSERT_EQ(first.Wait().exit_code, 0);
  const fs::path default_db = runner_.dir() / "xdg/partnergraph/default.db";
  ASSERT_TRUE(fs::exists(default_db / "CURRENT"));
  fs::remove(default_db / "CURRENT");
  const std::vector<std::string> files = StoreFiles(default_db);
  ChildProcess again(PGRAPH_BINARY, no_db, runner_.dir());
  const ChildExit result = again.Wait();
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_THAT(result.err, HasSubstr(kDamaged));
  EXPECT_EQ(StoreFiles(default_db), files);
}

TEST_F(CorruptionTest, FlippedByteInTheLogIsDamageNotALostImport) {
  // A second import stays in the write-ahead log until RocksDB flushes it.
  const std::string more =
      runner_.WriteFile("more.jsonl", SyntheticJsonLines({"more", 20, 200, "syn", 300}));
  ChildExit imported = Run({"import", more});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::string with_more = Run({"export", "--format", "jsonl"}).out;
  const std::vector<fs::path> logs =
      FilesMatching(db_, [](const std::string& name) { return EndsWith(name, ".log"); });
  fs::path log;
  for (const fs::path& file : logs) {
    if (log.empty() || fs::file_size(file) > fs::file_size(log)) log = file;
  }
  if (log.empty() || fs::file_size(log) < 4096) {
    GTEST_SKIP() << "the import was flushed to table files: no log to damage";
  }
  FlipBytes(log, fs::file_size(log) / 2, 1);
  ChildExit result = Run({"export", "--format", "jsonl"});
  if (result.exit_code == 0) {
    EXPECT_TRUE(SameText(result.out, with_more)) << "the damaged log silently lost the import";
  } else {
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr(kDamaged));
  }
}

// The graph snapshot beside the store is a cache: damaged, truncated or
// left over from another state, it is rebuilt, never believed.
TEST_F(CorruptionTest, DamagedOrStaleGraphSnapshotIsRebuiltNotBelieved) {
  const fs::path snapshot = db_ / "topology.snapshot";
  if (!fs::exists(snapshot)) GTEST_SKIP() << "this build keeps no graph snapshot";
  FlipBytes(snapshot, fs::file_size(snapshot) / 2, 8);
  EXPECT_EQ(ExpectIntactAnswersOrDamageReports("flipped bytes in the graph snapshot"), 0);
  fs::resize_file(snapshot, fs::file_size(snapshot) / 3);
  EXPECT_EQ(ExpectIntactAnswersOrDamageReports("truncated graph snapshot"), 0);

  // A snapshot of the state before an import, put back after it.
  ASSERT_TRUE(fs::exists(snapshot)) << "a query rewrites the snapshot";
  const fs::path old_snapshot = runner_.dir() / "old.snapshot";
  fs::copy_file(snapshot, old_snapshot);
  const std::string more = runner_.WriteFile(
      "more.jsonl",
      R"({"record":"entity","id":"late","kind":"institution","name":{"en":"Late"}})"
      "\n"
      R"({"record":"relation","id":"late-r","type":"partners_with","from":"late","to":"syn-e-3"})"
      "\n");
  ChildExit imported = Run({"import", more});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const std::vector<std::string> neighbours = {"neighbours", "syn-e-3", "--json"};
  const std::string fresh = Run(neighbours).out;
  ASSERT_NE(fresh, pristine_[5]) << "the import should reach syn-e-3";
  fs::copy_file(old_snapshot, snapshot, fs::copy_options::overwrite_existing);
  EXPECT_EQ(Run(neighbours).out, fresh) << "a stale snapshot was believed";
}

}  // namespace
}  // namespace partnergraph::testing
