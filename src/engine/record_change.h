// Recording an appointment change inside its command's transaction: the
// timeline entry, the host event and the messaging the change calls for.
// Internal to the Engine.
#ifndef APPT_SRC_ENGINE_RECORD_CHANGE_H_
#define APPT_SRC_ENGINE_RECORD_CHANGE_H_

#include <optional>
#include <string>
#include <vector>

#include "appt/events.h"
#include "appt/store.h"
#include "engine/messaging_step.h"

namespace appt::engine {

struct ChangeRecord {
  Change change;
  EventKind event;
  const Appointment* appointment;  // as written by the change
  Actor actor;
  Instant now;
  std::string timeline_kind;
  std::string details;
  std::optional<Interval> previous{};  // a reschedule's old [start, end)
  std::optional<ResourceId> previous_resource{};
  std::optional<StatusId> previous_status{};
};

// FailedPrecondition unless `a` is booked (or, when `open`, a pending
// request awaiting approval without its slot), saying it cannot be `verb`.
absl::Status RequireBooked(const Appointment& a, const char* verb,
                           bool open = false);

// FailedPrecondition while `a` awaits approval in the status workflow
// (attendance, no-show and the customer's confirmation wait for it).
absl::Status RequireApproved(StoreTransaction& tx, const Appointment& a);

// Appends the timeline entry, queues the event for after commit and runs
// the messaging and follow-up steps; sets *queued when a message was
// queued (never clears it).
absl::Status RecordChange(StoreTransaction& tx, std::vector<Event>& events,
                          messaging::ComposeTools& tools, ChangeRecord r,
                          bool* queued);

// Cancels `a` (booked or pending; the caller checked) with `reason` and
// records it: a workflow appointment moves to its chain's first
// cancellation status, so that its history shows the cancellation. `a` is
// updated to the state written.
absl::Status CancelAppointment(StoreTransaction& tx, std::vector<Event>& events,
                               messaging::ComposeTools& tools, Appointment& a,
                               const Actor& actor, const std::string& reason,
                               Instant now, bool* queued);

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_RECORD_CHANGE_H_
