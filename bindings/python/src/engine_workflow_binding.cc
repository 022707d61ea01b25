// appt.Engine's status workflow methods (R3): chains, settings, status
// moves, history and the dashboard.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineWorkflow(py::class_<PyEngine>& cls) {
  cls.def(
         "create_status_chain",
         [](PyEngine& e, const StatusChain& chain) {
           return NoGil(e, [&](Engine& engine) {
             return engine.CreateStatusChain(chain);
           });
         },
         py::arg("chain"),
         R"doc(Saves a new chain, validated whole.

Args:
    chain: an appt.StatusChain whose status ids are 0.
Returns:
    The chain as stored, with its id and status ids, sorted by position.
Raises:
    InvalidArgumentError: naming the bad field, e.g. statuses[2].colour.)doc")
      .def(
          "update_status_chain",
          [](PyEngine& e, const StatusChain& chain) {
            return NoGil(e, [&](Engine& engine) {
              return engine.UpdateStatusChain(chain);
            });
          },
          py::arg("chain"),
          R"doc(Replaces chain.id: statuses with their ids are kept, id 0
adds one, missing ones are removed.

Raises:
    FailedPreconditionError: removing a status an appointment is in, or
        changing its marker or holds_slot.)doc")
      .def(
          "delete_status_chain",
          [](PyEngine& e, ChainId id) {
            NoGil(e,
                  [&](Engine& engine) { return engine.DeleteStatusChain(id); });
          },
          py::arg("id"),
          "Deletes an unused chain not named by the workflow settings.")
      .def(
          "get_status_chain",
          [](PyEngine& e, ChainId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetStatusChain(id); });
          },
          py::arg("id"), "Returns:\n    The appt.StatusChain.")
      .def(
          "list_status_chains",
          [](PyEngine& e) {
            return NoGil(
                e, [&](Engine& engine) { return engine.ListStatusChains(); });
          },
          "Returns:\n    Every appt.StatusChain, by id.")
      .def(
          "set_workflow_settings",
          [](PyEngine& e, const WorkflowSettings& settings) {
            NoGil(e, [&](Engine& engine) {
              return engine.SetWorkflowSettings(settings);
            });
          },
          py::arg("settings"),
          R"doc(The business-wide switch, default chain and per-service
chains; they affect new bookings only.

Args:
    settings: an appt.WorkflowSettings.)doc")
      .def(
          "get_workflow_settings",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) {
              return engine.GetWorkflowSettings();
            });
          },
          "Returns:\n    The appt.WorkflowSettings (disabled until set).")
      .def(
          "set_status",
          [](PyEngine& e, AppointmentId appointment_id, StatusId status_id,
             py::handle actor, std::string reason) {
            StatusChangeRequest r{appointment_id, status_id,
                                  ActorArg(actor, Actor::Kind::kStaff),
                                  std::move(reason)};
            return NoGil(e,
                         [&](Engine& engine) { return engine.SetStatus(r); });
          },
          py::arg("appointment_id"), py::arg("status_id"), py::kw_only(),
          py::arg("actor") = py::none(), py::arg("reason") = "",
          R"doc(Moves an appointment to another status of its chain.

From a start status any other may follow; from a confirmation only a
confirmation or a cancellation; a cancellation is final. Confirming a
request that did not hold its slot re-checks it.

Args:
    appointment_id: a booked or pending workflow appointment.
    status_id: the status to enter.
    actor: an appt.Actor; None means staff.
    reason: required for a cancellation status; the customer reads it.
Returns:
    The appt.Appointment after the move.
Raises:
    FailedPreconditionError: a forbidden move (naming both statuses).
    ConflictError: the slot was taken meanwhile.)doc")
      .def(
          "status_history",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.StatusHistory(id); });
          },
          py::arg("appointment_id"),
          "Returns:\n    The appt.StatusChange list, newest first.")
      .def(
          "status_board",
          [](PyEngine& e, py::handle start, py::handle end,
             std::vector<ResourceId> resource_ids, bool include_confirmed) {
            StatusBoardQuery q;
            q.window = {ToInstant(start, "start"), ToInstant(end, "end")};
            q.resource_ids = std::move(resource_ids);
            q.include_confirmed = include_confirmed;
            return NoGil(
                e, [&](Engine& engine) { return engine.GetStatusBoard(q); });
          },
          py::arg("start"), py::arg("end"), py::kw_only(),
          py::arg("resource_ids") = std::vector<ResourceId>{},
          py::arg("include_confirmed") = false,
          R"doc(The dashboard: appointments awaiting approval starting in
[start, end), optionally with the confirmed ones.

Args:
    start, end: aware datetimes.
    resource_ids: the resources to show; empty for all.
    include_confirmed: also list the confirmed appointments.
Returns:
    An appt.StatusBoard.)doc")
      .def(
          "issue_confirm_token",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.IssueConfirmToken(id);
            });
          },
          py::arg("appointment_id"),
          R"doc(A new confirmation token for a booked or pending appointment,
valid until its start; it replaces earlier ones (so does moving it).

Returns:
    An appt.ConfirmToken; build the customer's links from .token.)doc")
      .def(
          "confirm_by_token",
          [](PyEngine& e, const std::string& token) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ConfirmByToken(token);
            });
          },
          py::arg("token"),
          R"doc(As the customer: confirms the visit (sets confirmed_at).

Raises:
    InvalidArgumentError: not a token. NotFoundError: unknown.
    FailedPreconditionError: replaced, spent or expired (says which).)doc")
      .def(
          "cancel_by_token",
          [](PyEngine& e, const std::string& token, const std::string& reason) {
            return NoGil(e, [&](Engine& engine) {
              return engine.CancelByToken(token, reason);
            });
          },
          py::arg("token"), py::arg("reason"),
          R"doc(As the customer: cancels with a required reason; a link that
confirmed may still cancel once.)doc");
}

}  // namespace appt::python
