#include "appt/slot_search.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "calendar/availability.h"

namespace appt {
namespace calendar {

WorkingSpans::WorkingSpans(const Resource& resource,
                           const date::time_zone* zone)
    : resource_(resource), to_utc_(zone) {
  for (const DateException& e : resource.exceptions) {
    const date::year_month_day ymd{date::year(e.year),
                                   date::month(static_cast<unsigned>(e.month)),
                                   date::day(static_cast<unsigned>(e.day))};
    exceptions_.emplace_back(date::local_days(ymd), &e);
  }
  std::sort(exceptions_.begin(), exceptions_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

const std::vector<LocalSpan>& WorkingSpans::SpansOf(date::local_days day) {
  if (!exceptions_.empty()) {
    auto it = std::lower_bound(
        exceptions_.begin(), exceptions_.end(), day,
        [](const auto& e, date::local_days d) { return e.first < d; });
    if (it != exceptions_.end() && it->first == day) return it->second->spans;
  }
  const unsigned i = date::weekday(day).iso_encoding() - 1;  // 0 = Monday
  if (weekly_[i] == nullptr) {
    const auto by_start = [](const LocalSpan& a, const LocalSpan& b) {
      return a.start_minute < b.start_minute;
    };
    const std::vector<LocalSpan>& spans = resource_.weekly_hours[i];
    weekly_[i] = &spans;
    if (!std::is_sorted(spans.begin(), spans.end(), by_start)) {
      sorted_copies_[i] = spans;
      std::sort(sorted_copies_[i].begin(), sorted_copies_[i].end(), by_start);
      weekly_[i] = &sorted_copies_[i];
    }
  }
  return *weekly_[i];
}

OccupancyIndex::OccupancyIndex(std::span<const Occupancy> occupied,
                               const Service& service)
    : capacity_(service.capacity) {
  hard_.reserve(occupied.size());
  for (const Occupancy& o : occupied) {
    if (o.interval.end <= o.interval.start) continue;
    if (capacity_ > 1 && o.service_id == service.id && service.id != 0) {
      shareable_.push_back(o);
      continue;
    }
    if (!hard_.empty() && o.interval.start <= hard_.back().end) {
      hard_.back().end = std::max(hard_.back().end, o.interval.end);
    } else {
      hard_.push_back(o.interval);
    }
  }
  std::sort(shareable_.begin(), shareable_.end(),
            [](const Occupancy& a, const Occupancy& b) {
              return a.interval.start < b.interval.start;
            });
}

int OccupancyIndex::SeatsLeft(Instant start, Interval blocked) {
  while (cursor_ < hard_.size() && hard_[cursor_].end <= blocked.start) {
    ++cursor_;
  }
  if (cursor_ < hard_.size() && hard_[cursor_].start < blocked.end) return -1;
  int taken = 0;
  if (!shareable_.empty()) {
    auto it = std::lower_bound(
        shareable_.begin(), shareable_.end(), blocked.start - kMaxBlockedSpan,
        [](const Occupancy& o, Instant t) { return o.interval.start < t; });
    for (; it != shareable_.end() && it->interval.start < blocked.end; ++it) {
      if (!it->interval.Overlaps(blocked)) continue;
      if (it->start != start) return -1;
      ++taken;
    }
  }
  return std::max(0, capacity_ - taken);
}

}  // namespace calendar

absl::Status WorkingIntervals(const Resource& resource, Interval window,
                              std::vector<Interval>* out) {
  auto zone = calendar::LookupZone("resource.time_zone", resource.time_zone);
  if (!zone.ok()) return zone.status();
  if (window.end <= window.start) return absl::OkStatus();
  calendar::WorkingSpans spans(resource, *zone);
  const date::days margin(1);
  spans.ForEach(calendar::LocalDay(*zone, window.start) - margin,
                calendar::LocalDay(*zone, window.end) + margin,
                [&](Interval span) {
                  if (span.Overlaps(window)) out->push_back(span);
                  return true;
                });
  return absl::OkStatus();
}

absl::Status FindSlots(const SlotSearchInput& input, std::vector<Slot>* out) {
  const Resource& resource = *input.resource;
  const Service& service = *input.service;
  auto zone = calendar::LookupZone("resource.time_zone", resource.time_zone);
  if (!zone.ok()) return zone.status();
  const Duration duration = service.duration;
  const Duration step = input.step > Duration(0) ? input.step : duration;
  if (duration <= Duration(0) || step <= Duration(0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "service.duration ", duration.count(), "s must be positive"));
  }
  const Instant earliest =
      std::max(input.window.start, input.now + service.min_notice);
  // Starts run in [earliest, last_start].
  const Instant last_start =
      std::min(input.window.end - Duration(1), input.now + service.horizon);
  if (last_start < earliest) return absl::OkStatus();

  calendar::WorkingSpans spans(resource, *zone);
  calendar::OccupancyIndex occupancy(input.occupied, service);
  const date::days margin(1);
  spans.ForEach(
      calendar::LocalDay(*zone, earliest) - margin,
      calendar::LocalDay(*zone, last_start) + margin, [&](Interval span) {
        if (span.start > last_start) return false;
        Instant t = span.start;
        if (t < earliest) {
          const auto steps = (earliest - t + step - Duration(1)) / step;
          t += steps * step;
        }
        for (; t + duration <= span.end && t <= last_start; t += step) {
          const Interval blocked{t - service.buffer_before,
                                 t + duration + service.buffer_after};
          const int seats = occupancy.SeatsLeft(t, blocked);
          if (seats > 0) out->push_back(Slot{resource.id, t, seats});
        }
        return true;
      });
  return absl::OkStatus();
}

}  // namespace appt
