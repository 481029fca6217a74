// Fuzzes the JSON document importer: ReadJsonDocument, then the whole
// import (read, validate against a store, pin errors to fields) as a dry run.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  partnergraph::fuzz::FuzzReader(data, size, partnergraph::InputFormat::kJson, "json");
  return 0;
}
