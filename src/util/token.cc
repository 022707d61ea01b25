#include "util/token.h"

#include <sodium.h>

#include <algorithm>

#include "absl/strings/ascii.h"

namespace appt::token {
namespace {

constexpr size_t kTokenBytes = 24;

bool SodiumReady() {
  // sodium_init is thread safe and idempotent; 1 means already done.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

absl::StatusOr<std::string> RandomDigits(int count) {
  if (!SodiumReady()) {
    return absl::InternalError("libsodium could not be initialised");
  }
  std::string out(static_cast<size_t>(count), '0');
  for (char& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

absl::StatusOr<std::string> NewToken() {
  if (!SodiumReady()) {
    return absl::InternalError("libsodium could not be initialised");
  }
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof bytes);
  char text[kTokenChars + 1];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(text, kTokenChars);
}

std::string Hash(absl::string_view token) {
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return out;
}

bool IsTokenShaped(absl::string_view s) {
  return s.size() == kTokenChars && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isalnum(c) || c == '-' || c == '_';
         });
}

}  // namespace appt::token
