// Memberships through the C ABI: plans, purchases and reads.
#include "commands.h"

using appt::capi::CheckNotNull;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::SetError;
using appt::capi::WithInput;

extern "C" {

const char* appt_no_show_policy_name(int policy) {
  return appt::capi::EnumName(policy, APPT_NO_SHOW_RETURNS_VISIT,
                              &appt::NoShowPolicyName);
}

const char* appt_membership_state_name(int state) {
  return appt::capi::EnumName(state, APPT_MEMBERSHIP_EXPIRED,
                              &appt::MembershipStateName);
}

int appt_membership_plan_create(int64_t* out_id, appt_engine* engine,
                                const appt_membership_plan* plan) {
  return appt::capi::Create(
      out_id, engine, plan,
      [](appt::Engine& e, const appt::MembershipPlan& p) {
        return e.CreateMembershipPlan(p);
      },
      "plan");
}

int appt_membership_plan_update(appt_engine* engine,
                                const appt_membership_plan* plan) {
  return appt::capi::Update(
      engine, plan,
      [](appt::Engine& e, const appt::MembershipPlan& p) {
        return e.UpdateMembershipPlan(p);
      },
      "plan");
}

int appt_membership_plan_get(appt_membership_plan* out, appt_engine* engine,
                             int64_t id) {
  return GetOne(out, "appt_membership_plan", APPT_MEMBERSHIP_PLAN_VERSION,
                engine,
                [&](appt::Engine& e) { return e.GetMembershipPlan(id); });
}

int appt_membership_plan_list_all(appt_membership_plan_list* out,
                                  appt_engine* engine) {
  return GetList(out, "appt_membership_plan_list",
                 APPT_MEMBERSHIP_PLAN_LIST_VERSION, engine,
                 [](appt::Engine& e) { return e.ListMembershipPlans(); });
}

void appt_membership_plan_dispose(appt_membership_plan* plan) { Dispose(plan); }

void appt_membership_plan_list_dispose(appt_membership_plan_list* list) {
  Dispose(list);
}

int appt_membership_purchase(appt_membership* out, appt_engine* engine,
                             const appt_purchase_request* request) {
  return WithInput(request, "request", [&](const auto& r) {
    return GetOne(out, "appt_membership", APPT_MEMBERSHIP_VERSION, engine,
                  [&](appt::Engine& e) { return e.PurchaseMembership(r); });
  });
}

int appt_membership_get(appt_membership* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_membership", APPT_MEMBERSHIP_VERSION, engine,
                [&](appt::Engine& e) { return e.GetMembership(id); });
}

int appt_membership_list_for_customer(appt_membership_list* out,
                                      appt_engine* engine,
                                      int64_t customer_id) {
  return GetList(
      out, "appt_membership_list", APPT_MEMBERSHIP_LIST_VERSION, engine,
      [&](appt::Engine& e) { return e.ListCustomerMemberships(customer_id); });
}

void appt_membership_dispose(appt_membership* membership) {
  Dispose(membership);
}

void appt_membership_list_dispose(appt_membership_list* list) { Dispose(list); }

}  // extern "C"
