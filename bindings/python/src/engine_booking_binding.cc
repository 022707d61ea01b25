// appt.Engine's slot search, lifecycle and timeline methods.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineBooking(py::class_<PyEngine>& cls) {
  cls.def(
         "search_slots",
         [](PyEngine& e, ServiceId service_id, py::handle start,
            py::handle end, std::optional<ResourceId> resource_id,
            py::handle step) {
           SlotQuery q;
           q.service_id = service_id;
           q.resource_id = resource_id;
           q.window = {ToInstant(start, "start"), ToInstant(end, "end")};
           if (!step.is_none()) q.step = ToDuration(step, "step");
           return NoGil(e, [&](Engine& engine) { return engine.SearchSlots(q); });
         },
         py::arg("service_id"), py::arg("start"), py::arg("end"),
         py::kw_only(), py::arg("resource_id") = py::none(),
         py::arg("step") = py::none(),
         R"doc(Bookable starts in [start, end) at the engine clock's now.

Args:
    service_id: the service to book.
    start, end: aware datetimes bounding the starts.
    resource_id: one resource, or None for every resource of the service.
    step: a timedelta between candidate starts; None for the duration.
Returns:
    A list of appt.Slot, ascending by start then resource.)doc")
      .def(
          "book",
          [](PyEngine& e, CustomerId customer_id, ServiceId service_id,
             ResourceId resource_id, py::handle start, BookingSource source,
             py::handle actor, bool force, std::string notes,
             std::string external_id, MembershipId membership_id) {
            BookRequest r;
            r.customer_id = customer_id;
            r.service_id = service_id;
            r.resource_id = resource_id;
            r.start = ToInstant(start, "start");
            r.source = source;
            r.actor = ActorArg(actor, Actor::Kind::kCustomer);
            r.force = force;
            r.notes = std::move(notes);
            r.external_id = std::move(external_id);
            r.membership_id = membership_id;
            return NoGil(e, [&](Engine& engine) { return engine.Book(r); });
          },
          py::kw_only(), py::arg("customer_id"), py::arg("service_id"),
          py::arg("resource_id"), py::arg("start"),
          py::arg("source") = BookingSource::kOnline,
          py::arg("actor") = py::none(), py::arg("force") = false,
          py::arg("notes") = "", py::arg("external_id") = "",
          py::arg("membership_id") = 0,
          R"doc(Books a slot.

Args:
    customer_id, service_id, resource_id: who, what, with whom.
    start: an aware datetime.
    source: BookingSource.ONLINE, AGENT or API.
    actor: an appt.Actor; None means the customer.
    force: agents only: allow a start outside hours, notice and horizon
        (never over capacity).
    membership_id: book on this appt.Membership (it holds a visit); 0:
        none.
Returns:
    The new appt.Appointment.
Raises:
    ConflictError: the slot is taken or full.
    InvalidArgumentError: outside hours, past, inside notice, beyond horizon.
    NotFoundError: an unknown id.)doc")
      .def(
          "reschedule",
          [](PyEngine& e, AppointmentId id, py::handle new_start,
             std::optional<ResourceId> new_resource_id, py::handle actor,
             bool force) {
            RescheduleRequest r;
            r.appointment_id = id;
            r.new_start = ToInstant(new_start, "new_start");
            r.new_resource_id = new_resource_id;
            r.actor = ActorArg(actor, Actor::Kind::kStaff);
            r.force = force;
            return NoGil(e, [&](Engine& engine) { return engine.Reschedule(r); });
          },
          py::arg("appointment_id"), py::arg("new_start"), py::kw_only(),
          py::arg("new_resource_id") = py::none(),
          py::arg("actor") = py::none(), py::arg("force") = false,
          R"doc(Moves an appointment (and optionally to another resource).

Returns:
    The appt.Appointment after the move.)doc")
      .def(
          "cancel",
          [](PyEngine& e, AppointmentId id, std::string reason,
             py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) { return engine.Cancel(id, a, reason); });
          },
          py::arg("appointment_id"), py::kw_only(), py::arg("reason"),
          py::arg("actor") = py::none(),
          "Cancels with a reason.\n\nReturns:\n    The cancelled "
          "appt.Appointment.")
      .def(
          "mark_attended",
          [](PyEngine& e, AppointmentId id, py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) { return engine.MarkAttended(id, a); });
          },
          py::arg("appointment_id"), py::kw_only(),
          py::arg("actor") = py::none(),
          "Records the visit (from one hour before the start).")
      .def(
          "mark_no_show",
          [](PyEngine& e, AppointmentId id, py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) { return engine.MarkNoShow(id, a); });
          },
          py::arg("appointment_id"), py::kw_only(),
          py::arg("actor") = py::none(),
          "Records that the customer did not come (after the start).")
      .def(
          "get_appointment",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(e, [&](Engine& engine) { return engine.GetAppointment(id); });
          },
          py::arg("id"))
      .def(
          "list_customer_appointments",
          [](PyEngine& e, CustomerId id) {
            return NoGil(e, [&](Engine& engine) { return engine.ListCustomerAppointments(id); });
          },
          py::arg("customer_id"))
      .def(
          "timeline",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(e, [&](Engine& engine) { return engine.Timeline(id); });
          },
          py::arg("appointment_id"),
          "Returns:\n    The appointment's appt.TimelineEntry list, newest "
          "first.");
}

}  // namespace appt::python
