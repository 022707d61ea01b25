// CRM pipelines and deals on both stores (R6.1–R6.5, R7.4), replaying seed
// 000 end to end on a manual clock: the one-time flow (booked → Scheduled,
// 12 h before → Today, 2 h after → Paid Won, cancelled → Closed Lost,
// rescheduled → the stage its new time calls for, with a note) and the
// membership flow (bought → Unscheduled, booked → Scheduled, 48 h before →
// Tomorrow, 12 h before → Today, visit closed → Scheduled or Unscheduled,
// used up or expired → Membership Expired), the deal card and board, and
// bad input changing nothing. The clock starts on Monday 2027-03-15 06:00
// UTC; Dr. Rossi works 09:00-17:00 Europe/Berlin (UTC+1 until March 28).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "engine_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);  // Wednesday 10:00 CET

class DealTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    engine_->AddListener([this](const Event& e) {
      if (!e.deal) return;
      std::lock_guard<std::mutex> lock(mu_);
      deal_events_.push_back(e);
    });
  }
  Pipeline Save(const Pipeline& p) {
    auto saved = engine_->CreatePipeline(p);
    EXPECT_TRUE(saved.ok()) << saved.status();
    return saved.value_or(Pipeline{});
  }
  static StageId StageOf(const Pipeline& p, const std::string& name) {
    for (const Stage& s : p.stages) {
      if (s.name == name) return s.id;
    }
    ADD_FAILURE() << "no stage " << name;
    return 0;
  }
  absl::StatusOr<Appointment> Book(Instant start, MembershipId m = 0) {
    BookRequest r;
    r.customer_id = anna_;
    r.service_id = checkup_;
    r.resource_id = rossi_;
    r.start = start;
    r.membership_id = m;
    return engine_->Book(r);
  }
  Deal OnlyDeal() {
    auto deals = engine_->ListDeals({});
    EXPECT_TRUE(deals.ok() && deals->size() == 1u);
    return deals.ok() && !deals->empty() ? deals->front() : Deal{};
  }
  std::string StageName(const Pipeline& p, const Deal& d) {
    for (const Stage& s : p.stages) {
      if (s.id == d.stage_id) return s.name;
    }
    return "?";
  }
  // Runs due work at `t` and returns the deal's stage name.
  std::string At(Instant t, const Pipeline& p, DealId id) {
    clock_->Set(t);
    EXPECT_TRUE(engine_->RunDue().ok());
    return StageName(p, engine_->GetDeal(id).value());
  }
  std::vector<Timer> DealTimers(AppointmentId id) {
    std::vector<Timer> out;
    const std::vector<Timer> all = engine_->ListPendingTimers(id).value();
    for (const Timer& t : all) {
      if (t.kind == TimerKind::kDealStage) out.push_back(t);
    }
    return out;
  }
  MembershipId BuyTen(int validity_days = 90) {
    MembershipPlan plan;
    plan.name = "Back Fit 10";
    plan.service_ids = {checkup_};
    plan.visits = 10;
    plan.validity_days = validity_days;
    plan.price = {45000, "EUR"};
    const PlanId id = engine_->CreateMembershipPlan(plan).value();
    return engine_->PurchaseMembership({anna_, id}).value().id;
  }

  std::mutex mu_;
  std::vector<Event> deal_events_;
};

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
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
            "Appointment Scheduled");
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
  clock_->Set(kWed10 + days(6) + hours(1));  // Tuesday 11:00 CET
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
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
            "Appointment Scheduled");
  EXPECT_EQ(At(fri10 - hours(48), p, d), "Appointment Tomorrow");
  EXPECT_EQ(At(fri10 - hours(12), p, d), "Appointment Today");
  // A second visit booked meanwhile does not pull the deal back.
  const Appointment v2 = Book(fri10 + days(3), m).value();
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()), "Appointment Today");
  clock_->Set(fri10 + minutes(5));
  ASSERT_TRUE(engine_->MarkAttended(v1.id, {}).ok());
  // Another is booked: back to Scheduled (Monday is 3 days away).
  EXPECT_EQ(StageName(p, engine_->GetDeal(d).value()),
            "Appointment Scheduled");
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

TEST_P(DealTest, DealCardShowsWhatTheCrmNeeds) {
  Save(MembershipPipelinePreset());
  const MembershipId m = BuyTen();
  const DealId d = OnlyDeal().id;
  const Appointment a = Book(kWed10, m).value();
  ASSERT_TRUE(
      engine_->SetDealIntegration(d, "B24-77", {{"bitrix_deal", "77"}}).ok());
  ASSERT_TRUE(engine_->AddDealNote(d, {Actor::Kind::kStaff, "giulia"},
                                   "prefers mornings")
                  .ok());
  Reopen();
  const DealCard card = engine_->GetDealCard(d).value();
  EXPECT_EQ(card.pipeline, "Memberships");
  EXPECT_EQ(card.stage, "Appointment Scheduled");
  ASSERT_TRUE(card.next_appointment.has_value());
  EXPECT_EQ(card.next_appointment->id, a.id);
  EXPECT_EQ(card.next_local_start, "2027-03-17 10:00");
  EXPECT_EQ(card.next_time_zone, "Europe/Berlin");
  EXPECT_EQ(card.service, "Checkup");
  EXPECT_EQ(card.resource, "Dr. Rossi");
  EXPECT_EQ(card.customer.id, anna_);
  EXPECT_FALSE(card.customer.email.empty());
  EXPECT_EQ(card.deal.amount, (Money{45000, "EUR"}));
  EXPECT_EQ(card.membership_kind, "Back Fit 10");
  EXPECT_EQ(card.visits_left, 9);
  EXPECT_EQ(card.certificate_number,
            engine_->GetMembership(m).value().certificate_number);
  ASSERT_EQ(card.history.size(), 3u);
  EXPECT_EQ(card.history[0].text, "prefers mornings");
  EXPECT_EQ(card.history[0].actor.id, "giulia");
  ASSERT_GE(card.integration.size(), 11u);
  EXPECT_EQ(card.integration[0].key, "deal_id");
  EXPECT_EQ(card.integration[0].value, std::to_string(d));
  EXPECT_EQ(card.integration[6].value, std::to_string(a.id));
  EXPECT_EQ(card.integration[7].value, "2027-03-17T09:00:00Z");
  EXPECT_EQ(card.integration[9].value, "B24-77");
  EXPECT_EQ(card.integration.back().key, "bitrix_deal");
}

TEST_P(DealTest, HostOpensLinksAndMovesDeals) {
  Pipeline manual;
  manual.name = "Corporate";
  manual.stages = {{0, "Lead"}, {0, "Booked"}, {0, "Won", StageKind::kWon}};
  manual.rules = {{0, StageTrigger::kBooked, StageCondition::kAlways,
                   Duration(0), "Booked"}};
  const Pipeline p = Save(manual);
  const Appointment a = Book(kWed10).value();  // no deal: manual pipeline
  EXPECT_TRUE(engine_->ListDeals({}).value().empty());
  OpenDealRequest r;
  r.pipeline_id = p.id;
  r.customer_id = anna_;
  r.title = "Team checkups";
  r.amount = {120000, "EUR"};
  r.external_id = "CRM-1";
  const Deal d = engine_->OpenDeal(r).value();
  EXPECT_EQ(StageName(p, d), "Lead");
  const Deal linked =
      engine_->LinkDealAppointment(d.id, a.id, {Actor::Kind::kStaff, "x"})
          .value();
  EXPECT_EQ(StageName(p, linked), "Booked");
  EXPECT_EQ(linked.appointment_ids, std::vector<AppointmentId>{a.id});
  EXPECT_EQ(engine_->LinkDealAppointment(d.id, a.id, {}).status().code(),
            absl::StatusCode::kAlreadyExists);
  const Deal won =
      engine_->MoveDeal(d.id, p.stages[2].id, {}, "signed contract").value();
  EXPECT_TRUE(won.closed_at.has_value());
  EXPECT_EQ(engine_->DealHistory(d.id).value()[0].text,
            "moved by staff: signed contract");
  EXPECT_EQ(engine_->MoveDeal(d.id, p.stages[2].id, {}, "").status().code(),
            absl::StatusCode::kFailedPrecondition);
  // Reopened by staff.
  EXPECT_FALSE(
      engine_->MoveDeal(d.id, p.stages[1].id, {}, "").value().closed_at);
}

TEST_P(DealTest, BadPipelinesAreRefusedNamingTheField) {
  Pipeline p = OneTimePipelinePreset();
  p.rules[1].stage = "Appointment Tomorrow";
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[1].stage \"Appointment Tomorrow\" is not a "
                        "stage of this pipeline"));
  p = OneTimePipelinePreset();
  p.stages[1].name = p.stages[0].name;
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("stages[1].name"));
  p = OneTimePipelinePreset();
  p.rules[0].offset = hours(1);
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[0].offset"));
  p = OneTimePipelinePreset();
  p.rules[1].condition = StageCondition::kNoneBooked;
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[1].condition"));
  p = OneTimePipelinePreset();
  p.rules[1].offset = days(400);
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[1].offset"));
  p = OneTimePipelinePreset();
  p.rules.push_back(p.rules[0]);
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[4] repeats"));
  p = OneTimePipelinePreset();
  p.stages.clear();
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("stages"));
  p = OneTimePipelinePreset();
  p.name = "\xff";
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(), HasSubstr("name"));
  p = OneTimePipelinePreset();
  p.service_ids = {999};
  EXPECT_EQ(engine_->CreatePipeline(p).status().code(),
            absl::StatusCode::kNotFound);
  p.service_ids = {checkup_, checkup_};
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("service_ids[1]"));
  p = OneTimePipelinePreset();
  p.stages[0].id = 5;
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("stages[0].id"));
  p = OneTimePipelinePreset();
  p.stages[0].kind = static_cast<StageKind>(9);
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("stages[0].kind"));
  p = OneTimePipelinePreset();
  p.rules[0].trigger = static_cast<StageTrigger>(-1);
  EXPECT_THAT(engine_->CreatePipeline(p).status().message(),
              HasSubstr("rules[0].trigger"));
  EXPECT_TRUE(engine_->ListPipelines().value().empty());
  // Two pipelines may not open deals for the same bookings.
  const Pipeline saved = Save(OneTimePipelinePreset());
  Pipeline twin = OneTimePipelinePreset();
  twin.service_ids = {checkup_};
  EXPECT_EQ(engine_->CreatePipeline(twin).status().code(),
            absl::StatusCode::kFailedPrecondition);
  twin.opens_deals = DealSource::kManual;
  EXPECT_TRUE(engine_->CreatePipeline(twin).ok());
  // Stages holding deals stay; a pipeline with deals stays.
  ASSERT_TRUE(Book(kWed10).ok());
  Pipeline smaller = saved;
  smaller.stages.erase(smaller.stages.begin());
  smaller.rules = {};
  EXPECT_THAT(engine_->UpdatePipeline(smaller).status().message(),
              HasSubstr("\"Appointment Scheduled\" holds deals"));
  Pipeline rekind = saved;
  rekind.stages[0].kind = StageKind::kWon;
  EXPECT_EQ(engine_->UpdatePipeline(rekind).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Pipeline foreign = saved;
  foreign.stages[0].id = 999;
  EXPECT_THAT(engine_->UpdatePipeline(foreign).status().message(),
              HasSubstr("stages[0].id 999"));
  EXPECT_EQ(engine_->DeletePipeline(saved.id).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_->GetPipeline(saved.id).value(), saved);
  EXPECT_EQ(engine_->GetPipeline(999).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(DealTest, BadDealCommandsChangeNothing) {
  const Pipeline p = Save(OneTimePipelinePreset());
  const Appointment a = Book(kWed10).value();
  const Deal d = OnlyDeal();
  OpenDealRequest r;
  r.pipeline_id = 999;
  r.customer_id = anna_;
  EXPECT_EQ(engine_->OpenDeal(r).status().code(), absl::StatusCode::kNotFound);
  r.pipeline_id = p.id;
  r.customer_id = 999;
  EXPECT_EQ(engine_->OpenDeal(r).status().code(), absl::StatusCode::kNotFound);
  r.customer_id = marco_;
  r.appointment_ids = {a.id};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("belongs to customer_id"));
  r.customer_id = anna_;
  EXPECT_EQ(engine_->OpenDeal(r).status().code(),
            absl::StatusCode::kAlreadyExists);
  r.appointment_ids = {};
  r.amount = {-1, "EUR"};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("amount.minor_units -1"));
  r.amount = {1, "euro"};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("amount.currency"));
  r.amount = {};
  r.integration = {{"k", "1"}, {"k", "2"}};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("integration[1].key"));
  r.integration = {{"", "1"}};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("integration[0].key"));
  r.integration = {};
  r.membership_id = 999;
  EXPECT_EQ(engine_->OpenDeal(r).status().code(), absl::StatusCode::kNotFound);
  r.membership_id = 0;
  r.actor = {static_cast<Actor::Kind>(7), ""};
  EXPECT_THAT(engine_->OpenDeal(r).status().message(),
              HasSubstr("actor.kind 7"));
  EXPECT_EQ(engine_->MoveDeal(d.id, 999, {}, "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->MoveDeal(999, p.stages[1].id, {}, "").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(engine_->AddDealNote(d.id, {}, "").status().message(),
              HasSubstr("text"));
  EXPECT_EQ(engine_->AddDealNote(999, {}, "x").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(
      engine_->SetDealIntegration(d.id, std::string(300, 'x'), {}).status()
          .message(),
      HasSubstr("external_id"));
  EXPECT_EQ(engine_->LinkDealAppointment(d.id, 999, {}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetDealCard(999).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetDealBoard(999).status().code(),
            absl::StatusCode::kNotFound);
  DealQuery q;
  q.limit = 0;
  EXPECT_THAT(engine_->ListDeals(q).status().message(), HasSubstr("limit 0"));
  EXPECT_EQ(engine_->ListDeals({}).value(), std::vector<Deal>{d});
  EXPECT_EQ(engine_->DealHistory(d.id).value().size(), 1u);
}

TEST_P(DealTest, UpdatingRulesReplansOpenDeals) {
  Pipeline p = Save(OneTimePipelinePreset());
  const Appointment a = Book(kWed10).value();
  p.rules[1].offset = hours(-24);
  p.stages[1].name = "Appointment Soon";
  p.rules[1].stage = "Appointment Soon";
  const Pipeline updated = engine_->UpdatePipeline(p).value();
  EXPECT_EQ(updated.stages[1].id, p.stages[1].id);  // kept
  const auto timers = DealTimers(a.id);
  ASSERT_EQ(timers.size(), 2u);
  EXPECT_EQ(timers[0].due, kWed10 - hours(24));
  EXPECT_EQ(timers[0].rule_id, updated.rules[1].id);
  EXPECT_EQ(At(kWed10 - hours(24), updated, OnlyDeal().id),
            "Appointment Soon");
}

APPT_INSTANTIATE_FOR_BOTH_STORES(DealTest);

}  // namespace
}  // namespace appt::testing
