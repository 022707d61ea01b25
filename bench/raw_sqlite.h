// Raw SQLite access with the SQLite store's own schema, pragmas and
// statements (src/storage/sqlite/sqlite_schema.h): the baseline of the
// durable-booking benchmarks and the bulk loader of the scale benchmarks.
#ifndef APPT_BENCH_RAW_SQLITE_H_
#define APPT_BENCH_RAW_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "appt/options.h"

namespace appt_bench {

// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() const { return stmt_; }
  // Steps once, resets, and returns the step's result code.
  int Run();

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

// A connection opened as OpenSqliteStore opens one (same flags, pragmas,
// migration to the current schema), through plain SQLite's default VFS
// unless `vfs` names another (e.g. the store's,
// storage/sqlite/wal_frame_vfs.h). Closed on destruction.
class RawDb {
 public:
  RawDb() = default;
  ~RawDb();
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  absl::Status Open(const std::string& path, appt::Durability durability,
                    const char* vfs = nullptr);
  sqlite3* get() const { return db_; }
  absl::Status Exec(const char* sql);
  absl::Status Error(const char* what) const;

 private:
  sqlite3* db_ = nullptr;
};

// Inserts `resources` always-open resources (ids 1..resources), one
// quarter-hour service per resource (service i runs on resource i) and
// `customers` customers (ids 1..customers), as the engine would store them
// (see bench_common.h). The caller owns the transaction.
absl::Status InsertCatalog(RawDb& db, int resources, int customers);

// Sets each resource's appointment-span bound (resources.
// max_appointment_seconds, which the store keeps on every write) from the
// rows BookingWriter wrote. Call before committing a bulk load.
absl::Status RecordAppointmentSpans(RawDb& db);

// Writes a booking as Engine::Book stores it: one appointments row (state
// booked, source api, no buffers, 15 minutes) and one "created" timeline row
// with its appointment_index entry.
class BookingWriter {
 public:
  explicit BookingWriter(RawDb& db);
  bool ok() const { return appointment_.ok() && timeline_.ok() && index_.ok(); }
  // Returns SQLITE_DONE on success.
  int Insert(int64_t service, int64_t resource, int64_t customer, int64_t start,
             int64_t now);

 private:
  sqlite3* db_;
  Statement appointment_;
  Statement timeline_;
  Statement index_;
  std::string details_;
};

}  // namespace appt_bench

#endif  // APPT_BENCH_RAW_SQLITE_H_
