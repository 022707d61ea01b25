// MemoryStore: membership plans and memberships.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {
namespace {

void IndexMembershipExpiry(Tables& t, const Membership& m, bool add) {
  if (m.state != MembershipState::kActive) return;
  if (add) {
    t.expiring.insert({Secs(m.expires_at), m.id});
  } else {
    t.expiring.erase({Secs(m.expires_at), m.id});
  }
}

}  // namespace

void MemoryTransaction::IndexExpiry(const Membership& m, bool add) {
  IndexMembershipExpiry(*t_, m, add);
}

absl::StatusOr<std::vector<Membership>>
MemoryTransaction::ListExpiringMemberships(Instant until, int limit) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Membership> out;
  for (auto it = t_->expiring.begin();
       it != t_->expiring.end() && it->first <= Secs(until) &&
       static_cast<int>(out.size()) < limit;
       ++it) {
    out.push_back(t_->memberships[it->second - 1]);
  }
  return out;
}

absl::StatusOr<std::optional<Instant>>
MemoryTransaction::NextMembershipExpiry() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (t_->expiring.empty()) return std::nullopt;
  return Instant(std::chrono::seconds(t_->expiring.begin()->first));
}

absl::StatusOr<PlanId> MemoryTransaction::InsertPlan(const MembershipPlan& p) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  const PlanId id = t_->next_plan++;
  MembershipPlan& row = t_->plans[id] = p;
  row.id = id;
  OnUndo([id](Tables& t) {
    t.plans.erase(id);
    t.next_plan = id;
  });
  return id;
}

absl::Status MemoryTransaction::UpdatePlan(const MembershipPlan& p) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->plans.find(p.id);
  if (it == t_->plans.end()) return NotFound("plan_id", p.id);
  OnUndo([old = it->second](Tables& t) { t.plans[old.id] = old; });
  it->second = p;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<MembershipPlan>> MemoryTransaction::ListPlans() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<MembershipPlan> out;
  for (const auto& [id, plan] : t_->plans) out.push_back(plan);
  return out;
}

absl::StatusOr<MembershipId> MemoryTransaction::InsertMembership(
    const Membership& m) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->customers, m.customer_id)) {
    return NotFound("customer_id", m.customer_id);
  }
  const MembershipId id = static_cast<MembershipId>(t_->memberships.size()) + 1;
  if (!t_->certificates.emplace(m.certificate_number, id).second) {
    return absl::AlreadyExistsError(absl::StrCat(
        "certificate_number \"", m.certificate_number, "\" already exists"));
  }
  t_->memberships.push_back(m);
  t_->memberships.back().id = id;
  t_->memberships_by_customer[m.customer_id].push_back(id);
  IndexExpiry(t_->memberships.back(), true);
  OnUndo([m = t_->memberships.back()](Tables& t) {
    IndexMembershipExpiry(t, m, false);
    t.memberships.pop_back();
    t.certificates.erase(m.certificate_number);
    t.memberships_by_customer[m.customer_id].pop_back();
  });
  return id;
}

absl::Status MemoryTransaction::UpdateMembership(const Membership& m) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->memberships, m.id)) return NotFound("membership_id", m.id);
  Membership& row = t_->memberships[m.id - 1];
  IndexExpiry(row, false);
  OnUndo([old = row, m](Tables& t) {
    IndexMembershipExpiry(t, m, false);
    IndexMembershipExpiry(t, old, true);
    t.memberships[old.id - 1] = old;
  });
  row = m;
  IndexExpiry(row, true);
  return absl::OkStatus();
}

absl::StatusOr<Membership> MemoryTransaction::GetMembership(MembershipId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->memberships, id)) return NotFound("membership_id", id);
  return t_->memberships[id - 1];
}

absl::StatusOr<std::vector<Membership>>
MemoryTransaction::ListCustomerMemberships(CustomerId customer) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Membership> out;
  auto it = t_->memberships_by_customer.find(customer);
  if (it == t_->memberships_by_customer.end()) return out;
  for (MembershipId id : it->second) out.push_back(t_->memberships[id - 1]);
  return out;
}

}  // namespace appt::memory_internal
