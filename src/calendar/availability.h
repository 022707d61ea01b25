// Internals shared by slot search and the booking check: working spans of
// a local day, and an index over what occupies a resource. Not thread safe;
// build one per search.
#ifndef APPT_SRC_CALENDAR_AVAILABILITY_H_
#define APPT_SRC_CALENDAR_AVAILABILITY_H_

#include <span>
#include <vector>

#include "absl/status/status.h"
#include "appt/slot_search.h"
#include "calendar/local_time.h"

namespace appt::calendar {

// Walks a resource's working spans day by day, as UTC intervals.
class WorkingSpans {
 public:
  WorkingSpans(const Resource& resource, const date::time_zone* zone);
  // Calls fn(Interval) for each span of each local day from `first` to
  // `last` inclusive, ascending; stops early when fn returns false.
  template <typename Fn>
  void ForEach(date::local_days first, date::local_days last, Fn&& fn);

 private:
  const std::vector<LocalSpan>& SpansOf(date::local_days day);
  const Resource& resource_;
  LocalToUtc to_utc_;
  // Exceptions by local day, sorted, for binary search.
  std::vector<std::pair<date::local_days, const DateException*>> exceptions_;
  // Each weekday's spans by start: the resource's own vector when already
  // sorted (the usual case), else a sorted copy; looked at only when a day
  // of that weekday is first walked (null until then).
  std::array<const std::vector<LocalSpan>*, 7> weekly_{};
  std::array<std::vector<LocalSpan>, 7> sorted_copies_;
};

template <typename Fn>
void WorkingSpans::ForEach(date::local_days first, date::local_days last,
                           Fn&& fn) {
  for (date::local_days day = first; day <= last; day += date::days(1)) {
    for (const LocalSpan& span : SpansOf(day)) {
      const Instant start =
          to_utc_(day + std::chrono::minutes(span.start_minute));
      const Instant end = to_utc_(day + std::chrono::minutes(span.end_minute));
      if (end <= start) continue;
      if (!fn(Interval{start, end})) return;
    }
  }
}

// What occupies a resource, for one service: answers how many seats are
// left for a start, given its buffered interval. Queries must come with
// non-decreasing blocked.start (slot search), or use Reset() between them.
class OccupancyIndex {
 public:
  OccupancyIndex(std::span<const Occupancy> occupied, const Service& service);
  // -1 when the interval hits a blocked interval or another appointment;
  // otherwise the seats left (0 when full).
  int SeatsLeft(Instant start, Interval blocked);
  void Reset() { cursor_ = 0; }

 private:
  int capacity_;
  std::vector<Interval> hard_;        // merged, disjoint, ascending
  std::vector<Occupancy> shareable_;  // same service, by start
  size_t cursor_ = 0;
};

}  // namespace appt::calendar

#endif  // APPT_SRC_CALENDAR_AVAILABILITY_H_
