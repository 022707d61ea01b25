/* Bad input through the C ABI: NULL pointers, wrong struct versions, bad
 * enum values, invalid UTF-8, unknown ids and zones, and values the engine
 * rejects. Each is a clear error naming the field, never a crash, and
 * changes nothing. */
#include <stdint.h>

#include "capi_check.h"
#include "capi_fixture.h"

static int payload_frees = 0;
static void count_free(void *payload) {
  (void)payload;
  ++payload_frees;
}

static void null_pointers(fixture *f) {
  int64_t id = 0;
  appt_resource r = APPT_RESOURCE_INIT;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_engine_open_memory(NULL, NULL));
  appt_engine *e = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "path",
            appt_engine_open_sqlite(&e, NULL, NULL, NULL));
  CHECK(e == NULL);
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out_id",
            appt_resource_create(NULL, f->engine, &r));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_resource_create(&id, NULL, &r));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "record",
            appt_resource_create(&id, f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_resource_get(NULL, f->engine, f->therapist));
  appt_service s = APPT_SERVICE_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_service_get(&s, NULL, f->massage));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "query",
            appt_slot_search(&slots, f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "request",
            appt_appointment_book(&a, f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_appointment_book(NULL, f->engine, &book));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "request",
            appt_appointment_reschedule(&a, f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "clock", appt_clock_set(NULL, 0));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out_unix",
            appt_engine_now(NULL, f->engine));
  /* The payload is freed even when adding the listener fails. */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "callback",
            appt_engine_listener_add(&id, f->engine, NULL, &id, count_free));
  CHECK(payload_frees == 1);
  /* NULL frees and disposes are no-ops. */
  appt_engine_free(NULL);
  appt_clock_free(NULL);
  appt_resource_dispose(NULL);
  appt_slot_list_dispose(NULL);
  appt_timeline_dispose(NULL);
}

static void wrong_versions(fixture *f) {
  int64_t id = 0;
  appt_resource r = APPT_RESOURCE_INIT;
  r.version = 99;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_resource.version",
            appt_resource_create(&id, f->engine, &r));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_resource.version",
            appt_resource_get(&r, f->engine, f->therapist));
  appt_service s = APPT_SERVICE_INIT;
  s.version = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_service.version",
            appt_service_create(&id, f->engine, &s));
  appt_customer c = APPT_CUSTOMER_INIT;
  c.version = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_customer.version",
            appt_customer_update(f->engine, &c));
  appt_engine_options options = APPT_ENGINE_OPTIONS_INIT;
  options.version = 7;
  appt_engine *e = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_engine_options.version",
            appt_engine_open_memory(&e, &options));
  options = (appt_engine_options)APPT_ENGINE_OPTIONS_INIT;
  options.max_firings_per_transaction = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_firings_per_transaction",
            appt_engine_open_memory(&e, &options));
  /* A version-1 struct (no max_firings_per_transaction) is still read. */
  options.version = 1;
  CHECK_OK(appt_engine_open_memory(&e, &options));
  appt_engine_free(e);
  e = NULL;
  appt_sqlite_options sqlite = APPT_SQLITE_OPTIONS_INIT;
  sqlite.version = 3;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_sqlite_options.version",
            appt_engine_open_sqlite(&e, "unused.db", &sqlite, NULL));
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  q.version = 5;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_slot_query.version",
            appt_slot_search(&slots, f->engine, &q));
  slots.version = 5;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_slot_list.version",
            appt_slot_search(&slots, f->engine, &q));
  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  book.version = 4;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_book_request.version",
            appt_appointment_book(&a, f->engine, &book));
  appt_timeline t = APPT_TIMELINE_INIT;
  t.version = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_timeline.version",
            appt_timeline_get(&t, f->engine, 1));
}

static void bad_values(fixture *f) {
  int64_t id = 0;
  appt_weekly_span span = {7, 540, 600};
  appt_resource r = APPT_RESOURCE_INIT;
  r.name = "Bad";
  r.time_zone = "Europe/Berlin";
  r.weekly_hours = &span;
  r.weekly_hour_count = 1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "weekly_hours[0].weekday",
            appt_resource_create(&id, f->engine, &r));
  r.weekly_hours = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "weekly_hours",
            appt_resource_create(&id, f->engine, &r));
  r.weekly_hour_count = 0;
  r.time_zone = "Mars/Olympus_Mons";
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "Mars/Olympus_Mons",
            appt_resource_create(&id, f->engine, &r));
  r.time_zone = "Europe/Berlin";
  r.name = "Bad \xC3\x28 name"; /* invalid UTF-8 */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "name",
            appt_resource_create(&id, f->engine, &r));
  appt_weekly_span overlapping[2] = {{0, 540, 720}, {0, 600, 800}};
  r.name = "Overlap";
  r.weekly_hours = overlapping;
  r.weekly_hour_count = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "weekly_hours",
            appt_resource_create(&id, f->engine, &r));

  appt_service s = APPT_SERVICE_INIT;
  s.name = "Negative";
  s.duration_seconds = -60;
  s.resource_ids = &f->therapist;
  s.resource_id_count = 1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "duration",
            appt_service_create(&id, f->engine, &s));
  s.duration_seconds = 1800;
  s.price_minor_units = -1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "price",
            appt_service_create(&id, f->engine, &s));
  s.price_minor_units = 100;
  s.resource_ids = NULL; /* with a count of 1 */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "resource_ids",
            appt_service_create(&id, f->engine, &s));

  appt_customer c = APPT_CUSTOMER_INIT;
  c.name = "Bad Mail";
  c.email = "not-an-email";
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "email",
            appt_customer_create(&id, f->engine, &c));
  c.email = NULL;
  c.phone = "333 123";
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "phone",
            appt_customer_create(&id, f->engine, &c));

  appt_block block = APPT_BLOCK_INIT;
  block.resource_id = f->therapist;
  block.start = FIXTURE_TUE_0900;
  block.end = FIXTURE_TUE_0900;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "end",
            appt_block_add(&id, f->engine, &block));
  block.resource_id = 4242;
  block.end = block.start + 60;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "4242",
            appt_block_add(&id, f->engine, &block));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_block_remove(f->engine, 4242));

  appt_sqlite_options sqlite = APPT_SQLITE_OPTIONS_INIT;
  sqlite.durability = 9;
  appt_engine *e = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "durability",
            appt_engine_open_sqlite(&e, "unused.db", &sqlite, NULL));
}

static void bad_bookings(fixture *f) {
  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  book.customer_id = f->customer;
  book.service_id = f->massage;
  book.resource_id = f->therapist;
  book.start = FIXTURE_TUE_0900;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  book.source = 7;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "source",
            appt_appointment_book(&a, f->engine, &book));
  book.source = APPT_SOURCE_ONLINE;
  book.actor.kind = 9;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "actor.kind",
            appt_appointment_book(&a, f->engine, &book));
  book.actor.kind = APPT_ACTOR_CUSTOMER;
  book.service_id = 999;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "999",
            appt_appointment_book(&a, f->engine, &book));
  book.service_id = f->massage;
  book.start = FIXTURE_START - 86400; /* the past */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "start",
            appt_appointment_book(&a, f->engine, &book));
  book.start = FIXTURE_TUE_0900 + 400 * 86400; /* beyond the horizon */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "start",
            appt_appointment_book(&a, f->engine, &book));
  book.start = INT64_MAX;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "start",
            appt_appointment_book(&a, f->engine, &book));
  book.start = FIXTURE_TUE_0900 - 3600; /* 08:00 Berlin: before hours */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "start",
            appt_appointment_book(&a, f->engine, &book));
  book.start = FIXTURE_TUE_0900;
  book.notes = "\xff\xfe";
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "notes",
            appt_appointment_book(&a, f->engine, &book));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_appointment_get(&a, f->engine, 77));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_appointment_cancel(&a, f->engine, 77, NULL, "why"));
  appt_actor bad_actor = {42, "x"};
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "actor.kind",
            appt_appointment_mark_attended(&a, f->engine, 77, &bad_actor));
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  q.service_id = f->massage;
  q.window_start = FIXTURE_TUE_0900;
  q.window_end = FIXTURE_TUE_0900 - 1;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "window",
            appt_slot_search(&slots, f->engine, &q));
}

/* After all the failures above, nothing was written. */
static void nothing_changed(fixture *f) {
  appt_resource_list resources = APPT_RESOURCE_LIST_INIT;
  CHECK_OK(appt_resource_list_all(&resources, f->engine));
  CHECK(resources.count == 1);
  appt_resource_list_dispose(&resources);
  appt_service_list services = APPT_SERVICE_LIST_INIT;
  CHECK_OK(appt_service_list_all(&services, f->engine));
  CHECK(services.count == 2);
  appt_service_list_dispose(&services);
  appt_appointment_list mine = APPT_APPOINTMENT_LIST_INIT;
  CHECK_OK(appt_appointment_list_for_customer(&mine, f->engine, f->customer));
  CHECK(mine.count == 0);
  appt_appointment_list_dispose(&mine);
  appt_block_list blocks = APPT_BLOCK_LIST_INIT;
  CHECK_OK(appt_block_list_window(&blocks, f->engine, f->therapist,
                                  FIXTURE_START, FIXTURE_START + 30 * 86400));
  CHECK(blocks.count == 0);
  appt_block_list_dispose(&blocks);
  CHECK(appt_error_last()->code == APPT_OK);
  CHECK(strcmp(appt_error_last()->message, "") == 0);
}

static void versions_and_names(void) {
  CHECK(strcmp(appt_version(), APPT_VERSION) == 0);
  CHECK(strcmp(appt_version(), APPT_EXPECTED_VERSION) == 0);
  CHECK(appt_version_number() == APPT_VERSION_NUMBER);
  CHECK(strcmp(appt_error_code_name(APPT_ERR_CONFLICT), "CONFLICT") == 0);
  CHECK(strcmp(appt_error_code_name(APPT_OK), "OK") == 0);
  CHECK(strcmp(appt_error_code_name(-99), "UNRECOGNIZED") == 0);
  CHECK(strcmp(appt_error_code_name(5), "UNRECOGNIZED") == 0);
  CHECK(strcmp(appt_state_name(APPT_STATE_NO_SHOW), "no_show") == 0);
  CHECK(strcmp(appt_state_name(17), "unknown") == 0);
  CHECK(strcmp(appt_source_name(APPT_SOURCE_AGENT), "agent") == 0);
  CHECK(strcmp(appt_actor_kind_name(APPT_ACTOR_STAFF), "staff") == 0);
  CHECK(strcmp(appt_event_kind_name(-1), "unknown") == 0);
}

int main(void) {
  fixture f;
  if (fixture_open(&f, NULL) != 0) return 1;
  versions_and_names();
  null_pointers(&f);
  wrong_versions(&f);
  bad_values(&f);
  bad_bookings(&f);
  nothing_changed(&f);
  fixture_close(&f);
  return capi_report("capi_bad_input_test");
}
