#include "raw_sqlite.h"

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt_bench {

namespace sq = appt::sqlite_internal;

Statement::Statement(sqlite3* db, const char* sql) {
  rc_ = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

int Statement::Run() {
  const int rc = sqlite3_step(stmt_);
  sqlite3_reset(stmt_);
  return rc;
}

RawDb::~RawDb() { sqlite3_close(db_); }

absl::Status RawDb::Open(const std::string& path, appt::Durability durability,
                         const char* vfs) {
  const int rc = sqlite3_open_v2(
      path.c_str(), &db_,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK) return Error("open");
  sqlite3_extended_result_codes(db_, 1);
  if (absl::Status s = sq::ApplyPragmas(db_, {.durability = durability}, path);
      !s.ok()) {
    return s;
  }
  return sq::Migrate(db_, path);
}

absl::Status RawDb::Exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error(sql);
  }
  return absl::OkStatus();
}

absl::Status RawDb::Error(const char* what) const {
  return absl::InternalError(
      absl::StrCat(what, ": ", db_ ? sqlite3_errmsg(db_) : "no connection"));
}

absl::Status InsertCatalog(RawDb& db, int resources, int customers) {
  Statement res(db.get(), sq::kStatementSql[sq::kInsertResource]);
  Statement svc(db.get(), sq::kStatementSql[sq::kInsertService]);
  Statement cus(db.get(), sq::kStatementSql[sq::kInsertCustomer]);
  if (!res.ok() || !svc.ok() || !cus.ok()) return db.Error("prepare");
  for (int i = 1; i <= resources; ++i) {
    const appt::Resource r = AlwaysOpenResource(i);
    const appt::Service s = QuarterHourService(i, i);
    const std::string hours = sq::EncodeWeeklyHours(r.weekly_hours);
    const std::string ids = sq::EncodeIds(s.resource_ids);
    sqlite3_stmt* p = res.get();
    sqlite3_bind_text(p, 2, r.name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, r.time_zone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 4, hours.c_str(), -1, SQLITE_TRANSIENT);
    for (int c = 5; c <= 8; ++c) sqlite3_bind_text(p, c, "", 0, nullptr);
    if (res.Run() != SQLITE_DONE) return db.Error("insert resource");
    p = svc.get();
    sqlite3_bind_text(p, 2, s.name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(p, 3, s.duration.count());
    sqlite3_bind_int64(p, 4, s.price.minor_units);
    sqlite3_bind_text(p, 5, s.price.currency.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(p, 6, s.buffer_before.count());
    sqlite3_bind_int64(p, 7, s.buffer_after.count());
    sqlite3_bind_int64(p, 8, s.capacity);
    sqlite3_bind_text(p, 9, ids.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(p, 10, s.min_notice.count());
    sqlite3_bind_int64(p, 11, s.horizon.count());
    sqlite3_bind_int64(p, 12, s.workflow_enabled ? 1 : 0);
    sqlite3_bind_text(p, 13, "", 0, nullptr);
    if (svc.Run() != SQLITE_DONE) return db.Error("insert service");
  }
  for (int i = 1; i <= customers; ++i) {
    const std::string name = absl::StrCat("Customer ", i);
    const std::string email = absl::StrCat("customer", i, "@example.com");
    sqlite3_stmt* p = cus.get();
    sqlite3_bind_text(p, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, email.c_str(), -1, SQLITE_TRANSIENT);
    for (int c = 4; c <= 6; ++c) sqlite3_bind_text(p, c, "", 0, nullptr);
    for (int c = 7; c <= 10; ++c) sqlite3_bind_null(p, c);
    sqlite3_bind_text(p, 11, "", 0, nullptr);
    if (cus.Run() != SQLITE_DONE) return db.Error("insert customer");
  }
  return absl::OkStatus();
}

absl::Status RecordAppointmentSpans(RawDb& db) {
  return db.Exec(
      "UPDATE resources SET max_appointment_seconds = coalesce("
      "(SELECT max(blocked_end - blocked_start) FROM appointments "
      "WHERE appointments.resource_id = resources.id), 0)");
}

BookingWriter::BookingWriter(RawDb& db)
    : db_(db.get()),
      appointment_(db.get(), sq::kStatementSql[sq::kInsertAppointment]),
      timeline_(db.get(), sq::kStatementSql[sq::kInsertTimeline]),
      index_(db.get(), sq::kStatementSql[sq::kIndexRow]),
      // As long as the text the engine writes for such a booking.
      details_(
          "booked (api) Visit 1 with Room 1 for Sat 2027-01-02 00:00 UTC") {}

int BookingWriter::Insert(int64_t service, int64_t resource, int64_t customer,
                          int64_t start, int64_t now) {
  sqlite3_stmt* a = appointment_.get();
  sqlite3_bind_int64(a, 2, service);
  sqlite3_bind_int64(a, 3, resource);
  sqlite3_bind_int64(a, 4, customer);
  sqlite3_bind_int64(a, 5, start);
  sqlite3_bind_int64(a, 6, start + kQuarterHour);
  sqlite3_bind_int64(a, 7, start);  // blocked: no buffers
  sqlite3_bind_int64(a, 8, start + kQuarterHour);
  sqlite3_bind_int64(a, 9, static_cast<int>(appt::AppointmentState::kBooked));
  sqlite3_bind_int64(a, 10, static_cast<int>(appt::BookingSource::kApi));
  sqlite3_bind_int64(a, 11, now);
  sqlite3_bind_int64(a, 12, now);
  for (int c = 13; c <= 15; ++c) sqlite3_bind_text(a, c, "", 0, nullptr);
  sqlite3_bind_int64(a, 16, 0);  // status_id: no workflow
  sqlite3_bind_int64(a, 19, 0);  // membership_id: none
  if (const int rc = appointment_.Run(); rc != SQLITE_DONE) return rc;
  const int64_t appointment = sqlite3_last_insert_rowid(db_);
  sqlite3_stmt* t = timeline_.get();
  sqlite3_bind_int64(t, 2, appointment);
  sqlite3_bind_int64(t, 3, now);
  sqlite3_bind_int64(t, 4, static_cast<int>(appt::Actor::Kind::kSystem));
  sqlite3_bind_text(t, 5, "bench", 5, nullptr);
  sqlite3_bind_text(t, 6, "created", 7, nullptr);
  sqlite3_bind_text(t, 7, details_.data(), static_cast<int>(details_.size()),
                    nullptr);
  // ?1 unbound: SQLite gives the next rowid, which is the store's shared
  // id (kSchemaV13) only because these files hold no messages or firings.
  if (const int rc = timeline_.Run(); rc != SQLITE_DONE) return rc;
  // The entry that finds the timeline row by appointment (kSchemaV10).
  const int64_t entry = sqlite3_last_insert_rowid(db_);
  sqlite3_stmt* i = index_.get();
  sqlite3_bind_int64(i, 1, appointment);
  sqlite3_bind_int64(i, 2, static_cast<int>(sq::IndexedKind::kTimelineEntry));
  sqlite3_bind_int64(i, 3, now);
  sqlite3_bind_int64(i, 4, entry);
  sqlite3_bind_int64(i, 5, entry);
  return index_.Run();
}

}  // namespace appt_bench
