// Booking and slot search with n appointments already stored:
//   BM_BookAtScale/<store>/<n>        Engine::Book of new appointments.
//   BM_SlotSearchAtScale/<store>/<n>  Engine::SearchSlots over one week of
//                                     one resource.
// Layout: n / 1000 always-open resources (UTC), each with 1000 quarter-hour
// appointments every 30 minutes from BenchBase(), so a resource's own load
// is the same at every n and only the store's size grows. A week of one
// resource then offers 7 * 48 free quarter hours (:15 and :45).
//
// Pre-population: the MemoryStore is filled through Engine::Book (there is
// no other way in), timing nothing, and reports malloc bytes per stored
// appointment (mallinfo2 delta while booking). The SQLite file is written
// directly in one transaction with the store's own schema and statements
// (raw_sqlite.h) -- the engine has no batch booking, and a million
// one-transaction bookings would take many minutes -- and cached as
// $TMPDIR/appt-bench-cache/scale-v<schema>-<n>.sqlite for later runs. The
// booking benchmark works on a fresh copy of that file each run.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt_bench {
namespace {

absl::Status SyncFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0 || fsync(fd) != 0) {
    if (fd >= 0) close(fd);
    return absl::InternalError(absl::StrCat("cannot fsync ", path));
  }
  close(fd);
  return absl::OkStatus();
}

using std::chrono::days;
using std::chrono::minutes;

constexpr int kPerResource = 1000;
constexpr int kCustomers = 100;
constexpr int kSlotsPerWeek = 7 * 48;

int ResourcesFor(int64_t n) { return static_cast<int>(n / kPerResource); }

appt::Instant StoredStart(int k) { return BenchBase() + minutes(30) * k; }

// Fills an engine over a MemoryStore; sets *bytes_per_appointment.
absl::Status PopulateMemory(int64_t n, BookingFixture* f,
                            double* bytes_per_appointment) {
  if (auto s =
          SetUpBooking(appt::NewMemoryStore(), ResourcesFor(n), kCustomers, f);
      !s.ok()) {
    return s;
  }
  const int64_t before = MallocInUse();
  int64_t count = 0;
  for (int r = 0; r < ResourcesFor(n); ++r) {
    for (int k = 0; k < kPerResource; ++k, ++count) {
      auto booked = f->engine->Book(BenchRequest(
          *f, r, f->customers[count % kCustomers], StoredStart(k)));
      if (!booked.ok()) return booked.status();
    }
  }
  *bytes_per_appointment =
      static_cast<double>(MallocInUse() - before) / static_cast<double>(n);
  return absl::OkStatus();
}

// The cached populated SQLite file for `n`, written on first use.
absl::StatusOr<std::string> PopulatedSqliteFile(int64_t n) {
  const std::string path = absl::StrCat(
      CacheDir(), "/scale-v", appt::sqlite_internal::kCurrentSchemaVersion, "-",
      n, ".sqlite");
  if (std::filesystem::exists(path)) return path;
  const std::string tmp = path + ".tmp";
  std::filesystem::remove(tmp);
  {
    RawDb db;
    if (auto s = db.Open(tmp, appt::Durability::kNormal); !s.ok()) return s;
    if (auto s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    if (auto s = InsertCatalog(db, ResourcesFor(n), kCustomers); !s.ok()) {
      return s;
    }
    BookingWriter writer(db);
    if (!writer.ok()) return db.Error("prepare");
    const int64_t now = (BenchNow() - appt::Instant{}).count();
    int64_t count = 0;
    for (int r = 1; r <= ResourcesFor(n); ++r) {
      for (int k = 0; k < kPerResource; ++k, ++count) {
        const int64_t start = (StoredStart(k) - appt::Instant{}).count();
        if (writer.Insert(r, r, 1 + count % kCustomers, start, now) !=
            SQLITE_DONE) {
          return db.Error("insert appointment");
        }
      }
    }
    if (auto s = RecordAppointmentSpans(db); !s.ok()) return s;
    if (auto s = db.Exec("COMMIT"); !s.ok()) return s;
    if (auto s = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok()) return s;
  }  // closed: the WAL is folded into the file
  std::filesystem::remove(tmp + "-wal");
  std::filesystem::remove(tmp + "-shm");
  std::filesystem::rename(tmp, path);
  return path;
}

// A fixture over an existing SQLite file laid out as above.
absl::Status OpenSqliteFixture(const std::string& path, int64_t n,
                               BookingFixture* f) {
  auto store = appt::OpenSqliteStore(path, {.create_if_missing = false});
  if (!store.ok()) return store.status();
  f->clock = std::make_shared<appt::ManualClock>(BenchNow());
  auto engine = appt::Engine::Open(*std::move(store), {.clock = f->clock});
  if (!engine.ok()) return engine.status();
  f->engine = *std::move(engine);
  for (int i = 1; i <= ResourcesFor(n); ++i) {
    f->resources.push_back(i);
    f->services.push_back(i);
  }
  for (int i = 1; i <= kCustomers; ++i) f->customers.push_back(i);
  return absl::OkStatus();
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
