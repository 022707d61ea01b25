// When a timed message rule fires for an appointment (R4.1, R4.3, R4.6):
// pure functions of (rule, appointment, recipient's zone, send window).
// Thread safe.
#ifndef APPT_SRC_MESSAGING_TIMING_H_
#define APPT_SRC_MESSAGING_TIMING_H_

#include <optional>

#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/message_rule.h"
#include "date/tz.h"

namespace appt::messaging {

// Whether `rule` covers appointments of `service` (an empty list covers
// every service).
bool RuleCovers(const MessageRule& rule, ServiceId service);

// Whether `kind` is timed from the start and must go out before it
// (reminder, confirm-your-visit): nothing is sent once the visit started.
bool MustPrecedeStart(MessageKind kind);

struct TimerPlan {
  int64_t occurrence = 0;  // see Timer
  Instant nominal_due{};   // what the rule says
  Instant due{};           // moved into the send window, if any
};

// The timer an enabled, covering, timed rule implies for `a` in its
// current state, or nullopt when it implies none (a change kind, a state
// the kind does not apply to: booked for the start-relative kinds and
// booking info, booked or no-show for the no-show follow-up, attended for
// book-again). `zone` is the recipient's
// (customer's, else the resource's): "09:00 on the day" and the send
// window are read there, right across DST changes (a nonexistent local
// time moves past the gap, an ambiguous one takes the earlier instant).
std::optional<TimerPlan> PlanTimer(const MessageRule& rule,
                                   const Appointment& a,
                                   const date::time_zone* zone,
                                   const std::optional<LocalSpan>& window);

// The first instant at or after `t` whose local time in `zone` lies in
// [window.start_minute, window.end_minute).
Instant IntoSendWindow(Instant t, const date::time_zone* zone,
                       const LocalSpan& window);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_TIMING_H_
