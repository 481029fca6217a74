#include "scale_test_support.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include <gtest/gtest.h>

#include "generated_graphs.h"

namespace partnergraph::testing {
namespace {

std::string DescribePath(const Topology& topology, const Path& path) {
  std::string text;
  for (size_t i = 0; i < path.vertices.size(); ++i) {
    if (i > 0) text += " -" + topology.edge_relation_ids[path.edges[i - 1]] + "- ";
    text += topology.vertex_ids[path.vertices[i]];
  }
  return text;
}

}  // namespace

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  path_ = std::filesystem::temp_directory_path() /
          ("pg-scale-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           (test != nullptr ? std::string(test->name()) : std::string("x")));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> Answers(const Graph& graph, uint64_t seed, int pairs,
                                 bool with_centrality) {
  const Topology& topology = graph.topology();
  const auto num_vertices = static_cast<uint32_t>(topology.vertex_ids.size());
  std::vector<std::string> answers;
  if (num_vertices == 0) return answers;
  SeededRandom random(seed);
  for (int i = 0; i < pairs; ++i) {
    const VertexIndex from = random.Below(num_vertices);
    const VertexIndex to = random.Below(num_vertices);
    PathOptions options;
    options.directed = random.Below(3) == 0;
    options.all = random.Below(2) == 0;
    options.max_paths = 20;
    if (random.Below(4) == 0) options.filter.types = {0, 1};
    if (random.Below(4) == 0) {
      options.filter.as_of = PartialDate::Parse(std::to_string(1995 + random.Below(30))).value();
    }
    if (random.Below(5) == 0) options.max_hops = 2;
    std::ostringstream line;
    line << topology.vertex_ids[from] << " to " << topology.vertex_ids[to]
         << (options.directed ? " directed" : "") << (options.all ? " all" : "") << " types "
         << options.filter.types.size() << " as of " << options.filter.as_of.ToString() << " max "
         << options.max_hops << ":";
    Result<std::vector<Path>> paths = graph.ShortestPaths(from, to, options);
    if (!paths) {
      line << " error " << paths.error().ToString();
    } else {
      for (const Path& path : *paths) line << " [" << DescribePath(topology, path) << "]";
    }
    answers.push_back(line.str());

    Result<Neighbourhood> hood = graph.Neighbours(from, 2, options.filter, options.directed);
    std::ostringstream near;
    near << "around " << topology.vertex_ids[from] << ":";
    if (!hood) {
      near << " error " << hood.error().ToString();
    } else {
      for (const NeighbourVertex& v : hood->vertices) {
        near << " " << topology.vertex_ids[v.vertex] << "@" << v.depth;
      }
      near << " |";
      for (EdgeIndex e : hood->edges) near << " " << topology.edge_relation_ids[e];
    }
    answers.push_back(near.str());
  }
  if (with_centrality) {
    Result<std::vector<CentralityScore>> scores = graph.Centrality(EdgeFilter{}, 20);
    std::ostringstream central;
    central << "central:";
    if (scores) {
      for (const CentralityScore& score : *scores) {
        central << " " << topology.vertex_ids[score.vertex] << "=" << score.betweenness << "/"
                << score.degree;
      }
    }
    answers.push_back(central.str());
  }
  return answers;
}

}  // namespace partnergraph::testing
