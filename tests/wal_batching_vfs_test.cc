// The WAL-batching VFS (storage/sqlite/wal_batching_vfs.h): a commit's
// frames reach the WAL file in one write, and nothing about the file or
// what other connections see changes.
//
// The test binary interposes pwrite64 (which SQLite's unix VFS calls) to
// count the writes that land on WAL files.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <cstring>
#include <string>

#include "storage/sqlite/wal_batching_vfs.h"
#include "store_test_util.h"

namespace {

std::atomic<int> g_wal_writes{0};

bool IsWalFile(int fd) {
  char link[64];
  char target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, target, sizeof target - 1);
  if (n < 4) return false;
  return std::memcmp(target + n - 4, "-wal", 4) == 0;
}

}  // namespace

extern "C" ssize_t pwrite64(int fd, const void* buf, size_t n, off_t off) {
  using Pwrite = ssize_t (*)(int, const void*, size_t, off_t);
  static const auto real =
      reinterpret_cast<Pwrite>(dlsym(RTLD_NEXT, "pwrite64"));
  if (IsWalFile(fd)) ++g_wal_writes;
  return real(fd, buf, n, off);
}

namespace appt::sqlite_internal {
namespace {

class Connection {
 public:
  Connection(const std::string& path, const char* vfs) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK);
    Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
  }
  ~Connection() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error),
              SQLITE_OK)
        << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  std::string Scalar(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK);
    std::string out = "<no row>";
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Rows spread over several B-trees, so a commit changes several pages.
constexpr char kSchema[] =
    "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c INTEGER);"
    "CREATE INDEX t_a ON t(a); CREATE INDEX t_b ON t(b);"
    "CREATE INDEX t_c ON t(c);";

// WAL writes of one commit that inserts `rows` rows at scattered keys.
int WalWritesOfOneCommit(const char* vfs) {
  store_test::TempDir dir;
  Connection db(dir.File("t.db"), vfs);
  db.Exec(kSchema);
  db.Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
      "WHERE i < 2000) INSERT INTO t(a, b, c) SELECT (i * 7919) % 2003, "
      "printf('row %d', (i * 104729) % 2011), (i * 31) % 1999 FROM n;");
  g_wal_writes = 0;
  db.Exec(
      "BEGIN IMMEDIATE; INSERT INTO t(a, b, c) VALUES (5, 'x', 1999);"
      "INSERT INTO t(a, b, c) VALUES (1700, 'row 9', 3); COMMIT;");
  return g_wal_writes.load();
}

TEST(WalBatchingVfsTest, ACommitIsOneWalWrite) {
  const int plain = WalWritesOfOneCommit(nullptr);
  const int batched = WalWritesOfOneCommit(WalBatchingVfsName());
  EXPECT_GE(plain, 6) << "the commit should change several pages";
  EXPECT_EQ(batched, 1) << "plain SQLite wrote " << plain << " times";
}

TEST(WalBatchingVfsTest, ATransactionLargerThanOneWriteCommitsWhole) {
  // The unix VFS writes under 128 KiB per call; this commit is ~2 MB.
  store_test::TempDir dir;
  Connection db(dir.File("t.db"), WalBatchingVfsName());
  db.Exec(kSchema);
  db.Exec(
      "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
      "i + 1 FROM n WHERE i < 500) INSERT INTO t(a, b, c) SELECT i, "
      "hex(randomblob(2000)), i FROM n; COMMIT;");
  Connection plain(dir.File("t.db"), nullptr);
  EXPECT_EQ(plain.Scalar("SELECT count(*) FROM t"), "500");
  EXPECT_EQ(plain.Scalar("SELECT sum(length(b)) FROM t"), "2000000");
  EXPECT_EQ(plain.Scalar("PRAGMA integrity_check"), "ok");
}

TEST(WalBatchingVfsTest, SpilledPagesAreReadBackInsideTheTransaction) {
  store_test::TempDir dir;
  Connection db(dir.File("t.db"), WalBatchingVfsName());
  db.Exec(kSchema);
  db.Exec("PRAGMA cache_size = 8;");  // pages: forces spills to the WAL
  db.Exec(
      "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
      "i + 1 FROM n WHERE i < 3000) INSERT INTO t(a, b, c) SELECT "
      "(i * 7919) % 3001, printf('row %d', i), i FROM n;");
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM t WHERE b LIKE 'row %'"), "3000");
  EXPECT_EQ(db.Scalar("SELECT sum(c) FROM t"), "4501500");
  db.Exec("COMMIT;");
  Connection plain(dir.File("t.db"), nullptr);
  EXPECT_EQ(plain.Scalar("SELECT count(*) FROM t"), "3000");
  EXPECT_EQ(plain.Scalar("PRAGMA integrity_check"), "ok");
}

TEST(WalBatchingVfsTest, OtherConnectionsSeeCommitsOnlyAndInOrder) {
  store_test::TempDir dir;
  Connection writer(dir.File("t.db"), WalBatchingVfsName());
  writer.Exec(kSchema);
  Connection reader(dir.File("t.db"), nullptr);
  for (int i = 1; i <= 50; ++i) {
    writer.Exec("BEGIN IMMEDIATE; INSERT INTO t(a, b, c) VALUES (" +
                std::to_string(i) + ", 'r', 0);");
    EXPECT_EQ(reader.Scalar("SELECT count(*) FROM t"), std::to_string(i - 1));
    writer.Exec("COMMIT;");
    EXPECT_EQ(reader.Scalar("SELECT count(*) FROM t"), std::to_string(i));
  }
  writer.Exec("PRAGMA wal_checkpoint(TRUNCATE);");
  EXPECT_EQ(reader.Scalar("SELECT max(a) FROM t"), "50");
  EXPECT_EQ(reader.Scalar("PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace appt::sqlite_internal
