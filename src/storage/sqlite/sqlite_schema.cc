#include "storage/sqlite/sqlite_schema.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace appt::sqlite_internal {

namespace {

absl::Status Exec(sqlite3* db, const char* sql, absl::string_view what,
                  absl::string_view path) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, what, path);
  return absl::OkStatus();
}

absl::Status ReadUserVersion(sqlite3* db, absl::string_view path, int* out) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      *out = sqlite3_column_int(stmt, 0);
      rc = SQLITE_OK;
    }
  }
  absl::Status status = rc == SQLITE_OK
                            ? absl::OkStatus()
                            : SqliteError(db, rc, "reading user_version", path);
  sqlite3_finalize(stmt);
  return status;
}

absl::Status ApplyMigrations(sqlite3* db, absl::string_view path) {
  int version = 0;
  if (absl::Status s = ReadUserVersion(db, path, &version); !s.ok()) return s;
  for (const Migration& m : Migrations()) {
    if (m.version <= version) continue;
    if (absl::Status s =
            Exec(db, m.sql, absl::StrCat("migration ", m.version), path);
        !s.ok()) {
      return s;
    }
  }
  const std::string set_version =
      absl::StrCat("PRAGMA user_version = ", kCurrentSchemaVersion);
  return Exec(db, set_version.c_str(), "setting user_version", path);
}

}  // namespace

absl::Status ApplyPragmas(sqlite3* db, const SqliteOptions& options,
                          absl::string_view path) {
  const int64_t ms = std::clamp<int64_t>(options.busy_timeout.count(), 0,
                                         std::numeric_limits<int>::max());
  int rc = sqlite3_busy_timeout(db, static_cast<int>(ms));
  if (rc != SQLITE_OK) return SqliteError(db, rc, "setting busy_timeout", path);
  // The page size first: journal_mode = WAL writes the file's first page.
  const std::string pragmas =
      absl::StrCat("PRAGMA page_size = ", kNewFilePageSize,
                   "; PRAGMA journal_mode = WAL; PRAGMA synchronous = ",
                   options.durability == Durability::kFull ? "FULL" : "NORMAL",
                   "; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;");
  return Exec(db, pragmas.c_str(), "setting pragmas", path);
}

absl::Status Migrate(sqlite3* db, absl::string_view path) {
  int version = 0;
  if (absl::Status s = ReadUserVersion(db, path, &version); !s.ok()) return s;
  if (version > kCurrentSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "schema version ", version, " of ", path,
        " is newer than this build supports (", kCurrentSchemaVersion, ")"));
  }
  if (version == kCurrentSchemaVersion) return absl::OkStatus();
  // Another process may migrate at the same time; IMMEDIATE serialises us
  // and the version is read again inside the transaction.
  if (absl::Status s = Exec(db, "BEGIN IMMEDIATE", "migration", path);
      !s.ok()) {
    return s;
  }
  absl::Status status = ApplyMigrations(db, path);
  if (status.ok()) status = Exec(db, "COMMIT", "migration commit", path);
  if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what,
                         absl::string_view path) {
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message =
      absl::StrCat("sqlite ", what, " failed for ", path, ": ", detail);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(message);
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return absl::PermissionDeniedError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace appt::sqlite_internal
