// Fuzzes the CSV importer (nodes, edges and sources tables, told apart by
// their header): ReadCsv, then the whole import as a dry run.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  partnergraph::fuzz::FuzzReader(data, size, partnergraph::InputFormat::kCsv, "csv");
  return 0;
}
