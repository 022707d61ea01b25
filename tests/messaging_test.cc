// Message rules in action on both stores (R4.1–R4.9): change messages in
// the changing transaction, reminders and follow-ups fired by RunDue, never
// twice, never for a cancelled or moved time, skipped with a reason when
// they must not go. Dr. Rossi works in Europe/Berlin; Anna lives in
// Europe/Rome (same offsets) and reads Italian. Wed 2027-03-17 10:00 CET is
// 09:00 UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "messaging_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);  // 10:00 CET

class MessagingScenarioTest : public MessagingTest {};

TEST_P(MessagingScenarioTest, ConfirmationIsQueuedWithTheBookingAndSent) {
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 1u);
  const Message& m = messages[0];
  EXPECT_EQ(m.kind, MessageKind::kConfirmed);
  EXPECT_EQ(m.state, MessageState::kSent);
  EXPECT_EQ(m.provider_id, "p-1");
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.recipient, "anna@example.it");
  EXPECT_EQ(m.subject, "confirmed");
  EXPECT_EQ(m.body, "Anna Bianchi: mercoledì 17 marzo 2027, 10:00");
  EXPECT_THAT(m.calendar, HasSubstr("METHOD:REQUEST"));
  EXPECT_THAT(m.calendar, HasSubstr("SEQUENCE:0"));
  EXPECT_EQ(notifier_->sent().size(), 1u);
  EXPECT_EQ(notifier_->sent()[0].idempotency_key, m.idempotency_key);
  EXPECT_TRUE(TimelineHas(a.id, "message_queued"));
  EXPECT_TRUE(TimelineHas(a.id, "message_sent"));
}

TEST_P(MessagingScenarioTest, AWorkflowServiceSaysRequestReceivedNotConfirmed) {
  Save(Rule(MessageKind::kConfirmed));
  Save(Rule(MessageKind::kRequestReceived));
  Service approval = engine_->GetService(checkup_).value();
  approval.workflow_enabled = true;
  ASSERT_TRUE(engine_->UpdateService(approval).ok());
  const StatusChain chain =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  ASSERT_TRUE(
      engine_->SetWorkflowSettings({true, chain.id, {}}).ok());
  const Appointment a = BookAt(kWed10);
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, MessageKind::kRequestReceived);
  EXPECT_EQ(messages[0].calendar, "");  // no event until it is confirmed
  // Approving it confirms it, with the calendar event.
  ASSERT_TRUE(engine_->SetStatus({a.id, chain.statuses[1].id}).ok());
  messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].kind, MessageKind::kConfirmed);
  EXPECT_NE(messages[1].calendar, "");
}

TEST_P(MessagingScenarioTest, ARuleCoversOnlyItsServices) {
  MessageRule yoga_only = Rule(MessageKind::kConfirmed);
  yoga_only.service_ids = {yoga_};
  Save(yoga_only);
  EXPECT_TRUE(MessagesOf(BookAt(kWed10).id).empty());
  EXPECT_EQ(MessagesOf(BookAt(kWed10 + hours(2), anna_, yoga_).id).size(), 1u);
}

TEST_P(MessagingScenarioTest, WithoutANotifierMessagesWaitInTheOutbox) {
  engine_->SetNotifier(nullptr);
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(MessagesOf(a.id)[0].state, MessageState::kQueued);
  // Nothing RunDue could do until a notifier is set.
  EXPECT_EQ(engine_->NextDueAt().value(), std::nullopt);
  engine_->SetNotifier(notifier_);
  EXPECT_EQ(engine_->NextDueAt().value(), clock_->Now());
  EXPECT_EQ(engine_->DispatchMessages().value().sent, 1);
  EXPECT_EQ(MessagesOf(a.id)[0].state, MessageState::kSent);
  EXPECT_EQ(engine_->NextDueAt().value(), std::nullopt);
}

TEST_P(MessagingScenarioTest, ReminderFiresOnceAtItsTime) {
  Save(Rule(MessageKind::kReminder, {Channel::kSms}, hours(24)));
  const Appointment a = BookAt(kWed10);
  ASSERT_EQ(TimersOf(a.id).size(), 1u);
  EXPECT_EQ(TimersOf(a.id)[0].due, kWed10 - hours(24));
  EXPECT_EQ(engine_->NextDueAt().value(), kWed10 - hours(24));
  EXPECT_EQ(RunDueAt(kWed10 - hours(24) - minutes(1)).messages_created, 0);
  const RunDueReport report = RunDueAt(kWed10 - hours(24));
  EXPECT_EQ(report.messages_created, 1);
  EXPECT_EQ(report.dispatch.sent, 1);
  EXPECT_EQ(RunDueAt(kWed10 - hours(23)).messages_created, 0);
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].channel, Channel::kSms);
  EXPECT_EQ(messages[0].recipient, "+393331234567");
  EXPECT_TRUE(TimersOf(a.id).empty());
  ASSERT_EQ(FiringsOf(a.id).size(), 1u);
  EXPECT_EQ(FiringsOf(a.id)[0].outcome, FiringOutcome::kCreated);
  EXPECT_EQ(FiringsOf(a.id)[0].message_id, messages[0].id);
  Reopen();
  EXPECT_EQ(engine_->RunDue().value().messages_created, 0);
  EXPECT_EQ(MessagesOf(a.id).size(), 1u);
}

TEST_P(MessagingScenarioTest, RescheduleReplacesTheOldTimeAndTellsTheNewDate) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  MessageRule moved = Rule(MessageKind::kRescheduled);
  moved.templates[0].body =
      "{{appointment.previous_when}} -> {{appointment.when}}";
  Save(moved);
  const Appointment a = BookAt(kWed10);
  const Instant thursday = Utc(2027, 3, 18, 10);  // 11:00 CET
  ASSERT_TRUE(engine_->Reschedule({a.id, thursday}).ok());
  auto timers = TimersOf(a.id);
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].due, thursday - hours(24));
  EXPECT_EQ(timers[0].occurrence, thursday.time_since_epoch().count());
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body,
            "mercoledì 17 marzo 2027, 10:00 -> giovedì 18 marzo 2027, 11:00");
  EXPECT_THAT(messages[0].calendar, HasSubstr("SEQUENCE:1"));
  // Nothing for the old time; once for the new.
  EXPECT_EQ(RunDueAt(kWed10 - hours(24)).messages_created, 0);
  EXPECT_EQ(RunDueAt(thursday - hours(24)).messages_created, 1);
  messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].kind, MessageKind::kReminder);
  EXPECT_EQ(messages[1].body, "Anna Bianchi: giovedì 18 marzo 2027, 11:00");
}

TEST_P(MessagingScenarioTest, CancelDropsTimersAndCarriesMethodCancel) {
  Save(Rule(MessageKind::kConfirmed));
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  MessageRule cancelled = Rule(MessageKind::kCancelled);
  cancelled.templates[0].body = "Annullato: {{appointment.cancel_reason}}";
  Save(cancelled);
  const Appointment a = BookAt(kWed10);
  ASSERT_TRUE(engine_->Cancel(a.id, {Actor::Kind::kCustomer, "anna"},
                              "influenza")
                  .ok());
  EXPECT_TRUE(TimersOf(a.id).empty());
  EXPECT_EQ(RunDueAt(kWed10 - hours(24)).messages_created, 0);
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].kind, MessageKind::kCancelled);
  EXPECT_EQ(messages[1].body, "Annullato: influenza");
  EXPECT_THAT(messages[1].calendar, HasSubstr("METHOD:CANCEL"));
  EXPECT_THAT(messages[1].calendar, HasSubstr("STATUS:CANCELLED"));
  EXPECT_THAT(messages[1].calendar, HasSubstr("SEQUENCE:1"));
  const auto uid = [](const std::string& ics) {
    const size_t at = ics.find("UID:");
    return ics.substr(at, ics.find('\r', at) - at);
  };
  EXPECT_EQ(uid(messages[0].calendar), uid(messages[1].calendar));
}

TEST_P(MessagingScenarioTest, PastItsGraceAReminderIsSkippedWithTheReason) {
  MessageRule r = Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24));
  r.grace = hours(1);
  Save(r);
  const Appointment a = BookAt(kWed10);
  const RunDueReport report = RunDueAt(kWed10 - hours(22));
  EXPECT_EQ(report.messages_created, 0);
  EXPECT_EQ(report.skipped, 1);
  EXPECT_TRUE(MessagesOf(a.id).empty());
  ASSERT_EQ(FiringsOf(a.id).size(), 1u);
  EXPECT_EQ(FiringsOf(a.id)[0].outcome, FiringOutcome::kSkipped);
  EXPECT_THAT(FiringsOf(a.id)[0].reason, HasSubstr("missed"));
  EXPECT_TRUE(TimelineHas(a.id, "message_skipped"));
}

TEST_P(MessagingScenarioTest, WithinItsGraceAReminderGoesLate) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(RunDueAt(kWed10 - hours(23) - minutes(5)).messages_created, 1);
  EXPECT_EQ(MessagesOf(a.id).size(), 1u);
}

TEST_P(MessagingScenarioTest, AReminderAlreadyPastAtBookingIsSkipped) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  const Appointment a = BookAt(Utc(2027, 3, 15, 14));  // today 15:00 CET
  EXPECT_TRUE(TimersOf(a.id).empty());
  ASSERT_EQ(FiringsOf(a.id).size(), 1u);
  EXPECT_EQ(FiringsOf(a.id)[0].outcome, FiringOutcome::kSkipped);
  EXPECT_THAT(FiringsOf(a.id)[0].reason, HasSubstr("before the change"));
}

TEST_P(MessagingScenarioTest, NoReminderAtOrAfterTheStart) {
  MessageRule r = Rule(MessageKind::kReminder);
  r.at_local_time = LocalTimeOfDay{9 * 60, 0};  // 09:00 on the day
  Save(r);
  const Appointment early = BookAt(Utc(2027, 3, 17, 8));  // 09:00 CET
  EXPECT_TRUE(TimersOf(early.id).empty());
  EXPECT_THAT(FiringsOf(early.id)[0].reason, HasSubstr("not before the start"));
  const Appointment later = BookAt(kWed10);
  ASSERT_EQ(TimersOf(later.id).size(), 1u);
  EXPECT_EQ(TimersOf(later.id)[0].due, Utc(2027, 3, 17, 8));
}

TEST_P(MessagingScenarioTest, LocalTimeOfDayIsReadInTheCustomersZone) {
  MessageRule r = Rule(MessageKind::kReminder);
  r.at_local_time = LocalTimeOfDay{18 * 60, 1};  // 18:00 the day before
  Save(r);
  Customer ny;
  ny.name = "Nora";
  ny.email = "nora@example.com";
  ny.time_zone = "America/New_York";
  const CustomerId nora = engine_->CreateCustomer(ny).value();
  // In New York (EDT since Sunday) 18:00 on Tuesday is 22:00 UTC.
  EXPECT_EQ(TimersOf(BookAt(kWed10, nora).id)[0].due, Utc(2027, 3, 16, 22));
  // Marco has no zone: the resource's (18:00 CET = 17:00 UTC).
  EXPECT_EQ(TimersOf(BookAt(kWed10 + hours(1), marco_).id)[0].due,
            Utc(2027, 3, 16, 17));
}

TEST_P(MessagingScenarioTest, ChannelsFallBackByContactAndConsent) {
  MessageRule r = Rule(MessageKind::kConfirmed, PreferSmsElseEmail());
  r.required_consents = {ConsentKind::kSms};
  Save(r);
  // Anna has a phone but no SMS consent: email.
  EXPECT_EQ(MessagesOf(BookAt(kWed10).id)[0].channel, Channel::kEmail);
  Customer c = engine_->GetCustomer(anna_).value();
  c.consents.sms.given_at = Utc(2027, 1, 1);
  ASSERT_TRUE(engine_->UpdateCustomer(c).ok());
  EXPECT_EQ(MessagesOf(BookAt(kWed10 + hours(1)).id)[0].channel,
            Channel::kSms);
  // Marco has neither contact: skipped, naming both refusals.
  const Appointment m = BookAt(kWed10 + hours(2), marco_);
  EXPECT_TRUE(MessagesOf(m.id).empty());
  EXPECT_EQ(FiringsOf(m.id)[0].reason,
            "no usable channel (sms: no address; email: no address)");
}

TEST_P(MessagingScenarioTest, MarketingConsentGatesTheWholeMessage) {
  MessageRule r = Rule(MessageKind::kBookAgain, {Channel::kEmail}, days(30));
  r.required_consents = {ConsentKind::kMarketing};
  Save(r);
  const Appointment a = BookAt(kWed10);
  clock_->Set(kWed10);
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  EXPECT_EQ(RunDueAt(kWed10 + days(30)).skipped, 1);
  EXPECT_EQ(FiringsOf(a.id)[0].reason, "the customer has no marketing consent");
}

TEST_P(MessagingScenarioTest, BookAgainAfterAVisitUnlessAlreadyBooked) {
  Save(Rule(MessageKind::kBookAgain, {Channel::kEmail},
            BookAgainAfterMonths(1)));
  const Appointment anna_visit = BookAt(kWed10);
  const Appointment marco_visit = BookAt(kWed10 + hours(1), marco_);
  clock_->Set(kWed10 + hours(1));
  ASSERT_TRUE(engine_->MarkAttended(anna_visit.id, {}).ok());
  ASSERT_TRUE(engine_->MarkAttended(marco_visit.id, {}).ok());
  // Marco gets an email address, and then books again by himself.
  Customer marco = engine_->GetCustomer(marco_).value();
  marco.email = "marco@example.it";
  ASSERT_TRUE(engine_->UpdateCustomer(marco).ok());
  const Appointment next = BookAt(Utc(2027, 4, 21, 8), marco_);
  const RunDueReport report = RunDueAt(kWed10 + hours(1) + days(30));
  EXPECT_EQ(report.messages_created, 1);
  EXPECT_EQ(report.skipped, 1);
  EXPECT_EQ(MessagesOf(anna_visit.id)[0].kind, MessageKind::kBookAgain);
  EXPECT_EQ(FiringsOf(marco_visit.id)[0].reason,
            "already booked: appointment " + std::to_string(next.id) +
                " at 2027-04-21T08:00:00Z");
}

TEST_P(MessagingScenarioTest, NoShowFollowUpOnlyWhileStillBooked) {
  Save(Rule(MessageKind::kNoShowFollowUp, {Channel::kEmail}, minutes(10)));
  const Appointment missing = BookAt(kWed10);
  const Appointment came = BookAt(kWed10 + hours(2));
  clock_->Set(kWed10 + hours(2) + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(came.id, {}).ok());
  EXPECT_TRUE(TimersOf(came.id).empty());
  // The missing customer's follow-up is past its one-hour grace by now.
  EXPECT_EQ(RunDueAt(kWed10 + hours(3)).messages_created, 0);
  EXPECT_EQ(FiringsOf(missing.id)[0].outcome, FiringOutcome::kSkipped);
  EXPECT_TRUE(FiringsOf(came.id).empty());
  const Appointment late = BookAt(Utc(2027, 3, 18, 9));
  EXPECT_EQ(RunDueAt(Utc(2027, 3, 18, 9, 10)).messages_created, 1);
  EXPECT_EQ(MessagesOf(late.id)[0].kind, MessageKind::kNoShowFollowUp);
}

TEST_P(MessagingScenarioTest, BookingInfoAtOnceOrLater) {
  Save(Rule(MessageKind::kBookingInfo));
  Save(Rule(MessageKind::kBookingInfo, {Channel::kEmail}, minutes(10)));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(MessagesOf(a.id).size(), 1u);  // at once, in the booking
  EXPECT_EQ(MessagesOf(a.id)[0].state, MessageState::kSent);
  ASSERT_EQ(TimersOf(a.id).size(), 1u);
  EXPECT_EQ(TimersOf(a.id)[0].due, clock_->Now() + minutes(10));
  // A reschedule does not repeat booking info.
  ASSERT_TRUE(engine_->Reschedule({a.id, kWed10 + hours(1)}).ok());
  EXPECT_EQ(RunDueAt(clock_->Now() + minutes(10)).messages_created, 1);
  EXPECT_EQ(MessagesOf(a.id).size(), 2u);
}

TEST_P(MessagingScenarioTest, QuietHoursDelayUntilTheWindowOrSkip) {
  MessagingSettings s;
  s.send_window = LocalSpan{8 * 60, 21 * 60};
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(26)));
  MessageRule strict = Rule(MessageKind::kReminder, {Channel::kSms}, hours(26));
  strict.grace = minutes(30);
  Save(strict);
  // 09:00 CET Wednesday: both nominal at 07:00 CET Tuesday, due at 08:00.
  const Appointment a = BookAt(Utc(2027, 3, 17, 8));
  for (const Timer& t : TimersOf(a.id)) {
    EXPECT_EQ(t.nominal_due, Utc(2027, 3, 16, 6));
    EXPECT_EQ(t.due, Utc(2027, 3, 16, 7));
  }
  EXPECT_EQ(RunDueAt(Utc(2027, 3, 16, 6, 30)).messages_created, 0);
  const RunDueReport report = RunDueAt(Utc(2027, 3, 16, 7));
  EXPECT_EQ(report.messages_created, 1);
  EXPECT_EQ(report.skipped, 1);
  EXPECT_EQ(MessagesOf(a.id)[0].channel, Channel::kEmail);
}

TEST_P(MessagingScenarioTest, SettingsChangeReplansTimers) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(26)));
  const Appointment a = BookAt(Utc(2027, 3, 17, 8));
  EXPECT_EQ(TimersOf(a.id)[0].due, Utc(2027, 3, 16, 6));
  MessagingSettings s;
  s.send_window = LocalSpan{8 * 60, 21 * 60};
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  EXPECT_EQ(TimersOf(a.id)[0].due, Utc(2027, 3, 16, 7));
}

TEST_P(MessagingScenarioTest, AtMostOneReminderPerCustomerPerDay) {
  MessagingSettings s;
  s.max_reminders_per_customer_per_day = 1;
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  const Appointment morning = BookAt(kWed10);
  const Appointment afternoon = BookAt(kWed10 + hours(4));
  const Appointment other = BookAt(kWed10 + hours(5), marco_);
  EXPECT_EQ(RunDueAt(kWed10 - hours(24)).messages_created, 1);
  const RunDueReport report = RunDueAt(kWed10 - hours(19));
  EXPECT_EQ(report.skipped, 2);  // Anna's second; Marco has no address
  EXPECT_EQ(FiringsOf(afternoon.id)[0].reason,
            "daily reminder limit of 1 for the customer reached");
  EXPECT_EQ(MessagesOf(morning.id).size(), 1u);
  EXPECT_THAT(FiringsOf(other.id)[0].reason, HasSubstr("no usable channel"));
}

TEST_P(MessagingScenarioTest, StaffRulesAreMessagesOfTheirOwn) {
  Save(Rule(MessageKind::kConfirmed));
  MessageRule staff = Rule(MessageKind::kConfirmed);
  staff.audience = Audience::kResource;
  staff.templates[0].body = "{{customer.name}} {{appointment.when}}";
  Save(staff);
  MessageRule agent = Rule(MessageKind::kConfirmed, {Channel::kSms});
  agent.audience = Audience::kAgent;
  Save(agent);
  const Appointment a = BookAt(kWed10);
  auto messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].audience, Audience::kCustomer);
  EXPECT_EQ(messages[0].body, "Anna Bianchi: mercoledì 17 marzo 2027, 10:00");
  EXPECT_EQ(messages[1].audience, Audience::kResource);
  EXPECT_EQ(messages[1].recipient, "rossi@clinic.example");
  // The business default locale ("en") and the resource's zone.
  EXPECT_EQ(messages[1].body, "Anna Bianchi Wednesday, March 17, 2027, "
                              "10:00\u202fAM");
  // Dr. Rossi has no responsible agent: that rule is skipped.
  EXPECT_EQ(FiringsOf(a.id).back().reason, "no usable channel (sms: no address)");
}

TEST_P(MessagingScenarioTest, TemplatesFollowTheRecipientsLocale) {
  MessagingSettings s;
  s.business_name = "Studio Rossi";
  s.default_locale = "de-DE";
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  MessageRule r = Rule(MessageKind::kConfirmed);
  r.templates[0].body = "{{business.name}}: {{appointment.when}}";
  r.templates.push_back({Channel::kEmail, "it", "Conferma",
                         "Confermato: {{appointment.when}}, {{service.price}}"});
  Save(r);
  // Monday 2027-03-29 10:00 CEST, the day after the change.
  const Appointment anna = BookAt(Utc(2027, 3, 29, 8));
  const Message m = MessagesOf(anna.id)[0];
  EXPECT_EQ(m.locale, "it");
  EXPECT_EQ(m.subject, "Conferma");
  EXPECT_EQ(m.body, "Confermato: lunedì 29 marzo 2027, 10:00, 60,00\u00a0€");
  Customer marco = engine_->GetCustomer(marco_).value();
  marco.email = "marco@example.de";
  ASSERT_TRUE(engine_->UpdateCustomer(marco).ok());
  const Message d = MessagesOf(BookAt(Utc(2027, 3, 29, 9), marco_).id)[0];
  EXPECT_EQ(d.locale, "");
  EXPECT_EQ(d.body, "Studio Rossi: Montag, 29. März 2027, 11:00");
}

TEST_P(MessagingScenarioTest, SavingDisablingDeletingARuleReplansBookings) {
  const Appointment a = BookAt(kWed10);
  const Appointment b = BookAt(kWed10 + hours(1));
  const RuleId id =
      Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  EXPECT_EQ(TimersOf(a.id).size(), 1u);
  EXPECT_EQ(TimersOf(b.id).size(), 1u);
  ASSERT_TRUE(engine_->SetMessageRuleEnabled(id, false).ok());
  EXPECT_TRUE(TimersOf(a.id).empty());
  ASSERT_TRUE(engine_->SetMessageRuleEnabled(id, true).ok());
  MessageRule edited = engine_->GetMessageRule(id).value();
  edited.offset = hours(2);
  ASSERT_TRUE(engine_->UpdateMessageRule(edited).ok());
  EXPECT_EQ(TimersOf(a.id)[0].due, kWed10 - hours(2));
  ASSERT_TRUE(engine_->DeleteMessageRule(id).ok());
  EXPECT_TRUE(TimersOf(b.id).empty());
  EXPECT_EQ(RunDueAt(kWed10).messages_created, 0);
}

TEST_P(MessagingScenarioTest, MovingBackToAnAlreadyRemindedTimeSendsNoRepeat) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(2)));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(RunDueAt(kWed10 - hours(2)).messages_created, 1);
  ASSERT_TRUE(engine_->Reschedule({a.id, kWed10 + hours(1)}).ok());
  ASSERT_TRUE(engine_->Reschedule({a.id, kWed10}).ok());
  EXPECT_TRUE(TimersOf(a.id).empty());
  EXPECT_EQ(RunDueAt(kWed10 - hours(1)).messages_created, 0);
  EXPECT_EQ(MessagesOf(a.id).size(), 1u);
}

TEST_P(MessagingScenarioTest, ANoShowStillGetsItsFollowUp) {
  Save(Rule(MessageKind::kNoShowFollowUp, {Channel::kEmail}, minutes(10)));
  const Appointment a = BookAt(kWed10);
  clock_->Set(kWed10 + minutes(5));
  ASSERT_TRUE(engine_->MarkNoShow(a.id, {}).ok());
  ASSERT_EQ(TimersOf(a.id).size(), 1u);
  EXPECT_EQ(RunDueAt(kWed10 + minutes(10)).messages_created, 1);
}

TEST_P(MessagingScenarioTest, SavingSettingsKeepsPendingBookAgainTimers) {
  Save(Rule(MessageKind::kBookAgain, {Channel::kEmail}, days(30)));
  const Appointment a = BookAt(kWed10);
  clock_->Set(kWed10);
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  ASSERT_EQ(TimersOf(a.id).size(), 1u);
  MessagingSettings s;
  s.business_name = "Studio Rossi";
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  EXPECT_EQ(TimersOf(a.id).size(), 1u);
  EXPECT_EQ(RunDueAt(kWed10 + days(30)).messages_created, 1);
}

TEST_P(MessagingScenarioTest, AZoneChangeMovesLocalTimeReminders) {
  MessageRule r = Rule(MessageKind::kReminder);
  r.at_local_time = LocalTimeOfDay{18 * 60, 1};
  Save(r);
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(TimersOf(a.id)[0].due, Utc(2027, 3, 16, 17));  // 18:00 in Rome
  Customer anna = engine_->GetCustomer(anna_).value();
  anna.time_zone = "America/New_York";
  ASSERT_TRUE(engine_->UpdateCustomer(anna).ok());
  EXPECT_EQ(TimersOf(a.id)[0].due, Utc(2027, 3, 16, 22));  // 18:00 EDT
  // Nothing fires at the old time.
  EXPECT_EQ(RunDueAt(Utc(2027, 3, 16, 17)).messages_created, 0);
  EXPECT_EQ(RunDueAt(Utc(2027, 3, 16, 22)).messages_created, 1);
}

TEST_P(MessagingScenarioTest, DatesSpeakTheLanguageOfTheChosenTemplate) {
  MessagingSettings s;
  s.default_locale = "it";
  ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  MessageRule r = Rule(MessageKind::kConfirmed);
  r.templates.push_back(
      {Channel::kEmail, "it", "", "Confermato: {{appointment.when}}"});
  Save(r);
  Customer marco = engine_->GetCustomer(marco_).value();
  marco.email = "marco@example.de";
  marco.locale = "de-DE";  // no German template: the Italian one
  ASSERT_TRUE(engine_->UpdateCustomer(marco).ok());
  EXPECT_EQ(MessagesOf(BookAt(kWed10, marco_).id)[0].body,
            "Confermato: mercoledì 17 marzo 2027, 10:00");
}

TEST_P(MessagingScenarioTest, ARuleCannotChangeItsKind) {
  const RuleId id = Save(Rule(MessageKind::kBookingInfo));
  MessageRule changed = engine_->GetMessageRule(id).value();
  changed.kind = MessageKind::kBookAgain;
  changed.offset = days(30);
  const absl::Status s = engine_->UpdateMessageRule(changed);
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("kind"));
  EXPECT_EQ(engine_->GetMessageRule(id).value().kind,
            MessageKind::kBookingInfo);
}

APPT_INSTANTIATE_FOR_BOTH_STORES(MessagingScenarioTest);

}  // namespace
}  // namespace appt::testing
