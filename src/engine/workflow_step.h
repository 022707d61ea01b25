// The status workflow inside a command's transaction: reading the chains,
// telling whether an appointment awaits approval, recording a move.
// Internal to the Engine; not thread safe (one per command).
#ifndef APPT_SRC_ENGINE_WORKFLOW_STEP_H_
#define APPT_SRC_ENGINE_WORKFLOW_STEP_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "appt/store.h"
#include "workflow/chain.h"

namespace appt::engine {

// The settings, and the chains when the workflow is enabled or
// `all_chains` (a disabled workflow still names the statuses of the
// appointments booked while it was on).
absl::StatusOr<workflow::Workflow> LoadWorkflow(StoreTransaction& tx,
                                                bool all_chains);

// Whether `a` is in a start status of `wf` (pending approval), holding its
// slot or not.
bool AwaitingApproval(const workflow::Workflow& wf, const Appointment& a);

// Calls fn for every booked appointment that has not ended by `now` and
// does not await approval: those whose timers a saved rule or setting
// re-plans. Stops at the first error fn returns.
absl::Status ForEachUpcomingVisit(
    StoreTransaction& tx, Instant now,
    const std::function<absl::Status(const Appointment&)>& fn);

// Appends the move of `a` from `from` (null at booking) to `to` to its
// status history.
absl::Status AppendStatusMove(StoreTransaction& tx, const Appointment& a,
                              const Status* from, const Status& to,
                              const Actor& actor, Instant now,
                              const std::string& reason);

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_WORKFLOW_STEP_H_
