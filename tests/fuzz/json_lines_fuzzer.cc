// Fuzzes the JSON Lines importer: ReadJsonLines, then the whole import as a
// dry run.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  partnergraph::fuzz::FuzzReader(data, size, partnergraph::InputFormat::kJsonLines, "jsonl");
  return 0;
}
