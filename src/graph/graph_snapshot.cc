#include "partnergraph/graph_snapshot.h"

#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include "partnergraph/atomic_file.h"

#include "graph/adjacency_index.h"
#include "graph/graph_impl.h"
#include "graph/mapped_file.h"

namespace partnergraph {
namespace {

using graph::AdjacencyIndex;
using graph::GraphData;
using graph::MappedFile;
using graph::SnapshotAccess;

// The file: a header, a table of sections (offset and size in bytes), then
// the sections, each starting on an 8-byte boundary. Numbers are in the
// writer's byte order, recorded in the header so that another machine's file
// is refused rather than misread. The checksum is XXH3-64 of the whole file
// with the checksum field zero: it runs at memory speed (about 10 GB/s, five
// times zlib's crc32), and a query on a large graph checks every byte.
// DO NOT CHANGE without bumping kGraphSnapshotVersion.
constexpr std::array<char, 8> kMagic = {'P', 'G', 'R', 'A', 'P', 'H', 'S', 'N'};
constexpr std::array<char, 8> kRecordsMagic = {'P', 'G', 'R', 'E', 'C', 'O', 'R', 'D'};
constexpr uint32_t kByteOrderMark = 0x01020304;

struct Header {
  std::array<char, 8> magic;
  uint32_t version;
  uint32_t byte_order;
  uint64_t file_size;
  uint64_t checksum;
  uint32_t section_count;
  uint32_t reserved;
};
static_assert(sizeof(Header) == 40);

struct SectionEntry {
  uint64_t offset;
  uint64_t size;
};

// DO NOT CHANGE the order: it is the file's layout.
enum Section : uint32_t {
  kStoreState = 0,
  kVertexIdOffsets,
  kVertexIdChars,
  kVertexKinds,
  kKindNameOffsets,
  kKindNameChars,
  kTypeNameOffsets,
  kTypeNameChars,
  kTypeIsSymmetric,
  kEdgeFrom,
  kEdgeTo,
  kEdgeType,
  kEdgeSince,
  kEdgeUntil,
  kRelationIdOffsets,
  kRelationIdChars,
  kOutOffsets,
  kOutEdges,
  kInOffsets,
  kInEdges,
  kEdgeReported,  // since version 2
  kSectionCount
};

// The records' file (records.snapshot). DO NOT CHANGE the order.
enum RecordSection : uint32_t {
  kRecordsState = 0,
  kNameOffsets,
  kNameChars,
  kNameZhOffsets,
  kNameZhChars,
  kAliasOffsets,
  kAliasChars,
  kEntityFlags,
  kRelationFlags,
  kAmounts,
  kCurrencies,
  kSourceDocs,
  kCurrencyNameOffsets,
  kCurrencyNameChars,
  kSourceDocNameOffsets,
  kSourceDocNameChars,
  kTitleOffsets,
  kTitleChars,
  kRoleOffsets,
  kRoleChars,
  kQuoteOffsets,
  kQuoteChars,
  kRecordSectionCount
};

constexpr uint64_t kAlignment = 8;

uint64_t AlignUp(uint64_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

template <typename T>
std::span<const std::byte> Bytes(const Column<T>& column) {
  return std::as_bytes(column.span());
}

// Writes a snapshot file: header, section table, then the sections (the
// first is the store state), with the checksum of the whole.
template <size_t kCount>
Status WriteSections(const std::array<std::span<const std::byte>, kCount>& sections,
                     const std::array<char, 8>& magic, uint32_t version, const std::string& path) {
  std::array<SectionEntry, kCount> table{};
  uint64_t offset = AlignUp(sizeof(Header) + sizeof(table));
  for (size_t i = 0; i < kCount; ++i) {
    table[i] = SectionEntry{offset, sections[i].size()};
    offset = AlignUp(offset + sections[i].size());
  }
  Header header{};
  header.magic = magic;
  header.version = version;
  header.byte_order = kByteOrderMark;
  header.file_size = offset;
  header.checksum = 0;
  header.section_count = kCount;

  // The bytes are a function of the graph and the state alone (no times, no
  // padding left uninitialised), so concurrent writers agree.
  // Written beside the snapshot and renamed over it, synced (AtomicFile):
  // after a crash the name points to the old file or a complete new one.
  Result<std::unique_ptr<AtomicFile>> opened = AtomicFile::Open(path);
  if (!opened) return opened.error();
  AtomicFile& file = **opened;
  Status s;
  XXH3_state_t* hash = XXH3_createState();
  if (hash == nullptr) return Status::IOError("out of memory writing graph snapshot");
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> hash_owner(hash, &XXH3_freeState);
  XXH3_64bits_reset(hash);
  static constexpr std::array<char, kAlignment> kPadding{};
  uint64_t written = 0;
  auto emit = [&](const void* bytes, size_t size) {
    XXH3_64bits_update(hash, bytes, size);
    written += size;
    file.stream().write(static_cast<const char*>(bytes), static_cast<std::streamsize>(size));
    return file.stream() ? Status::Ok() : Status::IOError("cannot write graph snapshot " + path);
  };
  s = emit(&header, sizeof header);
  if (s.ok()) s = emit(table.data(), sizeof table);
  for (size_t i = 0; s.ok() && i < kCount; ++i) {
    if (written < table[i].offset) s = emit(kPadding.data(), table[i].offset - written);
    if (s.ok() && !sections[i].empty()) s = emit(sections[i].data(), sections[i].size());
  }
  if (s.ok() && written < header.file_size) s = emit(kPadding.data(), header.file_size - written);
  if (!s.ok()) return s;
  header.checksum = XXH3_64bits_digest(hash);
  file.stream().seekp(static_cast<std::streamoff>(offsetof(Header, checksum)));
  file.stream().write(reinterpret_cast<const char*>(&header.checksum), sizeof header.checksum);
  return file.Commit();
}

Status WriteSnapshotFile(const GraphData& data, std::string_view store_state,
                         const std::string& path) {
  const Topology& topology = data.topology;
  const AdjacencyIndex& index = data.index;
  Status valid = index.Validate(topology);
  if (!valid.ok()) {
    return Status::InvalidArgument("graph cannot be saved: " + valid.message());
  }
  // Small tables are re-encoded here; the large ones are written as they are.
  const StringTable kind_names(topology.kind_names);
  const StringTable type_names(topology.type_names);
  std::vector<uint8_t> type_is_symmetric(topology.type_is_symmetric.begin(),
                                         topology.type_is_symmetric.end());

  std::array<std::span<const std::byte>, kSectionCount> sections;
  sections[kStoreState] = std::as_bytes(std::span(store_state.data(), store_state.size()));
  sections[kVertexIdOffsets] = Bytes(topology.vertex_ids.offsets());
  sections[kVertexIdChars] = Bytes(topology.vertex_ids.chars());
  sections[kVertexKinds] = Bytes(topology.vertex_kinds);
  sections[kKindNameOffsets] = Bytes(kind_names.offsets());
  sections[kKindNameChars] = Bytes(kind_names.chars());
  sections[kTypeNameOffsets] = Bytes(type_names.offsets());
  sections[kTypeNameChars] = Bytes(type_names.chars());
  sections[kTypeIsSymmetric] = std::as_bytes(std::span(type_is_symmetric));
  sections[kEdgeFrom] = Bytes(topology.edges.from);
  sections[kEdgeTo] = Bytes(topology.edges.to);
  sections[kEdgeType] = Bytes(topology.edges.type);
  sections[kEdgeSince] = Bytes(topology.edges.since_first_day);
  sections[kEdgeUntil] = Bytes(topology.edges.until_last_day);
  sections[kRelationIdOffsets] = Bytes(topology.edge_relation_ids.offsets());
  sections[kRelationIdChars] = Bytes(topology.edge_relation_ids.chars());
  sections[kOutOffsets] = Bytes(index.out_offsets);
  sections[kOutEdges] = Bytes(index.out_edges);
  sections[kInOffsets] = Bytes(index.in_offsets);
  sections[kInEdges] = Bytes(index.in_edges);
  sections[kEdgeReported] = Bytes(topology.edges.reported_first_day);
  return WriteSections(sections, kMagic, kGraphSnapshotVersion, path);
}

Status WriteRecordsFile(const RecordColumns& records, std::string_view store_state,
                        const std::string& path) {
  std::array<std::span<const std::byte>, kRecordSectionCount> sections;
  sections[kRecordsState] = std::as_bytes(std::span(store_state.data(), store_state.size()));
  auto strings = [&sections](RecordSection offsets, const StringTable& table) {
    sections[offsets] = Bytes(table.offsets());
    sections[offsets + 1] = Bytes(table.chars());
  };
  strings(kNameOffsets, records.names);
  strings(kNameZhOffsets, records.names_zh);
  strings(kAliasOffsets, records.aliases);
  sections[kEntityFlags] = Bytes(records.entity_flags);
  sections[kRelationFlags] = Bytes(records.relation_flags);
  sections[kAmounts] = Bytes(records.amounts);
  sections[kCurrencies] = Bytes(records.currencies);
  sections[kSourceDocs] = Bytes(records.source_docs);
  strings(kCurrencyNameOffsets, records.currency_names);
  strings(kSourceDocNameOffsets, records.source_doc_names);
  strings(kTitleOffsets, records.titles);
  strings(kRoleOffsets, records.roles);
  strings(kQuoteOffsets, records.quotes);
  return WriteSections(sections, kRecordsMagic, kRecordsSnapshotVersion, path);
}

// Reads one section as an array of T, checking that it fits the file.
template <typename T>
Result<std::span<const T>> SectionAs(std::span<const std::byte> file, const SectionEntry& entry,
                                     const char* name) {
  if (entry.offset % kAlignment != 0 || entry.offset > file.size() ||
      entry.size > file.size() - entry.offset || entry.size % sizeof(T) != 0) {
    return Status::Corruption(std::string("section ") + name + " does not fit the file");
  }
  const auto* data = reinterpret_cast<const T*>(file.data() + entry.offset);
  return std::span<const T>(data, entry.size / sizeof(T));
}

// A string table's offsets must start at 0, never decrease and end within
// its characters, or view() would read outside the file.
Result<StringTable> StringTableAt(std::span<const std::byte> file, const SectionEntry& offsets,
                                  const SectionEntry& chars, const char* name,
                                  const std::shared_ptr<const MappedFile>& mapping) {
  Result<std::span<const uint32_t>> offset_span = SectionAs<uint32_t>(file, offsets, name);
  if (!offset_span) return offset_span.error();
  Result<std::span<const char>> char_span = SectionAs<char>(file, chars, name);
  if (!char_span) return char_span.error();
  const std::span<const uint32_t> ends = *offset_span;
  if (!ends.empty()) {
    bool ok = ends[0] == 0 && ends.back() <= char_span->size();
    for (size_t i = 1; ok && i < ends.size(); ++i) ok = ends[i - 1] <= ends[i];
    if (!ok) return Status::Corruption(std::string("string table ") + name + " is malformed");
  }
  return StringTable::View(ends, *char_span, mapping);
}

std::vector<std::string> Strings(const StringTable& table) {
  return std::vector<std::string>(table.begin(), table.end());
}

// XXH3-64 of the file with the header's checksum field taken as zero;
// nullopt when the hash state cannot be allocated (reported as a mismatch:
// an unverified snapshot is not used).
std::optional<uint64_t> ChecksumOf(std::span<const std::byte> file) {
  XXH3_state_t* hash = XXH3_createState();
  if (hash == nullptr) return std::nullopt;
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> hash_owner(hash, &XXH3_freeState);
  XXH3_64bits_reset(hash);
  const uint64_t zero = 0;
  constexpr size_t kChecksumAt = offsetof(Header, checksum);
  XXH3_64bits_update(hash, file.data(), kChecksumAt);
  XXH3_64bits_update(hash, &zero, sizeof zero);
  XXH3_64bits_update(hash, file.data() + kChecksumAt + sizeof zero,
                     file.size() - kChecksumAt - sizeof zero);
  return XXH3_64bits_digest(hash);
}

// A mapped snapshot file whose header, state and section table were
// checked, not yet its checksum.
template <size_t kCount>
struct MappedSections {
  std::shared_ptr<const MappedFile> mapping;
  std::span<const std::byte> file;
  std::array<SectionEntry, kCount> table{};
  uint64_t checksum = 0;
};

template <size_t kCount>
Result<MappedSections<kCount>> MapSections(const std::string& path, std::string_view store_state,
                                           const std::array<char, 8>& magic, uint32_t version) {
  Result<std::shared_ptr<const MappedFile>> mapped = MappedFile::Open(path);
  if (!mapped) return mapped.error();
  MappedSections<kCount> out;
  out.mapping = *mapped;
  out.file = out.mapping->bytes();
  const std::span<const std::byte> file = out.file;
  Header header{};
  if (file.size() < sizeof header + sizeof out.table) {
    return Status::Corruption("file is truncated");
  }
  std::memcpy(&header, file.data(), sizeof header);
  if (header.magic != magic) return Status::Corruption("not a snapshot of this kind");
  if (header.byte_order != kByteOrderMark) {
    return Status::NotSupported("written on a machine of another byte order");
  }
  if (header.version != version) {
    return Status::NotSupported("snapshot version " + std::to_string(header.version) +
                                ", this pgraph reads " + std::to_string(version));
  }
  if (header.file_size != file.size()) {
    return Status::Corruption("file is " + std::to_string(file.size()) +
                              " bytes, its header says " + std::to_string(header.file_size));
  }
  if (header.section_count != kCount) return Status::Corruption("wrong section count");
  std::memcpy(out.table.data(), file.data() + sizeof header, sizeof out.table);
  // The state first: a snapshot of another state is merely stale, and
  // costs no checksum pass to find out.
  Result<std::span<const char>> state = SectionAs<char>(file, out.table[0], "state");
  if (!state) return state.error();
  if (std::string_view(state->data(), state->size()) != store_state) {
    return Status::NotFound("snapshot is of another state of the database");
  }
  out.checksum = header.checksum;
  return out;
}

Result<Graph> GraphFromSections(std::span<const std::byte> file,
                                const std::array<SectionEntry, kSectionCount>& table,
                                const std::shared_ptr<const MappedFile>& mapping);

Result<Graph> MapSnapshot(const std::string& path, std::string_view store_state) {
  Result<MappedSections<kSectionCount>> sections =
      MapSections<kSectionCount>(path, store_state, kMagic, kGraphSnapshotVersion);
  if (!sections) return sections.error();
  const std::span<const std::byte> file = sections->file;
  // The checksum pass runs beside the structural checks (GraphFromSections, on its own
  // core where there is one): together they read every byte, and a cold
  // query waits for the longer of the two rather than both. The checks only
  // read inside the file whatever its bytes, so running them on a file the
  // checksum will reject is harmless; the checksum's verdict comes first.
  bool checksum_ok = false;
  std::jthread hasher([&checksum_ok, file, expected = sections->checksum] {
    checksum_ok = ChecksumOf(file) == expected;
  });
  Result<Graph> graph = GraphFromSections(file, sections->table, sections->mapping);
  hasher.join();
  if (!checksum_ok) return Status::Corruption("checksum mismatch");
  return graph;
}

// The records' columns viewed in the mapped file, after its checksum and
// the checks that every table fits the file and matches the graph.
Result<RecordColumns> MapRecords(const std::string& path, std::string_view store_state,
                                 size_t vertices, size_t edges) {
  Result<MappedSections<kRecordSectionCount>> sections =
      MapSections<kRecordSectionCount>(path, store_state, kRecordsMagic, kRecordsSnapshotVersion);
  if (!sections) return sections.error();
  const std::span<const std::byte> file = sections->file;
  if (ChecksumOf(file) != sections->checksum) return Status::Corruption("checksum mismatch");
  const auto& table = sections->table;
  const std::shared_ptr<const MappedFile>& mapping = sections->mapping;
  RecordColumns records;
  auto strings = [&](StringTable& out, RecordSection offsets, const char* name) -> Status {
    Result<StringTable> read =
        StringTableAt(file, table[offsets], table[offsets + 1], name, mapping);
    if (!read) return read.error();
    out = std::move(*read);
    return Status::Ok();
  };
  auto column = [&]<typename T>(Column<T>& out, RecordSection section, const char* name) -> Status {
    Result<std::span<const T>> span = SectionAs<T>(file, table[section], name);
    if (!span) return span.error();
    out = Column<T>::View(*span, mapping);
    return Status::Ok();
  };
  Status s = strings(records.names, kNameOffsets, "names");
  if (s.ok()) s = strings(records.names_zh, kNameZhOffsets, "Chinese names");
  if (s.ok()) s = strings(records.aliases, kAliasOffsets, "aliases");
  if (s.ok()) s = column(records.entity_flags, kEntityFlags, "entity flags");
  if (s.ok()) s = column(records.relation_flags, kRelationFlags, "relation flags");
  if (s.ok()) s = column(records.amounts, kAmounts, "amounts");
  if (s.ok()) s = column(records.currencies, kCurrencies, "currencies");
  if (s.ok()) s = column(records.source_docs, kSourceDocs, "source documents");
  if (s.ok()) s = strings(records.currency_names, kCurrencyNameOffsets, "currency names");
  if (s.ok()) s = strings(records.source_doc_names, kSourceDocNameOffsets, "document names");
  if (s.ok()) s = strings(records.titles, kTitleOffsets, "titles");
  if (s.ok()) s = strings(records.roles, kRoleOffsets, "roles");
  if (s.ok()) s = strings(records.quotes, kQuoteOffsets, "quotes");
  if (!s.ok()) return s;
  if (records.entity_flags.size() != vertices || records.relation_flags.size() != edges) {
    return Status::Corruption("the records do not match the graph's entities and relations");
  }
  if (std::optional<std::string> problem = records.Problem(vertices, edges)) {
    return Status::Corruption(*problem);
  }
  return records;
}

// The topology and index viewed in the mapped file, after checking that
// every table fits the file and the index stays within the tables.
Result<Graph> GraphFromSections(std::span<const std::byte> file,
                                const std::array<SectionEntry, kSectionCount>& table,
                                const std::shared_ptr<const MappedFile>& mapping) {
  Topology topology;
  Result<StringTable> vertex_ids =
      StringTableAt(file, table[kVertexIdOffsets], table[kVertexIdChars], "vertex ids", mapping);
  if (!vertex_ids) return vertex_ids.error();
  topology.vertex_ids = std::move(*vertex_ids);
  Result<StringTable> kind_names =
      StringTableAt(file, table[kKindNameOffsets], table[kKindNameChars], "kinds", mapping);
  if (!kind_names) return kind_names.error();
  topology.kind_names = Strings(*kind_names);
  Result<StringTable> type_names =
      StringTableAt(file, table[kTypeNameOffsets], table[kTypeNameChars], "types", mapping);
  if (!type_names) return type_names.error();
  topology.type_names = Strings(*type_names);
  Result<std::span<const uint8_t>> symmetric =
      SectionAs<uint8_t>(file, table[kTypeIsSymmetric], "symmetry");
  if (!symmetric) return symmetric.error();
  if (symmetric->size() != topology.type_names.size()) {
    return Status::Corruption("type symmetry does not match the types");
  }
  for (uint8_t flag : *symmetric) topology.type_is_symmetric.push_back(flag != 0);
  Result<StringTable> relation_ids = StringTableAt(
      file, table[kRelationIdOffsets], table[kRelationIdChars], "relation ids", mapping);
  if (!relation_ids) return relation_ids.error();
  topology.edge_relation_ids = std::move(*relation_ids);

  const size_t num_vertices = topology.vertex_ids.size();
  const size_t num_edges = topology.edge_relation_ids.size();
  bool sizes_ok = true;
  auto column = [&]<typename T>(Column<T>& out, Section section, size_t expected,
                                const char* name) -> Status {
    Result<std::span<const T>> span = SectionAs<T>(file, table[section], name);
    if (!span) return span.error();
    if (span->size() != expected) sizes_ok = false;
    out = Column<T>::View(*span, mapping);
    return Status::Ok();
  };
  AdjacencyIndex index;
  Status s = column(topology.vertex_kinds, kVertexKinds, num_vertices, "kinds");
  if (s.ok()) s = column(topology.edges.from, kEdgeFrom, num_edges, "from");
  if (s.ok()) s = column(topology.edges.to, kEdgeTo, num_edges, "to");
  if (s.ok()) s = column(topology.edges.type, kEdgeType, num_edges, "types");
  if (s.ok()) s = column(topology.edges.since_first_day, kEdgeSince, num_edges, "since");
  if (s.ok()) s = column(topology.edges.until_last_day, kEdgeUntil, num_edges, "until");
  if (s.ok()) {
    s = column(topology.edges.reported_first_day, kEdgeReported, num_edges, "reported since");
  }
  if (s.ok()) s = column(index.out_offsets, kOutOffsets, num_vertices + 1, "out offsets");
  if (s.ok()) {
    const size_t out_edges = table[kOutEdges].size / sizeof(EdgeIndex);
    s = column(index.out_edges, kOutEdges, out_edges, "out edges");
  }
  if (s.ok()) s = column(index.in_offsets, kInOffsets, num_vertices + 1, "in offsets");
  if (s.ok()) {
    const size_t in_edges = table[kInEdges].size / sizeof(EdgeIndex);
    s = column(index.in_edges, kInEdges, in_edges, "in edges");
  }
  if (!s.ok()) return s;
  if (!sizes_ok) return Status::Corruption("table sizes disagree");
  for (uint16_t kind : topology.vertex_kinds) {
    if (kind >= topology.kind_names.size()) return Status::Corruption("vertex kind out of range");
  }
  s = index.Validate(topology);
  if (!s.ok()) return s;
  return SnapshotAccess::MakeGraph(GraphData(std::move(topology), std::move(index)));
}

}  // namespace

Status WriteGraphSnapshot(const Graph& graph, std::string_view store_state,
                          const std::string& path) {
  try {
    return WriteSnapshotFile(SnapshotAccess::Data(graph), store_state, path);
  } catch (const std::exception& e) {
    return Status::IOError("cannot write graph snapshot " + path + ": " + e.what());
  }
}

Status WriteRecordsSnapshot(const Topology& topology, std::string_view store_state,
                            const std::string& path) {
  const RecordColumns& records = topology.records;
  if (records.entity_flags.size() != topology.vertex_ids.size() ||
      records.relation_flags.size() != topology.edges.size()) {
    return Status::InvalidArgument("records cannot be saved: they do not match the graph");
  }
  if (std::optional<std::string> problem =
          records.Problem(topology.vertex_ids.size(), topology.edges.size())) {
    return Status::InvalidArgument("records cannot be saved: " + *problem);
  }
  try {
    return WriteRecordsFile(records, store_state, path);
  } catch (const std::exception& e) {
    return Status::IOError("cannot write records snapshot " + path + ": " + e.what());
  }
}

Result<RecordColumns> OpenRecordsSnapshot(const std::string& path, std::string_view store_state,
                                          const Topology& topology) {
  try {
    Result<RecordColumns> records =
        MapRecords(path, store_state, topology.vertex_ids.size(), topology.edges.size());
    if (!records && records.error().code() != StatusCode::kNotFound &&
        records.error().code() != StatusCode::kIOError) {
      return records.error().WithContext("records snapshot " + path);
    }
    return records;
  } catch (const std::exception& e) {
    return Status::IOError("cannot read records snapshot " + path + ": " + e.what());
  }
}

Result<Graph> OpenGraphSnapshot(const std::string& path, std::string_view store_state) {
  try {
    Result<Graph> graph = MapSnapshot(path, store_state);
    if (!graph && graph.error().code() != StatusCode::kNotFound &&
        graph.error().code() != StatusCode::kIOError) {
      return graph.error().WithContext("graph snapshot " + path);
    }
    return graph;
  } catch (const std::exception& e) {
    return Status::IOError("cannot read graph snapshot " + path + ": " + e.what());
  }
}

}  // namespace partnergraph
