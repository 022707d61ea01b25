// Booking and slot search with n appointments already stored:
//   BM_BookAtScale/<store>/<n>        Engine::Book of new appointments.
//   BM_SlotSearchAtScale/<store>/<n>  Engine::SearchSlots over one week of
//                                     one resource.
// Layout and pre-population: scale_data.h. A week of one resource offers
// 7 * 48 free quarter hours (:15 and :45). The booking benchmark works on a
// fresh copy of the cached SQLite file each run.
#include <sys/resource.h>

#include <filesystem>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "scale_data.h"

namespace appt_bench {
namespace {

using std::chrono::days;
using std::chrono::minutes;

int64_t MinorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

void BM_BookAtScale(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  double bytes_per_appointment = 0;
  absl::Status status;
  if (sqlite) {
    auto cached = PopulatedSqliteFile(n);
    if (!cached.ok()) return Fail(state, cached.status().ToString());
    const std::string work = dir.File("scale.sqlite");
    std::filesystem::copy_file(*cached, work);
    // The copy's pages are dirty in the page cache; flushed later, they
    // would land in the timed loop's first checkpoint fsync.
    status = SyncFile(work);
    if (status.ok()) status = OpenSqliteFixture(work, n, &f);
  } else {
    status = PopulateMemory(n, &f, &bytes_per_appointment);
  }
  if (!status.ok()) return Fail(state, status.ToString());
  // New bookings take the free quarter hours between stored ones,
  // round-robin over the resources.
  const int resources = ResourcesFor(n);
  int64_t i = 0;
  const int64_t faults_before = MinorFaults();
  for (auto _ : state) {
    const int r = static_cast<int>(i % resources);
    const int k = static_cast<int>(i / resources);
    if (k >= kPerResource) {
      Fail(state, "too many iterations for the free quarter hours");
      break;
    }
    auto booked = f.engine->Book(BenchRequest(f, r, f.customers[i % kCustomers],
                                              StoredStart(k) + minutes(15)));
    if (!booked.ok()) {
      Fail(state, booked.status().ToString());
      break;
    }
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
  // Page faults per booking: a repetition whose bookings land on fresh
  // pages pays for them (each fault costs microseconds on this VM).
  state.counters["faults"] =
      static_cast<double>(MinorFaults() - faults_before) /
      static_cast<double>(state.iterations());
  state.counters["stored"] = static_cast<double>(n);
  if (!sqlite) state.counters["bytes_per_appt"] = bytes_per_appointment;
  f.engine.reset();
}

// Populated fixtures for the slot search, kept for the whole process (the
// search does not change them).
struct CachedFixture {
  BookingFixture fixture;
  double bytes_per_appointment = 0;
};
std::map<std::pair<bool, int64_t>, CachedFixture>& SearchFixtures() {
  static auto* fixtures = new std::map<std::pair<bool, int64_t>, CachedFixture>;
  return *fixtures;
}

void BM_SlotSearchAtScale(benchmark::State& state, bool sqlite, int64_t n) {
  auto& cache = SearchFixtures();
  auto it = cache.find({sqlite, n});
  if (it == cache.end()) {
    CachedFixture fresh;
    absl::Status status;
    if (sqlite) {
      auto cached = PopulatedSqliteFile(n);
      status = cached.ok() ? OpenSqliteFixture(*cached, n, &fresh.fixture)
                           : cached.status();
    } else {
      status = PopulateMemory(n, &fresh.fixture, &fresh.bytes_per_appointment);
    }
    if (!status.ok()) return Fail(state, status.ToString());
    it = cache.emplace(std::make_pair(sqlite, n), std::move(fresh)).first;
  }
  BookingFixture& f = it->second.fixture;
  const int middle = ResourcesFor(n) / 2;
  appt::SlotQuery query;
  query.service_id = f.services[middle];
  query.resource_id = f.resources[middle];
  query.window = {BenchBase() + days(7), BenchBase() + days(14)};
  size_t found = 0;
  for (auto _ : state) {
    auto slots = f.engine->SearchSlots(query);
    if (!slots.ok()) {
      Fail(state, slots.status().ToString());
      break;
    }
    found = slots->size();
  }
  if (found != kSlotsPerWeek && !state.error_occurred()) {
    Fail(state,
         absl::StrCat("found ", found, " slots, expected ", kSlotsPerWeek));
  }
  state.counters["slots"] = static_cast<double>(found);
  state.counters["stored"] = static_cast<double>(n);
  if (!sqlite)
    state.counters["bytes_per_appt"] = it->second.bytes_per_appointment;
}

}  // namespace

void RegisterScaleBenchmarks(int64_t max_n) {
  for (const bool sqlite : {false, true}) {
    const char* store = sqlite ? "sqlite" : "memory";
    for (const int64_t n :
         {int64_t{10000}, int64_t{100000}, int64_t{1000000}}) {
      if (n > max_n) continue;
      benchmark::RegisterBenchmark(
          absl::StrCat("BM_BookAtScale/", store, "/", n).c_str(),
          BM_BookAtScale, sqlite, n)
          ->Iterations(sqlite ? 2000 : 5000)
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
    for (const int64_t n :
         {int64_t{10000}, int64_t{100000}, int64_t{1000000}}) {
      if (n > max_n) continue;
      benchmark::RegisterBenchmark(
          absl::StrCat("BM_SlotSearchAtScale/", store, "/", n).c_str(),
          BM_SlotSearchAtScale, sqlite, n)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace appt_bench
