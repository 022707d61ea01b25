// Basic value types shared by every part of appt: ids, instants, intervals,
// money and actors. Plain values; safe to copy between threads.
#ifndef APPT_TYPES_H_
#define APPT_TYPES_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace appt {

// An instant: UTC seconds since the Unix epoch. Nothing in appt stores or
// compares local wall time; local times are derived through date/tz.h.
using Instant = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

// Ids are assigned by the store; 0 means "not assigned yet".
using ResourceId = int64_t;
using ServiceId = int64_t;
using CustomerId = int64_t;
using AppointmentId = int64_t;
using BlockId = int64_t;
using StatusId = int64_t;
using ChainId = int64_t;

// A half-open interval [start, end) of UTC instants.
struct Interval {
  Instant start{};
  Instant end{};
  bool Overlaps(const Interval& other) const {
    return start < other.end && other.start < end;
  }
  friend bool operator==(const Interval&, const Interval&) = default;
};

// Money as integer minor units (cents) plus an ISO 4217 code ("EUR").
struct Money {
  int64_t minor_units = 0;
  std::string currency = "EUR";
  friend bool operator==(const Money&, const Money&) = default;
};

// Who performs a command. `id` is the host's user or contact id, free text.
struct Actor {
  enum class Kind { kCustomer, kStaff, kEngine, kSystem };
  Kind kind = Kind::kStaff;
  std::string id{};
  friend bool operator==(const Actor&, const Actor&) = default;
};

const char* ActorKindName(Actor::Kind kind);

// Formats an instant as ISO 8601 UTC, e.g. "2027-03-01T08:00:00Z".
std::string FormatUtc(Instant t);

}  // namespace appt

#endif  // APPT_TYPES_H_
