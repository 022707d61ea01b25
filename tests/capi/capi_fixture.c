#include "capi_fixture.h"

#include <stdio.h>

static int fail(const char *what) {
  fprintf(stderr, "fixture: %s: %s\n", what, appt_error_last()->message);
  return -1;
}

int fixture_open(fixture *f, const char *sqlite_path) {
  appt_engine_options options = APPT_ENGINE_OPTIONS_INIT;
  if (appt_clock_manual_new(&f->clock, FIXTURE_START) != APPT_OK) {
    return fail("clock");
  }
  options.clock = f->clock;
  int rc = sqlite_path == NULL
               ? appt_engine_open_memory(&f->engine, &options)
               : appt_engine_open_sqlite(&f->engine, sqlite_path, NULL,
                                         &options);
  if (rc != APPT_OK) return fail("open");

  appt_weekly_span hours[5];
  for (int d = 0; d < 5; ++d) {
    hours[d].weekday = d;
    hours[d].start_minute = 9 * 60;
    hours[d].end_minute = 17 * 60;
  }
  appt_resource therapist = APPT_RESOURCE_INIT;
  therapist.name = "Anna";
  therapist.time_zone = "Europe/Berlin";
  therapist.weekly_hours = hours;
  therapist.weekly_hour_count = 5;
  if (appt_resource_create(&f->therapist, f->engine, &therapist) != APPT_OK) {
    return fail("resource");
  }

  appt_service massage = APPT_SERVICE_INIT;
  massage.name = "Massage";
  massage.duration_seconds = 30 * 60;
  massage.price_minor_units = 6000;
  massage.resource_ids = &f->therapist;
  massage.resource_id_count = 1;
  if (appt_service_create(&f->massage, f->engine, &massage) != APPT_OK) {
    return fail("massage");
  }
  appt_service group_class = massage;
  group_class.name = "Group class";
  group_class.duration_seconds = 60 * 60;
  group_class.capacity = 3;
  if (appt_service_create(&f->group_class, f->engine, &group_class) !=
      APPT_OK) {
    return fail("class");
  }
  f->customer = fixture_add_customer(f, "Mario Rossi");
  return f->customer == 0 ? -1 : 0;
}

int64_t fixture_add_customer(fixture *f, const char *name) {
  appt_customer customer = APPT_CUSTOMER_INIT;
  customer.name = name;
  customer.email = "mario@example.com";
  customer.phone = "+393331234567";
  int64_t id = 0;
  if (appt_customer_create(&id, f->engine, &customer) != APPT_OK) {
    fail("customer");
    return 0;
  }
  return id;
}

void fixture_confirmation_rule(appt_message_rule *rule) {
  static const int channels[] = {APPT_CHANNEL_EMAIL};
  static const appt_message_template templates[] = {
      {APPT_CHANNEL_EMAIL, NULL, "Confirmed: {{service.name}}",
       "Hello {{customer.name}}, see you {{appointment.when}}."}};
  appt_message_rule r = APPT_MESSAGE_RULE_INIT;
  r.name = "Confirmation";
  r.kind = APPT_MESSAGE_KIND_CONFIRMED;
  r.channels = channels;
  r.channel_count = 1;
  r.templates = templates;
  r.template_count = 1;
  *rule = r;
}

void fixture_reminder_rule(appt_message_rule *rule) {
  static const int channels[] = {APPT_CHANNEL_SMS, APPT_CHANNEL_EMAIL};
  static const appt_message_template templates[] = {
      {APPT_CHANNEL_SMS, NULL, NULL,
       "Reminder: {{service.name}} tomorrow at {{appointment.time}}"},
      {APPT_CHANNEL_EMAIL, NULL, "Tomorrow: {{service.name}}",
       "See you at {{appointment.time}}, {{customer.name}}."}};
  appt_message_rule r = APPT_MESSAGE_RULE_INIT;
  r.name = "Reminder 24 h";
  r.kind = APPT_MESSAGE_KIND_REMINDER;
  r.channels = channels;
  r.channel_count = 2;
  r.templates = templates;
  r.template_count = 2;
  r.offset_seconds = 86400;
  *rule = r;
}

void fixture_close(fixture *f) {
  appt_engine_free(f->engine);
  appt_clock_free(f->clock);
  f->engine = NULL;
  f->clock = NULL;
}

int fixture_run(const char *label, const char *sqlite_path,
                void (*body)(fixture *f)) {
  fixture f;
  if (fixture_open(&f, sqlite_path) != 0) return 1;
  if (label != NULL) printf("%s\n", label);
  body(&f);
  fixture_close(&f);
  return 0;
}
