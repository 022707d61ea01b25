// The store's checkpointer (storage/sqlite/checkpointer.h): checkpoints run
// on its thread once enough of the log is uncopied, and the log stays
// bounded even when that thread never catches up.
#include "storage/sqlite/checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "sqlite_test_connection.h"
#include "store_test_util.h"

namespace appt::sqlite_internal {
namespace {

// A plain connection to a WAL file at NORMAL.
class File : public store_test::SqliteTestConnection {
 public:
  explicit File(const std::string& path)
      : SqliteTestConnection(
            path, nullptr,
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;") {}
};

// One transaction of `rows` rows of ~3 KB: about one page each.
void InsertBatch(File& f, int rows) {
  f.Exec(
      "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
      "SELECT i + 1 FROM n WHERE i < " +
      std::to_string(rows) +
      ") INSERT INTO t(b) SELECT hex(randomblob(1500)) FROM n; COMMIT;");
}

// A table in a fresh WAL file whose connection has a checkpointer attached.
class CheckpointerTest : public ::testing::Test {
 protected:
  CheckpointerTest() {
    f.Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, b TEXT);");
    checkpointer.Attach(f.db());
  }
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  File f{path};
  Checkpointer checkpointer{path};  // destroyed before f closes the file
};

TEST_F(CheckpointerTest, ALongLogIsCopiedOnTheThread) {
  // Under the background threshold nothing is asked of the thread.
  InsertBatch(f, 100);
  checkpointer.WaitIdle();
  EXPECT_EQ(checkpointer.background_runs(), 0);
  const auto db_bytes = std::filesystem::file_size(path);
  for (int i = 0; i < 12; ++i) InsertBatch(f, 100);
  checkpointer.WaitIdle();
  EXPECT_GE(checkpointer.background_runs(), 1);
  // The thread copied the log into the database file, which only a
  // checkpoint writes (the log is far under the foreground limit).
  EXPECT_GT(std::filesystem::file_size(path), db_bytes + 1000 * 4096);
  File plain(path);
  EXPECT_EQ(plain.Scalar("SELECT count(*) FROM t"), "1300");
  EXPECT_EQ(plain.Scalar("PRAGMA integrity_check"), "ok");
}

TEST_F(CheckpointerTest, TheLogStaysBoundedWhateverTheThreadDoes) {
  // Three times the foreground limit, in transactions of ~200 pages.
  constexpr int kBatches = 3 * Checkpointer::kForegroundPages / 200;
  for (int i = 0; i < kBatches; ++i) InsertBatch(f, 200);
  const auto wal_bytes = std::filesystem::file_size(path + "-wal");
  const auto frame_bytes = 4096 + 24;
  // The limit plus the few transactions that can commit while a thread's
  // run and the log's restart race (a foreground checkpoint that finds the
  // thread mid-run waits for it and copies the rest); unbounded, the log
  // would hold all ~3 x kForegroundPages pages.
  EXPECT_LE(wal_bytes,
            (Checkpointer::kForegroundPages + Checkpointer::kBackgroundPages) *
                static_cast<uintmax_t>(frame_bytes));
  File plain(path);
  EXPECT_EQ(plain.Scalar("SELECT count(*) FROM t"),
            std::to_string(kBatches * 200));
  EXPECT_EQ(plain.Scalar("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace appt::sqlite_internal
