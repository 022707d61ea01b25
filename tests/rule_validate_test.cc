#include "messaging/rule_validate.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace appt::messaging {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

MessageRule Reminder() {
  MessageRule r;
  r.name = "Promemoria";
  r.kind = MessageKind::kReminder;
  r.channels = PreferSmsElseEmail();
  r.offset = hours(24);
  r.templates = {{Channel::kSms, "", "",
                  "{{customer.name}}, a domani {{appointment.time}}"},
                 {Channel::kEmail, "", "Promemoria", "Ciao {{customer.name}}"},
                 {Channel::kEmail, "en", "Reminder", "Hi {{customer.name}}"}};
  return r;
}

TEST(ValidateMessageRule, AcceptsPresetsAndEveryKind) {
  EXPECT_TRUE(ValidateMessageRule(Reminder()).ok());
  MessageRule at_nine = Reminder();
  at_nine.offset = Duration(0);
  at_nine.at_local_time = LocalTimeOfDay{9 * 60, 0};
  EXPECT_TRUE(ValidateMessageRule(at_nine).ok());
  for (MessageKind k : {MessageKind::kRequestReceived, MessageKind::kConfirmed,
                        MessageKind::kRejected, MessageKind::kCancelled,
                        MessageKind::kRescheduled}) {
    MessageRule r = Reminder();
    r.kind = k;
    r.offset = Duration(0);
    EXPECT_TRUE(ValidateMessageRule(r).ok()) << MessageKindName(k);
    EXPECT_TRUE(IsChangeKind(k));
  }
  MessageRule again = Reminder();
  again.kind = MessageKind::kBookAgain;
  again.offset = BookAgainAfterMonths(3);
  again.service_ids = {1, 2, 3};
  again.required_consents = {ConsentKind::kMarketing};
  EXPECT_TRUE(ValidateMessageRule(again).ok());
  EXPECT_EQ(BookAgainAfterMonths(6), days(180));
}

struct BadCase {
  const char* field;  // must appear in the message
  std::function<void(MessageRule&)> spoil;
};

TEST(ValidateMessageRule, RefusesEachBadFieldByName) {
  const std::vector<BadCase> cases = {
      {"name", [](MessageRule& r) { r.name = ""; }},
      {"name", [](MessageRule& r) { r.name = "\xC3"; }},
      {"name", [](MessageRule& r) { r.name = std::string(300, 'x'); }},
      {"kind", [](MessageRule& r) { r.kind = static_cast<MessageKind>(42); }},
      {"audience",
       [](MessageRule& r) { r.audience = static_cast<Audience>(-1); }},
      {"offset", [](MessageRule& r) { r.offset = -minutes(5); }},
      {"offset", [](MessageRule& r) { r.offset = days(61); }},
      {"offset",
       [](MessageRule& r) {
         r.kind = MessageKind::kConfirmed;  // change kinds take no offset
       }},
      {"offset",
       [](MessageRule& r) {
         r.kind = MessageKind::kBookAgain;
         r.offset = hours(3);
       }},
      {"at_local_time",
       [](MessageRule& r) {
         r.kind = MessageKind::kConfirmVisit;
         r.offset = Duration(0);
         r.at_local_time = LocalTimeOfDay{540, 0};
       }},
      {"at_local_time.minute",
       [](MessageRule& r) {
         r.offset = Duration(0);
         r.at_local_time = LocalTimeOfDay{1440, 0};
       }},
      {"at_local_time.days_before",
       [](MessageRule& r) {
         r.offset = Duration(0);
         r.at_local_time = LocalTimeOfDay{540, -1};
       }},
      {"grace", [](MessageRule& r) { r.grace = -hours(1); }},
      {"channels", [](MessageRule& r) { r.channels.clear(); }},
      {"channels[1]",
       [](MessageRule& r) {
         r.channels = {Channel::kSms, Channel::kSms};
       }},
      {"channels[0]",
       [](MessageRule& r) {
         r.audience = Audience::kResource;
         r.channels = {Channel::kSms};
       }},
      {"required_consents[1]",
       [](MessageRule& r) {
         r.required_consents = {ConsentKind::kSms, ConsentKind::kSms};
       }},
      {"service_ids[1]",
       [](MessageRule& r) {
         r.service_ids = {4, 4};
       }},
      {"templates[0].channel",
       [](MessageRule& r) { r.templates[0].channel = Channel::kWhatsapp; }},
      {"templates[2].locale",
       [](MessageRule& r) { r.templates[2].locale = "english!"; }},
      {"templates[2]", [](MessageRule& r) { r.templates[2].locale = ""; }},
      {"templates[0].subject",
       [](MessageRule& r) { r.templates[0].subject = "SMS have none"; }},
      {"templates[1].body", [](MessageRule& r) { r.templates[1].body = ""; }},
      {"templates[1].body",
       [](MessageRule& r) { r.templates[1].body = "{{customer.age}}"; }},
      {"templates[1].subject",
       [](MessageRule& r) { r.templates[1].subject = "{{#customer.name}}"; }},
      {"templates",
       [](MessageRule& r) { r.templates.erase(r.templates.begin()); }},
  };
  for (const BadCase& c : cases) {
    MessageRule r = Reminder();
    c.spoil(r);
    absl::Status s = ValidateMessageRule(r);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << c.field << ": " << s;
    EXPECT_NE(s.message().find(c.field), std::string::npos)
        << "wanted " << c.field << " in: " << s.message();
  }
}

}  // namespace
}  // namespace appt::messaging
