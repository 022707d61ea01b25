/* Bad input to the messaging part of the C ABI: NULL pointers, wrong struct
 * versions, enum values out of range, NULL arrays with counts, unknown ids,
 * templates naming unknown fields, invalid UTF-8 and values the engine
 * refuses. Each is a clear error naming the field, never a crash, and
 * nothing is written. */
#include <stdint.h>

#include "capi_check.h"
#include "capi_fixture.h"

static int frees = 0;
static void count_free(void *payload) {
  (void)payload;
  ++frees;
}

static int accept_all(appt_send_result *out, const appt_message *message,
                      void *payload) {
  (void)message;
  (void)payload;
  appt_send_result_accept(out, "ok");
  return 0;
}

static void null_pointers(fixture *f, int64_t rule_id) {
  int64_t id = -7;
  appt_message_rule rule;
  fixture_confirmation_rule(&rule);
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out_id",
            appt_message_rule_create(NULL, f->engine, &rule));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_create(&id, NULL, &rule));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rule",
            appt_message_rule_create(&id, f->engine, NULL));
  CHECK(id == -7);
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_update(NULL, &rule));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rule",
            appt_message_rule_update(f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_set_enabled(NULL, rule_id, 0));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_delete(NULL, rule_id));
  appt_message_rule got = APPT_MESSAGE_RULE_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_message_rule_get(NULL, f->engine, rule_id));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_get(&got, NULL, rule_id));
  appt_message_rule_list rules = APPT_MESSAGE_RULE_LIST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_message_rule_list_all(NULL, f->engine));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_rule_list_all(&rules, NULL));

  appt_messaging_settings settings = APPT_MESSAGING_SETTINGS_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_messaging_settings_set(NULL, &settings));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "settings",
            appt_messaging_settings_set(f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_messaging_settings_get(NULL, f->engine));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_messaging_settings_get(&settings, NULL));

  appt_message m = APPT_MESSAGE_INIT;
  appt_message_list messages = APPT_MESSAGE_LIST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_report(&m, NULL, 1, APPT_MESSAGE_STATE_READ, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_message_get(NULL, f->engine, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine", appt_message_get(&m, NULL, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_message_list_for_appointment(NULL, f->engine, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_list_for_appointment(&messages, NULL, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_message_list_for_customer(NULL, f->engine, f->customer));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_message_list_for_customer(&messages, NULL, f->customer));
  appt_firing_list firings = APPT_FIRING_LIST_INIT;
  appt_timer_list timers = APPT_TIMER_LIST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_firing_list_for_appointment(NULL, f->engine, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_firing_list_for_appointment(&firings, NULL, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out",
            appt_timer_list_for_appointment(NULL, f->engine, 1));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_timer_list_for_appointment(&timers, NULL, 1));

  /* The payload is freed even when setting the notifier fails. */
  frees = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_set_notifier(NULL, accept_all, &id, count_free));
  CHECK(frees == 1);
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  appt_dispatch_report dispatch = APPT_DISPATCH_REPORT_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_run_due(&report, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_dispatch_messages(&dispatch, NULL));
  int64_t next = 0;
  int has = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out_unix",
            appt_engine_next_due(NULL, &has, f->engine));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "out_has",
            appt_engine_next_due(&next, NULL, f->engine));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_next_due(&next, &has, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine",
            appt_engine_start_runner(NULL, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "engine", appt_engine_stop_runner(NULL));

  /* NULL disposes and result helpers are no-ops. */
  appt_message_rule_dispose(NULL);
  appt_message_rule_list_dispose(NULL);
  appt_messaging_settings_dispose(NULL);
  appt_message_dispose(NULL);
  appt_message_list_dispose(NULL);
  appt_firing_list_dispose(NULL);
  appt_timer_list_dispose(NULL);
  appt_send_result_accept(NULL, "x");
  appt_send_result_retry(NULL, "x");
  appt_send_result_fail(NULL, NULL);
}

static void wrong_versions(fixture *f, int64_t rule_id) {
  int64_t id = -7;
  appt_message_rule rule;
  fixture_confirmation_rule(&rule);
  rule.version = 99;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message_rule.version",
            appt_message_rule_create(&id, f->engine, &rule));
  rule.id = rule_id;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message_rule.version",
            appt_message_rule_update(f->engine, &rule));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message_rule.version",
            appt_message_rule_get(&rule, f->engine, rule_id));
  appt_message_rule_list rules = APPT_MESSAGE_RULE_LIST_INIT;
  rules.version = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message_rule_list.version",
            appt_message_rule_list_all(&rules, f->engine));
  appt_messaging_settings settings = APPT_MESSAGING_SETTINGS_INIT;
  settings.version = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_messaging_settings.version",
            appt_messaging_settings_set(f->engine, &settings));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_messaging_settings.version",
            appt_messaging_settings_get(&settings, f->engine));
  appt_message m = APPT_MESSAGE_INIT;
  m.version = 3;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message.version",
            appt_message_get(&m, f->engine, 1));
  CHECK_ERR(
      APPT_ERR_INVALID_ARGUMENT, "appt_message.version",
      appt_message_report(&m, f->engine, 1, APPT_MESSAGE_STATE_READ, NULL));
  appt_message_list messages = APPT_MESSAGE_LIST_INIT;
  messages.version = 3;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_message_list.version",
            appt_message_list_for_customer(&messages, f->engine, f->customer));
  appt_firing_list firings = APPT_FIRING_LIST_INIT;
  firings.version = 3;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_firing_list.version",
            appt_firing_list_for_appointment(&firings, f->engine, 1));
  appt_timer_list timers = APPT_TIMER_LIST_INIT;
  timers.version = 3;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_timer_list.version",
            appt_timer_list_for_appointment(&timers, f->engine, 1));
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  report.version = 9;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_run_due_report.version",
            appt_engine_run_due(&report, f->engine));
  appt_dispatch_report dispatch = APPT_DISPATCH_REPORT_INIT;
  dispatch.version = 9;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_dispatch_report.version",
            appt_engine_dispatch_messages(&dispatch, f->engine));
  appt_runner_options runner = APPT_RUNNER_OPTIONS_INIT;
  runner.version = 9;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_runner_options.version",
            appt_engine_start_runner(f->engine, &runner));
  CHECK(id == -7);
}

/* A rule that the C layer or the engine refuses, naming `field`. */
#define CHECK_RULE(code, field, rule)                                         \
  do {                                                                        \
    int64_t id_ = -7;                                                         \
    CHECK_ERR(code, field, appt_message_rule_create(&id_, f->engine, &rule)); \
    CHECK(id_ == -7);                                                         \
  } while (0)

static void bad_rules(fixture *f) {
  appt_message_rule rule;
  fixture_reminder_rule(&rule);
  rule.kind = 10;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "kind", rule);
  rule.kind = -1;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "kind", rule);
  fixture_reminder_rule(&rule);
  rule.audience = 3;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "audience", rule);
  fixture_reminder_rule(&rule);
  const int bad_channels[] = {APPT_CHANNEL_SMS, 7};
  rule.channels = bad_channels;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "channels[1]", rule);
  const int twice[] = {APPT_CHANNEL_SMS, APPT_CHANNEL_SMS};
  rule.channels = twice;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "channels[1]", rule);
  rule.channels = NULL;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "channels", rule);
  rule.channel_count = 0;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "channels", rule); /* empty */
  fixture_reminder_rule(&rule);
  const int bad_consent[] = {4};
  rule.required_consents = bad_consent;
  rule.required_consent_count = 1;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "required_consents[0]", rule);
  rule.required_consents = NULL;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "required_consents", rule);
  fixture_reminder_rule(&rule);
  rule.service_id_count = 1;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "service_ids", rule);
  const int64_t unknown_service = 4242;
  rule.service_ids = &unknown_service;
  CHECK_RULE(APPT_ERR_NOT_FOUND, "service_ids[0]", rule);
  fixture_reminder_rule(&rule);
  rule.templates = NULL;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates", rule);
  rule.template_count = 0;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates", rule); /* none */

  fixture_reminder_rule(&rule);
  appt_message_template t[2] = {rule.templates[0], rule.templates[1]};
  rule.templates = t;
  t[0].channel = 5;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].channel", rule);
  t[0].channel = APPT_CHANNEL_WHATSAPP; /* not one of the rule's */
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].channel", rule);
  t[0].channel = APPT_CHANNEL_SMS;
  t[0].body = "Hi {{customer.nmae}}";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].body", rule);
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "customer.nmae", rule);
  t[0].body = "Hi {{customer.name}";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].body", rule);
  t[0].body = "Ciao \xC3\x28 {{customer.name}}"; /* invalid UTF-8 */
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].body", rule);
  t[0].body = "Hi";
  t[0].subject = "sms has no subject";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].subject", rule);
  t[0].subject = NULL;
  t[0].locale = "not a locale!";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates[0].locale", rule);
  t[0].locale = "it";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "templates", rule); /* no default */

  fixture_reminder_rule(&rule);
  rule.name = "Bad \xC3\x28 name";
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "name", rule);
  rule.name = NULL;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "name", rule);
  fixture_reminder_rule(&rule);
  rule.offset_seconds = -60;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "offset", rule);
  rule.offset_seconds = 0;
  rule.grace_seconds = 31 * 86400;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "grace", rule);
  fixture_reminder_rule(&rule);
  rule.offset_seconds = 0;
  rule.has_at_local_time = 1;
  rule.at_local_time.minute = 1440;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "at_local_time.minute", rule);
  rule.at_local_time.minute = 540;
  rule.at_local_time.days_before = 31;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "at_local_time.days_before", rule);
  rule.at_local_time.days_before = 0;
  rule.kind = APPT_MESSAGE_KIND_CONFIRM_VISIT;
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "at_local_time", rule);
  fixture_reminder_rule(&rule);
  rule.audience = APPT_AUDIENCE_RESOURCE; /* reached by email only */
  CHECK_RULE(APPT_ERR_INVALID_ARGUMENT, "channels[0]", rule);
}

static void bad_updates_and_ids(fixture *f, int64_t rule_id) {
  appt_message_rule rule;
  fixture_confirmation_rule(&rule);
  rule.id = rule_id;
  appt_message_template broken = rule.templates[0];
  broken.body = "{{customer.nmae}}";
  rule.templates = &broken;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "customer.nmae",
            appt_message_rule_update(f->engine, &rule));
  fixture_confirmation_rule(&rule);
  rule.id = 999;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_message_rule_update(f->engine, &rule));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_message_rule_set_enabled(f->engine, 999, 0));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_message_rule_delete(f->engine, 999));
  appt_message_rule got = APPT_MESSAGE_RULE_INIT;
  CHECK_OK(appt_message_rule_get(&got, f->engine, rule_id));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_message_rule_get(&got, f->engine, 999));
  /* A failed get leaves the output as it was. */
  CHECK(got.id == rule_id && strcmp(got.name, "Confirmation") == 0);
  appt_message_rule_dispose(&got);

  appt_message m = APPT_MESSAGE_INIT;
  appt_message_list messages = APPT_MESSAGE_LIST_INIT;
  appt_firing_list firings = APPT_FIRING_LIST_INIT;
  appt_timer_list timers = APPT_TIMER_LIST_INIT;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "", appt_message_get(&m, f->engine, 999));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_message_report(&m, f->engine, 999,
                                APPT_MESSAGE_STATE_DELIVERED, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "state",
            appt_message_report(&m, f->engine, 999, 5, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "state",
            appt_message_report(&m, f->engine, 999, -1, NULL));
  CHECK_ERR(
      APPT_ERR_INVALID_ARGUMENT, "state",
      appt_message_report(&m, f->engine, 999, APPT_MESSAGE_STATE_QUEUED, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "detail",
            appt_message_report(&m, f->engine, 999, APPT_MESSAGE_STATE_FAILED,
                                "\xff\xfe"));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_message_list_for_appointment(&messages, f->engine, 999));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_message_list_for_customer(&messages, f->engine, 999));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_firing_list_for_appointment(&firings, f->engine, 999));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "",
            appt_timer_list_for_appointment(&timers, f->engine, 999));

  appt_runner_options runner = APPT_RUNNER_OPTIONS_INIT;
  runner.max_sleep_ms = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_sleep_ms",
            appt_engine_start_runner(f->engine, &runner));
  runner.max_sleep_ms = INT64_MAX;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_sleep_ms",
            appt_engine_start_runner(f->engine, &runner));
  CHECK_OK(appt_engine_stop_runner(f->engine)); /* none was started */
}

static void bad_settings(fixture *f) {
  appt_messaging_settings s = APPT_MESSAGING_SETTINGS_INIT;
  s.default_locale = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "default_locale",
            appt_messaging_settings_set(f->engine, &s));
  s.default_locale = "en";
  s.business_name = "Caf\xE9"; /* Latin-1, not UTF-8 */
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "business_name",
            appt_messaging_settings_set(f->engine, &s));
  s.business_name = NULL;
  s.has_send_window = 1;
  s.send_window_start_minute = 20 * 60;
  s.send_window_end_minute = 8 * 60;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "send_window",
            appt_messaging_settings_set(f->engine, &s));
  s.has_send_window = 0;
  s.max_reminders_per_customer_per_day = -1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_reminders_per_customer_per_day",
            appt_messaging_settings_set(f->engine, &s));
  s.max_reminders_per_customer_per_day = 0;
  s.max_attempts = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_attempts",
            appt_messaging_settings_set(f->engine, &s));
  s.max_attempts = 5;
  s.retry_backoff_seconds = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "retry_backoff",
            appt_messaging_settings_set(f->engine, &s));
  s.retry_backoff_seconds = 60;
  s.max_retry_backoff_seconds = 30;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "max_retry_backoff",
            appt_messaging_settings_set(f->engine, &s));
  s.max_retry_backoff_seconds = 600;
  s.claim_timeout_seconds = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "claim_timeout",
            appt_messaging_settings_set(f->engine, &s));
}

/* After all the failures above, nothing was written. */
static void nothing_changed(fixture *f, int64_t rule_id) {
  appt_message_rule_list rules = APPT_MESSAGE_RULE_LIST_INIT;
  CHECK_OK(appt_message_rule_list_all(&rules, f->engine));
  CHECK(rules.count == 1 && rules.items[0].id == rule_id);
  CHECK(rules.count == 1 && rules.items[0].enabled);
  CHECK(rules.count == 1 &&
        strstr(rules.items[0].templates[0].body, "{{customer.name}}") != NULL);
  appt_message_rule_list_dispose(&rules);
  appt_messaging_settings s = APPT_MESSAGING_SETTINGS_INIT;
  CHECK_OK(appt_messaging_settings_get(&s, f->engine));
  CHECK(strcmp(s.default_locale, "en") == 0 &&
        strcmp(s.business_name, "") == 0);
  CHECK(!s.has_send_window && s.max_attempts == 5);
  CHECK(s.retry_backoff_seconds == 60 && s.claim_timeout_seconds == 300);
  appt_messaging_settings_dispose(&s);
  appt_message_list messages = APPT_MESSAGE_LIST_INIT;
  CHECK_OK(appt_message_list_for_customer(&messages, f->engine, f->customer));
  CHECK(messages.count == 0);
  appt_message_list_dispose(&messages);
  int64_t next = -1;
  int has = -1;
  CHECK_OK(appt_engine_next_due(&next, &has, f->engine));
  CHECK(has == 0 && next == 0);
  CHECK(appt_error_last()->code == APPT_OK);
}

static void names(void) {
  CHECK(strcmp(appt_message_kind_name(APPT_MESSAGE_KIND_BOOK_AGAIN),
               "book_again") == 0);
  CHECK(strcmp(appt_message_kind_name(10), "unknown") == 0);
  CHECK(strcmp(appt_audience_name(APPT_AUDIENCE_AGENT), "agent") == 0);
  CHECK(strcmp(appt_audience_name(-1), "unknown") == 0);
  CHECK(strcmp(appt_channel_name(APPT_CHANNEL_WHATSAPP), "whatsapp") == 0);
  CHECK(strcmp(appt_channel_name(3), "unknown") == 0);
  CHECK(strcmp(appt_consent_kind_name(APPT_CONSENT_MARKETING), "marketing") ==
        0);
  CHECK(strcmp(appt_consent_kind_name(4), "unknown") == 0);
  CHECK(strcmp(appt_message_state_name(APPT_MESSAGE_STATE_DELIVERED),
               "delivered") == 0);
  CHECK(strcmp(appt_message_state_name(5), "unknown") == 0);
  CHECK(strcmp(appt_firing_outcome_name(APPT_FIRING_SKIPPED), "skipped") == 0);
  CHECK(strcmp(appt_firing_outcome_name(2), "unknown") == 0);
  size_t n = 0;
  const char *const *fields = appt_template_fields(&n);
  CHECK(n >= 10 && fields != NULL && appt_template_fields(NULL) == fields);
  int found = 0;
  for (size_t i = 0; i < n; ++i) {
    found += strcmp(fields[i], "customer.name") == 0;
  }
  CHECK(found == 1);
}

/* The result helpers cut at a character boundary and always terminate. */
static void send_result_helpers(void) {
  appt_send_result r;
  memset(&r, 'x', sizeof r);
  char long_text[400];
  /* "é" is two bytes: 127 bytes hold 63 of them, not a half one. */
  for (size_t i = 0; i + 1 < sizeof long_text; i += 2) {
    long_text[i] = '\xC3';
    long_text[i + 1] = '\xA9';
  }
  long_text[sizeof long_text - 1] = '\0';
  appt_send_result_accept(&r, long_text);
  CHECK(r.outcome == APPT_SEND_ACCEPTED);
  CHECK(strlen(r.provider_id) == 126 && r.error[0] == '\0');
  appt_send_result_fail(&r, long_text);
  CHECK(r.outcome == APPT_SEND_FAIL && r.provider_id[0] == '\0');
  CHECK(strlen(r.error) == 254);
  appt_send_result_retry(&r, NULL);
  CHECK(r.outcome == APPT_SEND_RETRY && r.error[0] == '\0');
}

int main(void) {
  fixture f;
  if (fixture_open(&f, NULL) != 0) return 1;
  appt_message_rule rule;
  fixture_confirmation_rule(&rule);
  int64_t rule_id = 0;
  CHECK_OK(appt_message_rule_create(&rule_id, f.engine, &rule));
  names();
  send_result_helpers();
  null_pointers(&f, rule_id);
  wrong_versions(&f, rule_id);
  bad_rules(&f);
  bad_updates_and_ids(&f, rule_id);
  bad_settings(&f);
  nothing_changed(&f, rule_id);
  fixture_close(&f);
  return capi_report("capi_messaging_bad_input_test");
}
