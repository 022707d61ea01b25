// Reads ../shared/bench/slot-workloads.json: six slot-search cases with
// their exact expected starts. Shared by the test and the benchmark.
#ifndef APPT_BENCH_SLOT_WORKLOADS_H_
#define APPT_BENCH_SLOT_WORKLOADS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/catalog.h"
#include "appt/slot_search.h"

namespace appt::workloads {

struct SlotCase {
  std::string name;
  Interval window;
  std::vector<Occupancy> busy;          // sorted by start
  std::vector<int64_t> expected_slots;  // Unix seconds
};

struct SlotWorkloads {
  Resource resource;  // the file's zone and working hours
  Service service;    // the file's duration, capacity 1, no buffers
  Duration step{0};
  std::vector<SlotCase> cases;
};

// Parses the file at `path`; InvalidArgument naming the offset on bad JSON.
absl::StatusOr<SlotWorkloads> LoadSlotWorkloads(const std::string& path);

}  // namespace appt::workloads

#endif  // APPT_BENCH_SLOT_WORKLOADS_H_
