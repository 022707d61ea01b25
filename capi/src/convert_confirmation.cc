#include "convert_confirmation.h"

namespace appt::capi {

absl::StatusOr<ConfirmationSettings> FromC(
    const appt_confirmation_settings& in) {
  if (auto s = CheckVersion("appt_confirmation_settings", in.version,
                            APPT_CONFIRMATION_SETTINGS_VERSION);
      !s.ok()) {
    return s;
  }
  ConfirmationSettings s;
  s.overdue_before = Duration(in.overdue_before_seconds);
  if (in.has_release_offset) {
    s.release_offset = Duration(in.release_offset_seconds);
  }
  s.release_reason = Str(in.release_reason);
  return s;
}

absl::StatusOr<ConfirmationBoardQuery> FromC(
    const appt_confirmation_board_query& in) {
  if (auto s = CheckVersion("appt_confirmation_board_query", in.version,
                            APPT_CONFIRMATION_BOARD_QUERY_VERSION);
      !s.ok()) {
    return s;
  }
  ConfirmationBoardQuery q;
  if (auto s = BoardScopeFromC(in.resource_ids, in.resource_id_count,
                               in.window_start, in.window_end, &q.resource_ids,
                               &q.window);
      !s.ok()) {
    return s;
  }
  return q;
}

absl::StatusOr<TaskRule> FromC(const appt_task_rule& in) {
  if (auto s =
          CheckVersion("appt_task_rule", in.version, APPT_TASK_RULE_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnum("trigger", in.trigger, APPT_TASK_TRIGGER_NOT_ARRIVED);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("service_ids", in.service_ids, in.service_id_count);
      !s.ok()) {
    return s;
  }
  TaskRule r;
  r.id = in.id;
  r.name = Str(in.name);
  r.trigger = static_cast<TaskTrigger>(in.trigger);
  r.enabled = in.enabled != 0;
  r.service_ids.assign(in.service_ids, in.service_ids + in.service_id_count);
  r.offset = Duration(in.offset_seconds);
  r.due_in = Duration(in.due_in_seconds);
  r.title = Str(in.title);
  r.external_id = Str(in.external_id);
  return r;
}

absl::StatusOr<TaskQuery> FromC(const appt_task_query& in) {
  if (auto s =
          CheckVersion("appt_task_query", in.version, APPT_TASK_QUERY_VERSION);
      !s.ok()) {
    return s;
  }
  TaskQuery q;
  if (in.assignee != nullptr) q.assignee = in.assignee;
  if (in.state != -1) {
    if (auto s = CheckEnum("state", in.state, APPT_TASK_CANCELLED); !s.ok()) {
      return s;
    }
    q.state = static_cast<TaskState>(in.state);
  }
  if (in.appointment_id != 0) q.appointment_id = in.appointment_id;
  return q;
}

void ToC(const ConfirmationSettings& in, Owner& owner,
         appt_confirmation_settings* out) {
  *out = {APPT_CONFIRMATION_SETTINGS_VERSION,
          in.overdue_before.count(),
          in.release_offset ? 1 : 0,
          in.release_offset.value_or(Duration(0)).count(),
          owner.Keep(in.release_reason),
          out->owner_};
}

void ToC(const ConfirmationBoard& in, Owner& owner,
         appt_confirmation_board* out) {
  const size_t n = in.appointments.size();
  auto* items = n == 0 ? nullptr : owner.Array<appt_flagged_appointment>(n);
  for (size_t i = 0; i < n; ++i) {
    items[i].appointment = APPT_APPOINTMENT_INIT;
    ToC(in.appointments[i].appointment, owner, &items[i].appointment);
    items[i].flag = static_cast<int>(in.appointments[i].flag);
  }
  const size_t k = in.counts.size();
  auto* counts = k == 0 ? nullptr : owner.Array<appt_day_flag_count>(k);
  for (size_t i = 0; i < k; ++i) {
    const DayFlagCount& c = in.counts[i];
    counts[i] = {c.resource_id, c.year,    c.month, c.day,
                 c.awaiting,    c.overdue, c.late};
  }
  *out = {APPT_CONFIRMATION_BOARD_VERSION,
          items,
          n,
          counts,
          k,
          in.awaiting,
          in.overdue,
          in.late,
          out->owner_};
}

void ToC(const TaskRule& in, Owner& owner, appt_task_rule* out) {
  auto* services = in.service_ids.empty()
                       ? nullptr
                       : owner.Array<int64_t>(in.service_ids.size());
  std::copy(in.service_ids.begin(), in.service_ids.end(), services);
  *out = {APPT_TASK_RULE_VERSION,     in.id,
          owner.Keep(in.name),        static_cast<int>(in.trigger),
          in.enabled ? 1 : 0,         services,
          in.service_ids.size(),      in.offset.count(),
          in.due_in.count(),          owner.Keep(in.title),
          owner.Keep(in.external_id), out->owner_};
}

void ToC(const Task& in, Owner& owner, appt_task* out) {
  out->version = APPT_TASK_VERSION;
  out->id = in.id;
  out->rule_id = in.rule_id;
  out->appointment_id = in.appointment_id;
  out->occurrence = in.occurrence;
  out->customer_id = in.customer_id;
  out->resource_id = in.resource_id;
  out->assignee = owner.Keep(in.assignee);
  out->title = owner.Keep(in.title);
  out->details = owner.Keep(in.details);
  out->state = static_cast<int>(in.state);
  out->created_at = ToUnix(in.created_at);
  out->due_at = ToUnix(in.due_at);
  out->closed_at = in.closed_at ? ToUnix(*in.closed_at) : 0;
  ActorToC(in.closed_by, owner, &out->closed_by);
  out->outcome = owner.Keep(in.outcome);
}

}  // namespace appt::capi
