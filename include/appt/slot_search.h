// Slot search (R1.4): a pure function from a resource's calendar, what
// already occupies it, and a service's rules to the bookable start times.
// No I/O, no clock; thread safe. The Engine loads the inputs and calls it.
#ifndef APPT_SLOT_SEARCH_H_
#define APPT_SLOT_SEARCH_H_

#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/appointment.h"
#include "appt/catalog.h"

namespace appt {

// Something that occupies a resource: a blocked interval or an active
// appointment. `service_id`/`start` let group services share one slot.
struct Occupancy {
  Interval interval{};        // with buffers for appointments
  ServiceId service_id = 0;  // 0 for blocked intervals
  Instant start;             // the appointment's start (unbuffered)
};

struct SlotSearchInput {
  const Resource* resource = nullptr;  // zone, weekly hours, exceptions
  const Service* service = nullptr;    // duration, buffers, capacity, rules
  Interval window{};                     // starts searched in [start, end)
  Duration step{0};                    // 0: the service duration
  Instant now{};                         // for notice and horizon
  // Sorted by interval.start; may overlap one another.
  std::span<const Occupancy> occupied{};
};

struct Slot {
  ResourceId resource_id = 0;
  Instant start{};
  int seats_left = 0;
  friend bool operator==(const Slot&, const Slot&) = default;
};

// Appends the bookable starts, ascending, to `out`. A start is bookable when
// [start, start + duration) lies inside one working span of the resource's
// local day (exceptions replacing weekly hours), is at or after now + notice
// and at or before now + horizon, its buffered interval overlaps no blocked
// interval and no other appointment, and fewer than `capacity` seats of the
// same service at the same start are taken. Starts step from each working
// span's start. Fails only when the zone is unknown.
absl::Status FindSlots(const SlotSearchInput& input, std::vector<Slot>* out);

// The working spans of `resource` that intersect `window`, as UTC
// intervals, ascending. A local time inside a DST gap moves forward past
// it; an ambiguous one takes the earlier instant.
absl::Status WorkingIntervals(const Resource& resource, Interval window,
                              std::vector<Interval>* out);

}  // namespace appt

#endif  // APPT_SLOT_SEARCH_H_
