#include "engine/placement.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "calendar/availability.h"
#include "calendar/local_time.h"
#include "catalog/validate.h"

namespace appt::engine {

using absl::StrCat;

Interval BufferedInterval(const Service& service, Instant start) {
  return Interval{start - service.buffer_before,
                  start + service.duration + service.buffer_after};
}

absl::Status CheckPerforms(const Service& service, ResourceId resource) {
  if (std::find(service.resource_ids.begin(), service.resource_ids.end(),
                resource) == service.resource_ids.end()) {
    return absl::InvalidArgumentError(
        StrCat("resource_id ", resource, " does not perform service_id ",
               service.id, " (", service.name, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Occupancy>> LoadOccupancy(StoreTransaction& tx,
                                                     ResourceId resource,
                                                     Interval window,
                                                     AppointmentId ignore,
                                                     bool skip_blocks) {
  std::vector<Occupancy> out;
  if (!skip_blocks) {
    auto blocks = tx.ListBlocks(resource, window);
    if (!blocks.ok()) return blocks.status();
    for (const BlockedInterval& b : *blocks) {
      out.push_back(Occupancy{b.interval, 0, b.interval.start});
    }
  }
  auto appointments = tx.ListActiveAppointments(resource, window);
  if (!appointments.ok()) return appointments.status();
  for (const Appointment& a : *appointments) {
    if (a.id == ignore) continue;
    out.push_back(Occupancy{a.blocked, a.service_id, a.start});
  }
  std::sort(out.begin(), out.end(), [](const Occupancy& a, const Occupancy& b) {
    return a.interval.start < b.interval.start;
  });
  return out;
}

absl::Status CheckPlacement(StoreTransaction& tx, const Placement& p) {
  const Service& service = *p.service;
  const Resource& resource = *p.resource;
  if (auto s = catalog::CheckInstant("start", p.start); !s.ok()) return s;
  auto zone = calendar::LookupZone("resource.time_zone", resource.time_zone);
  if (!zone.ok()) return zone.status();
  // Formatted only for error messages: booking is a hot path.
  auto when = [&] { return calendar::FormatLocal(*zone, p.start); };
  if (p.start < p.now) {
    return absl::InvalidArgumentError(
        StrCat("start ", FormatUtc(p.start), " (", when(),
               ") is in the past; now is ", FormatUtc(p.now)));
  }
  if (!p.force) {
    if (p.start < p.now + service.min_notice) {
      return absl::InvalidArgumentError(StrCat(
          "start ", FormatUtc(p.start), " (", when(),
          ") is inside the minimum notice of ", service.min_notice.count() / 60,
          " minutes for service_id ", service.id));
    }
    if (p.start > p.now + service.horizon) {
      return absl::InvalidArgumentError(
          StrCat("start ", FormatUtc(p.start), " (", when(),
                 ") is beyond the booking horizon of ",
                 service.horizon.count() / 86400, " days for service_id ",
                 service.id));
    }
    const Interval appointment{p.start, p.start + service.duration};
    bool inside = false;
    calendar::WorkingSpans spans(resource, *zone);
    const date::local_days day = calendar::LocalDay(*zone, p.start);
    spans.ForEach(day - date::days(1), day + date::days(1), [&](Interval span) {
      inside = span.start <= appointment.start && appointment.end <= span.end;
      return !inside && span.start <= appointment.start;
    });
    if (!inside) {
      return absl::InvalidArgumentError(StrCat(
          "start ", FormatUtc(p.start), " (", when(),
          ") is outside the working hours of resource_id ", resource.id));
    }
  }
  const Interval blocked = BufferedInterval(service, p.start);
  auto occupied = LoadOccupancy(tx, resource.id, blocked, p.ignore, p.force);
  if (!occupied.ok()) return occupied.status();
  calendar::OccupancyIndex index(*occupied, service);
  const int seats = index.SeatsLeft(p.start, blocked);
  if (seats < 0) {
    return absl::AlreadyExistsError(
        StrCat("start ", FormatUtc(p.start), " (", when(),
               ") is not free: resource_id ", resource.id,
               " is busy then (conflict)"));
  }
  if (seats == 0) {
    return absl::AlreadyExistsError(
        StrCat("start ", FormatUtc(p.start), " (", when(), ") is full: all ",
               service.capacity, " seats of service_id ", service.id,
               " are taken (conflict)"));
  }
  return absl::OkStatus();
}

}  // namespace appt::engine
