// Agent tasks (R5.3): work the engine hands to the agent responsible for a
// resource when a visit needs a person — still unconfirmed a few hours
// before it, or the customer not arrived after the start. Task rules are
// timed like message rules (a timer per visit, moved by a reschedule and
// dropped by a cancellation); a task is created once per rule and visit
// time and cancels itself when the visit is confirmed, attended, cancelled
// or moved (a no-show leaves it open: the call is still due). Plain values;
// safe to copy between threads.
#ifndef APPT_TASK_H_
#define APPT_TASK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appt/types.h"

namespace appt {

using TaskRuleId = int64_t;
using TaskId = int64_t;

// When a rule makes a task:
// - kUnconfirmed: `offset` before the start, if the customer has not
//   confirmed the visit (3 h by default, as in seed 003);
// - kNotArrived: `offset` after the start, if the visit is still marked
//   neither attended nor no-show (the no-show follow-up went unanswered).
enum class TaskTrigger { kUnconfirmed, kNotArrived };

const char* TaskTriggerName(TaskTrigger trigger);

struct TaskRule {
  TaskRuleId id = 0;  // assigned by the engine
  std::string name{};
  TaskTrigger trigger = TaskTrigger::kUnconfirmed;
  bool enabled = true;
  std::vector<ServiceId> service_ids{};  // empty: every service
  Duration offset{std::chrono::hours(3)};  // 0 to 30 days
  // The task is due this long after the rule's time (0 to 30 days).
  Duration due_in{std::chrono::hours(1)};
  std::string title{};  // the task's title, e.g. "Call to confirm"
  std::string external_id{};
  friend bool operator==(const TaskRule&, const TaskRule&) = default;
};

enum class TaskState { kOpen, kDone, kCancelled };

const char* TaskStateName(TaskState state);

struct Task {
  TaskId id = 0;
  TaskRuleId rule_id = 0;
  AppointmentId appointment_id = 0;
  // The start (Unix seconds) the task was made for: one task per rule and
  // visit time.
  int64_t occurrence = 0;
  CustomerId customer_id = 0;
  ResourceId resource_id = 0;
  // The resource's responsible agent when the task was made; "" when it
  // has none.
  std::string assignee{};
  std::string title{};
  // What the agent needs: who, what, when (in the resource's zone), why.
  std::string details{};
  TaskState state = TaskState::kOpen;
  Instant created_at{};
  Instant due_at{};
  std::optional<Instant> closed_at{};  // done or cancelled
  Actor closed_by{};
  std::string outcome{};  // the agent's note, or why it was cancelled
  friend bool operator==(const Task&, const Task&) = default;
};

// Filters; unset matches all. Results are by due time, then id.
struct TaskQuery {
  std::optional<std::string> assignee{};
  std::optional<TaskState> state{};
  std::optional<AppointmentId> appointment_id{};
};

}  // namespace appt

#endif  // APPT_TASK_H_
