// Opens a PartnerGraph database read-only, prints the shortest path from
// China to Cambodia hop by hop, then China's funding totals.
//
//   path_and_funding DB
#include <cstddef>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "partnergraph/database.h"

namespace pg = partnergraph;

namespace {

int Fail(const pg::Status& status) {
  std::fprintf(stderr, "path_and_funding: %s\n", status.ToString().c_str());
  return 1;
}

int Run(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DB\n", argv[0]);
    return 2;
  }
  pg::Result<std::unique_ptr<pg::Database>> opened = pg::Database::Open(argv[1]);
  if (!opened) return Fail(opened.error());
  const pg::Database& db = **opened;

  // Entities are named as a user types them: an id, a name or an alias.
  pg::PathRequest path_request;
  path_request.from = "china";
  path_request.to = "cambodia";
  pg::Result<pg::PathResult> found = db.Path(path_request);
  if (!found) return Fail(found.error());
  const char* from = found->from_id.c_str();
  const char* to = found->to_id.c_str();
  if (found->paths.empty()) {
    std::printf("No path from %s to %s.\n", from, to);
  } else {
    const pg::FoundPath& path = found->paths.front();
    std::printf("Shortest path from %s to %s, %zu hops:\n", from, to, path.relations.size());
    for (size_t i = 0; i < path.entities.size(); ++i) {
      const pg::Entity& entity = found->EntityOf(path, i);
      std::printf("  %s  %s\n", entity.id.c_str(), entity.name.en.c_str());
      if (i == path.relations.size()) break;
      const pg::Relation& relation = found->RelationOf(path, i);
      // Paths follow relations either way; the arrow shows the relation's own direction.
      const bool forward = relation.from == entity.id;
      std::printf("    %s%s%s  (relation %s)\n", forward ? "--" : "<--", relation.type.c_str(),
                  forward ? "-->" : "--", relation.id.c_str());
    }
  }

  pg::FundsRequest funds_request;
  funds_request.funder = "china";
  pg::Result<pg::FundsResult> funds = db.Funds(funds_request);
  if (!funds) return Fail(funds.error());
  std::printf("\nFunding by %s, per recipient class and currency:\n", from);
  for (const pg::FundingTotal& total : funds->report.totals) {
    std::printf("  %-13s  %s %.0f  (%zu flows)\n", pg::RecipientClassName(total.recipients),
                total.currency.c_str(), total.amount, total.flows);
  }
  std::printf("  and %zu flows without an amount\n", funds->report.flows_without_amount);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The library reports failures as Status values; this catches only what
  // the standard library throws (std::bad_alloc).
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "path_and_funding: %s\n", e.what());
    return 1;
  }
}
