/* A small business for the C ABI tests: one therapist in Europe/Berlin
 * working Monday–Friday 09:00–17:00, a 30-minute massage (capacity 1), a
 * 60-minute group class (capacity 3), and one customer. The manual clock
 * starts at Monday 2027-03-01 00:00 UTC. */
#ifndef APPT_TESTS_CAPI_CAPI_FIXTURE_H_
#define APPT_TESTS_CAPI_CAPI_FIXTURE_H_

#include "appt/appt.h"

#define FIXTURE_START 1803859200 /* 2027-03-01T00:00:00Z, a Monday */
#define FIXTURE_TUE_0900 1803974400 /* 2027-03-02 09:00 Berlin (08:00Z) */

typedef struct {
  appt_clock *clock;
  appt_engine *engine;
  int64_t therapist;
  int64_t massage;
  int64_t group_class;
  int64_t customer;
} fixture;

/* Fills `f` over a memory store (path NULL) or a SQLite file. Returns 0 on
 * success; on failure prints why and returns -1. */
int fixture_open(fixture *f, const char *sqlite_path);
void fixture_close(fixture *f);
/* Opens a fixture as fixture_open does, prints `label` when given, runs
 * `body` on it and closes it. Returns 1 when it could not open (count it
 * as a failure), else 0. */
int fixture_run(const char *label, const char *sqlite_path,
                void (*body)(fixture *f));

/* A second customer named `name`; 0 on failure. */
int64_t fixture_add_customer(fixture *f, const char *name);

/* Valid message rules whose arrays are static (borrowed by `rule`):
 * a confirmation by email, and a reminder 24 hours before the start by sms,
 * else email. */
void fixture_confirmation_rule(appt_message_rule *rule);
void fixture_reminder_rule(appt_message_rule *rule);

#endif /* APPT_TESTS_CAPI_CAPI_FIXTURE_H_ */
