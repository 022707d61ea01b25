// Agent task commands of the Engine (R5.3): task rules, validated whole
// before anything is written and re-planned inside the saving transaction;
// tasks listed, completed and cancelled by agents.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "catalog/validate.h"
#include "engine/engine_impl.h"
#include "engine/follow_up_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

constexpr Duration kMaxTaskOffset = std::chrono::days(30);

absl::Status CheckSpan(const char* field, Duration d) {
  if (d < Duration(0) || d > kMaxTaskOffset) {
    return absl::InvalidArgumentError(
        StrCat(field, " ", d.count(), " s must be within 0 to 30 days"));
  }
  return absl::OkStatus();
}

absl::Status ValidateTaskRule(const TaskRule& r) {
  if (auto s = text::CheckText("rule.name", r.name, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (auto s =
          text::CheckText("rule.title", r.title, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (auto s = text::CheckText("rule.external_id", r.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  const int trigger = static_cast<int>(r.trigger);
  if (trigger < 0 || trigger > static_cast<int>(TaskTrigger::kNotArrived)) {
    return absl::InvalidArgumentError(
        StrCat("rule.trigger ", trigger, " is not a task trigger"));
  }
  if (auto s = CheckSpan("rule.offset", r.offset); !s.ok()) return s;
  if (auto s = CheckSpan("rule.due_in", r.due_in); !s.ok()) return s;
  for (size_t i = 0; i < r.service_ids.size(); ++i) {
    if (std::find(r.service_ids.begin(), r.service_ids.begin() + i,
                  r.service_ids[i]) != r.service_ids.begin() + i) {
      return absl::InvalidArgumentError(StrCat(
          "rule.service_ids[", i, "] ", r.service_ids[i], " is listed twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTaskRuleServices(StoreTransaction& tx, const TaskRule& r) {
  for (size_t i = 0; i < r.service_ids.size(); ++i) {
    if (auto s = tx.GetService(r.service_ids[i]); !s.ok()) {
      return absl::NotFoundError(StrCat("rule.service_ids[", i,
                                        "]: service_id ", r.service_ids[i],
                                        " not found"));
    }
  }
  return absl::OkStatus();
}

absl::Status Replan(StoreTransaction& tx, messaging::ComposeTools& tools,
                    Events& events, Instant now, TaskRuleId id) {
  engine::FollowUpStep step(tx, tools, events, now);
  return step.ReplanTaskRule(id);
}

}  // namespace

absl::StatusOr<TaskRuleId> Engine::CreateTaskRule(const TaskRule& rule) {
  if (auto s = ValidateTaskRule(rule); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool*) -> absl::StatusOr<TaskRuleId> {
    if (auto s = CheckTaskRuleServices(tx, rule); !s.ok()) return s;
    auto id = tx.InsertTaskRule(rule);
    if (!id.ok()) return id;
    if (auto s = Replan(tx, impl_->tools, events, now, *id); !s.ok()) return s;
    return id;
  });
}

absl::Status Engine::UpdateTaskRule(const TaskRule& rule) {
  if (auto s = ValidateTaskRule(rule); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events& events, bool*) -> absl::Status {
        if (auto s = CheckTaskRuleServices(tx, rule); !s.ok()) return s;
        if (auto s = tx.UpdateTaskRule(rule); !s.ok()) return s;
        return Replan(tx, impl_->tools, events, now, rule.id);
      });
}

absl::Status Engine::DeleteTaskRule(TaskRuleId id) {
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events& events, bool*) -> absl::Status {
        if (auto s = tx.DeleteTaskRule(id); !s.ok()) return s;
        return Replan(tx, impl_->tools, events, now, id);
      });
}

absl::StatusOr<TaskRule> Engine::GetTaskRule(TaskRuleId id) {
  auto rules = ListTaskRules();
  if (!rules.ok()) return rules.status();
  for (TaskRule& r : *rules) {
    if (r.id == id) return std::move(r);
  }
  return absl::NotFoundError(StrCat("task_rule_id ", id, " not found"));
}

absl::StatusOr<std::vector<TaskRule>> Engine::ListTaskRules() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListTaskRules();
  });
}

absl::StatusOr<Task> Engine::GetTask(TaskId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetTask(id);
  });
}

absl::StatusOr<std::vector<Task>> Engine::ListTasks(const TaskQuery& query) {
  if (query.state) {
    const int state = static_cast<int>(*query.state);
    if (state < 0 || state > static_cast<int>(TaskState::kCancelled)) {
      return absl::InvalidArgumentError(
          StrCat("query.state ", state, " is not a task state"));
    }
  }
  if (query.assignee) {
    if (auto s = text::CheckText("query.assignee", *query.assignee,
                                 text::kMaxNameBytes, false);
        !s.ok())
      return s;
  }
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListTasks(query);
  });
}

namespace {

// Closes open task `id` as `state`; the engine's part of CompleteTask and
// CancelTask.
absl::StatusOr<Task> CloseTask(StoreTransaction& tx, Events& events, TaskId id,
                               TaskState state, const Actor& actor,
                               const std::string& note, Instant now) {
  auto t = tx.GetTask(id);
  if (!t.ok()) return t.status();
  if (t->state != TaskState::kOpen) {
    return absl::FailedPreconditionError(
        StrCat("task_id ", id, " is already ", TaskStateName(t->state)));
  }
  auto a = tx.GetAppointment(t->appointment_id);
  if (!a.ok()) return a.status();
  t->state = state;
  t->closed_at = now;
  t->closed_by = actor;
  t->outcome = note;
  if (auto s = tx.UpdateTask(*t); !s.ok()) return s;
  const bool done = state == TaskState::kDone;
  TimelineEntry entry{0,
                      t->appointment_id,
                      now,
                      actor,
                      done ? "task_completed" : "task_cancelled",
                      StrCat("task ", id, " \"", t->title, "\"",
                             note.empty() ? "" : ": ", note)};
  if (auto e = tx.AppendTimeline(std::move(entry)); !e.ok()) return e.status();
  Event event{done ? EventKind::kTaskCompleted : EventKind::kTaskCancelled, now,
              actor, *a};
  event.task = *t;
  events.push_back(std::move(event));
  return t;
}

absl::Status CheckCloser(const Actor& actor, const std::string& note,
                         const char* note_field, bool note_required) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  return text::CheckText(note_field, note, text::kMaxTextBytes, note_required);
}

}  // namespace

absl::StatusOr<Task> Engine::CompleteTask(TaskId id, const Actor& actor,
                                          const std::string& outcome) {
  if (auto s = CheckCloser(actor, outcome, "outcome", false); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kWrite, [&](StoreTransaction& tx, Events& events) {
        return CloseTask(tx, events, id, TaskState::kDone, actor, outcome, now);
      });
}

absl::StatusOr<Task> Engine::CancelTask(TaskId id, const Actor& actor,
                                        const std::string& reason) {
  if (auto s = CheckCloser(actor, reason, "reason", true); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->Run(Store::Mode::kWrite, [&](StoreTransaction& tx,
                                             Events& events) {
    return CloseTask(tx, events, id, TaskState::kCancelled, actor, reason, now);
  });
}

}  // namespace appt
