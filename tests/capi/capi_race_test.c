/* Several threads race through the C ABI for the last seats of a group
 * class (capacity 3) on one engine, over memory and over a SQLite file
 * (argv[1]): exactly three bookings succeed, the rest are conflicts. */
#include <pthread.h>
#include <stdio.h>

#include "capi_check.h"
#include "capi_fixture.h"

enum { kThreads = 8 };

typedef struct {
  fixture *f;
  int64_t customer;
  int rc;
} racer;

static void *race(void *arg) {
  racer *r = arg;
  appt_book_request book = APPT_BOOK_REQUEST_INIT;
  book.customer_id = r->customer;
  book.service_id = r->f->group_class;
  book.resource_id = r->f->therapist;
  book.start = FIXTURE_TUE_0900;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  r->rc = appt_appointment_book(&a, r->f->engine, &book);
  appt_appointment_dispose(&a);
  return NULL;
}

static void run(const char *path) {
  fixture f;
  if (fixture_open(&f, path) != 0) {
    ++capi_failures;
    return;
  }
  racer racers[kThreads];
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    char name[32];
    snprintf(name, sizeof name, "Racer %d", i);
    racers[i].f = &f;
    racers[i].customer = fixture_add_customer(&f, name);
    racers[i].rc = 1;
  }
  for (int i = 0; i < kThreads; ++i) {
    CHECK(pthread_create(&threads[i], NULL, race, &racers[i]) == 0);
  }
  int booked = 0, conflicts = 0;
  for (int i = 0; i < kThreads; ++i) {
    pthread_join(threads[i], NULL);
    if (racers[i].rc == APPT_OK) ++booked;
    if (racers[i].rc == APPT_ERR_CONFLICT) ++conflicts;
  }
  CHECK(booked == 3);
  CHECK(conflicts == kThreads - 3);
  appt_slot_query q = APPT_SLOT_QUERY_INIT;
  q.service_id = f.group_class;
  q.window_start = FIXTURE_TUE_0900;
  q.window_end = FIXTURE_TUE_0900 + 1;
  appt_slot_list slots = APPT_SLOT_LIST_INIT;
  CHECK_OK(appt_slot_search(&slots, f.engine, &q));
  CHECK(slots.count == 0); /* full */
  appt_slot_list_dispose(&slots);
  fixture_close(&f);
}

int main(int argc, char **argv) {
  run(NULL);
  if (argc > 1) {
    remove(argv[1]);
    run(argv[1]);
  }
  return capi_report("capi_race_test");
}
