// appt.StatusMarker, appt.Status, appt.StatusChain, appt.ServiceChain,
// appt.WorkflowSettings (written by the host), and appt.StatusChange,
// appt.StatusCount, appt.StatusBoard (read-only: the engine produces them).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "appt/confirm_token.h"
#include "appt/status.h"
#include "conversions.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

void BindStatusRecords(py::module_& m) {
  BindNamedEnum(m, "StatusMarker",
                "What entering a status does: START (awaits approval), "
                "CONFIRMATION or CANCELLATION (a reason is required).",
                &StatusMarkerName, StatusMarker::kCancellation);

  py::class_<Status> status(m, "Status", "One status of a chain.");
  status
      .def(py::init([](std::string name, StatusMarker marker, int position,
                       std::string description, std::string colour,
                       bool holds_slot, StatusId id) {
             return Status{id,        std::move(name),   std::move(description),
                           position,  std::move(colour), marker,
                           holds_slot};
           }),
           py::kw_only(), py::arg("name"), py::arg("marker"),
           py::arg("position"), py::arg("description") = "",
           py::arg("colour") = "#9e9e9e", py::arg("holds_slot") = true,
           py::arg("id") = 0,
           R"doc(Args:
    name: unique in its chain (case-insensitive).
    marker: an appt.StatusMarker.
    position: unique in its chain; the lowest is the first.
    colour: "#rrggbb".
    holds_slot: start statuses only: whether the slot stays busy.
    id: 0 for a new status; an existing id keeps it on update.)doc")
      .def_readwrite("id", &Status::id)
      .def_readwrite("name", &Status::name)
      .def_readwrite("description", &Status::description)
      .def_readwrite("position", &Status::position)
      .def_readwrite("colour", &Status::colour)
      .def_readwrite("holds_slot", &Status::holds_slot)
      .def(py::self == py::self)
      .def("__repr__", [](const Status& s) {
        return absl::StrCat("appt.Status(id=", s.id, ", name=", PyRepr(s.name),
                            ", marker=", StatusMarkerName(s.marker),
                            ", position=", s.position, ")");
      });
  CopyProperty(status, "marker", &Status::marker);

  py::class_<StatusChain>(m, "StatusChain", R"doc(
An ordered list of statuses: the lowest position is a start status, with at
least one confirmation and one cancellation status.)doc")
      .def(py::init(
               [](std::string name, std::vector<Status> statuses, ChainId id) {
                 return StatusChain{id, std::move(name), std::move(statuses)};
               }),
           py::kw_only(), py::arg("name"), py::arg("statuses"),
           py::arg("id") = 0)
      .def_static("manual_approval", &ManualApprovalChain,
                  "The preset: Pending (start, holds the slot) -> Confirmed "
                  "| Rejected, unsaved.")
      .def_readwrite("id", &StatusChain::id)
      .def_readwrite("name", &StatusChain::name)
      .def_readwrite("statuses", &StatusChain::statuses)
      .def(
          "status",
          [](const StatusChain& c, const std::string& name) {
            for (const Status& s : c.statuses) {
              if (s.name == name) return s;
            }
            throw py::key_error(name);
          },
          py::arg("name"), "The status named `name`; KeyError if none.")
      .def(py::self == py::self)
      .def("__repr__", [](const StatusChain& c) {
        return absl::StrCat("appt.StatusChain(id=", c.id,
                            ", name=", PyRepr(c.name),
                            ", statuses=", c.statuses.size(), ")");
      });

  py::class_<ServiceChain>(m, "ServiceChain",
                           "The chain one service's bookings go through.")
      .def(py::init([](ServiceId service_id, ChainId chain_id) {
             return ServiceChain{service_id, chain_id};
           }),
           py::kw_only(), py::arg("service_id"), py::arg("chain_id"))
      .def_readwrite("service_id", &ServiceChain::service_id)
      .def_readwrite("chain_id", &ServiceChain::chain_id)
      .def(py::self == py::self);

  py::class_<WorkflowSettings>(m, "WorkflowSettings", R"doc(
The business-wide switch: a booking goes through a chain only when enabled
and its service's workflow_enabled is set.)doc")
      .def(py::init([](bool enabled, ChainId default_chain_id,
                       std::vector<ServiceChain> service_chains) {
             return WorkflowSettings{enabled, default_chain_id,
                                     std::move(service_chains)};
           }),
           py::kw_only(), py::arg("enabled") = false,
           py::arg("default_chain_id") = 0,
           py::arg("service_chains") = std::vector<ServiceChain>{})
      .def_readwrite("enabled", &WorkflowSettings::enabled)
      .def_readwrite("default_chain_id", &WorkflowSettings::default_chain_id)
      .def_readwrite("service_chains", &WorkflowSettings::service_chains)
      .def(py::self == py::self)
      .def("__repr__", [](const WorkflowSettings& w) {
        return absl::StrCat(
            "appt.WorkflowSettings(enabled=", w.enabled ? "True" : "False",
            ", default_chain_id=", w.default_chain_id, ")");
      });
}

void BindStatusResults(py::module_& m) {
  py::class_<StatusChange>(m, "StatusChange",
                           "One move in an appointment's status history.")
      .def_readonly("id", &StatusChange::id)
      .def_readonly("appointment_id", &StatusChange::appointment_id)
      .def_property_readonly(
          "at", [](const StatusChange& c) { return FromInstant(c.at); })
      .def_readonly("actor", &StatusChange::actor)
      .def_readonly("from_status_id", &StatusChange::from_status_id)
      .def_readonly("from_status", &StatusChange::from_status)
      .def_readonly("to_status_id", &StatusChange::to_status_id)
      .def_readonly("to_status", &StatusChange::to_status)
      .def_readonly("reason", &StatusChange::reason)
      .def(py::self == py::self)
      .def("__repr__", [](const StatusChange& c) {
        return absl::StrCat("appt.StatusChange(at=", FormatUtc(c.at), ", ",
                            PyRepr(c.from_status), " -> ", PyRepr(c.to_status),
                            ")");
      });

  py::class_<StatusCount>(m, "StatusCount", "Appointments in one status.")
      .def_readonly("status_id", &StatusCount::status_id)
      .def_readonly("name", &StatusCount::name)
      .def_readonly("count", &StatusCount::count)
      .def(py::self == py::self)
      .def("__repr__", [](const StatusCount& c) {
        return absl::StrCat("appt.StatusCount(", PyRepr(c.name), ": ", c.count,
                            ")");
      });

  py::class_<StatusBoard>(m, "StatusBoard", R"doc(
The dashboard: appointments awaiting approval (and the confirmed ones when
asked), by start, with counts per status.)doc")
      .def_readonly("appointments", &StatusBoard::appointments)
      .def_readonly("unconfirmed", &StatusBoard::unconfirmed)
      .def_readonly("confirmed", &StatusBoard::confirmed)
      .def_readonly("counts", &StatusBoard::counts)
      .def("__repr__", [](const StatusBoard& b) {
        return absl::StrCat("appt.StatusBoard(unconfirmed=", b.unconfirmed,
                            ", confirmed=", b.confirmed, ")");
      });
}

void BindConfirmToken(py::module_& m) {
  py::class_<ConfirmToken>(m, "ConfirmToken", R"doc(
A freshly issued confirmation token: the only time its text exists outside
the host's links (the engine keeps its hash).)doc")
      .def_readonly("token", &ConfirmToken::token)
      .def_readonly("appointment_id", &ConfirmToken::appointment_id)
      .def_property_readonly(
          "issued_at",
          [](const ConfirmToken& t) { return FromInstant(t.issued_at); })
      .def_property_readonly(
          "expires_at",
          [](const ConfirmToken& t) { return FromInstant(t.expires_at); })
      .def("__repr__", [](const ConfirmToken& t) {
        // The token is a secret: never in a repr or a log line.
        return absl::StrCat(
            "appt.ConfirmToken(appointment_id=", t.appointment_id,
            ", expires_at=", FormatUtc(t.expires_at), ")");
      });
}

}  // namespace

void BindWorkflow(py::module_& m) {
  BindStatusRecords(m);
  BindStatusResults(m);
  BindConfirmToken(m);
}

}  // namespace appt::python
