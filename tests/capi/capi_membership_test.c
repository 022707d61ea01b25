/* Memberships through the C ABI (R7): a plan saved and read back, a
 * purchase with its certificate number and counters, a booking on the
 * membership holding a visit, a cancellation returning it, attendance
 * using it, the customer's list, and bad input naming the field — over a
 * memory store and a SQLite file (argv[1]). */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"
#include "capi_fixture.h"

static int64_t book(fixture *f, int64_t start, int64_t membership_id) {
  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = f->customer;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = start;
  req.membership_id = membership_id;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &req));
  CHECK(a.membership_id == membership_id);
  const int64_t id = a.id;
  appt_appointment_dispose(&a);
  return id;
}

static void visits(fixture *f) {
  appt_membership_plan plan = APPT_MEMBERSHIP_PLAN_INIT;
  plan.name = "Five massages";
  plan.service_ids = &f->massage;
  plan.service_id_count = 1;
  plan.visits = 5;
  plan.validity_days = 180;
  plan.price_minor_units = 25000;
  int64_t plan_id = 0;
  CHECK_OK(appt_membership_plan_create(&plan_id, f->engine, &plan));
  appt_membership_plan read = APPT_MEMBERSHIP_PLAN_INIT;
  CHECK_OK(appt_membership_plan_get(&read, f->engine, plan_id));
  CHECK(read.visits == 5 && read.service_id_count == 1);
  CHECK(strcmp(read.currency, "EUR") == 0);
  appt_membership_plan_dispose(&read);
  appt_membership_plan_list plans = APPT_MEMBERSHIP_PLAN_LIST_INIT;
  CHECK_OK(appt_membership_plan_list_all(&plans, f->engine));
  CHECK(plans.count == 1);
  appt_membership_plan_list_dispose(&plans);

  appt_purchase_request buy = APPT_PURCHASE_REQUEST_INIT;
  buy.customer_id = f->customer;
  buy.plan_id = plan_id;
  appt_membership m = APPT_MEMBERSHIP_INIT;
  CHECK_OK(appt_membership_purchase(&m, f->engine, &buy));
  CHECK(strlen(m.certificate_number) == 11 && m.certificate_number[0] == 'M');
  CHECK(m.visits_total == 5 && m.visits_left == 5);
  CHECK(m.expires_at == FIXTURE_START + 180 * 86400);
  CHECK(m.state == APPT_MEMBERSHIP_ACTIVE);
  const int64_t membership_id = m.id;

  const int64_t kept = book(f, FIXTURE_TUE_0900, membership_id);
  const int64_t dropped = book(f, FIXTURE_TUE_0900 + 3600, membership_id);
  CHECK_OK(appt_membership_get(&m, f->engine, membership_id));
  CHECK(m.visits_booked == 2 && m.visits_left == 3);
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_cancel(&a, f->engine, dropped, NULL, "ill"));
  CHECK_OK(appt_clock_set(f->clock, FIXTURE_TUE_0900 + 300));
  CHECK_OK(appt_appointment_mark_attended(&a, f->engine, kept, NULL));
  CHECK_OK(appt_membership_get(&m, f->engine, membership_id));
  CHECK(m.visits_booked == 0 && m.visits_used == 1 && m.visits_left == 4);
  appt_membership_list mine = APPT_MEMBERSHIP_LIST_INIT;
  CHECK_OK(appt_membership_list_for_customer(&mine, f->engine, f->customer));
  CHECK(mine.count == 1 && mine.items[0].visits_used == 1);
  appt_membership_list_dispose(&mine);

  /* Bad input names the field and changes nothing. */
  const int64_t other = fixture_add_customer(f, "Other");
  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = other;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = FIXTURE_TUE_0900 + 7200;
  req.membership_id = membership_id;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "belongs to customer_id",
            appt_appointment_book(&a, f->engine, &req));
  req.customer_id = f->customer;
  req.membership_id = 4242;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "membership_id 4242",
            appt_appointment_book(&a, f->engine, &req));
  plan.service_id_count = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "plan.service_ids",
            appt_membership_plan_create(&plan_id, f->engine, &plan));
  plan.service_id_count = 1;
  plan.no_show = 7;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "no_show",
            appt_membership_plan_create(&plan_id, f->engine, &plan));
  plan.no_show = APPT_NO_SHOW_RETURNS_VISIT;
  plan.visits = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "plan.visits 0",
            appt_membership_plan_create(&plan_id, f->engine, &plan));
  buy.plan_id = 999;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "plan_id 999",
            appt_membership_purchase(&m, f->engine, &buy));
  buy.version = 42;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_purchase_request",
            appt_membership_purchase(&m, f->engine, &buy));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "request",
            appt_membership_purchase(&m, f->engine, NULL));
  CHECK_OK(appt_membership_get(&m, f->engine, membership_id));
  CHECK(m.visits_booked == 0 && m.visits_used == 1);
  appt_membership_dispose(&m);
  appt_appointment_dispose(&a);
}

int main(int argc, char **argv) {
  capi_failures += fixture_run("memory store", NULL, visits);
  if (argc > 1) {
    remove(argv[1]);
    capi_failures += fixture_run("sqlite store", argv[1], visits);
  }
  CHECK(strcmp(appt_no_show_policy_name(APPT_NO_SHOW_RETURNS_VISIT),
               "returns_visit") == 0);
  CHECK(strcmp(appt_membership_state_name(APPT_MEMBERSHIP_EXPIRED),
               "expired") == 0);
  CHECK(strcmp(appt_membership_state_name(5), "unknown") == 0);
  return capi_report("capi_membership_test");
}
