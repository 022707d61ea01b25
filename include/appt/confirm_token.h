// Confirmation links (R5.1): a secret token per appointment with which the
// customer confirms they will come, or cancels. Tokens are 192 bits from
// the operating system's CSPRNG (libsodium), URL-safe base64 without
// padding; the store keeps only a BLAKE2b hash of each. Plain values; safe
// to copy between threads.
#ifndef APPT_CONFIRM_TOKEN_H_
#define APPT_CONFIRM_TOKEN_H_

#include <optional>
#include <string>

#include "appt/types.h"

namespace appt {

// A freshly issued token: the only time its text exists outside the
// host's own link. Build the confirm and cancel links from `token`.
struct ConfirmToken {
  std::string token{};
  AppointmentId appointment_id = 0;
  Instant issued_at{};
  Instant expires_at{};  // the appointment's start
  friend bool operator==(const ConfirmToken&, const ConfirmToken&) = default;
};

// A token as stored: its hash (32 bytes, binary) and what became of it.
// Issuing a new token for an appointment, or moving the appointment,
// supersedes the old ones.
struct ConfirmTokenRecord {
  std::string hash{};
  AppointmentId appointment_id = 0;
  Instant issued_at{};
  Instant expires_at{};
  std::optional<Instant> confirmed_at{};   // used to confirm
  std::optional<Instant> cancelled_at{};   // used to cancel: spent
  std::optional<Instant> superseded_at{};  // replaced or moved: dead
  friend bool operator==(const ConfirmTokenRecord&,
                         const ConfirmTokenRecord&) = default;
};

}  // namespace appt

#endif  // APPT_CONFIRM_TOKEN_H_
