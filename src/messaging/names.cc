// Stable lower-case names of the messaging enums (used in messages, the C
// ABI and Python).
#include "appt/message.h"
#include "appt/message_rule.h"
#include "appt/timer.h"

namespace appt {

const char* MessageKindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kRequestReceived:
      return "request_received";
    case MessageKind::kConfirmed:
      return "confirmed";
    case MessageKind::kRejected:
      return "rejected";
    case MessageKind::kCancelled:
      return "cancelled";
    case MessageKind::kRescheduled:
      return "rescheduled";
    case MessageKind::kBookingInfo:
      return "booking_info";
    case MessageKind::kReminder:
      return "reminder";
    case MessageKind::kConfirmVisit:
      return "confirm_visit";
    case MessageKind::kNoShowFollowUp:
      return "no_show_follow_up";
    case MessageKind::kBookAgain:
      return "book_again";
  }
  return "unknown";
}

const char* AudienceName(Audience audience) {
  switch (audience) {
    case Audience::kCustomer:
      return "customer";
    case Audience::kResource:
      return "resource";
    case Audience::kAgent:
      return "agent";
  }
  return "unknown";
}

const char* ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kEmail:
      return "email";
    case Channel::kSms:
      return "sms";
    case Channel::kWhatsapp:
      return "whatsapp";
  }
  return "unknown";
}

const char* ConsentKindName(ConsentKind consent) {
  switch (consent) {
    case ConsentKind::kEmail:
      return "email";
    case ConsentKind::kSms:
      return "sms";
    case ConsentKind::kWhatsapp:
      return "whatsapp";
    case ConsentKind::kMarketing:
      return "marketing";
  }
  return "unknown";
}

const char* MessageStateName(MessageState state) {
  switch (state) {
    case MessageState::kQueued:
      return "queued";
    case MessageState::kSent:
      return "sent";
    case MessageState::kDelivered:
      return "delivered";
    case MessageState::kRead:
      return "read";
    case MessageState::kFailed:
      return "failed";
  }
  return "unknown";
}

const char* FiringOutcomeName(FiringOutcome outcome) {
  switch (outcome) {
    case FiringOutcome::kCreated:
      return "created";
    case FiringOutcome::kSkipped:
      return "skipped";
  }
  return "unknown";
}

}  // namespace appt
