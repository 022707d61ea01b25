/* The foundation through the C ABI: catalog round trips, slot search across
 * Berlin's spring DST change, book, reschedule, cancel, attendance, no-show,
 * the timeline and event listeners — over a memory store and a SQLite file
 * (argv[1]). */
#include <stdio.h>
#include <stdlib.h>

#include "capi_check.h"
#include "capi_fixture.h"

typedef struct {
  int calls;
  int kinds[16];
  int64_t last_previous_start;
  int freed;
} recorder;

static void record_event(const appt_event *event, void *payload) {
  recorder *r = payload;
  if (event->version != APPT_EVENT_VERSION) return;
  if (r->calls < 16) r->kinds[r->calls] = event->kind;
  ++r->calls;
  if (event->has_previous) r->last_previous_start = event->previous_start;
}

static void free_recorder(void *payload) { ((recorder *)payload)->freed = 1; }

static void catalog_round_trip(fixture *f) {
  appt_resource r = APPT_RESOURCE_INIT;
  CHECK_OK(appt_resource_get(&r, f->engine, f->therapist));
  CHECK(strcmp(r.name, "Anna") == 0);
  CHECK(strcmp(r.time_zone, "Europe/Berlin") == 0);
  CHECK(r.weekly_hour_count == 5);
  CHECK(r.weekly_hours[4].weekday == 4 && r.weekly_hours[4].end_minute == 1020);

  /* Update: add a day off and Saturday hours, then read back. */
  appt_weekly_span hours[6];
  for (size_t i = 0; i < 5; ++i) hours[i] = r.weekly_hours[i];
  hours[5].weekday = 5;
  hours[5].start_minute = 600;
  hours[5].end_minute = 720;
  appt_date_exception off = {2027, 3, 3, NULL, 0};
  appt_resource changed = r; /* borrowed pointers into r stay valid */
  changed.weekly_hours = hours;
  changed.weekly_hour_count = 6;
  changed.exceptions = &off;
  changed.exception_count = 1;
  changed.owner_ = NULL;
  CHECK_OK(appt_resource_update(f->engine, &changed));
  CHECK_OK(appt_resource_get(&r, f->engine, f->therapist)); /* reused */
  CHECK(r.weekly_hour_count == 6 && r.exception_count == 1);
  CHECK(r.exceptions[0].day == 3 && r.exceptions[0].span_count == 0);
  appt_resource_dispose(&r);
  appt_resource_dispose(&r); /* twice is a no-op */

  appt_resource_list all = APPT_RESOURCE_LIST_INIT;
  CHECK_OK(appt_resource_list_all(&all, f->engine));
  CHECK(all.count == 1 && all.items[0].id == f->therapist);
  appt_resource_list_dispose(&all);

  appt_service s = APPT_SERVICE_INIT;
  CHECK_OK(appt_service_get(&s, f->engine, f->group_class));
  CHECK(s.capacity == 3 && s.duration_seconds == 3600);
  CHECK(strcmp(s.currency, "EUR") == 0 && s.price_minor_units == 6000);
  CHECK(s.resource_id_count == 1 && s.resource_ids[0] == f->therapist);
  appt_service_dispose(&s);
  appt_service_list services = APPT_SERVICE_LIST_INIT;
  CHECK_OK(appt_service_list_all(&services, f->engine));
  CHECK(services.count == 2);
  appt_service_list_dispose(&services);

  appt_customer c = APPT_CUSTOMER_INIT;
  CHECK_OK(appt_customer_get(&c, f->engine, f->customer));
  CHECK(strcmp(c.phone, "+393331234567") == 0 && !c.consent_sms.given);
  appt_customer changed_customer = c;
  changed_customer.owner_ = NULL;
  changed_customer.consent_sms.given = 1;
  changed_customer.consent_sms.given_at = FIXTURE_START;
  CHECK_OK(appt_customer_update(f->engine, &changed_customer));
  CHECK_OK(appt_customer_get(&c, f->engine, f->customer));
  CHECK(c.consent_sms.given && c.consent_sms.given_at == FIXTURE_START);
  appt_customer_dispose(&c);
}

static void slots_across_dst(fixture *f) {
  /* Friday 26 March 09:00 Berlin is 08:00Z; Monday 29 March (after the
   * change to CEST) 09:00 is 07:00Z. */
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  q.service_id = f->massage;
  q.window_start = 1806048000 - 3600;      /* Fri 07:00Z */
  q.window_end = 1806303600 + 86400 / 2;   /* Mon 19:00Z */
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  CHECK_OK(appt_slot_search(&slots, f->engine, &q));
  /* 16 on Friday, 4 on Saturday (10:00–12:00, added by the round trip),
   * none on Sunday, 16 on Monday. */
  CHECK(slots.count == 36);
  if (slots.count == 36) {
    CHECK(slots.items[0].start == 1806048000);
    CHECK(slots.items[16].start == 1806048000 + 86400 + 3600);
    CHECK(slots.items[20].start == 1806303600);
    CHECK(slots.items[0].seats_left == 1);
  }
  appt_slot_list_dispose(&slots);
}

static void lifecycle(fixture *f) {
  recorder rec;
  memset(&rec, 0, sizeof rec);
  int64_t listener = 0;
  CHECK_OK(appt_engine_listener_add(&listener, f->engine, record_event, &rec,
                                    free_recorder));

  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  book.customer_id = f->customer;
  book.service_id = f->massage;
  book.resource_id = f->therapist;
  book.start = FIXTURE_TUE_0900;
  book.notes = "first visit";
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &book));
  CHECK(a.id > 0 && a.state == APPT_STATE_BOOKED);
  CHECK(a.end == FIXTURE_TUE_0900 + 1800 && strcmp(a.notes, "first visit") == 0);
  CHECK(a.source == APPT_SOURCE_ONLINE);
  const int64_t id = a.id;

  /* The same slot again is a conflict. */
  appt_appointment again = APPT_APPOINTMENT_INIT;
  int64_t other = fixture_add_customer(f, "Luca Bianchi");
  book.customer_id = other;
  CHECK_ERR(APPT_ERR_CONFLICT, "", appt_appointment_book(&again, f->engine,
                                                         &book));

  appt_reschedule_request move = APPT_RESCHEDULE_REQUEST_INIT;
  move.appointment_id = id;
  move.new_start = FIXTURE_TUE_0900 + 3600;
  CHECK_OK(appt_appointment_reschedule(&a, f->engine, &move));
  CHECK(a.start == FIXTURE_TUE_0900 + 3600);
  CHECK(rec.last_previous_start == FIXTURE_TUE_0900);

  /* Now the first slot is free for the other customer. */
  CHECK_OK(appt_appointment_book(&again, f->engine, &book));
  appt_actor customer = {APPT_ACTOR_CUSTOMER, "mario"};
  CHECK_OK(appt_appointment_cancel(&a, f->engine, id, &customer,
                                   "feeling better"));
  CHECK(a.state == APPT_STATE_CANCELLED);
  CHECK(strcmp(a.cancel_reason, "feeling better") == 0);
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "",
            appt_appointment_cancel(&a, f->engine, id, NULL, "again"));

  /* Attendance and no-show once the visits have started. */
  CHECK_OK(appt_clock_set(f->clock, FIXTURE_TUE_0900 + 600));
  CHECK_OK(appt_appointment_mark_attended(&again, f->engine, again.id, NULL));
  CHECK(again.state == APPT_STATE_ATTENDED);
  book.customer_id = f->customer;
  book.start = FIXTURE_TUE_0900 + 2 * 86400; /* Thursday; Wednesday is off */
  appt_appointment third = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&third, f->engine, &book));
  CHECK_OK(appt_clock_advance(f->clock, 2 * 86400));
  CHECK_OK(appt_appointment_mark_no_show(&third, f->engine, third.id, NULL));
  CHECK(third.state == APPT_STATE_NO_SHOW);

  appt_appointment_list mine = APPT_APPOINTMENT_LIST_INIT;
  CHECK_OK(appt_appointment_list_for_customer(&mine, f->engine, f->customer));
  CHECK(mine.count == 2);
  appt_appointment_list_dispose(&mine);

  appt_timeline timeline = APPT_TIMELINE_INIT;
  CHECK_OK(appt_timeline_get(&timeline, f->engine, id));
  CHECK(timeline.count == 3); /* created, rescheduled, cancelled */
  if (timeline.count == 3) {
    CHECK(strcmp(timeline.items[0].kind, "cancelled") == 0);
    CHECK(timeline.items[0].actor.kind == APPT_ACTOR_CUSTOMER);
    CHECK(strcmp(timeline.items[0].actor.id, "mario") == 0);
    CHECK(strcmp(timeline.items[2].kind, "created") == 0);
  }
  appt_timeline_dispose(&timeline);

  CHECK(rec.calls == 7);
  CHECK(rec.kinds[0] == APPT_EVENT_APPOINTMENT_CREATED);
  CHECK(rec.kinds[1] == APPT_EVENT_APPOINTMENT_RESCHEDULED);
  CHECK(rec.kinds[3] == APPT_EVENT_APPOINTMENT_CANCELLED);
  CHECK(rec.kinds[4] == APPT_EVENT_APPOINTMENT_ATTENDED);
  CHECK(rec.kinds[5] == APPT_EVENT_APPOINTMENT_CREATED);
  CHECK(rec.kinds[6] == APPT_EVENT_APPOINTMENT_NO_SHOW);
  CHECK_OK(appt_engine_listener_remove(f->engine, listener));
  CHECK(rec.freed == 1);
  CHECK_ERR(APPT_ERR_NOT_FOUND, "listener",
            appt_engine_listener_remove(f->engine, listener));

  appt_appointment got = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_get(&got, f->engine, id));
  CHECK(got.state == APPT_STATE_CANCELLED);
  appt_appointment_dispose(&got);
  appt_appointment_dispose(&a);
  appt_appointment_dispose(&again);
  appt_appointment_dispose(&third);
}

static void blocks(fixture *f) {
  appt_block block = APPT_BLOCK_INIT;
  block.resource_id = f->therapist;
  block.start = FIXTURE_TUE_0900 + 7 * 86400;
  block.end = block.start + 7200;
  block.reason = "dentist";
  int64_t block_id = 0;
  CHECK_OK(appt_block_add(&block_id, f->engine, &block));
  appt_block_list list = APPT_BLOCK_LIST_INIT;
  CHECK_OK(appt_block_list_window(&list, f->engine, f->therapist,
                                  block.start, block.start + 86400));
  CHECK(list.count == 1 && strcmp(list.items[0].reason, "dentist") == 0);
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  q.service_id = f->massage;
  q.window_start = block.start;
  q.window_end = block.end;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  CHECK_OK(appt_slot_search(&slots, f->engine, &q));
  CHECK(slots.count == 0);
  CHECK_OK(appt_block_remove(f->engine, block_id));
  CHECK_OK(appt_slot_search(&slots, f->engine, &q));
  CHECK(slots.count == 4);
  appt_slot_list_dispose(&slots);
  appt_block_list_dispose(&list);
}

static void run(const char *label, const char *path) {
  fixture f;
  if (fixture_open(&f, path) != 0) {
    ++capi_failures;
    return;
  }
  printf("%s\n", label);
  catalog_round_trip(&f);
  slots_across_dst(&f);
  lifecycle(&f);
  blocks(&f);
  int64_t now = 0;
  CHECK_OK(appt_engine_now(&now, f.engine));
  CHECK(now == FIXTURE_TUE_0900 + 600 + 2 * 86400); /* as lifecycle() left it */
  fixture_close(&f);
}

int main(int argc, char **argv) {
  run("memory store", NULL);
  if (argc > 1) {
    remove(argv[1]);
    run("sqlite store", argv[1]);
    /* Reopening the file finds the data. */
    appt_engine *engine = NULL;
    CHECK_OK(appt_engine_open_sqlite(&engine, argv[1], NULL, NULL));
    appt_resource_list all = APPT_RESOURCE_LIST_INIT;
    CHECK_OK(appt_resource_list_all(&all, engine));
    CHECK(all.count == 1);
    appt_resource_list_dispose(&all);
    appt_engine_free(engine);
  }
  return capi_report("capi_lifecycle_test");
}
