/* Messages and reminders through the C ABI: message rules round trip, a
 * confirmation sent at booking and a reminder sent once by run-due, delivery
 * reports, retries with backoff, a permanent failure, a skipped firing with
 * its reason, pending timers, the background runner, the notifier payload's
 * lifetime and the messaging settings — over a memory store and a SQLite
 * file (argv[1]). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "capi_check.h"
#include "capi_fixture.h"

/* What the notifier saw, and how it should answer. Shared with the runner's
 * thread, so guarded by `mu`. */
typedef struct {
  pthread_mutex_t mu;
  appt_engine *engine;
  int calls;
  int retry_next;  /* answer RETRY this many times */
  int return_next; /* return -1 this many times */
  int fail_next;   /* answer FAIL this many times */
  int64_t last_id;
  int64_t last_appointment;
  int last_kind;
  int last_channel;
  char last_body[256];
  char last_recipient[64];
  int inner_state; /* the message's state read back from inside the call */
  int inner_missing_rc;
  int stop_rc;
} recorder;

static int record_send(appt_send_result *out, const appt_message *m,
                       void *payload) {
  recorder *r = payload;
  /* Calling back into the engine works: the message is still queued. */
  appt_message inner = APPT_MESSAGE_INIT;
  int inner_rc = appt_message_get(&inner, r->engine, m->id);
  int inner_state = inner_rc == APPT_OK ? inner.state : -1;
  appt_message_dispose(&inner);
  /* A failing call in here must not leak into the caller's error state. */
  int missing_rc = appt_message_get(&inner, r->engine, -1);
  int stop_rc = appt_engine_stop_runner(r->engine);

  pthread_mutex_lock(&r->mu);
  int n = ++r->calls;
  r->last_id = m->id;
  r->last_appointment = m->appointment_id;
  r->last_kind = m->kind;
  r->last_channel = m->channel;
  snprintf(r->last_body, sizeof r->last_body, "%s", m->body);
  snprintf(r->last_recipient, sizeof r->last_recipient, "%s", m->recipient);
  r->inner_state = inner_state;
  r->inner_missing_rc = missing_rc;
  r->stop_rc = stop_rc;
  int rc = 0;
  if (r->return_next > 0) {
    --r->return_next;
    appt_send_result_retry(out, "boom");
    rc = -1;
  } else if (r->retry_next > 0) {
    --r->retry_next;
    appt_send_result_retry(out, "smtp busy");
  } else if (r->fail_next > 0) {
    --r->fail_next;
    appt_send_result_fail(out, "invalid address");
  } else {
    char id[32];
    snprintf(id, sizeof id, "prov-%d", n);
    appt_send_result_accept(out, id);
  }
  pthread_mutex_unlock(&r->mu);
  return rc;
}

static int calls(recorder *r) {
  pthread_mutex_lock(&r->mu);
  int n = r->calls;
  pthread_mutex_unlock(&r->mu);
  return n;
}

static int frees = 0;
static void count_free(void *payload) {
  (void)payload;
  ++frees;
}

/* Books the massage for `customer` at `start`; returns its id or 0. */
static int64_t book(fixture *f, int64_t customer, int64_t start) {
  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = customer;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = start;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &req));
  CHECK(appt_error_last()->code == APPT_OK);
  int64_t id = a.id;
  appt_appointment_dispose(&a);
  return id;
}

static void rules_round_trip(fixture *f) {
  const int channels[] = {APPT_CHANNEL_WHATSAPP, APPT_CHANNEL_SMS};
  const int consents[] = {APPT_CONSENT_WHATSAPP};
  const appt_message_template templates[] = {
      {APPT_CHANNEL_WHATSAPP, NULL, NULL, "Ciao {{customer.name}} ✓"},
      {APPT_CHANNEL_WHATSAPP, "it-IT", NULL,
       "A domani alle {{appointment.time}} — {{business.name}}"},
      {APPT_CHANNEL_SMS, NULL, NULL, "Promemoria: {{appointment.when}}"}};
  appt_message_rule rule = APPT_MESSAGE_RULE_INIT;
  rule.name = "Promemoria – 18:00 il giorno prima";
  rule.kind = APPT_MESSAGE_KIND_REMINDER;
  rule.service_ids = &f->massage;
  rule.service_id_count = 1;
  rule.channels = channels;
  rule.channel_count = 2;
  rule.required_consents = consents;
  rule.required_consent_count = 1;
  rule.templates = templates;
  rule.template_count = 3;
  rule.has_at_local_time = 1;
  rule.at_local_time.minute = 18 * 60;
  rule.at_local_time.days_before = 1;
  rule.grace_seconds = 7200;
  rule.external_id = "crm-règle-7";
  int64_t id = 0;
  CHECK_OK(appt_message_rule_create(&id, f->engine, &rule));
  CHECK(id > 0);

  appt_message_rule got = APPT_MESSAGE_RULE_INIT;
  CHECK_OK(appt_message_rule_get(&got, f->engine, id));
  CHECK(got.id == id && strcmp(got.name, rule.name) == 0);
  CHECK(got.kind == APPT_MESSAGE_KIND_REMINDER && got.enabled == 1);
  CHECK(got.audience == APPT_AUDIENCE_CUSTOMER);
  CHECK(got.service_id_count == 1 && got.service_ids[0] == f->massage);
  CHECK(got.channel_count == 2 && got.channels[0] == APPT_CHANNEL_WHATSAPP &&
        got.channels[1] == APPT_CHANNEL_SMS);
  CHECK(got.required_consent_count == 1 &&
        got.required_consents[0] == APPT_CONSENT_WHATSAPP);
  CHECK(got.template_count == 3);
  CHECK(strcmp(got.templates[1].locale, "it-IT") == 0);
  CHECK(strcmp(got.templates[1].body, templates[1].body) == 0);
  CHECK(strcmp(got.templates[0].locale, "") == 0);
  CHECK(strcmp(got.templates[0].subject, "") == 0);
  CHECK(got.has_at_local_time && got.at_local_time.minute == 1080 &&
        got.at_local_time.days_before == 1);
  CHECK(got.offset_seconds == 0 && got.grace_seconds == 7200);
  CHECK(strcmp(got.external_id, "crm-règle-7") == 0);

  /* Update from the read copy: a lead time instead of a local time. */
  appt_message_rule changed = got; /* borrowed pointers into got */
  changed.owner_ = NULL;
  changed.name = "Promemoria 2 h";
  changed.has_at_local_time = 0;
  changed.offset_seconds = 7200;
  changed.service_id_count = 0;
  CHECK_OK(appt_message_rule_update(f->engine, &changed));
  CHECK_OK(appt_message_rule_get(&got, f->engine, id)); /* reused */
  CHECK(strcmp(got.name, "Promemoria 2 h") == 0 && got.offset_seconds == 7200);
  CHECK(!got.has_at_local_time && got.service_id_count == 0);

  CHECK_OK(appt_message_rule_set_enabled(f->engine, id, 0));
  CHECK_OK(appt_message_rule_get(&got, f->engine, id));
  CHECK(got.enabled == 0);
  appt_message_rule_list all = APPT_MESSAGE_RULE_LIST_INIT;
  CHECK_OK(appt_message_rule_list_all(&all, f->engine));
  CHECK(all.count == 1 && all.items[0].id == id && !all.items[0].enabled);
  CHECK(all.items[0].template_count == 3);
  CHECK_OK(appt_message_rule_delete(f->engine, id));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_message_rule_get(&got, f->engine, id));
  CHECK_OK(appt_message_rule_list_all(&all, f->engine));
  CHECK(all.count == 0 && all.items == NULL);
  appt_message_rule_list_dispose(&all);
  appt_message_rule_dispose(&got);
  appt_message_rule_dispose(&got); /* twice is a no-op */
}

/* The confirmation at booking, the reminder at run-due, the history and
 * delivery reports. Returns the appointment id. */
static int64_t confirm_and_remind(fixture *f, recorder *r, int64_t reminder) {
  const int64_t start = FIXTURE_TUE_0900;
  const int64_t appointment = book(f, f->customer, start);
  CHECK(calls(r) == 1); /* the confirmation, at once after commit */
  CHECK(r->last_kind == APPT_MESSAGE_KIND_CONFIRMED);
  CHECK(r->last_channel == APPT_CHANNEL_EMAIL);
  CHECK(strcmp(r->last_recipient, "mario@example.com") == 0);
  CHECK(strstr(r->last_body, "Hello Mario Rossi") != NULL);
  CHECK(r->inner_state == APPT_MESSAGE_STATE_QUEUED);
  CHECK(r->inner_missing_rc == APPT_ERR_NOT_FOUND);
  CHECK(r->stop_rc == APPT_ERR_FAILED_PRECONDITION);

  appt_timer_list timers = APPT_TIMER_LIST_INIT;
  CHECK_OK(appt_timer_list_for_appointment(&timers, f->engine, appointment));
  CHECK(timers.count == 1);
  if (timers.count == 1) {
    CHECK(timers.items[0].rule_id == reminder);
    CHECK(timers.items[0].kind == APPT_TIMER_KIND_MESSAGE);
    CHECK(timers.items[0].appointment_id == appointment);
    CHECK(timers.items[0].occurrence == start);
    CHECK(timers.items[0].nominal_due == start - 86400);
    CHECK(timers.items[0].due == start - 86400);
  }
  int64_t next = 0;
  int has = 0;
  CHECK_OK(appt_engine_next_due(&next, &has, f->engine));
  CHECK(has == 1 && next == start - 86400);

  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  CHECK_OK(appt_engine_run_due(&report, f->engine)); /* too early */
  CHECK(report.messages_created == 0 && report.sent == 0);
  CHECK_OK(appt_clock_set(f->clock, start - 86400));
  CHECK_OK(appt_engine_run_due(&report, f->engine));
  CHECK(report.messages_created == 1 && report.sent == 1);
  CHECK(report.skipped == 0 && report.dropped == 0 && report.failed == 0);
  CHECK(calls(r) == 2);
  CHECK(r->last_kind == APPT_MESSAGE_KIND_REMINDER);
  CHECK(r->last_channel == APPT_CHANNEL_SMS); /* sms first, else email */
  CHECK(strstr(r->last_body, "Reminder: Massage tomorrow at 9:00") != NULL);
  CHECK_OK(appt_engine_run_due(&report, f->engine)); /* exactly once */
  CHECK(report.messages_created == 0 && report.sent == 0);
  CHECK_OK(appt_engine_run_due(NULL, f->engine));
  CHECK(calls(r) == 2);
  CHECK_OK(appt_timer_list_for_appointment(&timers, f->engine, appointment));
  CHECK(timers.count == 0);
  appt_timer_list_dispose(&timers);

  appt_message_list mine = APPT_MESSAGE_LIST_INIT;
  CHECK_OK(appt_message_list_for_appointment(&mine, f->engine, appointment));
  CHECK(mine.count == 2);
  if (mine.count != 2) return appointment;
  const appt_message *confirmed = &mine.items[0];
  const appt_message *reminded = &mine.items[1];
  CHECK(confirmed->kind == APPT_MESSAGE_KIND_CONFIRMED);
  CHECK(confirmed->state == APPT_MESSAGE_STATE_SENT);
  CHECK(strcmp(confirmed->provider_id, "prov-1") == 0);
  CHECK(confirmed->attempts == 1 && confirmed->customer_id == f->customer);
  CHECK(strcmp(confirmed->subject, "Confirmed: Massage") == 0);
  CHECK(strstr(confirmed->calendar, "BEGIN:VCALENDAR") != NULL);
  CHECK(confirmed->idempotency_key[0] != '\0');
  CHECK(reminded->kind == APPT_MESSAGE_KIND_REMINDER &&
        reminded->rule_id == reminder && reminded->occurrence == start);
  CHECK(reminded->state == APPT_MESSAGE_STATE_SENT);
  CHECK(strcmp(reminded->recipient, "+393331234567") == 0);
  CHECK(strcmp(reminded->calendar, "") == 0);
  appt_message_list theirs = APPT_MESSAGE_LIST_INIT;
  CHECK_OK(appt_message_list_for_customer(&theirs, f->engine, f->customer));
  CHECK(theirs.count == 2 && theirs.items[1].id == reminded->id);
  appt_message_list_dispose(&theirs);

  /* Delivery reports: delivered, then read; then a forbidden move. */
  appt_message m = APPT_MESSAGE_INIT;
  CHECK_OK(appt_message_report(&m, f->engine, reminded->id,
                               APPT_MESSAGE_STATE_DELIVERED, NULL));
  CHECK(m.state == APPT_MESSAGE_STATE_DELIVERED && m.id == reminded->id);
  CHECK_OK(appt_message_report(&m, f->engine, reminded->id,
                               APPT_MESSAGE_STATE_READ, "opened ✓"));
  CHECK(m.state == APPT_MESSAGE_STATE_READ);
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "read",
            appt_message_report(&m, f->engine, reminded->id,
                                APPT_MESSAGE_STATE_DELIVERED, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "state",
            appt_message_report(&m, f->engine, confirmed->id,
                                APPT_MESSAGE_STATE_SENT, NULL));
  CHECK_OK(appt_message_report(NULL, f->engine, confirmed->id,
                               APPT_MESSAGE_STATE_FAILED, "bounced"));
  CHECK_OK(appt_message_get(&m, f->engine, confirmed->id));
  CHECK(m.state == APPT_MESSAGE_STATE_FAILED &&
        strcmp(m.error, "bounced") == 0);
  appt_message_dispose(&m);

  appt_firing_list firings = APPT_FIRING_LIST_INIT;
  CHECK_OK(appt_firing_list_for_appointment(&firings, f->engine, appointment));
  CHECK(firings.count == 2);
  if (firings.count == 2) {
    CHECK(firings.items[0].outcome == APPT_FIRING_CREATED);
    CHECK(firings.items[0].message_id == confirmed->id);
    CHECK(firings.items[1].outcome == APPT_FIRING_CREATED);
    CHECK(firings.items[1].message_id == reminded->id);
    CHECK(firings.items[1].rule_id == reminder);
    CHECK(strcmp(firings.items[1].reason, "") == 0);
  }
  appt_firing_list_dispose(&firings);
  appt_message_list_dispose(&mine);
  return appointment;
}

/* A retryable failure, a failing return, then success after the backoff. */
static void retries(fixture *f, recorder *r) {
  const int64_t customer = fixture_add_customer(f, "Giulia Verdi");
  int64_t now = 0;
  CHECK_OK(appt_engine_now(&now, f->engine));
  r->retry_next = 1;
  const int64_t appointment = book(f, customer, FIXTURE_TUE_0900 + 86400);
  appt_message_list mine = APPT_MESSAGE_LIST_INIT;
  CHECK_OK(appt_message_list_for_appointment(&mine, f->engine, appointment));
  CHECK(mine.count == 1);
  if (mine.count != 1) return;
  const int64_t id = mine.items[0].id;
  CHECK(mine.items[0].state == APPT_MESSAGE_STATE_QUEUED);
  CHECK(mine.items[0].attempts == 1);
  CHECK(strcmp(mine.items[0].error, "smtp busy") == 0);
  CHECK(mine.items[0].not_before == now + 60); /* the default backoff */
  appt_message_list_dispose(&mine);

  const int before = calls(r);
  appt_dispatch_report sent = APPT_DISPATCH_REPORT_INIT;
  CHECK_OK(appt_engine_dispatch_messages(&sent, f->engine)); /* not yet */
  CHECK(sent.sent == 0 && sent.retried == 0 && calls(r) == before);
  int64_t next = 0;
  int has = 0;
  CHECK_OK(appt_engine_next_due(&next, &has, f->engine));
  CHECK(has && next == now + 60);

  r->return_next = 1;
  CHECK_OK(appt_clock_advance(f->clock, 60));
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  CHECK_OK(appt_engine_run_due(&report, f->engine));
  CHECK(report.retried == 1 && report.sent == 0);
  appt_message m = APPT_MESSAGE_INIT;
  CHECK_OK(appt_message_get(&m, f->engine, id));
  CHECK(m.attempts == 2 && m.state == APPT_MESSAGE_STATE_QUEUED);
  CHECK(strcmp(m.error, "the notifier returned -1: boom") == 0);
  CHECK(m.not_before == now + 60 + 120); /* doubled */

  CHECK_OK(appt_clock_advance(f->clock, 120));
  CHECK_OK(appt_engine_dispatch_messages(&sent, f->engine));
  CHECK(sent.sent == 1 && sent.retried == 0 && sent.failed == 0);
  CHECK_OK(appt_message_get(&m, f->engine, id));
  CHECK(m.state == APPT_MESSAGE_STATE_SENT && m.attempts == 3);
  CHECK(m.provider_id[0] == 'p');
  appt_message_dispose(&m);
}

/* Booked after its reminder time: the reminder is skipped with a reason;
 * the confirmation fails for good. */
static void skipped_and_failed(fixture *f, recorder *r) {
  int64_t now = 0;
  CHECK_OK(appt_engine_now(&now, f->engine));
  r->fail_next = 1;
  /* Today 15:00 Berlin: 24 hours before it is already past. */
  const int64_t appointment = book(f, f->customer, FIXTURE_START + 14 * 3600);
  CHECK(now < FIXTURE_START + 14 * 3600);
  appt_firing_list firings = APPT_FIRING_LIST_INIT;
  CHECK_OK(appt_firing_list_for_appointment(&firings, f->engine, appointment));
  CHECK(firings.count == 2);
  if (firings.count == 2) {
    CHECK(firings.items[0].outcome == APPT_FIRING_CREATED);
    CHECK(firings.items[1].outcome == APPT_FIRING_SKIPPED);
    CHECK(firings.items[1].message_id == 0);
    CHECK(strstr(firings.items[1].reason, "before the change") != NULL);
    CHECK(firings.items[1].at == now);
    appt_message m = APPT_MESSAGE_INIT;
    CHECK_OK(appt_message_get(&m, f->engine, firings.items[0].message_id));
    CHECK(m.state == APPT_MESSAGE_STATE_FAILED);
    CHECK(strcmp(m.error, "invalid address") == 0);
    appt_message_dispose(&m);
  }
  appt_firing_list_dispose(&firings);
  appt_timer_list timers = APPT_TIMER_LIST_INIT;
  CHECK_OK(appt_timer_list_for_appointment(&timers, f->engine, appointment));
  CHECK(timers.count == 0);
  appt_timer_list_dispose(&timers);
}

/* The background runner sends a reminder when the clock reaches it. */
static void background_runner(fixture *f, recorder *r) {
  const int64_t start = FIXTURE_TUE_0900 + 2 * 86400; /* Thursday */
  const int64_t appointment = book(f, f->customer, start);
  appt_runner_options options = APPT_RUNNER_OPTIONS_INIT;
  options.max_sleep_ms = 10;
  CHECK_OK(appt_engine_start_runner(f->engine, &options));
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "running",
            appt_engine_start_runner(f->engine, NULL));
  CHECK_OK(appt_clock_set(f->clock, start - 86400));
  int seen = 0;
  for (int i = 0; i < 500 && !seen; ++i) {
    pthread_mutex_lock(&r->mu);
    seen = r->last_appointment == appointment &&
           r->last_kind == APPT_MESSAGE_KIND_REMINDER;
    pthread_mutex_unlock(&r->mu);
    struct timespec pause = {0, 10 * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
  CHECK(seen);
  CHECK_OK(appt_engine_stop_runner(f->engine));
  CHECK_OK(appt_engine_stop_runner(f->engine)); /* none running: OK */
  pthread_mutex_lock(&r->mu);
  /* On the runner's own thread, stopping it is refused, not a deadlock. */
  CHECK(r->stop_rc == APPT_ERR_FAILED_PRECONDITION);
  pthread_mutex_unlock(&r->mu);
  /* The runner can be started again; appt_engine_free stops it. */
  CHECK_OK(appt_engine_start_runner(f->engine, NULL));
}

static void settings_round_trip(fixture *f) {
  appt_messaging_settings s = APPT_MESSAGING_SETTINGS_INIT;
  CHECK_OK(appt_messaging_settings_get(&s, f->engine));
  CHECK(strcmp(s.business_name, "") == 0);
  CHECK(strcmp(s.default_locale, "en") == 0 && !s.has_send_window);
  CHECK(s.max_reminders_per_customer_per_day == 0 && s.max_attempts == 5);
  CHECK(s.retry_backoff_seconds == 60 && s.max_retry_backoff_seconds == 21600);
  CHECK(s.claim_timeout_seconds == 300);
  appt_messaging_settings changed = APPT_MESSAGING_SETTINGS_INIT;
  changed.business_name = "Studio Mürz · Physiothérapie";
  changed.default_locale = "it-IT";
  changed.has_send_window = 1;
  changed.send_window_start_minute = 8 * 60;
  changed.send_window_end_minute = 20 * 60;
  changed.max_reminders_per_customer_per_day = 2;
  changed.max_attempts = 3;
  changed.retry_backoff_seconds = 30;
  changed.max_retry_backoff_seconds = 600;
  changed.claim_timeout_seconds = 120;
  CHECK_OK(appt_messaging_settings_set(f->engine, &changed));
  CHECK_OK(appt_messaging_settings_get(&s, f->engine)); /* reused */
  CHECK(strcmp(s.business_name, changed.business_name) == 0);
  CHECK(strcmp(s.default_locale, "it-IT") == 0 && s.has_send_window);
  CHECK(s.send_window_start_minute == 480 && s.send_window_end_minute == 1200);
  CHECK(s.max_reminders_per_customer_per_day == 2 && s.max_attempts == 3);
  CHECK(s.retry_backoff_seconds == 30 && s.max_retry_backoff_seconds == 600);
  CHECK(s.claim_timeout_seconds == 120);
  appt_messaging_settings_dispose(&s);
  appt_messaging_settings_dispose(&s);
}

/* The payload is freed when the notifier is replaced or removed, at once
 * when there is nothing to set, and when the engine is freed. */
static void notifier_payload_lifetime(void) {
  appt_engine *engine = NULL;
  CHECK_OK(appt_engine_open_memory(&engine, NULL));
  int a = 0, b = 0, c = 0, d = 0, e = 0;
  frees = 0;
  CHECK_OK(appt_engine_set_notifier(engine, record_send, &a, count_free));
  CHECK(frees == 0);
  CHECK_OK(appt_engine_set_notifier(engine, record_send, &b, count_free));
  CHECK(frees == 1);
  CHECK_OK(appt_engine_set_notifier(engine, NULL, &c, count_free));
  CHECK(frees == 3);
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_set_notifier(NULL, record_send, &d, count_free));
  CHECK(frees == 4);
  CHECK_OK(appt_engine_set_notifier(engine, record_send, &e, count_free));
  CHECK_OK(appt_engine_set_notifier(engine, record_send, NULL, NULL));
  CHECK(frees == 5);
  CHECK_OK(appt_engine_set_notifier(engine, record_send, &e, count_free));
  appt_engine_free(engine);
  CHECK(frees == 6);
}

static void run(const char *label, const char *path) {
  fixture f;
  if (fixture_open(&f, path) != 0) {
    ++capi_failures;
    return;
  }
  printf("%s\n", label);
  recorder r;
  memset(&r, 0, sizeof r);
  pthread_mutex_init(&r.mu, NULL);
  r.engine = f.engine;
  CHECK_OK(appt_engine_set_notifier(f.engine, record_send, &r, NULL));
  rules_round_trip(&f);

  appt_message_rule rule;
  int64_t confirmation = 0, reminder = 0;
  fixture_confirmation_rule(&rule);
  CHECK_OK(appt_message_rule_create(&confirmation, f.engine, &rule));
  fixture_reminder_rule(&rule);
  CHECK_OK(appt_message_rule_create(&reminder, f.engine, &rule));
  confirm_and_remind(&f, &r, reminder);
  retries(&f, &r);
  skipped_and_failed(&f, &r);
  background_runner(&f, &r);
  settings_round_trip(&f);
  fixture_close(&f); /* stops the runner; the recorder outlives the engine */
  pthread_mutex_destroy(&r.mu);
}

int main(int argc, char **argv) {
  run("memory store", NULL);
  if (argc > 1) {
    remove(argv[1]);
    run("sqlite store", argv[1]);
  }
  notifier_payload_lifetime();
  CHECK(strcmp(appt_message_kind_name(APPT_MESSAGE_KIND_NO_SHOW_FOLLOW_UP),
               "no_show_follow_up") == 0);
  return capi_report("capi_messaging_test");
}
