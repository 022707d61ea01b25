// appt.Engine's confirmation-cycle methods (R5.2–R5.5): settings, the
// board, staff confirmation, task rules and tasks.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineConfirmation(py::class_<PyEngine>& cls) {
  cls.def(
         "set_confirmation_settings",
         [](PyEngine& e, const ConfirmationSettings& settings) {
           NoGil(e, [&](Engine& engine) {
             return engine.SetConfirmationSettings(settings);
           });
         },
         py::arg("settings"),
         R"doc(Saves the overdue point and the auto-release deadline, and
re-plans every upcoming visit's release.

Args:
    settings: an appt.ConfirmationSettings.
Raises:
    InvalidArgumentError: naming the bad field.)doc")
      .def(
          "get_confirmation_settings",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) {
              return engine.GetConfirmationSettings();
            });
          },
          "Returns:\n    The appt.ConfirmationSettings (defaults until set).")
      .def(
          "confirmation_board",
          [](PyEngine& e, py::handle start, py::handle end,
             std::vector<ResourceId> resource_ids) {
            ConfirmationBoardQuery q;
            q.window = {ToInstant(start, "start"), ToInstant(end, "end")};
            q.resource_ids = std::move(resource_ids);
            return NoGil(e, [&](Engine& engine) {
              return engine.GetConfirmationBoard(q);
            });
          },
          py::arg("start"), py::arg("end"), py::kw_only(),
          py::arg("resource_ids") = std::vector<ResourceId>{},
          R"doc(Booked visits starting in [start, end) that need attention:
awaiting or overdue confirmation, or late; with counts per resource and
local day.

Returns:
    An appt.ConfirmationBoard.)doc")
      .def(
          "confirm_visit",
          [](PyEngine& e, AppointmentId id, py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(
                e, [&](Engine& engine) { return engine.ConfirmVisit(id, a); });
          },
          py::arg("appointment_id"), py::kw_only(),
          py::arg("actor") = py::none(),
          R"doc(Staff record that the customer confirmed (e.g. on the phone).

Returns:
    The appt.Appointment with confirmed_at set.
Raises:
    FailedPreconditionError: not booked, awaiting approval, or already
        confirmed.)doc")
      .def(
          "create_task_rule",
          [](PyEngine& e, const TaskRule& rule) {
            return NoGil(
                e, [&](Engine& engine) { return engine.CreateTaskRule(rule); });
          },
          py::arg("rule"),
          "Saves an appt.TaskRule and plans it for every upcoming visit.\n\n"
          "Returns:\n    The new rule's id.")
      .def(
          "update_task_rule",
          [](PyEngine& e, const TaskRule& rule) {
            NoGil(e,
                  [&](Engine& engine) { return engine.UpdateTaskRule(rule); });
          },
          py::arg("rule"), "Replaces rule.id and re-plans its timers.")
      .def(
          "delete_task_rule",
          [](PyEngine& e, TaskRuleId id) {
            NoGil(e, [&](Engine& engine) { return engine.DeleteTaskRule(id); });
          },
          py::arg("id"), "Deletes a task rule; tasks it made stay.")
      .def(
          "get_task_rule",
          [](PyEngine& e, TaskRuleId id) {
            return NoGil(e,
                         [&](Engine& engine) { return engine.GetTaskRule(id); });
          },
          py::arg("id"), "Returns:\n    The appt.TaskRule.")
      .def(
          "list_task_rules",
          [](PyEngine& e) {
            return NoGil(e,
                         [&](Engine& engine) { return engine.ListTaskRules(); });
          },
          "Returns:\n    Every appt.TaskRule, by id.")
      .def(
          "list_tasks",
          [](PyEngine& e, std::optional<std::string> assignee,
             std::optional<TaskState> state,
             std::optional<AppointmentId> appointment_id) {
            TaskQuery q{std::move(assignee), state, appointment_id};
            return NoGil(e,
                         [&](Engine& engine) { return engine.ListTasks(q); });
          },
          py::kw_only(), py::arg("assignee") = py::none(),
          py::arg("state") = py::none(), py::arg("appointment_id") = py::none(),
          R"doc(Tasks matching every filter given, by due time.

Args:
    assignee: the agent's host user id.
    state: an appt.TaskState.
    appointment_id: one visit's tasks.)doc")
      .def(
          "get_task",
          [](PyEngine& e, TaskId id) {
            return NoGil(e, [&](Engine& engine) { return engine.GetTask(id); });
          },
          py::arg("id"), "Returns:\n    The appt.Task.")
      .def(
          "complete_task",
          [](PyEngine& e, TaskId id, py::handle actor, std::string outcome) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) {
              return engine.CompleteTask(id, a, outcome);
            });
          },
          py::arg("id"), py::kw_only(), py::arg("actor") = py::none(),
          py::arg("outcome") = "",
          R"doc(Closes an open task as done, with the agent's note.

Raises:
    FailedPreconditionError: the task is already closed.)doc")
      .def(
          "cancel_task",
          [](PyEngine& e, TaskId id, std::string reason, py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) {
              return engine.CancelTask(id, a, reason);
            });
          },
          py::arg("id"), py::kw_only(), py::arg("reason"),
          py::arg("actor") = py::none(),
          R"doc(Cancels an open task with a required reason.)doc");
}

}  // namespace appt::python
