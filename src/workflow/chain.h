// Status chains and the workflow settings (R3.1, R3.2, R3.5): validation
// and the rules of moving between statuses. Pure; thread safe. Checks that
// need the store (unknown ids, statuses in use) are the Engine's.
#ifndef APPT_SRC_WORKFLOW_CHAIN_H_
#define APPT_SRC_WORKFLOW_CHAIN_H_

#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "appt/catalog.h"
#include "appt/status.h"

namespace appt::workflow {

// The chain as it is stored: statuses sorted by position, colours in lower
// case, holds_slot true for confirmations and false for cancellations.
// InvalidArgument naming the first bad field (statuses[i].name, …).
absl::StatusOr<StatusChain> NormalizeChain(const StatusChain& chain);

// Whether an appointment may move from `from` to `to` (R3.5): from a start
// status anywhere else, from a confirmation to another confirmation or a
// cancellation, from a cancellation nowhere. FailedPrecondition naming
// both statuses otherwise.
absl::Status CheckMove(const Status& from, const Status& to);

// The workflow as read in one transaction.
struct Workflow {
  WorkflowSettings settings;
  std::vector<StatusChain> chains;

  const StatusChain* Chain(ChainId id) const;
  // The chain bookings of `service` go through, or null when they are
  // confirmed on the spot.
  const StatusChain* ChainFor(const Service& service) const;
  // The status with `id` and its chain; nullopt when none has it.
  struct Found {
    const StatusChain* chain;
    const Status* status;
  };
  std::optional<Found> Find(StatusId id) const;
};

// The first status of a valid chain (its lowest position).
const Status& FirstStatus(const StatusChain& chain);
// Its first cancellation status by position.
const Status& FirstCancellation(const StatusChain& chain);

}  // namespace appt::workflow

#endif  // APPT_SRC_WORKFLOW_CHAIN_H_
