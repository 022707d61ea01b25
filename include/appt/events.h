// Domain events delivered to the host (R8.2, R8.4). The Engine calls
// listeners after the change has committed, with no engine lock held, on the
// thread that ran the command; a listener may call back into the Engine.
#ifndef APPT_EVENTS_H_
#define APPT_EVENTS_H_

#include <functional>
#include <optional>
#include <string>

#include "appt/appointment.h"
#include "appt/deal.h"
#include "appt/task.h"

namespace appt {

enum class EventKind {
  kAppointmentCreated,
  kAppointmentRescheduled,
  kAppointmentCancelled,
  kAppointmentAttended,
  kAppointmentNoShow,
  // A move in the status workflow (status.h). A move into a cancellation
  // status is reported as kAppointmentCancelled instead.
  kAppointmentStatusChanged,
  // The customer confirmed the visit with a confirmation link (R5.1).
  kVisitConfirmed,
  // Agent tasks (task.h): made by a task rule, closed as done by an agent,
  // or cancelled (by an agent, or by itself when the visit was confirmed,
  // attended, cancelled or moved). `task` is set.
  kTaskCreated,
  kTaskCompleted,
  kTaskCancelled,
  // CRM deals (deal.h): opened (by the engine for a booking or a
  // membership bought, or by the host), or moved to another stage (by a
  // stage rule, or by staff). `deal` and `deal_entry` are set;
  // `appointment` is the appointment concerned, if any.
  kDealOpened,
  kDealStageChanged,
};

const char* EventKindName(EventKind kind);

struct Event {
  EventKind kind{};
  Instant at{};               // the engine clock when it happened
  Actor actor{};
  Appointment appointment{};  // the state after the change
  std::optional<Interval> previous{};  // for reschedules: the old [start, end)
  std::optional<ResourceId> previous_resource{};
  // For status moves (and cancellations of a workflow appointment): the
  // status it left.
  std::optional<StatusId> previous_status_id{};
  std::optional<Task> task{};  // task events: the task after the change
  std::optional<Deal> deal{};  // deal events: the deal after the change
  std::optional<DealEntry> deal_entry{};  // deal events: the history entry
};

// Must not throw; exceptions escaping a listener are caught and dropped.
using EventListener = std::function<void(const Event&)>;
using ListenerId = int64_t;

}  // namespace appt

#endif  // APPT_EVENTS_H_
