// Status and Result: errors as values.
#include "partnergraph/status.h"

#include <string>

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

TEST(StatusTest, DefaultStatusIsOk) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ToStringPrefixesTheCodeName) {
  EXPECT_EQ(Status::NotFound("no entity \"x\"").ToString(), "not found: no entity \"x\"");
  EXPECT_EQ(Status::Busy("held").ToString(), "busy: held");
  EXPECT_EQ(Status::IOError("disk").ToString(), "I/O error: disk");
}

TEST(StatusTest, WithContextPrefixesTheMessageAndKeepsTheCode) {
  const Status s = Status::InvalidArgument("unknown entity").WithContext("relation r-17");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "relation r-17: unknown entity");
}

TEST(StatusTest, WithContextLeavesOkAlone) {
  const Status s = Status::Ok().WithContext("relation r-17");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, EveryCodeHasAName) {
  const std::pair<StatusCode, const char*> cases[] = {
      {StatusCode::kOk, "ok"},
      {StatusCode::kInvalidArgument, "invalid argument"},
      {StatusCode::kNotFound, "not found"},
      {StatusCode::kAmbiguous, "ambiguous"},
      {StatusCode::kCorruption, "corruption"},
      {StatusCode::kIOError, "I/O error"},
      {StatusCode::kBusy, "busy"},
      {StatusCode::kNotSupported, "not supported"},
  };
  for (const auto& [code, name] : cases) EXPECT_STREQ(StatusCodeName(code), name) << name;
}

TEST(ResultTest, HoldsAValueAndAnOkError) {
  Result<std::string> result(std::string("ilo"));
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, "ilo");
  EXPECT_EQ(result->size(), 3U);
  EXPECT_TRUE(result.error().ok());
}

TEST(ResultTest, HoldsAnError) {
  Result<int> result(Status::Ambiguous("2 entities match"));
  ASSERT_FALSE(result.has_value());
  EXPECT_FALSE(static_cast<bool>(result));
  EXPECT_EQ(result.error().code(), StatusCode::kAmbiguous);
  EXPECT_EQ(result.error().message(), "2 entities match");
}

}  // namespace
}  // namespace partnergraph
