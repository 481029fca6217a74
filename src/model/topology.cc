#include "partnergraph/topology.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace partnergraph {

StringTable::StringTable(std::initializer_list<std::string_view> strings) {
  for (std::string_view text : strings) push_back(text);
}

StringTable::StringTable(const std::vector<std::string>& strings) {
  for (const std::string& text : strings) push_back(text);
}

StringTable StringTable::View(std::span<const uint32_t> offsets, std::span<const char> chars,
                              const std::shared_ptr<const void>& keep_alive) {
  StringTable table;
  table.offsets_ = Column<uint32_t>::View(offsets, keep_alive);
  table.chars_ = Column<char>::View(chars, keep_alive);
  return table;
}

void StringTable::push_back(std::string_view text) {
  // Offsets are 4 bytes to keep ids small in memory; a table past 4 GiB of
  // characters (hundreds of millions of ids) is beyond what it is for.
  const size_t end = chars_.size() + text.size();
  if (end > std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("string table exceeds 4 GiB of characters");
  }
  if (offsets_.empty()) offsets_.push_back(0);
  const size_t old_size = chars_.size();
  chars_.resize(end);
  std::copy(text.begin(), text.end(), chars_.mutable_data() + old_size);
  offsets_.push_back(static_cast<uint32_t>(end));
}

void StringTable::reserve(size_t strings, size_t chars) {
  offsets_.reserve(strings + 1);
  chars_.reserve(chars);
}

void StringTable::clear() {
  offsets_.clear();
  chars_.clear();
}

std::optional<size_t> StringTable::FindSorted(std::string_view text) const {
  size_t low = 0;
  size_t high = size();
  while (low < high) {
    const size_t mid = low + (high - low) / 2;
    if (view(mid) < text) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  if (low == size() || view(low) != text) return std::nullopt;
  return low;
}

bool operator==(const StringTable& a, const StringTable& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

void EdgeTable::push_back(const TopologyEdge& edge) {
  from.push_back(edge.from);
  to.push_back(edge.to);
  type.push_back(edge.type);
  since_first_day.push_back(edge.since_first_day);
  until_last_day.push_back(edge.until_last_day);
  reported_first_day.push_back(edge.reported_first_day);
}

void EdgeTable::reserve(size_t count) {
  from.reserve(count);
  to.reserve(count);
  type.reserve(count);
  since_first_day.reserve(count);
  until_last_day.reserve(count);
  reported_first_day.reserve(count);
}

void EdgeTable::clear() {
  from.clear();
  to.clear();
  type.clear();
  since_first_day.clear();
  until_last_day.clear();
  reported_first_day.clear();
}

size_t EdgeTable::MemoryBytes() const {
  return from.MemoryBytes() + to.MemoryBytes() + type.MemoryBytes() +
         since_first_day.MemoryBytes() + until_last_day.MemoryBytes() +
         reported_first_day.MemoryBytes();
}

EdgeTable::operator std::vector<TopologyEdge>() const {
  std::vector<TopologyEdge> edges;
  edges.reserve(size());
  for (size_t e = 0; e < size(); ++e) edges.push_back((*this)[e]);
  return edges;
}

std::optional<VertexIndex> Topology::FindVertex(std::string_view id) const {
  const std::optional<size_t> index = vertex_ids.FindSorted(id);
  if (!index) return std::nullopt;
  return static_cast<VertexIndex>(*index);
}

std::optional<TypeIndex> Topology::FindType(std::string_view type) const {
  for (size_t i = 0; i < type_names.size(); ++i) {
    if (type_names[i] == type) return static_cast<TypeIndex>(i);
  }
  return std::nullopt;
}

size_t Topology::MemoryBytes() const {
  return vertex_ids.MemoryBytes() + vertex_kinds.MemoryBytes() + edges.MemoryBytes() +
         edge_relation_ids.MemoryBytes();
}

}  // namespace partnergraph
