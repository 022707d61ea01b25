// SqliteStore: confirmation settings, task rules and tasks (schema version
// 6). See store.h for the contract.
#include "absl/strings/match.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {
namespace {

Refs BindTaskRule(Query& q, const TaskRule& r,
                  std::vector<std::string>& scratch) {
  scratch = {EncodeIds(r.service_ids)};
  q.BindNewId(1, r.id);
  q.BindText(2, r.name);
  q.BindInt(3, static_cast<int>(r.trigger));
  q.BindInt(4, r.enabled ? 1 : 0);
  q.BindText(5, scratch[0]);
  q.BindInt(6, r.offset.count());
  q.BindInt(7, r.due_in.count());
  q.BindText(8, r.title);
  q.BindText(9, r.external_id);
  return {};
}

absl::StatusOr<TaskRule> ReadTaskRule(const Query& q, absl::string_view path) {
  TaskRule r;
  r.id = q.Int(0);
  r.name = q.Text(1);
  const int64_t trigger = q.Int(2);
  if (trigger < 0 || trigger > static_cast<int>(TaskTrigger::kNotArrived)) {
    return Corrupt(path, "trigger", "task rule", r.id);
  }
  r.trigger = static_cast<TaskTrigger>(trigger);
  r.enabled = q.Int(3) != 0;
  if (!DecodeIds(q.Text(4), &r.service_ids)) {
    return Corrupt(path, "service_ids", "task rule", r.id);
  }
  r.offset = q.Seconds(5);
  r.due_in = q.Seconds(6);
  r.title = q.Text(7);
  r.external_id = q.Text(8);
  return r;
}

Refs BindTask(Query& q, const Task& t, std::vector<std::string>& /*s*/) {
  q.BindNewId(1, t.id);
  q.BindInt(2, t.rule_id);
  q.BindInt(3, t.appointment_id);
  q.BindInt(4, t.occurrence);
  q.BindInt(5, t.customer_id);
  q.BindInt(6, t.resource_id);
  q.BindText(7, t.assignee);
  q.BindText(8, t.title);
  q.BindText(9, t.details);
  q.BindInt(10, static_cast<int>(t.state));
  q.BindTime(11, t.created_at);
  q.BindTime(12, t.due_at);
  q.BindOptionalTime(13, t.closed_at);
  q.BindInt(14, static_cast<int>(t.closed_by.kind));
  q.BindText(15, t.closed_by.id);
  q.BindText(16, t.outcome);
  return {{kAppointmentExists, {"appointment_id", t.appointment_id}}};
}

absl::StatusOr<Task> ReadTask(const Query& q, absl::string_view path) {
  Task t;
  t.id = q.Int(0);
  t.rule_id = q.Int(1);
  t.appointment_id = q.Int(2);
  t.occurrence = q.Int(3);
  t.customer_id = q.Int(4);
  t.resource_id = q.Int(5);
  t.assignee = q.Text(6);
  t.title = q.Text(7);
  t.details = q.Text(8);
  const int64_t state = q.Int(9), actor = q.Int(13);
  if (state < 0 || state > static_cast<int>(TaskState::kCancelled)) {
    return Corrupt(path, "state", "task", t.id);
  }
  if (actor < 0 || actor > static_cast<int>(Actor::Kind::kSystem)) {
    return Corrupt(path, "closed_by_kind", "task", t.id);
  }
  t.state = static_cast<TaskState>(state);
  t.created_at = q.Time(10);
  t.due_at = q.Time(11);
  t.closed_at = q.OptionalTime(12);
  t.closed_by = {static_cast<Actor::Kind>(actor), q.Text(14)};
  t.outcome = q.Text(15);
  return t;
}

}  // namespace

absl::StatusOr<ConfirmationSettings>
SqliteTransaction::GetConfirmationSettings() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kGetConfirmationSettings);
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return ConfirmationSettings{};
  if (rc != SQLITE_ROW) {
    return store_->Error(rc, "reading confirmation settings");
  }
  ConfirmationSettings s;
  s.overdue_before = q.Seconds(0);
  if (!q.IsNull(1)) s.release_offset = q.Seconds(1);
  s.release_reason = q.Text(2);
  return s;
}

absl::Status SqliteTransaction::PutConfirmationSettings(
    const ConfirmationSettings& s) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  Query q = store_->Use(kPutConfirmationSettings);
  q.BindInt(1, s.overdue_before.count());
  if (s.release_offset) q.BindInt(2, s.release_offset->count());
  q.BindText(3, s.release_reason);
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    return store_->Error(rc, "writing confirmation settings");
  }
  return absl::OkStatus();
}

absl::StatusOr<TaskRuleId> SqliteTransaction::InsertTaskRule(
    const TaskRule& r) {
  TaskRule row = r;
  row.id = 0;  // AUTOINCREMENT assigns it; ids are never reused
  APPT_RETURN_IF_ERROR(
      Write(row, kInsertTaskRule, &BindTaskRule, "inserting task rule"));
  return sqlite3_last_insert_rowid(store_->db());
}

absl::Status SqliteTransaction::UpdateTaskRule(const TaskRule& r) {
  return Update(r, kUpdateTaskRule, &BindTaskRule, "task_rule_id");
}

absl::Status SqliteTransaction::DeleteTaskRule(TaskRuleId id) {
  APPT_RETURN_IF_ERROR(RunWithId(kDeleteTaskRule, id, "deleting task rule"));
  if (sqlite3_changes(store_->db()) == 0) return NotFound("task_rule_id", id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TaskRule>> SqliteTransaction::ListTaskRules() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListTaskRules);
  return Collect<TaskRule>(q, &ReadTaskRule);
}

absl::StatusOr<TaskId> SqliteTransaction::InsertTask(const Task& t) {
  Task row = t;
  row.id = 0;
  absl::Status s = Write(row, kInsertTask, &BindTask, "inserting task");
  if (absl::IsFailedPrecondition(s) &&
      absl::StrContains(s.message(), "UNIQUE constraint failed")) {
    return absl::AlreadyExistsError(absl::StrCat(
        "task of task_rule_id ", t.rule_id, " for appointment_id ",
        t.appointment_id, " at occurrence ", t.occurrence, " already exists"));
  }
  APPT_RETURN_IF_ERROR(s);
  return sqlite3_last_insert_rowid(store_->db());
}

absl::Status SqliteTransaction::UpdateTask(const Task& t) {
  return Update(t, kUpdateTask, &BindTask, "task_id");
}

absl::StatusOr<Task> SqliteTransaction::GetTask(TaskId id) {
  return Get<Task>(id, kGetTask, &ReadTask, "task_id");
}

absl::StatusOr<std::vector<Task>> SqliteTransaction::ListTasks(
    const TaskQuery& query) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  // The most selective index first; the other filters apply to its rows.
  absl::StatusOr<std::vector<Task>> found;
  if (query.appointment_id) {
    Query q = store_->Use(kListAppointmentTasks);
    q.BindInt(1, *query.appointment_id);
    found = Collect<Task>(q, &ReadTask);
  } else if (query.assignee) {
    Query q = store_->Use(kListAssigneeTasks);
    q.BindText(1, *query.assignee);
    found = Collect<Task>(q, &ReadTask);
  } else if (query.state) {
    Query q = store_->Use(kListStateTasks);
    q.BindInt(1, static_cast<int>(*query.state));
    found = Collect<Task>(q, &ReadTask);
  } else {
    Query q = store_->Use(kListTasks);
    found = Collect<Task>(q, &ReadTask);
  }
  if (!found.ok()) return found;
  std::erase_if(*found, [&](const Task& t) {
    return (query.assignee && t.assignee != *query.assignee) ||
           (query.state && t.state != *query.state);
  });
  return found;
}

}  // namespace appt::sqlite_internal
