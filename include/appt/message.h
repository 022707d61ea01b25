// Messages in the outbox (R4.4, R4.5) and the fields their templates may
// name. Plain values; safe to copy between threads.
#ifndef APPT_MESSAGE_H_
#define APPT_MESSAGE_H_

#include <string>

#include "appt/message_rule.h"
#include "appt/types.h"

namespace appt {

using MessageId = int64_t;

// queued → sent → delivered → read, or failed. The engine moves queued to
// sent (the notifier accepted it) or failed (a permanent failure, or the
// retry limit); the host reports delivered, read or failed later.
enum class MessageState { kQueued, kSent, kDelivered, kRead, kFailed };

const char* MessageStateName(MessageState state);

// The fields a template may name, as Mustache tags ({{customer.name}}),
// filled for the recipient's locale and zone. Any other name, a partial
// ({{> x}}) or a delimiter change is refused when the rule is saved.
// Sections ({{#appointment.notes}}…{{/appointment.notes}}) may use any of
// them; an empty value is false. Values are inserted as they are (no HTML
// escaping): templates are text.
inline constexpr const char* kTemplateFields[] = {
    "business.name",
    "customer.name",
    "customer.email",
    "customer.phone",
    "resource.name",
    "service.name",
    "service.duration_minutes",
    "service.price",               // "60,00 €" for it-IT
    "appointment.id",
    "appointment.when",            // "lunedì 29 marzo 2027, 10:00"
    "appointment.date",            // "lunedì 29 marzo 2027"
    "appointment.time",            // "10:00"
    "appointment.end_time",        // "10:30"
    "appointment.time_zone",       // the zone the times are read in
    "appointment.previous_when",   // kRescheduled: the old date and time
    "appointment.cancel_reason",   // kCancelled, kRejected
    "appointment.notes",
};

struct Message {
  MessageId id = 0;
  // Stable across retries and crashes: the notifier may see a message
  // twice, never two messages with one key (R4.4).
  std::string idempotency_key{};
  RuleId rule_id = 0;
  int64_t occurrence = 0;  // see Timer in timer.h
  MessageKind kind = MessageKind::kReminder;
  Audience audience = Audience::kCustomer;
  AppointmentId appointment_id = 0;
  CustomerId customer_id = 0;
  Channel channel = Channel::kEmail;
  std::string recipient{};  // email address, E.164 phone or agent id
  std::string locale{};     // the template's locale actually used
  std::string subject{};    // email only
  std::string body{};
  // An RFC 5545 VCALENDAR for email confirmations, reschedules and
  // cancellations (R4.9); empty otherwise.
  std::string calendar{};
  MessageState state = MessageState::kQueued;
  int attempts = 0;        // calls to the notifier so far
  Instant created_at{};
  Instant not_before{};    // quiet hours or a retry's backoff
  Instant updated_at{};
  std::string provider_id{};  // from the notifier when accepted
  std::string error{};        // the last failure, if any
  friend bool operator==(const Message&, const Message&) = default;
};

}  // namespace appt

#endif  // APPT_MESSAGE_H_
