// A bare SQLite connection for tests that check the store's files and
// SQLite plumbing from outside the store. Failures are gtest failures, not
// exceptions; closed on destruction.
#ifndef APPT_TESTS_SQLITE_TEST_CONNECTION_H_
#define APPT_TESTS_SQLITE_TEST_CONNECTION_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

namespace appt::store_test {

class SqliteTestConnection {
 public:
  // Opens (creating) `path`, which may be a "file:" URI, through `vfs`
  // (nullptr: the default), then runs `setup`.
  explicit SqliteTestConnection(const std::string& path,
                                const char* vfs = nullptr,
                                const std::string& setup = "") {
    EXPECT_EQ(
        sqlite3_open_v2(
            path.c_str(), &db_,
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, vfs),
        SQLITE_OK);
    if (!setup.empty()) Exec(setup);
  }
  ~SqliteTestConnection() { sqlite3_close(db_); }
  SqliteTestConnection(const SqliteTestConnection&) = delete;
  SqliteTestConnection& operator=(const SqliteTestConnection&) = delete;

  sqlite3* db() { return db_; }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error),
              SQLITE_OK)
        << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }
  // The first column of the first row as text: "NULL", or "<no row>".
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

}  // namespace appt::store_test

#endif  // APPT_TESTS_SQLITE_TEST_CONNECTION_H_
