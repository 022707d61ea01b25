// Message rules (R4.1, R4.2, R4.7, R4.8): what the engine tells whom, when
// and over which channel. Plain values; safe to copy between threads.
#ifndef APPT_MESSAGE_RULE_H_
#define APPT_MESSAGE_RULE_H_

#include <optional>
#include <string>
#include <vector>

#include "appt/types.h"

namespace appt {

using RuleId = int64_t;

// What a rule is about, and so when it fires:
// - on a change, in the transaction that makes it: kRequestReceived (a
//   booking that awaits approval), kConfirmed (a booking confirmed on the
//   spot, or approved), kRejected, kCancelled, kRescheduled (carries the
//   new date);
// - at a time derived from the appointment (a timer): kBookingInfo
//   (`offset` after the booking: 0, 10 min, 1 h), kReminder (`offset`
//   before the start, or `at_local_time`), kConfirmVisit (`offset` before
//   the start; one day by default), kNoShowFollowUp (`offset` after the
//   start while neither attended nor visit-confirmed), kBookAgain (`offset`
//   after an attended visit: 30, 90, 180 days).
enum class MessageKind {
  kRequestReceived,
  kConfirmed,
  kRejected,
  kCancelled,
  kRescheduled,
  kBookingInfo,
  kReminder,
  kConfirmVisit,
  kNoShowFollowUp,
  kBookAgain,
};

// Who receives it: the customer (their email/phone, locale, zone), the
// resource (its notification email, the resource's zone) or the agent
// responsible for the resource (its host user id as the address). Staff
// rules never change what the customer receives (R4.7).
enum class Audience { kCustomer, kResource, kAgent };

enum class Channel { kEmail, kSms, kWhatsapp };

// A consent a rule may require. A channel consent (kEmail, kSms,
// kWhatsapp) gates only that channel, so the fallback moves on to the next
// channel; kMarketing gates the whole message.
enum class ConsentKind { kEmail, kSms, kWhatsapp, kMarketing };

const char* MessageKindName(MessageKind kind);
const char* AudienceName(Audience audience);
const char* ChannelName(Channel channel);
const char* ConsentKindName(ConsentKind consent);

// Channel presets (R4.2): an ordered fallback list, first usable wins.
inline std::vector<Channel> PreferSmsElseEmail() {
  return {Channel::kSms, Channel::kEmail};
}
inline std::vector<Channel> PreferEmailElseSms() {
  return {Channel::kEmail, Channel::kSms};
}
// "Time to book again" presets (R4.1): a month is 30 days.
inline Duration BookAgainAfterMonths(int months) {
  return std::chrono::days(30 * months);
}

// Who a cancelled-kind rule tells of by default (R5.5): everyone but staff.
inline std::vector<Actor::Kind> DefaultCancelledBy() {
  return {Actor::Kind::kCustomer, Actor::Kind::kEngine, Actor::Kind::kSystem};
}

// "09:00 on the day" is {9 * 60, 0}; "18:00 the day before" {18 * 60, 1}.
// Read in the recipient's zone (customer, else resource) (R4.3).
struct LocalTimeOfDay {
  int minute = 0;       // 0..1439 after local midnight
  int days_before = 0;  // 0..30
  friend bool operator==(const LocalTimeOfDay&,
                         const LocalTimeOfDay&) = default;
};

// One channel's text in one language, as Mustache (the fields are listed
// in message.h, kTemplateFields). `subject` is for email only.
struct MessageTemplate {
  Channel channel = Channel::kEmail;
  std::string locale{};  // BCP 47 ("it-IT", "it"); "" = the default
  std::string subject{};
  std::string body{};
  friend bool operator==(const MessageTemplate&,
                         const MessageTemplate&) = default;
};

struct MessageRule {
  RuleId id = 0;  // assigned by the engine
  std::string name{};
  MessageKind kind = MessageKind::kReminder;
  bool enabled = true;
  Audience audience = Audience::kCustomer;
  std::vector<ServiceId> service_ids{};  // empty: every service
  std::vector<Channel> channels{};       // non-empty, no repeats
  std::vector<ConsentKind> required_consents{};
  // At least one template per channel in `channels` for the default
  // locale ("").
  std::vector<MessageTemplate> templates{};
  // See MessageKind. Never negative; 0 for change kinds.
  Duration offset{0};
  // kReminder only: fire at a local time of day instead of `offset`.
  std::optional<LocalTimeOfDay> at_local_time{};
  // How late a message may still go out: past due + grace it is recorded
  // as skipped, never sent (R4.6).
  Duration grace{std::chrono::hours(1)};
  // kCancelled only: the cancellations this rule tells of, by who made
  // them (R5.5). By default a customer's, the engine's (auto-release) and
  // the host system's, not staff's: when staff cancel, the customer gets no
  // automatic message unless a rule lists Actor::Kind::kStaff. Non-empty,
  // no repeats.
  std::vector<Actor::Kind> cancelled_by = DefaultCancelledBy();
  std::string external_id{};
  friend bool operator==(const MessageRule&, const MessageRule&) = default;
};

}  // namespace appt

#endif  // APPT_MESSAGE_RULE_H_
