// BM_SlotSearch/<case>: appt::FindSlots on the six shared workloads (one
// Europe/Berlin resource, Mon-Fri 09:00-17:00, 30-minute service and step,
// 0/200/2000 blocked intervals over 30 or 90 days across the 2027-03-28 DST
// change). Only FindSlots is timed; inputs are built once. The run fails
// (SkipWithError) unless the result equals the file's expected slots.
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "appt/slot_search.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"

namespace appt_bench {
namespace {

using appt::workloads::SlotCase;
using appt::workloads::SlotWorkloads;

appt::Instant At(int64_t unix_seconds) {
  return appt::Instant{std::chrono::seconds(unix_seconds)};
}

void BM_SlotSearch(benchmark::State& state, const SlotWorkloads* all,
                   const SlotCase* w) {
  appt::SlotSearchInput input;
  input.resource = &all->resource;
  input.service = &all->service;
  input.window = w->window;
  input.step = all->step;
  input.now = w->window.start;
  input.occupied = w->busy;

  std::vector<appt::Slot> slots;
  slots.reserve(2 * w->expected_slots.size() + 16);
  // Check the answer once, untimed: every start, not only the count.
  if (absl::Status s = appt::FindSlots(input, &slots); !s.ok()) {
    Fail(state, s.ToString());
    return;
  }
  if (slots.size() != w->expected_slots.size()) {
    Fail(state, absl::StrCat("found ", slots.size(), " slots, expected ",
                             w->expected_slots.size()));
    return;
  }
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].start != At(w->expected_slots[i])) {
      Fail(state, absl::StrCat("slot ", i, " is ",
                               appt::FormatUtc(slots[i].start), ", expected ",
                               appt::FormatUtc(At(w->expected_slots[i]))));
      return;
    }
  }

  for (auto _ : state) {
    slots.clear();
    absl::Status s = appt::FindSlots(input, &slots);
    benchmark::DoNotOptimize(slots.data());
    if (!s.ok()) {
      Fail(state, s.ToString());
      break;
    }
  }
  state.counters["slots"] = static_cast<double>(slots.size());
  state.counters["busy"] = static_cast<double>(w->busy.size());
}

}  // namespace

void RegisterSlotSearchBenchmarks(const SlotWorkloads& workloads) {
  for (const SlotCase& w : workloads.cases) {
    benchmark::RegisterBenchmark(("BM_SlotSearch/" + w.name).c_str(),
                                 BM_SlotSearch, &workloads, &w)
        ->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace appt_bench
