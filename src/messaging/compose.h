// Composing one message for one rule and appointment (R4.2, R4.7–R4.9):
// the channel by the rule's fallback list, contacts and consents; the
// template by the recipient's locale; the text rendered for the
// recipient's locale and zone; an iCalendar part where one belongs.
// Pure but for the tools' caches; not thread safe (as the tools).
#ifndef APPT_SRC_MESSAGING_COMPOSE_H_
#define APPT_SRC_MESSAGING_COMPOSE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/message.h"
#include "appt/settings.h"
#include "messaging/locale_format.h"
#include "messaging/templates.h"

namespace appt::messaging {

struct ComposeInput {
  const MessageRule* rule = nullptr;
  const Appointment* appointment = nullptr;
  const Customer* customer = nullptr;
  const Resource* resource = nullptr;
  const Service* service = nullptr;
  const MessagingSettings* settings = nullptr;
  Instant now{};
  int64_t occurrence = 0;
  std::optional<Instant> previous_start{};  // kRescheduled: the old start
  int calendar_sequence = 0;  // the event's SEQUENCE (R4.9)
};

// Either a queued message ready to store (no id yet) or why none is made.
struct Composition {
  std::optional<Message> message;
  std::string skip_reason;
};

// The caches composing uses; one set per Engine, under its command lock.
struct ComposeTools {
  LocaleFormatter& formatter;
  TemplateCache& templates;
};

// Fails only when a stored template cannot be compiled (Internal). Only the
// fields the chosen template names are formatted.
absl::StatusOr<Composition> Compose(const ComposeInput& in,
                                    ComposeTools& tools);

// The IANA zone a rule's recipient reads times in: the customer's (else
// the resource's) for customer rules, the resource's for staff rules.
const std::string& RecipientZone(Audience audience, const Customer& customer,
                                 const Resource& resource);

// "r<rule>-a<appointment>-o<occurrence>": stable for a firing key.
std::string IdempotencyKey(RuleId rule, AppointmentId appointment,
                           int64_t occurrence);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_COMPOSE_H_
