// The confirmation board at scale (issue 5, R5.2), n appointments stored
// and every one asked to confirm (a link issued), none confirmed, all in
// the future:
//   BM_ConfirmationBoard/<store>/<n>  Engine::GetConfirmationBoard of one
//                               resource and one day: 48 visits, each
//                               flagged awaiting, with the day's counts.
// Memory: a link is issued through the engine for every appointment.
// SQLite: a fresh copy of the cached scale file gets
// confirmation_requested_at set on every row with one raw UPDATE.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "scale_data.h"

namespace appt_bench {
namespace {

absl::Status Prepare(bool sqlite, int64_t n, const TempDir& dir,
                     BookingFixture* f) {
  if (!sqlite) {
    double ignored = 0;
    if (auto s = PopulateMemory(n, f, &ignored); !s.ok()) return s;
    for (appt::AppointmentId id = 1; id <= n; ++id) {
      if (auto t = f->engine->IssueConfirmToken(id); !t.ok()) {
        return t.status();
      }
    }
    return absl::OkStatus();
  }
  auto cached = PopulatedSqliteFile(n);
  if (!cached.ok()) return cached.status();
  const std::string work = dir.File("confirmation.sqlite");
  std::filesystem::copy_file(*cached, work);
  {
    RawDb db;
    if (auto s = db.Open(work, appt::Durability::kNormal); !s.ok()) return s;
    const std::string asked = absl::StrCat(
        "UPDATE appointments SET confirmation_requested_at = ",
        BenchNow().time_since_epoch().count(), ";");
    if (auto s = db.Exec(asked.c_str()); !s.ok()) return s;
  }
  if (auto s = SyncFile(work); !s.ok()) return s;
  return OpenSqliteFixture(work, n, f);
}

void BM_ConfirmationBoard(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  if (auto s = Prepare(sqlite, n, dir, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  const int resources = ResourcesFor(n);
  int64_t i = 0, flagged = 0;
  for (auto _ : state) {
    // A different resource and day each call.
    const appt::Instant day =
        StoredStart(static_cast<int>((i / resources) % 20) * 48);
    appt::ConfirmationBoardQuery q{{f.resources[i % resources]},
                                   {day, day + std::chrono::days(1)}};
    auto board = f.engine->GetConfirmationBoard(q);
    if (!board.ok()) return Fail(state, board.status().ToString());
    if (board->awaiting != 48 || board->counts.size() != 1) {
      return Fail(state, absl::StrCat("board flagged ", board->awaiting,
                                      " awaiting visits, expected 48"));
    }
    flagged += board->awaiting;
    ++i;
  }
  state.counters["flagged_per_call"] =
      benchmark::Counter(static_cast<double>(flagged) /
                         static_cast<double>(std::max<int64_t>(i, 1)));
}

}  // namespace

void RegisterConfirmationBenchmarks(int64_t max_n) {
  constexpr int64_t kN = 100000;
  if (kN > max_n) return;
  for (const bool sqlite : {false, true}) {
    benchmark::RegisterBenchmark(
        absl::StrCat("BM_ConfirmationBoard/", sqlite ? "sqlite" : "memory",
                     "/", kN)
            .c_str(),
        BM_ConfirmationBoard, sqlite, kN)
        ->Iterations(2000)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
  }
}

}  // namespace appt_bench
