// Options for opening stores and engines.
#ifndef APPT_OPTIONS_H_
#define APPT_OPTIONS_H_

#include <chrono>
#include <memory>
#include <string>

#include "appt/clock.h"

namespace appt {

// How hard a committed SQLite transaction is pushed to disk.
// kNormal: WAL with synchronous=NORMAL (durable across process crashes; a
// power loss may drop the last commits). kFull: synchronous=FULL.
enum class Durability { kNormal, kFull };

struct SqliteOptions {
  Durability durability = Durability::kNormal;
  // How long a command waits for another process's write lock.
  std::chrono::milliseconds busy_timeout{5000};
  bool create_if_missing = true;
};

struct EngineOptions {
  // Shared so the host can keep a ManualClock and advance it. Null means a
  // SystemClock.
  std::shared_ptr<Clock> clock{};
  // RunDue fires due timers in this many per transaction (1..10000). A
  // firing never spans two transactions: its message, firing record and
  // timer deletion commit together whatever the batch; a larger batch
  // shares each commit's page writes between firings (the cost that
  // dominates on SQLite), a batch of 1 gives every firing its own commit.
  int max_firings_per_transaction = 64;
};

}  // namespace appt

#endif  // APPT_OPTIONS_H_
