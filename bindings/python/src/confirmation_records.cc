// appt.ConfirmationSettings, appt.TaskTrigger, appt.TaskRule (written by
// the host), and appt.ConfirmationFlag, appt.FlaggedAppointment,
// appt.DayFlagCount, appt.ConfirmationBoard, appt.TaskState, appt.Task
// (read-only: the engine produces them).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "appt/confirmation.h"
#include "appt/task.h"
#include "conversions.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

py::object OptionalInstant(const std::optional<Instant>& t) {
  if (!t) return py::none();
  return FromInstant(*t);
}

void BindConfirmationSettings(py::module_& m) {
  py::class_<ConfirmationSettings> settings(m, "ConfirmationSettings", R"doc(
When an asked, unconfirmed visit becomes overdue, and when (if ever) the
engine releases it. A visit counts as asked once a confirmation link was
issued for it.)doc");
  settings
      .def(py::init([](py::handle overdue_before, py::handle release_offset,
                       std::string release_reason) {
             ConfirmationSettings s;
             s.overdue_before = ToDuration(overdue_before, "overdue_before");
             if (!release_offset.is_none()) {
               s.release_offset = ToDuration(release_offset, "release_offset");
             }
             s.release_reason = std::move(release_reason);
             return s;
           }),
           py::kw_only(),
           py::arg("overdue_before") = FromDuration(std::chrono::hours(3)),
           py::arg("release_offset") = py::none(),
           py::arg("release_reason") = "not confirmed by the customer",
           R"doc(Args:
    overdue_before: a timedelta: overdue once less is left before the start.
    release_offset: a timedelta from the start (negative: before it) at
        which an asked, unconfirmed visit is cancelled; None: never.
    release_reason: the cancellation's reason.)doc")
      .def_readwrite("release_reason", &ConfirmationSettings::release_reason)
      .def_property(
          "release_offset",
          [](const ConfirmationSettings& s) -> py::object {
            if (!s.release_offset) return py::none();
            return FromDuration(*s.release_offset);
          },
          [](ConfirmationSettings& s, py::handle v) {
            if (v.is_none()) {
              s.release_offset.reset();
            } else {
              s.release_offset = ToDuration(v, "release_offset");
            }
          })
      .def(py::self == py::self)
      .def("__repr__", [](const ConfirmationSettings& s) {
        return absl::StrCat(
            "appt.ConfirmationSettings(overdue_before=",
            s.overdue_before.count(), "s, release_offset=",
            s.release_offset ? absl::StrCat(s.release_offset->count(), "s")
                             : std::string("None"),
            ")");
      });
  DurationProperty(settings, "overdue_before",
                   &ConfirmationSettings::overdue_before);
}

void BindBoard(py::module_& m) {
  BindNamedEnum(m, "ConfirmationFlag",
                "Why a booked visit is on the board: AWAITING (asked, not "
                "confirmed), OVERDUE (asked, not confirmed, near its start) "
                "or LATE (started, not marked).",
                &ConfirmationFlagName, ConfirmationFlag::kLate);

  py::class_<FlaggedAppointment>(m, "FlaggedAppointment",
                                 "A visit on the board, with its flag.")
      .def_readonly("appointment", &FlaggedAppointment::appointment)
      .def_readonly("flag", &FlaggedAppointment::flag)
      .def(py::self == py::self)
      .def("__repr__", [](const FlaggedAppointment& f) {
        return absl::StrCat("appt.FlaggedAppointment(id=", f.appointment.id,
                            ", flag=", ConfirmationFlagName(f.flag), ")");
      });

  py::class_<DayFlagCount>(m, "DayFlagCount",
                           "One resource's counters on one local day.")
      .def_readonly("resource_id", &DayFlagCount::resource_id)
      .def_property_readonly("date",
                             [](const DayFlagCount& c) {
                               return py::module_::import("datetime")
                                   .attr("date")(c.year, c.month, c.day);
                             })
      .def_readonly("awaiting", &DayFlagCount::awaiting)
      .def_readonly("overdue", &DayFlagCount::overdue)
      .def_readonly("late", &DayFlagCount::late)
      .def(py::self == py::self)
      .def("__repr__", [](const DayFlagCount& c) {
        return absl::StrCat("appt.DayFlagCount(resource_id=", c.resource_id,
                            ", ", c.year, "-", c.month, "-", c.day,
                            ", awaiting=", c.awaiting, ", overdue=", c.overdue,
                            ", late=", c.late, ")");
      });

  py::class_<ConfirmationBoard>(m, "ConfirmationBoard", R"doc(
Booked visits that need attention, by start, with counts per resource and
local day and in total.)doc")
      .def_readonly("appointments", &ConfirmationBoard::appointments)
      .def_readonly("counts", &ConfirmationBoard::counts)
      .def_readonly("awaiting", &ConfirmationBoard::awaiting)
      .def_readonly("overdue", &ConfirmationBoard::overdue)
      .def_readonly("late", &ConfirmationBoard::late)
      .def("__repr__", [](const ConfirmationBoard& b) {
        return absl::StrCat("appt.ConfirmationBoard(awaiting=", b.awaiting,
                            ", overdue=", b.overdue, ", late=", b.late, ")");
      });
}

void BindTasks(py::module_& m) {
  BindNamedEnum(m, "TaskTrigger",
                "When a task rule makes a task: UNCONFIRMED (offset before "
                "the start, not confirmed) or NOT_ARRIVED (offset after the "
                "start, not marked).",
                &TaskTriggerName, TaskTrigger::kNotArrived);
  BindNamedEnum(m, "TaskState", "OPEN, DONE or CANCELLED.", &TaskStateName,
                TaskState::kCancelled);

  py::class_<TaskRule> rule(m, "TaskRule", R"doc(
Makes a task for the resource's responsible agent, once per visit time.)doc");
  rule.def(py::init([](std::string name, std::string title,
                       TaskTrigger trigger, py::handle offset,
                       py::handle due_in, std::vector<ServiceId> service_ids,
                       bool enabled, std::string external_id, TaskRuleId id) {
             TaskRule r;
             r.id = id;
             r.name = std::move(name);
             r.title = std::move(title);
             r.trigger = trigger;
             r.offset = ToDuration(offset, "offset");
             r.due_in = ToDuration(due_in, "due_in");
             r.service_ids = std::move(service_ids);
             r.enabled = enabled;
             r.external_id = std::move(external_id);
             return r;
           }),
           py::kw_only(), py::arg("name"), py::arg("title"),
           py::arg("trigger") = TaskTrigger::kUnconfirmed,
           py::arg("offset") = FromDuration(std::chrono::hours(3)),
           py::arg("due_in") = FromDuration(std::chrono::hours(1)),
           py::arg("service_ids") = std::vector<ServiceId>{},
           py::arg("enabled") = true, py::arg("external_id") = "",
           py::arg("id") = 0,
           R"doc(Args:
    name: shown in the history.
    title: the task's title, e.g. "Call to confirm".
    trigger: an appt.TaskTrigger.
    offset: a timedelta before (UNCONFIRMED) or after (NOT_ARRIVED) the
        start; 0 to 30 days.
    due_in: the task is due this long after the rule's time.
    service_ids: the services it covers; [] for every service.)doc")
      .def_readwrite("id", &TaskRule::id)
      .def_readwrite("name", &TaskRule::name)
      .def_readwrite("title", &TaskRule::title)
      .def_readwrite("enabled", &TaskRule::enabled)
      .def_readwrite("external_id", &TaskRule::external_id)
      .def(py::self == py::self)
      .def("__repr__", [](const TaskRule& r) {
        return absl::StrCat("appt.TaskRule(id=", r.id, ", name=",
                            PyRepr(r.name), ", trigger=",
                            TaskTriggerName(r.trigger), ", offset=",
                            r.offset.count(), "s)");
      });
  CopyProperty(rule, "trigger", &TaskRule::trigger);
  CopyProperty(rule, "service_ids", &TaskRule::service_ids);
  DurationProperty(rule, "offset", &TaskRule::offset);
  DurationProperty(rule, "due_in", &TaskRule::due_in);

  py::class_<Task>(m, "Task", "Work for an agent about one visit.")
      .def_readonly("id", &Task::id)
      .def_readonly("rule_id", &Task::rule_id)
      .def_readonly("appointment_id", &Task::appointment_id)
      .def_readonly("customer_id", &Task::customer_id)
      .def_readonly("resource_id", &Task::resource_id)
      .def_readonly("assignee", &Task::assignee)
      .def_readonly("title", &Task::title)
      .def_readonly("details", &Task::details)
      .def_readonly("state", &Task::state)
      .def_property_readonly(
          "created_at", [](const Task& t) { return FromInstant(t.created_at); })
      .def_property_readonly(
          "due_at", [](const Task& t) { return FromInstant(t.due_at); })
      .def_property_readonly(
          "closed_at", [](const Task& t) { return OptionalInstant(t.closed_at); })
      .def_readonly("closed_by", &Task::closed_by)
      .def_readonly("outcome", &Task::outcome)
      .def(py::self == py::self)
      .def("__repr__", [](const Task& t) {
        return absl::StrCat("appt.Task(id=", t.id, ", title=", PyRepr(t.title),
                            ", assignee=", PyRepr(t.assignee), ", state=",
                            TaskStateName(t.state), ", due_at=",
                            FormatUtc(t.due_at), ")");
      });
}

}  // namespace

void BindConfirmation(py::module_& m) {
  BindConfirmationSettings(m);
  BindBoard(m);
  BindTasks(m);
}

}  // namespace appt::python
