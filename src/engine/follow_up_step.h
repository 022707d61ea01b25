// The confirmation cycle's half of a command, run inside its transaction
// (R5.3, R5.4): after a change, the open tasks it answers are cancelled
// and the visit's task and release timers re-planned; in RunDue, one such
// timer fired — a task made, or an unconfirmed visit released. A task is
// keyed by (rule, visit, start), so it is made once. Internal to the
// engine; not thread safe (one per command, under the engine's command
// lock).
#ifndef APPT_SRC_ENGINE_FOLLOW_UP_STEP_H_
#define APPT_SRC_ENGINE_FOLLOW_UP_STEP_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/events.h"
#include "appt/store.h"
#include "engine/messaging_step.h"
#include "workflow/chain.h"

namespace appt::engine {

class FollowUpStep {
 public:
  // Task events join `events`; a release's messages are composed with
  // `tools`.
  FollowUpStep(StoreTransaction& tx, messaging::ComposeTools& tools,
               std::vector<Event>& events, Instant now)
      : tx_(tx), tools_(tools), events_(events), now_(now) {}

  // After `a` was written by `change` of `actor`.
  absl::Status AfterChange(const Appointment& a, Change change,
                           const Actor& actor);
  // Drops task rule `id`'s timers and, when it exists and is enabled, plans
  // it for every upcoming visit.
  absl::Status ReplanTaskRule(TaskRuleId id);
  // Re-plans every upcoming visit's release deadline from the settings.
  absl::Status ReplanReleases();
  // Fires a due kTask or kRelease timer: deletes it, re-checks it against
  // current state and acts. *queued is set when a release queued messages.
  absl::Status Fire(const Timer& timer, bool* queued);

  int tasks_created() const { return tasks_created_; }
  int released() const { return released_; }

 private:
  absl::StatusOr<const std::vector<TaskRule>*> Rules();
  absl::StatusOr<const ConfirmationSettings*> Settings();
  absl::StatusOr<bool> AwaitingApproval(const Appointment& a);
  // Plans one rule's timer for `a` when its time is still ahead.
  absl::Status PlanTask(const TaskRule& rule, const Appointment& a);
  absl::Status PlanRelease(const Appointment& a);
  // Cancels `a`'s open tasks, saying `why`.
  absl::Status CancelOpenTasks(const Appointment& a, const Actor& actor,
                               const std::string& why);
  absl::Status MakeTask(const TaskRule& rule, const Appointment& a,
                        const Timer& timer);
  absl::Status Release(Appointment a, bool* queued);

  StoreTransaction& tx_;
  messaging::ComposeTools& tools_;
  std::vector<Event>& events_;
  const Instant now_;
  std::optional<std::vector<TaskRule>> rules_;
  std::optional<ConfirmationSettings> settings_;
  std::optional<workflow::Workflow> workflow_;
  int tasks_created_ = 0;
  int released_ = 0;
};

// Whether a task rule applies to visits of `service`.
bool TaskRuleCovers(const TaskRule& rule, ServiceId service);

// The instant a task rule's timer is due for a visit starting at `start`.
Instant TaskRuleDue(const TaskRule& rule, Instant start);

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_FOLLOW_UP_STEP_H_
