// Timers and firings (R4.4, R4.6; DESIGN "Timers are derived"). A timer is
// a stored promise to do something at an instant for one subject; timers
// are derived from rules and state and replaced in the transaction of every
// change, never edited by hand. A firing is the durable record that a
// (rule, subject, occurrence) was acted on — a message created, or skipped
// with a reason — so it never happens twice. Plain values; safe to copy
// between threads.
#ifndef APPT_TIMER_H_
#define APPT_TIMER_H_

#include <string>

#include "appt/message.h"
#include "appt/types.h"

namespace appt {

using TimerId = int64_t;
using FiringId = int64_t;

// What a timer does when due; stored as the integer value. kMessage: a
// message rule fires (rule_id is a RuleId); kTask: a task rule (rule_id is
// a TaskRuleId) may make a task; kRelease: the auto-release deadline
// (rule_id 0); kDealStage: a kTimed stage rule (rule_id is a StageRuleId)
// may move the appointment's deal.
enum class TimerKind { kMessage = 0, kTask = 1, kRelease = 2, kDealStage = 3 };

// An occurrence tells repetitions of one rule for one subject apart: for
// the kinds timed from the start it is the start (Unix seconds) the timer
// was derived for, so a reschedule makes a new occurrence; booking info and
// book-again fire once per appointment (occurrence 0); a change message's
// occurrence is the id of the timeline entry that records the change.
struct Timer {
  TimerId id = 0;  // assigned by the store
  TimerKind kind = TimerKind::kMessage;
  RuleId rule_id = 0;
  AppointmentId appointment_id = 0;
  int64_t occurrence = 0;
  Instant nominal_due{};  // when the rule says; grace counts from here
  Instant due{};          // when RunDue takes it: nominal, or later when
                          // moved into the business's send window
  friend bool operator==(const Timer&, const Timer&) = default;
};

enum class FiringOutcome { kCreated, kSkipped };
const char* FiringOutcomeName(FiringOutcome outcome);

// The key (rule_id, appointment_id, occurrence) is unique in a store.
struct Firing {
  FiringId id = 0;  // assigned by the store
  RuleId rule_id = 0;
  AppointmentId appointment_id = 0;
  int64_t occurrence = 0;
  Instant at{};  // when it was decided
  FiringOutcome outcome = FiringOutcome::kCreated;
  MessageId message_id = 0;  // kCreated: the message; else 0
  std::string reason{};      // kSkipped: why, e.g. "no consent for sms"
  friend bool operator==(const Firing&, const Firing&) = default;
};

}  // namespace appt

#endif  // APPT_TIMER_H_
