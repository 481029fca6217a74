// Concurrent use: many pgraph readers (find, show, path, neighbours, stats,
// export) run while one `pgraph import` writes; each sees the database
// exactly as it was before the import or exactly as it is after, never a
// part of it. A second writer is told at once that the database is in use,
// and changes nothing.
//
// Sizes: PGRAPH_CONCURRENCY_RELATIONS (default 100000, 30000 under
// AddressSanitizer), PGRAPH_CONCURRENCY_READERS (threads, default 4).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/child_process.h"
#include "integration/pgraph_runner.h"
#include "integration/synthetic_data.h"

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

ChildExit RunPgraph(const fs::path& scratch, const std::vector<std::string>& args) {
  ChildProcess child(PGRAPH_BINARY, args, scratch);
  return child.Wait();
}

// What a reader command printed, reduced to what must be identical between
// two runs on the same state: `stats` also reports the size on disk, which
// changes as RocksDB writes, and the database's path, so they are left out.
std::string Answer(const std::vector<std::string>& command, const ChildExit& result) {
  std::string out = result.out;
  if (command.front() == "stats" && result.exit_code == 0) {
    nlohmann::json stats = nlohmann::json::parse(out, nullptr, false);
    if (stats.is_object()) {
      stats.erase("size_bytes");
      stats.erase("path");
      out = stats.dump();
    }
  }
  return "exit " + std::to_string(result.exit_code) + "\n" + out;
}

class ConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = runner_.dir() / "base.db";
    ASSERT_EQ(Run({"--db", base_.string(), "init", "--empty"}).exit_code, 0);
    const std::string small =
        runner_.WriteFile("base.jsonl", SyntheticJsonLines({"base", 50, 80, "", 0}));
    ChildExit seeded = Run({"--db", base_.string(), "import", small});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
    relations_ =
        static_cast<int>(EnvInt("PGRAPH_CONCURRENCY_RELATIONS", kSanitized ? 30000 : 100000));
    bulk_ = runner_.WriteFile(
        "bulk.jsonl", SyntheticJsonLines({"bulk", relations_ / 50, relations_, "base", 50}));
  }

  ChildExit Run(const std::vector<std::string>& args) const {
    return RunPgraph(runner_.dir(), args);
  }

  PgraphRunner runner_;
  fs::path base_;
  std::string bulk_;
  int relations_ = 0;
};

TEST_F(ConcurrencyTest, ReadersDuringAnImportSeeTheWholeImportOrNoneOfIt) {
  // Every reader command, and its answer before and after the import.
  const std::vector<std::vector<std::string>> commands = {
      {"stats", "--json"},
      {"find", "Institute bulk 7", "--json"},
      {"find", "Institute", "--limit", "0", "--json"},
      {"show", "base-e-0", "--json"},
      {"show", "bulk-e-1", "--json"},
      {"path", "base-e-0", "bulk-e-1", "--json"},
      {"neighbours", "base-e-2", "--json"},
      {"export", "--format", "jsonl"},
  };
  const fs::path reference = runner_.dir() / "reference.db";
  CopyFolder(base_, reference);
  std::vector<std::string> before;
  for (const auto& command : commands) {
    std::vector<std::string> args = {"--db", base_.string()};
    args.insert(args.end(), command.begin(), command.end());
    before.push_back(Answer(command, Run(args)));
  }
  ChildExit imported = Run({"--db", reference.string(), "import", bulk_});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  std::vector<std::string> after;
  for (const auto& command : commands) {
    std::vector<std::string> args = {"--db", reference.string()};
    args.insert(args.end(), command.begin(), command.end());
    after.push_back(Answer(command, Run(args)));
  }
  for (size_t c = 0; c < commands.size(); ++c) {
    ASSERT_TRUE(before[c] != after[c])
        << commands[c].front() << " " << commands[c][1] << " cannot tell the states apart";
  }

  // The writer, and readers in a loop on the same database until it is done.
  const fs::path db = runner_.dir() / "shared.db";
  CopyFolder(base_, db);
  const int threads = static_cast<int>(EnvInt("PGRAPH_CONCURRENCY_READERS", 4));
  std::atomic<bool> writer_done = false;
  std::mutex mutex;
  std::map<std::string, int> seen;  // "before"/"after"/"BETWEEN" per command name
  std::vector<std::string> failures;
  int reads = 0;
  int reads_while_writing = 0;

  ChildProcess writer(PGRAPH_BINARY, {"--db", db.string(), "import", bulk_}, runner_.dir());
  ASSERT_TRUE(writer.started());
  std::vector<std::thread> readers;
  for (int t = 0; t < threads; ++t) {
    readers.emplace_back([&, t] {
      // Keep reading until the writer is done, then once more round.
      for (size_t i = static_cast<size_t>(t);; ++i) {
        const bool last_round = writer_done.load();
        const size_t c = i % commands.size();
        std::vector<std::string> args = {"--db", db.string()};
        args.insert(args.end(), commands[c].begin(), commands[c].end());
        const ChildExit result = RunPgraph(runner_.dir(), args);
        const std::string answer = Answer(commands[c], result);
        const std::string verdict = answer == before[c]  ? "before"
                                    : answer == after[c] ? "after"
                                                         : "BETWEEN";
        std::lock_guard<std::mutex> lock(mutex);
        ++reads;
        if (!last_round) ++reads_while_writing;
        ++seen[commands[c].front() + " " + verdict];
        if (verdict == "BETWEEN") {
          failures.push_back(commands[c].front() + " " + commands[c][1] + ": exit " +
                             std::to_string(result.exit_code) + ", stderr: " + result.err +
                             "stdout (first 300 bytes): " + result.out.substr(0, 300));
        }
        if (last_round && i >= commands.size()) break;
      }
    });
  }
  const ChildExit written = writer.Wait();
  writer_done = true;
  for (std::thread& reader : readers) reader.join();
  ASSERT_EQ(written.exit_code, 0) << written.err;

  std::cout << "import of " << relations_ << " relations took " << written.elapsed.count() / 1000
            << " ms; " << reads << " reads by " << threads << " reader threads, "
            << reads_while_writing << " while it ran:";
  for (const auto& [what, n] : seen) std::cout << " " << what << "=" << n << ";";
  std::cout << std::endl;
  EXPECT_THAT(failures, ::testing::IsEmpty());
  EXPECT_GT(reads_while_writing, 0);
  EXPECT_TRUE(Answer({"export"}, Run({"--db", db.string(), "export", "--format", "jsonl"})) ==
              after.back());
}

TEST_F(ConcurrencyTest, SecondWriterIsToldAtOnceThatTheDatabaseIsInUseAndChangesNothing) {
  const fs::path db = runner_.dir() / "shared.db";
  CopyFolder(base_, db);
  const std::string other =
      runner_.WriteFile("other.jsonl", SyntheticJsonLines({"other", 10, 10, "", 0}));
  ChildProcess writer(PGRAPH_BINARY, {"--db", db.string(), "import", bulk_}, runner_.dir());
  ASSERT_TRUE(writer.started());
  // The writer takes the lock as it starts; give it a moment to get there.
  std::this_thread::sleep_for(std::chrono::milliseconds(kSanitized ? 1000 : 300));

  struct Attempt {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Attempt> attempts = {
      {{"--db", db.string(), "import", other}, "in use by another process"},
      {{"--db", db.string(), "import", "--replace", bulk_}, "in use by another process"},
      {{"--db", db.string(), "init", "--force"}, "in use by another process"},
      {{"--db", db.string(), "init"}, "already exists"},
  };
  for (const Attempt& attempt : attempts) {
    ChildProcess second(PGRAPH_BINARY, attempt.args, runner_.dir());
    std::optional<ChildExit> ended = second.WaitFor(std::chrono::seconds(10));
    ASSERT_TRUE(ended.has_value()) << attempt.args[2] << " hangs while another process writes";
    EXPECT_EQ(ended->exit_code, 1) << attempt.args[2] << ": " << ended->err;
    EXPECT_THAT(ended->err, HasSubstr(attempt.message));
    EXPECT_LT(ended->elapsed, std::chrono::seconds(kSanitized ? 5 : 2)) << "not at once";
    EXPECT_FALSE(writer.HasEnded()) << "the writer finished too early for this test to "
                                       "show anything: make the import bigger";
    std::cout << attempt.args[2] << (attempt.args.size() > 3 ? " " + attempt.args[3] : "")
              << " while another process writes: exit " << ended->exit_code << " after "
              << ended->elapsed.count() / 1000 << " ms: " << ended->err;
  }
  const ChildExit written = writer.Wait();
  ASSERT_EQ(written.exit_code, 0) << written.err;

  // The first writer's import landed whole; nothing of the second's did.
  const fs::path reference = runner_.dir() / "reference.db";
  CopyFolder(base_, reference);
  ASSERT_EQ(Run({"--db", reference.string(), "import", bulk_}).exit_code, 0);
  EXPECT_TRUE(Run({"--db", db.string(), "export", "--format", "jsonl"}).out ==
              Run({"--db", reference.string(), "export", "--format", "jsonl"}).out);
}

TEST_F(ConcurrencyTest, ReadersDuringInitForceSeeTheOldOrTheNewDatabase) {
  // The old database is base_'s data; init --force replaces it with the
  // bundled dataset, again and again, while readers keep reading.
  const std::vector<std::vector<std::string>> commands = {
      {"stats", "--json"},
      {"find", "ILO", "--json"},
      {"show", "base-e-1", "--json"},
      {"export", "--format", "jsonl"},
  };
  const fs::path db = runner_.dir() / "shared.db";
  const fs::path reference = runner_.dir() / "bundled.db";
  CopyFolder(base_, db);
  ASSERT_EQ(Run({"--db", reference.string(), "init"}).exit_code, 0);
  std::vector<std::string> before;
  std::vector<std::string> after;
  for (const auto& command : commands) {
    std::vector<std::string> args = {"--db", db.string()};
    args.insert(args.end(), command.begin(), command.end());
    before.push_back(Answer(command, Run(args)));
    args[1] = reference.string();
    after.push_back(Answer(command, Run(args)));
    ASSERT_TRUE(before.back() != after.back()) << command.front();
  }

  std::atomic<bool> done = false;
  std::mutex mutex;
  std::map<std::string, int> seen;
  std::vector<std::string> failures;
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); !done.load(); ++i) {
        const size_t c = i % commands.size();
        std::vector<std::string> args = {"--db", db.string()};
        args.insert(args.end(), commands[c].begin(), commands[c].end());
        const ChildExit result = RunPgraph(runner_.dir(), args);
        const std::string answer = Answer(commands[c], result);
        const std::string verdict = answer == before[c]  ? "before"
                                    : answer == after[c] ? "after"
                                                         : "BETWEEN";
        std::lock_guard<std::mutex> lock(mutex);
        ++seen[commands[c].front() + " " + verdict];
        if (verdict == "BETWEEN") {
          failures.push_back(commands[c].front() + ": exit " + std::to_string(result.exit_code) +
                             ", stderr: " + result.err + "stdout: " + result.out.substr(0, 300));
        }
      }
    });
  }
  const int swaps = kSanitized ? 4 : 10;
  for (int i = 0; i < swaps; ++i) {
    ChildExit forced = Run({"--db", db.string(), "init", "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  std::cout << swaps << " init --force swaps under 3 reader threads:";
  for (const auto& [what, n] : seen) std::cout << " " << what << "=" << n << ";";
  std::cout << std::endl;
  EXPECT_THAT(failures, ::testing::IsEmpty());
}

}  // namespace
}  // namespace partnergraph::testing
