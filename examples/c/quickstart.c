/* The smallest complete use of appt from C: open a store, define a resource
 * and a service, search slots, book, reschedule, cancel, print the timeline.
 * Usage: quickstart_c [path.sqlite]   (no path: an in-memory store) */
#include <stdio.h>
#include <time.h>

#include "appt/appt.h"

/* Prints the failed call and the library's message; returns 1. */
static int fail(const char *what) {
  const appt_error *e = appt_error_last();
  fprintf(stderr, "quickstart: %s: %s: %s\n", what,
          appt_error_code_name(e->code), e->message);
  return 1;
}

static const char *utc(int64_t t, char *buf, size_t size) {
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

static void on_event(const appt_event *event, void *payload) {
  (void)payload;
  printf("  event %s #%lld\n", appt_event_kind_name(event->kind),
         (long long)event->appointment->id);
}

int main(int argc, char **argv) {
  const int64_t monday = 1805673600; /* 2027-03-22T00:00:00Z */
  char buf[32];
  appt_clock *clock = NULL;
  appt_engine *engine = NULL;
  if (appt_clock_manual_new(&clock, monday + 6 * 3600)) return fail("clock");
  appt_engine_options options = APPT_ENGINE_OPTIONS_INIT;
  options.clock = clock;
  int rc = argc > 1 ? (remove(argv[1]),
                       appt_engine_open_sqlite(&engine, argv[1], NULL, &options))
                    : appt_engine_open_memory(&engine, &options);
  if (rc) return fail("open");
  printf("appt %s\n", appt_version());
  int64_t listener = 0;
  if (appt_engine_listener_add(&listener, engine, on_event, NULL, NULL)) {
    return fail("listener");
  }

  appt_weekly_span hours[5];
  for (int d = 0; d < 5; ++d) {
    hours[d].weekday = d;
    hours[d].start_minute = 9 * 60;
    hours[d].end_minute = 13 * 60;
  }
  appt_resource rossi = APPT_RESOURCE_INIT;
  rossi.name = "Dr. Rossi";
  rossi.time_zone = "Europe/Berlin";
  rossi.weekly_hours = hours;
  rossi.weekly_hour_count = 5;
  int64_t rossi_id = 0;
  if (appt_resource_create(&rossi_id, engine, &rossi)) return fail("resource");

  appt_service checkup = APPT_SERVICE_INIT;
  checkup.name = "Checkup";
  checkup.duration_seconds = 30 * 60;
  checkup.price_minor_units = 6000;
  checkup.resource_ids = &rossi_id;
  checkup.resource_id_count = 1;
  int64_t checkup_id = 0;
  if (appt_service_create(&checkup_id, engine, &checkup)) return fail("service");

  appt_customer anna = APPT_CUSTOMER_INIT;
  anna.name = "Anna Bianchi";
  anna.email = "anna@example.it";
  int64_t anna_id = 0;
  if (appt_customer_create(&anna_id, engine, &anna)) return fail("customer");

  appt_slot_query query = APPT_SLOT_QUERY_INIT;
  query.service_id = checkup_id;
  query.window_start = monday;
  query.window_end = monday + 86400;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  if (appt_slot_search(&slots, engine, &query)) return fail("search");
  if (slots.count == 0) return fail("no slots");
  printf("%zu free slots on Monday, first at %s\n", slots.count,
         utc(slots.items[0].start, buf, sizeof buf));

  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  book.customer_id = anna_id;
  book.service_id = checkup_id;
  book.resource_id = rossi_id;
  book.start = slots.items[0].start;
  appt_appointment appointment = APPT_APPOINTMENT_INIT;
  if (appt_appointment_book(&appointment, engine, &book)) return fail("book");
  appt_appointment again = APPT_APPOINTMENT_INIT;
  rc = appt_appointment_book(&again, engine, &book);
  printf("booking the same slot again: %s: %s\n", appt_error_code_name(rc),
         appt_error_last()->message);
  if (rc != APPT_ERR_CONFLICT) return fail("expected a conflict");

  appt_reschedule_request move = APPT_RESCHEDULE_REQUEST_INIT;
  move.appointment_id = appointment.id;
  move.new_start = slots.items[slots.count - 1].start;
  move.actor.kind = APPT_ACTOR_CUSTOMER;
  move.actor.id = "anna";
  if (appt_appointment_reschedule(&appointment, engine, &move)) {
    return fail("reschedule");
  }
  printf("moved to %s\n", utc(appointment.start, buf, sizeof buf));
  appt_actor staff = {APPT_ACTOR_STAFF, "reception"};
  if (appt_appointment_cancel(&appointment, engine, appointment.id, &staff,
                              "doctor ill")) {
    return fail("cancel");
  }
  printf("state: %s\n", appt_state_name(appointment.state));

  appt_timeline timeline = APPT_TIMELINE_INIT;
  if (appt_timeline_get(&timeline, engine, appointment.id)) {
    return fail("timeline");
  }
  printf("timeline of #%lld (newest first):\n", (long long)appointment.id);
  for (size_t i = 0; i < timeline.count; ++i) {
    const appt_timeline_entry *t = &timeline.items[i];
    printf("  %s  %-11s by %s %s: %s\n", utc(t->at, buf, sizeof buf), t->kind,
           appt_actor_kind_name(t->actor.kind), t->actor.id, t->details);
  }
  appt_timeline_dispose(&timeline);
  appt_appointment_dispose(&appointment);
  appt_appointment_dispose(&again);
  appt_slot_list_dispose(&slots);
  appt_engine_free(engine);
  appt_clock_free(clock);
  return 0;
}
