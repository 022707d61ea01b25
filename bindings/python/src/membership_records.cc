// appt.NoShowPolicy, appt.MembershipState, appt.MembershipPlan (written by
// the host) and appt.Membership (read-only: the engine produces it).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "appt/membership.h"
#include "conversions.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {

void BindMemberships(py::module_& m) {
  BindNamedEnum(m, "NoShowPolicy",
                "What a no-show does to a membership's visit: USES_VISIT or "
                "RETURNS_VISIT.",
                &NoShowPolicyName, NoShowPolicy::kReturnsVisit);
  BindNamedEnum(m, "MembershipState",
                "ACTIVE, or EXPIRED (visits used up, or validity ended).",
                &MembershipStateName, MembershipState::kExpired);

  py::class_<MembershipPlan> plan(m, "MembershipPlan", R"doc(
Prepaid visits for some services, valid for some days from the purchase.)doc");
  plan.def(py::init([](std::string name, std::vector<ServiceId> service_ids,
                       int visits, int validity_days, int64_t price_minor_units,
                       std::string currency, NoShowPolicy no_show,
                       std::string external_id, PlanId id) {
             return MembershipPlan{id,
                                   std::move(name),
                                   std::move(service_ids),
                                   visits,
                                   validity_days,
                                   {price_minor_units, std::move(currency)},
                                   no_show,
                                   std::move(external_id)};
           }),
           py::kw_only(), py::arg("name"), py::arg("service_ids"),
           py::arg("visits") = 10, py::arg("validity_days") = 365,
           py::arg("price_minor_units") = 0, py::arg("currency") = "EUR",
           py::arg("no_show") = NoShowPolicy::kUsesVisit,
           py::arg("external_id") = "", py::arg("id") = 0,
           R"doc(Args:
    name: shown to staff and on the deal.
    service_ids: the services it covers; non-empty.
    visits: 1..1000. validity_days: 1..3660 from the purchase.
    price_minor_units, currency: the price (ISO 4217).
    no_show: an appt.NoShowPolicy.)doc")
      .def_readwrite("id", &MembershipPlan::id)
      .def_readwrite("name", &MembershipPlan::name)
      .def_readwrite("visits", &MembershipPlan::visits)
      .def_readwrite("validity_days", &MembershipPlan::validity_days)
      .def_readwrite("external_id", &MembershipPlan::external_id)
      .def_property(
          "price_minor_units",
          [](const MembershipPlan& p) { return p.price.minor_units; },
          [](MembershipPlan& p, int64_t v) { p.price.minor_units = v; })
      .def_property(
          "currency", [](const MembershipPlan& p) { return p.price.currency; },
          [](MembershipPlan& p, std::string v) {
            p.price.currency = std::move(v);
          })
      .def(py::self == py::self)
      .def("__repr__", [](const MembershipPlan& p) {
        return absl::StrCat("appt.MembershipPlan(id=", p.id,
                            ", name=", PyRepr(p.name), ", visits=", p.visits,
                            ", validity_days=", p.validity_days, ")");
      });
  CopyProperty(plan, "service_ids", &MembershipPlan::service_ids);
  CopyProperty(plan, "no_show", &MembershipPlan::no_show);

  py::class_<Membership>(m, "Membership", R"doc(
A customer's membership: the plan's terms at purchase, its certificate
number and its visit counters.)doc")
      .def_readonly("id", &Membership::id)
      .def_readonly("plan_id", &Membership::plan_id)
      .def_readonly("customer_id", &Membership::customer_id)
      .def_readonly("certificate_number", &Membership::certificate_number)
      .def_readonly("service_ids", &Membership::service_ids)
      .def_readonly("no_show", &Membership::no_show)
      .def_property_readonly(
          "price_minor_units",
          [](const Membership& x) { return x.price.minor_units; })
      .def_property_readonly(
          "currency", [](const Membership& x) { return x.price.currency; })
      .def_readonly("visits_total", &Membership::visits_total)
      .def_readonly("visits_booked", &Membership::visits_booked)
      .def_readonly("visits_used", &Membership::visits_used)
      .def_property_readonly("visits_left", &Membership::visits_left)
      .def_property_readonly(
          "purchased_at",
          [](const Membership& x) { return FromInstant(x.purchased_at); })
      .def_property_readonly(
          "expires_at",
          [](const Membership& x) { return FromInstant(x.expires_at); })
      .def_readonly("state", &Membership::state)
      .def_property_readonly("expired_at",
                             [](const Membership& x) -> py::object {
                               if (!x.expired_at) return py::none();
                               return FromInstant(*x.expired_at);
                             })
      .def_readonly("expired_reason", &Membership::expired_reason)
      .def_readonly("external_id", &Membership::external_id)
      .def(py::self == py::self)
      .def("__repr__", [](const Membership& x) {
        return absl::StrCat("appt.Membership(id=", x.id, ", certificate=",
                            x.certificate_number, ", left=", x.visits_left(),
                            "/", x.visits_total, ", state=",
                            MembershipStateName(x.state), ")");
      });
}

}  // namespace appt::python
