// The WAL frame VFS (storage/sqlite/wal_frame_vfs.h): a new frame reaches
// the WAL file in one write, and what is on disk at any moment, and what
// other connections see, is what plain SQLite would have there.
//
// The test binary interposes pwrite/pwrite64 (SQLite's unix VFS calls one
// of them) to count the writes that land on WAL files. A "crash image" is
// a copy of the database and its WAL taken while the writer is open: what
// recovery would find had the process been killed at that moment.
#include "storage/sqlite/wal_frame_vfs.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "sqlite_test_connection.h"
#include "store_test_util.h"

namespace {

std::atomic<int> g_wal_writes{0};
std::atomic<int> g_wal_header_sized_writes{0};  // 24 bytes: a frame header
// Where the last 24-byte WAL write went.
std::atomic<long long> g_last_24_byte_offset{-1};
std::atomic<long long> g_largest_wal_write{0};
// While set, a WAL write of more than one 4 KiB frame fails as on a full
// disk: only the VFS's deferred writes are that large.
std::atomic<bool> g_fail_batched_wal_writes{false};

// Whether the write should fail (errno is set then).
bool CountIfWal(int fd, size_t n, off_t offset) {
  char link[64];
  char target[PATH_MAX];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t length = readlink(link, target, sizeof target - 1);
  if (length < 4 || std::memcmp(target + length - 4, "-wal", 4) != 0) {
    return false;
  }
  if (g_fail_batched_wal_writes && n > 4096 + 24) {
    errno = ENOSPC;
    return true;
  }
  ++g_wal_writes;
  if (static_cast<long long>(n) > g_largest_wal_write) g_largest_wal_write = n;
  if (n == 24) {
    ++g_wal_header_sized_writes;
    g_last_24_byte_offset = offset;
  }
  return false;
}

}  // namespace

extern "C" ssize_t pwrite64(int fd, const void* buf, size_t n, off_t off) {
  using Pwrite = ssize_t (*)(int, const void*, size_t, off_t);
  static const auto real =
      reinterpret_cast<Pwrite>(dlsym(RTLD_NEXT, "pwrite64"));
  if (CountIfWal(fd, n, off)) return -1;
  return real(fd, buf, n, off);
}

extern "C" ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
  using Pwrite = ssize_t (*)(int, const void*, size_t, off_t);
  static const auto real = reinterpret_cast<Pwrite>(dlsym(RTLD_NEXT, "pwrite"));
  if (CountIfWal(fd, n, off)) return -1;
  return real(fd, buf, n, off);
}

namespace appt::sqlite_internal {
namespace {

// A connection in WAL mode with no automatic checkpoints: every commit
// stays in the WAL, so the crash images below test the WAL's bytes.
// `setup` runs before the switch to WAL.
class Connection : public store_test::SqliteTestConnection {
 public:
  Connection(const std::string& path, const char* vfs,
             const std::string& setup = "",
             const std::string& synchronous = "NORMAL")
      : SqliteTestConnection(path, vfs,
                             setup +
                                 "PRAGMA journal_mode = WAL; PRAGMA "
                                 "synchronous = " +
                                 synchronous +
                                 "; PRAGMA wal_autocheckpoint = 0;") {}
};

// Rows spread over several B-trees, so a commit changes several pages.
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT,"
    " c INTEGER);"
    "CREATE INDEX IF NOT EXISTS t_a ON t(a);"
    "CREATE INDEX IF NOT EXISTS t_b ON t(b);"
    "CREATE INDEX IF NOT EXISTS t_c ON t(c);";

std::string InsertRows(int first, int count) {
  return "WITH RECURSIVE n(i) AS (SELECT " + std::to_string(first) +
         " UNION ALL SELECT i + 1 FROM n WHERE i < " +
         std::to_string(first + count - 1) +
         ") INSERT INTO t(a, b, c) SELECT (i * 7919) % 2003, "
         "printf('row %d', (i * 104729) % 2011), i FROM n;";
}

// Copies the database and its WAL (not the shared-memory index, which
// recovery rebuilds) into `dir` and opens the copy with plain SQLite.
struct CrashImage {
  CrashImage(const std::string& db_path, const store_test::TempDir& dir)
      : path(dir.File("image.db")) {
    namespace fs = std::filesystem;
    const auto overwrite = fs::copy_options::overwrite_existing;
    fs::remove(path + "-shm");
    fs::copy_file(db_path, path, overwrite);
    fs::copy_file(db_path + "-wal", path + "-wal", overwrite);
  }
  std::string path;
};

// Takes a crash image of `path` and checks it with plain SQLite: `query`
// answers `expected`, and the file is sound.
void ExpectCrashImage(const std::string& path, const store_test::TempDir& dir,
                      const std::string& query, const std::string& expected) {
  CrashImage image(path, dir);
  Connection copy(image.path, nullptr);
  EXPECT_EQ(copy.Scalar(query), expected);
  EXPECT_EQ(copy.Scalar("PRAGMA integrity_check"), "ok");
}

// Checks `path` with a new plain connection now and in a crash image.
void ExpectSoundNowAndAfterACrash(const std::string& path,
                                  const store_test::TempDir& dir,
                                  const std::string& query,
                                  const std::string& expected) {
  Connection fresh(path, nullptr);
  EXPECT_EQ(fresh.Scalar(query), expected);
  EXPECT_EQ(fresh.Scalar("PRAGMA integrity_check"), "ok");
  ExpectCrashImage(path, dir, query, expected);
}

// Starts a transaction on `db` (cache_size 8, table u present) whose new
// table pages spill and are held back, then makes held writes fail and runs
// a statement that reads them back; returns that statement's result code.
int FailAReadOfHeldFrames(Connection& db) {
  db.Exec(
      "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
      "SELECT i + 1 FROM n WHERE i < 60) INSERT INTO u SELECT "
      "randomblob(3000) FROM n;");
  g_fail_batched_wal_writes = true;
  return sqlite3_exec(db.db(),
                      "INSERT INTO t(a, b, c) SELECT 1, 'x', length(x) FROM u;",
                      nullptr, nullptr, nullptr);
}

TEST(WalFrameVfsTest, ATransactionsNewFramesAreOneWrite) {
  auto walWritesOfOneCommit = [](const char* vfs) {
    store_test::TempDir dir;
    Connection db(dir.File("t.db"), vfs);
    db.Exec(kSchema);
    db.Exec(InsertRows(1, 2000));
    g_wal_writes = 0;
    g_wal_header_sized_writes = 0;
    db.Exec(
        "BEGIN IMMEDIATE; INSERT INTO t(a, b, c) VALUES (5, 'x', 1999);"
        "INSERT INTO t(a, b, c) VALUES (1700, 'row 9', 3); COMMIT;");
    return std::make_pair(g_wal_writes.load(),
                          g_wal_header_sized_writes.load());
  };
  const auto [plain, plain_headers] = walWritesOfOneCommit(nullptr);
  const auto [joined, joined_headers] = walWritesOfOneCommit(WalFrameVfsName());
  EXPECT_GE(plain, 8) << "the commit should change several pages";
  EXPECT_EQ(plain_headers * 2, plain) << "plain SQLite: header, then page";
  EXPECT_EQ(joined, 1);
  EXPECT_EQ(joined_headers, 0);
}

// A transaction larger than the page cache writes (spills) frames before it
// commits and reads them back: its reads see them.
TEST(WalFrameVfsTest, ATransactionReadsItsSpilledFrames) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection db(path, WalFrameVfsName());
  db.Exec(kSchema);
  db.Exec("PRAGMA cache_size = 8;");
  g_largest_wal_write = 0;
  g_wal_writes = 0;
  db.Exec("BEGIN IMMEDIATE;" + InsertRows(1, 6000));
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM t WHERE a >= 0"), "6000");
  EXPECT_EQ(db.Scalar("SELECT sum(c) FROM t"), std::to_string(6000 * 6001 / 2));
  EXPECT_EQ(db.Scalar("SELECT count(*) FROM t INDEXED BY t_b WHERE b > ''"),
            "6000");
  EXPECT_GT(g_wal_writes.load(), 2) << "the transaction should spill";
  db.Exec("COMMIT;");
  ExpectCrashImage(path, dir, "SELECT sum(c) FROM t",
                   std::to_string(6000 * 6001 / 2));
}

// A commit of many pages goes to the file in pieces of less than 128 KiB,
// the most the unix VFS writes in one call, at 4 KiB and 64 KiB pages.
TEST(WalFrameVfsTest, ALargeCommitIsWrittenInPieces) {
  for (const int page_size : {4096, 65536}) {
    SCOPED_TRACE(page_size);
    store_test::TempDir dir;
    const std::string path = dir.File("t.db");
    Connection db(path, WalFrameVfsName(),
                  "PRAGMA page_size = " + std::to_string(page_size) + ";");
    db.Exec(kSchema);
    g_largest_wal_write = 0;
    g_wal_writes = 0;
    db.Exec(InsertRows(1, 20000));
    EXPECT_GT(g_largest_wal_write.load(), 64 * 1024);
    EXPECT_LT(g_largest_wal_write.load(), 128 * 1024);
    ExpectCrashImage(path, dir, "SELECT sum(c) FROM t",
                     std::to_string(20000LL * 20001 / 2));
  }
}

TEST(WalFrameVfsTest, ACrashImageHoldsEveryCommit) {
  for (const char* synchronous : {"NORMAL", "FULL"}) {
    SCOPED_TRACE(synchronous);
    store_test::TempDir dir;
    const std::string path = dir.File("t.db");
    Connection db(path, WalFrameVfsName(), "", synchronous);
    db.Exec(kSchema);
    g_wal_header_sized_writes = 0;
    for (int i = 0; i < 5; ++i) {
      db.Exec(InsertRows(1 + i * 100, 100));
      ExpectCrashImage(path, dir, "SELECT count(*) FROM t",
                       std::to_string((i + 1) * 100));
    }
    EXPECT_EQ(g_wal_header_sized_writes.load(), 0) << "every frame joined";
  }
}

// A transaction larger than the page cache writes (spills) frames before it
// commits; pages it changes again are rewritten in place, and the commit
// then rewrites the frame headers' checksums from there on (wal.c,
// walRewriteChecksums), the commit frame's header last. Those headers go
// straight through: a crash image right after the commit must hold it.
TEST(WalFrameVfsTest, RewrittenFrameHeadersReachTheFileBeforeTheCommitEnds) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection db(path, WalFrameVfsName());
  db.Exec(kSchema);
  db.Exec(InsertRows(1, 500));
  db.Exec("PRAGMA cache_size = 8;");
  g_wal_header_sized_writes = 0;
  db.Exec("BEGIN IMMEDIATE;" + InsertRows(501, 3000) +
          "UPDATE t SET c = c + 1; UPDATE t SET a = a + 1 WHERE id % 7 = 0;"
          "COMMIT;");
  EXPECT_GT(g_wal_header_sized_writes.load(), 0)
      << "the transaction should have rewritten frame headers in place";
  CrashImage image(path, dir);
  Connection copy(image.path, nullptr);
  EXPECT_EQ(copy.Scalar("SELECT count(*) FROM t"), "3500");
  EXPECT_EQ(copy.Scalar("SELECT sum(c) FROM t"),
            std::to_string(3500 * 3501 / 2 + 3500));
  EXPECT_EQ(copy.Scalar("PRAGMA integrity_check"), "ok");
}

TEST(WalFrameVfsTest, SpilledFramesOfARolledBackTransactionAreHarmless) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName());
  joined.Exec(kSchema);
  joined.Exec("PRAGMA cache_size = 8;");
  joined.Exec("BEGIN IMMEDIATE;" + InsertRows(1, 3000));
  joined.Exec("ROLLBACK;");
  Connection plain(path, nullptr);
  plain.Exec(InsertRows(1, 40));
  joined.Exec(InsertRows(41, 10));
  EXPECT_EQ(plain.Scalar("SELECT count(*) FROM t"), "50");
  CrashImage image(path, dir);
  Connection copy(image.path, nullptr);
  EXPECT_EQ(copy.Scalar("SELECT count(*) FROM t"), "50");
  EXPECT_EQ(copy.Scalar("SELECT max(c) FROM t"), "50");
  EXPECT_EQ(copy.Scalar("PRAGMA integrity_check"), "ok");
}

// A transaction that spilled frames and rolled back leaves them unwritten
// only until it releases the write lock: once another connection may append
// to the log, nothing this connection held back may land over its frames.
// The log starts empty (truncated), so the rollback reads nothing back from
// it; a fresh connection and a crash image then check the other writer's
// commits.
TEST(WalFrameVfsTest, ARolledBackTransactionsFramesNeverOutliveItsWriteLock) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName());
  joined.Exec(kSchema);
  joined.Exec(InsertRows(1, 100));
  Connection plain(path, nullptr);
  plain.Exec("PRAGMA wal_checkpoint(TRUNCATE);");
  joined.Exec("PRAGMA cache_size = 8;");
  // Rows of a new table take new pages in order, so the last pages spilled
  // are never read back before the rollback.
  joined.Exec(
      "BEGIN IMMEDIATE;" + InsertRows(101, 400) +
      "CREATE TABLE u(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
      "SELECT i + 1 FROM n WHERE i < 60) INSERT INTO u SELECT "
      "randomblob(3000) FROM n;");
  joined.Exec("ROLLBACK;");
  plain.Exec(InsertRows(101, 3000));
  EXPECT_EQ(joined.Scalar("SELECT count(*) FROM t"), "3100");
  joined.Exec("PRAGMA cache_size = 2000;");
  EXPECT_EQ(joined.Scalar("SELECT sum(c) FROM t"),
            std::to_string(3100 * 3101 / 2));
  ExpectSoundNowAndAfterACrash(path, dir, "SELECT sum(c) FROM t",
                               std::to_string(3100 * 3101 / 2));
}

// Frames held back that then cannot be written (a full disk) fail the
// whole transaction wherever the failure surfaces, here in a read of one
// of them by a later statement, which on its own would roll back only that
// statement: nothing of the transaction commits, the file stays sound, and
// the connection works again once the transaction has ended.
TEST(WalFrameVfsTest, HeldFramesThatCannotBeWrittenFailTheTransaction) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName());
  joined.Exec(kSchema);
  joined.Exec(InsertRows(1, 100));
  joined.Exec("CREATE TABLE u(x BLOB); PRAGMA cache_size = 8;");
  const int failed = FailAReadOfHeldFrames(joined);
  const int commit =
      sqlite3_exec(joined.db(), "COMMIT;", nullptr, nullptr, nullptr);
  g_fail_batched_wal_writes = false;
  EXPECT_EQ(failed & 0xff, SQLITE_IOERR) << sqlite3_errstr(failed);
  EXPECT_NE(commit, SQLITE_OK) << "the transaction must be gone";
  EXPECT_EQ(sqlite3_get_autocommit(joined.db()), 1);
  Connection fresh(path, nullptr);
  EXPECT_EQ(fresh.Scalar("SELECT count(*) FROM u"), "0");
  EXPECT_EQ(fresh.Scalar("SELECT count(*) FROM t"), "100");
  EXPECT_EQ(fresh.Scalar("PRAGMA integrity_check"), "ok");
  joined.Exec(InsertRows(101, 50));
  EXPECT_EQ(fresh.Scalar("SELECT count(*) FROM t"), "150");
  ExpectCrashImage(path, dir, "SELECT count(*) FROM t", "150");
}

// In exclusive locking mode SQLite takes no WAL-index locks, so the end of
// a transaction whose held frames could not be written shows only as the
// log being rewound over them: the connection's next transaction works.
TEST(WalFrameVfsTest, ExclusiveModeRecoversFromFramesThatCannotBeWritten) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName(),
                    "PRAGMA locking_mode = EXCLUSIVE;");
  joined.Exec(kSchema);
  joined.Exec(InsertRows(1, 100));
  joined.Exec("CREATE TABLE u(x BLOB); PRAGMA cache_size = 8;");
  const int failed = FailAReadOfHeldFrames(joined);
  sqlite3_exec(joined.db(), "ROLLBACK;", nullptr, nullptr, nullptr);
  g_fail_batched_wal_writes = false;
  EXPECT_EQ(failed & 0xff, SQLITE_IOERR) << sqlite3_errstr(failed);
  joined.Exec(InsertRows(101, 50));
  EXPECT_EQ(joined.Scalar("SELECT count(*) FROM t"), "150");
  EXPECT_EQ(joined.Scalar("SELECT count(*) FROM u"), "0");
  EXPECT_EQ(joined.Scalar("PRAGMA integrity_check"), "ok");
  ExpectCrashImage(path, dir, "SELECT count(*) FROM t", "150");
}

// A savepoint rolled back over spilled frames: SQLite rewinds the log to
// the savepoint and writes the rest of the transaction over them.
TEST(WalFrameVfsTest, ASavepointRolledBackOverSpilledFrames) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName());
  joined.Exec(kSchema);
  joined.Exec(InsertRows(1, 100));
  joined.Exec("PRAGMA cache_size = 8;");
  joined.Exec("BEGIN IMMEDIATE;" + InsertRows(101, 200) + "SAVEPOINT s;" +
              InsertRows(301, 2000) + "ROLLBACK TO s;" + InsertRows(301, 100) +
              "COMMIT;");
  ExpectSoundNowAndAfterACrash(path, dir, "SELECT sum(c) FROM t",
                               std::to_string(400 * 401 / 2));
}

// At FULL on a device without power-safe overwrite SQLite pads each commit
// to a sector boundary with copies of the commit frame, and splits the
// frame that straddles the boundary around a sync. With 1 KiB pages that
// split leaves, now and then, a 24-byte tail that ends a frame: a write
// past the high-water mark that is not a frame header and is followed by
// no page. It must reach the file before the commit returns: the WAL
// always ends on a whole frame, and another connection reads and
// checkpoints every commit (held, the tail would be missing or stale).
TEST(WalFrameVfsTest, PaddingAtFullDurabilityIsNeverHeld) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection db("file:" + path + "?psow=0", WalFrameVfsName(),
                "PRAGMA page_size = 1024;", "FULL");
  db.Exec("CREATE TABLE t(id INTEGER PRIMARY KEY, b TEXT);");
  Connection other(path, nullptr);
  constexpr int kFrameBytes = 1024 + 24;
  int split_tails = 0;
  int64_t text_bytes = 0;
  for (int i = 1; i <= 1500; ++i) {
    // 1 to 4 pages per commit, so commits end at every frame position.
    const int length = 40 + (i * 337) % 3000;
    text_bytes += length;
    g_last_24_byte_offset = -1;
    db.Exec("INSERT INTO t(b) VALUES (printf('%0" + std::to_string(length) +
            "d', 7));");
    const long long tail = g_last_24_byte_offset.load();
    if (tail >= 0 && (tail - 32) % kFrameBytes == kFrameBytes - 24) {
      ++split_tails;
    }
    const auto wal_bytes = std::filesystem::file_size(path + "-wal");
    ASSERT_EQ((wal_bytes - 32) % kFrameBytes, 0u)
        << "commit " << i << " left the WAL at " << wal_bytes << " bytes";
    ASSERT_EQ(other.Scalar("SELECT count(*) FROM t"), std::to_string(i));
    if (i % 100 == 0) {
      other.Exec(i % 300 == 0 ? "PRAGMA wal_checkpoint(TRUNCATE);"
                              : "PRAGMA wal_checkpoint(PASSIVE);");
      ASSERT_EQ(other.Scalar("PRAGMA integrity_check"), "ok");
    }
  }
  EXPECT_GT(split_tails, 0) << "no commit split a frame's last 24 bytes";
  EXPECT_EQ(other.Scalar("SELECT sum(length(b)) FROM t"),
            std::to_string(text_bytes));
  EXPECT_EQ(other.Scalar("PRAGMA integrity_check"), "ok");
}

// Two writers, one through the VFS and one plain, take turns while the log
// is checkpointed, restarted and truncated under them, so the VFS's file
// object sees a WAL that others wrote, rewound and shortened.
TEST(WalFrameVfsTest, WritersTakeTurnsAcrossLogRestarts) {
  store_test::TempDir dir;
  const std::string path = dir.File("t.db");
  Connection joined(path, WalFrameVfsName());
  joined.Exec(kSchema);
  Connection plain(path, nullptr);
  const char* kCheckpoints[] = {"", "PRAGMA wal_checkpoint(PASSIVE);",
                                "PRAGMA wal_checkpoint(RESTART);",
                                "PRAGMA wal_checkpoint(TRUNCATE);"};
  int rows = 0;
  for (int round = 0; round < 12; ++round) {
    Connection& writer = round % 2 == 0 ? joined : plain;
    Connection& other = round % 2 == 0 ? plain : joined;
    writer.Exec(InsertRows(rows + 1, 20 + round * 15));
    rows += 20 + round * 15;
    EXPECT_EQ(other.Scalar("SELECT count(*) FROM t"), std::to_string(rows));
    other.Exec(kCheckpoints[round % 4]);
    ExpectCrashImage(path, dir, "SELECT count(*) FROM t", std::to_string(rows));
  }
}

}  // namespace
}  // namespace appt::sqlite_internal
