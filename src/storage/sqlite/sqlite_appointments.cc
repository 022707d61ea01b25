// SqliteStore: appointments, listing and writing them, and blocked
// intervals (the other rows that take a resource's time). See store.h for the
// contract.
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {

absl::StatusOr<BlockId> SqliteTransaction::InsertBlock(
    const BlockedInterval& b) {
  auto id = Insert(b, kInsertBlock, &BindBlock, "inserting block");
  if (!id.ok()) return id;
  Query q = store_->Use(kBumpBlockSpan);
  q.BindInt(1, b.resource_id);
  q.BindInt(2, (b.interval.end - b.interval.start).count());
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    // The row is written already, and listings would not reach back far
    // enough to find it: the transaction must not commit.
    unindexed_ = store_->Error(rc, "recording block span");
    return unindexed_;
  }
  return id;
}

absl::Status SqliteTransaction::DeleteBlock(BlockId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  Query q = store_->Use(kDeleteBlock);
  q.BindInt(1, id);
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    return store_->Error(rc, "deleting block");
  }
  if (sqlite3_changes(store_->db()) == 0) return NotFound("block_id", id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<BlockedInterval>> SqliteTransaction::ListBlocks(
    ResourceId resource, Interval window) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListBlocks);
  q.BindInt(1, resource);
  q.BindTime(2, window.start);
  q.BindTime(3, window.end);
  return Collect<BlockedInterval>(q, &ReadBlock);
}

absl::Status SqliteTransaction::BumpAppointmentSpan(const Appointment& a) {
  Query q = store_->Use(kBumpAppointmentSpan);
  q.BindInt(1, a.resource_id);
  q.BindInt(2, (a.blocked.end - a.blocked.start).count());
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    // As for a block: the written row could not be listed.
    unindexed_ = store_->Error(rc, "recording appointment span");
    return unindexed_;
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::AddStatusUse(StatusId status, int delta) {
  if (status == 0) return absl::OkStatus();
  Query q = store_->Use(kAddStatusUse);
  q.BindInt(1, status);
  q.BindInt(2, delta);
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    // The row is written already: its count would be wrong, so the
    // transaction must not commit (as for a missing index entry).
    unindexed_ = store_->Error(rc, "counting appointments in a status");
    return unindexed_;
  }
  return absl::OkStatus();
}

namespace {

// Whether the columns the appointments indexes cover (and the blocked
// span) are equal in `a` and `b`.
bool SameIndexedColumns(const Appointment& a, const Appointment& b) {
  return a.customer_id == b.customer_id && a.start == b.start &&
         a.resource_id == b.resource_id && a.state == b.state &&
         a.blocked == b.blocked && a.status_id == b.status_id;
}

}  // namespace

absl::StatusOr<AppointmentId> SqliteTransaction::InsertAppointment(
    const Appointment& a) {
  auto id =
      Insert(a, kInsertAppointment, &BindAppointment, "inserting appointment");
  if (!id.ok()) return id;
  APPT_RETURN_IF_ERROR(BumpAppointmentSpan(a));
  APPT_RETURN_IF_ERROR(AddStatusUse(a.status_id, 1));
  return id;
}

absl::StatusOr<std::vector<Appointment>> SqliteTransaction::CollectAppointments(
    Query& q) {
  std::vector<Appointment> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    if (out.empty()) out.reserve(kFirstListingCapacity);
    APPT_RETURN_IF_ERROR(
        ReadAppointmentInto(q, store_->path(), &out.emplace_back()));
  }
  if (rc != SQLITE_DONE) return store_->Error(rc, "listing appointments");
  return out;
}

absl::StatusOr<std::vector<Appointment>>
SqliteTransaction::ListResourceAppointments(Stmt s, ResourceId resource,
                                            Interval window) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(s);
  q.BindInt(1, resource);
  q.BindTime(2, window.start);
  q.BindTime(3, window.end);
  return CollectAppointments(q);
}

absl::StatusOr<std::vector<Appointment>>
SqliteTransaction::ListActiveAppointments(ResourceId resource,
                                          Interval window) {
  return ListResourceAppointments(kListActive, resource, window);
}

absl::StatusOr<std::vector<Appointment>>
SqliteTransaction::ListPendingAppointments(ResourceId resource,
                                           Interval window) {
  return ListResourceAppointments(kListPending, resource, window);
}

absl::StatusOr<std::vector<Appointment>>
SqliteTransaction::ListCustomerAppointments(CustomerId customer) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListCustomerAppointments);
  q.BindInt(1, customer);
  return CollectAppointments(q);
}

absl::StatusOr<Appointment> SqliteTransaction::GetAppointment(
    AppointmentId id) {
  auto row =
      Get<Appointment>(id, kGetAppointment, &ReadAppointment, "appointment_id");
  if (row.ok()) last_appointment_ = *row;
  return row;
}

// The statement names only the indexes whose columns change: SQLite
// deletes and re-inserts a row's entry in every index a SET column is in,
// dirtying a page of each. No indexed column changes in a confirmation or
// a note; the customer's entry stays in a status change or cancellation.
absl::Status SqliteTransaction::UpdateAppointment(const Appointment& a) {
  // In autocommit mode an error has rolled the transaction back, and the
  // last row with it.
  if (!last_appointment_ || last_appointment_->id != a.id ||
      sqlite3_get_autocommit(store_->db())) {
    APPT_RETURN_IF_ERROR(GetAppointment(a.id).status());
  }
  const Appointment old = *std::exchange(last_appointment_, std::nullopt);
  if (SameIndexedColumns(old, a)) {
    APPT_RETURN_IF_ERROR(Update(a, kUpdateAppointmentUnindexed,
                                &BindAppointment, "appointment_id"));
    last_appointment_ = a;
    return absl::OkStatus();
  }
  const Stmt s = old.customer_id == a.customer_id && old.start == a.start
                     ? kUpdateAppointmentSameCustomerEntry
                     : kUpdateAppointment;
  APPT_RETURN_IF_ERROR(Update(a, s, &BindAppointment, "appointment_id"));
  last_appointment_ = a;
  if (old.status_id != a.status_id) {
    APPT_RETURN_IF_ERROR(AddStatusUse(old.status_id, -1));
    APPT_RETURN_IF_ERROR(AddStatusUse(a.status_id, 1));
  }
  // The resource's longest span only ever grows: an unchanged span is in it.
  if (old.blocked == a.blocked && old.resource_id == a.resource_id) {
    return absl::OkStatus();
  }
  return BumpAppointmentSpan(a);
}

}  // namespace appt::sqlite_internal
