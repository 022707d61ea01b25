// The status workflow (R3.1–R3.7): chains of statuses an appointment moves
// through before it is confirmed, the business-wide switch, the history of
// moves and the dashboard of unconfirmed appointments. Plain records,
// validated by the Engine when saved; safe to copy between threads.
#ifndef APPT_STATUS_H_
#define APPT_STATUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "appt/appointment.h"
#include "appt/types.h"

namespace appt {

// What entering a status does (R3.2, R3.4).
enum class StatusMarker {
  kStart,         // triggers nothing; the appointment awaits approval
  kConfirmation,  // confirms it: the confirmed message goes out
  kCancellation,  // cancels it (a reason is required): final
};

const char* StatusMarkerName(StatusMarker marker);

struct Status {
  StatusId id = 0;            // assigned by the engine; 0 for a new status
  std::string name{};         // unique in its chain (case-insensitive)
  std::string description{};  // optional
  int position = 0;           // unique in its chain; the lowest is the first
  std::string colour{"#9e9e9e"};  // "#rrggbb"
  StatusMarker marker = StatusMarker::kStart;
  // Start statuses only: whether an appointment in it keeps its slot busy.
  // A confirmation status always holds it and a cancellation never does;
  // the engine stores those as true and false whatever is given.
  bool holds_slot = true;
  friend bool operator==(const Status&, const Status&) = default;
};

// An ordered list of statuses (R3.2). Valid when the lowest position is a
// start status and there is at least one confirmation and one cancellation
// status, with unique names and positions.
struct StatusChain {
  ChainId id = 0;  // assigned by the engine
  std::string name{};
  std::vector<Status> statuses{};  // kept sorted by position
  friend bool operator==(const StatusChain&, const StatusChain&) = default;
};

// The preset "manual approval" chain: Pending (start, holds the slot) →
// Confirmed | Rejected.
StatusChain ManualApprovalChain();

// Which chain a service's bookings go through, overriding the default.
struct ServiceChain {
  ServiceId service_id = 0;
  ChainId chain_id = 0;
  friend bool operator==(const ServiceChain&, const ServiceChain&) = default;
};

// The business-wide switch (R3.1). A booking goes through a chain only when
// `enabled` and its service's `workflow_enabled` are both set; otherwise it
// is confirmed on the spot.
struct WorkflowSettings {
  bool enabled = false;
  ChainId default_chain_id = 0;                // required when enabled
  std::vector<ServiceChain> service_chains{};  // one entry per service at most
  friend bool operator==(const WorkflowSettings&,
                         const WorkflowSettings&) = default;
};

// A move of SetStatus (or the first status at booking, with from 0).
struct StatusChangeRequest {
  AppointmentId appointment_id = 0;
  StatusId status_id = 0;
  Actor actor{Actor::Kind::kStaff, ""};
  // Required (non-empty) for a cancellation status; carried by the
  // customer's message.
  std::string reason{};
};

// One line of an appointment's status history (R3.7). Names are as they
// were at the time of the move.
struct StatusChange {
  int64_t id = 0;
  AppointmentId appointment_id = 0;
  Instant at{};
  Actor actor{};
  StatusId from_status_id = 0;  // 0: the booking itself
  std::string from_status{};
  StatusId to_status_id = 0;
  std::string to_status{};
  std::string reason{};
  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

// The dashboard (R3.6): appointments awaiting approval — in a start status,
// holding their slot or not — by resource and start date range, optionally
// with the confirmed ones (a confirmation status, or booked with no
// workflow).
struct StatusBoardQuery {
  std::vector<ResourceId> resource_ids{};  // empty: every resource
  Interval window{};                       // starts in [start, end)
  bool include_confirmed = false;
};

struct StatusCount {
  StatusId status_id = 0;  // 0: confirmed on the spot (no workflow)
  std::string name{};
  int64_t count = 0;
  friend bool operator==(const StatusCount&, const StatusCount&) = default;
};

struct StatusBoard {
  std::vector<Appointment> appointments{};  // by start, then id
  int64_t unconfirmed = 0;
  int64_t confirmed = 0;
  std::vector<StatusCount> counts{};  // per status present, by chain position
};

}  // namespace appt

#endif  // APPT_STATUS_H_
