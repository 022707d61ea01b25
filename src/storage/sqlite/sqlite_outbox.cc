// SqliteStore: messaging settings, timers and firings (schema version 4).
// See store.h for the contract; messages are in sqlite_messages.cc.
#include <algorithm>
#include <limits>
#include <tuple>

#include "storage/outbox_contract.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {

absl::Status SqliteTransaction::RunWithId(Stmt s, int64_t id,
                                          absl::string_view what) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  Query q = store_->Use(s);
  q.BindInt(1, id);
  if (int rc = q.Step(); rc != SQLITE_DONE) return store_->Error(rc, what);
  return absl::OkStatus();
}

absl::Status SqliteTransaction::WriteIndexRow(Stmt s, int64_t id,
                                              const IndexKey& key) {
  int rc;
  {
    Query q = store_->Use(s);
    q.BindInt(1, key.appointment_id);
    q.BindInt(2, static_cast<int>(key.kind));
    q.BindInt(3, key.key1);
    q.BindInt(4, key.key2.value_or(id));
    q.BindInt(5, key.row_id.value_or(id));
    rc = q.Step();
  }
  if (rc == SQLITE_DONE) return absl::OkStatus();
  unindexed_ = store_->Error(rc, "indexing by appointment");
  return unindexed_;
}

absl::StatusOr<int64_t> SqliteTransaction::Indexed(absl::StatusOr<int64_t> id,
                                                   const IndexKey& key) {
  if (!id.ok()) return id;
  APPT_RETURN_IF_ERROR(WriteIndexRow(kIndexRow, *id, key));
  return id;
}

absl::StatusOr<int64_t> SqliteTransaction::IndexedIfFree(
    absl::StatusOr<int64_t> id, const IndexKey& key, Stmt undo,
    absl::FunctionRef<absl::Status()> taken) {
  if (!id.ok()) return id;
  APPT_RETURN_IF_ERROR(WriteIndexRow(kIndexRowIfFree, *id, key));
  if (sqlite3_changes(store_->db()) == 1) return id;
  if (absl::Status s = RunWithId(undo, *id, "undoing a refused insert");
      !s.ok()) {
    return unindexed_ = s;
  }
  return taken();
}

absl::StatusOr<std::optional<int64_t>> SqliteTransaction::ScalarOf(
    Query& q, absl::string_view what) {
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return std::optional<int64_t>();
  if (rc != SQLITE_ROW) return store_->Error(rc, what);
  if (q.IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

absl::StatusOr<MessagingSettings> SqliteTransaction::GetSettings() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kGetSettings);
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return MessagingSettings{};
  if (rc != SQLITE_ROW) return store_->Error(rc, "reading settings");
  return ReadSettings(q, store_->path());
}

absl::Status SqliteTransaction::PutSettings(const MessagingSettings& s) {
  return Write(s, kPutSettings, &BindSettings, "writing settings");
}

absl::StatusOr<TimerId> SqliteTransaction::InsertTimer(const Timer& t) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  const int64_t due = Secs(t.due);
  if (due < kMinTimerDue || due > kMaxTimerDue) {
    return absl::InvalidArgumentError(
        absl::StrCat("timer due ", due, " s is out of range"));
  }
  auto id = Insert(t, kInsertTimer, &BindTimer, "inserting timer");
  // With the due in range, the id's CHECK fails only when the second's
  // last id (kTimerSeqBits) is taken.
  if (!id.ok() &&
      sqlite3_extended_errcode(store_->db()) == SQLITE_CONSTRAINT_CHECK) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "timer due ", FormatUtc(t.due), ": the last of the ",
        int64_t{1} << kTimerSeqBits, " timer ids of that second is taken"));
  }
  return Indexed(
      id, {IndexedKind::kTimer, t.appointment_id, static_cast<int>(t.kind)});
}

absl::Status SqliteTransaction::DeleteTimer(TimerId id) {
  // The entry goes first: its statement finds it through the timer.
  APPT_RETURN_IF_ERROR(RunWithId(kUnindexTimer, id, "deleting timer"));
  if (absl::Status s = RunWithId(kDeleteTimer, id, "deleting timer"); !s.ok()) {
    return unindexed_ = s;
  }
  if (sqlite3_changes(store_->db()) == 0) return NotFound("timer_id", id);
  return absl::OkStatus();
}

absl::Status SqliteTransaction::DeleteTimersOf(Stmt first, Stmt second,
                                               int64_t owner, TimerKind kind) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  for (const Stmt s : {first, second}) {
    Query q = store_->Use(s);
    q.BindInt(1, owner);
    q.BindInt(2, static_cast<int>(kind));
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      absl::Status error = store_->Error(rc, "deleting timers");
      // After the first, timers and their entries disagree.
      if (s == second) unindexed_ = error;
      return error;
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::DeleteAppointmentTimers(AppointmentId id,
                                                        TimerKind kind) {
  return DeleteTimersOf(kDeleteAppointmentTimers, kUnindexAppointmentTimers, id,
                        kind);
}

absl::Status SqliteTransaction::DeleteRuleTimers(TimerKind kind,
                                                 int64_t rule_id) {
  return DeleteTimersOf(kUnindexRuleTimers, kDeleteRuleTimers, rule_id, kind);
}

absl::StatusOr<std::vector<Timer>> SqliteTransaction::ListAppointmentTimers(
    AppointmentId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListAppointmentTimers);
  q.BindInt(1, id);
  auto timers = Collect<Timer>(q, &ReadTimer);
  if (!timers.ok()) return timers;
  // Listed by (kind, id); ids are in due order.
  std::sort(timers->begin(), timers->end(),
            [](const Timer& a, const Timer& b) { return a.id < b.id; });
  return timers;
}

absl::StatusOr<std::vector<Timer>> SqliteTransaction::ListDueTimers(
    Instant until, int limit) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  const int64_t last = Secs(until);
  if (last < kMinTimerDue) return std::vector<Timer>();
  Query q = store_->Use(kListDueTimers);
  // The greatest id a timer due by `until` can have.
  q.BindInt(1, last >= kMaxTimerDue ? std::numeric_limits<int64_t>::max()
                                    : ((last + 1) << kTimerSeqBits) - 1);
  q.BindInt(2, limit);
  return Collect<Timer>(q, &ReadTimer);
}

absl::StatusOr<std::optional<Instant>> SqliteTransaction::NextTimerDue() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kNextTimerDue);
  auto v = ScalarOf(q, "reading the next timer");
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<Instant>();
  return std::optional<Instant>(At(**v));
}

absl::StatusOr<int64_t> SqliteTransaction::CountTimers() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kCountTimers);
  auto v = ScalarOf(q, "counting timers");
  if (!v.ok()) return v.status();
  return v->value_or(0);
}

absl::StatusOr<int64_t> SqliteTransaction::NextLogId() {
  if (!next_log_id_) {
    Query q = store_->Use(kNextLogId);
    auto next = ScalarOf(q, "reading the next message, firing or entry id");
    if (!next.ok()) return next.status();
    next_log_id_ = next->value_or(1);
  }
  return *next_log_id_;
}

absl::StatusOr<FiringId> SqliteTransaction::InsertFiring(const Firing& f) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  auto id = NextLogId();
  if (!id.ok()) return id;
  Firing row = f;
  row.id = *id;
  auto inserted = Insert(row, kInsertFiring, &BindFiring, "inserting firing");
  if (!inserted.ok()) return inserted;
  ++*next_log_id_;
  // The firing key is unique in appointment_index alone: a taken key
  // deletes the row again (and gives its id back), so a refusal changes
  // nothing.
  auto written = IndexedIfFree(
      inserted,
      {IndexedKind::kFiring, f.appointment_id, f.rule_id, f.occurrence},
      kDeleteFiring, [&f] {
        return storage_internal::FiringExists(f.rule_id, f.appointment_id,
                                              f.occurrence);
      });
  if (absl::IsAlreadyExists(written.status())) --*next_log_id_;
  return written;
}

absl::StatusOr<std::optional<Firing>> SqliteTransaction::FindFiring(
    RuleId rule, AppointmentId appointment, int64_t occurrence) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  int64_t row_id;
  {
    Query q = store_->Use(kFindFiring);
    q.BindInt(1, rule);
    q.BindInt(2, appointment);
    q.BindInt(3, occurrence);
    auto found = ScalarOf(q, "reading firing");
    if (!found.ok()) return found.status();
    if (!found->has_value()) return std::optional<Firing>();
    row_id = **found;
  }
  // A negative row id names the message whose row keeps the firing.
  auto f =
      row_id > 0
          ? Get<Firing>(row_id, kGetFiring, &ReadFiring, "firing_id")
          : Get<Firing>(-row_id, kGetMessageFiring, &ReadFiring, "message_id");
  if (absl::IsNotFound(f.status())) {
    return absl::DataLossError(
        absl::StrCat("the firing key (rule_id ", rule, ", appointment_id ",
                     appointment, ", occurrence ", occurrence,
                     ") names a missing row: ", f.status().message()));
  }
  if (!f.ok()) return f.status();
  return std::optional<Firing>(*std::move(f));
}

absl::StatusOr<std::vector<Firing>> SqliteTransaction::ListAppointmentFirings(
    AppointmentId id) {
  // Listed in index order, firings rows first.
  return ListSorted<Firing>(kListAppointmentFirings, id, &ReadFiring,
                            [](const Firing& a, const Firing& b) {
                              return std::tie(a.at, a.id) <
                                     std::tie(b.at, b.id);
                            });
}

}  // namespace appt::sqlite_internal
