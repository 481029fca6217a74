// Crash safety: `pgraph import` and `pgraph init --force` killed with SIGKILL
// at random moments (seeded) leave the database exactly as it was before or
// exactly as a complete run makes it, never in between, and it opens for
// writing without any repair.
//
// Sizes, for a developer who wants more: PGRAPH_CRASH_KILLS (default 30, 10
// under AddressSanitizer), PGRAPH_CRASH_RELATIONS (default 100000, 30000
// under AddressSanitizer), PGRAPH_CRASH_SEED (printed by every run).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/store.h"

#include "integration/child_process.h"
#include "integration/pgraph_runner.h"
#include "integration/synthetic_data.h"

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::microseconds;

// Store growth beyond which a write has begun: opening for writing alone
// adds a manifest, an options file and an empty log, a few KiB.
constexpr uint64_t kWriteStartBytes = 256 << 10;

double Millis(Clock::duration d) {
  return static_cast<double>(std::chrono::duration_cast<microseconds>(d).count()) / 1000.0;
}

ChildExit RunPgraph(const fs::path& scratch, const std::vector<std::string>& args) {
  ChildProcess child(PGRAPH_BINARY, args, scratch);
  return child.Wait();
}

// The whole database as JSON Lines, read the way a user would.
std::string Export(const fs::path& scratch, const fs::path& db) {
  ChildExit exported = RunPgraph(scratch, {"--db", db.string(), "export", "--format", "jsonl"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  return exported.out;
}

size_t CountLines(const std::string& text, std::string_view marker) {
  size_t count = 0;
  for (size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    ++count;
  }
  return count;
}

// One kill and what it left.
struct Kill {
  int index = 0;
  std::string aim;   // "anytime" or "write" (after the store began to grow)
  double at_ms = 0;  // when the signal went, after the start
  // "reading" (the store not yet growing), "writing" (growing), "syncing"
  // (grown as much as it will: syncing, closing), "exited" (before the kill)
  std::string phase;
  uint64_t grown = 0;    // store bytes written when the kill landed
  std::string outcome;   // "before", "after" or "BETWEEN"
  size_t leftovers = 0;  // staging folders left beside the database (init)
};

void PrintKills(const std::string& title, uint64_t seed, const std::vector<Kill>& kills) {
  std::map<std::string, int> by_phase;
  std::map<std::string, int> by_outcome;
  std::cout << title << " (seed " << seed << ")\n"
            << "  kill  aim      at_ms     phase    grown_bytes  outcome\n";
  for (const Kill& kill : kills) {
    std::printf("  %4d  %-7s  %8.1f  %-7s  %11llu  %s\n", kill.index, kill.aim.c_str(), kill.at_ms,
                kill.phase.c_str(), static_cast<unsigned long long>(kill.grown),
                kill.outcome.c_str());
    ++by_phase[kill.phase];
    ++by_outcome[kill.outcome];
  }
  std::cout << "  " << kills.size() << " kills:";
  for (const auto& [phase, n] : by_phase) std::cout << " " << n << " " << phase << ";";
  std::cout << " outcome:";
  for (const auto& [outcome, n] : by_outcome) std::cout << " " << n << " " << outcome << ";";
  std::cout << std::endl;
}

// Opens the store for writing in this process, as the next import would:
// it must open with no repair, and its counters must agree with the records.
void ExpectOpensForWritingWithCounts(const fs::path& db, size_t entities, size_t relations,
                                     const std::string& context) {
  Result<std::unique_ptr<Store>> store = Store::Open(db.string(), OpenMode::kReadWrite);
  ASSERT_TRUE(store.has_value()) << context << ": " << store.error().message();
  Result<StoreStats> stats = (*store)->Stats();
  ASSERT_TRUE(stats.has_value()) << context << ": " << stats.error().message();
  EXPECT_EQ(stats->entities, entities) << context;
  EXPECT_EQ(stats->relations, relations) << context;
}

class CrashTest : public ::testing::Test {
 protected:
  fs::path scratch() const { return runner_.dir(); }
  fs::path Db(const std::string& name) const { return scratch() / name; }

  // Kills `pgraph import big` on copies of the closed store `base`, first
  // timing one complete run (the reference), and checks each time that the
  // store is exactly as before or exactly as after, and opens for writing.
  void KillImports(const std::string& title, const fs::path& base, const std::string& big,
                   size_t relations, uint64_t seed);

  PgraphRunner runner_;
  const uint64_t seed_ = static_cast<uint64_t>(EnvInt("PGRAPH_CRASH_SEED", 20240611));
  const int kills_ = static_cast<int>(EnvInt("PGRAPH_CRASH_KILLS", kSanitized ? 10 : 30));
  const int relations_ =
      static_cast<int>(EnvInt("PGRAPH_CRASH_RELATIONS", kSanitized ? 30000 : 100000));
};

void CrashTest::KillImports(const std::string& title, const fs::path& base, const std::string& big,
                            size_t relations, uint64_t seed) {
  const std::string before = Export(scratch(), base);
  const size_t before_entities = CountLines(before, "\"record\":\"entity\"");
  const size_t before_relations = CountLines(before, "\"record\":\"relation\"");

  // The reference: the same import, left alone, timed, with the window in
  // which the store grows (the write itself, before its sync) measured.
  const fs::path reference = Db("reference.db");
  CopyFolder(base, reference);
  const uint64_t reference_start_bytes = FolderBytes(reference);
  ChildProcess full(PGRAPH_BINARY, {"--db", reference.string(), "import", big}, scratch());
  ASSERT_TRUE(full.started());
  Clock::duration growth_start{0};
  Clock::duration growth_end{0};
  uint64_t last_bytes = reference_start_bytes;
  while (!full.HasEnded()) {
    const uint64_t bytes = FolderBytes(reference);
    const Clock::duration now = Clock::now() - full.start_time();
    if (growth_start == Clock::duration::zero() &&
        bytes > reference_start_bytes + kWriteStartBytes) {
      growth_start = now;
    }
    if (bytes != last_bytes) growth_end = now;
    last_bytes = bytes;
    std::this_thread::sleep_for(microseconds(100));
  }
  const ChildExit imported = full.Wait();
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const double import_ms = static_cast<double>(imported.elapsed.count()) / 1000.0;
  const uint64_t written_bytes = last_bytes - reference_start_bytes;
  if (growth_start == Clock::duration::zero()) growth_start = imported.elapsed;
  // The store may go on growing after the write (a flush); aim at the
  // whole span, a little beyond.
  const double growth_ms = std::max(1.0, Millis(growth_end - growth_start) * 1.2);
  const std::string after = Export(scratch(), reference);
  ASSERT_TRUE(before != after);
  const size_t after_entities = CountLines(after, "\"record\":\"entity\"");
  const size_t after_relations = CountLines(after, "\"record\":\"relation\"");
  ASSERT_EQ(after_relations, before_relations + relations);
  std::cout << "import of " << relations << " relations: " << import_ms << " ms; the store grew by "
            << written_bytes << " bytes from " << Millis(growth_start) << " ms to "
            << Millis(growth_end) << " ms\n";

  std::mt19937_64 random(seed);
  std::vector<Kill> kills;
  const fs::path trial = Db("trial.db");
  for (int i = 0; i < kills_; ++i) {
    Kill kill;
    kill.index = i + 1;
    // Half the kills anywhere in the run (and a little after), half while
    // the store grows, where a torn write would show.
    kill.aim = i % 2 == 0 ? "anytime" : "write";
    CopyFolder(base, trial);
    const uint64_t start_bytes = FolderBytes(trial);
    ChildProcess child(PGRAPH_BINARY, {"--db", trial.string(), "import", big}, scratch());
    ASSERT_TRUE(child.started());
    Clock::time_point fire;
    auto after_ms = [](Clock::time_point from, double ms) {
      return from + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double, std::milli>(ms));
    };
    if (kill.aim == "anytime") {
      fire = after_ms(child.start_time(),
                      std::uniform_real_distribution<double>(0, import_ms * 1.1)(random));
    } else {
      while (!child.HasEnded() && FolderBytes(trial) <= start_bytes + kWriteStartBytes) {
        std::this_thread::sleep_for(microseconds(50));
      }
      fire = after_ms(Clock::now(), std::uniform_real_distribution<double>(0, growth_ms)(random));
    }
    while (Clock::now() < fire && !child.HasEnded()) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(fire - Clock::now(), microseconds(200)));
    }
    const bool killed = child.Kill();
    kill.at_ms = Millis(Clock::now() - child.start_time());
    const ChildExit ended = child.Wait();
    const uint64_t end_bytes = FolderBytes(trial);
    kill.grown = end_bytes - std::min(end_bytes, start_bytes);
    if (!killed || ended.exited()) {
      kill.phase = "exited";
      EXPECT_EQ(ended.exit_code, 0) << ended.err;
    } else if (kill.grown <= kWriteStartBytes) {
      kill.phase = "reading";
    } else {
      kill.phase = kill.grown < written_bytes ? "writing" : "syncing";
    }

    const std::string state = Export(scratch(), trial);
    kill.outcome = state == before ? "before" : state == after ? "after" : "BETWEEN";
    const std::string context = "kill " + std::to_string(kill.index) + " at " +
                                std::to_string(kill.at_ms) + " ms (" + kill.phase + ")";
    EXPECT_NE(kill.outcome, "BETWEEN") << context << ": the export is neither state";
    if (kill.outcome == "before") {
      ExpectOpensForWritingWithCounts(trial, before_entities, before_relations, context);
    } else if (kill.outcome == "after") {
      ExpectOpensForWritingWithCounts(trial, after_entities, after_relations, context);
    }
    kills.push_back(kill);
  }
  PrintKills(title, seed, kills);

  // After the last kill, running the import again completes it.
  ChildExit again = RunPgraph(scratch(), {"--db", trial.string(), "import", big});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Export(scratch(), trial), after);
}

TEST_F(CrashTest, ImportKilledAnywhereLeavesTheStoreBeforeOrAfterAndWritable) {
  // Before: a store with data of its own, so the import goes through one
  // synced write batch. It adds entities and relations, some of them
  // reaching entities already stored.
  const fs::path base = Db("base.db");
  ASSERT_EQ(RunPgraph(scratch(), {"--db", base.string(), "init", "--empty"}).exit_code, 0);
  const std::string small =
      runner_.WriteFile("base.jsonl", SyntheticJsonLines({"base", 50, 80, "", 0}));
  ChildExit seeded = RunPgraph(scratch(), {"--db", base.string(), "import", small});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  const std::string big = runner_.WriteFile(
      "bulk.jsonl", SyntheticJsonLines({"bulk", relations_ / 50, relations_, "base", 50}));
  KillImports("pgraph import (into a store with data) killed", base, big,
              static_cast<size_t>(relations_), seed_);
}

TEST_F(CrashTest, BulkImportIntoAnEmptyStoreKilledAnywhereLeavesItEmptyOrWhole) {
  // Into an empty store a large import writes table files and ingests them
  // in one step instead of a write batch.
  const fs::path base = Db("empty.db");
  ASSERT_EQ(RunPgraph(scratch(), {"--db", base.string(), "init", "--empty"}).exit_code, 0);
  const std::string big = runner_.WriteFile(
      "bulk.jsonl", SyntheticJsonLines({"bulk", relations_ / 50, relations_, "", 0}));
  KillImports("pgraph import (bulk, into an empty store) killed", base, big,
              static_cast<size_t>(relations_), seed_ + 2);
}

TEST_F(CrashTest, InitForceKilledAnywhereLeavesTheOldOrTheNewDatabase) {
  // The old database: empty schema plus a small dataset of its own; the new
  // one: the bundled dataset.
  const fs::path base = Db("old.db");
  ASSERT_EQ(RunPgraph(scratch(), {"--db", base.string(), "init", "--empty"}).exit_code, 0);
  const std::string small =
      runner_.WriteFile("old.jsonl", SyntheticJsonLines({"old", 40, 60, "", 0}));
  ASSERT_EQ(RunPgraph(scratch(), {"--db", base.string(), "import", small}).exit_code, 0);
  const std::string before = Export(scratch(), base);

  const fs::path reference = Db("new.db");
  const ChildExit made = RunPgraph(scratch(), {"--db", reference.string(), "init"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const double init_ms = static_cast<double>(made.elapsed.count()) / 1000.0;
  const std::string after = Export(scratch(), reference);
  ASSERT_TRUE(before != after);
  std::cout << "init --force: " << init_ms << " ms\n";

  std::mt19937_64 random(seed_ + 1);
  std::vector<Kill> kills;
  const fs::path trial = Db("trial.db");
  for (int i = 0; i < kills_; ++i) {
    Kill kill;
    kill.index = i + 1;
    kill.aim = "anytime";
    CopyFolder(base, trial);
    ChildProcess child(PGRAPH_BINARY, {"--db", trial.string(), "init", "--force"}, scratch());
    ASSERT_TRUE(child.started());
    const auto fire =
        child.start_time() +
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(
            std::uniform_real_distribution<double>(0, init_ms * 1.15)(random)));
    while (Clock::now() < fire && !child.HasEnded()) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(fire - Clock::now(), microseconds(500)));
    }
    const bool killed = child.Kill();
    kill.at_ms = Millis(Clock::now() - child.start_time());
    const ChildExit ended = child.Wait();
    kill.phase = !killed || ended.exited() ? "exited" : "running";
    if (kill.phase == "exited") {
      EXPECT_EQ(ended.exit_code, 0) << ended.err;
    }

    const std::string state = Export(scratch(), trial);
    kill.outcome = state == before ? "before" : state == after ? "after" : "BETWEEN";
    EXPECT_NE(kill.outcome, "BETWEEN") << "kill " << kill.index << " at " << kill.at_ms << " ms";
    Result<std::unique_ptr<Store>> store = Store::Open(trial.string(), OpenMode::kReadWrite);
    EXPECT_TRUE(store.has_value()) << "kill " << kill.index << ": " << store.error().message();
    for (const auto& entry : fs::directory_iterator(scratch())) {
      if (entry.path().filename().string().starts_with("trial.db.")) ++kill.leftovers;
    }
    kills.push_back(kill);
  }
  PrintKills("pgraph init --force killed", seed_ + 1, kills);

  // Staging folders a killed init left behind are removed by the next one.
  const ChildExit last = RunPgraph(scratch(), {"--db", trial.string(), "init", "--force"});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(Export(scratch(), trial), after);
  std::vector<std::string> leftovers;
  for (const auto& entry : fs::directory_iterator(scratch())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("trial.db.")) leftovers.push_back(name);
  }
  EXPECT_THAT(leftovers, ::testing::IsEmpty());
}

}  // namespace
}  // namespace partnergraph::testing
