// The appointment lifecycle through the Engine (R1.4, R2.1–R2.6, R8.4),
// run against both stores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace appt::testing {
namespace {

using ::testing::HasSubstr;
using std::chrono::hours;
using std::chrono::minutes;

class LifecycleTest : public EngineTest {
 protected:
  BookRequest Request(CustomerId who, ServiceId what, Instant start) {
    BookRequest r;
    r.customer_id = who;
    r.service_id = what;
    r.resource_id = rossi_;
    r.start = start;
    return r;
  }
  std::vector<Instant> Starts(Interval window, ServiceId service) {
    auto slots = engine_->SearchSlots({service, rossi_, window});
    EXPECT_TRUE(slots.ok()) << slots.status();
    std::vector<Instant> out;
    if (slots.ok()) {
      for (const Slot& s : *slots) out.push_back(s.start);
    }
    return out;
  }
};
APPT_INSTANTIATE_FOR_BOTH_STORES(LifecycleTest);

const Interval kTuesday{Utc(2027, 3, 16), Utc(2027, 3, 17)};

TEST_P(LifecycleTest, BookedSlotStopsBeingOfferedAtOnce) {
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 16u);
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->state, AppointmentState::kBooked);
  EXPECT_EQ(a->end, Utc(2027, 3, 16, 8, 30));
  EXPECT_EQ(a->created_at, clock_->Now());
  auto starts = Starts(kTuesday, checkup_);
  EXPECT_EQ(starts.size(), 15u);
  EXPECT_EQ(std::count(starts.begin(), starts.end(), Utc(2027, 3, 16, 8)), 0);
  auto again = engine_->Book(Request(marco_, checkup_, Utc(2027, 3, 16, 8)));
  EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(again.status().message(), HasSubstr("not free"));
}

TEST_P(LifecycleTest, RescheduleFreesOldTimeAndNotesLocalTimes) {
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok()) << a.status();
  clock_->Advance(hours(1));
  RescheduleRequest r{a->id, Utc(2027, 3, 30, 7), std::nullopt,
                      {Actor::Kind::kCustomer, "anna"}};
  auto moved = engine_->Reschedule(r);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->start, Utc(2027, 3, 30, 7));
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 16u);
  auto timeline = engine_->Timeline(a->id);
  ASSERT_TRUE(timeline.ok());
  ASSERT_EQ(timeline->size(), 2u);
  EXPECT_EQ((*timeline)[0].kind, "rescheduled");  // newest first
  // 09:00 CET before the DST change, 09:00 CEST after it.
  EXPECT_THAT((*timeline)[0].details,
              HasSubstr("changed from Tue 2027-03-16 09:00 CET to "
                        "Tue 2027-03-30 09:00 CEST"));
  EXPECT_EQ((*timeline)[0].actor.id, "anna");
  EXPECT_EQ((*timeline)[1].kind, "created");
}

TEST_P(LifecycleTest, RescheduleIgnoresItselfForOverlaps) {
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok());
  // Moving by 15 minutes overlaps the old time only.
  auto moved = engine_->Reschedule(
      {a->id, Utc(2027, 3, 16, 8, 15), std::nullopt, {}});
  EXPECT_TRUE(moved.ok()) << moved.status();
}

TEST_P(LifecycleTest, CancelFreesTheSlotAndIsFinal) {
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok());
  auto c = engine_->Cancel(a->id, {Actor::Kind::kCustomer, "anna"},
                           "cannot come");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->state, AppointmentState::kCancelled);
  EXPECT_EQ(c->cancel_reason, "cannot come");
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 16u);
  EXPECT_TRUE(
      engine_->Book(Request(marco_, checkup_, Utc(2027, 3, 16, 8))).ok());
  auto twice = engine_->Cancel(a->id, {}, "again");
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kFailedPrecondition);
  auto move = engine_->Reschedule({a->id, Utc(2027, 3, 17, 8), {}, {}});
  EXPECT_EQ(move.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_P(LifecycleTest, AttendanceAndNoShow) {
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  auto b = engine_->Book(Request(marco_, checkup_, Utc(2027, 3, 16, 9)));
  ASSERT_TRUE(a.ok() && b.ok());
  // Not yet: a no-show before the start is refused.
  EXPECT_EQ(engine_->MarkNoShow(b->id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->MarkAttended(a->id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  clock_->Set(Utc(2027, 3, 16, 9, 10));
  auto attended = engine_->MarkAttended(a->id, {Actor::Kind::kStaff, "desk"});
  ASSERT_TRUE(attended.ok()) << attended.status();
  EXPECT_EQ(attended->state, AppointmentState::kAttended);
  auto noshow = engine_->MarkNoShow(b->id, {Actor::Kind::kStaff, "desk"});
  ASSERT_TRUE(noshow.ok()) << noshow.status();
  EXPECT_EQ(noshow->state, AppointmentState::kNoShow);
  EXPECT_EQ(engine_->MarkAttended(b->id, {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Reopen();
  auto again = engine_->GetAppointment(a->id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->state, AppointmentState::kAttended);
  auto timeline = engine_->Timeline(b->id);
  ASSERT_TRUE(timeline.ok());
  EXPECT_EQ(timeline->front().kind, "no_show");
}

TEST_P(LifecycleTest, AgentMayForceOutsideHoursButNeverOverCapacity) {
  BookRequest late = Request(anna_, checkup_, Utc(2027, 3, 16, 18));
  EXPECT_EQ(engine_->Book(late).status().code(),
            absl::StatusCode::kInvalidArgument);
  late.source = BookingSource::kAgent;
  late.actor = {Actor::Kind::kStaff, "agent-7"};
  late.force = true;
  auto forced = engine_->Book(late);
  ASSERT_TRUE(forced.ok()) << forced.status();
  late.customer_id = marco_;
  auto over = engine_->Book(late);
  EXPECT_EQ(over.status().code(), absl::StatusCode::kAlreadyExists);
  BookRequest online = Request(anna_, checkup_, Utc(2027, 3, 16, 18));
  online.force = true;  // only agents may force
  EXPECT_EQ(engine_->Book(online).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(LifecycleTest, GroupServiceFillsItsSeats) {
  const Instant ten = Utc(2027, 3, 16, 9);
  for (int i = 0; i < 3; ++i) {
    auto a = engine_->Book(Request(i % 2 ? anna_ : marco_, yoga_, ten));
    ASSERT_TRUE(a.ok()) << i << ": " << a.status();
  }
  auto full = engine_->Book(Request(anna_, yoga_, ten));
  EXPECT_EQ(full.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(full.status().message(), HasSubstr("full"));
  // The checkup cannot overlap the class.
  EXPECT_EQ(engine_->Book(Request(anna_, checkup_, ten)).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_P(LifecycleTest, BlockedIntervalsAndExceptionsHideSlots) {
  BlockedInterval off{0, rossi_, {Utc(2027, 3, 16, 8), Utc(2027, 3, 16, 12)},
                      "dentist", "gcal-1"};
  auto bid = engine_->AddBlockedInterval(off);
  ASSERT_TRUE(bid.ok()) << bid.status();
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 8u);
  EXPECT_EQ(engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 9)))
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  ASSERT_TRUE(engine_->RemoveBlockedInterval(*bid).ok());
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 16u);
  auto rossi = engine_->GetResource(rossi_);
  ASSERT_TRUE(rossi.ok());
  rossi->exceptions.push_back({2027, 3, 16, {}});
  ASSERT_TRUE(engine_->UpdateResource(*rossi).ok());
  EXPECT_TRUE(Starts(kTuesday, checkup_).empty());
}

TEST_P(LifecycleTest, EventsArriveAfterCommitInOrder) {
  std::vector<std::string> seen;
  const ListenerId id = engine_->AddListener([&](const Event& e) {
    seen.push_back(EventKindName(e.kind));
    // A listener may call back into the engine: no lock is held.
    auto a = engine_->GetAppointment(e.appointment.id);
    EXPECT_TRUE(a.ok());
    if (a.ok()) {
      EXPECT_EQ(a->state, e.appointment.state);
    }
  });
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok());
  auto moved = engine_->Reschedule({a->id, Utc(2027, 3, 16, 10), {}, {}});
  ASSERT_TRUE(moved.ok());
  ASSERT_TRUE(engine_->Cancel(a->id, {}, "closed").ok());
  // A failed command publishes nothing.
  EXPECT_FALSE(engine_->Cancel(a->id, {}, "closed").ok());
  engine_->RemoveListener(id);
  ASSERT_TRUE(
      engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 11))).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"appointment.created",
                                            "appointment.rescheduled",
                                            "appointment.cancelled"}));
}

// A listener's own command publishes its events while the outer command's
// are being delivered; neither list is disturbed by the other.
TEST_P(LifecycleTest, AListenersCommandPublishesInsideTheOuterDelivery) {
  std::vector<AppointmentId> created;
  engine_->AddListener([&](const Event& e) {
    if (e.kind != EventKind::kAppointmentCreated) return;
    const AppointmentId outer = e.appointment.id;
    created.push_back(outer);
    if (created.size() == 1) {
      ASSERT_TRUE(
          engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 10))).ok());
    }
    EXPECT_EQ(e.appointment.id, outer);  // still the event being delivered
  });
  auto first = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0], first->id);
  EXPECT_NE(created[1], first->id);
  auto third = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 12)));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(created.size(), 3u);
  EXPECT_EQ(created.back(), third->id);
}

TEST_P(LifecycleTest, ThrowingListenerDoesNotUndoTheCommand) {
  engine_->AddListener([](const Event&) { throw std::runtime_error("boom"); });
  auto a = engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8)));
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(engine_->GetAppointment(a->id).ok());
}

TEST_P(LifecycleTest, CustomerAppointmentsAndReopen) {
  ASSERT_TRUE(
      engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 17, 8))).ok());
  ASSERT_TRUE(
      engine_->Book(Request(anna_, checkup_, Utc(2027, 3, 16, 8))).ok());
  Reopen();
  auto list = engine_->ListCustomerAppointments(anna_);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_LT((*list)[0].start, (*list)[1].start);
  EXPECT_EQ(Starts(kTuesday, checkup_).size(), 15u);
}

}  // namespace
}  // namespace appt::testing
