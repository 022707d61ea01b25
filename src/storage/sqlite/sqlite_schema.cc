#include "storage/sqlite/sqlite_schema.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace appt::sqlite_internal {

const char kSchemaV1[] = R"sql(
CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  weekly_hours TEXT NOT NULL,
  exceptions TEXT NOT NULL,
  notification_email TEXT NOT NULL,
  responsible_agent TEXT NOT NULL,
  external_id TEXT NOT NULL,
  -- The longest block ever stored for this resource, in seconds; bounds
  -- the index range ListBlocks scans. Never shrinks.
  max_block_seconds INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  price_minor_units INTEGER NOT NULL,
  currency TEXT NOT NULL,
  buffer_before_seconds INTEGER NOT NULL,
  buffer_after_seconds INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  resource_ids TEXT NOT NULL,
  min_notice_seconds INTEGER NOT NULL,
  horizon_seconds INTEGER NOT NULL,
  workflow_enabled INTEGER NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  locale TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  consent_email_at INTEGER,
  consent_sms_at INTEGER,
  consent_whatsapp_at INTEGER,
  consent_marketing_at INTEGER,
  external_id TEXT NOT NULL
);
CREATE TABLE blocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  external_id TEXT NOT NULL
);
CREATE INDEX blocks_by_resource_start ON blocks(resource_id, start_at);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  blocked_start INTEGER NOT NULL,
  blocked_end INTEGER NOT NULL,
  state INTEGER NOT NULL,
  source INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  cancel_reason TEXT NOT NULL,
  external_id TEXT NOT NULL,
  notes TEXT NOT NULL
);
CREATE INDEX appointments_active
  ON appointments(resource_id, state, blocked_start);
CREATE INDEX appointments_by_customer ON appointments(customer_id, start_at);
CREATE TABLE timeline (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  at INTEGER NOT NULL,
  actor_kind INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX timeline_by_appointment ON timeline(appointment_id, at, id);
)sql";

// Version 2, for the booking check's overlap query:
// - resources.max_appointment_seconds bounds the longest blocked span of
//   the resource's appointments (raised on every write, never lowered), so
//   the scan starts that far before the window instead of a whole day;
// - the index also carries blocked_end (after id, which keeps the listing's
//   ORDER BY blocked_start, id), so rows are filtered in the index and only
//   overlapping ones are fetched.
const char kSchemaV2[] = R"sql(
ALTER TABLE resources
  ADD COLUMN max_appointment_seconds INTEGER NOT NULL DEFAULT 0;
UPDATE resources SET max_appointment_seconds = coalesce(
  (SELECT max(blocked_end - blocked_start) FROM appointments
   WHERE appointments.resource_id = resources.id), 0);
DROP INDEX appointments_active;
CREATE INDEX appointments_active
  ON appointments(resource_id, state, blocked_start, id, blocked_end);
)sql";

// Version 3: message rules (R4.2) and their templates.
const char kSchemaV3[] = R"sql(
CREATE TABLE message_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  audience INTEGER NOT NULL,
  service_ids TEXT NOT NULL,
  channels TEXT NOT NULL,
  required_consents TEXT NOT NULL,
  offset_seconds INTEGER NOT NULL,
  local_minute INTEGER,
  local_days_before INTEGER,
  grace_seconds INTEGER NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE message_templates (
  rule_id INTEGER NOT NULL REFERENCES message_rules(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  channel INTEGER NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (rule_id, position)
);
)sql";

// Column lists; a statement's parameter ?N binds column N-1 of its table.
#define APPT_RESOURCE_COLS                                              \
  "id, name, time_zone, weekly_hours, exceptions, notification_email, " \
  "responsible_agent, external_id"
#define APPT_SERVICE_COLS                                                 \
  "id, name, duration_seconds, price_minor_units, currency, "             \
  "buffer_before_seconds, buffer_after_seconds, capacity, resource_ids, " \
  "min_notice_seconds, horizon_seconds, workflow_enabled, external_id"
#define APPT_CUSTOMER_COLS                                        \
  "id, name, email, phone, locale, time_zone, consent_email_at, " \
  "consent_sms_at, consent_whatsapp_at, consent_marketing_at, external_id"
#define APPT_BLOCK_COLS "id, resource_id, start_at, end_at, reason, external_id"
#define APPT_APPOINTMENT_COLS                                           \
  "id, service_id, resource_id, customer_id, start_at, end_at, "        \
  "blocked_start, blocked_end, state, source, created_at, updated_at, " \
  "cancel_reason, external_id, notes"
#define APPT_RULE_COLS                                                   \
  "id, name, kind, enabled, audience, service_ids, channels, "           \
  "required_consents, offset_seconds, local_minute, local_days_before, " \
  "grace_seconds, external_id"
#define APPT_TIMELINE_COLS \
  "id, appointment_id, at, actor_kind, actor_id, kind, details"

const char kListActiveAppointmentsSql[] =
    "SELECT " APPT_APPOINTMENT_COLS
    " FROM appointments WHERE resource_id = ?1 AND state = 0"
    " AND blocked_start >= ?2 - (SELECT max_appointment_seconds"
    " FROM resources WHERE id = ?1) AND blocked_start < ?3 AND blocked_end > ?2"
    " ORDER BY blocked_start, id";
const char kListBlocksSql[] =
    "SELECT " APPT_BLOCK_COLS
    " FROM blocks WHERE resource_id = ?1"
    " AND start_at >= ?2 - (SELECT max_block_seconds FROM resources"
    " WHERE id = ?1) AND start_at < ?3 AND end_at > ?2"
    " ORDER BY start_at, id";

const char* const kStatementSql[] = {
    "BEGIN",
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    // Resources.
    "INSERT INTO resources (name, time_zone, weekly_hours, exceptions, "
    "notification_email, responsible_agent, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "UPDATE resources SET name = ?2, time_zone = ?3, weekly_hours = ?4, "
    "exceptions = ?5, notification_email = ?6, responsible_agent = ?7, "
    "external_id = ?8 WHERE id = ?1",
    "SELECT " APPT_RESOURCE_COLS " FROM resources WHERE id = ?1",
    "SELECT " APPT_RESOURCE_COLS " FROM resources ORDER BY id",
    // Blocks.
    "INSERT INTO blocks (resource_id, start_at, end_at, reason, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6)",
    "UPDATE resources SET max_block_seconds = max(max_block_seconds, ?2) "
    "WHERE id = ?1",
    "DELETE FROM blocks WHERE id = ?1",
    "SELECT " APPT_BLOCK_COLS " FROM blocks WHERE id = ?1",
    kListBlocksSql,
    // Services.
    "INSERT INTO services (name, duration_seconds, price_minor_units, "
    "currency, buffer_before_seconds, buffer_after_seconds, capacity, "
    "resource_ids, min_notice_seconds, horizon_seconds, workflow_enabled, "
    "external_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "UPDATE services SET name = ?2, duration_seconds = ?3, "
    "price_minor_units = ?4, currency = ?5, buffer_before_seconds = ?6, "
    "buffer_after_seconds = ?7, capacity = ?8, resource_ids = ?9, "
    "min_notice_seconds = ?10, horizon_seconds = ?11, workflow_enabled = ?12, "
    "external_id = ?13 WHERE id = ?1",
    "SELECT " APPT_SERVICE_COLS " FROM services WHERE id = ?1",
    "SELECT " APPT_SERVICE_COLS " FROM services ORDER BY id",
    // Customers.
    "INSERT INTO customers (name, email, phone, locale, time_zone, "
    "consent_email_at, consent_sms_at, consent_whatsapp_at, "
    "consent_marketing_at, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "UPDATE customers SET name = ?2, email = ?3, phone = ?4, locale = ?5, "
    "time_zone = ?6, consent_email_at = ?7, consent_sms_at = ?8, "
    "consent_whatsapp_at = ?9, consent_marketing_at = ?10, external_id = ?11 "
    "WHERE id = ?1",
    "SELECT " APPT_CUSTOMER_COLS " FROM customers WHERE id = ?1",
    // Appointments.
    "INSERT INTO appointments (service_id, resource_id, customer_id, "
    "start_at, end_at, blocked_start, blocked_end, state, source, "
    "created_at, updated_at, cancel_reason, external_id, notes) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    "UPDATE appointments SET service_id = ?2, resource_id = ?3, "
    "customer_id = ?4, start_at = ?5, end_at = ?6, blocked_start = ?7, "
    "blocked_end = ?8, state = ?9, source = ?10, created_at = ?11, "
    "updated_at = ?12, cancel_reason = ?13, external_id = ?14, notes = ?15 "
    "WHERE id = ?1",
    // Writes only when the span is longer: most bookings change no page.
    "UPDATE resources SET max_appointment_seconds = ?2 "
    "WHERE id = ?1 AND max_appointment_seconds < ?2",
    "SELECT " APPT_APPOINTMENT_COLS " FROM appointments WHERE id = ?1",
    kListActiveAppointmentsSql,
    "SELECT " APPT_APPOINTMENT_COLS
    " FROM appointments "
    "WHERE customer_id = ?1 ORDER BY start_at, id",
    "SELECT COUNT(*) FROM appointments",
    // Timeline.
    "INSERT INTO timeline (appointment_id, at, actor_kind, actor_id, kind, "
    "details) VALUES (?2, ?3, ?4, ?5, ?6, ?7)",
    "SELECT " APPT_TIMELINE_COLS
    " FROM timeline WHERE appointment_id = ?1 "
    "ORDER BY at DESC, id DESC",
    // Message rules.
    "INSERT INTO message_rules (name, kind, enabled, audience, service_ids, "
    "channels, required_consents, offset_seconds, local_minute, "
    "local_days_before, grace_seconds, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "UPDATE message_rules SET name = ?2, kind = ?3, enabled = ?4, "
    "audience = ?5, service_ids = ?6, channels = ?7, required_consents = ?8, "
    "offset_seconds = ?9, local_minute = ?10, local_days_before = ?11, "
    "grace_seconds = ?12, external_id = ?13 WHERE id = ?1",
    "DELETE FROM message_rules WHERE id = ?1",
    "SELECT " APPT_RULE_COLS " FROM message_rules WHERE id = ?1",
    "SELECT " APPT_RULE_COLS " FROM message_rules ORDER BY id",
    "DELETE FROM message_templates WHERE rule_id = ?1",
    "INSERT INTO message_templates (rule_id, position, channel, locale, "
    "subject, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT channel, locale, subject, body FROM message_templates "
    "WHERE rule_id = ?1 ORDER BY position",
    // Reference probes, used only to name a failed foreign key.
    "SELECT 1 FROM resources WHERE id = ?1",
    "SELECT 1 FROM services WHERE id = ?1",
    "SELECT 1 FROM customers WHERE id = ?1",
    "SELECT 1 FROM appointments WHERE id = ?1",
};
static_assert(std::size(kStatementSql) == kNumStmts);

#undef APPT_RESOURCE_COLS
#undef APPT_SERVICE_COLS
#undef APPT_CUSTOMER_COLS
#undef APPT_BLOCK_COLS
#undef APPT_RULE_COLS
#undef APPT_APPOINTMENT_COLS
#undef APPT_TIMELINE_COLS

namespace {

struct Migration {
  int version;
  const char* sql;
};
// Append only: a released version's SQL never changes.
const Migration kMigrations[] = {
    {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}};

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
  for (const Migration& m : kMigrations) {
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
  const char* pragmas =
      options.durability == Durability::kFull
          ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
            "PRAGMA foreign_keys = ON;"
          : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
            "PRAGMA foreign_keys = ON;";
  return Exec(db, pragmas, "setting pragmas", path);
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
