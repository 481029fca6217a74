#include "integration/synthetic_data.h"

#include <cstdint>

namespace partnergraph::testing {

std::string SyntheticJsonLines(const SyntheticOptions& options) {
  const std::string& p = options.prefix;
  std::string out;
  out.reserve(static_cast<size_t>(options.relations) * 260 +
              static_cast<size_t>(options.entities) * 120);
  out += R"({"record":"source","doc":")" + p + R"(.txt","title":"Synthetic )" + p +
         R"( dataset","language":"en"})"
         "\n";
  for (int e = 0; e < options.entities; ++e) {
    const std::string n = std::to_string(e);
    out += R"({"record":"entity","id":")" + p + "-e-" + n +
           R"(","kind":"institution","name":{"en":"Institute )" + p + " " + n +
           R"(","zh":"研究所)" + n + R"("},"aliases":[")" + p + "I" + n +
           R"("]})"
           "\n";
  }
  // A linear congruential walk: deterministic, spread over every entity.
  uint64_t state = 12345;
  auto next = [&state](uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  const auto entities = static_cast<uint64_t>(options.entities);
  for (int r = 0; r < options.relations; ++r) {
    const uint64_t from = next(entities);
    uint64_t to = next(entities - 1);
    if (to >= from) ++to;  // never a self-loop
    std::string from_id = p + "-e-" + std::to_string(from);
    std::string to_id = p + "-e-" + std::to_string(to);
    if (!options.other_prefix.empty() && options.other_entities > 0 && r % 10 == 0) {
      to_id = options.other_prefix + "-e-" +
              std::to_string(next(static_cast<uint64_t>(options.other_entities)));
    }
    const bool funds = r % 5 == 0;
    const int year = 2000 + static_cast<int>(next(20));
    out += R"({"record":"relation","id":")" + p + "-r-" + std::to_string(r) + R"(","type":")" +
           (funds ? "funds" : "partners_with") + R"(","from":")" + from_id + R"(","to":")" + to_id +
           R"(","title":"Cooperation )" + std::to_string(r) + R"(","since":")" +
           std::to_string(year) + R"(","until":")" + std::to_string(year + 3) + "\"";
    if (funds) {
      out += R"(,"amount":{"value":)" + std::to_string(1000 * (1 + next(1000))) +
             R"(,"currency":"USD"})";
    }
    out += R"(,"source":{"doc":")" + p + R"(.txt","quote":"They agreed to cooperate, )" +
           std::to_string(r) +
           R"(."}})"
           "\n";
  }
  return out;
}

}  // namespace partnergraph::testing
