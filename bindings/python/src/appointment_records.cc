// appt's enums, appt.Actor, appt.Appointment, appt.Slot,
// appt.TimelineEntry and appt.Event. Appointments, slots, timeline entries
// and events are read-only: the engine produces them.
#include <pybind11/operators.h>

#include "absl/strings/str_cat.h"
#include "appt/appointment.h"
#include "appt/events.h"
#include "appt/options.h"
#include "appt/slot_search.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

std::string Quoted(const std::string& s) {
  return py::repr(py::str(s)).cast<std::string>();
}

}  // namespace

void BindEnums(py::module_& m) {
  py::enum_<AppointmentState>(m, "AppointmentState")
      .value("BOOKED", AppointmentState::kBooked)
      .value("CANCELLED", AppointmentState::kCancelled)
      .value("ATTENDED", AppointmentState::kAttended)
      .value("NO_SHOW", AppointmentState::kNoShow)
      .value("PENDING", AppointmentState::kPending);
  py::enum_<BookingSource>(m, "BookingSource",
                           "Where a booking came from; only AGENT may force.")
      .value("ONLINE", BookingSource::kOnline)
      .value("AGENT", BookingSource::kAgent)
      .value("API", BookingSource::kApi);
  py::enum_<Actor::Kind>(m, "ActorKind")
      .value("CUSTOMER", Actor::Kind::kCustomer)
      .value("STAFF", Actor::Kind::kStaff)
      .value("ENGINE", Actor::Kind::kEngine)
      .value("SYSTEM", Actor::Kind::kSystem);
  py::enum_<EventKind>(m, "EventKind")
      .value("APPOINTMENT_CREATED", EventKind::kAppointmentCreated)
      .value("APPOINTMENT_RESCHEDULED", EventKind::kAppointmentRescheduled)
      .value("APPOINTMENT_CANCELLED", EventKind::kAppointmentCancelled)
      .value("APPOINTMENT_ATTENDED", EventKind::kAppointmentAttended)
      .value("APPOINTMENT_NO_SHOW", EventKind::kAppointmentNoShow)
      .value("APPOINTMENT_STATUS_CHANGED", EventKind::kAppointmentStatusChanged)
      .value("VISIT_CONFIRMED", EventKind::kVisitConfirmed)
      .value("TASK_CREATED", EventKind::kTaskCreated)
      .value("TASK_COMPLETED", EventKind::kTaskCompleted)
      .value("TASK_CANCELLED", EventKind::kTaskCancelled)
      .value("DEAL_OPENED", EventKind::kDealOpened)
      .value("DEAL_STAGE_CHANGED", EventKind::kDealStageChanged);
  py::enum_<Durability>(m, "Durability",
                        "How hard a SQLite commit is pushed to disk.")
      .value("NORMAL", Durability::kNormal)
      .value("FULL", Durability::kFull);
}

void BindAppointments(py::module_& m) {
  py::class_<Actor> actor(m, "Actor",
                          "Who performs a command; id is the host's.");
  actor
      .def(py::init([](Actor::Kind kind, std::string id) {
             return Actor{kind, std::move(id)};
           }),
           py::arg("kind") = Actor::Kind::kStaff, py::arg("id") = "")
      .def_readwrite("id", &Actor::id)
      .def(py::self == py::self)
      .def("__repr__", [](const Actor& a) {
        return absl::StrCat("appt.Actor(", ActorKindName(a.kind), ", ",
                            Quoted(a.id), ")");
      });
  CopyProperty(actor, "kind", &Actor::kind);

  py::class_<Appointment> appointment(m, "Appointment", R"doc(
A booking. blocked_start/blocked_end include the service's buffers.)doc");
  appointment.def_readonly("id", &Appointment::id)
      .def_readonly("service_id", &Appointment::service_id)
      .def_readonly("resource_id", &Appointment::resource_id)
      .def_readonly("customer_id", &Appointment::customer_id)
      .def_property_readonly(
          "start", [](const Appointment& a) { return FromInstant(a.start); })
      .def_property_readonly(
          "end", [](const Appointment& a) { return FromInstant(a.end); })
      .def_property_readonly(
          "blocked_start",
          [](const Appointment& a) { return FromInstant(a.blocked.start); })
      .def_property_readonly(
          "blocked_end",
          [](const Appointment& a) { return FromInstant(a.blocked.end); })
      .def_readonly("state", &Appointment::state)
      .def_readonly("source", &Appointment::source)
      .def_property_readonly(
          "created_at",
          [](const Appointment& a) { return FromInstant(a.created_at); })
      .def_property_readonly(
          "updated_at",
          [](const Appointment& a) { return FromInstant(a.updated_at); })
      .def_readonly("cancel_reason", &Appointment::cancel_reason)
      .def_readonly("external_id", &Appointment::external_id)
      .def_readonly("notes", &Appointment::notes)
      .def_readonly("status_id", &Appointment::status_id,
                    "Its workflow status; 0 when confirmed on booking.")
      .def_property_readonly(
          "confirmed_at",
          [](const Appointment& a) -> py::object {
            if (!a.confirmed_at) return py::none();
            return FromInstant(*a.confirmed_at);
          },
          "When the customer confirmed (a link, or staff); None if not.")
      .def_property_readonly(
          "confirmation_requested_at",
          [](const Appointment& a) -> py::object {
            if (!a.confirmation_requested_at) return py::none();
            return FromInstant(*a.confirmation_requested_at);
          },
          "When the customer was last asked to confirm; None if not.")
      .def_readonly("membership_id", &Appointment::membership_id,
                    "The membership whose visit it holds; 0 when none.")
      .def(py::self == py::self)
      .def("__repr__", [](const Appointment& a) {
        return absl::StrCat(
            "appt.Appointment(id=", a.id, ", resource_id=", a.resource_id,
            ", customer_id=", a.customer_id, ", start=", FormatUtc(a.start),
            ", state=", AppointmentStateName(a.state), ")");
      });

  py::class_<Slot>(m, "Slot", "A bookable start on one resource.")
      .def_readonly("resource_id", &Slot::resource_id)
      .def_property_readonly("start",
                             [](const Slot& s) { return FromInstant(s.start); })
      .def_readonly("seats_left", &Slot::seats_left)
      .def(py::self == py::self)
      .def("__repr__", [](const Slot& s) {
        return absl::StrCat("appt.Slot(resource_id=", s.resource_id,
                            ", start=", FormatUtc(s.start),
                            ", seats_left=", s.seats_left, ")");
      });

  py::class_<TimelineEntry>(m, "TimelineEntry",
                            "One line of an appointment's history.")
      .def_readonly("id", &TimelineEntry::id)
      .def_readonly("appointment_id", &TimelineEntry::appointment_id)
      .def_property_readonly(
          "at", [](const TimelineEntry& t) { return FromInstant(t.at); })
      .def_readonly("actor", &TimelineEntry::actor)
      .def_readonly("kind", &TimelineEntry::kind)
      .def_readonly("details", &TimelineEntry::details)
      .def(py::self == py::self)
      .def("__repr__", [](const TimelineEntry& t) {
        return absl::StrCat("appt.TimelineEntry(at=", FormatUtc(t.at),
                            ", kind=", Quoted(t.kind),
                            ", actor=", ActorKindName(t.actor.kind), ":",
                            t.actor.id, ", details=", Quoted(t.details), ")");
      });

  py::class_<Event>(m, "Event", R"doc(
A committed change, delivered to listeners. previous_start/previous_end are
set for reschedules, and previous_resource_id (the resource before it);
previous_status_id for status moves and workflow cancellations; task for
task events (TASK_CREATED, TASK_COMPLETED, TASK_CANCELLED); deal and
deal_entry for deal events (DEAL_OPENED, DEAL_STAGE_CHANGED), whose
appointment is the one concerned, if any (else its id is 0).)doc")
      .def_readonly("kind", &Event::kind)
      .def_property_readonly("at",
                             [](const Event& e) { return FromInstant(e.at); })
      .def_readonly("actor", &Event::actor)
      .def_readonly("appointment", &Event::appointment)
      .def_property_readonly(
          "previous_start",
          [](const Event& e) {
            return e.previous ? FromInstant(e.previous->start) : py::none();
          })
      .def_property_readonly("previous_end",
                             [](const Event& e) {
                               return e.previous ? FromInstant(e.previous->end)
                                                 : py::none();
                             })
      .def_property_readonly("previous_resource_id",
                             [](const Event& e) -> py::object {
                               if (!e.previous_resource) return py::none();
                               return py::int_(*e.previous_resource);
                             })
      .def_property_readonly("previous_status_id",
                             [](const Event& e) -> py::object {
                               if (!e.previous_status_id) return py::none();
                               return py::int_(*e.previous_status_id);
                             })
      .def_property_readonly("task",
                             [](const Event& e) -> py::object {
                               if (!e.task) return py::none();
                               return py::cast(*e.task);
                             })
      .def_property_readonly("deal",
                             [](const Event& e) -> py::object {
                               if (!e.deal) return py::none();
                               return py::cast(*e.deal);
                             })
      .def_property_readonly("deal_entry",
                             [](const Event& e) -> py::object {
                               if (!e.deal_entry) return py::none();
                               return py::cast(*e.deal_entry);
                             })
      .def("__repr__", [](const Event& e) {
        return absl::StrCat("appt.Event(", EventKindName(e.kind),
                            ", appointment_id=", e.appointment.id,
                            e.deal ? absl::StrCat(", deal_id=", e.deal->id)
                                   : std::string(),
                            ")");
      });
}

}  // namespace appt::python
