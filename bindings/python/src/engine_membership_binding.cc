// appt.Engine's membership methods (R7): plans, purchases and reads.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineMemberships(py::class_<PyEngine>& cls) {
  cls.def(
         "create_membership_plan",
         [](PyEngine& e, const MembershipPlan& plan) {
           return NoGil(e, [&](Engine& engine) {
             return engine.CreateMembershipPlan(plan);
           });
         },
         py::arg("plan"),
         "Saves an appt.MembershipPlan, validated whole.\n\n"
         "Returns:\n    The new plan's id.")
      .def(
          "update_membership_plan",
          [](PyEngine& e, const MembershipPlan& plan) {
            NoGil(e, [&](Engine& engine) {
              return engine.UpdateMembershipPlan(plan);
            });
          },
          py::arg("plan"), "Replaces plan.id; new purchases get the terms.")
      .def(
          "get_membership_plan",
          [](PyEngine& e, PlanId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.GetMembershipPlan(id);
            });
          },
          py::arg("id"), "Returns:\n    The appt.MembershipPlan.")
      .def(
          "list_membership_plans",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ListMembershipPlans();
            });
          },
          "Returns:\n    Every appt.MembershipPlan, by id.")
      .def(
          "purchase_membership",
          [](PyEngine& e, CustomerId customer_id, PlanId plan_id,
             py::handle actor, std::string external_id,
             std::string certificate_number) {
            PurchaseRequest r{customer_id, plan_id,
                              ActorArg(actor, Actor::Kind::kStaff),
                              std::move(external_id),
                              std::move(certificate_number)};
            return NoGil(e, [&](Engine& engine) {
              return engine.PurchaseMembership(r);
            });
          },
          py::kw_only(), py::arg("customer_id"), py::arg("plan_id"),
          py::arg("actor") = py::none(), py::arg("external_id") = "",
          py::arg("certificate_number") = "",
          R"doc(Sells a membership: the plan's terms, a unique certificate
number (the host's, or "" for one the engine draws), its visits, expiring
validity_days from now.

Returns:
    The new appt.Membership.)doc")
      .def(
          "get_membership",
          [](PyEngine& e, MembershipId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetMembership(id); });
          },
          py::arg("id"),
          "Returns:\n    The appt.Membership (expired once its validity "
          "ended).")
      .def(
          "list_customer_memberships",
          [](PyEngine& e, CustomerId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ListCustomerMemberships(id);
            });
          },
          py::arg("customer_id"),
          "Returns:\n    The customer's appt.Membership list, by id.");
}

}  // namespace appt::python
