// Memberships (R7.1–R7.4): plans of prepaid visits, and the memberships
// customers buy from them. A purchase fixes the plan's terms (services,
// visits, validity, no-show policy) in the membership; changing the plan
// later affects new purchases only. Booking on a membership holds a visit,
// cancelling returns it, attendance uses it, a no-show uses it unless the
// terms say otherwise. Plain values; safe to copy between threads.
#ifndef APPT_MEMBERSHIP_H_
#define APPT_MEMBERSHIP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appt/types.h"

namespace appt {

using PlanId = int64_t;
using MembershipId = int64_t;

// What a no-show does to a membership's visits.
enum class NoShowPolicy { kUsesVisit, kReturnsVisit };

const char* NoShowPolicyName(NoShowPolicy policy);

struct MembershipPlan {
  PlanId id = 0;  // assigned by the engine
  std::string name{};
  std::vector<ServiceId> service_ids{};  // the services it covers; non-empty
  int visits = 10;                       // 1..1000
  int validity_days = 365;               // 1..3660, from the purchase
  Money price{};                         // minor_units >= 0
  NoShowPolicy no_show = NoShowPolicy::kUsesVisit;
  std::string external_id{};
  friend bool operator==(const MembershipPlan&,
                         const MembershipPlan&) = default;
};

// kExpired when its visits are used up (the last one used with none
// booked) or its expiry passed; final.
enum class MembershipState { kActive, kExpired };

const char* MembershipStateName(MembershipState state);

struct Membership {
  MembershipId id = 0;
  PlanId plan_id = 0;
  CustomerId customer_id = 0;
  // Unique in the store: the host's, or drawn by the engine: "M", nine
  // random digits and a Luhn check digit, e.g. "M1234567897".
  std::string certificate_number{};
  // The plan's terms at purchase.
  std::vector<ServiceId> service_ids{};
  NoShowPolicy no_show = NoShowPolicy::kUsesVisit;
  Money price{};
  int visits_total = 0;
  int visits_booked = 0;  // held by booked (or pending) appointments
  int visits_used = 0;    // attended, and no-shows that use a visit
  Instant purchased_at{};
  Instant expires_at{};   // purchased_at + validity_days
  MembershipState state = MembershipState::kActive;
  std::optional<Instant> expired_at{};
  std::string expired_reason{};  // "visits used up" or "validity ended"
  std::string external_id{};
  int visits_left() const { return visits_total - visits_booked - visits_used; }
  friend bool operator==(const Membership&, const Membership&) = default;
};

struct PurchaseRequest {
  CustomerId customer_id = 0;
  PlanId plan_id = 0;
  Actor actor{Actor::Kind::kStaff, ""};
  std::string external_id{};
  // The host's own number (1 to 40 letters, digits and '-'), e.g. one
  // printed on a card; unique (AlreadyExists when taken). "": the engine
  // draws one.
  std::string certificate_number{};
};

}  // namespace appt

#endif  // APPT_MEMBERSHIP_H_
