// CRM pipelines and deals on both stores (R6.1–R6.5, R7.4), replaying seed
// 000 end to end on a manual clock: the one-time flow (booked → Scheduled,
// 12 h before → Today, 2 h after → Paid Won, cancelled → Closed Lost,
// rescheduled → the stage its new time calls for, with a note) and the
// membership flow (bought → Unscheduled, booked → Scheduled, 48 h before →
// Tomorrow, 12 h before → Today, visit closed → Scheduled or Unscheduled,
// used up or expired → Membership Expired).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deal_fixture.h"

namespace appt::testing {
namespace {

using ::testing::HasSubstr;

TEST_P(DealTest, PresetsAreSeed000) {
  const Pipeline one = Save(OneTimePipelinePreset());
  const Pipeline member = Save(MembershipPipelinePreset());
  ASSERT_EQ(one.stages.size(), 4u);
  EXPECT_EQ(one.opens_deals, DealSource::kBookings);
  EXPECT_EQ(one.stages[2].name, "Paid Won");
  EXPECT_EQ(one.stages[2].kind, StageKind::kWon);
  EXPECT_EQ(one.stages[3].kind, StageKind::kLost);
  ASSERT_EQ(member.stages.size(), 5u);
  EXPECT_EQ(member.stages[0].name, "Appointment Unscheduled");
  EXPECT_EQ(member.stages[4].name, "Membership Expired");
  EXPECT_NE(one.stages[0].id, member.stages[0].id);  // unique across
  for (const StageRule& r : member.rules) EXPECT_NE(r.id, 0);
  Reopen();
  EXPECT_EQ(engine_->ListPipelines().value(),
            (std::vector<Pipeline>{one, member}));
  const DealBoard board = engine_->GetDealBoard(one.id).value();
  ASSERT_EQ(board.columns.size(), 4u);
  EXPECT_EQ(board.pipeline, "One-time appointments");
  EXPECT_EQ(board.columns[0].stage, "Appointment Scheduled");
  EXPECT_EQ(board.columns[0].deals, 0);
}

TEST_P(DealTest, OneTimeDealMovesByBookingAndTime) {
  const Pipeline p = Save(OneTimePipelinePreset());
  const Appointment a = Book(kWed10).value();
  const Deal d = OnlyDeal();
  EXPECT_EQ(d.customer_id, anna_);
  EXPECT_EQ(d.title, "Checkup");
  EXPECT_EQ(d.amount, (Money{6000, "EUR"}));
  EXPECT_EQ(d.appointment_ids, std::vector<AppointmentId>{a.id});
  EXPECT_EQ(StageName(p, d), "Appointment Scheduled");
  ASSERT_EQ(DealTimers(a.id).size(), 2u);
  EXPECT_EQ(DealTimers(a.id)[0].due, kWed10 - hours(12));
  EXPECT_EQ(DealTimers(a.id)[1].due, kWed10 + hours(2));
  EXPECT_EQ(At(kWed10 - hours(12) - minutes(1), p, d.id),
            "Appointment Scheduled");
  EXPECT_EQ(At(kWed10 - hours(12), p, d.id), "Appointment Today");
  EXPECT_EQ(At(kWed10 + minutes(10), p, d.id), "Appointment Today");
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  EXPECT_EQ(At(kWed10 + hours(2), p, d.id), "Paid Won");
  const Deal won = engine_->GetDeal(d.id).value();
  EXPECT_EQ(won.closed_at, kWed10 + hours(2));
  EXPECT_TRUE(DealTimers(a.id).empty());
  const auto history = engine_->DealHistory(d.id).value();
  ASSERT_EQ(history.size(), 3u);  // newest first
  EXPECT_EQ(history[0].to_stage, "Paid Won");
  EXPECT_EQ(history[0].from_stage, "Appointment Today");
  EXPECT_EQ(history[0].text, "2h after the start");
  EXPECT_EQ(history[0].actor.kind, Actor::Kind::kEngine);
  EXPECT_EQ(history[1].text, "12h before the visit");
  EXPECT_EQ(history[1].at, kWed10 - hours(12));
  EXPECT_EQ(history[2].kind, DealEntryKind::kOpened);
  EXPECT_EQ(history[2].text, "appointment booked");
  std::lock_guard<std::mutex> lock(mu_);
  ASSERT_EQ(deal_events_.size(), 3u);
  EXPECT_EQ(deal_events_[0].kind, EventKind::kDealOpened);
  EXPECT_EQ(deal_events_[2].kind, EventKind::kDealStageChanged);
  EXPECT_EQ(deal_events_[2].deal->stage_id, won.stage_id);
  EXPECT_EQ(deal_events_[2].deal_entry->from_stage, "Appointment Today");
  EXPECT_EQ(deal_events_[2].appointment.id, a.id);
}

TEST_P(DealTest, RescheduleGoesBackToTheStageItsTimeCallsForWithANote) {
  const Pipeline p = Save(OneTimePipelinePreset());
  const Appointment a = Book(kWed10).value();
  const DealId d = OnlyDeal().id;
  EXPECT_EQ(At(kWed10 - hours(3), p, d), "Appointment Today");
  // Moved to next Wednesday: back to Scheduled, timers follow the new time.
  RescheduleRequest r{a.id, kWed10 + days(7)};
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Scheduled");
  const auto timers = DealTimers(a.id);
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].due, kWed10 + days(7) - hours(12));
  const auto history = engine_->DealHistory(d).value();
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[0].kind, DealEntryKind::kStageChanged);
  EXPECT_EQ(history[0].text, "appointment rescheduled");
  EXPECT_EQ(history[1].kind, DealEntryKind::kNote);
  EXPECT_EQ(history[1].text,
            "changed from Wed 2027-03-17 10:00 CET to Wed 2027-03-24 10:00 "
            "CET");
  // The old time's timer is gone: nothing moves on the old Wednesday.
  EXPECT_EQ(At(kWed10 + hours(2), p, d), "Appointment Scheduled");
  // Moved to within 12 hours: straight to Today.
  clock_->Set(kWed10 + days(6) + hours(1));   // Tuesday 11:00 CET
  r.new_start = kWed10 + days(6) + hours(6);  // Tuesday 16:00 CET
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Today");
  // Cancelled: Closed Lost, every stage timer dropped.
  ASSERT_TRUE(engine_->Cancel(a.id, {Actor::Kind::kCustomer, ""}, "sick").ok());
  const Deal lost = engine_->GetDeal(d).value();
  EXPECT_EQ(StageName(p, lost), "Closed Lost");
  EXPECT_TRUE(lost.closed_at.has_value());
  EXPECT_EQ(engine_->DealHistory(d).value()[0].text, "visit cancelled: sick");
  EXPECT_TRUE(DealTimers(a.id).empty());
  EXPECT_EQ(At(kWed10 + days(8), p, d), "Closed Lost");
}

TEST_P(DealTest, CancellingAtEachPointClosesLostAndANoShowNeverWins) {
  const Pipeline p = Save(OneTimePipelinePreset());
  // Cancelled while Scheduled.
  const Appointment a = Book(kWed10).value();
  const DealId first = OnlyDeal().id;
  ASSERT_TRUE(engine_->Cancel(a.id, {}, "clinic closed").ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(first).value()), "Closed Lost");
  // A second booking opens a second deal; marked no-show, it is not won.
  const Appointment b = Book(kWed10 + hours(1)).value();
  auto deals = engine_->ListDeals({p.id, 0, 0, true}).value();
  ASSERT_EQ(deals.size(), 1u);
  const DealId second = deals[0].id;
  EXPECT_NE(second, first);
  EXPECT_EQ(At(kWed10 + hours(1) + minutes(20), p, second),
            "Appointment Today");
  ASSERT_TRUE(engine_->MarkNoShow(b.id, {}).ok());
  EXPECT_EQ(At(kWed10 + hours(5), p, second), "Appointment Today");
  // Board: one lost, one today.
  const DealBoard board = engine_->GetDealBoard(p.id).value();
  EXPECT_EQ(board.columns[1].deals, 1);
  EXPECT_EQ(board.columns[3].deals, 1);
  EXPECT_EQ(board.columns[3].amount_minor_units, 6000);
  EXPECT_EQ(engine_->ListDeals({p.id, 0, 0, false}).value().size(), 2u);
  EXPECT_EQ(engine_->ListDeals({p.id, p.stages[3].id}).value().size(), 1u);
  EXPECT_EQ(engine_->ListDeals({0, 0, anna_}).value().size(), 2u);
  EXPECT_TRUE(engine_->ListDeals({0, 0, marco_}).value().empty());
}

TEST_P(DealTest, MembershipDealLoopsThroughTenVisitsToExpiry) {
  const Pipeline p = Save(MembershipPipelinePreset());
  const MembershipId m = BuyTen();
  const Deal opened = OnlyDeal();
  EXPECT_EQ(StageName(p, opened), "Appointment Unscheduled");
  EXPECT_EQ(opened.membership_id, m);
  EXPECT_EQ(opened.title, "Back Fit 10");
  EXPECT_EQ(opened.amount, (Money{45000, "EUR"}));
  const DealId d = opened.id;
  // Visit 1 on Friday: Scheduled; 48 h before → Tomorrow; 12 h → Today.
  const Instant fri10 = kWed10 + days(2);
  const Appointment v1 = Book(fri10, m).value();
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Scheduled");
  EXPECT_EQ(At(fri10 - hours(48), p, d), "Appointment Tomorrow");
  EXPECT_EQ(At(fri10 - hours(12), p, d), "Appointment Today");
  // A second visit booked meanwhile does not pull the deal back.
  const Appointment v2 = Book(fri10 + days(3), m).value();
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Today");
  clock_->Set(fri10 + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(v1.id, {}).ok());
  // Another is booked: back to Scheduled (Monday is 3 days away).
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Scheduled");
  EXPECT_EQ(engine_->DealHistory(d).value()[0].text, "visit attended");
  // Cancelling the only booked visit: Unscheduled.
  ASSERT_TRUE(engine_->Cancel(v2.id, {}, "away").ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
            "Appointment Unscheduled");
  // The remaining nine visits, one a week on Wednesdays; the last used one
  // expires the membership and the deal.
  for (int week = 1; week <= 9; ++week) {
    const Instant start = kWed10 + days(7 * week);
    clock_->Set(start - days(4));
    const Appointment v = Book(start, m).value();
    EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
              "Appointment Scheduled")
        << week;
    EXPECT_EQ(At(start - hours(20), p, d), "Appointment Tomorrow") << week;
    EXPECT_EQ(At(start - hours(1), p, d), "Appointment Today") << week;
    clock_->Set(start + minutes(30));
    ASSERT_TRUE(engine_->MarkAttended(v.id, {}).ok());
    const std::string expected =
        week < 9 ? "Appointment Unscheduled" : "Membership Expired";
    EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), expected) << week;
  }
  const Deal done = engine_->GetDeal(d).value();
  EXPECT_TRUE(done.closed_at.has_value());
  EXPECT_EQ(done.appointment_ids.size(), 11u);
  EXPECT_EQ(engine_->DealHistory(d).value()[0].text,
            "membership expired: visits used up");
  EXPECT_EQ(engine_->GetMembership(m).value().state, MembershipState::kExpired);
  const DealCard card = engine_->GetDealCard(d).value();
  EXPECT_EQ(card.visits_left, 0);
  EXPECT_EQ(card.stage, "Membership Expired");
  EXPECT_EQ(card.stage_kind, StageKind::kWon);
  EXPECT_FALSE(card.next_appointment.has_value());
}

TEST_P(DealTest, MembershipValidityEndingMovesTheDealInRunDue) {
  const Pipeline p = Save(MembershipPipelinePreset());
  const MembershipId m = BuyTen(/*validity_days=*/30);
  const DealId d = OnlyDeal().id;
  const Instant expiry = clock_->Now() + days(30);
  EXPECT_EQ(engine_->NextDueAt().value(), expiry);
  EXPECT_EQ(At(expiry - minutes(1), p, d), "Appointment Unscheduled");
  EXPECT_EQ(At(expiry, p, d), "Membership Expired");
  const Membership after = engine_->GetMembership(m).value();
  EXPECT_EQ(after.state, MembershipState::kExpired);
  EXPECT_EQ(after.expired_reason, "validity ended");
  EXPECT_EQ(engine_->DealHistory(d).value()[0].text,
            "membership expired: validity ended");
  EXPECT_EQ(engine_->NextDueAt().value(), std::nullopt);
  Reopen();
  EXPECT_EQ(engine_->GetMembership(m).value(), after);
}

TEST_P(DealTest, MembershipRescheduleAndCancelAtEachStage) {
  const Pipeline p = Save(MembershipPipelinePreset());
  const MembershipId m = BuyTen();
  const DealId d = OnlyDeal().id;
  const Appointment a = Book(kWed10, m).value();
  EXPECT_EQ(At(kWed10 - hours(30), p, d), "Appointment Tomorrow");
  // Moved a week on: back to Scheduled, with the note.
  RescheduleRequest r{a.id, kWed10 + days(7)};
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Scheduled");
  EXPECT_EQ(engine_->DealHistory(d).value()[1].text,
            "changed from Wed 2027-03-17 10:00 CET to Wed 2027-03-24 10:00 "
            "CET");
  // The old Wednesday's timers are gone; the new ones fire.
  EXPECT_EQ(At(kWed10 - hours(1), p, d), "Appointment Scheduled");
  EXPECT_EQ(At(kWed10 + days(7) - hours(12), p, d), "Appointment Today");
  // A second visit later that week, then the first cancelled: the deal
  // follows the second (Friday, 60 hours away: Scheduled).
  const Appointment b = Book(kWed10 + days(9), m).value();
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Today");
  ASSERT_TRUE(engine_->Cancel(a.id, {}, "traffic").ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Scheduled");
  EXPECT_EQ(engine_->DealHistory(d).value()[0].text,
            "visit cancelled: traffic");
  // Moved to within 48 hours: Tomorrow at once; within 12: Today;
  // cancelled: Unscheduled.
  r = {b.id, kWed10 + days(7) + hours(6)};  // Wednesday 16:00 CET
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Tomorrow");
  r = {b.id, kWed10 + days(7) - hours(1)};  // Wednesday 09:00 CET
  ASSERT_TRUE(engine_->Reschedule(r).ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Today");
  ASSERT_TRUE(engine_->Cancel(b.id, {}, "ill").ok());
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
            "Appointment Unscheduled");
  EXPECT_EQ(engine_->GetMembership(m).value().visits_left(), 10);
  EXPECT_EQ(At(kWed10 + days(10), p, d), "Appointment Unscheduled");
}

TEST_P(DealTest, DueTimersActBeforeAChangeThatComesFirst) {
  const Pipeline p = Save(OneTimePipelinePreset());
  const Appointment a = Book(kWed10).value();
  const DealId d = OnlyDeal().id;
  // Nobody ran RunDue since Tuesday; the visit is marked attended after
  // its "2 h after" point: the due timers fire first, against the state
  // after the change (the visit is no longer upcoming, so "Today" is
  // skipped), and the deal is won.
  clock_->Set(kWed10 + hours(2) + minutes(3));
  ASSERT_TRUE(engine_->MarkAttended(a.id, {}).ok());
  const auto history = engine_->DealHistory(d).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].to_stage, "Paid Won");
  EXPECT_EQ(history[0].from_stage, "Appointment Scheduled");
  EXPECT_TRUE(DealTimers(a.id).empty());
  {
    std::lock_guard<std::mutex> lock(mu_);
    ASSERT_FALSE(deal_events_.empty());
    EXPECT_EQ(deal_events_[0].kind, EventKind::kDealOpened);
    EXPECT_EQ(deal_events_[0].deal->appointment_ids,
              std::vector<AppointmentId>{a.id});
  }
  EXPECT_EQ(At(kWed10 + hours(3), p, d), "Paid Won");
}

TEST_P(DealTest, ARequestAwaitingApprovalIsNeverWon) {
  const Pipeline p = Save(OneTimePipelinePreset());
  const StatusChain chain =
      engine_->CreateStatusChain(ManualApprovalChain()).value();
  Service checkup = engine_->GetService(checkup_).value();
  checkup.workflow_enabled = true;
  ASSERT_TRUE(engine_->UpdateService(checkup).ok());
  ASSERT_TRUE(engine_->SetWorkflowSettings({true, chain.id, {}}).ok());
  ASSERT_TRUE(Book(kWed10).ok());  // "Pending", holding its slot
  const DealId d = OnlyDeal().id;
  EXPECT_EQ(At(kWed10 - hours(1), p, d), "Appointment Today");
  EXPECT_EQ(At(kWed10 + hours(3), p, d), "Appointment Today");
  EXPECT_FALSE(engine_->GetDeal(d).value().closed_at.has_value());
}

APPT_INSTANTIATE_FOR_BOTH_STORES(DealTest);

}  // namespace
}  // namespace appt::testing
