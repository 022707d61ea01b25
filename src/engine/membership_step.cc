#include "engine/membership_step.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "util/token.h"

namespace appt::engine {
namespace {

using absl::StrCat;

constexpr char kUsedUp[] = "visits used up";
constexpr char kValidityEnded[] = "validity ended";

void Expire(Membership& m, Instant at, const char* reason) {
  m.state = MembershipState::kExpired;
  m.expired_at = at;
  m.expired_reason = reason;
}

}  // namespace

Membership AsOf(Membership m, Instant now) {
  if (m.state == MembershipState::kActive && now >= m.expires_at) {
    Expire(m, m.expires_at, kValidityEnded);
  }
  return m;
}

absl::StatusOr<Membership> CheckMembershipUse(StoreTransaction& tx,
                                              MembershipId id,
                                              CustomerId customer,
                                              ServiceId service, Instant start,
                                              Instant now) {
  auto stored = tx.GetMembership(id);
  if (!stored.ok()) return stored.status();
  const Membership m = AsOf(*std::move(stored), now);
  if (m.customer_id != customer) {
    return absl::InvalidArgumentError(
        StrCat("membership_id ", id, " belongs to customer_id ", m.customer_id,
               ", not ", customer));
  }
  if (std::find(m.service_ids.begin(), m.service_ids.end(), service) ==
      m.service_ids.end()) {
    return absl::InvalidArgumentError(StrCat(
        "membership_id ", id, " does not cover service_id ", service));
  }
  if (m.state == MembershipState::kExpired) {
    return absl::FailedPreconditionError(StrCat(
        "membership_id ", id, " expired at ", FormatUtc(*m.expired_at), " (",
        m.expired_reason, ")"));
  }
  if (m.visits_left() < 1) {
    return absl::FailedPreconditionError(
        StrCat("membership_id ", id, " has no visit left (", m.visits_booked,
               " booked, ", m.visits_used, " used of ", m.visits_total, ")"));
  }
  if (start >= m.expires_at) {
    return absl::InvalidArgumentError(
        StrCat("start ", FormatUtc(start), " is after membership_id ", id,
               " expires at ", FormatUtc(m.expires_at)));
  }
  return m;
}

absl::Status ApplyMembershipChange(StoreTransaction& tx, const Appointment& a,
                                   Change change, Instant now) {
  if (a.membership_id == 0) return absl::OkStatus();
  int booked = 0, used = 0;
  switch (change) {
    case Change::kBooked:
      booked = 1;
      break;
    case Change::kCancelled:
    case Change::kRejected:
      booked = -1;
      break;
    case Change::kAttended:
      booked = -1;
      used = 1;
      break;
    case Change::kNoShow:
      booked = -1;
      used = -1;  // decided below, from the terms
      break;
    default:
      return absl::OkStatus();
  }
  auto m = tx.GetMembership(a.membership_id);
  if (!m.ok()) return m.status();
  if (used < 0) used = m->no_show == NoShowPolicy::kUsesVisit ? 1 : 0;
  m->visits_booked += booked;
  m->visits_used += used;
  if (m->state == MembershipState::kActive && m->visits_left() == 0 &&
      m->visits_booked == 0) {
    Expire(*m, now, kUsedUp);
  }
  return tx.UpdateMembership(*m);
}

namespace {

// The Luhn sum of `digits` read from the right, doubling every second
// digit starting with the first when `double_first`.
int LuhnSum(std::string_view digits, bool double_first) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if ((i % 2 == 0) == double_first) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

}  // namespace

absl::StatusOr<std::string> NewCertificateNumber() {
  auto digits = token::RandomDigits(9);
  if (!digits.ok()) return digits.status();
  return StrCat("M", *digits, (10 - LuhnSum(*digits, true) % 10) % 10);
}

bool LuhnValid(std::string_view digits) {
  return !digits.empty() && LuhnSum(digits, false) % 10 == 0;
}

}  // namespace appt::engine
