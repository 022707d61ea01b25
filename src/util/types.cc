#include <algorithm>
#include <cstdio>

#include "appt/appointment.h"
#include "appt/events.h"
#include "appt/types.h"
#include "date/date.h"

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
  }
  return "unknown";
}

std::string FormatUtc(Instant t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Duration> hms{t - day};
  char buffer[40];
  const int n = std::snprintf(
      buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
      static_cast<int>(hms.minutes().count()),
      static_cast<int>(hms.seconds().count()));
  return std::string(buffer, n > 0 ? std::min<size_t>(n, sizeof buffer - 1) : 0);
}

}  // namespace appt
