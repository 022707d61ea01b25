#include "messaging/timing.h"

#include <algorithm>

#include "calendar/local_time.h"

namespace appt::messaging {
namespace {

using std::chrono::minutes;

int64_t Secs(Instant t) { return t.time_since_epoch().count(); }

Instant LocalToInstant(const date::time_zone* zone, date::local_seconds t) {
  return calendar::LocalToUtc(zone)(t);
}

}  // namespace

bool RuleCovers(const MessageRule& rule, ServiceId service) {
  return rule.service_ids.empty() ||
         std::find(rule.service_ids.begin(), rule.service_ids.end(),
                   service) != rule.service_ids.end();
}

bool MustPrecedeStart(MessageKind kind) {
  return kind == MessageKind::kReminder || kind == MessageKind::kConfirmVisit;
}

Instant IntoSendWindow(Instant t, const date::time_zone* zone,
                       const LocalSpan& window) {
  const date::local_seconds local = zone->to_local(t);
  const date::local_days day = date::floor<date::days>(local);
  const Duration into_day = local - day;
  const Duration open = minutes(window.start_minute);
  const Duration close = minutes(window.end_minute);
  if (into_day >= open && into_day < close) return t;
  const date::local_days opening_day =
      into_day < open ? day : day + date::days(1);
  const Instant opens = LocalToInstant(zone, opening_day + open);
  // A window opening inside a DST gap maps past the gap; never earlier
  // than t.
  return std::max(opens, t);
}

std::optional<TimerPlan> PlanTimer(const MessageRule& rule,
                                   const Appointment& a,
                                   const date::time_zone* zone,
                                   const std::optional<LocalSpan>& window) {
  const bool booked = a.state == AppointmentState::kBooked;
  TimerPlan plan;
  switch (rule.kind) {
    case MessageKind::kBookingInfo:
      if (!booked) return std::nullopt;
      plan.nominal_due = a.created_at + rule.offset;
      break;
    case MessageKind::kReminder:
      if (!booked) return std::nullopt;
      plan.occurrence = Secs(a.start);
      if (rule.at_local_time) {
        const date::local_days start_day =
            date::floor<date::days>(zone->to_local(a.start));
        plan.nominal_due = LocalToInstant(
            zone, start_day - date::days(rule.at_local_time->days_before) +
                      minutes(rule.at_local_time->minute));
      } else {
        plan.nominal_due = a.start - rule.offset;
      }
      break;
    case MessageKind::kConfirmVisit:
      // Not once the customer confirmed (with an earlier link).
      if (!booked || a.confirmed_at) return std::nullopt;
      plan.occurrence = Secs(a.start);
      plan.nominal_due = a.start - rule.offset;
      break;
    case MessageKind::kNoShowFollowUp:
      // For whoever did not come: still booked, or already marked absent.
      if (!booked && a.state != AppointmentState::kNoShow) return std::nullopt;
      plan.occurrence = Secs(a.start);
      plan.nominal_due = a.start + rule.offset;
      break;
    case MessageKind::kBookAgain:
      if (a.state != AppointmentState::kAttended) return std::nullopt;
      plan.nominal_due = a.updated_at + rule.offset;
      break;
    default:
      return std::nullopt;  // change kinds have no timer
  }
  plan.due = window ? IntoSendWindow(plan.nominal_due, zone, *window)
                    : plan.nominal_due;
  return plan;
}

}  // namespace appt::messaging
