// One booking per transaction, through the engine and against baselines:
//   BM_BookSqlite/{normal,full}      Engine::Book on a fresh SQLite file.
//   BM_RawSqliteInsert/{normal,full} the same rows into the same schema with
//                                    the same pragmas: one appointment INSERT
//                                    and one timeline INSERT per
//                                    BEGIN IMMEDIATE ... COMMIT, prepared,
//                                    through plain SQLite's default VFS.
//   BM_RawSqliteInsert/wal_frames_{normal,full} the same through the store's
//                                    VFS (storage/sqlite/wal_frame_vfs.h):
//                                    what that VFS alone is worth.
//   BM_BookMemory                    Engine::Book on a MemoryStore.
//   BM_StdMapInsert                  std::map id -> appointment-sized record
//                                    plus a (resource, start) -> id map.
// Each iteration books the next quarter hour of an always-open resource, so
// nothing conflicts; the clock follows the start so the horizon never ends.
#include <cstring>
#include <map>
#include <utility>

#include "bench_common.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "storage/sqlite/sqlite_schema.h"
#include "storage/sqlite/wal_frame_vfs.h"

namespace appt_bench {
namespace {

namespace sq = appt::sqlite_internal;
using std::chrono::hours;
using std::chrono::seconds;

void RunEngineBookings(benchmark::State& state, BookingFixture& f) {
  appt::Instant start = BenchBase();
  appt::BookRequest request = BenchRequest(f, 0, f.customers.front(), start);
  for (auto _ : state) {
    f.clock->Set(start - hours(1));
    request.start = start;
    auto booked = f.engine->Book(request);
    if (!booked.ok()) {
      Fail(state, booked.status().ToString());
      break;
    }
    start += seconds(kQuarterHour);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_BookSqlite(benchmark::State& state, appt::Durability durability) {
  TempDir dir;
  BookingFixture f;
  auto store = appt::OpenSqliteStore(dir.File("book.sqlite"),
                                     {.durability = durability});
  if (!store.ok()) return Fail(state, store.status().ToString());
  if (auto s = SetUpBooking(*std::move(store), 1, 1, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  RunEngineBookings(state, f);
  f.engine.reset();  // close the file before the directory goes
}

void BM_BookMemory(benchmark::State& state) {
  BookingFixture f;
  if (auto s = SetUpBooking(appt::NewMemoryStore(), 1, 1, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  RunEngineBookings(state, f);
}

void BM_RawSqliteInsert(benchmark::State& state, appt::Durability durability,
                        const char* vfs) {
  TempDir dir;
  RawDb db;
  absl::Status status = db.Open(dir.File("raw.sqlite"), durability, vfs);
  if (status.ok()) status = InsertCatalog(db, 1, 1);
  if (!status.ok()) return Fail(state, status.ToString());
  Statement begin(db.get(), sq::kStatementSql[sq::kBeginImmediate]);
  Statement commit(db.get(), sq::kStatementSql[sq::kCommit]);
  BookingWriter writer(db);
  if (!begin.ok() || !commit.ok() || !writer.ok()) {
    return Fail(state, db.Error("prepare").ToString());
  }
  int64_t start = (BenchBase() - appt::Instant{}).count();
  for (auto _ : state) {
    if (begin.Run() != SQLITE_DONE ||
        writer.Insert(1, 1, 1, start, start - 3600) != SQLITE_DONE ||
        commit.Run() != SQLITE_DONE) {
      Fail(state, db.Error("booking").ToString());
      break;
    }
    start += kQuarterHour;
  }
  state.SetItemsProcessed(state.iterations());
}

// What a minimal in-memory booking costs: the record by id and an index
// entry by (resource, start).
struct AppointmentSizedRecord {
  unsigned char bytes[sizeof(appt::Appointment)];
};

void BM_StdMapInsert(benchmark::State& state) {
  std::map<int64_t, AppointmentSizedRecord> by_id;
  std::map<std::pair<int64_t, int64_t>, int64_t> by_resource_start;
  AppointmentSizedRecord record;
  std::memset(record.bytes, 7, sizeof(record.bytes));
  int64_t id = 0;
  int64_t start = (BenchBase() - appt::Instant{}).count();
  for (auto _ : state) {
    ++id;
    by_id.emplace(id, record);
    by_resource_start.emplace(std::make_pair(int64_t{1}, start), id);
    start += kQuarterHour;
  }
  benchmark::DoNotOptimize(by_id.size() + by_resource_start.size());
  state.SetItemsProcessed(state.iterations());
  state.counters["record_bytes"] = sizeof(appt::Appointment);
}

BENCHMARK_CAPTURE(BM_BookSqlite, normal, appt::Durability::kNormal)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_BookSqlite, full, appt::Durability::kFull)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, normal, appt::Durability::kNormal,
                  nullptr)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, full, appt::Durability::kFull, nullptr)
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, wal_frames_normal,
                  appt::Durability::kNormal, sq::WalFrameVfsName())
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawSqliteInsert, wal_frames_full, appt::Durability::kFull,
                  sq::WalFrameVfsName())
    ->Unit(benchmark::kMicrosecond)
    ->MinTime(1.0)
    ->UseRealTime();
// The same number of inserts for both, so both containers end equally big.
constexpr int kMemoryIterations = 200000;
BENCHMARK(BM_BookMemory)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(kMemoryIterations);
BENCHMARK(BM_StdMapInsert)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(kMemoryIterations);

}  // namespace
}  // namespace appt_bench
