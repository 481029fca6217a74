#include "generated_graphs.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "partnergraph/date.h"

namespace partnergraph::testing {
namespace {

std::string Numbered(const char* prefix, uint32_t n, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%0*u", prefix, width, n);
  return buffer;
}

PartialDate RandomDate(SeededRandom& random) {
  const int year = 1990 + static_cast<int>(random.Below(35));
  std::string text = std::to_string(year);
  const uint32_t precision = random.Below(3);
  if (precision >= 1) text += Numbered("-", 1 + random.Below(12), 2);
  if (precision >= 2) text += Numbered("-", 1 + random.Below(28), 2);
  Result<PartialDate> date = PartialDate::Parse(text);
  return date.has_value() ? *date : PartialDate();
}

}  // namespace

uint64_t SeededRandom::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Topology GenerateTopology(uint64_t seed, const GraphShape& shape) {
  SeededRandom random(seed);
  Topology topology;
  for (uint32_t v = 0; v < shape.num_vertices; ++v) {
    topology.vertex_ids.push_back(Numbered("v", v, 5));
    topology.vertex_kinds.push_back(static_cast<uint16_t>(random.Below(3)));
  }
  topology.kind_names = {"igo", "country", "project"};
  topology.type_names = {"funds", "mou", "member_of", "partners_with"};
  topology.type_is_symmetric = {false, true, false, true};
  std::vector<TopologyEdge> edges;
  std::vector<std::string> ids;
  for (uint32_t r = 0; r < shape.num_relations; ++r) {
    TopologyEdge edge;
    edge.from = random.Skewed(shape.num_vertices);
    const uint32_t shape_of_edge = random.Below(20);
    if (shape_of_edge == 0) {
      edge.to = edge.from;  // a self-loop
    } else if (shape_of_edge == 1 && !edges.empty()) {
      edge.to = edges.back().to;  // often parallel to the previous relation
      edge.from = edges.back().from;
    } else {
      edge.to = random.Below(shape.num_vertices);
    }
    edge.type = static_cast<TypeIndex>(random.Below(4));
    if (random.Below(2) == 0) edge.since_first_day = RandomDate(random).FirstDay();
    if (random.Below(3) == 0) {
      edge.until_last_day = std::max(edge.since_first_day, RandomDate(random).LastDay());
    }
    edges.push_back(edge);
    // Ids not in index order, so that id order and index order differ.
    ids.push_back(Numbered("r", (r * 7919U) % shape.num_relations, 6));
  }
  std::vector<size_t> order(edges.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (shape.sorted_by_from) {
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return edges[a].from < edges[b].from; });
  }
  for (size_t i : order) {
    topology.edges.push_back(edges[i]);
    topology.edge_relation_ids.push_back(ids[i]);
  }
  return topology;
}

Dataset GenerateDataset(uint64_t seed, uint32_t num_entities, uint32_t num_relations) {
  SeededRandom random(seed);
  Dataset dataset;
  static constexpr const char* kOrganisationKinds[] = {"igo", "country", "ministry", "trade_union",
                                                       "un_entity"};
  std::vector<std::string> ids;
  std::vector<bool> is_project;
  for (uint32_t n = 0; n < num_entities; ++n) {
    Entity entity;
    const bool project = n % 4 == 3;
    entity.id = project ? Numbered("proj-", n, 6) : Numbered("org-", n, 6);
    entity.kind = project ? "project" : kOrganisationKinds[random.Below(5)];
    entity.name.en = (project ? "Project " : "Organisation ") + std::to_string(n);
    if (random.Below(3) == 0) entity.name.zh = "机构" + std::to_string(n);
    if (random.Below(4) == 0) entity.aliases.push_back("O" + std::to_string(n));
    if (random.Below(5) == 0) entity.attributes["founded"] = std::to_string(1900 + n % 120);
    ids.push_back(entity.id);
    is_project.push_back(project);
    dataset.entities.push_back({std::move(entity), SourceLocation{"generated", 0, 0, -1}});
  }
  static constexpr const char* kToOrganisation[] = {"mou", "partners_with", "funds", "member_of",
                                                    "co_leads"};
  static constexpr const char* kToProject[] = {"partners_with", "funds", "leads",
                                               "participates_in"};
  for (uint32_t n = 0; n < num_relations; ++n) {
    Relation relation;
    relation.id = Numbered("rel-", n, 7);
    uint32_t from = random.Skewed(num_entities);
    while (is_project[from]) from = random.Below(num_entities);
    uint32_t to = random.Below(num_entities);
    if (to == from) to = (to + 1) % num_entities;
    relation.from = ids[from];
    relation.to = ids[to];
    relation.type = is_project[to] ? kToProject[random.Below(4)] : kToOrganisation[random.Below(5)];
    if (random.Below(2) == 0) relation.since = RandomDate(random);
    if (random.Below(4) == 0) {
      const PartialDate until = RandomDate(random);
      if (relation.since.empty() || until.LastDay() >= relation.since.FirstDay()) {
        relation.until = until;
      }
    }
    if (relation.type == "funds" && random.Below(2) == 0) {
      relation.amount = Amount{static_cast<double>(1000 * (1 + random.Below(5000))), "USD"};
    }
    if (random.Below(8) == 0) relation.title = "Agreement " + std::to_string(n);
    dataset.relations.push_back({std::move(relation), SourceLocation{"generated", 0, 0, -1}});
  }
  return dataset;
}

}  // namespace partnergraph::testing
