// Validation of a MessageRule on its own (R4.2, R9). References to
// services are checked by the engine inside the saving transaction.
#ifndef APPT_SRC_MESSAGING_RULE_VALIDATE_H_
#define APPT_SRC_MESSAGING_RULE_VALIDATE_H_

#include "absl/status/status.h"
#include "appt/message_rule.h"
#include "appt/settings.h"

namespace appt::messaging {

// InvalidArgument naming the first bad field and its value.
absl::Status ValidateMessageRule(const MessageRule& rule);

// InvalidArgument naming the first bad field of `settings` and its value.
absl::Status ValidateMessagingSettings(const MessagingSettings& settings);

// Whether `kind` fires on a change (in the changing transaction) rather
// than from a timer.
bool IsChangeKind(MessageKind kind);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_RULE_VALIDATE_H_
