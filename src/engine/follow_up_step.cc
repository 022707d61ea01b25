#include "engine/follow_up_step.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "calendar/local_time.h"
#include "date/tz.h"
#include "engine/record_change.h"
#include "engine/workflow_step.h"

namespace appt::engine {
namespace {

using absl::StrCat;

const Actor kEngineActor{Actor::Kind::kEngine, ""};

int64_t Secs(Instant t) { return t.time_since_epoch().count(); }

std::string Minutes(Duration d) {
  return StrCat(std::chrono::duration_cast<std::chrono::minutes>(d).count(),
                " min");
}

}  // namespace

bool TaskRuleCovers(const TaskRule& rule, ServiceId service) {
  return rule.service_ids.empty() ||
         std::find(rule.service_ids.begin(), rule.service_ids.end(), service) !=
             rule.service_ids.end();
}

Instant TaskRuleDue(const TaskRule& rule, Instant start) {
  return rule.trigger == TaskTrigger::kUnconfirmed ? start - rule.offset
                                                   : start + rule.offset;
}

absl::StatusOr<const std::vector<TaskRule>*> FollowUpStep::Rules() {
  if (!rules_) {
    auto rules = tx_.ListTaskRules();
    if (!rules.ok()) return rules.status();
    rules_ = *std::move(rules);
  }
  return &*rules_;
}

absl::StatusOr<const ConfirmationSettings*> FollowUpStep::Settings() {
  if (!settings_) {
    auto settings = tx_.GetConfirmationSettings();
    if (!settings.ok()) return settings.status();
    settings_ = *std::move(settings);
  }
  return &*settings_;
}

absl::StatusOr<bool> FollowUpStep::AwaitingApproval(const Appointment& a) {
  if (a.status_id == 0 && a.state != AppointmentState::kPending) return false;
  if (!workflow_) {
    auto wf = LoadWorkflow(tx_, true);
    if (!wf.ok()) return wf.status();
    workflow_ = *std::move(wf);
  }
  return engine::AwaitingApproval(*workflow_, a);
}

absl::Status FollowUpStep::AfterChange(const Appointment& a, Change change,
                                       const Actor& actor) {
  const char* answered = nullptr;
  switch (change) {
    case Change::kCancelled:
    case Change::kRejected:
      answered = "the appointment was cancelled";
      break;
    case Change::kAttended:
      answered = "the customer came";
      break;
    case Change::kRescheduled:
      answered = "the appointment moved";
      break;
    case Change::kVisitConfirmed:
      answered = "the customer confirmed the visit";
      break;
    default:
      break;
  }
  if (answered != nullptr) {
    if (auto s = CancelOpenTasks(a, actor, answered); !s.ok()) return s;
  }
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  // Without task rules or a release deadline there are no such timers:
  // deleting a rule or unsetting the deadline drops them.
  if ((*rules)->empty() && !(*settings)->release_offset) {
    return absl::OkStatus();
  }
  if (change != Change::kBooked) {
    for (TimerKind kind : {TimerKind::kTask, TimerKind::kRelease}) {
      if (auto s = tx_.DeleteAppointmentTimers(a.id, kind); !s.ok()) return s;
    }
  }
  if (a.state != AppointmentState::kBooked) return absl::OkStatus();
  auto awaiting = AwaitingApproval(a);
  if (!awaiting.ok()) return awaiting.status();
  if (*awaiting) return absl::OkStatus();
  for (const TaskRule& rule : **rules) {
    if (!rule.enabled || !TaskRuleCovers(rule, a.service_id)) continue;
    if (auto s = PlanTask(rule, a); !s.ok()) return s;
  }
  return PlanRelease(a);
}

absl::Status FollowUpStep::PlanTask(const TaskRule& rule,
                                    const Appointment& a) {
  if (rule.trigger == TaskTrigger::kUnconfirmed && a.confirmed_at) {
    return absl::OkStatus();
  }
  const Instant due = TaskRuleDue(rule, a.start);
  if (due <= now_) return absl::OkStatus();
  Timer t{0, TimerKind::kTask, rule.id, a.id, Secs(a.start), due, due};
  return tx_.InsertTimer(t).status();
}

absl::Status FollowUpStep::PlanRelease(const Appointment& a) {
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  const std::optional<Duration>& offset = (*settings)->release_offset;
  if (!offset || a.confirmed_at) return absl::OkStatus();
  const Instant due = a.start + *offset;
  if (due <= now_ || due >= a.end) return absl::OkStatus();
  Timer t{0, TimerKind::kRelease, 0, a.id, Secs(a.start), due, due};
  return tx_.InsertTimer(t).status();
}

absl::Status FollowUpStep::ReplanTaskRule(TaskRuleId id) {
  if (auto s = tx_.DeleteRuleTimers(TimerKind::kTask, id); !s.ok()) return s;
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto rule = std::find_if((*rules)->begin(), (*rules)->end(),
                           [&](const TaskRule& r) { return r.id == id; });
  if (rule == (*rules)->end() || !rule->enabled) return absl::OkStatus();
  return ForEachUpcomingVisit(tx_, now_, [&](const Appointment& a) {
    if (!TaskRuleCovers(*rule, a.service_id)) return absl::OkStatus();
    return PlanTask(*rule, a);
  });
}

absl::Status FollowUpStep::ReplanReleases() {
  if (auto s = tx_.DeleteRuleTimers(TimerKind::kRelease, 0); !s.ok()) return s;
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  if (!(*settings)->release_offset) return absl::OkStatus();
  return ForEachUpcomingVisit(
      tx_, now_, [&](const Appointment& a) { return PlanRelease(a); });
}

absl::Status FollowUpStep::Fire(const Timer& timer, bool* queued) {
  // An earlier firing of this pass may have dropped it: stale.
  if (auto s = tx_.DeleteTimer(timer.id); !s.ok()) {
    return absl::IsNotFound(s) ? absl::OkStatus() : s;
  }
  auto a = tx_.GetAppointment(timer.appointment_id);
  if (absl::IsNotFound(a.status())) return absl::OkStatus();
  if (!a.ok()) return a.status();
  auto awaiting = AwaitingApproval(*a);
  if (!awaiting.ok()) return awaiting.status();
  // Stale: the visit was marked, cancelled or moved without a re-plan
  // catching this timer.
  if (a->state != AppointmentState::kBooked || *awaiting ||
      Secs(a->start) != timer.occurrence) {
    return absl::OkStatus();
  }
  if (timer.kind == TimerKind::kRelease) {
    auto settings = Settings();
    if (!settings.ok()) return settings.status();
    // Only a visit the customer was asked to confirm, and did not.
    if (!(*settings)->release_offset || a->confirmed_at ||
        !a->confirmation_requested_at || now_ >= a->end) {
      return absl::OkStatus();
    }
    return Release(*std::move(a), queued);
  }
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto rule =
      std::find_if((*rules)->begin(), (*rules)->end(),
                   [&](const TaskRule& r) { return r.id == timer.rule_id; });
  if (rule == (*rules)->end() || !rule->enabled ||
      !TaskRuleCovers(*rule, a->service_id)) {
    return absl::OkStatus();
  }
  if (rule->trigger == TaskTrigger::kUnconfirmed &&
      (a->confirmed_at || now_ >= a->start)) {
    return absl::OkStatus();
  }
  auto existing = tx_.ListTasks({std::nullopt, std::nullopt, a->id});
  if (!existing.ok()) return existing.status();
  for (const Task& t : *existing) {
    if (t.rule_id == rule->id && t.occurrence == timer.occurrence) {
      return absl::OkStatus();
    }
  }
  return MakeTask(*rule, *a, timer);
}

absl::Status FollowUpStep::MakeTask(const TaskRule& rule, const Appointment& a,
                                    const Timer& timer) {
  auto resource = tx_.ViewResource(a.resource_id);
  if (!resource.ok()) return resource.status();
  auto customer = tx_.ViewCustomer(a.customer_id);
  if (!customer.ok()) return customer.status();
  auto service = tx_.ViewService(a.service_id);
  if (!service.ok()) return service.status();
  auto zone = calendar::LookupZone("time_zone", (*resource)->time_zone);
  if (!zone.ok()) return zone.status();
  const std::string local = date::format(
      "%Y-%m-%d %H:%M", date::make_zoned(*zone, a.start).get_local_time());
  Task t;
  t.rule_id = rule.id;
  t.appointment_id = a.id;
  t.occurrence = timer.occurrence;
  t.customer_id = a.customer_id;
  t.resource_id = a.resource_id;
  t.assignee = (*resource)->responsible_agent;
  t.title = rule.title;
  t.details = StrCat(
      (*customer)->name, ", ", (*service)->name, " with ", (*resource)->name,
      " at ", local, " (", (*resource)->time_zone, "): ",
      rule.trigger == TaskTrigger::kUnconfirmed
          ? std::string("the customer has not confirmed the visit")
          : StrCat("not marked as arrived ", Minutes(rule.offset),
                   " after the start"));
  t.created_at = now_;
  t.due_at = timer.nominal_due + rule.due_in;
  auto id = tx_.InsertTask(t);
  if (!id.ok()) return id.status();
  t.id = *id;
  TimelineEntry entry{
      0,
      a.id,
      now_,
      kEngineActor,
      "task_created",
      StrCat("task ", t.id, " \"", t.title, "\" for ",
             t.assignee.empty() ? "no agent" : t.assignee, ", due ",
             FormatUtc(t.due_at), " (task rule ", rule.id, ")")};
  if (auto e = tx_.AppendTimeline(std::move(entry)); !e.ok()) return e.status();
  Event event{EventKind::kTaskCreated, now_, kEngineActor, a};
  event.task = t;
  events_.push_back(std::move(event));
  ++tasks_created_;
  return absl::OkStatus();
}

absl::Status FollowUpStep::CancelOpenTasks(const Appointment& a,
                                           const Actor& actor,
                                           const std::string& why) {
  auto open = tx_.ListTasks({std::nullopt, TaskState::kOpen, a.id});
  if (!open.ok()) return open.status();
  for (Task& t : *open) {
    t.state = TaskState::kCancelled;
    t.closed_at = now_;
    t.closed_by = kEngineActor;
    t.outcome = why;
    if (auto s = tx_.UpdateTask(t); !s.ok()) return s;
    TimelineEntry entry{0,
                        a.id,
                        now_,
                        actor,
                        "task_cancelled",
                        StrCat("task ", t.id, " \"", t.title, "\": ", why)};
    if (auto e = tx_.AppendTimeline(std::move(entry)); !e.ok())
      return e.status();
    Event event{EventKind::kTaskCancelled, now_, kEngineActor, a};
    event.task = t;
    events_.push_back(std::move(event));
  }
  return absl::OkStatus();
}

absl::Status FollowUpStep::Release(Appointment a, bool* queued) {
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  const std::string reason = (*settings)->release_reason;
  if (auto s = CancelAppointment(tx_, events_, tools_, a, kEngineActor, reason,
                                 now_, queued);
      !s.ok())
    return s;
  ++released_;
  return absl::OkStatus();
}

}  // namespace appt::engine
