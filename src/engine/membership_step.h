// Memberships inside a command's transaction (R7.3, R7.4): whether a
// booking may use a membership, and the visit counters each change moves.
// Internal to the Engine; not thread safe (one per command).
#ifndef APPT_SRC_ENGINE_MEMBERSHIP_STEP_H_
#define APPT_SRC_ENGINE_MEMBERSHIP_STEP_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "appt/store.h"
#include "engine/messaging_step.h"

namespace appt::engine {

// `m` as of `now`: an active membership whose validity ended is reported
// expired ("validity ended", at its expires_at).
Membership AsOf(Membership m, Instant now);

// Whether customer `customer` may book `service` starting at `start` on
// membership `id` at `now`: it exists (NotFound), is the customer's and
// covers the service (InvalidArgument), is active with a visit left
// (FailedPrecondition) and does not expire before the start
// (InvalidArgument).
absl::StatusOr<Membership> CheckMembershipUse(StoreTransaction& tx,
                                              MembershipId id,
                                              CustomerId customer,
                                              ServiceId service, Instant start,
                                              Instant now);

// Moves `a`'s membership counters for `change` (a booking holds a visit,
// a cancellation returns it, attendance uses it, a no-show per the terms)
// and expires a membership whose visits are used up. Nothing when `a` has
// no membership or the change moves no counter.
absl::Status ApplyMembershipChange(StoreTransaction& tx, const Appointment& a,
                                   Change change, Instant now);

// A new certificate number: "M", nine random digits and a Luhn check
// digit over them. The caller retries on the rare collision.
absl::StatusOr<std::string> NewCertificateNumber();

// Whether `digits` (all decimal) ends in a valid Luhn check digit.
bool LuhnValid(std::string_view digits);

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_MEMBERSHIP_STEP_H_
