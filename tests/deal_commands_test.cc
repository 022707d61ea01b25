// CRM deals on both stores (R6.1, R6.3, R6.4): the deal card, deals the
// host opens, links and moves, pipeline updates re-planning open deals,
// and bad input for every entry point, naming the field and changing
// nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deal_fixture.h"

namespace appt::testing {
namespace {

using ::testing::HasSubstr;

TEST_P(DealTest, DealCardShowsWhatTheCrmNeeds) {
  Save(MembershipPipelinePreset());
  const MembershipId m = BuyTen();
  const DealId d = OnlyDeal().id;
  const Appointment a = Book(kWed10, m).value();
  ASSERT_TRUE(
      engine_->SetDealIntegration(d, "B24-77", {{"bitrix_deal", "77"}}).ok());
  ASSERT_TRUE(
      engine_
          ->AddDealNote(d, {Actor::Kind::kStaff, "giulia"}, "prefers mornings")
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
  EXPECT_THAT(engine_->SetDealIntegration(d.id, std::string(300, 'x'), {})
                  .status()
                  .message(),
              HasSubstr("external_id"));
  EXPECT_EQ(engine_->LinkDealAppointment(d.id, 999, {}).status().code(),
            absl::StatusCode::kNotFound);
  BookRequest other;
  other.customer_id = marco_;
  other.service_id = checkup_;
  other.resource_id = rossi_;
  other.start = kWed10 + hours(2);
  const Appointment marcos = engine_->Book(other).value();
  const DealId marcos_deal = engine_->ListDeals({0, 0, marco_}).value()[0].id;
  EXPECT_THAT(
      engine_->LinkDealAppointment(d.id, marcos.id, {}).status().message(),
      HasSubstr("belongs to customer_id"));
  EXPECT_EQ(engine_->SetDealIntegration(999, "", {}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->DealHistory(999).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetDeal(999).status().code(), absl::StatusCode::kNotFound);
  Pipeline unknown = p;
  unknown.id = 999;
  EXPECT_EQ(engine_->UpdatePipeline(unknown).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->DeletePipeline(999).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetDeal(marcos_deal).value().appointment_ids,
            std::vector<AppointmentId>{marcos.id});
  EXPECT_EQ(engine_->GetDealCard(999).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_->GetDealBoard(999).status().code(),
            absl::StatusCode::kNotFound);
  DealQuery q;
  q.limit = 0;
  EXPECT_THAT(engine_->ListDeals(q).status().message(), HasSubstr("limit 0"));
  EXPECT_EQ(engine_->ListDeals({0, 0, anna_}).value(), std::vector<Deal>{d});
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
  EXPECT_EQ(At(kWed10 - hours(24), updated, OnlyDeal().id), "Appointment Soon");
}

APPT_INSTANTIATE_FOR_BOTH_STORES(DealTest);

}  // namespace
}  // namespace appt::testing
