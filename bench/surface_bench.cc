// The cost of the C ABI over the C++ API (issue 3): one booking and one slot
// search on identical in-memory engines, through appt::Engine and through
// appt.h. The Python module's counterpart is bench/python_surface_bench.py.
#include <chrono>

#include "absl/strings/str_cat.h"
#include "appt/appt.h"
#include "bench_common.h"

namespace appt_bench {
namespace {

using std::chrono::hours;

constexpr int kSearchAppointments = 40;  // already booked in the window
constexpr int kSurfaceIterations = 100000;

int64_t Unix(appt::Instant t) { return t.time_since_epoch().count(); }

// The C twin of SetUpBooking(NewMemoryStore(), 1, 1, ...): same resource,
// service and customer through the C ABI.
struct CFixture {
  appt_clock* clock = nullptr;
  appt_engine* engine = nullptr;
  int64_t resource = 0;
  int64_t service = 0;
  int64_t customer = 0;
  ~CFixture() {
    appt_engine_free(engine);
    appt_clock_free(clock);
  }
};

bool SetUpC(CFixture* f) {
  appt_engine_options options = APPT_ENGINE_OPTIONS_INIT;
  if (appt_clock_manual_new(&f->clock, Unix(BenchNow()))) return false;
  options.clock = f->clock;
  if (appt_engine_open_memory(&f->engine, &options)) return false;
  appt_weekly_span week[7];
  for (int d = 0; d < 7; ++d) week[d] = {d, 0, 24 * 60};
  appt_resource r = APPT_RESOURCE_INIT;
  r.name = "Room 1";
  r.time_zone = "UTC";
  r.weekly_hours = week;
  r.weekly_hour_count = 7;
  if (appt_resource_create(&f->resource, f->engine, &r)) return false;
  appt_service s = APPT_SERVICE_INIT;
  s.name = "Visit 1";
  s.duration_seconds = kQuarterHour;
  s.price_minor_units = 5000;
  s.resource_ids = &f->resource;
  s.resource_id_count = 1;
  s.horizon_seconds = 3650LL * 86400;
  if (appt_service_create(&f->service, f->engine, &s)) return false;
  appt_customer c = APPT_CUSTOMER_INIT;
  c.name = "Customer 1";
  return appt_customer_create(&f->customer, f->engine, &c) == APPT_OK;
}

appt_book_request CRequest(const CFixture& f, int64_t start) {
  appt_book_request b = APPT_BOOK_REQUEST_INIT;
  b.customer_id = f.customer;
  b.service_id = f.service;
  b.resource_id = f.resource;
  b.start = start;
  b.source = APPT_SOURCE_API;
  b.actor = {APPT_ACTOR_SYSTEM, "bench"};
  return b;
}

void BM_SurfaceBook_Cpp(benchmark::State& state) {
  BookingFixture f;
  if (auto s = SetUpBooking(appt::NewMemoryStore(), 1, 1, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  appt::Instant start = BenchBase();
  for (auto _ : state) {
    auto a = f.engine->Book(BenchRequest(f, 0, f.customers[0], start));
    if (!a.ok()) return Fail(state, a.status().ToString());
    start += appt::Duration(kQuarterHour);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SurfaceBook_C(benchmark::State& state) {
  CFixture f;
  if (!SetUpC(&f)) return Fail(state, appt_error_last()->message);
  int64_t start = Unix(BenchBase());
  appt_appointment a = APPT_APPOINTMENT_INIT;
  for (auto _ : state) {
    appt_book_request b = CRequest(f, start);
    if (appt_appointment_book(&a, f.engine, &b)) {
      return Fail(state, appt_error_last()->message);
    }
    start += kQuarterHour;
  }
  appt_appointment_dispose(&a);
  state.SetItemsProcessed(state.iterations());
}

// A one-day window with kSearchAppointments quarter hours taken: 96 - 40
// starts are offered.
void BM_SurfaceSearch_Cpp(benchmark::State& state) {
  BookingFixture f;
  if (auto s = SetUpBooking(appt::NewMemoryStore(), 1, 1, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  const appt::Instant day = BenchBase();
  for (int i = 0; i < kSearchAppointments; ++i) {
    auto a = f.engine->Book(BenchRequest(
        f, 0, f.customers[0], day + appt::Duration(2 * i * kQuarterHour)));
    if (!a.ok()) return Fail(state, a.status().ToString());
  }
  appt::SlotQuery q{.service_id = f.services[0],
                    .window = {day, day + hours(24)}};
  size_t found = 0;
  for (auto _ : state) {
    auto slots = f.engine->SearchSlots(q);
    if (!slots.ok()) return Fail(state, slots.status().ToString());
    found = slots->size();
  }
  if (found != 96 - kSearchAppointments) {
    return Fail(state, absl::StrCat("found ", found, " slots"));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SurfaceSearch_C(benchmark::State& state) {
  CFixture f;
  if (!SetUpC(&f)) return Fail(state, appt_error_last()->message);
  const int64_t day = Unix(BenchBase());
  appt_appointment a = APPT_APPOINTMENT_INIT;
  for (int i = 0; i < kSearchAppointments; ++i) {
    appt_book_request b = CRequest(f, day + 2 * i * kQuarterHour);
    if (appt_appointment_book(&a, f.engine, &b)) {
      return Fail(state, appt_error_last()->message);
    }
  }
  appt_appointment_dispose(&a);
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  q.service_id = f.service;
  q.window_start = day;
  q.window_end = day + 86400;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  for (auto _ : state) {
    if (appt_slot_search(&slots, f.engine, &q)) {
      return Fail(state, appt_error_last()->message);
    }
  }
  const size_t found = slots.count;
  appt_slot_list_dispose(&slots);
  if (found != 96 - kSearchAppointments) {
    return Fail(state, absl::StrCat("found ", found, " slots"));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_SurfaceBook_Cpp)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(kSurfaceIterations);
BENCHMARK(BM_SurfaceBook_C)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(kSurfaceIterations);
BENCHMARK(BM_SurfaceSearch_Cpp)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SurfaceSearch_C)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace appt_bench
