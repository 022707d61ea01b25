// The populated stores of the scale and run-due benchmarks (see
// scale_data.h).
#include "scale_data.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "raw_sqlite.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt_bench {

absl::Status SyncFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0 || fsync(fd) != 0) {
    if (fd >= 0) close(fd);
    return absl::InternalError(absl::StrCat("cannot fsync ", path));
  }
  close(fd);
  return absl::OkStatus();
}

using std::chrono::minutes;

int ResourcesFor(int64_t n) { return static_cast<int>(n / kPerResource); }

appt::Instant StoredStart(int k) { return BenchBase() + minutes(30) * k; }

absl::Status PopulateMemory(
    int64_t n, BookingFixture* f, double* bytes_per_appointment,
    const std::function<absl::Status(appt::Engine&)>& before_booking) {
  if (auto s =
          SetUpBooking(appt::NewMemoryStore(), ResourcesFor(n), kCustomers, f);
      !s.ok()) {
    return s;
  }
  if (before_booking) {
    if (auto s = before_booking(*f->engine); !s.ok()) return s;
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

absl::StatusOr<std::string> PopulatedSqliteFile(int64_t n) {
  const std::string path = absl::StrCat(
      CacheDir(), "/scale-v", appt::sqlite_internal::kCurrentSchemaVersion,
      "-p", appt::sqlite_internal::kNewFilePageSize, "-", n, ".sqlite");
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

absl::Status PrepareTimedFixture(
    bool sqlite, int64_t n, const TempDir& dir, const std::string& file,
    const std::function<absl::Status(appt::Engine&)>& plan,
    const std::string& raw_sql, BookingFixture* f) {
  if (!sqlite) {
    double ignored = 0;
    return PopulateMemory(n, f, &ignored, [&](appt::Engine& engine) {
      f->clock->Set(BenchNow() - std::chrono::days(31));
      return plan(engine);
    });
  }
  auto cached = PopulatedSqliteFile(n);
  if (!cached.ok()) return cached.status();
  const std::string work = dir.File(file);
  std::filesystem::copy_file(*cached, work);
  {
    RawDb db;
    if (auto s = db.Open(work, appt::Durability::kNormal); !s.ok()) return s;
    if (auto s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    if (auto s = db.Exec(raw_sql.c_str()); !s.ok()) return s;
    if (auto s = db.Exec("COMMIT"); !s.ok()) return s;
  }
  if (auto s = SyncFile(work); !s.ok()) return s;
  return OpenSqliteFixture(work, n, f);
}

std::string RawTimersSql(appt::TimerKind kind, int64_t rule,
                         int64_t lead_seconds) {
  const std::string due = absl::StrCat("(start_at - ", lead_seconds, ")");
  return absl::StrCat(
      "INSERT INTO timers (id, kind, rule_id, appointment_id, occurrence, "
      "nominal_due, due) SELECT (",
      due, " << ", appt::sqlite_internal::kTimerSeqBits,
      ") + row_number() OVER (PARTITION BY start_at ORDER BY id) - 1, ",
      static_cast<int>(kind), ", ", rule, ", id, start_at, ", due, ", ", due,
      " FROM appointments;"
      // Each timer's entry in appointment_index, as the store writes it.
      "INSERT INTO appointment_index SELECT appointment_id, 1, kind, id, id "
      "FROM timers WHERE kind = ",
      static_cast<int>(kind), " AND rule_id = ", rule, ";");
}

}  // namespace appt_bench
