// Runs the real pgraph binary in a temporary directory of its own, with its
// own database, and captures what it prints.
#ifndef PARTNERGRAPH_TESTS_INTEGRATION_PGRAPH_RUNNER_H_
#define PARTNERGRAPH_TESTS_INTEGRATION_PGRAPH_RUNNER_H_

#include <filesystem>
#include <string>
#include <vector>

namespace partnergraph::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class PgraphRunner {
 public:
  // A fresh temporary directory; HOME and XDG_DATA_HOME point into it so the
  // default database never touches the user's.
  PgraphRunner();
  ~PgraphRunner();
  PgraphRunner(const PgraphRunner&) = delete;
  PgraphRunner& operator=(const PgraphRunner&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::string db() const { return (dir_ / "test.db").string(); }

  // pgraph ARGS... with --db db() unless `with_db` is false.
  RunResult Run(const std::vector<std::string>& args, bool with_db = true) const;

  // Writes `text` to dir()/name and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text) const;
  std::string ReadFile(const std::string& path) const;

 private:
  std::filesystem::path dir_;
};

// The source tree's fixture folder.
std::string FixturePath(const std::string& name);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_INTEGRATION_PGRAPH_RUNNER_H_
