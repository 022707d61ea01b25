// Wall-time conversions through date/tz.h. Thread safe.
#ifndef APPT_SRC_CALENDAR_LOCAL_TIME_H_
#define APPT_SRC_CALENDAR_LOCAL_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "appt/types.h"
#include "date/tz.h"

namespace appt::calendar {

// The zone named `name`, or InvalidArgument naming `field` and the value.
absl::StatusOr<const date::time_zone*> LookupZone(absl::string_view field,
                                                  absl::string_view name);

// Converts local wall times of one zone to UTC, caching the current offset
// so a run of nearby days costs one lookup. A nonexistent local time (in a
// DST gap) maps to the end of the gap; an ambiguous one to the earlier
// instant. Not thread safe: one per thread or per search.
class LocalToUtc {
 public:
  // Starts from the offset the last LocalToUtc of this thread learnt for
  // `zone`, if any.
  explicit LocalToUtc(const date::time_zone* zone);
  Instant operator()(date::local_seconds local);

 private:
  const date::time_zone* zone_;
  bool have_info_ = false;
  Instant safe_begin_;  // cached offset is certain inside [begin, end)
  Instant safe_end_;
  Duration offset_{0};
};

// The local day of `t` in `zone` (the zone's offset interval around `t`
// is memoised per thread, as for FormatLocal).
date::local_days LocalDay(const date::time_zone* zone, Instant t);

// "Mon 2027-03-29 09:00 CEST" style text of `t` in `zone`.
std::string FormatLocal(const date::time_zone* zone, Instant t);
// As FormatLocal, appended to *out.
void AppendLocal(std::string* out, const date::time_zone* zone, Instant t);

}  // namespace appt::calendar

#endif  // APPT_SRC_CALENDAR_LOCAL_TIME_H_
