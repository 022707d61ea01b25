// Secret tokens for confirmation links (R5.1), with libsodium: 24 bytes
// from the OS's CSPRNG as URL-safe base64 without padding (32 characters),
// and the 32-byte BLAKE2b hash the store keeps instead. Thread safe.
#ifndef APPT_SRC_UTIL_TOKEN_H_
#define APPT_SRC_UTIL_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace appt::token {

inline constexpr size_t kTokenChars = 32;

// A new random token. Internal error only if libsodium cannot start.
absl::StatusOr<std::string> NewToken();

// `count` random decimal digits from the same CSPRNG (certificate numbers
// that cannot be guessed from one another). Internal error only if
// libsodium cannot start.
absl::StatusOr<std::string> RandomDigits(int count);

// The binary hash of `token`.
std::string Hash(absl::string_view token);

// Whether `s` has a token's shape (length and URL-safe alphabet); a shape
// check before any lookup, so junk input never reaches the store.
bool IsTokenShaped(absl::string_view s);

}  // namespace appt::token

#endif  // APPT_SRC_UTIL_TOKEN_H_
