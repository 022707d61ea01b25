// Time is injected (R8.4). Nothing in appt reads the system clock except
// SystemClock. Implementations must be thread safe.
#ifndef APPT_CLOCK_H_
#define APPT_CLOCK_H_

#include <atomic>

#include "appt/types.h"

namespace appt {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// The operating system's wall clock, truncated to seconds.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that only moves when told; for tests and simulations. Thread safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(Duration(now_.load())); }
  void Set(Instant t) { now_.store(t.time_since_epoch().count()); }
  void Advance(Duration d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace appt

#endif  // APPT_CLOCK_H_
