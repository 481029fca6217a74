// Fuzzes PartialDate::Parse: whatever it accepts is canonical (prints back
// as given), covers a non-empty span of real days, and parses again to
// itself; whatever it rejects is a kInvalidArgument naming the text.
#include <string>

#include "partnergraph/date.h"

#include "fuzz_support.h"

using partnergraph::PartialDate;
using partnergraph::Result;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Result<PartialDate> date = PartialDate::Parse(text);
  if (!date) {
    PG_FUZZ_CHECK(date.error().code() == partnergraph::StatusCode::kInvalidArgument,
                  "a bad date is not an invalid argument");
    PG_FUZZ_CHECK(date.error().message().starts_with("bad date \""), date.error().message());
    return 0;
  }
  PG_FUZZ_CHECK(!date->empty(), "an accepted date is empty: " + text);
  PG_FUZZ_CHECK(date->ToString() == text, "not canonical: " + text + " prints " + date->ToString());
  const int32_t first = date->FirstDay();
  const int32_t last = date->LastDay();
  PG_FUZZ_CHECK(first <= last, "ends before it starts: " + text);
  PG_FUZZ_CHECK(first >= 10000101 && last <= 99991231, "out of range: " + text);
  PG_FUZZ_CHECK(partnergraph::InForceAt(first, last, *date), "not in force at itself: " + text);
  Result<PartialDate> again = PartialDate::Parse(date->ToString());
  PG_FUZZ_CHECK(again.has_value() && *again == *date, "does not parse back: " + text);
  return 0;
}
