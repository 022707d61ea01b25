#include "appt/clock.h"

namespace appt {

Instant SystemClock::Now() const {
  return std::chrono::floor<Duration>(std::chrono::system_clock::now());
}

}  // namespace appt
