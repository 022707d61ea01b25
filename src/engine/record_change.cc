#include "engine/record_change.h"

namespace appt::engine {

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
  auto entry_id = tx.AppendTimeline(entry);
  if (!entry_id.ok()) return entry_id.status();
  Event event{r.event, r.now, r.actor, a, r.previous, r.previous_resource};
  event.previous_status_id = r.previous_status;
  events.push_back(std::move(event));
  MessagingStep step(tx, tools, r.now);
  std::optional<Instant> previous_start;
  if (r.previous) previous_start = r.previous->start;
  if (auto s = step.AfterChange(a, r.change, *entry_id, previous_start);
      !s.ok())
    return s;
  *queued = step.created_messages();
  return absl::OkStatus();
}

}  // namespace appt::engine
