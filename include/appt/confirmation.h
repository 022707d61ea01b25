// The confirmation cycle around a booked visit (R5.2, R5.4): when an
// unconfirmed visit becomes overdue, when the engine releases it, and the
// board that flags what needs a person's attention. Plain values; safe to
// copy between threads.
#ifndef APPT_CONFIRMATION_H_
#define APPT_CONFIRMATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appt/appointment.h"
#include "appt/types.h"

namespace appt {

// Business-wide; stored with the business's data.
struct ConfirmationSettings {
  // A visit the customer was asked to confirm (a confirmation link was
  // issued) and has not confirmed is overdue once less than this is left
  // before its start. 0 to 30 days.
  Duration overdue_before{std::chrono::hours(3)};
  // Auto-release (R5.4): a visit the customer was asked to confirm and has
  // not confirmed by start + release_offset is cancelled by the engine
  // with `release_reason`, which frees the slot at once. Negative offsets
  // are before the start (-2 h: two hours before), positive after it (as
  // in a release after an unanswered no-show follow-up); within ±30 days.
  // Unset: never released. Visits never asked (no link issued since they
  // were booked or moved) are never released.
  std::optional<Duration> release_offset{};
  std::string release_reason = "not confirmed by the customer";
  friend bool operator==(const ConfirmationSettings&,
                         const ConfirmationSettings&) = default;
};

// Why a booked visit is on the board (R5.2); at most one flag each, at the
// engine clock's now:
// - kAwaiting: asked to confirm, not confirmed, before the overdue point;
// - kOverdue: asked, not confirmed, inside overdue_before of the start;
// - kLate: started and marked neither attended nor no-show.
// Requests awaiting the business's approval (status.h) are not flagged.
enum class ConfirmationFlag { kAwaiting, kOverdue, kLate };

const char* ConfirmationFlagName(ConfirmationFlag flag);

struct ConfirmationBoardQuery {
  std::vector<ResourceId> resource_ids{};  // empty: every resource
  Interval window{};                       // starts in [start, end)
};

struct FlaggedAppointment {
  Appointment appointment{};
  ConfirmationFlag flag = ConfirmationFlag::kAwaiting;
  friend bool operator==(const FlaggedAppointment&,
                         const FlaggedAppointment&) = default;
};

// The counters of one resource on one day of its own calendar (the local
// date of the starts, in the resource's zone).
struct DayFlagCount {
  ResourceId resource_id = 0;
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  int64_t awaiting = 0;
  int64_t overdue = 0;
  int64_t late = 0;
  friend bool operator==(const DayFlagCount&, const DayFlagCount&) = default;
};

struct ConfirmationBoard {
  std::vector<FlaggedAppointment> appointments{};  // by start, then id
  std::vector<DayFlagCount> counts{};  // by resource id, then date
  int64_t awaiting = 0;
  int64_t overdue = 0;
  int64_t late = 0;
};

}  // namespace appt

#endif  // APPT_CONFIRMATION_H_
