#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

#include "partnergraph/importer.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "io/readers.h"

namespace partnergraph {
namespace {

constexpr size_t kMaxIdLength = 100;
constexpr size_t kMaxTextBytes = size_t{64} * 1024;

// Control characters other than tab and newline break terminals, CSV, DOT and
// GraphML alike; they are never part of a real name or quote. C1 controls
// (U+0080 to U+009F, UTF-8 C2 80 to C2 9F) include the terminals' CSI.
bool HasControlCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) return true;
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return true;
    }
  }
  return false;
}

// A language tag as BCP 47 writes the common ones: a 2- or 3-letter
// language, then subtags of 1 to 8 letters or digits ("en", "zh-Hans",
// "pt-BR"); 35 characters at most, the longest tag a registry needs.
bool IsLanguageTag(std::string_view tag) {
  if (tag.size() > 35) return false;
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_alnum = [&](char c) { return is_alpha(c) || (c >= '0' && c <= '9'); };
  size_t start = 0;
  for (bool first = true;; first = false) {
    const size_t end = std::min(tag.find('-', start), tag.size());
    const std::string_view subtag = tag.substr(start, end - start);
    const bool ok = first ? subtag.size() >= 2 && subtag.size() <= 3 &&
                                std::all_of(subtag.begin(), subtag.end(), is_alpha)
                          : !subtag.empty() && subtag.size() <= 8 &&
                                std::all_of(subtag.begin(), subtag.end(), is_alnum);
    if (!ok) return false;
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

// User text quoted in a message: escaped and cut short (PrintableText), so
// that a hostile id can neither garble the terminal nor flood it.
std::string Quoted(std::string_view text) { return "\"" + PrintableText(text) + "\""; }

// Who a message is about ("relation r-17"), built only when there is a
// message: most records have none, and a large import has millions.
class Subject {
 public:
  Subject(const char* record_class, std::string_view id) : record_class_(record_class), id_(id) {}
  const std::string& str() const {
    if (text_.empty()) text_ = std::string(record_class_) + " " + PrintableText(id_);
    return text_;
  }

 private:
  const char* record_class_;
  std::string_view id_;
  mutable std::string text_;
};

// What the relation checks read: filled while sources and entities are
// checked, read-only after that (but for the suggestions' id list, built
// once under its lock), so shards of the relations can be checked side by
// side.
struct CheckedRecords {
  std::map<std::string, const Located<SourceDocument>*> sources;
  // Keyed by views of the dataset's ids, which outlive the validation.
  std::unordered_map<std::string_view, const Located<Entity>*> entities;
  std::mutex known_ids_mutex;
  std::vector<std::string> known_ids;
  bool known_ids_loaded = false;
};

class Validator {
 public:
  // Reports into `errors`; `errors_before` counts the problems reported
  // elsewhere before these (it decides, as the cap nears, what is worth a
  // suggestion).
  Validator(const Dataset& dataset, const Schema& schema, const Store& store,
            const ImportOptions& options, ValidationErrors& errors, CheckedRecords& checked,
            uint64_t errors_before = 0)
      : dataset_(dataset),
        schema_(schema),
        store_(store),
        options_(options),
        errors_(errors),
        checked_(checked),
        errors_before_(errors_before),
        store_is_empty_(store.IsEmpty()) {}

  void CheckSourcesAndEntities() {
    checked_.entities.reserve(dataset_.entities.size());
    const uint64_t total = dataset_.size();
    uint64_t done = 0;
    if (options_.progress) options_.progress("validating", 0, total, "records");
    for (const auto& located : dataset_.sources) {
      CheckSource(located);
      Advance(++done);
    }
    for (const auto& located : dataset_.entities) {
      CheckEntity(located);
      Advance(++done);
    }
  }

  // Checks the relations of shard `shard` of `shards` (by a hash of the id,
  // so duplicates meet in one shard, each seen in dataset order), and
  // notes, for each problem kept, the index of its relation.
  void CheckRelations(size_t shard, size_t shards, std::vector<size_t>* problem_records) {
    relations_.reserve(dataset_.relations.size() / shards + 1);
    const uint64_t before = dataset_.sources.size() + dataset_.entities.size();
    for (size_t i = 0; i < dataset_.relations.size(); ++i) {
      const Located<Relation>& located = dataset_.relations[i];
      if (shards == 1 || std::hash<std::string_view>()(located.record.id) % shards == shard) {
        CheckRelation(located);
        if (problem_records != nullptr) problem_records->resize(errors_.problems.size(), i);
      }
      if (shard == 0) Advance(before + i + 1);
    }
  }

 private:
  void Advance(uint64_t done) {
    // Every 64k records: often enough for a bar, rare enough to cost nothing.
    const uint64_t total = dataset_.size();
    if (options_.progress && (done % 65536 == 0 || done == total)) {
      options_.progress("validating", done, total, "records");
    }
  }

  void Report(const SourceLocation& where, const Subject& subject, const std::string& field,
              const std::string& message) {
    errors_.Add({where, subject.str(), field, message});
  }

  void CheckText(const SourceLocation& where, const Subject& subject, const std::string& field,
                 std::string_view text) {
    if (text.size() > kMaxTextBytes) {
      Report(where, subject, field,
             field + " is " + std::to_string(text.size()) + " bytes long; the limit is " +
                 std::to_string(kMaxTextBytes));
    } else if (!IsValidUtf8(text)) {
      Report(where, subject, field, field + " is not valid UTF-8 or holds a NUL character");
    } else if (HasControlCharacter(text)) {
      Report(where, subject, field, field + " holds a control character");
    }
  }

  // A field shown on one line (a name, a title, a role): a CR would let it
  // overwrite its own line on a terminal, a LF split it in two.
  void CheckOneLine(const SourceLocation& where, const Subject& subject, const std::string& field,
                    std::string_view text) {
    CheckText(where, subject, field, text);
    if (text.find_first_of("\r\n") != std::string_view::npos) {
      Report(where, subject, field,
             (field == "aliases" ? std::string("an alias") : field) +
                 " holds a line break; it must be one line");
    }
  }

  // Whether `value`, a field of `located`, is empty because decoding it
  // failed: its error is reported already, and checking "" would only add a
  // second, confusing one ("unknown kind \"\"").
  template <typename Record>
  static bool LeftEmpty(const Located<Record>& located, const std::string& value) {
    return located.decoding_failed && value.empty();
  }

  // A name or alias of nothing but spaces shows as nothing and matches
  // nothing (lookups trim it away): a mistake, never a name.
  void CheckName(const SourceLocation& where, const Subject& subject, const std::string& field,
                 std::string_view name) {
    CheckOneLine(where, subject, field, name);
    const std::string what = field == "aliases" ? std::string("an alias") : field;
    if (!name.empty() && IsBlank(name)) Report(where, subject, field, what + " is only whitespace");
    // Lookups ignore these characters, so "I\u200bL\u200bO" would be found as
    // ILO and look like it: a name is what it shows.
    if (HasInvisibleFormatCharacter(name)) {
      Report(where, subject, field,
             what + " holds an invisible character (zero-width or bidi control): " + Quoted(name));
    }
  }

  void CheckId(const SourceLocation& where, const Subject& subject, const std::string& id) {
    if (!IsValidId(id)) {
      Report(where, subject, "id",
             "id " + Quoted(id) +
                 " is not a valid id: use lowercase a-z, 0-9, '-', '_' and '.', "
                 "starting with a letter or digit, at most " +
                 std::to_string(kMaxIdLength) + " characters");
    }
  }

  void CheckSource(const Located<SourceDocument>& located) {
    const SourceDocument& source = located.record;
    const Subject subject("source", source.doc);
    CheckOneLine(located.where, subject, "doc", source.doc);
    if (LeftEmpty(located, source.doc)) return;
    CheckOneLine(located.where, subject, "title", source.title);
    CheckOneLine(located.where, subject, "title_en", source.title_en);
    CheckOneLine(located.where, subject, "symbol", source.symbol);
    CheckOneLine(located.where, subject, "short_title", source.short_title);
    if (!source.period_since.empty() && !source.period_until.empty() &&
        source.period_since.FirstDay() > source.period_until.LastDay()) {
      Report(located.where, subject, "period",
             "period.since " + source.period_since.ToString() + " is after period.until " +
                 source.period_until.ToString());
    }
    CheckText(located.where, subject, "url", source.url);
    // A URL holds no whitespace or invisible character: one would hide
    // where it leads, and reach the CSV export and the terminal as it is.
    if (source.url.find_first_of("\t\r\n") != std::string::npos ||
        HasInvisibleFormatCharacter(source.url)) {
      Report(located.where, subject, "url",
             "url " + Quoted(source.url) + " holds a control or invisible character");
    }
    if (!source.language.empty() && !IsLanguageTag(source.language)) {
      Report(located.where, subject, "language",
             "language " + Quoted(source.language) +
                 " is not a language tag such as \"en\", \"zh\" or \"zh-Hans\"");
    }
    auto [it, inserted] = checked_.sources.emplace(source.doc, &located);
    // A record that failed to decode is compared with nothing: what it left
    // out would read as a difference.
    const bool comparable = !located.decoding_failed && !it->second->decoding_failed;
    if (!inserted && comparable && !(it->second->record == source)) {
      Report(located.where, subject, "doc",
             "source " + Quoted(source.doc) + " is described differently at " +
                 it->second->where.ToString());
    } else if (!inserted && it->second->where.file == located.where.file) {
      // Files of one import may each describe a source they share (it is
      // stored once), but one file listing it twice is a slip, as a
      // duplicate entity is.
      Report(located.where, subject, "doc",
             "duplicate source " + Quoted(source.doc) + " (first at " +
                 it->second->where.ToString() + ")");
    }
    if (!store_is_empty_ && !located.decoding_failed) {
      CheckAgainstStore(located.where, subject, store_.GetSource(source.doc), source);
    }
  }

  void CheckEntity(const Located<Entity>& located) {
    const Entity& entity = located.record;
    const Subject subject("entity", entity.id);
    const bool has_id = !LeftEmpty(located, entity.id);
    if (has_id) CheckId(located.where, subject, entity.id);
    auto [it, inserted] = has_id ? checked_.entities.emplace(entity.id, &located)
                                 : std::make_pair(checked_.entities.end(), false);
    if (has_id && !inserted) {
      Report(located.where, subject, "id",
             "duplicate entity id " + Quoted(entity.id) + " (first at " +
                 it->second->where.ToString() + ")");
    }
    if (!LeftEmpty(located, entity.kind) && !schema_.HasKind(entity.kind)) {
      Report(located.where, subject, "kind",
             "unknown kind " + Quoted(entity.kind) + Suggest(entity.kind, schema_.KindNames()));
    }
    CheckName(located.where, subject, "name.en", entity.name.en);
    CheckName(located.where, subject, "name.zh", entity.name.zh);
    for (const std::string& alias : entity.aliases) {
      CheckName(located.where, subject, "aliases", alias);
    }
    for (const auto& [key, value] : entity.attributes) {
      CheckOneLine(located.where, subject, "attributes", key);
      CheckText(located.where, subject, "attributes", value);
    }
    if (inserted && !store_is_empty_ && !located.decoding_failed) {
      CheckAgainstStore(located.where, subject, store_.GetEntity(entity.id), entity);
    }
  }

  void CheckRelation(const Located<Relation>& located) {
    const Relation& relation = located.record;
    const Subject subject("relation", relation.id);
    const SourceLocation& where = located.where;
    const bool has_id = !LeftEmpty(located, relation.id);
    if (has_id) CheckId(where, subject, relation.id);
    auto [it, inserted] = has_id ? relations_.emplace(relation.id, &located)
                                 : std::make_pair(relations_.end(), false);
    if (has_id && !inserted) {
      Report(where, subject, "id",
             "duplicate relation id " + Quoted(relation.id) + " (first at " +
                 it->second->where.ToString() + ")");
    }
    const RelationTypeInfo* type = schema_.FindType(relation.type);
    if (type == nullptr && !LeftEmpty(located, relation.type)) {
      Report(where, subject, "type",
             "unknown relation type " + Quoted(relation.type) +
                 Suggest(relation.type, schema_.TypeNames()));
    }
    const std::optional<std::string> from_kind = KindOf(where, subject, "from", relation.from);
    const std::optional<std::string> to_kind = KindOf(where, subject, "to", relation.to);
    if (!relation.from.empty() && relation.from == relation.to) {
      Report(where, subject, "to",
             "a relation cannot link " + Quoted(relation.from) + " to itself");
    }
    if (type != nullptr && from_kind && to_kind &&
        !schema_.AllowsEndpoints(relation.type, *from_kind, *to_kind)) {
      Report(where, subject, "type",
             "a " + relation.type + " relation cannot go from " + *from_kind + " " +
                 PrintableText(relation.from) + " to " + *to_kind + " " +
                 PrintableText(relation.to) + " (see the schema's \"" + relation.type + "\" type)");
    }
    if (!relation.since.empty() && !relation.until.empty() &&
        relation.until.LastDay() < relation.since.FirstDay()) {
      Report(
          where, subject, "until",
          "until " + relation.until.ToString() + " is before since " + relation.since.ToString());
    }
    CheckOneLine(where, subject, "title", relation.title);
    CheckOneLine(where, subject, "role", relation.role);
    for (const auto& [key, value] : relation.attributes) {
      CheckOneLine(where, subject, "attributes", key);
      CheckText(where, subject, "attributes", value);
    }
    if (relation.source) {
      CheckText(where, subject, "source", relation.source->quote);
      // What the JSON reader requires of every reader's records: a citation
      // names its document and quotes it (a stored one without either could
      // not be read back).
      if (!located.decoding_failed) {
        if (relation.source->doc.empty()) {
          Report(where, subject, "source", "the source names no document");
        }
        if (IsBlank(relation.source->quote)) {
          Report(where, subject, "source", "the source's quote is empty");
        }
      }
      if (!LeftEmpty(located, relation.source->doc) &&
          checked_.sources.count(relation.source->doc) == 0 &&
          (store_is_empty_ || !store_.GetSource(relation.source->doc).has_value())) {
        Report(where, subject, "source",
               "source document " + Quoted(relation.source->doc) +
                   " is not described; add it to \"sources\"");
      }
    }
    if (inserted && !store_is_empty_ && !located.decoding_failed) {
      CheckAgainstStore(where, subject, store_.GetRelation(relation.id), relation);
    }
  }

  // The kind of a referenced entity, from this import or the store; reports
  // an unknown reference with the closest known id.
  std::optional<std::string> KindOf(const SourceLocation& where, const Subject& subject,
                                    const std::string& field, const std::string& id) {
    if (id.empty()) return std::nullopt;
    // Every entity of the dataset was checked before any relation.
    if (auto it = checked_.entities.find(id); it != checked_.entities.end()) {
      return it->second->record.kind;
    }
    if (!store_is_empty_) {
      if (std::optional<std::string> kind = store_.EntityKind(id)) return kind;
    }
    // Past the cap nothing is printed: skip the search for a suggestion,
    // which compares with every known id.
    Report(where, subject, field,
           "unknown entity " + Quoted(id) +
               (errors_before_ + errors_.total < errors_.cap ? Suggest(id, KnownIds())
                                                             : std::string()));
    return std::nullopt;
  }

  // Every entity id, for suggestions; built once and only when needed.
  const std::vector<std::string>& KnownIds() {
    const std::lock_guard<std::mutex> lock(checked_.known_ids_mutex);
    if (!checked_.known_ids_loaded) {
      checked_.known_ids_loaded = true;
      for (const auto& located : dataset_.entities) {
        checked_.known_ids.push_back(located.record.id);
      }
      store_
          .ForEachEntityId([this](std::string_view id) {
            checked_.known_ids.emplace_back(id);
            return true;
          })
          .ok();  // suggestions are a courtesy: a failed scan only loses them
    }
    return checked_.known_ids;
  }

  static std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
    // Edit distance costs the product of the lengths: a huge word is no typo.
    if (word.size() > 2 * kMaxIdLength) return "";
    return DidYouMean(word, candidates);
  }

  template <typename Record>
  void CheckAgainstStore(const SourceLocation& where, const Subject& subject,
                         const Result<Record>& stored, const Record& incoming) {
    if (!stored.has_value() || options_.replace || *stored == incoming) return;
    Report(where, subject, "",
           subject.str() +
               " is already stored with different content; import with --replace to "
               "update it");
  }

  const Dataset& dataset_;
  const Schema& schema_;
  const Store& store_;
  const ImportOptions& options_;
  ValidationErrors& errors_;
  CheckedRecords& checked_;
  const uint64_t errors_before_;
  std::unordered_map<std::string_view, const Located<Relation>*> relations_;
  // An empty store can hold nothing to compare with or refer to: a large
  // first import then makes no store lookups at all.
  bool store_is_empty_;
};

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  auto is_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!is_alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

void Validate(const Dataset& dataset, const Schema& schema, const Store& store,
              const ImportOptions& options, ValidationErrors& errors) {
  CheckedRecords checked;
  Validator(dataset, schema, store, options, errors, checked).CheckSourcesAndEntities();
  // Relations are most of a large import: check them in shards side by
  // side, then merge the problems back into dataset order, so the answer,
  // and which problems the cap keeps, is that of one pass.
  constexpr size_t kMinRelationsPerShard = 50000;
  const size_t shards =
      std::clamp<size_t>(dataset.relations.size() / kMinRelationsPerShard, 1,
                         options.threads == 0 ? io::DefaultReaderThreads() : options.threads);
  if (shards == 1) {
    Validator(dataset, schema, store, options, errors, checked).CheckRelations(0, 1, nullptr);
    return;
  }
  std::vector<ValidationErrors> shard_errors(shards);
  std::vector<std::vector<size_t>> shard_records(shards);
  auto check_shard = [&](size_t shard) {
    shard_errors[shard].cap = errors.cap;
    Validator(dataset, schema, store, options, shard_errors[shard], checked, errors.total)
        .CheckRelations(shard, shards, &shard_records[shard]);
  };
  io::RunSideBySide(shards, check_shard);
  std::vector<size_t> next(shards, 0);
  for (;;) {
    size_t from = shards;  // the shard whose next problem's relation comes first
    for (size_t shard = 0; shard < shards; ++shard) {
      if (next[shard] == shard_records[shard].size()) continue;
      if (from == shards || shard_records[shard][next[shard]] < shard_records[from][next[from]]) {
        from = shard;
      }
    }
    if (from == shards) break;
    const size_t record = shard_records[from][next[from]];
    while (next[from] < shard_records[from].size() && shard_records[from][next[from]] == record) {
      errors.Add(std::move(shard_errors[from].problems[next[from]++]));
    }
  }
  for (const ValidationErrors& shard : shard_errors) {
    errors.total += shard.total - shard.problems.size();
  }
}

}  // namespace partnergraph
