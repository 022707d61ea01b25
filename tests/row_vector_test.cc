// RowVector (storage/memory/row_vector.h): positions across chunk
// boundaries, rows that never move while the table grows, and undo by
// pop_back across a boundary.
#include "storage/memory/row_vector.h"

#include <gtest/gtest.h>

#include <string>

namespace appt::memory_internal {
namespace {

constexpr size_t kChunk = RowVector<std::string>::kChunkRows;

TEST(RowVectorTest, PositionsAcrossChunksAndStableRows) {
  RowVector<std::string> rows;
  EXPECT_TRUE(rows.empty());
  rows.push_back("first");
  const std::string* first = &rows[0];
  for (size_t i = 1; i < 3 * kChunk + 5; ++i) rows.push_back(std::to_string(i));
  EXPECT_EQ(rows.size(), 3 * kChunk + 5);
  EXPECT_EQ(&rows[0], first);  // appending never moved it
  EXPECT_EQ(*first, "first");
  EXPECT_EQ(rows[kChunk - 1], std::to_string(kChunk - 1));
  EXPECT_EQ(rows[kChunk], std::to_string(kChunk));
  EXPECT_EQ(rows.back(), std::to_string(3 * kChunk + 4));
  size_t seen = 0;
  rows.ForEach([&](const std::string& row) {
    EXPECT_EQ(row, seen == 0 ? "first" : std::to_string(seen));
    ++seen;
  });
  EXPECT_EQ(seen, rows.size());
}

TEST(RowVectorTest, PopBackAcrossABoundaryThenAppendAgain) {
  RowVector<std::string> rows;
  for (size_t i = 0; i < kChunk + 1; ++i) rows.push_back(std::to_string(i));
  rows.pop_back();
  rows.pop_back();
  EXPECT_EQ(rows.size(), kChunk - 1);
  EXPECT_EQ(rows.back(), std::to_string(kChunk - 2));
  rows.push_back("a");
  rows.push_back("b");
  EXPECT_EQ(rows[kChunk - 1], "a");
  EXPECT_EQ(rows[kChunk], "b");
  EXPECT_EQ(rows.size(), kChunk + 1);
}

}  // namespace
}  // namespace appt::memory_internal
