// The fixture of the deal tests: an engine over each store (see
// engine_fixture.h) with seed 000's pipelines at hand, helpers to book,
// run due work and read a deal's stage, and the deal events seen. The
// clock starts on Monday 2027-03-15 06:00 UTC; Dr. Rossi works 09:00-17:00
// Europe/Berlin (UTC+1 until March 28).
#ifndef APPT_TESTS_DEAL_FIXTURE_H_
#define APPT_TESTS_DEAL_FIXTURE_H_

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "engine_fixture.h"

namespace appt::testing {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

inline const Instant kWed10 = Utc(2027, 3, 17, 9);  // Wednesday 10:00 CET

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

}  // namespace appt::testing

#endif  // APPT_TESTS_DEAL_FIXTURE_H_
