// The CRM tables of every Store (R6.1, R8.3): pipelines with their stages
// and rules, deals with appointment links and history, the board counts,
// and active memberships by expiry — over the memory store and SQLite,
// including rollback of uncommitted writes.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "appt/store.h"
#include "store_test_util.h"

namespace appt {
namespace {

using namespace store_test;  // NOLINT: the shared records and helpers

class DealStoreTest : public StoreTest {
 protected:
  static Deal MakeDeal(PipelineId p, StageId stage, CustomerId customer) {
    Deal d;
    d.pipeline_id = p;
    d.stage_id = stage;
    d.customer_id = customer;
    d.title = "Controllo — 日本語";
    d.amount = {6000, "EUR"};
    d.external_id = "B24-1";
    d.integration = {{"k:1", "12:34"}, {"empty", ""}, {"ü", "ß\n"}};
    d.opened_at = T(1);
    d.stage_changed_at = T(2);
    return d;
  }
};

TEST_P(DealStoreTest, PipelinesKeepStageIdsAndRenumberRules) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(Pipeline one,
                       tx->InsertPipeline(OneTimePipelinePreset()));
  ASSERT_OK_AND_ASSIGN(Pipeline two,
                       tx->InsertPipeline(MembershipPipelinePreset()));
  EXPECT_EQ(one.id + 1, two.id);
  EXPECT_EQ(one.stages.size(), 4u);
  EXPECT_GT(two.stages[0].id, one.stages[3].id);  // unique across pipelines
  EXPECT_EQ(one.rules[1].offset, std::chrono::hours(-12));
  Pipeline changed = one;
  changed.name = "Visits";
  changed.stages.erase(changed.stages.begin() + 1);
  changed.stages.push_back({0, "Follow-up", StageKind::kOpen});
  changed.rules.pop_back();
  ASSERT_OK_AND_ASSIGN(Pipeline saved, tx->UpdatePipeline(changed));
  EXPECT_EQ(saved.stages[0].id, one.stages[0].id);
  EXPECT_EQ(saved.stages[2].id, one.stages[3].id);
  EXPECT_GT(saved.stages[3].id, two.stages[4].id);
  EXPECT_NE(saved.rules[0].id, one.rules[0].id);
  EXPECT_EQ(saved.rules.size(), 3u);
  EXPECT_EQ(tx->ListPipelines().value(), (std::vector<Pipeline>{saved, two}));
  Pipeline unknown = saved;
  unknown.id = 99;
  EXPECT_TRUE(absl::IsNotFound(tx->UpdatePipeline(unknown).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->DeletePipeline(99)));
  ASSERT_OK(tx->DeletePipeline(two.id));
  EXPECT_EQ(tx->ListPipelines().value(), std::vector<Pipeline>{saved});
  ASSERT_OK(tx->Commit());
}

TEST_P(DealStoreTest, DealsLinksHistoryAndBoard) {
  Pipeline p;
  Deal d;
  AppointmentId a = 0, b = 0;
  {
    auto tx = Tx();
    ASSERT_OK_AND_ASSIGN(p, tx->InsertPipeline(OneTimePipelinePreset()));
    ASSERT_OK_AND_ASSIGN(
        a, tx->InsertAppointment(MakeAppointment(1, T(10), T(11))));
    ASSERT_OK_AND_ASSIGN(
        b, tx->InsertAppointment(MakeAppointment(1, T(12), T(13))));
    d = MakeDeal(p.id, p.stages[0].id, 1);
    ASSERT_OK_AND_ASSIGN(d.id, tx->InsertDeal(d));
    EXPECT_TRUE(absl::IsNotFound(tx->LinkDealAppointment(999, b)));
    EXPECT_TRUE(absl::IsNotFound(tx->LinkDealAppointment(d.id, 999)));
    ASSERT_OK(tx->LinkDealAppointment(d.id, b));
    ASSERT_OK(tx->LinkDealAppointment(d.id, a));
    EXPECT_TRUE(absl::IsAlreadyExists(tx->LinkDealAppointment(d.id, a)));
    ASSERT_OK(tx->Commit());
  }
  auto tx = Tx();
  d.appointment_ids = {a, b};
  EXPECT_EQ(tx->GetDeal(d.id).value(), d);
  EXPECT_EQ(tx->FindAppointmentDeal(a).value(), d.id);
  EXPECT_EQ(tx->FindAppointmentDeal(999).value(), std::nullopt);
  EXPECT_EQ(tx->FindMembershipDeal(5).value(), std::nullopt);
  Deal won = d;
  won.stage_id = p.stages[2].id;
  won.closed_at = T(20);
  won.customer_id = 2;  // fixed: ignored by Update
  ASSERT_OK(tx->UpdateDeal(won));
  won.customer_id = 1;
  EXPECT_EQ(tx->GetDeal(d.id).value(), won);
  Deal member = MakeDeal(p.id, p.stages[0].id, 2);
  member.membership_id = 5;
  member.integration = {};
  ASSERT_OK_AND_ASSIGN(member.id, tx->InsertDeal(member));
  EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertDeal(member).status()));
  EXPECT_EQ(tx->FindMembershipDeal(5).value(), member.id);
  EXPECT_TRUE(absl::IsNotFound(tx->InsertDeal(MakeDeal(99, 1, 1)).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->InsertDeal(MakeDeal(p.id, 1, 9)).status()));
  EXPECT_EQ(tx->ListDeals({}).value(), (std::vector<Deal>{won, member}));
  EXPECT_EQ(tx->ListDeals({p.id, p.stages[0].id}).value(),
            std::vector<Deal>{member});
  EXPECT_EQ(tx->ListDeals({0, 0, 1}).value(), std::vector<Deal>{won});
  EXPECT_EQ(tx->ListDeals({p.id, 0, 0, true}).value(),
            std::vector<Deal>{member});
  EXPECT_EQ(tx->ListDeals({p.id, 0, 0, false, 1}).value(),
            std::vector<Deal>{won});
  const auto board = tx->CountDealsByStage(p.id).value();
  ASSERT_EQ(board.size(), 2u);
  EXPECT_EQ(board[0].stage_id, p.stages[0].id);
  EXPECT_EQ(board[0].deals, 1);
  EXPECT_EQ(board[1].amount_minor_units, 6000);
  DealEntry e{0,
              d.id,
              T(3),
              DealEntryKind::kStageChanged,
              {Actor::Kind::kEngine, ""},
              p.stages[0].id,
              "Appointment Scheduled",
              p.stages[1].id,
              "Appointment Today",
              a,
              "12h before the visit"};
  ASSERT_OK_AND_ASSIGN(e.id, tx->AppendDealEntry(e));
  DealEntry note = e;
  note.kind = DealEntryKind::kNote;
  note.at = T(4);
  note.text = "changed from X to Y";
  ASSERT_OK_AND_ASSIGN(note.id, tx->AppendDealEntry(note));
  EXPECT_EQ(tx->ListDealEntries(d.id).value(),
            (std::vector<DealEntry>{note, e}));
  note.deal_id = 999;
  EXPECT_TRUE(absl::IsNotFound(tx->AppendDealEntry(note).status()));
}

TEST_P(DealStoreTest, ActiveMembershipsByExpiry) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(PlanId plan, tx->InsertPlan({0, "P", {1}}));
  Membership m;
  m.plan_id = plan;
  m.customer_id = 1;
  m.service_ids = {1};
  m.visits_total = 5;
  m.purchased_at = T(0);
  std::vector<Membership> all;
  for (int i : {30, 10, 20}) {
    m.certificate_number = "C" + std::to_string(i);
    m.expires_at = T(i);
    ASSERT_OK_AND_ASSIGN(m.id, tx->InsertMembership(m));
    all.push_back(m);
  }
  EXPECT_EQ(tx->NextMembershipExpiry().value(), T(10));
  EXPECT_EQ(tx->ListExpiringMemberships(T(20), 10).value(),
            (std::vector<Membership>{all[1], all[2]}));
  EXPECT_EQ(tx->ListExpiringMemberships(T(30), 1).value(),
            std::vector<Membership>{all[1]});
  all[1].state = MembershipState::kExpired;
  all[1].expired_at = T(10);
  ASSERT_OK(tx->UpdateMembership(all[1]));
  EXPECT_EQ(tx->NextMembershipExpiry().value(), T(20));
  EXPECT_EQ(tx->ListExpiringMemberships(T(20), 10).value(),
            std::vector<Membership>{all[2]});
  ASSERT_OK(tx->Commit());
}

TEST_P(DealStoreTest, UncommittedDealWritesRollBack) {
  {
    auto tx = Tx();
    ASSERT_OK_AND_ASSIGN(Pipeline p,
                         tx->InsertPipeline(OneTimePipelinePreset()));
    ASSERT_OK_AND_ASSIGN(AppointmentId a, tx->InsertAppointment(MakeAppointment(
                                              1, T(10), T(11))));
    ASSERT_OK_AND_ASSIGN(DealId d,
                         tx->InsertDeal(MakeDeal(p.id, p.stages[0].id, 1)));
    ASSERT_OK(tx->LinkDealAppointment(d, a));
    ASSERT_OK(tx->AppendDealEntry({0, d, T(1)}).status());
  }
  auto tx = Tx();
  EXPECT_TRUE(tx->ListPipelines().value().empty());
  EXPECT_TRUE(tx->ListDeals({}).value().empty());
  EXPECT_EQ(tx->FindAppointmentDeal(1).value(), std::nullopt);
  ASSERT_OK_AND_ASSIGN(Pipeline again,
                       tx->InsertPipeline(OneTimePipelinePreset()));
  EXPECT_EQ(again.id, 1);
}

APPT_STORE_TESTS_FOR_BOTH(DealStoreTest);

}  // namespace
}  // namespace appt
