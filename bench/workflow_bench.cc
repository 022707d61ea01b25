// The status workflow at scale (issue 5), n appointments stored, every one
// awaiting approval in the manual-approval chain's "Pending" (which holds
// its slot):
//   BM_StatusBoard/<store>/<n>  Engine::GetStatusBoard of one resource and
//                               one day (48 requests), unconfirmed only.
//   BM_ConfirmAtScale/<store>/<n>  Engine::SetStatus of one request into
//                               "Confirmed" (history, timeline, event and
//                               the messaging step), one per transaction.
//   BM_ConfirmByToken/<store>/<n>, BM_CancelByToken/<store>/<n>
//                               Engine::ConfirmByToken / CancelByToken of
//                               a token issued (untimed) beforehand, one
//                               per transaction.
// Memory: the workflow is switched on before booking, so Book places every
// appointment in "Pending". SQLite: a fresh copy of the cached scale file
// gets the chain through the engine, then every appointment is put in
// "Pending" with one raw UPDATE.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "scale_data.h"

namespace appt_bench {
namespace {

// Saves the preset chain and switches the workflow on for every service.
absl::StatusOr<appt::StatusChain> EnableWorkflow(appt::Engine& engine) {
  auto chain = engine.CreateStatusChain(appt::ManualApprovalChain());
  if (!chain.ok()) return chain.status();
  auto services = engine.ListServices();
  if (!services.ok()) return services.status();
  for (appt::Service& s : *services) {
    s.workflow_enabled = true;
    if (auto st = engine.UpdateService(s); !st.ok()) return st;
  }
  if (auto st = engine.SetWorkflowSettings({true, chain->id, {}}); !st.ok()) {
    return st;
  }
  return chain;
}

absl::StatusOr<appt::StatusChain> Prepare(bool sqlite, int64_t n,
                                          const TempDir& dir,
                                          BookingFixture* f) {
  appt::StatusChain chain;
  if (!sqlite) {
    double ignored = 0;
    auto s = PopulateMemory(n, f, &ignored, [&](appt::Engine& engine) {
      auto c = EnableWorkflow(engine);
      if (c.ok()) chain = *c;
      return c.status();
    });
    if (!s.ok()) return s;
    return chain;
  }
  auto cached = PopulatedSqliteFile(n);
  if (!cached.ok()) return cached.status();
  const std::string work = dir.File("workflow.sqlite");
  std::filesystem::copy_file(*cached, work);
  if (auto s = OpenSqliteFixture(work, n, f); !s.ok()) return s;
  auto c = EnableWorkflow(*f->engine);
  if (!c.ok()) return c.status();
  RawDb db;
  if (auto s = db.Open(work, appt::Durability::kNormal); !s.ok()) return s;
  // status_use keeps each status's count beside the rows (kSchemaV11).
  const std::string pending = absl::StrCat(
      "UPDATE appointments SET status_id = ", c->statuses[0].id,
      "; INSERT OR REPLACE INTO status_use VALUES (", c->statuses[0].id,
      ", (SELECT count(*) FROM appointments));");
  if (auto s = db.Exec(pending.c_str()); !s.ok()) return s;
  if (auto s = SyncFile(work); !s.ok()) return s;
  return c;
}

void BM_StatusBoard(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  auto chain = Prepare(sqlite, n, dir, &f);
  if (!chain.ok()) return Fail(state, chain.status().ToString());
  const int resources = ResourcesFor(n);
  int64_t i = 0, listed = 0;
  for (auto _ : state) {
    // A different resource and day each call.
    const appt::Instant day =
        StoredStart(static_cast<int>((i / resources) % 20) * 48);
    appt::StatusBoardQuery q{
        {f.resources[i % resources]}, {day, day + std::chrono::days(1)}, false};
    auto board = f.engine->GetStatusBoard(q);
    if (!board.ok()) return Fail(state, board.status().ToString());
    if (board->unconfirmed != 48) {
      return Fail(state, absl::StrCat("board listed ", board->unconfirmed,
                                      " requests, expected 48"));
    }
    listed += board->unconfirmed;
    ++i;
  }
  state.counters["requests_per_call"] =
      benchmark::Counter(static_cast<double>(listed) /
                         static_cast<double>(std::max<int64_t>(i, 1)));
}

void BM_ConfirmAtScale(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  auto chain = Prepare(sqlite, n, dir, &f);
  if (!chain.ok()) return Fail(state, chain.status().ToString());
  const appt::StatusId confirmed = chain->statuses[1].id;
  appt::AppointmentId next = 1;
  for (auto _ : state) {
    auto a = f.engine->SetStatus(
        {next++, confirmed, {appt::Actor::Kind::kStaff, "bench"}, ""});
    if (!a.ok()) return Fail(state, a.status().ToString());
  }
  state.SetItemsProcessed(next - 1);
}

// Confirming (or cancelling) by token: tokens are issued before timing,
// one per appointment; each call redeems the next.
void BM_ByTokenAtScale(benchmark::State& state, bool sqlite, int64_t n,
                       bool cancel) {
  TempDir dir;
  BookingFixture f;
  auto chain = Prepare(sqlite, n, dir, &f);
  if (!chain.ok()) return Fail(state, chain.status().ToString());
  std::vector<std::string> tokens;
  const int64_t calls = state.max_iterations;
  for (appt::AppointmentId id = 1; id <= calls; ++id) {
    auto t = f.engine->IssueConfirmToken(id);
    if (!t.ok()) return Fail(state, t.status().ToString());
    tokens.push_back(t->token);
  }
  size_t next = 0;
  for (auto _ : state) {
    auto a = cancel ? f.engine->CancelByToken(tokens[next++], "bench")
                    : f.engine->ConfirmByToken(tokens[next++]);
    if (!a.ok()) return Fail(state, a.status().ToString());
  }
  state.SetItemsProcessed(static_cast<int64_t>(next));
}

}  // namespace

void RegisterWorkflowBenchmarks(int64_t max_n) {
  constexpr int64_t kN = 100000;
  if (kN > max_n) return;
  for (const bool sqlite : {false, true}) {
    const char* store = sqlite ? "sqlite" : "memory";
    benchmark::RegisterBenchmark(
        absl::StrCat("BM_StatusBoard/", store, "/", kN).c_str(), BM_StatusBoard,
        sqlite, kN)
        ->Iterations(2000)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(
        absl::StrCat("BM_ConfirmAtScale/", store, "/", kN).c_str(),
        BM_ConfirmAtScale, sqlite, kN)
        ->Iterations(2000)
        ->Unit(benchmark::kMicrosecond)
        ->UseRealTime();
    for (const bool cancel : {false, true}) {
      benchmark::RegisterBenchmark(
          absl::StrCat(cancel ? "BM_CancelByToken/" : "BM_ConfirmByToken/",
                       store, "/", kN)
              .c_str(),
          BM_ByTokenAtScale, sqlite, kN, cancel)
          ->Iterations(2000)
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
  }
}

}  // namespace appt_bench
