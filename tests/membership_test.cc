// Memberships on both stores (R7.1–R7.4): plans, purchase with a unique
// certificate number, visits held by bookings, returned by cancellations,
// used by attendance and by no-shows per the terms; no booking beyond the
// visits left or after expiry; expiry when used up or when validity ends;
// counters right under concurrent bookings; bad input changing nothing.
// The clock starts on Monday 2027-03-15 06:00 UTC; Dr. Rossi works
// 09:00-17:00 Europe/Berlin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "engine/membership_step.h"
#include "engine_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);  // 10:00 CET

class MembershipTest : public EngineTest {
 protected:
  PlanId SavePlan(int visits, NoShowPolicy no_show = NoShowPolicy::kUsesVisit,
                  int validity_days = 90) {
    MembershipPlan p;
    p.name = "Ten checkups";
    p.service_ids = {checkup_};
    p.visits = visits;
    p.validity_days = validity_days;
    p.price = {45000, "EUR"};
    p.no_show = no_show;
    auto id = engine_->CreateMembershipPlan(p);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }
  Membership Buy(PlanId plan, CustomerId customer = 0) {
    auto m = engine_->PurchaseMembership({customer ? customer : anna_, plan});
    EXPECT_TRUE(m.ok()) << m.status();
    return m.value_or(Membership{});
  }
  absl::StatusOr<Appointment> BookOn(MembershipId m, Instant start,
                                     CustomerId customer = 0,
                                     ServiceId service = 0) {
    BookRequest r;
    r.customer_id = customer ? customer : anna_;
    r.service_id = service ? service : checkup_;
    r.resource_id = rossi_;
    r.start = start;
    r.membership_id = m;
    return engine_->Book(r);
  }
  Membership Reload(MembershipId id) {
    return engine_->GetMembership(id).value();
  }
};

TEST_P(MembershipTest, PurchaseFixesTheTermsAndGivesACertificate) {
  const PlanId plan = SavePlan(10);
  const Membership m = Buy(plan);
  EXPECT_EQ(m.plan_id, plan);
  EXPECT_EQ(m.customer_id, anna_);
  EXPECT_EQ(m.visits_total, 10);
  EXPECT_EQ(m.visits_left(), 10);
  EXPECT_EQ(m.purchased_at, clock_->Now());
  EXPECT_EQ(m.expires_at, clock_->Now() + days(90));
  EXPECT_EQ(m.state, MembershipState::kActive);
  EXPECT_EQ(m.service_ids, std::vector<ServiceId>{checkup_});
  EXPECT_EQ(m.price, (Money{45000, "EUR"}));
  ASSERT_EQ(m.certificate_number.size(), 11u);
  EXPECT_EQ(m.certificate_number[0], 'M');
  EXPECT_TRUE(engine::LuhnValid(m.certificate_number.substr(1)))
      << m.certificate_number;
  // The plan changes later; the membership keeps its terms.
  MembershipPlan changed = engine_->GetMembershipPlan(plan).value();
  changed.visits = 5;
  changed.service_ids = {yoga_};
  ASSERT_TRUE(engine_->UpdateMembershipPlan(changed).ok());
  EXPECT_EQ(engine_->GetMembershipPlan(plan).value(), changed);
  Reopen();
  EXPECT_EQ(Reload(m.id), m);
  const Membership second = Buy(plan);
  EXPECT_EQ(second.visits_total, 5);
  EXPECT_NE(second.certificate_number, m.certificate_number);
  EXPECT_EQ(engine_->ListCustomerMemberships(anna_).value(),
            (std::vector<Membership>{m, second}));
  // The host's own card number, unique.
  PurchaseRequest card{marco_, plan};
  card.certificate_number = "CARD-0042";
  EXPECT_EQ(engine_->PurchaseMembership(card).value().certificate_number,
            "CARD-0042");
  EXPECT_EQ(engine_->PurchaseMembership(card).status().code(),
            absl::StatusCode::kAlreadyExists);
  card.certificate_number = "no spaces";
  EXPECT_THAT(engine_->PurchaseMembership(card).status().message(),
              HasSubstr("certificate_number"));
  EXPECT_EQ(engine_->ListCustomerMemberships(marco_).value().size(), 1u);
  EXPECT_EQ(engine_->ListMembershipPlans().value().size(), 1u);
}

TEST_P(MembershipTest, VisitsAreHeldReturnedAndUsed) {
  const Membership m = Buy(SavePlan(10));
  const Appointment a = BookOn(m.id, kWed10).value();
  EXPECT_EQ(a.membership_id, m.id);
  EXPECT_EQ(Reload(m.id).visits_booked, 1);
  EXPECT_EQ(Reload(m.id).visits_left(), 9);
  const Appointment b = BookOn(m.id, kWed10 + hours(1)).value();
  ASSERT_TRUE(engine_->Cancel(b.id, {}, "changed plans").ok());
  EXPECT_EQ(Reload(m.id).visits_booked, 1);  // returned
  clock_->Set(kWed10 + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  const Membership after = Reload(m.id);
  EXPECT_EQ(after.visits_booked, 0);
  EXPECT_EQ(after.visits_used, 1);
  EXPECT_EQ(after.visits_left(), 9);
  // A booking without a membership touches none.
  BookRequest plain;
  plain.customer_id = anna_;
  plain.service_id = checkup_;
  plain.resource_id = rossi_;
  plain.start = kWed10 + hours(2);
  EXPECT_EQ(engine_->Book(plain).value().membership_id, 0);
  EXPECT_EQ(Reload(m.id), after);
}

TEST_P(MembershipTest, NoShowsFollowTheTerms) {
  const Membership uses = Buy(SavePlan(5, NoShowPolicy::kUsesVisit));
  const Membership returns = Buy(SavePlan(5, NoShowPolicy::kReturnsVisit));
  const Appointment a = BookOn(uses.id, kWed10).value();
  const Appointment b = BookOn(returns.id, kWed10 + hours(1)).value();
  clock_->Set(kWed10 + hours(2));
  ASSERT_TRUE(engine_->MarkNoShow(a.id, {}).ok());
  ASSERT_TRUE(engine_->MarkNoShow(b.id, {}).ok());
  EXPECT_EQ(Reload(uses.id).visits_used, 1);
  EXPECT_EQ(Reload(uses.id).visits_left(), 4);
  EXPECT_EQ(Reload(returns.id).visits_used, 0);
  EXPECT_EQ(Reload(returns.id).visits_left(), 5);
}

TEST_P(MembershipTest, TheLastVisitUsedExpiresIt) {
  const Membership m = Buy(SavePlan(2));
  const Appointment a = BookOn(m.id, kWed10).value();
  const Appointment b = BookOn(m.id, kWed10 + hours(1)).value();
  auto full = BookOn(m.id, kWed10 + hours(2));
  EXPECT_EQ(full.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(full.status().message(), HasSubstr("no visit left"));
  clock_->Set(kWed10 + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  EXPECT_EQ(Reload(m.id).state, MembershipState::kActive);  // b still booked
  clock_->Set(kWed10 + hours(1) + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(b.id, {}).ok());
  const Membership done = Reload(m.id);
  EXPECT_EQ(done.state, MembershipState::kExpired);
  EXPECT_EQ(done.expired_reason, "visits used up");
  EXPECT_EQ(done.expired_at, std::optional(clock_->Now()));
  EXPECT_EQ(BookOn(m.id, kWed10 + days(1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(MembershipTest, NoBookingAfterExpiry) {
  const Membership m = Buy(SavePlan(10, NoShowPolicy::kUsesVisit, 3));
  // Expires Thu 2027-03-18 06:00 UTC.
  auto late = BookOn(m.id, Utc(2027, 3, 18, 9));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(late.status().message(), HasSubstr("expires at"));
  const Appointment a = BookOn(m.id, kWed10).value();
  RescheduleRequest move;
  move.appointment_id = a.id;
  move.new_start = Utc(2027, 3, 18, 9);
  EXPECT_THAT(engine_->Reschedule(move).status().message(),
              HasSubstr("expires at"));
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), a);
  clock_->Set(m.expires_at);
  const Membership ended = Reload(m.id);
  EXPECT_EQ(ended.state, MembershipState::kExpired);
  EXPECT_EQ(ended.expired_reason, "validity ended");
  EXPECT_EQ(BookOn(m.id, Utc(2027, 3, 18, 9)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(MembershipTest, BadInputIsRefusedAndChangesNothing) {
  const PlanId plan = SavePlan(10);
  MembershipPlan bad;
  bad.name = "x";
  bad.service_ids = {checkup_};
  auto expect = [&](MembershipPlan p, absl::StatusCode code,
                    const char* says) {
    auto id = engine_->CreateMembershipPlan(p);
    EXPECT_EQ(id.status().code(), code) << id.status();
    EXPECT_THAT(id.status().message(), HasSubstr(says));
  };
  MembershipPlan p = bad;
  p.name = "";
  expect(p, absl::StatusCode::kInvalidArgument, "plan.name");
  p = bad;
  p.service_ids = {};
  expect(p, absl::StatusCode::kInvalidArgument, "plan.service_ids");
  p = bad;
  p.service_ids = {checkup_, checkup_};
  expect(p, absl::StatusCode::kInvalidArgument, "listed twice");
  p = bad;
  p.service_ids = {999};
  expect(p, absl::StatusCode::kNotFound, "service_id 999");
  p = bad;
  p.visits = 0;
  expect(p, absl::StatusCode::kInvalidArgument, "plan.visits 0");
  p = bad;
  p.validity_days = 4000;
  expect(p, absl::StatusCode::kInvalidArgument, "plan.validity_days 4000");
  p = bad;
  p.price = {-1, "EUR"};
  expect(p, absl::StatusCode::kInvalidArgument, "plan.price.minor_units -1");
  p = bad;
  p.price = {100, "euro"};
  expect(p, absl::StatusCode::kInvalidArgument, "plan.price.currency");
  EXPECT_EQ(engine_->ListMembershipPlans().value().size(), 1u);
  bad.id = 77;
  EXPECT_EQ(engine_->UpdateMembershipPlan(bad).code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->PurchaseMembership({anna_, 77}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->PurchaseMembership({999, plan}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(engine_->ListCustomerMemberships(anna_).value().empty());
  const Membership m = Buy(plan);
  EXPECT_THAT(BookOn(m.id, kWed10, marco_).status().message(),
              HasSubstr("belongs to customer_id"));
  EXPECT_THAT(BookOn(m.id, kWed10, anna_, yoga_).status().message(),
              HasSubstr("does not cover service_id"));
  EXPECT_EQ(BookOn(4242, kWed10).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Reload(m.id), m);
  EXPECT_EQ(engine_->GetMembership(4242).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(MembershipTest, ARejectedRequestReturnsItsVisit) {
  const Membership m = Buy(SavePlan(3));
  const StatusChain chain =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  Service checkup = engine_->GetService(checkup_).value();
  checkup.workflow_enabled = true;
  ASSERT_TRUE(engine_->UpdateService(checkup).ok());
  ASSERT_TRUE(engine_->SetWorkflowSettings({true, chain.id, {}}).ok());
  const Appointment request = BookOn(m.id, kWed10).value();
  EXPECT_EQ(Reload(m.id).visits_booked, 1);
  ASSERT_TRUE(engine_
                  ->SetStatus({request.id, chain.statuses[2].id, {},
                               "no referral"})
                  .ok());
  EXPECT_EQ(Reload(m.id).visits_booked, 0);
}

TEST_P(MembershipTest, ConcurrentBookingsNeverOverdrawTheVisits) {
  const Membership m = Buy(SavePlan(3));
  constexpr int kThreads = 8;
  std::atomic<int> booked{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto a = BookOn(m.id, kWed10 + minutes(30) * i);
      if (a.ok()) {
        ++booked;
      } else if (absl::IsFailedPrecondition(a.status())) {
        ++refused;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(booked.load(), 3);
  EXPECT_EQ(refused.load(), kThreads - 3);
  const Membership after = Reload(m.id);
  EXPECT_EQ(after.visits_booked, 3);
  EXPECT_EQ(after.visits_left(), 0);
}

TEST_P(MembershipTest, TwoEnginesOnOneFileNeverOverdrawTheVisits) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "one process per memory store";
  const Membership m = Buy(SavePlan(3));
  auto other = Engine::Open(OpenStore("sqlite", db_path_), {clock_});
  ASSERT_TRUE(other.ok()) << other.status();
  std::atomic<int> booked{0};
  auto race = [&](Engine& engine, int first) {
    for (int i = first; i < first + 4; ++i) {
      BookRequest r;
      r.customer_id = anna_;
      r.service_id = checkup_;
      r.resource_id = rossi_;
      r.start = kWed10 + minutes(30) * i;
      r.membership_id = m.id;
      if (engine.Book(r).ok()) ++booked;
    }
  };
  std::thread a([&] { race(*engine_, 0); });
  std::thread b([&] { race(**other, 4); });
  a.join();
  b.join();
  EXPECT_EQ(booked.load(), 3);
  EXPECT_EQ(Reload(m.id).visits_booked, 3);
}

APPT_INSTANTIATE_FOR_BOTH_STORES(MembershipTest);

}  // namespace
}  // namespace appt::testing
