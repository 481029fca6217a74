// Shared by the scale tests: a temporary folder per test, file byte edits,
// and a graph's answers to a fixed set of queries as text, so that two
// graphs (fresh and from a snapshot) can be compared in one EXPECT_EQ.
#ifndef PARTNERGRAPH_TESTS_UNIT_SCALE_SCALE_TEST_SUPPORT_H_
#define PARTNERGRAPH_TESTS_UNIT_SCALE_SCALE_TEST_SUPPORT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "partnergraph/graph.h"

namespace partnergraph::testing {

// A fresh folder under the system's temporary directory, removed with it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string ReadBytes(const std::filesystem::path& path);
void WriteBytes(const std::filesystem::path& path, const std::string& bytes);

// Paths (one and all, undirected and directed, with type and date filters)
// between `pairs` seeded pairs of vertices, and 2-hop neighbourhoods, each
// described by ids; and, when `with_centrality`, the top 20 by betweenness.
std::vector<std::string> Answers(const Graph& graph, uint64_t seed, int pairs,
                                 bool with_centrality);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_UNIT_SCALE_SCALE_TEST_SUPPORT_H_
