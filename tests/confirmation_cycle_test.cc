// The confirmation cycle on both stores (R5.2–R5.5): agent tasks made by
// task rules and cancelled by themselves, auto-release of unconfirmed
// visits, the board of awaiting/overdue/late visits, and who is told of a
// cancellation. Dr. Rossi works in Europe/Berlin; Wed 2027-03-17 10:00 CET
// is 09:00 UTC. The clock starts on Mon 2027-03-15 06:00 UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "messaging_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);
const Instant kWed11 = Utc(2027, 3, 17, 10);
const Instant kThu10 = Utc(2027, 3, 18, 9);

class ConfirmationCycleTest : public MessagingTest {
 protected:
  void SetUp() override {
    MessagingTest::SetUp();
    Resource r = engine_->GetResource(rossi_).value();
    r.responsible_agent = "giulia";
    ASSERT_TRUE(engine_->UpdateResource(r).ok());
    engine_->AddListener([this](const Event& e) { events_.push_back(e); });
  }
  TaskRuleId SaveTask(TaskTrigger trigger, Duration offset) {
    TaskRule r;
    r.name = TaskTriggerName(trigger);
    r.trigger = trigger;
    r.offset = offset;
    r.title = trigger == TaskTrigger::kUnconfirmed ? "Call to confirm"
                                                   : "Call: not arrived";
    auto id = engine_->CreateTaskRule(r);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }
  std::vector<Task> TasksOf(AppointmentId id) {
    return engine_->ListTasks({std::nullopt, std::nullopt, id}).value();
  }
  std::vector<EventKind> EventKinds() {
    std::vector<EventKind> out;
    for (const Event& e : events_) out.push_back(e.kind);
    return out;
  }
  int CountTimers(AppointmentId id, TimerKind kind) {
    int n = 0;
    for (const Timer& t : TimersOf(id)) n += t.kind == kind;
    return n;
  }
  void SetRelease(std::optional<Duration> offset) {
    ConfirmationSettings s;
    s.release_offset = offset;
    s.release_reason = "not confirmed in time";
    ASSERT_TRUE(engine_->SetConfirmationSettings(s).ok());
  }
  // Reopens on the same file (SQLite) and listens to the new engine.
  void ReopenListening() {
    Reopen();
    if (GetParam() == "sqlite") {
      engine_->AddListener([this](const Event& e) { events_.push_back(e); });
    }
  }
  std::vector<Event> events_;
};

TEST_P(ConfirmationCycleTest,
       AnUnconfirmedVisitGetsOneTaskThatConfirmingCancels) {
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 1);
  RunDueAt(kWed10 - hours(3) - minutes(1));
  EXPECT_TRUE(TasksOf(a.id).empty());
  RunDueAt(kWed10 - hours(3));
  RunDueAt(kWed10 - hours(2));  // once only
  ReopenListening();
  const std::vector<Task> tasks = TasksOf(a.id);
  ASSERT_EQ(tasks.size(), 1u);
  const Task& t = tasks[0];
  EXPECT_EQ(t.state, TaskState::kOpen);
  EXPECT_EQ(t.assignee, "giulia");
  EXPECT_EQ(t.title, "Call to confirm");
  EXPECT_EQ(t.customer_id, anna_);
  EXPECT_EQ(t.resource_id, rossi_);
  EXPECT_EQ(t.created_at, kWed10 - hours(3));
  EXPECT_EQ(t.due_at, kWed10 - hours(2));  // due_in: 1 h
  EXPECT_THAT(t.details, HasSubstr("Anna Bianchi, Checkup with Dr. Rossi at "
                                   "2027-03-17 10:00 (Europe/Berlin)"));
  EXPECT_THAT(t.details, HasSubstr("not confirmed"));
  EXPECT_TRUE(TimelineHas(a.id, "task_created"));
  ASSERT_FALSE(events_.empty());
  EXPECT_EQ(events_.back().kind, EventKind::kTaskCreated);
  EXPECT_EQ(events_.back().task, std::optional<Task>(t));
  // The agent phones; the customer confirms.
  const Appointment confirmed =
      engine_->ConfirmVisit(a.id, {Actor::Kind::kStaff, "giulia"}).value();
  EXPECT_EQ(confirmed.confirmed_at, clock_->Now());
  const Task closed = engine_->GetTask(t.id).value();
  EXPECT_EQ(closed.state, TaskState::kCancelled);
  EXPECT_EQ(closed.outcome, "the customer confirmed the visit");
  EXPECT_EQ(closed.closed_at, std::optional(clock_->Now()));
  EXPECT_EQ(events_.back().kind, EventKind::kTaskCancelled);
  EXPECT_EQ(engine_->ConfirmVisit(a.id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(ConfirmationCycleTest, AConfirmedVisitGetsNoUnconfirmedTask) {
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  const Appointment a = BookAt(kWed10);
  const ConfirmToken token = engine_->IssueConfirmToken(a.id).value();
  ASSERT_TRUE(engine_->ConfirmByToken(token.token).ok());
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 0);
  RunDueAt(kWed10 - hours(1));
  EXPECT_TRUE(TasksOf(a.id).empty());
  // A visit confirmed by staff cannot be confirmed again with the link.
  const Appointment b = BookAt(kThu10);
  const ConfirmToken link = engine_->IssueConfirmToken(b.id).value();
  ASSERT_TRUE(engine_->ConfirmVisit(b.id, {}).ok());
  EXPECT_EQ(engine_->ConfirmByToken(link.token).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(ConfirmationCycleTest, RescheduleMovesTheTaskAndCancelsTheOpenOne) {
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  const Appointment a = BookAt(kWed10);
  RunDueAt(kWed10 - hours(3));
  ASSERT_EQ(TasksOf(a.id).size(), 1u);
  RescheduleRequest r;
  r.appointment_id = a.id;
  r.new_start = kThu10;
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  std::vector<Task> tasks = TasksOf(a.id);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].state, TaskState::kCancelled);
  EXPECT_EQ(tasks[0].outcome, "the appointment moved");
  const std::vector<Timer> timers = TimersOf(a.id);
  ASSERT_EQ(CountTimers(a.id, TimerKind::kTask), 1);
  RunDueAt(kThu10 - hours(3));
  tasks = TasksOf(a.id);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1].state, TaskState::kOpen);
  EXPECT_EQ(tasks[1].occurrence, kThu10.time_since_epoch().count());
  ASSERT_TRUE(engine_->Cancel(a.id, {}, "ill").ok());
  EXPECT_EQ(engine_->GetTask(tasks[1].id).value().state, TaskState::kCancelled);
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 0);
}

TEST_P(ConfirmationCycleTest, NotArrivedTaskComesAfterTheStartUnlessAttended) {
  SaveTask(TaskTrigger::kNotArrived, minutes(15));
  const Appointment a = BookAt(kWed10);
  const Appointment b = BookAt(kWed11);
  clock_->Set(kWed10 + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  RunDueAt(kWed11 + minutes(15));
  EXPECT_TRUE(TasksOf(a.id).empty());
  const std::vector<Task> tasks = TasksOf(b.id);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_THAT(tasks[0].details, HasSubstr("not marked as arrived 15 min"));
  // Arriving late answers it.
  ASSERT_TRUE(engine_->MarkAttended(b.id, {}).ok());
  EXPECT_EQ(engine_->GetTask(tasks[0].id).value().outcome, "the customer came");
}

TEST_P(ConfirmationCycleTest, AgentsCloseTasksOnce) {
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  const Appointment a = BookAt(kWed10);
  const Appointment b = BookAt(kWed11);
  RunDueAt(kWed10 - hours(2));
  const std::vector<Task> open =
      engine_->ListTasks({"giulia", TaskState::kOpen, std::nullopt}).value();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].appointment_id, a.id);  // by due time
  EXPECT_EQ(open[1].appointment_id, b.id);
  EXPECT_TRUE(engine_->ListTasks({"nobody", std::nullopt, std::nullopt})
                  .value()
                  .empty());
  const Actor giulia{Actor::Kind::kStaff, "giulia"};
  const Task done =
      engine_->CompleteTask(open[0].id, giulia, "left a voicemail").value();
  EXPECT_EQ(done.state, TaskState::kDone);
  EXPECT_EQ(done.closed_by, giulia);
  EXPECT_EQ(done.outcome, "left a voicemail");
  EXPECT_EQ(events_.back().kind, EventKind::kTaskCompleted);
  EXPECT_EQ(engine_->CompleteTask(open[0].id, giulia, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->CancelTask(open[1].id, giulia, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->CancelTask(4242, giulia, "x").status().code(),
            absl::StatusCode::kNotFound);
  const Task cancelled =
      engine_->CancelTask(open[1].id, giulia, "customer wrote").value();
  EXPECT_EQ(cancelled.state, TaskState::kCancelled);
  EXPECT_TRUE(TimelineHas(a.id, "task_completed"));
  EXPECT_TRUE(TimelineHas(b.id, "task_cancelled"));
  EXPECT_EQ(engine_->ListTasks({std::nullopt, TaskState::kDone, std::nullopt})
                .value()
                .size(),
            1u);
}

TEST_P(ConfirmationCycleTest, BadTaskRulesAreRefusedAndChangeNothing) {
  TaskRule good;
  good.name = "call";
  good.title = "Call";
  auto expect = [&](TaskRule r, absl::StatusCode code, const char* says) {
    auto id = engine_->CreateTaskRule(r);
    EXPECT_EQ(id.status().code(), code) << id.status();
    EXPECT_THAT(id.status().message(), HasSubstr(says));
  };
  TaskRule r = good;
  r.name = "";
  expect(r, absl::StatusCode::kInvalidArgument, "rule.name");
  r = good;
  r.title = std::string("\xff", 1);
  expect(r, absl::StatusCode::kInvalidArgument, "rule.title");
  r = good;
  r.offset = -hours(1);
  expect(r, absl::StatusCode::kInvalidArgument, "rule.offset -3600");
  r = good;
  r.due_in = std::chrono::days(31);
  expect(r, absl::StatusCode::kInvalidArgument, "rule.due_in");
  r = good;
  r.trigger = static_cast<TaskTrigger>(7);
  expect(r, absl::StatusCode::kInvalidArgument, "rule.trigger 7");
  r = good;
  r.service_ids = {checkup_, checkup_};
  expect(r, absl::StatusCode::kInvalidArgument, "listed twice");
  r = good;
  r.service_ids = {999};
  expect(r, absl::StatusCode::kNotFound, "service_id 999");
  EXPECT_TRUE(engine_->ListTaskRules().value().empty());
  r = good;
  r.id = 77;
  EXPECT_EQ(engine_->UpdateTaskRule(r).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->DeleteTaskRule(77).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetTaskRule(77).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetTask(77).status().code(), absl::StatusCode::kNotFound);
}

TEST_P(ConfirmationCycleTest, BadTaskAndConfirmationCallsChangeNothing) {
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  const Appointment a = BookAt(kWed10);
  RunDueAt(kWed10 - hours(3));
  const Task t = TasksOf(a.id).at(0);
  auto code = [](const auto& r) { return r.status().code(); };
  EXPECT_EQ(code(engine_->ListTasks(
                {std::nullopt, static_cast<TaskState>(9), std::nullopt})),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(engine_->ListTasks(
                {std::string("\xff", 1), std::nullopt, std::nullopt})),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(engine_->CompleteTask(t.id, {}, std::string("\xc3", 1))),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(engine_->CompleteTask(t.id, {}, std::string(5000, 'x'))),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(engine_->CancelTask(
                t.id, {Actor::Kind::kStaff, std::string(300, 'x')}, "why")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->GetTask(t.id).value(), t);  // unchanged
  EXPECT_EQ(code(engine_->ConfirmVisit(4242, {})), absl::StatusCode::kNotFound);
  ASSERT_TRUE(engine_->Cancel(a.id, {}, "ill").ok());
  EXPECT_THAT(engine_->ConfirmVisit(a.id, {}).status().message(),
              HasSubstr("is cancelled"));
  // A request awaiting approval is confirmed by the business first.
  StatusChain chain = engine_->CreateStatusChain(ManualApprovalChain()).value();
  Service checkup = engine_->GetService(checkup_).value();
  checkup.workflow_enabled = true;
  ASSERT_TRUE(engine_->UpdateService(checkup).ok());
  ASSERT_TRUE(engine_->SetWorkflowSettings({true, chain.id, {}}).ok());
  const Appointment request = BookAt(kThu10);
  EXPECT_THAT(engine_->ConfirmVisit(request.id, {}).status().message(),
              HasSubstr("awaits approval"));
  EXPECT_EQ(engine_->GetAppointment(request.id).value(), request);
  // Nor does a request awaiting approval get tasks or a release timer.
  EXPECT_EQ(CountTimers(request.id, TimerKind::kTask), 0);
}

TEST_P(ConfirmationCycleTest, SavingRulesReplansAndDisablingDropsTimers) {
  const Appointment a = BookAt(kWed10);
  const TaskRuleId id = SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 1);
  TaskRule r = engine_->GetTaskRule(id).value();
  r.enabled = false;
  ASSERT_TRUE(engine_->UpdateTaskRule(r).ok());
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 0);
  r.enabled = true;
  r.offset = hours(5);
  r.service_ids = {yoga_};
  ASSERT_TRUE(engine_->UpdateTaskRule(r).ok());
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 0);  // not a yoga visit
  r.service_ids = {checkup_};
  ASSERT_TRUE(engine_->UpdateTaskRule(r).ok());
  ASSERT_EQ(CountTimers(a.id, TimerKind::kTask), 1);
  EXPECT_EQ(TimersOf(a.id)[0].due, kWed10 - hours(5));
  EXPECT_EQ(engine_->GetTaskRule(id).value(), r);
  // A message rule with the same id is another thing: its timers stay.
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(1)));
  ASSERT_TRUE(engine_->DeleteTaskRule(id).ok());
  EXPECT_EQ(CountTimers(a.id, TimerKind::kTask), 0);
  EXPECT_EQ(CountTimers(a.id, TimerKind::kMessage), 1);
}

TEST_P(ConfirmationCycleTest, AnAskedUnconfirmedVisitIsReleasedAtTheDeadline) {
  MessageRule to_agent = Rule(MessageKind::kCancelled);
  to_agent.audience = Audience::kAgent;
  Save(to_agent);
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  SetRelease(-hours(2));
  const Appointment asked = BookAt(kWed10);
  const Appointment never_asked = BookAt(kWed11);
  const Appointment confirmed = BookAt(kThu10);
  engine_->IssueConfirmToken(asked.id).value();
  const ConfirmToken t = engine_->IssueConfirmToken(confirmed.id).value();
  ASSERT_TRUE(engine_->ConfirmByToken(t.token).ok());
  EXPECT_EQ(CountTimers(asked.id, TimerKind::kRelease), 1);
  EXPECT_EQ(CountTimers(confirmed.id, TimerKind::kRelease), 0);
  RunDueAt(kWed10 - hours(2));
  ReopenListening();
  const Appointment released = engine_->GetAppointment(asked.id).value();
  EXPECT_EQ(released.state, AppointmentState::kCancelled);
  EXPECT_EQ(released.cancel_reason, "not confirmed in time");
  const std::vector<TimelineEntry> timeline =
      engine_->Timeline(asked.id).value();
  EXPECT_TRUE(TimelineHas(asked.id, "cancelled"));
  // The agent is told; the task made at 06:00 UTC cancelled itself.
  const std::vector<Message> told = MessagesOf(asked.id);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].audience, Audience::kAgent);
  EXPECT_EQ(told[0].recipient, "giulia");
  EXPECT_EQ(TasksOf(asked.id).at(0).state, TaskState::kCancelled);
  // The slot is free at once.
  clock_->Set(kWed10 - hours(2));
  EXPECT_GT(BookAt(kWed10, marco_).id, 0);
  RunDueAt(kWed11);
  EXPECT_EQ(engine_->GetAppointment(never_asked.id).value().state,
            AppointmentState::kBooked);
  EXPECT_EQ(engine_->GetAppointment(confirmed.id).value().state,
            AppointmentState::kBooked);
}

// A late RunDue finds the release and the visit's later timers due in one
// pass: the release cancels the visit and drops them; the pass goes on.
TEST_P(ConfirmationCycleTest, AReleaseDropsTheVisitsLaterTimersInTheSamePass) {
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(1)));
  SaveTask(TaskTrigger::kUnconfirmed, hours(1));
  SetRelease(-hours(2));
  const Appointment a = BookAt(kWed10);
  const Appointment b = BookAt(kWed11);  // never asked: reminded
  engine_->IssueConfirmToken(a.id).value();
  ASSERT_EQ(TimersOf(a.id).size(), 3u);  // release, task, reminder
  const RunDueReport report = RunDueAt(kWed10);
  EXPECT_EQ(engine_->GetAppointment(a.id).value().state,
            AppointmentState::kCancelled);
  EXPECT_TRUE(MessagesOf(a.id).empty());
  EXPECT_TRUE(TasksOf(a.id).empty());
  EXPECT_TRUE(TimersOf(a.id).empty());
  EXPECT_EQ(report.messages_created, 1);  // b's reminder
  ASSERT_EQ(MessagesOf(b.id).size(), 1u);
  EXPECT_EQ(TasksOf(b.id).size(), 1u);
}

TEST_P(ConfirmationCycleTest, ReleaseSettingsReplanAndBadOnesChangeNothing) {
  const ConfirmationSettings defaults;
  EXPECT_EQ(engine_->GetConfirmationSettings().value(), defaults);
  const Appointment a = BookAt(kWed10);
  SetRelease(minutes(20));  // after the no-show follow-up
  ASSERT_EQ(CountTimers(a.id, TimerKind::kRelease), 1);
  EXPECT_EQ(TimersOf(a.id)[0].due, kWed10 + minutes(20));
  SetRelease(minutes(40));  // past the 30-minute visit: never
  EXPECT_EQ(CountTimers(a.id, TimerKind::kRelease), 0);
  SetRelease(std::nullopt);
  EXPECT_EQ(CountTimers(a.id, TimerKind::kRelease), 0);
  ConfirmationSettings bad;
  bad.overdue_before = -hours(1);
  EXPECT_THAT(engine_->SetConfirmationSettings(bad).message(),
              HasSubstr("overdue_before -3600"));
  bad = {};
  bad.release_offset = -std::chrono::days(31);
  EXPECT_THAT(engine_->SetConfirmationSettings(bad).message(),
              HasSubstr("release_offset"));
  bad = {};
  bad.release_reason = "";
  EXPECT_THAT(engine_->SetConfirmationSettings(bad).message(),
              HasSubstr("release_reason"));
  ConfirmationSettings expected = defaults;
  expected.release_reason = "not confirmed in time";
  EXPECT_EQ(engine_->GetConfirmationSettings().value(), expected);
}

TEST_P(ConfirmationCycleTest, TheBoardFlagsAwaitingOverdueAndLatePerDay) {
  ConfirmationSettings s;
  s.overdue_before = hours(3);
  ASSERT_TRUE(engine_->SetConfirmationSettings(s).ok());
  const Appointment wed10 = BookAt(kWed10);
  const Appointment wed11 = BookAt(kWed11);  // never asked: not flagged
  const Appointment thu10 = BookAt(kThu10);
  engine_->IssueConfirmToken(wed10.id).value();
  engine_->IssueConfirmToken(thu10.id).value();
  const ConfirmationBoardQuery week{{rossi_},
                                    {Utc(2027, 3, 15, 0), Utc(2027, 3, 22, 0)}};
  ConfirmationBoard board = engine_->GetConfirmationBoard(week).value();
  EXPECT_EQ(board.awaiting, 2);
  EXPECT_EQ(board.overdue, 0);
  ASSERT_EQ(board.appointments.size(), 2u);
  EXPECT_EQ(board.appointments[0].appointment.id, wed10.id);
  EXPECT_EQ(board.appointments[0].flag, ConfirmationFlag::kAwaiting);
  clock_->Set(kWed10 - hours(3));
  board = engine_->GetConfirmationBoard(week).value();
  EXPECT_EQ(board.overdue, 1);
  EXPECT_EQ(board.awaiting, 1);
  clock_->Set(kWed11 + minutes(1));
  board = engine_->GetConfirmationBoard(week).value();
  EXPECT_EQ(board.late, 2);  // both Wednesday visits started, not marked
  EXPECT_EQ(board.awaiting, 1);
  EXPECT_EQ(board.counts,
            (std::vector<DayFlagCount>{{rossi_, 2027, 3, 17, 0, 0, 2},
                                       {rossi_, 2027, 3, 18, 1, 0, 0}}));
  ASSERT_TRUE(engine_->MarkAttended(wed10.id, {}).ok());
  ASSERT_TRUE(engine_->MarkNoShow(wed11.id, {}).ok());
  board = engine_->GetConfirmationBoard(week).value();
  EXPECT_EQ(board.late, 0);
  EXPECT_EQ(board.counts.size(), 1u);
  // Bad queries.
  EXPECT_EQ(engine_->GetConfirmationBoard({{rossi_, rossi_}, week.window})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->GetConfirmationBoard({{99}, week.window}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      engine_->GetConfirmationBoard({{}, {kWed10, kWed10}}).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_P(ConfirmationCycleTest, TheAgentHearsOfCustomerCancellationsNotOfStaffs) {
  MessageRule to_agent = Rule(MessageKind::kCancelled);
  to_agent.audience = Audience::kAgent;
  Save(to_agent);
  Save(Rule(MessageKind::kCancelled));  // to the customer, default filter
  const Appointment by_link = BookAt(kWed10);
  const Appointment by_staff = BookAt(kWed11);
  const ConfirmToken t = engine_->IssueConfirmToken(by_link.id).value();
  ASSERT_TRUE(engine_->CancelByToken(t.token, "cannot come").ok());
  ASSERT_TRUE(
      engine_->Cancel(by_staff.id, {Actor::Kind::kStaff, "giulia"}, "moved")
          .ok());
  const std::vector<Message> link_messages = MessagesOf(by_link.id);
  ASSERT_EQ(link_messages.size(), 2u);
  EXPECT_EQ(link_messages[0].audience, Audience::kAgent);
  EXPECT_EQ(link_messages[1].audience, Audience::kCustomer);
  EXPECT_TRUE(MessagesOf(by_staff.id).empty());
  MessageRule bad = Rule(MessageKind::kCancelled);
  bad.cancelled_by = {};
  EXPECT_THAT(engine_->CreateMessageRule(bad).status().message(),
              HasSubstr("cancelled_by"));
  bad.cancelled_by = {Actor::Kind::kStaff, Actor::Kind::kStaff};
  EXPECT_THAT(engine_->CreateMessageRule(bad).status().message(),
              HasSubstr("cancelled_by[1]"));
}

// Several resources' visits come in time order, their counts by resource.
TEST_P(ConfirmationCycleTest, TheBoardOfSeveralResourcesIsInTimeOrder) {
  Resource bianchi = engine_->GetResource(rossi_).value();
  bianchi.id = 0;
  bianchi.name = "Dr. Bianchi";
  const ResourceId other = engine_->CreateResource(bianchi).value();
  Service checkup = engine_->GetService(checkup_).value();
  checkup.resource_ids.push_back(other);
  ASSERT_TRUE(engine_->UpdateService(checkup).ok());
  const Appointment rossi_late = BookAt(kWed11);
  BookRequest r;
  r.customer_id = anna_;
  r.service_id = checkup_;
  r.resource_id = other;
  r.start = kWed10;
  const Appointment bianchi_early = engine_->Book(r).value();
  engine_->IssueConfirmToken(rossi_late.id).value();
  engine_->IssueConfirmToken(bianchi_early.id).value();
  const ConfirmationBoard board =
      engine_
          ->GetConfirmationBoard(
              {{rossi_, other}, {Utc(2027, 3, 15, 0), Utc(2027, 3, 22, 0)}})
          .value();
  ASSERT_EQ(board.appointments.size(), 2u);
  EXPECT_EQ(board.appointments[0].appointment.id, bianchi_early.id);
  EXPECT_EQ(board.appointments[1].appointment.id, rossi_late.id);
  EXPECT_EQ(board.counts,
            (std::vector<DayFlagCount>{{rossi_, 2027, 3, 17, 1, 0, 0},
                                       {other, 2027, 3, 17, 1, 0, 0}}));
}

// The board counts by the resource's own calendar day, across DST changes:
// New York's fall back (a 25-hour day) and Lord Howe's half-hour change.
TEST_P(ConfirmationCycleTest, BoardDaysAreLocalAcrossDstChanges) {
  Resource ny;
  ny.name = "New York desk";
  ny.time_zone = "America/New_York";
  Resource lh = ny;
  lh.name = "Lord Howe desk";
  lh.time_zone = "Australia/Lord_Howe";
  const ResourceId ny_id = engine_->CreateResource(ny).value();
  const ResourceId lh_id = engine_->CreateResource(lh).value();
  Service call;
  call.name = "Call";
  call.duration = minutes(15);
  call.resource_ids = {ny_id, lh_id};
  call.horizon = std::chrono::days(366);
  const ServiceId call_id = engine_->CreateService(call).value();
  auto book = [&](ResourceId r, Instant start) {
    BookRequest req;
    req.customer_id = anna_;
    req.service_id = call_id;
    req.resource_id = r;
    req.start = start;
    req.source = BookingSource::kAgent;
    req.actor = {Actor::Kind::kStaff, "giulia"};
    req.force = true;  // outside the (empty) working hours
    const Appointment a = engine_->Book(req).value();
    engine_->IssueConfirmToken(a.id).value();
  };
  book(ny_id, Utc(2027, 11, 7, 4, 30));  // 00:30 EDT on Sun 7 November
  book(ny_id, Utc(2027, 11, 8, 4, 30));  // 23:30 EST, the same local day
  book(lh_id, Utc(2027, 4, 3, 13, 15));  // 00:15 +11 on Sun 4 April
  book(lh_id, Utc(2027, 4, 4, 13, 15));  // 23:45 +10:30, the same day
  const ConfirmationBoard board =
      engine_
          ->GetConfirmationBoard(
              {{ny_id, lh_id}, {Utc(2027, 4, 1), Utc(2027, 12, 1)}})
          .value();
  EXPECT_EQ(board.awaiting, 4);
  EXPECT_EQ(board.counts,
            (std::vector<DayFlagCount>{{ny_id, 2027, 11, 7, 2, 0, 0},
                                       {lh_id, 2027, 4, 4, 2, 0, 0}}));
}

// Seed 003 end to end: booking information at once, a confirmation link a
// day before, the clock icon and then the red counter on the board, the
// agent's task 3 h before, the customer cancelling with the same link (the
// agent is told, the slot is free); then a visit the customer misses: the
// no-show follow-up after 10 min, the orange "late" flag, the agent's
// task, and the slot released after 20 min.
TEST_P(ConfirmationCycleTest, SeedThreeReplaysEndToEnd) {
  Save(Rule(MessageKind::kBookingInfo, {Channel::kWhatsapp}));
  Save(Rule(MessageKind::kConfirmVisit, {Channel::kWhatsapp}, hours(24)));
  Save(Rule(MessageKind::kNoShowFollowUp, {Channel::kWhatsapp}, minutes(10)));
  MessageRule to_agent = Rule(MessageKind::kCancelled);
  to_agent.audience = Audience::kAgent;
  Save(to_agent);
  SaveTask(TaskTrigger::kUnconfirmed, hours(3));
  SaveTask(TaskTrigger::kNotArrived, minutes(15));
  SetRelease(minutes(20));
  const ConfirmationBoardQuery week{{}, {Utc(2027, 3, 15), Utc(2027, 3, 22)}};
  auto kinds = [&](AppointmentId id) {
    std::vector<MessageKind> out;
    for (const Message& m : MessagesOf(id)) out.push_back(m.kind);
    return out;
  };

  const Appointment wed = BookAt(kWed10);
  EXPECT_EQ(kinds(wed.id), std::vector{MessageKind::kBookingInfo});
  RunDueAt(kWed10 - hours(24));
  EXPECT_EQ(kinds(wed.id), (std::vector{MessageKind::kBookingInfo,
                                        MessageKind::kConfirmVisit}));
  // The host puts the link in the message it sends.
  const ConfirmToken link = engine_->IssueConfirmToken(wed.id).value();
  EXPECT_EQ(engine_->GetConfirmationBoard(week).value().awaiting, 1);
  RunDueAt(kWed10 - hours(3));
  EXPECT_EQ(engine_->GetConfirmationBoard(week).value().overdue, 1);
  ASSERT_EQ(TasksOf(wed.id).size(), 1u);
  clock_->Set(kWed10 - hours(2));
  ASSERT_TRUE(engine_->CancelByToken(link.token, "change of plans").ok());
  EXPECT_EQ(kinds(wed.id),
            (std::vector{MessageKind::kBookingInfo, MessageKind::kConfirmVisit,
                         MessageKind::kCancelled}));
  EXPECT_EQ(MessagesOf(wed.id).back().recipient, "giulia");
  EXPECT_EQ(TasksOf(wed.id)[0].state, TaskState::kCancelled);
  EXPECT_EQ(engine_->GetConfirmationBoard(week).value().overdue, 0);
  const Appointment marco = BookAt(kWed10, marco_);  // the slot is free again
  clock_->Set(kWed10 + minutes(2));
  ASSERT_TRUE(engine_->MarkAttended(marco.id, {}).ok());

  const Appointment thu = BookAt(kThu10);
  RunDueAt(kThu10 - hours(24));
  engine_->IssueConfirmToken(thu.id).value();
  RunDueAt(kThu10 - hours(3));
  RunDueAt(kThu10 + minutes(10));
  EXPECT_EQ(kinds(thu.id).back(), MessageKind::kNoShowFollowUp);
  EXPECT_EQ(engine_->GetConfirmationBoard(week).value().late, 1);
  // The 3-hour task was made and is still open.
  ASSERT_EQ(TasksOf(thu.id).size(), 1u);
  RunDueAt(kThu10 + minutes(15));
  std::vector<Task> tasks = TasksOf(thu.id);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1].title, "Call: not arrived");
  RunDueAt(kThu10 + minutes(20));
  const Appointment released = engine_->GetAppointment(thu.id).value();
  EXPECT_EQ(released.state, AppointmentState::kCancelled);
  EXPECT_EQ(released.cancel_reason, "not confirmed in time");
  EXPECT_EQ(MessagesOf(thu.id).back().audience, Audience::kAgent);
  for (const Task& t : TasksOf(thu.id)) {
    EXPECT_EQ(t.state, TaskState::kCancelled);
  }
  EXPECT_EQ(engine_->GetConfirmationBoard(week).value().late, 0);
  const std::vector<EventKind> seen = EventKinds();
  EXPECT_EQ(std::count(seen.begin(), seen.end(), EventKind::kTaskCreated), 3);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), EventKind::kTaskCancelled), 3);
}

APPT_INSTANTIATE_FOR_BOTH_STORES(ConfirmationCycleTest);

}  // namespace
}  // namespace appt::testing
