// Checks on user-supplied text. Pure functions; thread safe.
#ifndef APPT_SRC_UTIL_TEXT_H_
#define APPT_SRC_UTIL_TEXT_H_

#include <cstddef>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace appt::text {

inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxTextBytes = 4000;

// The length of the valid UTF-8 sequence at the start of `s` (1 to 4), or 0
// when it starts with an invalid one (overlong forms, surrogates and code
// points above U+10FFFF are invalid) or is empty.
size_t Utf8SequenceLength(absl::string_view s);
bool IsValidUtf8(absl::string_view s);
// `s` with each invalid byte replaced by U+FFFD, cut to at most `max_bytes`
// on a character boundary. For text from outside that must be stored.
std::string ToValidUtf8(absl::string_view s, size_t max_bytes);
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
