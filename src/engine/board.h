// What the two boards (status.h, confirmation.h) share: the window and
// resource list checks. Internal to the Engine.
#ifndef APPT_SRC_ENGINE_BOARD_H_
#define APPT_SRC_ENGINE_BOARD_H_

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

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_BOARD_H_
