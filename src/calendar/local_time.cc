#include "calendar/local_time.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "util/text.h"

namespace appt::calendar {

absl::StatusOr<const date::time_zone*> LookupZone(absl::string_view field,
                                                  absl::string_view name) {
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (!text::IsValidUtf8(name) || name.size() > 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ", text::Quote(name), " is not an IANA time zone name"));
  }
  try {
    return date::locate_zone(std::string_view(name.data(), name.size()));
  } catch (const std::exception&) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ", text::Quote(name), " is not a known IANA time zone"));
  }
}

Instant LocalToUtc::operator()(date::local_seconds local) {
  if (have_info_) {
    const Instant guess{local.time_since_epoch() - offset_};
    if (guess >= safe_begin_ && guess < safe_end_) return guess;
  }
  const Instant utc = zone_->to_sys(local, date::choose::earliest);
  const date::sys_info info = zone_->get_info(utc);
  // A day inside each edge of the offset's validity keeps every cached
  // answer away from gaps and overlaps, which are always under a day.
  constexpr Duration kMargin = std::chrono::hours(26);
  have_info_ = info.end - info.begin > 2 * kMargin;
  safe_begin_ = info.begin + kMargin;
  safe_end_ = info.end - kMargin;
  offset_ = info.offset;
  return utc;
}

std::string FormatLocal(const date::time_zone* zone, Instant t) {
  return date::format("%a %Y-%m-%d %H:%M %Z", date::zoned_seconds(zone, t));
}

}  // namespace appt::calendar
