// What the two boards (status.h, confirmation.h) share: the window and
// resource list checks. Internal to the Engine.
#ifndef APPT_SRC_ENGINE_BOARD_H_
#define APPT_SRC_ENGINE_BOARD_H_

#include <algorithm>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/store.h"

namespace appt::engine {

// InvalidArgument unless `window` is well formed and spans at most 366
// days.
absl::Status CheckBoardWindow(const Interval& window);

// The resources a board covers: `ids` checked (a repeat is
// InvalidArgument, an unknown id NotFound), or every resource when empty.
absl::StatusOr<std::vector<ResourceId>> BoardResources(
    StoreTransaction& tx, const std::vector<ResourceId>& ids);

// Orders `rows` by the start, then id, of `appointment_of(row)`. Rows that
// are already in order (one resource's, as the store lists them, usually)
// are left as they are: sorting moves each wide row twice.
template <typename Row, typename AppointmentOf>
void SortByStart(std::vector<Row>& rows, AppointmentOf appointment_of) {
  auto earlier = [&](const Row& x, const Row& y) {
    const Appointment& a = appointment_of(x);
    const Appointment& b = appointment_of(y);
    return std::tie(a.start, a.id) < std::tie(b.start, b.id);
  };
  if (!std::is_sorted(rows.begin(), rows.end(), earlier)) {
    std::sort(rows.begin(), rows.end(), earlier);
  }
}

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_BOARD_H_
