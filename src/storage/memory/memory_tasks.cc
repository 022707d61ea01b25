// MemoryStore: confirmation settings, task rules and tasks.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {

absl::StatusOr<ConfirmationSettings>
MemoryTransaction::GetConfirmationSettings() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return t_->confirmation.value_or(ConfirmationSettings{});
}

absl::Status MemoryTransaction::PutConfirmationSettings(
    const ConfirmationSettings& s) {
  if (absl::Status st = CheckOpen(true); !st.ok()) return st;
  OnUndo([old = t_->confirmation](Tables& t) { t.confirmation = old; });
  t_->confirmation = s;
  return absl::OkStatus();
}

absl::StatusOr<TaskRuleId> MemoryTransaction::InsertTaskRule(
    const TaskRule& r) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  const TaskRuleId id = t_->next_task_rule++;
  TaskRule& row = t_->task_rules[id] = r;
  row.id = id;
  OnUndo([id](Tables& t) {
    t.task_rules.erase(id);
    t.next_task_rule = id;
  });
  return id;
}

absl::Status MemoryTransaction::UpdateTaskRule(const TaskRule& r) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->task_rules.find(r.id);
  if (it == t_->task_rules.end()) return NotFound("task_rule_id", r.id);
  OnUndo([old = it->second](Tables& t) { t.task_rules[old.id] = old; });
  it->second = r;
  return absl::OkStatus();
}

absl::Status MemoryTransaction::DeleteTaskRule(TaskRuleId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->task_rules.find(id);
  if (it == t_->task_rules.end()) return NotFound("task_rule_id", id);
  OnUndo([old = it->second](Tables& t) { t.task_rules.emplace(old.id, old); });
  t_->task_rules.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TaskRule>> MemoryTransaction::ListTaskRules() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<TaskRule> out;
  out.reserve(t_->task_rules.size());
  for (const auto& [id, rule] : t_->task_rules) out.push_back(rule);
  return out;
}

absl::StatusOr<TaskId> MemoryTransaction::InsertTask(const Task& t) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, t.appointment_id)) {
    return NotFound("appointment_id", t.appointment_id);
  }
  const auto key = std::tuple(t.rule_id, t.appointment_id, t.occurrence);
  const TaskId id = static_cast<TaskId>(t_->tasks.size()) + 1;
  if (!t_->task_keys.emplace(key, id).second) {
    return absl::AlreadyExistsError(absl::StrCat(
        "task of task_rule_id ", t.rule_id, " for appointment_id ",
        t.appointment_id, " at occurrence ", t.occurrence, " already exists"));
  }
  t_->tasks.push_back(t);
  t_->tasks.back().id = id;
  t_->tasks_by_appointment[t.appointment_id].push_back(id);
  OnUndo([key, appointment = t.appointment_id](Tables& tables) {
    tables.tasks.pop_back();
    tables.task_keys.erase(key);
    tables.tasks_by_appointment[appointment].pop_back();
  });
  return id;
}

absl::Status MemoryTransaction::UpdateTask(const Task& t) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->tasks, t.id)) return NotFound("task_id", t.id);
  Task& row = t_->tasks[t.id - 1];
  OnUndo([old = row](Tables& tables) { tables.tasks[old.id - 1] = old; });
  row = t;
  return absl::OkStatus();
}

absl::StatusOr<Task> MemoryTransaction::GetTask(TaskId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->tasks, id)) return NotFound("task_id", id);
  return t_->tasks[id - 1];
}

absl::StatusOr<std::vector<Task>> MemoryTransaction::ListTasks(
    const TaskQuery& q) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Task> out;
  auto take = [&](const Task& t) {
    if (q.assignee && t.assignee != *q.assignee) return;
    if (q.state && t.state != *q.state) return;
    if (q.appointment_id && t.appointment_id != *q.appointment_id) return;
    out.push_back(t);
  };
  if (q.appointment_id) {
    auto it = t_->tasks_by_appointment.find(*q.appointment_id);
    if (it != t_->tasks_by_appointment.end()) {
      for (TaskId id : it->second) take(t_->tasks[id - 1]);
    }
  } else {
    for (const Task& t : t_->tasks) take(t);
  }
  std::sort(out.begin(), out.end(), [](const Task& a, const Task& b) {
    return std::pair(a.due_at, a.id) < std::pair(b.due_at, b.id);
  });
  return out;
}

}  // namespace appt::memory_internal
