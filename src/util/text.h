// Checks on user-supplied text. Pure functions; thread safe.
#ifndef APPT_SRC_UTIL_TEXT_H_
#define APPT_SRC_UTIL_TEXT_H_

#include <cstddef>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace appt::text {

inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxTextBytes = 4000;

bool IsValidUtf8(absl::string_view s);
// A pragmatic address check: one '@', non-empty local part, a dotted domain
// of letters, digits and hyphens, no spaces, at most 254 bytes.
bool IsValidEmail(absl::string_view s);
// E.164: '+', a non-zero first digit, 8 to 15 digits in all.
bool IsValidE164(absl::string_view s);
// A BCP 47-shaped tag: "it", "it-IT", "zh-Hant-TW" (letters/digits, '-').
bool IsValidLocale(absl::string_view s);
// ISO 4217-shaped: three upper-case ASCII letters.
bool IsValidCurrency(absl::string_view s);

// InvalidArgument naming `field` unless `value` is valid UTF-8 of at most
// `max_bytes` bytes (and non-empty when `required`).
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t max_bytes, bool required);

// Quotes `value` for an error message, cut to 60 bytes.
std::string Quote(absl::string_view value);

}  // namespace appt::text

#endif  // APPT_SRC_UTIL_TEXT_H_
