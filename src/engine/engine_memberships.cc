// Membership plans and purchases (R7.1, R7.2). Plans are validated whole
// before anything is written; referenced services are checked inside the
// saving transaction.
#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "catalog/validate.h"
#include "engine/deal_step.h"
#include "engine/engine_impl.h"
#include "engine/membership_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

absl::Status ValidatePlan(const MembershipPlan& p) {
  if (auto s = text::CheckText("plan.name", p.name, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (auto s = text::CheckText("plan.external_id", p.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  if (p.service_ids.empty()) {
    return absl::InvalidArgumentError("plan.service_ids is empty");
  }
  for (size_t i = 0; i < p.service_ids.size(); ++i) {
    if (std::find(p.service_ids.begin(), p.service_ids.begin() + i,
                  p.service_ids[i]) != p.service_ids.begin() + i) {
      return absl::InvalidArgumentError(StrCat(
          "plan.service_ids[", i, "] ", p.service_ids[i], " is listed twice"));
    }
  }
  if (p.visits < 1 || p.visits > 1000) {
    return absl::InvalidArgumentError(
        StrCat("plan.visits ", p.visits, " must be within 1..1000"));
  }
  if (p.validity_days < 1 || p.validity_days > 3660) {
    return absl::InvalidArgumentError(StrCat(
        "plan.validity_days ", p.validity_days, " must be within 1..3660"));
  }
  if (p.price.minor_units < 0) {
    return absl::InvalidArgumentError(StrCat("plan.price.minor_units ",
                                             p.price.minor_units,
                                             " is negative"));
  }
  if (!text::IsValidCurrency(p.price.currency)) {
    return absl::InvalidArgumentError(
        StrCat("plan.price.currency ", text::Quote(p.price.currency),
               " is not an ISO 4217 code"));
  }
  const int policy = static_cast<int>(p.no_show);
  if (policy < 0 || policy > static_cast<int>(NoShowPolicy::kReturnsVisit)) {
    return absl::InvalidArgumentError(
        StrCat("plan.no_show ", policy, " is not a no-show policy"));
  }
  return absl::OkStatus();
}

absl::Status CheckPlanServices(StoreTransaction& tx, const MembershipPlan& p) {
  for (size_t i = 0; i < p.service_ids.size(); ++i) {
    if (auto s = tx.GetService(p.service_ids[i]); !s.ok()) {
      return absl::NotFoundError(StrCat("plan.service_ids[", i,
                                        "]: service_id ", p.service_ids[i],
                                        " not found"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<MembershipPlan> FindPlan(StoreTransaction& tx, PlanId id) {
  auto plans = tx.ListPlans();
  if (!plans.ok()) return plans.status();
  for (MembershipPlan& p : *plans) {
    if (p.id == id) return std::move(p);
  }
  return absl::NotFoundError(StrCat("plan_id ", id, " not found"));
}

}  // namespace

absl::StatusOr<PlanId> Engine::CreateMembershipPlan(
    const MembershipPlan& plan) {
  if (auto s = ValidatePlan(plan); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::StatusOr<PlanId> {
                      if (auto s = CheckPlanServices(tx, plan); !s.ok()) return s;
                      return tx.InsertPlan(plan);
                    });
}

absl::Status Engine::UpdateMembershipPlan(const MembershipPlan& plan) {
  if (auto s = ValidatePlan(plan); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      if (auto s = CheckPlanServices(tx, plan); !s.ok()) return s;
                      return tx.UpdatePlan(plan);
                    });
}

absl::StatusOr<MembershipPlan> Engine::GetMembershipPlan(PlanId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return FindPlan(tx, id);
  });
}

absl::StatusOr<std::vector<MembershipPlan>> Engine::ListMembershipPlans() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListPlans();
  });
}

absl::StatusOr<Membership> Engine::PurchaseMembership(
    const PurchaseRequest& r) {
  if (auto s = catalog::CheckActor(r.actor); !s.ok()) return s;
  if (auto s = text::CheckText("external_id", r.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  if (!r.certificate_number.empty() &&
      (r.certificate_number.size() > 40 ||
       !std::all_of(r.certificate_number.begin(), r.certificate_number.end(),
                    [](char c) {
                      return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                             c == '-';
                    }))) {
    return absl::InvalidArgumentError(
        StrCat("certificate_number ", text::Quote(r.certificate_number),
               " must be 1 to 40 letters, digits and '-'"));
  }
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx,
          Events& events) -> absl::StatusOr<Membership> {
        if (auto c = tx.GetCustomer(r.customer_id); !c.ok()) return c.status();
        auto plan = FindPlan(tx, r.plan_id);
        if (!plan.ok()) return plan.status();
        Membership m;
        m.plan_id = plan->id;
        m.customer_id = r.customer_id;
        m.service_ids = plan->service_ids;
        m.no_show = plan->no_show;
        m.price = plan->price;
        m.visits_total = plan->visits;
        m.purchased_at = now;
        m.expires_at = now + std::chrono::days(plan->validity_days);
        m.external_id = r.external_id;
        // The deal opens with the membership (R7.2), in its transaction.
        auto bought = [&]() -> absl::StatusOr<Membership> {
          engine::DealStep deals(tx, events, now);
          if (auto s = deals.AfterPurchase(m, r.actor); !s.ok()) return s;
          return m;
        };
        if (!r.certificate_number.empty()) {
          m.certificate_number = r.certificate_number;
          auto id = tx.InsertMembership(m);
          if (!id.ok()) return id.status();
          m.id = *id;
          return bought();
        }
        // Nine random digits: a collision is rare; try a few.
        for (int attempt = 0;; ++attempt) {
          auto number = engine::NewCertificateNumber();
          if (!number.ok()) return number.status();
          m.certificate_number = *number;
          auto id = tx.InsertMembership(m);
          if (id.ok()) {
            m.id = *id;
            return bought();
          }
          if (!absl::IsAlreadyExists(id.status()) || attempt == 4) {
            return id.status();
          }
        }
      });
}

absl::StatusOr<Membership> Engine::GetMembership(MembershipId id) {
  const Instant now = impl_->clock->Now();
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<Membership> {
                      auto m = tx.GetMembership(id);
                      if (!m.ok()) return m.status();
                      return engine::AsOf(*std::move(m), now);
                    });
}

absl::StatusOr<std::vector<Membership>> Engine::ListCustomerMemberships(
    CustomerId id) {
  const Instant now = impl_->clock->Now();
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx, Events&)
                        -> absl::StatusOr<std::vector<Membership>> {
                      if (auto c = tx.GetCustomer(id); !c.ok()) {
                        return c.status();
                      }
                      auto list = tx.ListCustomerMemberships(id);
                      if (!list.ok()) return list.status();
                      for (Membership& m : *list) m = engine::AsOf(m, now);
                      return list;
                    });
}

}  // namespace appt
