// The outbox (R4.4, R4.5, R8.4) on both stores: the notifier's answers,
// retries with backoff, delivery reports, re-entrant notifiers, the
// background runner, concurrent run-due passes, and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "messaging_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);

class OutboxTest : public MessagingTest {
 protected:
  void SetUp() override {
    MessagingTest::SetUp();
    MessagingSettings s;
    s.max_attempts = 3;
    s.retry_backoff = minutes(1);
    ASSERT_TRUE(engine_->SetMessagingSettings(s).ok());
  }
  Message Only(AppointmentId id) {
    auto messages = MessagesOf(id);
    EXPECT_EQ(messages.size(), 1u);
    return messages.empty() ? Message{} : messages[0];
  }
};

TEST_P(OutboxTest, RetryableFailuresBackOffThenSucceed) {
  notifier_->Script({SendResult::Retry("smtp 451"), SendResult::Retry("451")});
  Save(Rule(MessageKind::kConfirmed));
  const Instant booked_at = clock_->Now();
  const Appointment a = BookAt(kWed10);
  Message m = Only(a.id);
  EXPECT_EQ(m.state, MessageState::kQueued);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.error, "smtp 451");
  EXPECT_EQ(m.not_before, booked_at + minutes(1));
  EXPECT_EQ(engine_->NextDueAt().value(), booked_at + minutes(1));
  EXPECT_EQ(RunDueAt(booked_at + seconds(59)).dispatch, DispatchReport{});
  EXPECT_EQ(RunDueAt(booked_at + minutes(1)).dispatch.retried, 1);
  m = Only(a.id);
  EXPECT_EQ(m.not_before, booked_at + minutes(3));  // backoff doubled
  EXPECT_EQ(RunDueAt(booked_at + minutes(3)).dispatch.sent, 1);
  m = Only(a.id);
  EXPECT_EQ(m.state, MessageState::kSent);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(m.provider_id, "p-3");
  const auto sent = notifier_->sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].idempotency_key, sent[2].idempotency_key);
  EXPECT_TRUE(TimelineHas(a.id, "message_retry"));
}

TEST_P(OutboxTest, OutOfAttemptsOrAPermanentFailureFails) {
  notifier_->Script({SendResult::Retry("a"), SendResult::Retry("b"),
                     SendResult::Retry("c"), SendResult::Fail("bad number")});
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  RunDueAt(clock_->Now() + minutes(1));
  RunDueAt(clock_->Now() + minutes(2));
  Message m = Only(a.id);
  EXPECT_EQ(m.state, MessageState::kFailed);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(m.error, "c");
  EXPECT_EQ(engine_->NextDueAt().value(), std::nullopt);
  const Appointment b = BookAt(kWed10 + hours(1));
  m = Only(b.id);
  EXPECT_EQ(m.state, MessageState::kFailed);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.error, "bad number");
  EXPECT_TRUE(TimelineHas(b.id, "message_failed"));
}

TEST_P(OutboxTest, ANotifierThatThrowsIsRetried) {
  notifier_->OnSend([](const Message&) { throw std::runtime_error("boom"); });
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(Only(a.id).state, MessageState::kQueued);
  EXPECT_EQ(Only(a.id).error, "the notifier threw");
  notifier_->OnSend(nullptr);
  EXPECT_EQ(RunDueAt(clock_->Now() + minutes(1)).dispatch.sent, 1);
}

TEST_P(OutboxTest, DeliveryReportsMoveForwardOnly) {
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  const MessageId id = Only(a.id).id;
  auto delivered = engine_->ReportDelivery(id, MessageState::kDelivered);
  ASSERT_TRUE(delivered.ok()) << delivered.status();
  EXPECT_EQ(delivered->state, MessageState::kDelivered);
  EXPECT_EQ(engine_->ReportDelivery(id, MessageState::kRead, "opened")
                .value()
                .state,
            MessageState::kRead);
  auto back = engine_->ReportDelivery(id, MessageState::kDelivered);
  EXPECT_TRUE(absl::IsFailedPrecondition(back.status())) << back.status();
  EXPECT_THAT(back.status().message(), HasSubstr("is read"));
  EXPECT_TRUE(TimelineHas(a.id, "message_delivered"));
  EXPECT_TRUE(TimelineHas(a.id, "message_read"));

  const Appointment b = BookAt(kWed10 + hours(1));
  const MessageId other = Only(b.id).id;
  auto failed = engine_->ReportDelivery(other, MessageState::kFailed,
                                        "unknown subscriber");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->error, "unknown subscriber");
  EXPECT_EQ(engine_->ListCustomerMessages(anna_).value().size(), 2u);
}

TEST_P(OutboxTest, BadDeliveryReportsChangeNothing) {
  engine_->SetNotifier(nullptr);
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  const Message queued = Only(a.id);
  auto s = engine_->ReportDelivery(queued.id, MessageState::kDelivered);
  EXPECT_TRUE(absl::IsFailedPrecondition(s.status())) << s.status();
  EXPECT_THAT(s.status().message(), HasSubstr("is queued"));
  s = engine_->ReportDelivery(queued.id, MessageState::kSent);
  EXPECT_TRUE(absl::IsInvalidArgument(s.status())) << s.status();
  s = engine_->ReportDelivery(queued.id, MessageState::kFailed, "\xff\xfe");
  EXPECT_TRUE(absl::IsInvalidArgument(s.status())) << s.status();
  EXPECT_THAT(s.status().message(), HasSubstr("detail"));
  s = engine_->ReportDelivery(999, MessageState::kRead);
  EXPECT_TRUE(absl::IsNotFound(s.status()));
  EXPECT_THAT(s.status().message(), HasSubstr("message_id 999"));
  EXPECT_EQ(Only(a.id), queued);
  EXPECT_TRUE(absl::IsNotFound(engine_->ListAppointmentMessages(999).status()));
  EXPECT_TRUE(absl::IsNotFound(engine_->ListCustomerMessages(999).status()));
  EXPECT_TRUE(absl::IsNotFound(engine_->ListFirings(999).status()));
  EXPECT_TRUE(absl::IsNotFound(engine_->ListPendingTimers(999).status()));
}

TEST_P(OutboxTest, ANotifierMayCallBackIntoTheEngine) {
  std::vector<Message> seen_inside;
  notifier_->OnSend([&](const Message& m) {
    seen_inside = engine_->ListAppointmentMessages(m.appointment_id).value();
    ASSERT_TRUE(engine_->GetAppointment(m.appointment_id).ok());
  });
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  ASSERT_EQ(seen_inside.size(), 1u);
  EXPECT_EQ(seen_inside[0].state, MessageState::kQueued);  // claimed
  EXPECT_EQ(Only(a.id).state, MessageState::kSent);
}

TEST_P(OutboxTest, BadSettingsAreRefusedNamingTheField) {
  const MessagingSettings before = engine_->GetMessagingSettings().value();
  const auto refused = [&](MessagingSettings s, const std::string& field) {
    absl::Status st = engine_->SetMessagingSettings(s);
    EXPECT_TRUE(absl::IsInvalidArgument(st)) << field << ": " << st;
    EXPECT_THAT(std::string(st.message()), HasSubstr(field));
  };
  MessagingSettings s = before;
  s.default_locale = "not a locale";
  refused(s, "default_locale");
  s = before;
  s.send_window = LocalSpan{21 * 60, 8 * 60};
  refused(s, "send_window");
  s.send_window = LocalSpan{0, 1441};
  refused(s, "send_window");
  s = before;
  s.max_reminders_per_customer_per_day = -1;
  refused(s, "max_reminders_per_customer_per_day");
  s = before;
  s.max_attempts = 0;
  refused(s, "max_attempts");
  s = before;
  s.retry_backoff = Duration(0);
  refused(s, "retry_backoff");
  s = before;
  s.max_retry_backoff = seconds(1);
  refused(s, "max_retry_backoff");
  s = before;
  s.claim_timeout = Duration(-5);
  refused(s, "claim_timeout");
  s = before;
  s.business_name = std::string(300, 'x');
  refused(s, "business_name");
  EXPECT_EQ(engine_->GetMessagingSettings().value(), before);
  EXPECT_TRUE(absl::IsInvalidArgument(
      engine_->StartBackgroundRunner({std::chrono::milliseconds(0)})));
}

TEST_P(OutboxTest, TheBackgroundRunnerFiresWhatBecomesDue) {
  Save(Rule(MessageKind::kReminder, {Channel::kSms}, hours(24)));
  const Appointment a = BookAt(kWed10);
  ASSERT_TRUE(
      engine_->StartBackgroundRunner({std::chrono::milliseconds(2)}).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(engine_->StartBackgroundRunner()));
  clock_->Set(kWed10 - hours(24));
  ASSERT_TRUE(notifier_->WaitFor(
      [](const std::vector<Message>& sent) { return sent.size() == 1; }));
  engine_->StopBackgroundRunner();
  engine_->StopBackgroundRunner();  // a no-op
  EXPECT_EQ(notifier_->sent()[0].kind, MessageKind::kReminder);
  EXPECT_TRUE(notifier_->WaitFor([&](const std::vector<Message>&) {
    return Only(a.id).state == MessageState::kSent;
  }));
}

TEST_P(OutboxTest, AQueuedReminderForAMovedTimeIsNeverSent) {
  notifier_->Script({SendResult::Retry("gateway down")});
  Save(Rule(MessageKind::kReminder, {Channel::kSms}, hours(24)));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(RunDueAt(kWed10 - hours(24)).dispatch.retried, 1);
  ASSERT_TRUE(engine_->Reschedule({a.id, kWed10 + hours(2)}).ok());
  const RunDueReport later = RunDueAt(kWed10 - hours(23));
  EXPECT_EQ(later.dispatch.sent, 0);
  EXPECT_EQ(later.dispatch.failed, 1);
  const Message m = MessagesOf(a.id)[0];
  EXPECT_EQ(m.state, MessageState::kFailed);
  EXPECT_THAT(m.error, HasSubstr("moved"));
  EXPECT_EQ(notifier_->sent().size(), 1u);  // the first, failed attempt only
  EXPECT_TRUE(TimelineHas(a.id, "message_superseded"));
}

TEST_P(OutboxTest, AFastWebhookMayReportWhileTheAnswerIsPending) {
  absl::Status reported;
  notifier_->OnSend([&](const Message& m) {
    reported = engine_->ReportDelivery(m.id, MessageState::kDelivered).status();
  });
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  EXPECT_TRUE(reported.ok()) << reported;
  EXPECT_EQ(Only(a.id).state, MessageState::kDelivered);
}

TEST_P(OutboxTest, TheRunnerMayBeStoppedFromItsOwnNotifier) {
  Save(Rule(MessageKind::kReminder, {Channel::kSms}, hours(24)));
  BookAt(kWed10);
  notifier_->OnSend([&](const Message&) { engine_->StopBackgroundRunner(); });
  ASSERT_TRUE(
      engine_->StartBackgroundRunner({std::chrono::milliseconds(2)}).ok());
  clock_->Set(kWed10 - hours(24));
  ASSERT_TRUE(notifier_->WaitFor(
      [](const std::vector<Message>& sent) { return sent.size() == 1; }));
  notifier_->OnSend(nullptr);
  engine_->StopBackgroundRunner();  // joins it, from this thread
  EXPECT_TRUE(engine_->StartBackgroundRunner().ok());
}

TEST_P(OutboxTest, NotifierAnswersAreStoredAsValidBoundedText) {
  notifier_->Script({SendResult::Retry(std::string("bad \xff byte") +
                                       std::string(5000, 'x')),
                     SendResult::Accepted("id-\xc3(")});
  Save(Rule(MessageKind::kConfirmed));
  const Appointment a = BookAt(kWed10);
  Message m = Only(a.id);
  EXPECT_EQ(m.error.substr(0, 12), "bad \xEF\xBF\xBD byte");
  EXPECT_LE(m.error.size(), 4000u);
  RunDueAt(clock_->Now() + minutes(1));
  m = Only(a.id);
  EXPECT_EQ(m.provider_id, "id-\xEF\xBF\xBD(");
}

TEST_P(OutboxTest, ConcurrentRunDuePassesCreateEachMessageOnce) {
  MessageRule r = Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24));
  r.grace = hours(12);
  Save(r);
  std::vector<AppointmentId> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back(BookAt(kWed10 + minutes(30 * i), i % 2 ? marco_ : anna_).id);
  }
  clock_->Set(kWed10 - hours(18));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] { ASSERT_TRUE(engine_->RunDue().ok()); });
  }
  for (auto& t : threads) t.join();
  for (AppointmentId id : ids) {
    EXPECT_EQ(FiringsOf(id).size(), 1u) << "appointment " << id;
  }
  EXPECT_EQ(notifier_->sent().size(), 6u);  // Marco has no address
}

APPT_INSTANTIATE_FOR_BOTH_STORES(OutboxTest);

// The batch size changes how firings share commits, never what they do.
TEST(OutboxBatchTest, EveryBatchSizeFiresEachTimerOnce) {
  for (const int batch : {1, 3, 64}) {
    SCOPED_TRACE(batch);
    auto clock = std::make_shared<ManualClock>(Utc(2027, 3, 15, 6));
    auto engine = Engine::Open(NewMemoryStore(),
                               {clock, /*max_firings_per_transaction=*/batch});
    ASSERT_TRUE(engine.ok()) << engine.status();
    Resource r{.name = "Room", .time_zone = "UTC"};
    for (auto& day : r.weekly_hours) day = {{0, 1440}};
    const ResourceId rid = (*engine)->CreateResource(r).value();
    const ServiceId sid = (*engine)
                              ->CreateService({.name = "Visit",
                                               .duration = minutes(15),
                                               .resource_ids = {rid}})
                              .value();
    const CustomerId cid =
        (*engine)->CreateCustomer({.name = "A", .email = "a@example.com"})
            .value();
    MessageRule rule{.name = "r",
                     .kind = MessageKind::kReminder,
                     .channels = {Channel::kEmail},
                     .templates = {{Channel::kEmail, "", "", "x"}},
                     .offset = hours(2),
                     .grace = hours(2)};
    ASSERT_TRUE((*engine)->CreateMessageRule(rule).ok());
    for (int i = 0; i < 7; ++i) {
      ASSERT_TRUE((*engine)
                      ->Book({cid, sid, rid, Utc(2027, 3, 16) + minutes(15 * i)})
                      .ok());
    }
    clock->Set(Utc(2027, 3, 15, 23, 30));  // all due, none started
    auto report = (*engine)->RunDue();
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->messages_created, 7);
    EXPECT_EQ((*engine)->ListCustomerMessages(cid).value().size(), 7u);
    EXPECT_EQ((*engine)->NextDueAt().value(), std::nullopt);
  }
  for (const int bad : {0, -1, 10001}) {
    auto engine = Engine::Open(NewMemoryStore(), {nullptr, bad});
    EXPECT_TRUE(absl::IsInvalidArgument(engine.status())) << bad;
    EXPECT_THAT(std::string(engine.status().message()),
                HasSubstr("max_firings_per_transaction"));
  }
}

// Two engines (as two processes would) on one SQLite file, both running
// RunDue at once: every reminder is created exactly once.
TEST(OutboxSqliteTest, TwoEnginesOnOneFileCreateEachMessageOnce) {
  const std::string dir = MakeTempDir();
  auto clock = std::make_shared<ManualClock>(Utc(2027, 3, 15, 6));
  auto first = Engine::Open(OpenStore("sqlite", dir + "/a.sqlite"), {clock});
  ASSERT_TRUE(first.ok()) << first.status();
  Engine& e1 = **first;
  Resource r;
  r.name = "Dr. Rossi";
  r.time_zone = "Europe/Berlin";
  for (int d = 0; d < 7; ++d) r.weekly_hours[d] = {{0, 1440}};
  const ResourceId rid = e1.CreateResource(r).value();
  Service s;
  s.name = "Checkup";
  s.duration = minutes(15);
  s.resource_ids = {rid};
  const ServiceId sid = e1.CreateService(s).value();
  Customer c;
  c.name = "Anna";
  c.email = "anna@example.it";
  const CustomerId cid = e1.CreateCustomer(c).value();
  MessageRule rule;
  rule.name = "reminder";
  rule.kind = MessageKind::kReminder;
  rule.channels = {Channel::kEmail};
  rule.offset = hours(24);
  rule.grace = hours(24);
  rule.templates = {{Channel::kEmail, "", "", "{{appointment.when}}"}};
  ASSERT_TRUE(e1.CreateMessageRule(rule).ok());
  constexpr int kBookings = 60;
  for (int i = 0; i < kBookings; ++i) {
    ASSERT_TRUE(e1.Book({cid, sid, rid, Utc(2027, 3, 17, 0) + minutes(15 * i)})
                    .ok());
  }
  auto second = Engine::Open(OpenStore("sqlite", dir + "/a.sqlite"), {clock});
  ASSERT_TRUE(second.ok()) << second.status();
  auto n1 = std::make_shared<RecordingNotifier>();
  auto n2 = std::make_shared<RecordingNotifier>();
  e1.SetNotifier(n1);
  (*second)->SetNotifier(n2);
  clock->Set(Utc(2027, 3, 16, 15));  // every reminder due, none late
  std::thread t1([&] { ASSERT_TRUE(e1.RunDue().ok()); });
  std::thread t2([&] { ASSERT_TRUE((*second)->RunDue().ok()); });
  t1.join();
  t2.join();
  std::set<std::string> keys;
  for (const auto& n : {n1, n2}) {
    for (const Message& m : n->sent()) keys.insert(m.idempotency_key);
  }
  EXPECT_EQ(keys.size(), static_cast<size_t>(kBookings));
  EXPECT_EQ(n1->sent().size() + n2->sent().size(),
            static_cast<size_t>(kBookings));
  EXPECT_EQ(e1.ListCustomerMessages(cid).value().size(),
            static_cast<size_t>(kBookings));
  first->reset();
  second->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace appt::testing
