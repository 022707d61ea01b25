// Shared set-up of the appt benchmarks: temporary directories, the always-
// open resource and quarter-hour service used by booking benchmarks, and
// the process-wide memory counters.
#ifndef APPT_BENCH_BENCH_COMMON_H_
#define APPT_BENCH_BENCH_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "appt/clock.h"
#include "appt/engine.h"
#include "benchmark/benchmark.h"

namespace appt_bench {

// A fresh directory under the system temp dir; removed with its contents
// by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const;

 private:
  std::string path_;
};

// Where benchmark inputs live: $APPT_SHARED_DIR, else the compile-time
// APPT_SHARED_DIR (the repository's ../shared).
std::string SharedDir();
// Where populated scale databases are cached between runs:
// $TMPDIR/appt-bench-cache (created).
std::string CacheDir();

// The engine clock of every booking benchmark: 2027-01-01 00:00 UTC.
appt::Instant BenchNow();
// The first start booked: one day after BenchNow().
appt::Instant BenchBase();

inline constexpr int kQuarterHour = 15 * 60;

// Open seven days a week, 00:00-24:00, in UTC: any quarter hour is bookable.
appt::Resource AlwaysOpenResource(int index);
// 15 minutes, capacity 1, no buffers, no notice, a ten-year horizon.
appt::Service QuarterHourService(int index, appt::ResourceId resource);

// An engine over `store` with `resources` always-open resources, one
// quarter-hour service per resource (services[i] runs on resources[i]) and
// `customers` customers; the clock is BenchNow().
struct BookingFixture {
  std::shared_ptr<appt::ManualClock> clock;
  std::unique_ptr<appt::Engine> engine;
  std::vector<appt::ResourceId> resources;
  std::vector<appt::ServiceId> services;
  std::vector<appt::CustomerId> customers;
};
absl::Status SetUpBooking(std::unique_ptr<appt::Store> store, int resources,
                          int customers, BookingFixture* out);

// A booking request of fixture service/resource `index` at `start`, source
// api, actor system "bench".
appt::BookRequest BenchRequest(const BookingFixture& f, int index,
                               appt::CustomerId customer, appt::Instant start);

// Marks the benchmark failed: SkipWithError(message), and main() exits 1
// at the end (Google Benchmark itself would exit 0).
void Fail(benchmark::State& state, const std::string& message);
// True once any benchmark called Fail().
bool AnyFailed();

// Bytes currently allocated through malloc (mallinfo2: arena in use plus
// mmapped chunks).
int64_t MallocInUse();

}  // namespace appt_bench

#endif  // APPT_BENCH_BENCH_COMMON_H_
