#include "engine/record_change.h"

#include "absl/strings/str_cat.h"
#include "engine/deal_step.h"
#include "engine/follow_up_step.h"
#include "engine/membership_step.h"
#include "engine/workflow_step.h"
#include "util/text.h"

namespace appt::engine {

absl::Status RequireBooked(const Appointment& a, const char* verb, bool open) {
  if (a.state == AppointmentState::kBooked ||
      (open && a.state == AppointmentState::kPending)) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "appointment_id ", a.id, " is ", AppointmentStateName(a.state),
      "; only a ", open ? "booked or pending" : "booked",
      " appointment can be ", verb));
}

absl::Status RequireApproved(StoreTransaction& tx, const Appointment& a) {
  if (a.status_id == 0) return absl::OkStatus();
  auto wf = LoadWorkflow(tx, true);
  if (!wf.ok()) return wf.status();
  if (!AwaitingApproval(*wf, a)) return absl::OkStatus();
  auto found = wf->Find(a.status_id);
  return absl::FailedPreconditionError(absl::StrCat(
      "appointment_id ", a.id, " awaits approval in status ",
      found ? text::Quote(found->status->name) : absl::StrCat(a.status_id),
      "; confirm it first"));
}

absl::Status RecordChange(StoreTransaction& tx, std::vector<Event>& events,
                          messaging::ComposeTools& tools, ChangeRecord r,
                          bool* queued) {
  const Appointment& a = *r.appointment;
  TimelineEntry entry{0,
                      a.id,
                      r.now,
                      r.actor,
                      std::move(r.timeline_kind),
                      std::move(r.details)};
  auto entry_id = tx.AppendTimeline(std::move(entry));
  if (!entry_id.ok()) return entry_id.status();
  // Filled in place: an Event is about 1 KB, too big to build and move.
  Event& event = events.emplace_back();
  event.kind = r.event;
  event.at = r.now;
  event.actor = r.actor;
  event.appointment = a;
  event.previous = r.previous;
  event.previous_resource = r.previous_resource;
  event.previous_status_id = r.previous_status;
  if (auto s = ApplyMembershipChange(tx, a, r.change, r.now); !s.ok()) {
    return s;
  }
  DealStep deals(tx, events, r.now);
  if (auto s = deals.AfterChange(a, r.change, r.actor, r.previous,
                                 r.previous_resource);
      !s.ok()) {
    return s;
  }
  MessagingStep step(tx, tools, r.now);
  std::optional<Instant> previous_start;
  if (r.previous) previous_start = r.previous->start;
  if (auto s =
          step.AfterChange(a, r.change, *entry_id, r.actor, previous_start);
      !s.ok())
    return s;
  *queued = *queued || step.created_messages();
  FollowUpStep follow_up(tx, tools, events, r.now);
  return follow_up.AfterChange(a, r.change, r.actor);
}

absl::Status CancelAppointment(StoreTransaction& tx, std::vector<Event>& events,
                               messaging::ComposeTools& tools, Appointment& a,
                               const Actor& actor, const std::string& reason,
                               Instant now, bool* queued) {
  const StatusId previous_status = a.status_id;
  if (a.status_id != 0) {
    auto wf = LoadWorkflow(tx, true);
    if (!wf.ok()) return wf.status();
    if (auto found = wf->Find(a.status_id)) {
      const Status& to = workflow::FirstCancellation(*found->chain);
      a.status_id = to.id;
      if (auto s =
              AppendStatusMove(tx, a, found->status, to, actor, now, reason);
          !s.ok())
        return s;
    }
  }
  a.state = AppointmentState::kCancelled;
  a.cancel_reason = reason;
  a.updated_at = now;
  if (auto s = tx.UpdateAppointment(a); !s.ok()) return s;
  ChangeRecord record{
      Change::kCancelled,
      EventKind::kAppointmentCancelled,
      &a,
      actor,
      now,
      "cancelled",
      absl::StrCat("cancelled by ", ActorKindName(actor.kind), ": ", reason)};
  if (previous_status != 0) record.previous_status = previous_status;
  return RecordChange(tx, events, tools, std::move(record), queued);
}

}  // namespace appt::engine
