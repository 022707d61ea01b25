#include "engine/workflow_step.h"

namespace appt::engine {

absl::StatusOr<workflow::Workflow> LoadWorkflow(StoreTransaction& tx,
                                                bool all_chains) {
  workflow::Workflow wf;
  auto settings = tx.GetWorkflowSettings();
  if (!settings.ok()) return settings.status();
  wf.settings = *std::move(settings);
  if (wf.settings.enabled || all_chains) {
    auto chains = tx.ListStatusChains();
    if (!chains.ok()) return chains.status();
    wf.chains = *std::move(chains);
  }
  return wf;
}

bool AwaitingApproval(const workflow::Workflow& wf, const Appointment& a) {
  if (a.state == AppointmentState::kPending) return true;
  if (a.status_id == 0) return false;
  auto found = wf.Find(a.status_id);
  return found && found->status->marker == StatusMarker::kStart;
}

absl::Status ForEachUpcomingVisit(
    StoreTransaction& tx, Instant now,
    const std::function<absl::Status(const Appointment&)>& fn) {
  // Past any service's horizon.
  constexpr Duration kReach = std::chrono::days(3660);
  auto wf = LoadWorkflow(tx, true);
  if (!wf.ok()) return wf.status();
  auto resources = tx.ListResources();
  if (!resources.ok()) return resources.status();
  const Interval reach{now - kMaxBlockedSpan, now + kReach};
  for (const Resource& r : *resources) {
    auto booked = tx.ListActiveAppointments(r.id, reach);
    if (!booked.ok()) return booked.status();
    for (const Appointment& a : *booked) {
      if (a.end <= now || AwaitingApproval(*wf, a)) continue;
      if (absl::Status s = fn(a); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status AppendStatusMove(StoreTransaction& tx, const Appointment& a,
                              const Status* from, const Status& to,
                              const Actor& actor, Instant now,
                              const std::string& reason) {
  StatusChange c;
  c.appointment_id = a.id;
  c.at = now;
  c.actor = actor;
  if (from != nullptr) {
    c.from_status_id = from->id;
    c.from_status = from->name;
  }
  c.to_status_id = to.id;
  c.to_status = to.name;
  c.reason = reason;
  return tx.AppendStatusChange(c).status();
}

}  // namespace appt::engine
