// The bundled dataset: loads without a single error, every fact's quote is
// found, word for word, in the document it cites, and no two entities answer
// to the same name unless data/known-homonyms.tsv says why.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/entity.h"
#include "partnergraph/importer.h"
#include "partnergraph/relation.h"
#include "partnergraph/schema.h"
#include "partnergraph/store.h"
#include "partnergraph/text.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> DataFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(PARTNERGRAPH_DATA_DIR)) {
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Line wrapping is the only liberty a quote takes: the Chinese documents
// break lines inside words, so compare with all whitespace removed.
std::string WithoutWhitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out.push_back(c);
  }
  return out;
}

class DatasetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Schema> schema = Schema::LoadFile(std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json");
    ASSERT_TRUE(schema.has_value()) << schema.error().message();
    path_ = (fs::temp_directory_path() / ("pgraph-dataset-" + std::to_string(::getpid()))).string();
    fs::remove_all(path_);
    Result<std::unique_ptr<Store>> store = Store::Create(path_, *schema);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(path_);
  }
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(DatasetTest, LoadsWithZeroErrors) {
  Result<ApplyReport> report = ImportFiles(*store_, DataFiles(), ImportOptions());
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_GT(report->entities.added, 300u);
  EXPECT_GT(report->relations.added, 600u);
  EXPECT_EQ(report->sources.added, 5u);
}

TEST_F(DatasetTest, EveryQuoteOccursVerbatimInTheDocumentItCites) {
  const fs::path seeds = fs::path(PARTNERGRAPH_SOURCE_DIR) / ".." / "shared" / "seeds";
  if (!fs::exists(seeds)) {
    GTEST_SKIP() << "source documents not found at " << seeds << "; cannot check the quotes";
  }
  ASSERT_TRUE(ImportFiles(*store_, DataFiles(), ImportOptions()).has_value());
  std::map<std::string, std::string> documents;  // doc -> text without whitespace
  size_t checked = 0;
  Status s = store_->ForEachRelation([&](const Relation& relation) {
    EXPECT_TRUE(relation.source.has_value()) << relation.id << " has no source";
    if (!relation.source) return true;
    const std::string& doc = relation.source->doc;
    if (documents.count(doc) == 0) {
      std::ifstream in(seeds / doc, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      EXPECT_FALSE(text.str().empty()) << relation.id << " cites a missing document " << doc;
      documents[doc] = WithoutWhitespace(text.str());
    }
    const std::string quote = WithoutWhitespace(relation.source->quote);
    EXPECT_FALSE(quote.empty()) << relation.id;
    EXPECT_NE(documents[doc].find(quote), std::string::npos)
        << relation.id << ": quote not found in " << doc << ": " << relation.source->quote;
    ++checked;
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(checked, 600u);
}

TEST_F(DatasetTest, EveryEntityNamedInAChineseDocumentHasAChineseName) {
  ASSERT_TRUE(ImportFiles(*store_, DataFiles(), ImportOptions()).has_value());
  std::set<std::string> chinese_docs;
  ASSERT_TRUE(store_
                  ->ForEachSource([&](const SourceDocument& source) {
                    if (source.language == "zh") chinese_docs.insert(source.doc);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(chinese_docs.size(), 3u);
  std::set<std::string> named_in_chinese;
  ASSERT_TRUE(store_
                  ->ForEachRelation([&](const Relation& relation) {
                    if (relation.source && chinese_docs.count(relation.source->doc) != 0) {
                      named_in_chinese.insert(relation.from);
                      named_in_chinese.insert(relation.to);
                    }
                    return true;
                  })
                  .ok());
  for (const std::string& id : named_in_chinese) {
    Result<Entity> entity = store_->GetEntity(id);
    ASSERT_TRUE(entity.has_value()) << id;
    EXPECT_FALSE(entity->name.zh.empty()) << id << " is named in a Chinese document";
  }
}

// data/known-homonyms.tsv: normalised name -> the ids that share it, and
// the line that lists it (for messages).
struct KnownHomonym {
  std::set<std::string> ids;
  int line = 0;
};

std::map<std::string, KnownHomonym> ReadKnownHomonyms() {
  std::map<std::string, KnownHomonym> known;
  const std::string path = std::string(PARTNERGRAPH_DATA_DIR) + "/known-homonyms.tsv";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::string text;
  int line_number = 0;
  while (std::getline(in, text)) {
    ++line_number;
    if (text.empty() || text[0] == '#') continue;
    const size_t first_tab = text.find('\t');
    const size_t second_tab =
        first_tab == std::string::npos ? std::string::npos : text.find('\t', first_tab + 1);
    if (second_tab == std::string::npos || second_tab + 1 >= text.size()) {
      ADD_FAILURE() << path << ":" << line_number
                    << ": want name<TAB>ids<TAB>why, the why not empty: " << text;
      continue;
    }
    KnownHomonym& entry = known[NormaliseName(text.substr(0, first_tab))];
    entry.line = line_number;
    std::istringstream ids(text.substr(first_tab + 1, second_tab - first_tab - 1));
    for (std::string id; ids >> id;) entry.ids.insert(id);
  }
  return known;
}

TEST_F(DatasetTest, NoTwoEntitiesShareANameUnlessAKnownHomonym) {
  ASSERT_TRUE(ImportFiles(*store_, DataFiles(), ImportOptions()).has_value());
  std::map<std::string, std::set<std::string>> ids_by_name;  // normalised name -> ids
  size_t entities = 0;
  ASSERT_TRUE(store_
                  ->ForEachEntity([&](const Entity& entity) {
                    ++entities;
                    std::vector<std::string> names = entity.aliases;
                    names.push_back(entity.name.en);
                    names.push_back(entity.name.zh);
                    for (const std::string& name : names) {
                      if (!IsBlank(name)) ids_by_name[NormaliseName(name)].insert(entity.id);
                    }
                    return true;
                  })
                  .ok());
  EXPECT_GT(entities, 300u);
  const std::map<std::string, KnownHomonym> known = ReadKnownHomonyms();
  for (const auto& [name, ids] : ids_by_name) {
    if (ids.size() < 2) continue;
    const auto listed = known.find(name);
    std::string sharers;
    for (const std::string& id : ids) sharers += " " + id;
    if (listed == known.end()) {
      ADD_FAILURE() << "\"" << name << "\" names" << sharers
                    << ": merge the duplicates, drop the alias from all but one, or list it in"
                       " data/known-homonyms.tsv with why";
    } else {
      EXPECT_EQ(listed->second.ids, ids)
          << "known-homonyms.tsv:" << listed->second.line << " lists \"" << name
          << "\" with other ids than share it:" << sharers;
    }
  }
  for (const auto& [name, entry] : known) {
    const auto shared = ids_by_name.find(name);
    EXPECT_TRUE(shared != ids_by_name.end() && shared->second.size() > 1)
        << "known-homonyms.tsv:" << entry.line << ": \"" << name
        << "\" is no longer shared; delete the line";
  }
}

// Sources that state neither the period they report on nor a date of their
// own (data/README.md, "Sources"): their undated relations count as always
// in force, and --as-of says how many.
const std::set<std::string> kSourcesStatingNoDate = {"001_4d15d9a4381d9caa.txt"};

// --as-of counts an undated relation from the start of its source's period
// (else its publication date): every undated relation needs a source that
// gives one, unless the document states none.
TEST_F(DatasetTest, EveryUndatedRelationCitesASourceWithAPeriod) {
  ASSERT_TRUE(ImportFiles(*store_, DataFiles(), ImportOptions()).has_value());
  std::map<std::string, SourceDocument> sources;
  ASSERT_TRUE(store_
                  ->ForEachSource([&](const SourceDocument& source) {
                    sources[source.doc] = source;
                    return true;
                  })
                  .ok());
  for (const std::string& doc : kSourcesStatingNoDate) {
    ASSERT_TRUE(sources.contains(doc)) << doc;
    EXPECT_EQ(ReportedFirstDay(sources[doc]), PartialDate::kOpenStart)
        << doc << " now states a date: take it off kSourcesStatingNoDate";
  }
  size_t undated = 0;
  Status s = store_->ForEachRelation([&](const Relation& relation) {
    if (!relation.since.empty() || !relation.until.empty()) return true;
    ++undated;
    EXPECT_TRUE(relation.source.has_value()) << relation.id << " has neither dates nor a source";
    if (!relation.source) return true;
    const std::string& doc = relation.source->doc;
    if (kSourcesStatingNoDate.contains(doc)) return true;
    auto it = sources.find(doc);
    EXPECT_NE(it, sources.end()) << relation.id;
    if (it == sources.end()) return true;
    EXPECT_NE(ReportedFirstDay(it->second), PartialDate::kOpenStart)
        << relation.id << " is undated and its source " << doc
        << " gives no period or date: date the relation, or the source";
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_GT(undated, 0U);
}

}  // namespace
}  // namespace partnergraph
