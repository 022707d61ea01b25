// Loading what occupies a resource, and deciding whether an appointment
// may be placed at a start. Internal to the Engine; runs inside a command's
// transaction.
#ifndef APPT_SRC_ENGINE_PLACEMENT_H_
#define APPT_SRC_ENGINE_PLACEMENT_H_

#include <vector>

#include "absl/status/status.h"
#include "appt/slot_search.h"
#include "appt/store.h"

namespace appt::engine {

// Blocked intervals (unless `skip_blocks`) and active appointments (but
// `ignore`) of `resource` overlapping `window`, sorted by interval start.
absl::StatusOr<std::vector<Occupancy>> LoadOccupancy(StoreTransaction& tx,
                                                     ResourceId resource,
                                                     Interval window,
                                                     AppointmentId ignore,
                                                     bool skip_blocks);

struct Placement {
  const Resource* resource;
  const Service* service;
  Instant start;
  Instant now;
  bool force = false;        // skip hours, blocks, notice and horizon
  AppointmentId ignore = 0;  // the appointment being moved, if any
};

// OK when the appointment fits. InvalidArgument for a past start, notice,
// horizon, or a start outside working hours; AlreadyExists when the time is
// not free (blocked, taken, or full). Messages name the field and value.
absl::Status CheckPlacement(StoreTransaction& tx, const Placement& p);

// The blocked interval of an appointment of `service` starting at `start`.
Interval BufferedInterval(const Service& service, Instant start);

// NotFound/InvalidArgument unless `resource` performs `service`.
absl::Status CheckPerforms(const Service& service, ResourceId resource);

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_PLACEMENT_H_
