// Zero-padded decimal formatting for the hot paths that write dates and
// times (timeline text, error messages): printf and iostreams cost more
// than the rest of a booking.
#ifndef APPT_UTIL_DIGITS_H_
#define APPT_UTIL_DIGITS_H_

#include <string>

#include "date/date.h"

namespace appt::digits {

// Appends `value` in decimal, left-padded with zeros to `width` digits
// (a minus sign, if any, comes first and is not counted).
void AppendPadded(std::string* out, long long value, int width);

// Appends "YYYY-MM-DD".
void AppendDate(std::string* out, const date::year_month_day& ymd);

// Appends "HH:MM".
void AppendHourMinute(std::string* out, long long hours, long long minutes);

}  // namespace appt::digits

#endif  // APPT_UTIL_DIGITS_H_
