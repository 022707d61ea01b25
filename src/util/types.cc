#include "appt/appointment.h"
#include "appt/confirmation.h"
#include "appt/membership.h"
#include "appt/events.h"
#include "appt/types.h"
#include "date/date.h"
#include "util/digits.h"

namespace appt {

const char* ActorKindName(Actor::Kind kind) {
  switch (kind) {
    case Actor::Kind::kCustomer: return "customer";
    case Actor::Kind::kStaff: return "staff";
    case Actor::Kind::kEngine: return "engine";
    case Actor::Kind::kSystem: return "system";
  }
  return "unknown";
}

const char* AppointmentStateName(AppointmentState state) {
  switch (state) {
    case AppointmentState::kBooked: return "booked";
    case AppointmentState::kCancelled: return "cancelled";
    case AppointmentState::kAttended: return "attended";
    case AppointmentState::kNoShow: return "no_show";
    case AppointmentState::kPending: return "pending";
  }
  return "unknown";
}

const char* BookingSourceName(BookingSource source) {
  switch (source) {
    case BookingSource::kOnline: return "online";
    case BookingSource::kAgent: return "agent";
    case BookingSource::kApi: return "api";
  }
  return "unknown";
}

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kAppointmentCreated: return "appointment.created";
    case EventKind::kAppointmentRescheduled: return "appointment.rescheduled";
    case EventKind::kAppointmentCancelled: return "appointment.cancelled";
    case EventKind::kAppointmentAttended: return "appointment.attended";
    case EventKind::kAppointmentNoShow: return "appointment.no_show";
    case EventKind::kAppointmentStatusChanged:
      return "appointment.status_changed";
    case EventKind::kVisitConfirmed: return "appointment.visit_confirmed";
    case EventKind::kTaskCreated: return "task.created";
    case EventKind::kTaskCompleted: return "task.completed";
    case EventKind::kTaskCancelled: return "task.cancelled";
    case EventKind::kDealOpened: return "deal.opened";
    case EventKind::kDealStageChanged: return "deal.stage_changed";
  }
  return "unknown";
}

const char* ConfirmationFlagName(ConfirmationFlag flag) {
  switch (flag) {
    case ConfirmationFlag::kAwaiting: return "awaiting";
    case ConfirmationFlag::kOverdue: return "overdue";
    case ConfirmationFlag::kLate: return "late";
  }
  return "unknown";
}

const char* TaskTriggerName(TaskTrigger trigger) {
  switch (trigger) {
    case TaskTrigger::kUnconfirmed: return "unconfirmed";
    case TaskTrigger::kNotArrived: return "not_arrived";
  }
  return "unknown";
}

const char* NoShowPolicyName(NoShowPolicy policy) {
  switch (policy) {
    case NoShowPolicy::kUsesVisit: return "uses_visit";
    case NoShowPolicy::kReturnsVisit: return "returns_visit";
  }
  return "unknown";
}

const char* MembershipStateName(MembershipState state) {
  switch (state) {
    case MembershipState::kActive: return "active";
    case MembershipState::kExpired: return "expired";
  }
  return "unknown";
}

const char* TaskStateName(TaskState state) {
  switch (state) {
    case TaskState::kOpen: return "open";
    case TaskState::kDone: return "done";
    case TaskState::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::string FormatUtc(Instant t) {
  const auto day = date::floor<date::days>(t);
  const date::hh_mm_ss<Duration> hms{t - day};
  std::string out;
  out.reserve(20);
  digits::AppendDate(&out, date::year_month_day{day});
  out.push_back('T');
  digits::AppendHourMinute(&out, hms.hours().count(), hms.minutes().count());
  out.push_back(':');
  digits::AppendPadded(&out, hms.seconds().count(), 2);
  out.push_back('Z');
  return out;
}

}  // namespace appt
