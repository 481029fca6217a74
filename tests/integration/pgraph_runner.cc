#include "integration/pgraph_runner.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/wait.h>

namespace partnergraph::testing {
namespace {

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted.push_back(c);
    }
  }
  return quoted + "'";
}

}  // namespace

PgraphRunner::PgraphRunner() {
  std::random_device random;
  dir_ = std::filesystem::temp_directory_path() /
         ("pgraph-it-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(dir_);
}

PgraphRunner::~PgraphRunner() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

RunResult PgraphRunner::Run(const std::vector<std::string>& args, bool with_db) const {
  const std::string out_path = (dir_ / "stdout").string();
  const std::string err_path = (dir_ / "stderr").string();
  std::string command = "env -u PGRAPH_DB HOME=" + ShellQuote(dir_.string()) +
                        " XDG_DATA_HOME=" + ShellQuote((dir_ / "xdg").string()) + " " +
                        ShellQuote(PGRAPH_BINARY);
  if (with_db) command += " --db " + ShellQuote(db());
  for (const std::string& arg : args) command += " " + ShellQuote(arg);
  command += " >" + ShellQuote(out_path) + " 2>" + ShellQuote(err_path);
  const int status = std::system(command.c_str());  // NOLINT(concurrency-mt-unsafe): tests
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

std::string PgraphRunner::WriteFile(const std::string& name, const std::string& text) const {
  const std::string path = (dir_ / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string PgraphRunner::ReadFile(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FixturePath(const std::string& name) {
  return std::string(PARTNERGRAPH_SOURCE_DIR) + "/tests/fixtures/" + name;
}

}  // namespace partnergraph::testing
