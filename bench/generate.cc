// pg_generate: writes a deterministic, realistic partnership graph of a given
// number of relations in the formats `pgraph import` reads, for benchmarks.
//
//   pg_generate --relations 1m [--seed 42] [--out DIR] [--formats jsonl,csv,kuzu]
//   pg_generate --iati-activities 100k [--seed 42] [--out DIR]
//
// The same seed and size give byte-identical files on every machine: the
// random numbers come from our own xoshiro256** and our own conversions, never
// from <random>'s distributions (whose output the standard leaves to each
// library).
//
// The shape: ~200 real countries, the UN system, IFIs, regional bodies and
// forums (world.h) form the hubs; eight ministries, a trade union centre and
// an employers' federation per country; and a long tail that grows with the
// size: projects (one per eight relations), institutions, initiatives, events,
// instruments, country offices. Each relation type of data/schema.json gets a
// fixed share of the relations, its ends drawn from pools ranked by
// importance with Zipf weights, so degrees follow a power law (the first UN
// agency ends with tens of thousands of links at 1M relations). Every project
// has at least one funder, implementer and beneficiary; funding carries
// amounts in the funder's currency; relations carry partial dates
// (2019, 2019-06, 2019-06-14) and cite one of the generated source documents.
//
// Files (in DIR):
//   graph.jsonl                      JSON Lines: sources, entities, relations
//   nodes.csv, edges.csv, sources.csv  the CSV tables of `pgraph export --format csv`
//   kuzu_edges.csv                   edges.csv with from,to as the first columns
//                                    (Kùzu's COPY wants them there)
//   meta.json                        counts, the largest hubs, 100 fixed query pairs
//   pairs.txt                        the same pairs, "from to" a line
//   activities.xml                   with --iati-activities N (instead of the
//                                    rest): N IATI 2.03 activities
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "world.h"

namespace partnergraph::bench {
namespace {

// xoshiro256** seeded with splitmix64: fast, and the same everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) {
      seed += 0x9E3779B97F4A7C15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      word = z ^ (z >> 31);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n.
  uint64_t Below(uint64_t n) { return Next() % n; }
  bool Chance(double p) { return Uniform() < p; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4] = {};
};

enum Kind : uint8_t {
  kIgo,
  kUnEntity,
  kIfi,
  kCountry,
  kMinistry,
  kTradeUnion,
  kEmployersOrg,
  kRegionalOrg,
  kForum,
  kProject,
  kInitiative,
  kInstitution,
  kOffice,
  kInstrument,
  kEvent,
  kKindCount
};

constexpr const char* kKindNames[kKindCount] = {
    "igo",         "un_entity",     "ifi",          "country",    "ministry",
    "trade_union", "employers_org", "regional_org", "forum",      "project",
    "initiative",  "institution",   "office",       "instrument", "event"};

Kind KindFromName(std::string_view name) {
  for (int k = 0; k < kKindCount; ++k) {
    if (name == kKindNames[k]) return static_cast<Kind>(k);
  }
  std::fprintf(stderr, "pg_generate: unknown kind %.*s in world.h\n", static_cast<int>(name.size()),
               name.data());
  std::exit(1);
}

struct GenEntity {
  std::string id;
  Kind kind;
  std::string name_en;
  std::string name_zh;
  std::vector<std::string> aliases;
  std::string attr_key;  // one attribute at most ("country", "sector"), "" for none
  std::string attr_value;
};

// Picks from a ranked pool with Zipf weights 1/(rank+1)^s.
class ZipfPool {
 public:
  ZipfPool() = default;
  ZipfPool(std::vector<uint32_t> members, double exponent) : members_(std::move(members)) {
    cumulative_.reserve(members_.size());
    double total = 0;
    for (size_t rank = 0; rank < members_.size(); ++rank) {
      total += exponent == 0 ? 1.0 : 1.0 / std::pow(static_cast<double>(rank + 1), exponent);
      cumulative_.push_back(total);
    }
  }
  bool empty() const { return members_.empty(); }
  size_t size() const { return members_.size(); }
  uint32_t Pick(Rng& rng) const {
    const double target = rng.Uniform() * cumulative_.back();
    size_t i =
        std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin();
    if (i >= members_.size()) i = members_.size() - 1;
    return members_[i];
  }
  uint32_t Uniform(Rng& rng) const { return members_[rng.Below(members_.size())]; }

 private:
  std::vector<uint32_t> members_;
  std::vector<double> cumulative_;
};

// A buffered output file; exits on any I/O error (a benchmark tool has no
// caller to hand an error to).
class OutFile {
 public:
  OutFile() = default;
  void Open(const std::string& path) {
    path_ = path;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) Die("cannot create");
    buffer_.reserve(kFlushBytes + 4096);
  }
  ~OutFile() { Close(); }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  bool is_open() const { return file_ != nullptr; }
  void Put(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  void Put(char c) { buffer_.push_back(c); }
  void PutNumber(uint64_t value) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, end);
  }
  // A JSON string literal, quotes included.
  void PutJsonString(std::string_view text) {
    buffer_.push_back('"');
    for (char c : text) {
      if (c == '"' || c == '\\') {
        buffer_.push_back('\\');
        buffer_.push_back(c);
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        buffer_.append(escaped);
      } else {
        buffer_.push_back(c);
      }
    }
    buffer_.push_back('"');
  }
  // A CSV cell (RFC 4180): quoted only when it holds a comma, quote or newline.
  void PutCsvCell(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
      buffer_.append(text);
      return;
    }
    buffer_.push_back('"');
    for (char c : text) {
      if (c == '"') buffer_.push_back('"');
      buffer_.push_back(c);
    }
    buffer_.push_back('"');
  }
  void Flush() {
    if (file_ == nullptr || buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      Die("cannot write");
    buffer_.clear();
  }
  void Close() {
    if (file_ == nullptr) return;
    Flush();
    if (std::fclose(file_) != 0) Die("cannot close");
    file_ = nullptr;
  }

 private:
  static constexpr size_t kFlushBytes = 1 << 20;
  [[noreturn]] void Die(const char* what) {
    std::fprintf(stderr, "pg_generate: %s %s: %s\n", what, path_.c_str(), std::strerror(errno));
    std::exit(1);
  }
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

struct Options {
  uint64_t iati_activities = 0;  // > 0: write activities.xml only
  uint64_t relations = 10000;
  uint64_t seed = 42;
  std::string out = ".";
  bool jsonl = true;
  bool csv = true;
  bool kuzu = false;
};

// A relation being written; views point into entities and static text.
struct GenRelation {
  std::string_view type;
  uint32_t from = 0;
  uint32_t to = 0;
  std::string title;
  std::string since;
  std::string until;
  uint64_t amount = 0;  // 0: none
  std::string_view currency;
  std::string_view role;
};

constexpr int kSourceCount = 24;

std::string ZeroPadded(uint64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width - static_cast<int>(digits.size())), '0');
  }
  return digits;
}

class Generator {
 public:
  explicit Generator(const Options& options)
      : options_(options),
        rng_(options.seed),
        width_(std::max<int>(7, static_cast<int>(std::to_string(options.relations).size()))) {}

  void Run() {
    MakeEntities();
    MakePools();
    OpenFiles();
    WriteSources();
    WriteEntities();
    MakeRelations();
    CloseFiles();
    WriteMeta();
  }

 private:
  template <size_t N>
  static const char* Any(Rng& rng, const char* const (&words)[N]) {
    return words[rng.Below(N)];
  }

  uint32_t Add(GenEntity entity) {
    entities_.push_back(std::move(entity));
    return static_cast<uint32_t>(entities_.size() - 1);
  }

  // ---- entities -----------------------------------------------------------

  void MakeEntities() {
    const uint64_t n = options_.relations;
    for (const CountryInfo& c : kCountries) {
      const uint32_t index = Add({c.id, kCountry, c.name_en, c.name_zh, {}, "", ""});
      countries_.push_back(index);
      country_currency_.push_back(c.currency);
      if (c.donor_rank > 0) {
        donors_.push_back(index);
      } else {
        recipients_.push_back(index);
      }
    }
    for (const BodyInfo& b : kBodies) {
      GenEntity entity{b.id, KindFromName(b.kind), b.name_en, b.name_zh, {}, "", ""};
      if (*b.acronym != '\0') entity.aliases.emplace_back(b.acronym);
      const uint32_t index = Add(std::move(entity));
      bodies_by_kind_[entities_[index].kind].push_back(index);
    }
    for (size_t c = 0; c < countries_.size(); ++c) {
      // Copies: Add() may move entities_.
      const GenEntity country = entities_[countries_[c]];
      for (const MinistryInfo& m : kMinistries) {
        const uint32_t index = Add({country.id + "-" + m.suffix,
                                    kMinistry,
                                    std::string(m.name_en) + " (" + country.name_en + ")",
                                    "",
                                    {m.acronym},
                                    "country",
                                    country.id});
        ministries_.push_back(index);
        ministry_country_.push_back(static_cast<uint32_t>(c));
      }
      unions_.push_back(Add({country.id + "-tuc",
                             kTradeUnion,
                             country.name_en + " Trade Union Congress",
                             "",
                             {},
                             "country",
                             country.id}));
      employers_.push_back(Add({country.id + "-employers",
                                kEmployersOrg,
                                country.name_en + " Federation of Employers",
                                "",
                                {},
                                "country",
                                country.id}));
    }
    // Country offices of the twelve busiest UN agencies in recipient countries.
    const uint64_t office_count =
        std::min<uint64_t>(12 * recipients_.size(), std::max<uint64_t>(20, n / 400));
    const std::vector<uint32_t>& agencies = bodies_by_kind_[kUnEntity];
    for (uint64_t i = 0; i < office_count; ++i) {
      const uint32_t agency = agencies[i % 12];
      const uint32_t country = recipients_[(i / 12) % recipients_.size()];
      const GenEntity a = entities_[agency];
      const GenEntity c = entities_[country];
      offices_.push_back(
          Add({"office-" + a.id + "-" + c.id,
               kOffice,
               (a.aliases.empty() ? a.name_en : a.aliases[0]) + " Country Office for " + c.name_en,
               "",
               {},
               "country",
               c.id}));
      office_agency_.push_back(agency);
      office_country_.push_back(country);
    }
    // Conventions, then other instruments.
    for (int number : kConventionNumbers) {
      instruments_.push_back(Add({"inst-c" + ZeroPadded(static_cast<uint64_t>(number), 3),
                                  kInstrument,
                                  "ILO Convention No. " + std::to_string(number),
                                  "",
                                  {"C" + ZeroPadded(static_cast<uint64_t>(number), 3)},
                                  "",
                                  ""}));
    }
    const uint64_t other_instruments = std::max<uint64_t>(10, n / 1000);
    for (uint64_t i = 0; i < other_instruments; ++i) {
      const char* topic = Any(rng_, kTopics);
      static constexpr const char* kForms[] = {"Declaration on", "Strategy for",   "Agreement on",
                                               "Charter of",     "Action Plan on", "Framework for"};
      instruments_.push_back(
          Add({"inst-" + ZeroPadded(i + 1, 6),
               kInstrument,
               std::string(Any(rng_, kPlaceWords)) + " " + Any(rng_, kForms) + " " + topic,
               "",
               {},
               "",
               ""}));
    }
    const uint64_t institution_count = std::max<uint64_t>(100, n / 40);
    for (uint64_t i = 0; i < institution_count; ++i) {
      const GenEntity& country = entities_[countries_[rng_.Below(countries_.size())]];
      institutions_.push_back(
          Add({"org-" + ZeroPadded(i + 1, 6),
               kInstitution,
               std::string(Any(rng_, kPlaceWords)) + " " + Any(rng_, kTopics) + " " +
                   Any(rng_, kInstitutionWords) + " of " + country.name_en,
               "",
               {},
               "country",
               country.id}));
    }
    const uint64_t initiative_count = std::max<uint64_t>(20, n / 400);
    for (uint64_t i = 0; i < initiative_count; ++i) {
      static constexpr const char* kCoalitions[] = {"Alliance", "Coalition", "Partnership",
                                                    "Campaign", "Compact",   "Network"};
      initiatives_.push_back(Add({"init-" + ZeroPadded(i + 1, 5),
                                  kInitiative,
                                  std::string(Any(rng_, kPlaceWords)) + " " +
                                      Any(rng_, kCoalitions) + " for " + Any(rng_, kTopics),
                                  "",
                                  {},
                                  "",
                                  ""}));
    }
    const uint64_t event_count = std::max<uint64_t>(30, n / 150);
    for (uint64_t i = 0; i < event_count; ++i) {
      events_.push_back(
          Add({"event-" + ZeroPadded(i + 1, 6),
               kEvent,
               std::string(Any(rng_, kPlaceWords)) + " " + Any(rng_, kTopics) + " " +
                   Any(rng_, kEventWords) + " " + std::to_string(1995 + rng_.Below(30)),
               "",
               {},
               "",
               ""}));
    }
    // One project per eight relations: with one funder, implementer and
    // beneficiary each, projects take 3/8 of the relations, and more below.
    const uint64_t project_count = std::max<uint64_t>(50, n / 8);
    projects_.reserve(project_count);
    project_country_.reserve(project_count);
    for (uint64_t i = 0; i < project_count; ++i) {
      const uint32_t country = recipients_[rng_.Below(recipients_.size())];
      const char* topic = Any(rng_, kTopics);
      std::string name =
          std::string(topic) + " " + Any(rng_, kProjectWords) + " in " + entities_[country].name_en;
      if (rng_.Chance(0.2)) name += " (Phase " + std::to_string(2 + rng_.Below(3)) + ")";
      projects_.push_back(Add({"proj-" + ZeroPadded(i + 1, width_ - 1),
                               kProject,
                               std::move(name),
                               "",
                               {},
                               "sector",
                               topic}));
      project_country_.push_back(country);
    }
  }

  // A deterministic shuffle (Fisher-Yates on our Rng).
  std::vector<uint32_t> Shuffled(std::vector<uint32_t> members) {
    for (size_t i = members.size(); i > 1; --i) std::swap(members[i - 1], members[rng_.Below(i)]);
    return members;
  }

  static void Append(std::vector<uint32_t>& to, const std::vector<uint32_t>& from) {
    to.insert(to.end(), from.begin(), from.end());
  }

  void MakePools() {
    const auto& un = bodies_by_kind_[kUnEntity];
    const auto& ifi = bodies_by_kind_[kIfi];
    const auto& igo = bodies_by_kind_[kIgo];
    const auto& regional = bodies_by_kind_[kRegionalOrg];
    const auto& forum = bodies_by_kind_[kForum];
    const auto& foundations = bodies_by_kind_[kInstitution];
    const std::vector<uint32_t> shuffled_institutions = Shuffled(institutions_);
    const std::vector<uint32_t> shuffled_ministries = Shuffled(ministries_);

    // Who funds: donor States by rank, the IFIs, the EU, foundations and
    // pass-through funds, then the UN agencies, then a few thousand NGOs.
    std::vector<uint32_t> funders = donors_;
    Append(funders, ifi);
    funders.push_back(regional[0]);  // the EU
    Append(funders, foundations);
    Append(funders, igo);
    Append(funders, un);
    // Donors' foreign ministries (their aid agencies).
    for (size_t m = 0; m < ministries_.size(); ++m) {
      const bool is_donor = kCountries[ministry_country_[m]].donor_rank > 0;
      if (is_donor && std::string_view(kMinistries[m % std::size(kMinistries)].suffix) == "mofa") {
        funders.push_back(ministries_[m]);
      }
    }
    for (size_t i = 0; i < shuffled_institutions.size() / 10; ++i) {
      funders.push_back(shuffled_institutions[i]);
    }
    funders_ = ZipfPool(funders, 1.1);

    // Who implements: the UN agencies (UNDP first: the largest hub), NGOs,
    // ministries, country offices.
    std::vector<uint32_t> implementers = un;
    Append(implementers, shuffled_institutions);
    Append(implementers, shuffled_ministries);
    Append(implementers, offices_);
    implementers_ = ZipfPool(implementers, 1.0);

    beneficiaries_ = ZipfPool(Shuffled(recipients_), 0.9);
    local_bodies_ = ZipfPool(Shuffled([&] {
                               std::vector<uint32_t> v = ministries_;
                               Append(v, unions_);
                               Append(v, employers_);
                               return v;
                             }()),
                             0.0);

    // Any organisation, most networked first.
    std::vector<uint32_t> orgs = un;
    Append(orgs, ifi);
    Append(orgs, igo);
    Append(orgs, regional);
    Append(orgs, forum);
    Append(orgs, donors_);
    Append(orgs, bodies_by_kind_[kTradeUnion]);
    Append(orgs, bodies_by_kind_[kEmployersOrg]);
    Append(orgs, foundations);
    Append(orgs, Shuffled(recipients_));
    Append(orgs, shuffled_institutions);
    Append(orgs, shuffled_ministries);
    Append(orgs, Shuffled(unions_));
    Append(orgs, Shuffled(employers_));
    Append(orgs, offices_);
    orgs_ = ZipfPool(orgs, 1.0);

    // Bodies one joins or observes.
    std::vector<uint32_t> bodies = un;
    Append(bodies, igo);
    Append(bodies, ifi);
    Append(bodies, regional);
    Append(bodies, forum);
    memberships_ = ZipfPool(bodies, 0.6);
    std::vector<uint32_t> agencies = un;
    Append(agencies, igo);
    agencies_ = ZipfPool(agencies, 1.0);
    std::vector<uint32_t> contribution_targets = un;
    Append(contribution_targets, igo);
    Append(contribution_targets, ifi);
    contribution_targets_ = ZipfPool(contribution_targets, 1.0);

    countries_pool_ = ZipfPool(countries_, 0.0);
    projects_pool_ = ZipfPool(projects_, 0.0);
    initiatives_pool_ = ZipfPool(initiatives_, 0.9);
    events_pool_ = ZipfPool(events_, 0.7);
    instruments_pool_ = ZipfPool(instruments_, 1.0);
    institutions_pool_ = ZipfPool(shuffled_institutions, 0.8);
    ministries_pool_ = ZipfPool(shuffled_ministries, 0.0);
  }

  // ---- files --------------------------------------------------------------

  void OpenFiles() {
    const std::string& dir = options_.out;
    if (options_.jsonl) jsonl_.Open(dir + "/graph.jsonl");
    if (options_.csv) {
      nodes_.Open(dir + "/nodes.csv");
      edges_.Open(dir + "/edges.csv");
      sources_.Open(dir + "/sources.csv");
      nodes_.Put("id,kind,name_en,name_zh,aliases,attributes\n");
      edges_.Put(
          "id,type,from,to,title,since,until,amount,currency,role,attributes,source_doc,"
          "source_quote\n");
      sources_.Put("doc,title,language,url\n");
    }
    if (options_.kuzu) {
      kuzu_edges_.Open(dir + "/kuzu_edges.csv");
      kuzu_edges_.Put(
          "from,to,id,type,title,since,until,amount,currency,role,source_doc,"
          "source_quote\n");
    }
  }

  void CloseFiles() {
    jsonl_.Close();
    nodes_.Close();
    edges_.Close();
    sources_.Close();
    kuzu_edges_.Close();
  }

  static std::string SourceDoc(int i) {
    return "gen-iati-activities-" + ZeroPadded(static_cast<uint64_t>(i + 1), 2) + ".xml";
  }

  void WriteSources() {
    for (int i = 0; i < kSourceCount; ++i) {
      const std::string doc = SourceDoc(i);
      const std::string title =
          "Generated IATI activity file " + std::to_string(i + 1) + " (synthetic, for benchmarks)";
      const std::string url = "https://example.org/partnergraph/bench/" + doc;
      if (jsonl_.is_open()) {
        jsonl_.Put(R"({"record":"source","doc":)");
        jsonl_.PutJsonString(doc);
        jsonl_.Put(R"(,"title":)");
        jsonl_.PutJsonString(title);
        jsonl_.Put(R"(,"language":"en","url":)");
        jsonl_.PutJsonString(url);
        jsonl_.Put("}\n");
      }
      if (sources_.is_open()) {
        sources_.PutCsvCell(doc);
        sources_.Put(',');
        sources_.PutCsvCell(title);
        sources_.Put(",en,");
        sources_.PutCsvCell(url);
        sources_.Put('\n');
      }
    }
  }

  void WriteEntities() {
    std::string joined;
    std::string attributes;
    for (const GenEntity& e : entities_) {
      attributes.clear();
      if (!e.attr_key.empty()) {
        attributes = "{\"" + e.attr_key + "\":\"" + e.attr_value + "\"}";  // slugs and words
      }
      if (jsonl_.is_open()) {
        jsonl_.Put(R"({"record":"entity","id":)");
        jsonl_.PutJsonString(e.id);
        jsonl_.Put(R"(,"kind":")");
        jsonl_.Put(kKindNames[e.kind]);
        jsonl_.Put(R"(","name":{"en":)");
        jsonl_.PutJsonString(e.name_en);
        if (!e.name_zh.empty()) {
          jsonl_.Put(R"(,"zh":)");
          jsonl_.PutJsonString(e.name_zh);
        }
        jsonl_.Put('}');
        if (!e.aliases.empty()) {
          jsonl_.Put(R"(,"aliases":[)");
          for (size_t i = 0; i < e.aliases.size(); ++i) {
            if (i > 0) jsonl_.Put(',');
            jsonl_.PutJsonString(e.aliases[i]);
          }
          jsonl_.Put(']');
        }
        if (!attributes.empty()) {
          jsonl_.Put(R"(,"attributes":)");
          jsonl_.Put(attributes);
        }
        jsonl_.Put("}\n");
      }
      if (nodes_.is_open()) {
        nodes_.PutCsvCell(e.id);
        nodes_.Put(',');
        nodes_.Put(kKindNames[e.kind]);
        nodes_.Put(',');
        nodes_.PutCsvCell(e.name_en);
        nodes_.Put(',');
        nodes_.PutCsvCell(e.name_zh);
        nodes_.Put(',');
        joined.clear();
        for (size_t i = 0; i < e.aliases.size(); ++i) {
          if (i > 0) joined.push_back('|');
          joined += e.aliases[i];
        }
        nodes_.PutCsvCell(joined);
        nodes_.Put(',');
        nodes_.PutCsvCell(attributes);
        nodes_.Put('\n');
      }
    }
  }

  // ---- relations ----------------------------------------------------------

  // A period: since in 1990-2024 (recent years likelier), given as a year,
  // month or day; until, when set, one to eight years later.
  void MakePeriod(GenRelation& r, double p_since, double p_until) {
    r.since.clear();
    r.until.clear();
    if (!rng_.Chance(p_since)) return;
    const int year = 1990 + static_cast<int>(35 * std::sqrt(rng_.Uniform()));
    const double precision = rng_.Uniform();
    char text[32];
    if (precision < 0.5) {
      std::snprintf(text, sizeof text, "%04d", year);
    } else if (precision < 0.8) {
      std::snprintf(text, sizeof text, "%04d-%02d", year, 1 + static_cast<int>(rng_.Below(12)));
    } else {
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, 1 + static_cast<int>(rng_.Below(12)),
                    1 + static_cast<int>(rng_.Below(28)));
    }
    r.since = text;
    if (rng_.Chance(p_until)) {
      const int until_year = year + 1 + static_cast<int>(rng_.Below(8));
      if (rng_.Chance(0.6)) {
        std::snprintf(text, sizeof text, "%04d", until_year);
      } else {
        std::snprintf(text, sizeof text, "%04d-%02d", until_year,
                      1 + static_cast<int>(rng_.Below(12)));
      }
      r.until = text;
    }
  }

  std::string_view FunderCurrency(uint32_t funder) {
    const GenEntity& e = entities_[funder];
    if (e.kind == kCountry) {
      const size_t c = funder - countries_[0];
      const double p = rng_.Uniform();
      if (p < 0.6) return country_currency_[c];
      return p < 0.9 ? "USD" : "EUR";
    }
    if (e.kind == kRegionalOrg) return "EUR";
    return rng_.Chance(0.85) ? "USD" : "EUR";
  }

  // Log-uniform from 10 thousand to 50 million, rounded to the thousand.
  uint64_t Amount() {
    const double value = std::pow(10.0, 4.0 + 3.7 * rng_.Uniform());
    return static_cast<uint64_t>(value / 1000.0) * 1000 + 1000;
  }

  static uint64_t PairKey(uint32_t from, uint32_t to, int type) {
    return (static_cast<uint64_t>(from) << 34) ^ (static_cast<uint64_t>(to) << 5) ^
           static_cast<uint64_t>(type);
  }

  void Emit(const GenRelation& r) {
    ++written_;
    ++degree_[r.from];
    ++degree_[r.to];
    const std::string id = "r-" + ZeroPadded(written_, width_);
    const GenEntity& from = entities_[r.from];
    const GenEntity& to = entities_[r.to];
    const std::string doc = SourceDoc(static_cast<int>(rng_.Below(kSourceCount)));
    std::string quote = "activity ";
    quote += std::to_string(written_);
    if (r.amount != 0) {
      quote += ": ";
      quote += r.currency;
      quote += ' ';
      quote += std::to_string(r.amount);
    }
    if (jsonl_.is_open()) {
      jsonl_.Put(R"({"record":"relation","id":")");
      jsonl_.Put(id);
      jsonl_.Put(R"(","type":")");
      jsonl_.Put(r.type);
      jsonl_.Put(R"(","from":")");
      jsonl_.Put(from.id);
      jsonl_.Put(R"(","to":")");
      jsonl_.Put(to.id);
      jsonl_.Put('"');
      if (!r.title.empty()) {
        jsonl_.Put(R"(,"title":)");
        jsonl_.PutJsonString(r.title);
      }
      if (!r.since.empty()) {
        jsonl_.Put(R"(,"since":")");
        jsonl_.Put(r.since);
        jsonl_.Put('"');
      }
      if (!r.until.empty()) {
        jsonl_.Put(R"(,"until":")");
        jsonl_.Put(r.until);
        jsonl_.Put('"');
      }
      if (r.amount != 0) {
        jsonl_.Put(R"(,"amount":{"value":)");
        jsonl_.PutNumber(r.amount);
        jsonl_.Put(R"(,"currency":")");
        jsonl_.Put(r.currency);
        jsonl_.Put("\"}");
      }
      if (!r.role.empty()) {
        jsonl_.Put(R"(,"role":)");
        jsonl_.PutJsonString(r.role);
      }
      jsonl_.Put(R"(,"source":{"doc":")");
      jsonl_.Put(doc);
      jsonl_.Put(R"(","quote":)");
      jsonl_.PutJsonString(quote);
      jsonl_.Put("}}\n");
    }
    auto put_rest = [&](OutFile& out) {
      out.PutCsvCell(r.title);
      out.Put(',');
      out.Put(r.since);
      out.Put(',');
      out.Put(r.until);
      out.Put(',');
      if (r.amount != 0) out.PutNumber(r.amount);
      out.Put(',');
      if (r.amount != 0) out.Put(r.currency);
      out.Put(',');
      out.PutCsvCell(r.role);
    };
    if (edges_.is_open()) {
      edges_.Put(id);
      edges_.Put(',');
      edges_.Put(r.type);
      edges_.Put(',');
      edges_.Put(from.id);
      edges_.Put(',');
      edges_.Put(to.id);
      edges_.Put(',');
      put_rest(edges_);
      edges_.Put(",,");  // no attributes
      edges_.Put(doc);
      edges_.Put(',');
      edges_.PutCsvCell(quote);
      edges_.Put('\n');
    }
    if (kuzu_edges_.is_open()) {
      kuzu_edges_.Put(from.id);
      kuzu_edges_.Put(',');
      kuzu_edges_.Put(to.id);
      kuzu_edges_.Put(',');
      kuzu_edges_.Put(id);
      kuzu_edges_.Put(',');
      kuzu_edges_.Put(r.type);
      kuzu_edges_.Put(',');
      put_rest(kuzu_edges_);
      kuzu_edges_.Put(',');
      kuzu_edges_.Put(doc);
      kuzu_edges_.Put(',');
      kuzu_edges_.PutCsvCell(quote);
      kuzu_edges_.Put('\n');
    }
  }

  // Draws ends with `draw` until they make a new (from, type, to) triple,
  // when `unique`; gives up on uniqueness after a few tries (a saturated
  // small pool) and falls back to `fallback`, whose space is large.
  template <typename Draw, typename Fallback>
  bool DrawEnds(GenRelation& r, int type, bool unique, Draw draw, Fallback fallback) {
    for (int attempt = 0; attempt < 12; ++attempt) {
      draw(r);
      if (r.from == r.to) continue;
      if (!unique || seen_.insert(PairKey(r.from, r.to, type)).second) return true;
    }
    for (int attempt = 0; attempt < 12; ++attempt) {
      fallback(r);
      if (r.from == r.to) continue;
      if (!unique || seen_.insert(PairKey(r.from, r.to, type)).second) return true;
    }
    return false;
  }

  enum TypeIndex {
    kFunds,
    kImplements,
    kBenefits,
    kPartOf,
    kLeads,
    kMemberOf,
    kRatified,
    kMou,
    kPartnersWith,
    kParticipatesIn,
    kOrganises,
    kEndorses,
    kCoLeads,
    kCoChairs,
    kObserverAt,
    kSecretariatOf,
    kCovers,
    kFoundingMemberOf,
    kTypeCount
  };

  struct TypeShare {
    const char* name;
    double share;  // of all relations
  };
  static constexpr TypeShare kShares[kTypeCount] = {
      {"funds", 0.22},           {"implements", 0.16}, {"benefits", 0.18},
      {"part_of", 0.04},         {"leads", 0.02},      {"member_of", 0.08},
      {"ratified", 0.02},        {"mou", 0.05},        {"partners_with", 0.07},
      {"participates_in", 0.07}, {"organises", 0.01},  {"endorses", 0.02},
      {"co_leads", 0.01},        {"co_chairs", 0.005}, {"observer_at", 0.01},
      {"secretariat_of", 0.005}, {"covers", 0.02},     {"founding_member_of", 0.01},
  };

  uint32_t AnyUndertaking() {
    const double p = rng_.Uniform();
    if (p < 0.6) return projects_pool_.Uniform(rng_);
    if (p < 0.85) return initiatives_pool_.Pick(rng_);
    return events_pool_.Pick(rng_);
  }

  // Fills r.from and r.to for one relation of `type` (the ends only).
  void DrawGeneric(int type, GenRelation& r) {
    switch (type) {
      case kFunds: {
        r.from = funders_.Pick(rng_);
        const double p = rng_.Uniform();
        r.to = p < 0.75  ? projects_pool_.Uniform(rng_)
               : p < 0.9 ? contribution_targets_.Pick(rng_)
                         : initiatives_pool_.Pick(rng_);
        break;
      }
      case kImplements: {
        r.from = implementers_.Pick(rng_);
        const double p = rng_.Uniform();
        if (p < 0.85) {
          r.to = projects_pool_.Uniform(rng_);
        } else if (p < 0.95) {
          r.to = initiatives_pool_.Pick(rng_);
        } else {
          r.from = ministries_pool_.Uniform(rng_);
          r.to = instruments_pool_.Pick(rng_);
        }
        break;
      }
      case kBenefits:
        r.from = rng_.Chance(0.9) ? projects_pool_.Uniform(rng_) : initiatives_pool_.Pick(rng_);
        r.to = rng_.Chance(0.85) ? beneficiaries_.Pick(rng_) : local_bodies_.Uniform(rng_);
        break;
      case kPartOf:
        if (rng_.Chance(0.8)) {
          r.from = projects_pool_.Uniform(rng_);
          r.to = initiatives_pool_.Pick(rng_);
        } else {
          r.from = events_pool_.Uniform(rng_);
          r.to = initiatives_pool_.Pick(rng_);
        }
        break;
      case kLeads:
        r.from = implementers_.Pick(rng_);
        r.to = rng_.Chance(0.7) ? projects_pool_.Uniform(rng_) : initiatives_pool_.Pick(rng_);
        break;
      case kMemberOf: {
        const double p = rng_.Uniform();
        if (p < 0.4) {
          r.from = countries_pool_.Uniform(rng_);
          r.to = memberships_.Pick(rng_);
        } else if (p < 0.75) {
          r.from = institutions_pool_.Uniform(rng_);
          r.to = rng_.Chance(0.8) ? initiatives_pool_.Pick(rng_) : memberships_.Pick(rng_);
        } else {
          r.from = local_bodies_.Uniform(rng_);
          r.to = initiatives_pool_.Pick(rng_);
        }
        break;
      }
      case kRatified:
        r.from = countries_pool_.Uniform(rng_);
        r.to = instruments_pool_.Pick(rng_);
        break;
      case kMou:
        r.from = orgs_.Pick(rng_);
        r.to = orgs_.Pick(rng_);
        break;
      case kPartnersWith:
        r.from = orgs_.Pick(rng_);
        r.to = rng_.Chance(0.6) ? orgs_.Pick(rng_) : AnyUndertaking();
        break;
      case kParticipatesIn:
        r.from = orgs_.Pick(rng_);
        r.to = rng_.Chance(0.8) ? events_pool_.Pick(rng_) : initiatives_pool_.Pick(rng_);
        break;
      case kOrganises:
        r.from = orgs_.Pick(rng_);
        r.to = events_pool_.Uniform(rng_);
        break;
      case kEndorses:
        r.from = orgs_.Pick(rng_);
        r.to = rng_.Chance(0.6) ? instruments_pool_.Pick(rng_) : initiatives_pool_.Pick(rng_);
        break;
      case kCoLeads:
      case kFoundingMemberOf:
        r.from = orgs_.Pick(rng_);
        r.to = initiatives_pool_.Pick(rng_);
        break;
      case kCoChairs:
        r.from = orgs_.Pick(rng_);
        r.to = rng_.Chance(0.7) ? initiatives_pool_.Pick(rng_) : events_pool_.Pick(rng_);
        break;
      case kObserverAt:
        r.from = orgs_.Pick(rng_);
        r.to = memberships_.Pick(rng_);
        break;
      case kSecretariatOf:
        r.from = agencies_.Pick(rng_);
        r.to = rng_.Chance(0.7) ? initiatives_pool_.Pick(rng_) : instruments_pool_.Pick(rng_);
        break;
      case kCovers:
        r.from = projects_pool_.Uniform(rng_);
        r.to = beneficiaries_.Pick(rng_);
        break;
      default:
        break;
    }
  }

  // Everything about a relation but its ends.
  void Decorate(int type, GenRelation& r) {
    r.type = kShares[type].name;
    r.title.clear();
    r.amount = 0;
    r.currency = {};
    r.role = {};
    switch (type) {
      case kFunds:
        MakePeriod(r, 0.95, 0.7);
        if (rng_.Chance(0.92)) {
          r.amount = Amount();
          r.currency = FunderCurrency(r.from);
        }
        break;
      case kImplements:
      case kBenefits:
      case kLeads:
      case kCovers:
        MakePeriod(r, 0.8, 0.6);
        break;
      case kMou:
        MakePeriod(r, 0.97, 0.3);
        r.title = std::string("Memorandum of Understanding on ") + Any(rng_, kTopics);
        break;
      case kPartnersWith:
        MakePeriod(r, 0.6, 0.3);
        if (rng_.Chance(0.3)) r.title = std::string("Partnership on ") + Any(rng_, kTopics);
        break;
      case kCoLeads:
        MakePeriod(r, 0.8, 0.4);
        r.role = "co-lead";
        break;
      case kCoChairs:
        MakePeriod(r, 0.8, 0.6);
        r.role = "co-chair";
        break;
      case kFoundingMemberOf:
        MakePeriod(r, 0.9, 0.0);
        r.role = "founding member";
        break;
      case kRatified:
        MakePeriod(r, 0.95, 0.0);
        break;
      default:
        MakePeriod(r, 0.5, 0.2);
        break;
    }
  }

  void MakeRelations() {
    const uint64_t n = options_.relations;
    degree_.assign(entities_.size(), 0);
    seen_.reserve(static_cast<size_t>(n));
    std::vector<uint64_t> budget(kTypeCount);
    uint64_t assigned = 0;
    for (int t = 0; t < kTypeCount; ++t) {
      budget[t] = static_cast<uint64_t>(std::floor(kShares[t].share * static_cast<double>(n)));
      assigned += budget[t];
    }
    budget[kPartnersWith] += n - assigned;  // rounding
    by_type_.assign(kTypeCount, 0);

    GenRelation r;
    // `charged` is the type whose budget pays for it (see the fallback below).
    auto emit = [&](int type, int charged) {
      Decorate(type, r);
      Emit(r);
      ++by_type_[type];
      --budget[charged];
    };
    auto structural = [&](int type, uint32_t from, uint32_t to) {
      if (budget[type] == 0) return;
      r.from = from;
      r.to = to;
      seen_.insert(PairKey(from, to, type));
      emit(type, type);
    };

    // Every project: one funder, one implementer, its country as beneficiary.
    for (size_t p = 0; p < projects_.size(); ++p) {
      structural(kFunds, funders_.Pick(rng_), projects_[p]);
      uint32_t implementer = implementers_.Pick(rng_);
      structural(kImplements, implementer, projects_[p]);
      structural(kBenefits, projects_[p], project_country_[p]);
    }
    // Offices belong to their agency and cover their country; ministries
    // are part of their government; unions and employers join their
    // internationals.
    for (size_t o = 0; o < offices_.size(); ++o) {
      structural(kPartOf, offices_[o], office_agency_[o]);
      structural(kCovers, offices_[o], office_country_[o]);
    }
    for (size_t m = 0; m < ministries_.size(); ++m) {
      structural(kPartOf, ministries_[m], countries_[ministry_country_[m]]);
    }
    const uint32_t ituc = bodies_by_kind_[kTradeUnion][0];
    const uint32_t ioe = bodies_by_kind_[kEmployersOrg][0];
    for (uint32_t u : unions_) structural(kMemberOf, u, ituc);
    for (uint32_t e : employers_) structural(kMemberOf, e, ioe);

    // The rest, type by type, interleaved so that no type is starved by
    // rounding: a round-robin weighted by what is left.
    uint64_t left = 0;
    for (uint64_t b : budget) left += b;
    while (left > 0) {
      // Pick a type with probability proportional to its remaining budget.
      uint64_t target = rng_.Below(left);
      int type = 0;
      while (target >= budget[type]) target -= budget[type++];
      const bool unique = type != kFunds && type != kMou;
      const bool ok = DrawEnds(
          r, type, unique, [&](GenRelation& rel) { DrawGeneric(type, rel); },
          [&](GenRelation& rel) {
            // Fallbacks with room: institutions joining initiatives, or a
            // partnership between two of the long tail.
            rel.from = institutions_pool_.Uniform(rng_);
            rel.to = AnyUndertaking();
          });
      if (!ok) {  // practically never: accept a parallel relation
        DrawGeneric(type, r);
        if (r.from == r.to) r.to = projects_pool_.Uniform(rng_);
      }
      // A fallback may not fit the type's endpoint kinds: then it becomes a
      // partnership, which allows any organisation or undertaking.
      emit(FitsType(type, r) ? type : kPartnersWith, type);
      --left;
    }
    // Every generated relation is listed exactly once.
    if (written_ != n) {
      std::fprintf(stderr, "pg_generate: internal error: %llu relations for %llu\n",
                   static_cast<unsigned long long>(written_), static_cast<unsigned long long>(n));
      std::exit(1);
    }
  }

  static bool IsOrganisation(Kind k) {
    return k != kProject && k != kInitiative && k != kEvent && k != kInstrument;
  }
  static bool IsUndertaking(Kind k) { return k == kProject || k == kInitiative || k == kEvent; }

  // Only the fallback (an institution and an undertaking) can miss a type's
  // endpoint kinds: institutions are organisations, so it fits every type
  // whose from side takes an organisation and to side an undertaking.
  bool FitsType(int type, const GenRelation& r) const {
    const Kind from = entities_[r.from].kind;
    const Kind to = entities_[r.to].kind;
    switch (type) {
      case kBenefits:
        return (IsUndertaking(from) || from == kInstrument) && IsOrganisation(to);
      case kRatified:
        return from == kCountry && to == kInstrument;
      case kMou:
      case kObserverAt:
        return IsOrganisation(from) && IsOrganisation(to);
      case kCovers:
        return to != kProject && IsOrganisation(to);
      case kOrganises:
        return IsOrganisation(from) && (to == kEvent || to == kInitiative || to == kProject);
      case kPartOf:
        return true;
      default:
        return IsOrganisation(from) &&
               (IsOrganisation(to) || IsUndertaking(to) || to == kInstrument);
    }
  }

  // ---- meta ---------------------------------------------------------------

  void WriteMeta() {
    std::vector<uint32_t> order(entities_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::partial_sort(order.begin(), order.begin() + std::min<size_t>(10, order.size()),
                      order.end(), [&](uint32_t a, uint32_t b) {
                        return degree_[a] != degree_[b] ? degree_[a] > degree_[b]
                                                        : entities_[a].id < entities_[b].id;
                      });
    // 100 fixed pairs of linked entities, from their own stream of numbers
    // so they do not move when the graph's generation changes.
    Rng pair_rng(options_.seed ^ 0x5041495253ULL);
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    while (pairs.size() < 100) {
      const auto a = static_cast<uint32_t>(pair_rng.Below(entities_.size()));
      const auto b = static_cast<uint32_t>(pair_rng.Below(entities_.size()));
      if (a == b || degree_[a] == 0 || degree_[b] == 0) continue;
      pairs.emplace_back(a, b);
    }
    OutFile meta;
    meta.Open(options_.out + "/meta.json");
    meta.Put("{\n  \"generator\": \"pg_generate\",\n  \"seed\": ");
    meta.PutNumber(options_.seed);
    meta.Put(",\n  \"relations\": ");
    meta.PutNumber(written_);
    meta.Put(",\n  \"entities\": ");
    meta.PutNumber(entities_.size());
    meta.Put(",\n  \"sources\": ");
    meta.PutNumber(kSourceCount);
    meta.Put(",\n  \"by_type\": {");
    for (int t = 0; t < kTypeCount; ++t) {
      meta.Put(t == 0 ? "\"" : ", \"");
      meta.Put(kShares[t].name);
      meta.Put("\": ");
      meta.PutNumber(by_type_[t]);
    }
    meta.Put("},\n  \"by_kind\": {");
    std::vector<uint64_t> by_kind(kKindCount, 0);
    for (const GenEntity& e : entities_) ++by_kind[e.kind];
    for (int k = 0; k < kKindCount; ++k) {
      meta.Put(k == 0 ? "\"" : ", \"");
      meta.Put(kKindNames[k]);
      meta.Put("\": ");
      meta.PutNumber(by_kind[k]);
    }
    meta.Put("},\n  \"hubs\": [");
    for (size_t i = 0; i < std::min<size_t>(10, order.size()); ++i) {
      meta.Put(i == 0 ? "{\"id\": " : ", {\"id\": ");
      meta.PutJsonString(entities_[order[i]].id);
      meta.Put(", \"degree\": ");
      meta.PutNumber(degree_[order[i]]);
      meta.Put("}");
    }
    meta.Put("],\n  \"pairs\": [");
    OutFile pairs_txt;
    pairs_txt.Open(options_.out + "/pairs.txt");
    for (size_t i = 0; i < pairs.size(); ++i) {
      meta.Put(i == 0 ? "[" : ", [");
      meta.PutJsonString(entities_[pairs[i].first].id);
      meta.Put(", ");
      meta.PutJsonString(entities_[pairs[i].second].id);
      meta.Put("]");
      pairs_txt.Put(entities_[pairs[i].first].id);
      pairs_txt.Put(' ');
      pairs_txt.Put(entities_[pairs[i].second].id);
      pairs_txt.Put('\n');
    }
    meta.Put("]\n}\n");
  }

  const Options options_;
  Rng rng_;
  const int width_;  // digits of relation ids

  std::vector<GenEntity> entities_;
  std::vector<uint32_t> countries_, donors_, recipients_, ministries_, unions_, employers_,
      offices_, instruments_, institutions_, initiatives_, events_, projects_;
  std::vector<std::string_view> country_currency_;
  std::vector<uint32_t> ministry_country_;  // index into countries_, parallel to ministries_
  std::vector<uint32_t> office_agency_, office_country_, project_country_;
  std::vector<uint32_t> bodies_by_kind_[kKindCount];

  ZipfPool funders_, implementers_, beneficiaries_, local_bodies_, orgs_, memberships_, agencies_,
      contribution_targets_, countries_pool_, projects_pool_, initiatives_pool_, events_pool_,
      instruments_pool_, institutions_pool_, ministries_pool_;

  OutFile jsonl_, nodes_, edges_, sources_, kuzu_edges_;
  uint64_t written_ = 0;
  std::vector<uint32_t> degree_;
  std::vector<uint64_t> by_type_;
  std::unordered_set<uint64_t> seen_;
};

// "10k", "1m", "5M", "2500000".
bool ParseCount(std::string_view text, uint64_t& value) {
  uint64_t multiplier = 1;
  if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) {
    multiplier = 1000;
    text.remove_suffix(1);
  } else if (!text.empty() && (text.back() == 'm' || text.back() == 'M')) {
    multiplier = 1000000;
    text.remove_suffix(1);
  }
  uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number == 0) return false;
  value = number * multiplier;
  return true;
}

// N IATI 2.03 activities for `pgraph import`: each reported by one of 500
// organisations (XX-BENCH-ORG-k), funded by a donor and implemented by
// another, for one country, with two or three transactions: incoming funds
// from the donor's activity, and every third activity disbursing part of it
// to the next, which reports the incoming side, so chains run through the
// file as they do through real ones.
void WriteIati(const Options& options) {
  static constexpr const char* kCountries[] = {
      "KH", "LA", "VN", "TH", "MM", "ID", "PH", "NP", "BD", "PK", "AF", "ET", "KE", "TZ", "UG",
      "RW", "MW", "MZ", "ZM", "GH", "NG", "SN", "CI", "ML", "HT", "BO", "PE", "GT", "HN", "NI"};
  static constexpr const char* kCurrencies[] = {"USD", "EUR", "GBP", "CHF"};
  constexpr uint64_t kOrganisations = 500;
  Rng rng(options.seed);
  const std::string path = options.out + "/activities.xml";
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "pg_generate: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    std::exit(1);
  }
  std::fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n",
             out);
  auto org = [](uint64_t k) { return "XX-BENCH-ORG-" + std::to_string(k); };
  auto activity_id = [](uint64_t a) { return "XX-BENCH-A" + std::to_string(a); };
  for (uint64_t a = 0; a < options.iati_activities; ++a) {
    const uint64_t reporter = rng.Below(kOrganisations);
    const uint64_t donor = rng.Below(kOrganisations);
    const uint64_t implementer = rng.Below(kOrganisations);
    const char* currency = kCurrencies[rng.Below(std::size(kCurrencies))];
    const int year = 2010 + static_cast<int>(rng.Below(15));
    const uint64_t amount = 1000 * (1 + rng.Below(5000));
    const std::string id = activity_id(a);
    std::fprintf(out,
                 " <iati-activity default-currency=\"%s\">\n"
                 "  <iati-identifier>%s</iati-identifier>\n"
                 "  <reporting-org ref=\"%s\" type=\"%d\"><narrative>Organisation %llu"
                 "</narrative></reporting-org>\n"
                 "  <title><narrative>Benchmark activity %llu</narrative>"
                 "<narrative xml:lang=\"fr\">Activit\u00e9 %llu</narrative></title>\n"
                 "  <description><narrative>Generated for the IATI import benchmark."
                 "</narrative></description>\n"
                 "  <participating-org ref=\"%s\" role=\"1\" type=\"10\"><narrative>"
                 "Organisation %llu</narrative></participating-org>\n"
                 "  <participating-org ref=\"%s\" role=\"4\" type=\"21\"><narrative>"
                 "Organisation %llu</narrative></participating-org>\n"
                 "  <activity-status code=\"2\"/>\n"
                 "  <activity-date iso-date=\"%d-01-15\" type=\"2\"/>\n"
                 "  <recipient-country code=\"%s\" percentage=\"100\"/>\n"
                 "  <transaction><transaction-type code=\"1\"/>"
                 "<transaction-date iso-date=\"%d-02-01\"/><value>%llu</value>"
                 "<provider-org ref=\"%s\" provider-activity-id=\"XX-BENCH-D%llu\">"
                 "<narrative>Organisation %llu</narrative></provider-org></transaction>\n",
                 currency, id.c_str(), org(reporter).c_str(), reporter % 2 == 0 ? 40 : 21,
                 static_cast<unsigned long long>(reporter), static_cast<unsigned long long>(a),
                 static_cast<unsigned long long>(a), org(donor).c_str(),
                 static_cast<unsigned long long>(donor), org(implementer).c_str(),
                 static_cast<unsigned long long>(implementer), year,
                 kCountries[rng.Below(std::size(kCountries))], year,
                 static_cast<unsigned long long>(amount), org(donor).c_str(),
                 static_cast<unsigned long long>(a), static_cast<unsigned long long>(donor));
    if (a % 3 == 0 && a + 1 < options.iati_activities) {
      std::fprintf(out,
                   "  <transaction><transaction-type code=\"3\"/>"
                   "<transaction-date iso-date=\"%d-06-01\"/><value>%llu</value>"
                   "<receiver-org ref=\"%s\" receiver-activity-id=\"%s\"/></transaction>\n",
                   year, static_cast<unsigned long long>(amount / 2), org(implementer).c_str(),
                   activity_id(a + 1).c_str());
    }
    if (a % 3 == 1) {
      std::fprintf(out,
                   "  <transaction><transaction-type code=\"1\"/>"
                   "<transaction-date iso-date=\"%d-06-03\"/><value>%llu</value>"
                   "<provider-org ref=\"%s\" provider-activity-id=\"%s\"/></transaction>\n",
                   year, static_cast<unsigned long long>(1000 * (1 + rng.Below(100))),
                   org(reporter).c_str(), activity_id(a - 1).c_str());
    }
    std::fputs(" </iati-activity>\n", out);
  }
  std::fputs("</iati-activities>\n", out);
  if (std::fclose(out) != 0) {
    std::fprintf(stderr, "pg_generate: write failed: %s\n", path.c_str());
    std::exit(1);
  }
}

int Usage(const char* message) {
  if (message != nullptr) std::fprintf(stderr, "pg_generate: %s\n", message);
  std::fprintf(stderr,
               "usage: pg_generate --relations N[k|m] [--seed S] [--out DIR] "
               "[--formats jsonl,csv,kuzu]\n"
               "       pg_generate --iati-activities N[k|m] [--seed S] [--out DIR]\n"
               "Writes a deterministic synthetic partnership graph of N relations, or an IATI\n"
               "activity file of N activities (DIR/activities.xml).\n");
  return 2;
}

}  // namespace
}  // namespace partnergraph::bench

int main(int argc, char** argv) {
  using namespace partnergraph::bench;  // NOLINT(google-build-using-namespace): main only
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      Usage(nullptr);
      return 0;
    }
    if (i + 1 >= argc) return Usage("missing value after an option");
    const std::string_view value = argv[++i];
    if (arg == "--relations") {
      if (!ParseCount(value, options.relations)) return Usage("bad --relations");
      if (options.relations < 1000) return Usage("--relations must be at least 1000");
    } else if (arg == "--iati-activities") {
      if (!ParseCount(value, options.iati_activities) || options.iati_activities == 0) {
        return Usage("bad --iati-activities");
      }
    } else if (arg == "--seed") {
      if (!ParseCount(value, options.seed)) return Usage("bad --seed");
    } else if (arg == "--out") {
      options.out = value;
    } else if (arg == "--formats") {
      options.jsonl = value.find("jsonl") != std::string_view::npos;
      options.csv = value.find("csv") != std::string_view::npos;
      options.kuzu = value.find("kuzu") != std::string_view::npos;
    } else {
      return Usage("unknown option");
    }
  }
  const auto start = std::chrono::steady_clock::now();
  if (options.iati_activities > 0) {
    WriteIati(options);
    std::fprintf(stderr, "pg_generate: %llu IATI activities in %s/activities.xml\n",
                 static_cast<unsigned long long>(options.iati_activities), options.out.c_str());
    return 0;
  }
  Generator(options).Run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "pg_generate: %llu relations in %s in %.2f s\n",
               static_cast<unsigned long long>(options.relations), options.out.c_str(), seconds);
  return 0;
}
