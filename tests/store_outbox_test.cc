// The messaging tables of every Store (R4.4–R4.6, R8.3): settings, timers,
// firings and the outbox, over the memory store and SQLite.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "appt/store.h"
#include "store_test_util.h"

namespace appt {
namespace {

using namespace store_test;  // NOLINT: the shared records and helpers

class OutboxStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto tx = Tx();
    ASSERT_OK_AND_ASSIGN(
        appointment_, tx->InsertAppointment(MakeAppointment(1, T(10), T(11))));
    ASSERT_OK_AND_ASSIGN(
        other_, tx->InsertAppointment(MakeAppointment(2, T(12), T(13))));
    ASSERT_OK(tx->Commit());
  }
  Timer MakeTimer(RuleId rule, AppointmentId a, Instant due) {
    return Timer{0,         TimerKind::kMessage, rule, a,
                 Secs(due), due - hours(1),      due};
  }
  static int64_t Secs(Instant t) { return t.time_since_epoch().count(); }
  Message MakeMessage(const std::string& key, AppointmentId a,
                      Instant not_before, int64_t occurrence = 77) {
    Message m;
    m.idempotency_key = key;
    m.rule_id = 3;
    m.occurrence = occurrence;
    m.kind = MessageKind::kReminder;
    m.audience = Audience::kCustomer;
    m.appointment_id = a;
    m.customer_id = 1;
    m.channel = Channel::kWhatsapp;
    m.recipient = "+393331234567";
    m.locale = "it-IT";
    m.subject = "";
    m.body = "Ciao Ана, a domani — 10:00 ✓";
    m.calendar = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    m.created_at = T(1);
    m.not_before = not_before;
    m.updated_at = T(1);
    return m;
  }

  AppointmentId appointment_ = 0;
  AppointmentId other_ = 0;
};

TEST_P(OutboxStoreTest, SettingsDefaultThenRoundTrip) {
  auto tx = Tx();
  EXPECT_EQ(tx->GetSettings().value(), MessagingSettings{});
  MessagingSettings s;
  s.business_name = "Studio Médico «Zoë»";
  s.default_locale = "it-IT";
  s.send_window = LocalSpan{8 * 60, 21 * 60};
  s.max_reminders_per_customer_per_day = 1;
  s.max_attempts = 7;
  s.retry_backoff = minutes(2);
  s.max_retry_backoff = hours(1);
  s.claim_timeout = minutes(3);
  ASSERT_OK(tx->PutSettings(s));
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  EXPECT_EQ(tx->GetSettings().value(), s);
  tx.reset();
  tx = Tx();
  s.send_window.reset();
  ASSERT_OK(tx->PutSettings(s));
  ASSERT_OK(tx->Commit());
  EXPECT_EQ(Tx(Mode::kRead)->GetSettings().value(), s);
}

TEST_P(OutboxStoreTest, TimersByDueBySubjectAndByRule) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(TimerId late,
                       tx->InsertTimer(MakeTimer(1, appointment_, T(9))));
  ASSERT_OK_AND_ASSIGN(TimerId early,
                       tx->InsertTimer(MakeTimer(2, appointment_, T(5))));
  ASSERT_OK_AND_ASSIGN(TimerId tie,
                       tx->InsertTimer(MakeTimer(1, other_, T(5))));
  ASSERT_OK(tx->Commit());
  tx = Tx();
  Timer expected = MakeTimer(2, appointment_, T(5));
  expected.id = early;
  EXPECT_EQ(tx->ListAppointmentTimers(appointment_).value(),
            (std::vector<Timer>{expected, [&] {
                                  Timer t = MakeTimer(1, appointment_, T(9));
                                  t.id = late;
                                  return t;
                                }()}));
  EXPECT_EQ(Ids(tx->ListDueTimers(T(5), 10).value()),
            (std::vector<int64_t>{early, tie}));
  EXPECT_EQ(Ids(tx->ListDueTimers(T(9), 2).value()),
            (std::vector<int64_t>{early, tie}));
  EXPECT_TRUE(tx->ListDueTimers(T(4), 10).value().empty());
  EXPECT_EQ(tx->NextTimerDue().value(), std::optional<Instant>(T(5)));
  EXPECT_EQ(tx->CountTimers().value(), 3);
  ASSERT_OK(tx->DeleteRuleTimers(TimerKind::kMessage, 1));
  EXPECT_EQ(Ids(tx->ListDueTimers(T(99), 10).value()),
            (std::vector<int64_t>{early}));
  ASSERT_OK(tx->DeleteAppointmentTimers(appointment_, TimerKind::kMessage));
  ASSERT_OK(tx->DeleteAppointmentTimers(
      appointment_, TimerKind::kMessage));  // nothing: no error
  EXPECT_EQ(tx->NextTimerDue().value(), std::nullopt);
  EXPECT_TRUE(absl::IsNotFound(tx->DeleteTimer(early)));
  // Rolled back: the three timers are there again.
}

TEST_P(OutboxStoreTest, TasksAreUniquePerRuleVisitAndTimeAndRollBack) {
  Task t;
  t.rule_id = 4;
  t.appointment_id = appointment_;
  t.occurrence = 100;
  t.assignee = "giulia";
  t.title = "Call";
  t.due_at = T(8);
  {
    auto tx = Tx();
    ASSERT_OK_AND_ASSIGN(t.id, tx->InsertTask(t));
    auto again = tx->InsertTask(t);
    EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
    Task other = t;
    other.occurrence = 200;
    other.due_at = T(7);
    other.assignee = "";
    ASSERT_OK_AND_ASSIGN(other.id, tx->InsertTask(other));
    EXPECT_EQ(tx->ListTasks({}).value(), (std::vector<Task>{other, t}));
    EXPECT_EQ(tx->ListTasks({"giulia", std::nullopt, std::nullopt}).value(),
              std::vector<Task>{t});
    t.state = TaskState::kDone;
    t.closed_at = T(9);
    t.closed_by = {Actor::Kind::kStaff, "giulia"};
    ASSERT_OK(tx->UpdateTask(t));
    EXPECT_EQ(
        tx->ListTasks({std::nullopt, TaskState::kOpen, appointment_}).value(),
        std::vector<Task>{other});
    EXPECT_EQ(tx->GetTask(t.id).value(), t);
    EXPECT_TRUE(absl::IsNotFound(tx->GetTask(99).status()));
    Task unknown = t;
    unknown.appointment_id = 999;
    unknown.occurrence = 1;
    EXPECT_TRUE(absl::IsNotFound(tx->InsertTask(unknown).status()));
  }
  auto tx = Tx();  // the first transaction was rolled back
  EXPECT_TRUE(tx->ListTasks({}).value().empty());
}

TEST_P(OutboxStoreTest, TimerDeletesTouchOnlyTheirKind) {
  auto tx = Tx();
  Timer task = MakeTimer(1, appointment_, T(7));
  task.kind = TimerKind::kTask;  // task rule 1, not message rule 1
  ASSERT_OK_AND_ASSIGN(task.id, tx->InsertTimer(task));
  ASSERT_OK(tx->InsertTimer(MakeTimer(1, appointment_, T(9))).status());
  ASSERT_OK(tx->DeleteRuleTimers(TimerKind::kMessage, 1));
  EXPECT_EQ(tx->ListAppointmentTimers(appointment_).value(),
            std::vector<Timer>{task});
  ASSERT_OK(tx->DeleteAppointmentTimers(appointment_, TimerKind::kRelease));
  EXPECT_EQ(tx->CountTimers().value(), 1);
  ASSERT_OK(tx->DeleteAppointmentTimers(appointment_, TimerKind::kTask));
  EXPECT_EQ(tx->CountTimers().value(), 0);
}

TEST_P(OutboxStoreTest, TimerDeletesRollBackAndUnknownSubjectIsNotFound) {
  {
    auto tx = Tx();
    ASSERT_OK(tx->InsertTimer(MakeTimer(1, appointment_, T(9))).status());
    ASSERT_OK(tx->Commit());
  }
  {
    auto tx = Tx();
    ASSERT_OK(tx->DeleteAppointmentTimers(appointment_, TimerKind::kMessage));
    EXPECT_EQ(tx->CountTimers().value(), 0);
  }
  auto tx = Tx();
  EXPECT_EQ(tx->CountTimers().value(), 1);
  auto bad = tx->InsertTimer(MakeTimer(1, 999, T(9)));
  EXPECT_TRUE(absl::IsNotFound(bad.status())) << bad.status();
  EXPECT_NE(bad.status().message().find("appointment_id 999"),
            std::string::npos);
}

TEST_P(OutboxStoreTest, FiringKeysAreUnique) {
  auto tx = Tx();
  Firing f{0,
           4,
           appointment_,
           1234,
           T(2),
           FiringOutcome::kSkipped,
           0,
           "nessun consenso per sms"};
  ASSERT_OK_AND_ASSIGN(FiringId id, tx->InsertFiring(f));
  f.id = id;
  auto again = tx->InsertFiring(f);
  EXPECT_TRUE(absl::IsAlreadyExists(again.status())) << again.status();
  EXPECT_NE(again.status().message().find("occurrence 1234"),
            std::string::npos);
  // Another occurrence, rule or subject is another key.
  Firing g = f;
  g.occurrence = 1235;
  g.outcome = FiringOutcome::kCreated;
  g.message_id = 9;
  g.reason = "";
  g.at = T(1);
  ASSERT_OK_AND_ASSIGN(g.id, tx->InsertFiring(g));
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  EXPECT_EQ(tx->FindFiring(4, appointment_, 1234).value(),
            std::optional<Firing>(f));
  EXPECT_EQ(tx->FindFiring(4, other_, 1234).value(), std::nullopt);
  EXPECT_EQ(tx->ListAppointmentFirings(appointment_).value(),
            (std::vector<Firing>{g, f}));
}

// A message inserted with the firing that created it and the timeline
// entry noting it: one write, found and listed as any firing, message and
// entry, refused whole when either key is taken.
TEST_P(OutboxStoreTest, AFiredMessageCarriesItsFiring) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(
      const FiringId skipped,
      tx->InsertFiring({0, 3, appointment_, 1, T(5), FiringOutcome::kSkipped, 0,
                        "no consent for whatsapp"}));
  auto taken =
      tx->InsertFiredMessage(MakeMessage("r3-a1-o1", appointment_, T(1), 1),
                             T(5), QueuedEntry(appointment_, T(5)));
  EXPECT_TRUE(absl::IsAlreadyExists(taken.status())) << taken.status();
  EXPECT_NE(taken.status().message().find("occurrence 1"), std::string::npos);
  EXPECT_EQ(tx->CountMessages().value(), 0);
  Message m = MakeMessage("r3-a1-o2", appointment_, T(1), 2);
  int notes = 0;
  auto counted_note = [&](MessageId id) {
    ++notes;
    return QueuedEntry(appointment_, T(4))(id);
  };
  ASSERT_OK_AND_ASSIGN(m.id, tx->InsertFiredMessage(m, T(4), counted_note));
  EXPECT_EQ(notes, 1);
  ASSERT_OK_AND_ASSIGN(const std::optional<Firing> found,
                       tx->FindFiring(3, appointment_, 2));
  ASSERT_TRUE(found.has_value());
  const Firing created{
      found->id, 3, appointment_, 2, T(4), FiringOutcome::kCreated, m.id, ""};
  EXPECT_EQ(*found, created);
  EXPECT_NE(created.id, skipped);
  // Its message key and its firing key are both taken now.
  EXPECT_TRUE(absl::IsAlreadyExists(
      tx->InsertFiredMessage(MakeMessage("again", appointment_, T(1), 2), T(6),
                             QueuedEntry(appointment_, T(6)))
          .status()));
  EXPECT_TRUE(absl::IsAlreadyExists(
      tx->InsertMessage(MakeMessage("again", appointment_, T(1), 2)).status()));
  EXPECT_TRUE(
      absl::IsAlreadyExists(tx->InsertFiring({0, 3, appointment_, 2, T(6),
                                              FiringOutcome::kSkipped, 0, "x"})
                                .status()));
  // A taken message key alone refuses it too, leaving no firing behind.
  ASSERT_OK_AND_ASSIGN(
      const MessageId plain,
      tx->InsertMessage(MakeMessage("r3-a1-o4", appointment_, T(1), 4)));
  EXPECT_TRUE(absl::IsAlreadyExists(
      tx->InsertFiredMessage(MakeMessage("again", appointment_, T(1), 4), T(6),
                             QueuedEntry(appointment_, T(6)))
          .status()));
  EXPECT_EQ(tx->FindFiring(3, appointment_, 4).value(), std::nullopt);
  EXPECT_EQ(tx->CountMessages().value(), 2);
  EXPECT_EQ(tx->ListTimeline(appointment_).value().size(), 1u);
  // A fired message of the customer's other appointment.
  ASSERT_OK_AND_ASSIGN(
      const MessageId elsewhere,
      tx->InsertFiredMessage(MakeMessage("r3-a2-o2", other_, T(1), 2), T(4),
                             QueuedEntry(other_, T(4))));
  // A fired message names its appointment's customer, as any message.
  Message stranger = MakeMessage("r3-a1-o3", appointment_, T(1), 3);
  stranger.customer_id = 99;
  EXPECT_TRUE(absl::IsInvalidArgument(
      tx->InsertFiredMessage(stranger, T(4), QueuedEntry(appointment_, T(4)))
          .status()));
  EXPECT_EQ(tx->FindFiring(3, appointment_, 3).value(), std::nullopt);
  // An entry at another instant than the firing's is noted as well.
  Message late = MakeMessage("r3-a1-o5", appointment_, T(1), 5);
  ASSERT_OK_AND_ASSIGN(
      late.id,
      tx->InsertFiredMessage(late, T(4), QueuedEntry(appointment_, T(7))));
  ASSERT_OK(tx->AppendTimeline({0, appointment_, T(4), {}, "note", "by hand"})
                .status());
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  EXPECT_EQ(tx->GetMessage(m.id).value(), m);
  // Newest first, by (at, id); only the written messages are noted.
  ASSERT_OK_AND_ASSIGN(const auto timeline, tx->ListTimeline(appointment_));
  ASSERT_EQ(timeline.size(), 3u);
  TimelineEntry queued = QueuedEntry(appointment_, T(4))(m.id);
  queued.id = timeline[2].id;
  EXPECT_EQ(timeline[2], queued);
  EXPECT_EQ(timeline[1].kind, "note");
  EXPECT_GT(timeline[1].id, timeline[2].id);
  EXPECT_EQ(timeline[0].details, "message " + std::to_string(late.id));
  EXPECT_EQ(timeline[0].at, T(7));
  EXPECT_EQ(tx->ListTimeline(other_).value().size(), 1u);
  EXPECT_EQ(Ids(tx->ListCustomerMessages(1).value()),
            (std::vector<int64_t>{m.id, plain, elsewhere, late.id}));
  ASSERT_OK_AND_ASSIGN(const auto messages,
                       tx->ListAppointmentMessages(appointment_));
  EXPECT_EQ(Ids(messages), (std::vector<int64_t>{m.id, plain, late.id}));
  EXPECT_EQ(messages[0], m);  // by (created_at, id)
  ASSERT_OK_AND_ASSIGN(const auto firings,
                       tx->ListAppointmentFirings(appointment_));
  ASSERT_EQ(firings.size(), 3u);
  EXPECT_EQ(firings[0], created);  // at T(4), before the skip at T(5)
  EXPECT_EQ(firings[1].message_id, late.id);
  EXPECT_EQ(firings[2].id, skipped);
}

TEST_P(OutboxStoreTest, MessagesRoundTripSendableAndHistory) {
  auto tx = Tx();
  Message a = MakeMessage("r3-a1-o77", appointment_, T(3));
  Message b = MakeMessage("r3-a2-o77", other_, T(2));
  b.created_at = T(0);
  ASSERT_OK_AND_ASSIGN(a.id, tx->InsertMessage(a));
  ASSERT_OK_AND_ASSIGN(b.id, tx->InsertMessage(b));
  // A second message of a's (rule, appointment, occurrence), which its key
  // names.
  auto dup = tx->InsertMessage(MakeMessage("r3-a1-o77", appointment_, T(1)));
  EXPECT_TRUE(absl::IsAlreadyExists(dup.status())) << dup.status();
  EXPECT_NE(dup.status().message().find("r3-a1-o77"), std::string::npos);
  auto retexted =
      tx->InsertMessage(MakeMessage("other text", appointment_, T(1)));
  EXPECT_TRUE(absl::IsAlreadyExists(retexted.status())) << retexted.status();
  EXPECT_EQ(tx->CountMessages().value(), 2);
  EXPECT_EQ(tx->ListAppointmentMessages(appointment_).value(),
            (std::vector<Message>{a}));
  ASSERT_OK(tx->Commit());

  tx = Tx();
  EXPECT_EQ(tx->GetMessage(a.id).value(), a);
  EXPECT_EQ(Ids(tx->ListSendableMessages(T(3), 10).value()),
            (std::vector<int64_t>{b.id, a.id}));
  EXPECT_EQ(Ids(tx->ListSendableMessages(T(2), 10).value()),
            (std::vector<int64_t>{b.id}));
  EXPECT_EQ(tx->NextMessageDue().value(), std::optional<Instant>(T(2)));
  // Sent messages leave the sendable set; a retry moves not_before.
  b.state = MessageState::kSent;
  b.attempts = 1;
  b.provider_id = "SM-1";
  ASSERT_OK(tx->UpdateMessage(b));
  a.not_before = T(8);
  a.attempts = 1;
  a.error = "timeout";
  ASSERT_OK(tx->UpdateMessage(a));
  EXPECT_TRUE(tx->ListSendableMessages(T(7), 10).value().empty());
  EXPECT_EQ(tx->NextMessageDue().value(), std::optional<Instant>(T(8)));
  EXPECT_EQ(tx->ListCustomerMessages(1).value(), (std::vector<Message>{b, a}));
  EXPECT_EQ(tx->ListAppointmentMessages(other_).value(),
            (std::vector<Message>{b}));
  EXPECT_EQ(tx->CountMessages().value(), 2);
  Message rekeyed = a;
  rekeyed.idempotency_key = "other";
  EXPECT_TRUE(absl::IsInvalidArgument(tx->UpdateMessage(rekeyed)));
  Message reoccurring = a;
  reoccurring.occurrence = 78;
  const absl::Status moved = tx->UpdateMessage(reoccurring);
  EXPECT_TRUE(absl::IsInvalidArgument(moved)) << moved;
  EXPECT_NE(moved.message().find("occurrence"), std::string::npos) << moved;
  Message reruled = a;
  reruled.rule_id = 4;
  EXPECT_NE(tx->UpdateMessage(reruled).message().find("rule_id"),
            std::string::npos);
  Message ghost = a;
  ghost.id = 99;
  EXPECT_TRUE(absl::IsNotFound(tx->UpdateMessage(ghost)));
  EXPECT_TRUE(absl::IsNotFound(tx->GetMessage(99).status()));
}

// A message names its appointment's customer, and a customer's messages
// are those of their appointments, oldest first, whichever visit they
// concern.
TEST_P(OutboxStoreTest, CustomerMessagesAreThoseOfTheirAppointments) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(AppointmentId theirs,
                       tx->InsertAppointment(MakeAppointment(
                           1, T(20), T(21), AppointmentState::kBooked, 2)));
  Message wrong = MakeMessage("r3-a3-o1", theirs, T(1));
  wrong.customer_id = 1;
  auto refused = tx->InsertMessage(wrong);
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_NE(refused.status().message().find("customer_id 1"), std::string::npos)
      << refused.status();
  EXPECT_EQ(tx->CountMessages().value(), 0);
  EXPECT_TRUE(tx->ListAppointmentMessages(theirs).value().empty());
  wrong.customer_id = 2;
  ASSERT_OK_AND_ASSIGN(wrong.id, tx->InsertMessage(wrong));
  Message later = MakeMessage("r3-a1-o1", appointment_, T(1));
  later.created_at = T(5);
  ASSERT_OK_AND_ASSIGN(later.id, tx->InsertMessage(later));
  Message earlier = MakeMessage("r3-a2-o1", other_, T(1));
  earlier.created_at = T(3);
  ASSERT_OK_AND_ASSIGN(earlier.id, tx->InsertMessage(earlier));
  ASSERT_OK(tx->Commit());

  tx = Tx();
  EXPECT_EQ(tx->ListCustomerMessages(1).value(),
            (std::vector<Message>{earlier, later}));
  EXPECT_EQ(tx->ListCustomerMessages(2).value(), (std::vector<Message>{wrong}));
  EXPECT_TRUE(tx->ListCustomerMessages(42).value().empty());
  Message moved = later;
  moved.customer_id = 2;
  const absl::Status s = tx->UpdateMessage(moved);
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_NE(s.message().find("customer_id"), std::string::npos) << s;
  EXPECT_EQ(tx->GetMessage(later.id).value(), later);
  Message ghost = MakeMessage("r3-a99-o1", 99, T(1));
  EXPECT_TRUE(absl::IsNotFound(tx->InsertMessage(ghost).status()));
  Message stranger = MakeMessage("r3-a1-o2", appointment_, T(1));
  stranger.customer_id = 42;  // no such customer
  EXPECT_TRUE(absl::IsInvalidArgument(tx->InsertMessage(stranger).status()));
}

TEST_P(OutboxStoreTest, UncommittedOutboxWritesRollBack) {
  {
    auto tx = Tx();
    ASSERT_OK(tx->InsertMessage(MakeMessage("k", appointment_, T(1))).status());
    ASSERT_OK(tx->InsertFiring({0, 1, appointment_, 0, T(1),
                                FiringOutcome::kCreated, 1, ""})
                  .status());
    ASSERT_OK(tx->InsertTimer(MakeTimer(1, appointment_, T(9))).status());
    MessagingSettings s;
    s.business_name = "gone";
    ASSERT_OK(tx->PutSettings(s));
  }
  auto tx = Tx();
  EXPECT_EQ(tx->CountMessages().value(), 0);
  EXPECT_EQ(tx->FindFiring(1, appointment_, 0).value(), std::nullopt);
  EXPECT_EQ(tx->CountTimers().value(), 0);
  EXPECT_EQ(tx->NextMessageDue().value(), std::nullopt);
  EXPECT_EQ(tx->GetSettings().value(), MessagingSettings{});
  // The key of the rolled-back message is free again.
  EXPECT_TRUE(tx->InsertMessage(MakeMessage("k", appointment_, T(1))).ok());
}

// Each appointment's timeline, messages, firings and timers, listed while
// rows of two visits interleave, the visit itself is updated in between,
// and a later transaction that adds to all of them and deletes a timer is
// rolled back.
TEST_P(OutboxStoreTest, PerAppointmentListingsSurviveUpdatesAndRollback) {
  auto entry = [](AppointmentId a, Instant at) {
    return TimelineEntry{.appointment_id = a, .at = at, .kind = "note"};
  };
  auto firing = [](AppointmentId a, int64_t occurrence, Instant at) {
    return Firing{0, 4, a, occurrence, at, FiringOutcome::kSkipped, 0, "x"};
  };
  std::vector<int64_t> timeline, timers;
  Message m1 = MakeMessage("m1", appointment_, T(1));
  Message m3 = MakeMessage("m3", appointment_, T(1));
  m3.occurrence = 78;
  Firing f1 = firing(appointment_, 1, T(2));
  Firing f2 = firing(appointment_, 2, T(1));
  {
    auto tx = Tx();
    for (auto [a, at] : {std::pair{appointment_, T(5)},
                         {other_, T(4)},
                         {appointment_, T(3)},
                         {appointment_, T(5)}}) {
      ASSERT_OK_AND_ASSIGN(int64_t id, tx->AppendTimeline(entry(a, at)));
      if (a == appointment_) timeline.push_back(id);
    }
    m1.created_at = T(2);
    ASSERT_OK_AND_ASSIGN(m1.id, tx->InsertMessage(m1));
    ASSERT_OK(tx->InsertMessage(MakeMessage("m2", other_, T(1))).status());
    ASSERT_OK_AND_ASSIGN(m3.id, tx->InsertMessage(m3));
    ASSERT_OK_AND_ASSIGN(f1.id, tx->InsertFiring(f1));
    ASSERT_OK(tx->InsertFiring(firing(other_, 1, T(2))).status());
    ASSERT_OK_AND_ASSIGN(f2.id, tx->InsertFiring(f2));
    Appointment visit = tx->GetAppointment(appointment_).value();
    visit.notes = "moved to room 2";
    ASSERT_OK(tx->UpdateAppointment(visit));
    for (auto [a, due] : {std::pair{appointment_, T(9)},
                          {other_, T(6)},
                          {appointment_, T(7)}}) {
      ASSERT_OK_AND_ASSIGN(TimerId id, tx->InsertTimer(MakeTimer(1, a, due)));
      if (a == appointment_) timers.push_back(id);
    }
    ASSERT_OK(tx->Commit());
  }
  // Newest first by `at`, then by id; messages and firings oldest first.
  const std::vector<int64_t> want_timeline = {timeline[2], timeline[0],
                                              timeline[1]};
  const std::vector<int64_t> want_timers = {timers[1], timers[0]};
  auto check = [&](StoreTransaction& tx, const char* when) {
    SCOPED_TRACE(when);
    EXPECT_EQ(Ids(tx.ListTimeline(appointment_).value()), want_timeline);
    EXPECT_EQ(tx.ListTimeline(other_).value().size(), 1u);
    EXPECT_EQ(tx.ListAppointmentMessages(appointment_).value(),
              (std::vector<Message>{m3, m1}));
    EXPECT_EQ(tx.ListAppointmentMessages(other_).value().size(), 1u);
    EXPECT_EQ(tx.ListAppointmentFirings(appointment_).value(),
              (std::vector<Firing>{f2, f1}));
    EXPECT_EQ(Ids(tx.ListAppointmentTimers(appointment_).value()), want_timers);
    EXPECT_EQ(tx.ListAppointmentTimers(other_).value().size(), 1u);
  };
  check(*Tx(Mode::kRead), "committed");
  {
    auto tx = Tx();
    ASSERT_OK(tx->AppendTimeline(entry(appointment_, T(8))).status());
    Appointment visit = tx->GetAppointment(appointment_).value();
    visit.notes = "room 3";
    ASSERT_OK(tx->UpdateAppointment(visit));
    ASSERT_OK(
        tx->InsertMessage(MakeMessage("m4", appointment_, T(1), 79)).status());
    ASSERT_OK(tx->InsertFiring(firing(appointment_, 3, T(0))).status());
    ASSERT_OK(tx->DeleteTimer(timers[0]));
    ASSERT_OK(tx->InsertTimer(MakeTimer(2, appointment_, T(1))).status());
    EXPECT_EQ(tx->ListTimeline(appointment_).value().size(), 4u);
    EXPECT_EQ(tx->ListAppointmentMessages(appointment_).value().size(), 3u);
    EXPECT_EQ(tx->ListAppointmentFirings(appointment_).value().size(), 3u);
    EXPECT_EQ(tx->ListAppointmentTimers(appointment_).value().size(), 2u);
    // Rolled back.
  }
  check(*Tx(Mode::kRead), "after the rollback");
  auto tx = Tx();
  EXPECT_EQ(tx->GetAppointment(appointment_).value().notes, "moved to room 2");
  Message moved = m1;
  moved.appointment_id = other_;
  auto refused = tx->UpdateMessage(moved);
  EXPECT_TRUE(absl::IsInvalidArgument(refused)) << refused;
  EXPECT_NE(refused.message().find("appointment_id of message_id"),
            std::string::npos)
      << refused;
  check(*tx, "after the refused update");
}

APPT_STORE_TESTS_FOR_BOTH(OutboxStoreTest);

}  // namespace
}  // namespace appt
