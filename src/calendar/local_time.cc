#include "calendar/local_time.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "absl/strings/str_cat.h"
#include "util/digits.h"
#include "util/text.h"

namespace appt::calendar {
namespace {

// date::locate_zone searches the whole database (about a thousand
// instructions a call) and commands look up the same few zones again and
// again. Zones live as long as the database, so a per-thread memo of the
// last few names found is always valid.
struct KnownZone {
  std::string name;
  const date::time_zone* zone = nullptr;
};
constexpr int kKnownZones = 8;
thread_local std::array<KnownZone, kKnownZones> known_zones;
thread_local int next_known_zone = 0;

// The offset and abbreviation in force around an instant, memoised per
// thread for the zone and interval last asked about.
struct KnownOffset {
  const date::time_zone* zone = nullptr;
  Instant begin;
  Instant end;
  Duration offset{0};
  std::string abbrev;
};
thread_local KnownOffset known_offset;

// "Mon 2027-03-29 ": the text of the local day AppendLocal last wrote on
// this thread (a day's text is the same in every zone).
struct KnownDayText {
  date::local_days day;
  std::string text;  // empty until first used
};
thread_local KnownDayText known_day_text;

const KnownOffset& OffsetAt(const date::time_zone* zone, Instant t) {
  KnownOffset& k = known_offset;
  if (k.zone != zone || t < k.begin || t >= k.end) {
    const date::sys_info info = zone->get_info(t);
    k.zone = zone;
    k.begin = info.begin;
    k.end = info.end;
    k.offset = info.offset;
    k.abbrev = info.abbrev;
  }
  return k;
}

// The last offset a LocalToUtc learnt on this thread, for the next one
// made for the same zone.
struct KnownLocalOffset {
  const date::time_zone* zone = nullptr;
  Instant safe_begin;
  Instant safe_end;
  Duration offset{0};
};
thread_local KnownLocalOffset known_local_offset;

}  // namespace

date::local_days LocalDay(const date::time_zone* zone, Instant t) {
  const Duration offset = OffsetAt(zone, t).offset;
  return date::floor<date::days>(
      date::local_seconds{t.time_since_epoch() + offset});
}

LocalToUtc::LocalToUtc(const date::time_zone* zone) : zone_(zone) {
  const KnownLocalOffset& k = known_local_offset;
  if (k.zone == zone) {
    have_info_ = true;
    safe_begin_ = k.safe_begin;
    safe_end_ = k.safe_end;
    offset_ = k.offset;
  }
}

absl::StatusOr<const date::time_zone*> LookupZone(absl::string_view field,
                                                  absl::string_view name) {
  for (const KnownZone& k : known_zones) {
    if (k.zone != nullptr && k.name == name) return k.zone;
  }
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (!text::IsValidUtf8(name) || name.size() > 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " ", text::Quote(name), " is not an IANA time zone name"));
  }
  try {
    const date::time_zone* zone =
        date::locate_zone(std::string_view(name.data(), name.size()));
    KnownZone& slot = known_zones[next_known_zone];
    next_known_zone = (next_known_zone + 1) % kKnownZones;
    slot.name.assign(name.data(), name.size());
    slot.zone = zone;
    return zone;
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
  if (have_info_) {
    known_local_offset = {zone_, safe_begin_, safe_end_, offset_};
  }
  return utc;
}

void AppendLocal(std::string* out, const date::time_zone* zone, Instant t) {
  const KnownOffset& info = OffsetAt(zone, t);
  const auto local = date::local_seconds{t.time_since_epoch() + info.offset};
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss<Duration> hms{local - day};
  KnownDayText& known = known_day_text;
  if (known.text.empty() || known.day != day) {
    static constexpr const char* kWeekday[] = {"Sun", "Mon", "Tue", "Wed",
                                               "Thu", "Fri", "Sat"};
    known.text.assign(kWeekday[date::weekday(day).c_encoding()]);
    known.text.push_back(' ');
    digits::AppendDate(&known.text, date::year_month_day{day});
    known.text.push_back(' ');
    known.day = day;
  }
  out->append(known.text);
  digits::AppendHourMinute(out, hms.hours().count(), hms.minutes().count());
  out->push_back(' ');
  out->append(info.abbrev);
}

std::string FormatLocal(const date::time_zone* zone, Instant t) {
  std::string out;
  out.reserve(26);
  AppendLocal(&out, zone, t);
  return out;
}

}  // namespace appt::calendar
