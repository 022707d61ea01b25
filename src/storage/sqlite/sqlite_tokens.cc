// SqliteStore: confirmation tokens (schema version 5). See store.h for the
// contract.
#include "absl/strings/match.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {
namespace {

Refs BindToken(Query& q, const ConfirmTokenRecord& t,
               std::vector<std::string>& /*scratch*/) {
  q.BindBlob(1, t.hash);
  q.BindInt(2, t.appointment_id);
  q.BindTime(3, t.issued_at);
  q.BindTime(4, t.expires_at);
  q.BindOptionalTime(5, t.confirmed_at);
  q.BindOptionalTime(6, t.cancelled_at);
  q.BindOptionalTime(7, t.superseded_at);
  return {{kAppointmentExists, {"appointment_id", t.appointment_id}}};
}

}  // namespace

absl::Status SqliteTransaction::InsertConfirmToken(
    const ConfirmTokenRecord& t) {
  absl::Status s =
      Write(t, kInsertConfirmToken, &BindToken, "inserting confirmation token");
  if (absl::IsFailedPrecondition(s) &&
      absl::StrContains(s.message(), "UNIQUE constraint failed")) {
    return absl::AlreadyExistsError("confirmation token hash already exists");
  }
  return s;
}

absl::StatusOr<std::optional<ConfirmTokenRecord>>
SqliteTransaction::FindConfirmToken(const std::string& hash) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kFindConfirmToken);
  q.BindBlob(1, hash);
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return std::optional<ConfirmTokenRecord>();
  if (rc != SQLITE_ROW) return store_->Error(rc, "reading confirmation token");
  ConfirmTokenRecord t;
  t.hash = q.Blob(0);
  t.appointment_id = q.Int(1);
  t.issued_at = q.Time(2);
  t.expires_at = q.Time(3);
  t.confirmed_at = q.OptionalTime(4);
  t.cancelled_at = q.OptionalTime(5);
  t.superseded_at = q.OptionalTime(6);
  return std::optional<ConfirmTokenRecord>(std::move(t));
}

absl::Status SqliteTransaction::UpdateConfirmToken(
    const ConfirmTokenRecord& t) {
  // Redeeming or superseding keeps the appointment; only a token moved to
  // another appointment (or an unknown hash) takes the full update.
  APPT_RETURN_IF_ERROR(Write(t, kUpdateConfirmTokenUnindexed, &BindToken,
                             "updating confirmation token"));
  if (sqlite3_changes(store_->db()) != 0) return absl::OkStatus();
  APPT_RETURN_IF_ERROR(
      Write(t, kUpdateConfirmToken, &BindToken, "updating confirmation token"));
  if (sqlite3_changes(store_->db()) == 0) {
    return absl::NotFoundError("confirmation token not found");
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::SupersedeConfirmTokens(AppointmentId id,
                                                       Instant at) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  Query q = store_->Use(kSupersedeConfirmTokens);
  q.BindInt(1, id);
  q.BindTime(2, at);
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    return store_->Error(rc, "superseding confirmation tokens");
  }
  return absl::OkStatus();
}

}  // namespace appt::sqlite_internal
