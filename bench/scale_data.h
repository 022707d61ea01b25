// The stores the scale and run-due benchmarks work on. Layout: n / 1000
// always-open resources (UTC), each with kPerResource quarter-hour
// appointments every 30 minutes from BenchBase(), and kCustomers
// customers, so a resource's own load is the same at every n and only the
// store's size grows.
//
// The MemoryStore is filled through Engine::Book (there is no other way
// in). The SQLite file is written directly in one transaction with the
// store's own schema and statements (raw_sqlite.h) -- the engine has no
// batch booking, and a million one-transaction bookings would take many
// minutes -- and cached as $TMPDIR/appt-bench-cache/scale-v<schema>-p<page
// size>-<n>.sqlite.
#ifndef APPT_BENCH_SCALE_DATA_H_
#define APPT_BENCH_SCALE_DATA_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "appt/timer.h"
#include "bench_common.h"

namespace appt_bench {

inline constexpr int kPerResource = 1000;
inline constexpr int kCustomers = 100;
inline constexpr int kSlotsPerWeek = 7 * 48;

int ResourcesFor(int64_t n);
// The k-th stored start of every resource.
appt::Instant StoredStart(int k);

// fsyncs a file (a copied database, so its dirty pages are not flushed
// inside a timed loop).
absl::Status SyncFile(const std::string& path);

// Fills an engine over a MemoryStore with n appointments; sets
// *bytes_per_appointment (malloc bytes while booking). `before_booking`,
// if set, runs on the engine first (e.g. to save a message rule).
absl::Status PopulateMemory(
    int64_t n, BookingFixture* f, double* bytes_per_appointment,
    const std::function<absl::Status(appt::Engine&)>& before_booking = {});

// The cached populated SQLite file for n, written on first use.
absl::StatusOr<std::string> PopulatedSqliteFile(int64_t n);

// A fixture over an existing SQLite file laid out as above.
absl::Status OpenSqliteFixture(const std::string& path, int64_t n,
                               BookingFixture* f);

// A fixture with n stored appointments and timers derived for them. Memory:
// the clock is set 31 days before BenchNow() and `plan` runs on the engine
// before booking, so that every Book derives its timers. SQLite: a copy of
// the cached file, named `file` in `dir`, gets `raw_sql` (the same state
// written directly) in one transaction.
absl::Status PrepareTimedFixture(
    bool sqlite, int64_t n, const TempDir& dir, const std::string& file,
    const std::function<absl::Status(appt::Engine&)>& plan,
    const std::string& raw_sql, BookingFixture* f);

// SQL that gives every stored appointment one timer of `kind` for `rule`,
// due `lead_seconds` before its start (occurrence: the start), with ids as
// the SQLite store assigns them (sqlite_schema.h, kTimerSeqBits).
std::string RawTimersSql(appt::TimerKind kind, int64_t rule,
                         int64_t lead_seconds);

}  // namespace appt_bench

#endif  // APPT_BENCH_SCALE_DATA_H_
