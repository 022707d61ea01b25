// Message rule commands through the Engine, on both stores (R4.2, R9).
#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::hours;

class MessageRuleTest : public EngineTest {
 protected:
  MessageRule Reminder() const {
    MessageRule r;
    r.name = "Promemoria";
    r.kind = MessageKind::kReminder;
    r.service_ids = {checkup_, yoga_};
    r.channels = PreferEmailElseSms();
    r.offset = hours(24);
    r.templates = {
        {Channel::kEmail, "", "Promemoria", "Ciao {{customer.name}}"},
        {Channel::kSms, "", "", "{{appointment.when}}"}};
    return r;
  }
};

TEST_P(MessageRuleTest, CreateEditDeactivateDelete) {
  auto id = engine_->CreateMessageRule(Reminder());
  ASSERT_TRUE(id.ok()) << id.status();
  MessageRule expected = Reminder();
  expected.id = *id;
  EXPECT_EQ(engine_->GetMessageRule(*id).value(), expected);

  expected.name = "Promemoria (18:00 il giorno prima)";
  expected.offset = Duration(0);
  expected.at_local_time = LocalTimeOfDay{18 * 60, 1};
  ASSERT_TRUE(engine_->UpdateMessageRule(expected).ok());
  ASSERT_TRUE(engine_->SetMessageRuleEnabled(*id, false).ok());
  expected.enabled = false;
  Reopen();
  EXPECT_EQ(engine_->ListMessageRules().value(),
            std::vector<MessageRule>{expected});

  ASSERT_TRUE(engine_->DeleteMessageRule(*id).ok());
  EXPECT_TRUE(absl::IsNotFound(engine_->GetMessageRule(*id).status()));
  EXPECT_TRUE(engine_->ListMessageRules().value().empty());
}

TEST_P(MessageRuleTest, BadRulesChangeNothingAndNameTheField) {
  MessageRule unknown_field = Reminder();
  unknown_field.templates[1].body = "{{appointment.whenn}}";
  absl::Status s = engine_->CreateMessageRule(unknown_field).status();
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_NE(s.message().find("templates[1].body"), std::string::npos) << s;

  MessageRule unknown_service = Reminder();
  unknown_service.service_ids = {checkup_, 777};
  s = engine_->CreateMessageRule(unknown_service).status();
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_NE(s.message().find("service_ids[1]: service_id 777"),
            std::string::npos)
      << s;
  EXPECT_TRUE(engine_->ListMessageRules().value().empty());

  auto id = engine_->CreateMessageRule(Reminder());
  ASSERT_TRUE(id.ok());
  MessageRule broken = Reminder();
  broken.id = *id;
  broken.channels = {Channel::kSms};  // the email template is now orphaned
  EXPECT_TRUE(absl::IsInvalidArgument(engine_->UpdateMessageRule(broken)));
  MessageRule ghost = Reminder();
  ghost.id = 4242;
  EXPECT_TRUE(absl::IsNotFound(engine_->UpdateMessageRule(ghost)));
  EXPECT_TRUE(absl::IsNotFound(engine_->SetMessageRuleEnabled(4242, true)));
  EXPECT_TRUE(absl::IsNotFound(engine_->DeleteMessageRule(4242)));
  MessageRule stored = Reminder();
  stored.id = *id;
  EXPECT_EQ(engine_->GetMessageRule(*id).value(), stored);
}

APPT_INSTANTIATE_FOR_BOTH_STORES(MessageRuleTest);

}  // namespace
}  // namespace appt::testing
