// What the io tests share: a temporary folder per test with an empty store
// (bundled schema) in it, input files written there, and exports as text.
#ifndef PARTNERGRAPH_TESTS_UNIT_IO_IO_TEST_SUPPORT_H_
#define PARTNERGRAPH_TESTS_UNIT_IO_IO_TEST_SUPPORT_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "partnergraph/exporter.h"
#include "partnergraph/importer.h"
#include "partnergraph/store.h"

namespace partnergraph::io_test {

// tests/fixtures/io/<name>.
std::string Fixture(const std::string& name);

// The whole store exported as JSON or JSON Lines text ("<error: ...>" on failure).
std::string ExportText(const Store& store, ExportFormat format);
inline std::string ExportJson(const Store& store) { return ExportText(store, ExportFormat::kJson); }

// The message of a failed import, or "<import succeeded>".
std::string ErrorMessage(const Result<ApplyReport>& report);

class IoTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Writes `text` byte for byte to <folder>/<name> and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text);
  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }
  std::string ReadBack(const std::string& path) const;

  // A new, empty store with the bundled schema at <folder>/<name>; nullptr
  // (and a test failure) if it cannot be created.
  std::unique_ptr<Store> NewStore(const std::string& name);

  // The test's own store, created empty in SetUp.
  Store& store() { return *store_; }

  Result<ApplyReport> Import(const std::vector<std::string>& paths, bool replace = false) {
    return ImportInto(store(), paths, replace);
  }
  static Result<ApplyReport> ImportInto(Store& store, const std::vector<std::string>& paths,
                                        bool replace = false);

  // Imports fixture base.json into store(): sources, entities (c-100, china,
  // cn-mohrss, ilo, ssc-project) and relations r-1, r-2.
  void ImportBase();

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace partnergraph::io_test

#endif  // PARTNERGRAPH_TESTS_UNIT_IO_IO_TEST_SUPPORT_H_
