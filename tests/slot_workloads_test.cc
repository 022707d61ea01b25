// R1.4 against ../shared/bench/slot-workloads.json: the exact expected
// starts of all six cases, through the pure search and through the Engine
// (busy intervals as blocked intervals of one resource) on both stores.
#include <gtest/gtest.h>

#include "engine_fixture.h"
#include "slot_workloads.h"

namespace appt::workloads {
namespace {

const std::string kPath = std::string(APPT_SHARED_DIR) +
                          "/bench/slot-workloads.json";

std::vector<int64_t> Seconds(const std::vector<Slot>& slots) {
  std::vector<int64_t> out;
  for (const Slot& s : slots) out.push_back(s.start.time_since_epoch().count());
  return out;
}

TEST(SlotWorkloads, PureSearchReproducesEveryCase) {
  auto w = LoadSlotWorkloads(kPath);
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_EQ(w->cases.size(), 6u);
  for (const SlotCase& c : w->cases) {
    std::vector<Slot> slots;
    SlotSearchInput in{&w->resource, &w->service, c.window, w->step,
                       c.window.start, c.busy};
    ASSERT_TRUE(FindSlots(in, &slots).ok()) << c.name;
    EXPECT_EQ(Seconds(slots), c.expected_slots) << c.name;
  }
}

class EngineWorkloadTest : public appt::testing::EngineTest {};
APPT_INSTANTIATE_FOR_BOTH_STORES(EngineWorkloadTest);

TEST_P(EngineWorkloadTest, EngineReproducesEveryCase) {
  auto w = LoadSlotWorkloads(kPath);
  ASSERT_TRUE(w.ok()) << w.status();
  for (const SlotCase& c : w->cases) {
    clock_->Set(c.window.start);
    Resource r = w->resource;
    r.name = "Workload " + c.name;
    auto rid = engine_->CreateResource(r);
    ASSERT_TRUE(rid.ok()) << rid.status();
    Service s = w->service;
    s.resource_ids = {*rid};
    auto sid = engine_->CreateService(s);
    ASSERT_TRUE(sid.ok()) << sid.status();
    for (const Occupancy& b : c.busy) {
      ASSERT_TRUE(
          engine_->AddBlockedInterval({0, *rid, b.interval, "busy", ""}).ok());
    }
    auto slots = engine_->SearchSlots({*sid, *rid, c.window, w->step});
    ASSERT_TRUE(slots.ok()) << slots.status();
    EXPECT_EQ(Seconds(*slots), c.expected_slots) << c.name;
  }
}

}  // namespace
}  // namespace appt::workloads
