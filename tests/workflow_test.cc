// The status workflow on both stores (R3.1–R3.7), replaying seed 001: a
// chain of statuses a request goes through before it is confirmed, the
// messages each step sends, the history and the dashboard, and every bad
// input leaving nothing changed. Wed 2027-03-17 10:00 CET is 09:00 UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "messaging_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);
const Interval kWeek{Utc(2027, 3, 15), Utc(2027, 3, 22)};

// Seed 001's example process.
StatusChain SeedChain(bool request_holds_slot = true) {
  StatusChain c;
  c.name = "Management approval";
  c.statuses = {
      {0, "Request received", "", 10, "#FFA000", StatusMarker::kStart,
       request_holds_slot},
      {0, "Consultation with management", "", 20, "#1e88e5",
       StatusMarker::kStart, true},
      {0, "Approved by management", "", 30, "#43a047",
       StatusMarker::kConfirmation, true},
      {0, "Confirmed", "", 40, "#2e7d32", StatusMarker::kConfirmation, true},
      {0, "Cannot take place", "", 50, "#e53935", StatusMarker::kCancellation,
       false},
  };
  return c;
}

class WorkflowTest : public MessagingTest {
 protected:
  // Turns the workflow on for the checkup with `chain`; returns it stored.
  StatusChain Enable(const StatusChain& chain) {
    auto stored = engine_->CreateStatusChain(chain);
    EXPECT_TRUE(stored.ok()) << stored.status();
    Service checkup = engine_->GetService(checkup_).value();
    checkup.workflow_enabled = true;
    EXPECT_TRUE(engine_->UpdateService(checkup).ok());
    EXPECT_TRUE(engine_->SetWorkflowSettings({true, stored->id, {}}).ok());
    return *stored;
  }
  StatusId Id(const StatusChain& c, const std::string& name) {
    for (const Status& s : c.statuses) {
      if (s.name == name) return s.id;
    }
    ADD_FAILURE() << "no status " << name;
    return 0;
  }
  absl::StatusOr<Appointment> Move(AppointmentId id, StatusId to,
                                   std::string reason = "") {
    return engine_->SetStatus(
        {id, to, {Actor::Kind::kStaff, "manager"}, std::move(reason)});
  }
  std::vector<MessageKind> KindsOf(AppointmentId id) {
    std::vector<MessageKind> kinds;
    for (const Message& m : MessagesOf(id)) kinds.push_back(m.kind);
    return kinds;
  }
  StatusBoard Board(bool include_confirmed = false) {
    return engine_->GetStatusBoard({{}, kWeek, include_confirmed}).value();
  }
};

TEST_P(WorkflowTest, TheManualApprovalPresetIsStoredWithIds) {
  const StatusChain c =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  EXPECT_GT(c.id, 0);
  ASSERT_EQ(c.statuses.size(), 3u);
  EXPECT_EQ(c.statuses[0].name, "Pending");
  EXPECT_EQ(c.statuses[0].marker, StatusMarker::kStart);
  EXPECT_EQ(c.statuses[1].marker, StatusMarker::kConfirmation);
  EXPECT_EQ(c.statuses[2].marker, StatusMarker::kCancellation);
  for (const Status& s : c.statuses) EXPECT_GT(s.id, 0);
  EXPECT_EQ(engine_->GetStatusChain(c.id).value(), c);
  Reopen();
  EXPECT_EQ(engine_->ListStatusChains().value(), std::vector<StatusChain>{c});
}

TEST_P(WorkflowTest, ChainsAreSortedAndNormalisedWhenSaved) {
  StatusChain c = SeedChain();
  std::swap(c.statuses[0], c.statuses[4]);
  c.statuses[0].holds_slot = true;  // a cancellation never holds its slot
  const StatusChain stored = engine_->CreateStatusChain(c).value();
  EXPECT_EQ(stored.statuses[0].name, "Request received");
  EXPECT_EQ(stored.statuses[0].colour, "#ffa000");
  EXPECT_FALSE(stored.statuses[4].holds_slot);
}

TEST_P(WorkflowTest, WithTheBusinessSwitchOffABookingIsConfirmedOnTheSpot) {
  Save(Rule(MessageKind::kConfirmed));
  Save(Rule(MessageKind::kRequestReceived));
  const StatusChain c = Enable(SeedChain());
  ASSERT_TRUE(engine_->SetWorkflowSettings({false, c.id, {}}).ok());
  const Appointment a = BookAt(kWed10);
  EXPECT_EQ(a.status_id, 0);
  EXPECT_EQ(a.state, AppointmentState::kBooked);
  EXPECT_EQ(KindsOf(a.id), std::vector{MessageKind::kConfirmed});
  EXPECT_TRUE(engine_->StatusHistory(a.id).value().empty());
}

TEST_P(WorkflowTest, ServicesWithTheirSwitchOffAreConfirmedOnTheSpot) {
  Enable(SeedChain());
  const Appointment yoga = BookAt(kWed10, anna_, yoga_);
  EXPECT_EQ(yoga.status_id, 0);
  EXPECT_EQ(Board(true).counts,
            (std::vector<StatusCount>{{0, "confirmed on booking", 1}}));
}

// Seed 001 from the customer's and the partner's side.
TEST_P(WorkflowTest, ARequestGoesThroughTheChainToConfirmation) {
  Save(Rule(MessageKind::kRequestReceived));
  Save(Rule(MessageKind::kConfirmed));
  MessageRule to_resource = Rule(MessageKind::kConfirmed);
  to_resource.audience = Audience::kResource;
  Save(to_resource);
  Save(Rule(MessageKind::kReminder, {Channel::kEmail}, hours(24)));
  const StatusChain c = Enable(SeedChain());
  clock_->Set(Utc(2027, 3, 15, 8));
  Appointment a = BookAt(kWed10);
  EXPECT_EQ(a.status_id, Id(c, "Request received"));
  EXPECT_EQ(a.state, AppointmentState::kBooked);  // this start holds it
  // The customer is told the request arrived, not that it is confirmed;
  // nothing is reminded before the business confirms.
  EXPECT_EQ(KindsOf(a.id), std::vector{MessageKind::kRequestReceived});
  EXPECT_TRUE(TimersOf(a.id).empty());
  EXPECT_EQ(Board().unconfirmed, 1);
  EXPECT_THAT(engine_->MarkAttended(a.id, {}).status().message(),
              HasSubstr("awaits approval"));

  clock_->Set(Utc(2027, 3, 15, 9));
  a = Move(a.id, Id(c, "Consultation with management")).value();
  EXPECT_EQ(KindsOf(a.id).size(), 1u);  // a start status triggers nothing
  clock_->Set(Utc(2027, 3, 15, 10));
  a = Move(a.id, Id(c, "Approved by management"), "ok by the board").value();
  // The confirmation goes to the customer and to the resource's email.
  const std::vector<Message> messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[1].kind, MessageKind::kConfirmed);
  EXPECT_EQ(messages[1].recipient, "anna@example.it");
  EXPECT_EQ(messages[2].recipient, "rossi@clinic.example");
  EXPECT_EQ(TimersOf(a.id).size(), 1u);  // the reminder, now it is confirmed
  // It leaves the unconfirmed overview; the switch shows it again.
  EXPECT_TRUE(Board().appointments.empty());
  const StatusBoard all = Board(true);
  EXPECT_EQ(all.confirmed, 1);
  EXPECT_EQ(all.counts,
            (std::vector<StatusCount>{{Id(c, "Approved by management"),
                                       "Approved by management", 1}}));
  // Another confirmation status sends nothing again.
  a = Move(a.id, Id(c, "Confirmed")).value();
  EXPECT_EQ(MessagesOf(a.id).size(), 3u);

  const std::vector<StatusChange> history =
      engine_->StatusHistory(a.id).value();
  ASSERT_EQ(history.size(), 4u);  // newest first
  EXPECT_EQ(history[0].to_status, "Confirmed");
  EXPECT_EQ(history[1].to_status, "Approved by management");
  EXPECT_EQ(history[1].from_status, "Consultation with management");
  EXPECT_EQ(history[1].reason, "ok by the board");
  EXPECT_EQ(history[1].actor, (Actor{Actor::Kind::kStaff, "manager"}));
  EXPECT_EQ(history[1].at, Utc(2027, 3, 15, 10));
  EXPECT_EQ(history[3].from_status_id, 0);
  EXPECT_EQ(history[3].to_status, "Request received");
  EXPECT_EQ(history[3].actor.kind, Actor::Kind::kCustomer);
  EXPECT_TRUE(TimelineHas(a.id, "status_changed"));
  clock_->Set(kWed10);
  EXPECT_EQ(engine_->MarkAttended(a.id, {}).value().state,
            AppointmentState::kAttended);
}

TEST_P(WorkflowTest, ARejectionNeedsAReasonAndTheCustomerReadsIt) {
  MessageRule rejected = Rule(MessageKind::kRejected);
  rejected.templates[0].body = "Sorry: {{appointment.cancel_reason}}";
  Save(rejected);
  Save(Rule(MessageKind::kCancelled));
  const StatusChain c = Enable(SeedChain());
  const Appointment a = BookAt(kWed10);
  const StatusId no = Id(c, "Cannot take place");
  auto refused = Move(a.id, no);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("reason"));
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), a);
  const Appointment done = Move(a.id, no, "the doctor is away").value();
  EXPECT_EQ(done.state, AppointmentState::kCancelled);
  EXPECT_EQ(done.cancel_reason, "the doctor is away");
  const std::vector<Message> messages = MessagesOf(a.id);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, MessageKind::kRejected);
  EXPECT_EQ(messages[0].body, "Sorry: the doctor is away");
  // The slot is free at once, and a cancellation is final.
  EXPECT_TRUE(BookAt(kWed10, marco_).id > 0);
  EXPECT_EQ(Move(a.id, Id(c, "Confirmed")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(WorkflowTest, CancellingAConfirmedAppointmentSaysCancelled) {
  Save(Rule(MessageKind::kRejected));
  MessageRule cancelled = Rule(MessageKind::kCancelled);
  cancelled.cancelled_by.push_back(Actor::Kind::kStaff);
  Save(cancelled);
  const StatusChain c = Enable(SeedChain());
  const Appointment a = BookAt(kWed10);
  ASSERT_TRUE(Move(a.id, Id(c, "Confirmed")).ok());
  ASSERT_TRUE(Move(a.id, Id(c, "Cannot take place"), "flood").ok());
  EXPECT_EQ(KindsOf(a.id), std::vector{MessageKind::kCancelled});
}

TEST_P(WorkflowTest, StaffCancellingTellsTheCustomerOnlyWhenConfigured) {
  // R5.5: the default cancelled rule tells of customers' cancellations,
  // not of staff's.
  Save(Rule(MessageKind::kCancelled));
  const StatusChain c = Enable(SeedChain());
  const Appointment a = BookAt(kWed10);
  ASSERT_TRUE(Move(a.id, Id(c, "Confirmed")).ok());
  ASSERT_TRUE(Move(a.id, Id(c, "Cannot take place"), "flood").ok());
  EXPECT_TRUE(KindsOf(a.id).empty());
}

TEST_P(WorkflowTest, CancelMovesAWorkflowAppointmentToACancellationStatus) {
  Save(Rule(MessageKind::kCancelled));
  const StatusChain c = Enable(SeedChain());
  std::vector<Event> seen;
  engine_->AddListener([&](const Event& e) { seen.push_back(e); });
  const Appointment a = BookAt(kWed10);
  const Appointment done =
      engine_->Cancel(a.id, {Actor::Kind::kCustomer, "anna"}, "ill").value();
  EXPECT_EQ(done.status_id, Id(c, "Cannot take place"));
  EXPECT_EQ(engine_->StatusHistory(a.id).value()[0].reason, "ill");
  EXPECT_EQ(KindsOf(a.id), std::vector{MessageKind::kCancelled});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].kind, EventKind::kAppointmentCancelled);
  EXPECT_EQ(seen[1].previous_status_id, Id(c, "Request received"));
}

TEST_P(WorkflowTest, StatusMovesAreEventsWithThePreviousStatus) {
  const StatusChain c = Enable(SeedChain());
  const Appointment a = BookAt(kWed10);
  std::vector<Event> seen;
  engine_->AddListener([&](const Event& e) { seen.push_back(e); });
  ASSERT_TRUE(Move(a.id, Id(c, "Confirmed")).ok());
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].kind, EventKind::kAppointmentStatusChanged);
  EXPECT_EQ(seen[0].appointment.status_id, Id(c, "Confirmed"));
  EXPECT_EQ(seen[0].previous_status_id, Id(c, "Request received"));
}

TEST_P(WorkflowTest, ForbiddenMovesChangeNothing) {
  const StatusChain c = Enable(SeedChain());
  const StatusChain other =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  const Appointment a = BookAt(kWed10);
  ASSERT_TRUE(Move(a.id, Id(c, "Confirmed")).ok());
  const Appointment confirmed = engine_->GetAppointment(a.id).value();
  struct Case {
    AppointmentId id;
    StatusId to;
    absl::StatusCode code;
    const char* says;
  };
  const Case cases[] = {
      {a.id, Id(c, "Request received"), absl::StatusCode::kFailedPrecondition,
       "cannot follow"},
      {a.id, Id(c, "Confirmed"), absl::StatusCode::kFailedPrecondition,
       "cannot follow"},
      {a.id, other.statuses[1].id, absl::StatusCode::kInvalidArgument,
       "belongs to chain"},
      {a.id, 9999, absl::StatusCode::kNotFound, "status_id 9999"},
      {4242, Id(c, "Confirmed"), absl::StatusCode::kNotFound,
       "appointment_id 4242"},
  };
  for (const Case& k : cases) {
    auto moved = Move(k.id, k.to);
    EXPECT_EQ(moved.status().code(), k.code) << k.says;
    EXPECT_THAT(moved.status().message(), HasSubstr(k.says));
  }
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), confirmed);
  EXPECT_EQ(engine_->StatusHistory(a.id).value().size(), 2u);
  // No workflow at all, and bad text.
  const Appointment plain = BookAt(kWed10 + hours(2), marco_, yoga_);
  EXPECT_THAT(Move(plain.id, Id(c, "Confirmed")).status().message(),
              HasSubstr("no status workflow"));
  auto bad = engine_->SetStatus(
      {a.id, Id(c, "Cannot take place"), {Actor::Kind::kStaff, "\xff"}, "x"});
  EXPECT_THAT(bad.status().message(), HasSubstr("actor.id"));
  bad = engine_->SetStatus(
      {a.id, Id(c, "Cannot take place"), {}, std::string(5000, 'r')});
  EXPECT_THAT(bad.status().message(), HasSubstr("reason"));
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), confirmed);
}

// Pending requests that do not hold the slot: the slot stays on offer, and
// of two requests for one seat only one can be confirmed.
TEST_P(WorkflowTest, ConfirmingARequestThatDidNotHoldItsSlotRechecksIt) {
  const StatusChain c = Enable(SeedChain(/*request_holds_slot=*/false));
  const Appointment first = BookAt(kWed10);
  EXPECT_EQ(first.state, AppointmentState::kPending);
  const Appointment second = BookAt(kWed10, marco_);
  EXPECT_EQ(second.state, AppointmentState::kPending);
  EXPECT_EQ(Board().unconfirmed, 2);
  EXPECT_EQ(Board().counts[0].count, 2);
  // Moving to a start status that holds the slot takes it too.
  const StatusId consult = Id(c, "Consultation with management");
  EXPECT_EQ(Move(first.id, consult).value().state, AppointmentState::kBooked);
  auto taken = Move(second.id, Id(c, "Confirmed"));
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(engine_->GetAppointment(second.id).value(), second);
  // Back to a start status that does not hold it frees it again.
  EXPECT_EQ(Move(first.id, Id(c, "Request received")).value().state,
            AppointmentState::kPending);
  EXPECT_EQ(Move(second.id, Id(c, "Confirmed")).value().state,
            AppointmentState::kBooked);
  EXPECT_EQ(Move(first.id, Id(c, "Confirmed")).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_P(WorkflowTest, AnUnheldRequestCannotBeConfirmedAfterItsStart) {
  const StatusChain c = Enable(SeedChain(false));
  const Appointment a = BookAt(kWed10);
  clock_->Set(kWed10 + minutes(1));
  auto late = Move(a.id, Id(c, "Confirmed"));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(late.status().message(), HasSubstr("in the past"));
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), a);
  EXPECT_EQ(Move(a.id, Id(c, "Cannot take place"), "too late").value().state,
            AppointmentState::kCancelled);
}

TEST_P(WorkflowTest, APendingRequestCanBeMovedAndKeepsItsStatus) {
  const StatusChain c = Enable(SeedChain(false));
  const Appointment a = BookAt(kWed10);
  RescheduleRequest r;
  r.appointment_id = a.id;
  r.new_start = kWed10 + hours(1);
  const Appointment moved = engine_->Reschedule(r).value();
  EXPECT_EQ(moved.state, AppointmentState::kPending);
  EXPECT_EQ(moved.status_id, Id(c, "Request received"));
}

TEST_P(WorkflowTest, ConcurrentConfirmationsOfCompetingRequestsTakeOneSeat) {
  const StatusChain c = Enable(SeedChain(false));
  std::vector<AppointmentId> requests;
  for (CustomerId who : {anna_, marco_, anna_, marco_}) {
    requests.push_back(BookAt(kWed10, who).id);
  }
  std::atomic<int> won{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (AppointmentId id : requests) {
    threads.emplace_back([&, id] {
      auto r = Move(id, Id(c, "Confirmed"));
      if (r.ok()) ++won;
      if (absl::IsAlreadyExists(r.status())) ++conflicts;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  EXPECT_EQ(Board(true).confirmed, 1);
}

// Two engines on one SQLite file (as two processes would be), each
// confirming its own request for the one seat at once.
TEST_P(WorkflowTest, TwoEnginesOnOneFileCannotBothConfirmTheSeat) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "one process per memory store";
  const StatusChain c = Enable(SeedChain(false));
  const AppointmentId first = BookAt(kWed10).id;
  const AppointmentId second = BookAt(kWed10, marco_).id;
  auto other = Engine::Open(OpenStore("sqlite", db_path_), {clock_});
  ASSERT_TRUE(other.ok()) << other.status();
  std::atomic<int> won{0}, conflicts{0};
  auto confirm = [&](Engine& engine, AppointmentId id) {
    auto r = engine.SetStatus({id, Id(c, "Confirmed")});
    if (r.ok()) ++won;
    if (absl::IsAlreadyExists(r.status())) ++conflicts;
  };
  std::thread a([&] { confirm(*engine_, first); });
  std::thread b([&] { confirm(**other, second); });
  a.join();
  b.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 1);
  EXPECT_EQ(Board(true).confirmed, 1);
}

TEST_P(WorkflowTest, AServiceCanUseAChainOfItsOwn) {
  const StatusChain seed = Enable(SeedChain());
  const StatusChain quick =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  ASSERT_TRUE(
      engine_->SetWorkflowSettings({true, seed.id, {{checkup_, quick.id}}})
          .ok());
  EXPECT_EQ(BookAt(kWed10).status_id, quick.statuses[0].id);
  EXPECT_EQ(engine_->GetWorkflowSettings().value().service_chains,
            (std::vector<ServiceChain>{{checkup_, quick.id}}));
}

TEST_P(WorkflowTest, BadChainsAreRefusedNamingTheField) {
  struct Case {
    std::function<void(StatusChain&)> spoil;
    const char* says;
  };
  const Case cases[] = {
      {[](StatusChain& c) { c.name = ""; }, "name"},
      {[](StatusChain& c) { c.name = std::string(300, 'n'); }, "name"},
      {[](StatusChain& c) { c.statuses.clear(); }, "statuses is empty"},
      {[](StatusChain& c) {
         c.statuses[0].marker = StatusMarker::kConfirmation;
       },
       "first must be a start status"},
      {[](StatusChain& c) {
         c.statuses.erase(c.statuses.begin() + 2, c.statuses.begin() + 4);
       },
       "no confirmation status"},
      {[](StatusChain& c) { c.statuses.pop_back(); }, "no cancellation status"},
      {[](StatusChain& c) { c.statuses[1].name = "request RECEIVED"; },
       "statuses[1].name"},
      {[](StatusChain& c) { c.statuses[2].position = 10; },
       "statuses[2].position 10"},
      {[](StatusChain& c) { c.statuses[3].colour = "green"; },
       "statuses[3].colour"},
      {[](StatusChain& c) { c.statuses[3].colour = "#12345g"; },
       "statuses[3].colour"},
      {[](StatusChain& c) { c.statuses[0].name = ""; }, "statuses[0].name"},
      {[](StatusChain& c) { c.statuses[0].description = "\xc3"; },
       "statuses[0].description"},
      {[](StatusChain& c) { c.statuses[1].id = 7; }, "must be 0"},
      {[](StatusChain& c) {
         c.statuses[1].marker = static_cast<StatusMarker>(9);
       },
       "statuses[1].marker"},
  };
  for (const Case& k : cases) {
    StatusChain c = SeedChain();
    k.spoil(c);
    auto saved = engine_->CreateStatusChain(c);
    EXPECT_EQ(saved.status().code(), absl::StatusCode::kInvalidArgument)
        << k.says;
    EXPECT_THAT(saved.status().message(), HasSubstr(k.says));
  }
  EXPECT_TRUE(engine_->ListStatusChains().value().empty());
}

TEST_P(WorkflowTest, ChainsCanBeEditedButNotUnderTheirAppointments) {
  StatusChain c = Enable(SeedChain());
  const Appointment a = BookAt(kWed10);
  // Renaming, recolouring and adding are fine.
  c.name = "Board approval";
  c.statuses[1].name = "Board meeting";
  c.statuses.push_back(
      {0, "No-show", "", 60, "#000000", StatusMarker::kCancellation, false});
  c = engine_->UpdateStatusChain(c).value();
  EXPECT_EQ(c.statuses.size(), 6u);
  EXPECT_GT(c.statuses[5].id, c.statuses[4].id);
  // Removing or re-marking the status an appointment is in is not.
  StatusChain removed = c;
  removed.statuses.erase(removed.statuses.begin());
  removed.statuses[0].position = 5;
  auto refused = engine_->UpdateStatusChain(removed);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("cannot be removed"));
  StatusChain remarked = c;
  remarked.statuses[0].holds_slot = false;
  EXPECT_EQ(engine_->UpdateStatusChain(remarked).status().code(),
            absl::StatusCode::kFailedPrecondition);
  StatusChain foreign = c;
  foreign.statuses[1].id = 9999;
  EXPECT_THAT(engine_->UpdateStatusChain(foreign).status().message(),
              HasSubstr("not a status of chain"));
  StatusChain unknown = c;
  unknown.id = 777;
  EXPECT_EQ(engine_->UpdateStatusChain(unknown).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetStatusChain(c.id).value(), c);
  EXPECT_EQ(engine_->GetAppointment(a.id).value().status_id, c.statuses[0].id);
}

TEST_P(WorkflowTest, ChainsInUseOrNamedBySettingsCannotBeDeleted) {
  const StatusChain c = Enable(SeedChain());
  EXPECT_THAT(engine_->DeleteStatusChain(c.id).message(),
              HasSubstr("workflow settings"));
  BookAt(kWed10);
  ASSERT_TRUE(engine_->SetWorkflowSettings({}).ok());
  EXPECT_THAT(engine_->DeleteStatusChain(c.id).message(),
              HasSubstr("cannot be deleted"));
  const StatusChain spare =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  ASSERT_TRUE(engine_->DeleteStatusChain(spare.id).ok());
  EXPECT_EQ(engine_->GetStatusChain(spare.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->DeleteStatusChain(spare.id).code(),
            absl::StatusCode::kNotFound);
  // Ids are never reused.
  const StatusChain next =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  EXPECT_GT(next.id, spare.id);
  EXPECT_GT(next.statuses[0].id, spare.statuses[2].id);
}

TEST_P(WorkflowTest, BadSettingsAreRefusedAndChangeNothing) {
  const StatusChain c =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  const WorkflowSettings good{true, c.id, {{checkup_, c.id}}};
  ASSERT_TRUE(engine_->SetWorkflowSettings(good).ok());
  struct Case {
    WorkflowSettings s;
    absl::StatusCode code;
    const char* says;
  };
  const Case cases[] = {
      {{true, 0, {}}, absl::StatusCode::kInvalidArgument, "default_chain_id 0"},
      {{true, 99, {}}, absl::StatusCode::kNotFound, "default_chain_id 99"},
      {{true, c.id, {{4242, c.id}}},
       absl::StatusCode::kNotFound,
       "service_chains[0].service_id 4242"},
      {{true, c.id, {{checkup_, 99}}},
       absl::StatusCode::kNotFound,
       "service_chains[0].chain_id 99"},
      {{true, c.id, {{checkup_, c.id}, {checkup_, c.id}}},
       absl::StatusCode::kInvalidArgument,
       "service_chains[1].service_id"},
  };
  for (const Case& k : cases) {
    const absl::Status s = engine_->SetWorkflowSettings(k.s);
    EXPECT_EQ(s.code(), k.code) << k.says;
    EXPECT_THAT(s.message(), HasSubstr(k.says));
  }
  EXPECT_EQ(engine_->GetWorkflowSettings().value(), good);
}

TEST_P(WorkflowTest, TheBoardFiltersByResourceAndDate) {
  Enable(SeedChain(false));
  BookAt(kWed10);
  BookAt(kWed10 + days(7));  // next week
  EXPECT_EQ(Board().appointments.size(), 1u);
  Resource other;
  other.name = "Dr. Verdi";
  other.time_zone = "Europe/Rome";
  const ResourceId verdi = engine_->CreateResource(other).value();
  EXPECT_TRUE(engine_->GetStatusBoard({{verdi}, kWeek, true})
                  .value()
                  .appointments.empty());
  EXPECT_EQ(
      engine_->GetStatusBoard({{rossi_}, kWeek, false}).value().unconfirmed, 1);
  auto bad = engine_->GetStatusBoard({{4242}, kWeek, false});
  EXPECT_THAT(bad.status().message(), HasSubstr("resource_ids[0]"));
  bad = engine_->GetStatusBoard({{rossi_, rossi_}, kWeek, false});
  EXPECT_THAT(bad.status().message(), HasSubstr("resource_ids[1]"));
  bad = engine_->GetStatusBoard({{}, {kWeek.end, kWeek.start}, false});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->StatusHistory(4242).status().code(),
            absl::StatusCode::kNotFound);
}

// The store lists one resource's booked visits, then its pending ones: a
// confirmed request between two pending ones must still come in time order.
TEST_P(WorkflowTest, TheBoardListsVisitsInTimeOrderWhateverTheirState) {
  const StatusChain c = Enable(SeedChain(false));
  const Appointment first = BookAt(kWed10);
  const Appointment second = BookAt(kWed10 + hours(1));
  const Appointment third = BookAt(kWed10 + hours(2));
  ASSERT_TRUE(Move(second.id, Id(c, "Confirmed")).ok());
  const StatusBoard board = Board(true);
  ASSERT_EQ(board.appointments.size(), 3u);
  EXPECT_EQ(board.appointments[0].id, first.id);
  EXPECT_EQ(board.appointments[1].id, second.id);
  EXPECT_EQ(board.appointments[2].id, third.id);
  EXPECT_EQ(board.unconfirmed, 2);
  EXPECT_EQ(board.confirmed, 1);
}

APPT_INSTANTIATE_FOR_BOTH_STORES(WorkflowTest);

}  // namespace
}  // namespace appt::testing
