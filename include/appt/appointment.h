// Appointments and their timeline (R2). Records returned by the Engine.
#ifndef APPT_APPOINTMENT_H_
#define APPT_APPOINTMENT_H_

#include <optional>
#include <string>

#include "appt/types.h"

namespace appt {

enum class AppointmentState {
  kBooked,     // holds its slot
  kCancelled,  // final; the slot is free
  kAttended,   // final; the visit took place
  kNoShow,     // final; the customer did not come
  // Awaiting approval in a start status that does not hold the slot
  // (status.h): the slot stays on offer until the request is confirmed.
  kPending,
};

// Where a booking came from (R2.1). Only kAgent may force a start outside
// working hours; no source may exceed capacity.
enum class BookingSource { kOnline, kAgent, kApi };

const char* AppointmentStateName(AppointmentState state);
const char* BookingSourceName(BookingSource source);

struct Appointment {
  AppointmentId id = 0;
  ServiceId service_id = 0;
  ResourceId resource_id = 0;
  CustomerId customer_id = 0;
  Instant start{};
  Instant end{};  // start + service duration
  // [start - buffer_before, end + buffer_after]: the time it keeps busy.
  Interval blocked{};
  AppointmentState state = AppointmentState::kBooked;
  BookingSource source = BookingSource::kOnline;
  Instant created_at{};
  Instant updated_at{};
  std::string cancel_reason{};  // set when cancelled
  std::string external_id{};
  std::string notes{};
  // Its status in the workflow chain (status.h); 0 when booked with no
  // workflow, i.e. confirmed on the spot.
  StatusId status_id = 0;
  // When the customer confirmed they will come (a confirmation link, R5.1);
  // cleared when the appointment moves.
  std::optional<Instant> confirmed_at{};
  // When the customer was last asked to confirm (a confirmation link was
  // issued); cleared when the appointment moves. Only visits asked are
  // flagged awaiting or overdue, or released (confirmation.h).
  std::optional<Instant> confirmation_requested_at{};
  // The membership (membership.h) whose visit it holds; 0 when none.
  int64_t membership_id = 0;
  friend bool operator==(const Appointment&, const Appointment&) = default;
};

// One line of an appointment's history (R2.6).
struct TimelineEntry {
  int64_t id = 0;
  AppointmentId appointment_id = 0;
  Instant at{};
  Actor actor{};
  std::string kind{};     // "created", "rescheduled", "cancelled", …
  std::string details{};  // human-readable, e.g. "changed from X to Y"
  friend bool operator==(const TimelineEntry&, const TimelineEntry&) = default;
};

}  // namespace appt

#endif  // APPT_APPOINTMENT_H_
