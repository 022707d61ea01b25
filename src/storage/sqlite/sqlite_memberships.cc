// SqliteStore: membership plans and memberships (schema version 7). See
// store.h for the contract.
#include "absl/strings/match.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {
namespace {

Refs BindPlan(Query& q, const MembershipPlan& p,
              std::vector<std::string>& scratch) {
  scratch = {EncodeIds(p.service_ids)};
  q.BindNewId(1, p.id);
  q.BindText(2, p.name);
  q.BindText(3, scratch[0]);
  q.BindInt(4, p.visits);
  q.BindInt(5, p.validity_days);
  q.BindInt(6, p.price.minor_units);
  q.BindText(7, p.price.currency);
  q.BindInt(8, static_cast<int>(p.no_show));
  q.BindText(9, p.external_id);
  return {};
}

absl::StatusOr<MembershipPlan> ReadPlan(const Query& q,
                                        absl::string_view path) {
  MembershipPlan p;
  p.id = q.Int(0);
  p.name = q.Text(1);
  if (!DecodeIds(q.Text(2), &p.service_ids)) {
    return Corrupt(path, "service_ids", "membership plan", p.id);
  }
  p.visits = static_cast<int>(q.Int(3));
  p.validity_days = static_cast<int>(q.Int(4));
  p.price = {q.Int(5), q.Text(6)};
  const int64_t policy = q.Int(7);
  if (policy < 0 || policy > static_cast<int>(NoShowPolicy::kReturnsVisit)) {
    return Corrupt(path, "no_show", "membership plan", p.id);
  }
  p.no_show = static_cast<NoShowPolicy>(policy);
  p.external_id = q.Text(8);
  return p;
}

Refs BindMembership(Query& q, const Membership& m,
                    std::vector<std::string>& scratch) {
  scratch = {EncodeIds(m.service_ids)};
  q.BindNewId(1, m.id);
  q.BindInt(2, m.plan_id);
  q.BindInt(3, m.customer_id);
  q.BindText(4, m.certificate_number);
  q.BindText(5, scratch[0]);
  q.BindInt(6, static_cast<int>(m.no_show));
  q.BindInt(7, m.price.minor_units);
  q.BindText(8, m.price.currency);
  q.BindInt(9, m.visits_total);
  q.BindInt(10, m.visits_booked);
  q.BindInt(11, m.visits_used);
  q.BindTime(12, m.purchased_at);
  q.BindTime(13, m.expires_at);
  q.BindInt(14, static_cast<int>(m.state));
  q.BindOptionalTime(15, m.expired_at);
  q.BindText(16, m.expired_reason);
  q.BindText(17, m.external_id);
  return {{kCustomerExists, {"customer_id", m.customer_id}}};
}

absl::StatusOr<Membership> ReadMembership(const Query& q,
                                          absl::string_view path) {
  Membership m;
  m.id = q.Int(0);
  m.plan_id = q.Int(1);
  m.customer_id = q.Int(2);
  m.certificate_number = q.Text(3);
  if (!DecodeIds(q.Text(4), &m.service_ids)) {
    return Corrupt(path, "service_ids", "membership", m.id);
  }
  const int64_t policy = q.Int(5), state = q.Int(13);
  if (policy < 0 || policy > static_cast<int>(NoShowPolicy::kReturnsVisit)) {
    return Corrupt(path, "no_show", "membership", m.id);
  }
  if (state < 0 || state > static_cast<int>(MembershipState::kExpired)) {
    return Corrupt(path, "state", "membership", m.id);
  }
  m.no_show = static_cast<NoShowPolicy>(policy);
  m.price = {q.Int(6), q.Text(7)};
  m.visits_total = static_cast<int>(q.Int(8));
  m.visits_booked = static_cast<int>(q.Int(9));
  m.visits_used = static_cast<int>(q.Int(10));
  m.purchased_at = q.Time(11);
  m.expires_at = q.Time(12);
  m.state = static_cast<MembershipState>(state);
  m.expired_at = q.OptionalTime(14);
  m.expired_reason = q.Text(15);
  m.external_id = q.Text(16);
  return m;
}

}  // namespace

absl::StatusOr<PlanId> SqliteTransaction::InsertPlan(const MembershipPlan& p) {
  MembershipPlan row = p;
  row.id = 0;  // AUTOINCREMENT assigns it; ids are never reused
  return Insert(row, kInsertPlan, &BindPlan, "inserting membership plan");
}

absl::Status SqliteTransaction::UpdatePlan(const MembershipPlan& p) {
  return Update(p, kUpdatePlan, &BindPlan, "plan_id");
}

absl::StatusOr<std::vector<MembershipPlan>> SqliteTransaction::ListPlans() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListPlans);
  return Collect<MembershipPlan>(q, &ReadPlan);
}

absl::StatusOr<MembershipId> SqliteTransaction::InsertMembership(
    const Membership& m) {
  Membership row = m;
  row.id = 0;
  auto id =
      Insert(row, kInsertMembership, &BindMembership, "inserting membership");
  if (!id.ok() && absl::IsFailedPrecondition(id.status()) &&
      absl::StrContains(id.status().message(), "UNIQUE constraint failed")) {
    return absl::AlreadyExistsError(absl::StrCat(
        "certificate_number \"", m.certificate_number, "\" already exists"));
  }
  return id;
}

absl::Status SqliteTransaction::UpdateMembership(const Membership& m) {
  return Update(m, kUpdateMembership, &BindMembership, "membership_id");
}

absl::StatusOr<Membership> SqliteTransaction::GetMembership(MembershipId id) {
  return Get<Membership>(id, kGetMembership, &ReadMembership, "membership_id");
}

absl::StatusOr<std::vector<Membership>>
SqliteTransaction::ListCustomerMemberships(CustomerId customer) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListCustomerMemberships);
  q.BindInt(1, customer);
  return Collect<Membership>(q, &ReadMembership);
}

absl::StatusOr<std::vector<Membership>>
SqliteTransaction::ListExpiringMemberships(Instant until, int limit) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListExpiringMemberships);
  q.BindTime(1, until);
  q.BindInt(2, limit);
  return Collect<Membership>(q, &ReadMembership);
}

absl::StatusOr<std::optional<Instant>>
SqliteTransaction::NextMembershipExpiry() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kNextMembershipExpiry);
  auto secs = ScalarOf(q, "finding the next membership expiry");
  if (!secs.ok()) return secs.status();
  if (!secs->has_value()) return std::nullopt;
  return At(**secs);
}

}  // namespace appt::sqlite_internal
