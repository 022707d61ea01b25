// CRM deals at scale (issue 6, R6.2, R6.4), n appointments stored, each a
// one-time visit with its own deal in seed 000's one-time pipeline and a
// pending "12 h before → Appointment Today" stage timer:
//   BM_DealStageRunDue/<store>/<n>  Engine::RunDue over the stage timers:
//                          each iteration moves the clock on until 1000
//                          more are due and fires them (each re-checks its
//                          visit, moves the deal, writes its history line
//                          and reports the event), 64 per transaction.
//                          items/s = stage timers fired per second.
//   BM_DealCard/<store>/<n>  Engine::GetDealCard of a different deal each
//                          call: deal, pipeline, customer, next
//                          appointment with service, resource and local
//                          time, history and the integration section.
// Memory: the pipeline is saved before booking, so Book opens the deals and
// plans the timers. SQLite: a fresh copy of the cached scale file gets the
// pipeline, the deals, their links and timers in one raw transaction, as
// the engine would have written them.
#include <atomic>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "scale_data.h"

namespace appt_bench {
namespace {

constexpr int kTimersPerIteration = 1000;
constexpr appt::Duration kBefore = std::chrono::hours(12);

// The one-time preset with its timed rules only 12 h before (the +2 h rule
// left out, so that each deal has exactly one pending timer).
appt::Pipeline OneTime() {
  appt::Pipeline p = appt::OneTimePipelinePreset();
  p.rules.erase(p.rules.begin() + 2);
  return p;
}

// The pipeline, one deal per appointment with its link, history line and
// stage timer, as raw SQL.
std::string SqliteDeals() {
  return absl::StrCat(
      "INSERT INTO pipelines VALUES (1, 'One-time appointments', 1, '', '');"
      "INSERT INTO pipeline_stages VALUES (1, 1, 0, 'Appointment Scheduled', "
      "0), (2, 1, 1, 'Appointment Today', 0), (3, 1, 2, 'Paid Won', 1), "
      "(4, 1, 3, 'Closed Lost', 2);"
      "INSERT INTO stage_rules VALUES (1, 1, 0, 1, 0, 0, "
      "'Appointment Scheduled'), (2, 1, 1, 5, 0, -43200, 'Appointment Today'),"
      " (3, 1, 2, 2, 0, 0, 'Closed Lost');"
      "INSERT INTO deals SELECT id, 1, 1, customer_id, 'Checkup', 6000, 'EUR',"
      " 0, '', '', created_at, created_at, NULL FROM appointments;"
      "INSERT INTO deal_appointments SELECT id, id FROM appointments;"
      "INSERT INTO deal_entries SELECT id, id, created_at, 0, 0, '', 0, '', 1,"
      " 'Appointment Scheduled', id, 'appointment booked' FROM appointments;",
      RawTimersSql(appt::TimerKind::kDealStage, 2, 43200));
}

absl::Status Prepare(bool sqlite, int64_t n, const TempDir& dir,
                     BookingFixture* f) {
  return PrepareTimedFixture(
      sqlite, n, dir, "deals.sqlite",
      [](appt::Engine& engine) {
        return engine.CreatePipeline(OneTime()).status();
      },
      SqliteDeals(), f);
}

void BM_DealStageRunDue(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  if (auto s = Prepare(sqlite, n, dir, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  auto moves = std::make_shared<std::atomic<int64_t>>(0);
  f.engine->AddListener([moves](const appt::Event& e) {
    if (e.kind == appt::EventKind::kDealStageChanged) ++*moves;
  });
  const int per_start = ResourcesFor(n);
  const int starts_per_iteration = kTimersPerIteration / per_start;
  int next_start = 0;
  int64_t fired = 0;
  for (auto _ : state) {
    next_start += starts_per_iteration;
    f.clock->Set(StoredStart(next_start - 1) - kBefore);
    const int64_t before = moves->load();
    if (auto report = f.engine->RunDue(); !report.ok()) {
      return Fail(state, report.status().ToString());
    }
    if (moves->load() - before != kTimersPerIteration) {
      return Fail(state,
                  absl::StrCat("moved ", moves->load() - before,
                               " deals, expected ", kTimersPerIteration));
    }
    fired += kTimersPerIteration;
  }
  state.SetItemsProcessed(fired);
  state.counters["deals"] = static_cast<double>(n);
}

void BM_DealCard(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  if (auto s = Prepare(sqlite, n, dir, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  int64_t i = 0;
  for (auto _ : state) {
    const appt::DealId id = 1 + (i * 7919) % n;
    auto card = f.engine->GetDealCard(id);
    if (!card.ok()) return Fail(state, card.status().ToString());
    if (!card->next_appointment || card->history.empty()) {
      return Fail(state, absl::StrCat("deal ", id, " has no next visit"));
    }
    benchmark::DoNotOptimize(card->next_local_start.data());
    ++i;
  }
}

}  // namespace

void RegisterDealBenchmarks(int64_t max_n) {
  constexpr int64_t kN = 100000;
  if (kN > max_n) return;
  for (const bool sqlite : {false, true}) {
    const char* store = sqlite ? "sqlite" : "memory";
    benchmark::RegisterBenchmark(
        absl::StrCat("BM_DealStageRunDue/", store, "/", kN).c_str(),
        BM_DealStageRunDue, sqlite, kN)
        ->Iterations(20)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(
        absl::StrCat("BM_DealCard/", store, "/", kN).c_str(), BM_DealCard,
        sqlite, kN)
        ->Iterations(5000)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  }
}

}  // namespace appt_bench
