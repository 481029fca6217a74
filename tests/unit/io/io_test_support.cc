#include "io_test_support.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace partnergraph::io_test {

namespace fs = std::filesystem;

std::string Fixture(const std::string& name) {
  return std::string(PARTNERGRAPH_SOURCE_DIR) + "/tests/fixtures/io/" + name;
}

std::string ExportText(const Store& store, ExportFormat format) {
  std::ostringstream out;
  Status s = ExportTo(store, format, out);
  if (!s.ok()) return "<error: " + s.message() + ">";
  return out.str();
}

std::string ErrorMessage(const Result<ApplyReport>& report) {
  return report.has_value() ? "<import succeeded>" : report.error().message();
}

void IoTest::SetUp() {
  const std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  dir_ = fs::temp_directory_path() / ("pg_io_test_" + std::to_string(::getpid()) + "_" + test_name);
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  store_ = NewStore("db");
  ASSERT_NE(store_, nullptr);
}

void IoTest::TearDown() {
  store_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string IoTest::WriteFile(const std::string& name, const std::string& text) {
  const std::string path = PathOf(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  EXPECT_TRUE(out.good()) << "cannot write " << path;
  return path;
}

std::string IoTest::ReadBack(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::unique_ptr<Store> IoTest::NewStore(const std::string& name) {
  Result<Schema> schema = Schema::LoadFile(PARTNERGRAPH_DATA_DIR "/schema.json");
  if (!schema) {
    ADD_FAILURE() << schema.error().message();
    return nullptr;
  }
  Result<std::unique_ptr<Store>> store = Store::Create(PathOf(name), *schema);
  if (!store) {
    ADD_FAILURE() << store.error().message();
    return nullptr;
  }
  return std::move(*store);
}

Result<ApplyReport> IoTest::ImportInto(Store& store, const std::vector<std::string>& paths,
                                       bool replace) {
  ImportOptions options;
  options.replace = replace;
  return ImportFiles(store, paths, options);
}

void IoTest::ImportBase() {
  Result<ApplyReport> report = Import({Fixture("base.json")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
}

}  // namespace partnergraph::io_test
