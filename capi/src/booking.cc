// Slot search, the appointment lifecycle, the timeline and name lookups.
#include "commands.h"

using appt::capi::CheckNotNull;
using appt::capi::CheckVersion;
using appt::capi::Dispose;
using appt::capi::FromC;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::kOk;
using appt::capi::SetError;

namespace {

// Runs a lifecycle command that takes an actor and fills `out`.
template <typename Command>
int ActorCommand(appt_appointment* out, appt_engine* engine,
                 const appt_actor* actor, Command command) {
  return GetOne(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                [&](appt::Engine& e) -> absl::StatusOr<appt::Appointment> {
                  auto converted = appt::capi::ActorFromC("actor", actor);
                  if (!converted.ok()) return converted.status();
                  return command(e, *converted);
                });
}

// Converts a request struct (NULL-checked) and runs `command` on it.
template <typename CRequest, typename Command>
int RequestCommand(appt_appointment* out, appt_engine* engine,
                   const CRequest* request, Command command) {
  return GetOne(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                [&](appt::Engine& e) -> absl::StatusOr<appt::Appointment> {
                  if (auto s = CheckNotNull("request", request); !s.ok()) {
                    return s;
                  }
                  auto converted = FromC(*request);
                  if (!converted.ok()) return converted.status();
                  return command(e, *converted);
                });
}

}  // namespace

extern "C" {

const char* appt_state_name(int state) {
  return appt::capi::EnumName(state, APPT_STATE_PENDING,
                              &appt::AppointmentStateName);
}

const char* appt_source_name(int source) {
  return appt::capi::EnumName(source, APPT_SOURCE_API,
                              &appt::BookingSourceName);
}

const char* appt_actor_kind_name(int kind) {
  return appt::capi::EnumName(kind, APPT_ACTOR_SYSTEM, &appt::ActorKindName);
}

const char* appt_event_kind_name(int kind) {
  return appt::capi::EnumName(kind, APPT_EVENT_DEAL_STAGE_CHANGED,
                              &appt::EventKindName);
}

int appt_slot_search(appt_slot_list* out, appt_engine* engine,
                     const appt_slot_query* query) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(
        CheckVersion("appt_slot_list", out->version, APPT_SLOT_LIST_VERSION));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("query", query));
    auto converted = FromC(*query);
    if (!converted.ok()) return SetError(converted.status());
    auto slots = engine->engine->SearchSlots(*converted);
    if (!slots.ok()) return SetError(slots.status());
    appt::capi::Owner* owner = appt::capi::ResetOwner(&out->owner_);
    out->count = slots->size();
    out->items = slots->empty() ? nullptr : owner->Array<appt_slot>(out->count);
    for (size_t i = 0; i < out->count; ++i) {
      const appt::Slot& s = (*slots)[i];
      out->items[i] = {s.resource_id, appt::capi::ToUnix(s.start),
                       s.seats_left};
    }
    return kOk;
  });
}

void appt_slot_list_dispose(appt_slot_list* list) { Dispose(list); }

int appt_appointment_book(appt_appointment* out, appt_engine* engine,
                          const appt_book_request* request) {
  return RequestCommand(
      out, engine, request,
      [](appt::Engine& e, const appt::BookRequest& r) { return e.Book(r); });
}

int appt_appointment_reschedule(appt_appointment* out, appt_engine* engine,
                                const appt_reschedule_request* request) {
  return RequestCommand(out, engine, request,
                        [](appt::Engine& e, const appt::RescheduleRequest& r) {
                          return e.Reschedule(r);
                        });
}

int appt_appointment_cancel(appt_appointment* out, appt_engine* engine,
                            int64_t id, const appt_actor* actor,
                            const char* reason) {
  return ActorCommand(out, engine, actor,
                      [&](appt::Engine& e, const appt::Actor& a) {
                        return e.Cancel(id, a, appt::capi::Str(reason));
                      });
}

int appt_appointment_mark_attended(appt_appointment* out, appt_engine* engine,
                                   int64_t id, const appt_actor* actor) {
  return ActorCommand(out, engine, actor,
                      [&](appt::Engine& e, const appt::Actor& a) {
                        return e.MarkAttended(id, a);
                      });
}

int appt_appointment_mark_no_show(appt_appointment* out, appt_engine* engine,
                                  int64_t id, const appt_actor* actor) {
  return ActorCommand(out, engine, actor,
                      [&](appt::Engine& e, const appt::Actor& a) {
                        return e.MarkNoShow(id, a);
                      });
}

int appt_appointment_get(appt_appointment* out, appt_engine* engine,
                         int64_t id) {
  return GetOne(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                [id](appt::Engine& e) { return e.GetAppointment(id); });
}

int appt_appointment_list_for_customer(appt_appointment_list* out,
                                       appt_engine* engine,
                                       int64_t customer_id) {
  return GetList(out, "appt_appointment_list", APPT_APPOINTMENT_LIST_VERSION,
                 engine, [customer_id](appt::Engine& e) {
                   return e.ListCustomerAppointments(customer_id);
                 });
}

void appt_appointment_dispose(appt_appointment* appointment) {
  Dispose(appointment);
}

void appt_appointment_list_dispose(appt_appointment_list* list) {
  Dispose(list);
}

int appt_timeline_get(appt_timeline* out, appt_engine* engine,
                      int64_t appointment_id) {
  return GetList(
      out, "appt_timeline", APPT_TIMELINE_VERSION, engine,
      [appointment_id](appt::Engine& e) { return e.Timeline(appointment_id); });
}

void appt_timeline_dispose(appt_timeline* timeline) { Dispose(timeline); }

}  // extern "C"
