/* The smallest complete use of appt from C: open a store, define a resource
 * and a service, search slots, book, reschedule, cancel, print the timeline,
 * then send a reminder through the host's notifier when the clock reaches
 * it. Usage: quickstart_c [path.sqlite]   (no path: an in-memory store) */
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

/* The host's sender: a real one hands the message to an email or sms
 * provider; this one prints it and answers with a made-up provider id. */
static int on_message(appt_send_result *out, const appt_message *message,
                      void *payload) {
  (void)payload;
  printf("  send %s by %s to %s: %s\n", appt_message_kind_name(message->kind),
         appt_channel_name(message->channel), message->recipient,
         message->body);
  appt_send_result_accept(out, "demo-provider-1");
  return 0;
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

  /* A reminder by email one hour before each checkup. */
  int channels[] = {APPT_CHANNEL_EMAIL};
  appt_message_template reminder_text = {
      APPT_CHANNEL_EMAIL, NULL, "Reminder: {{service.name}}",
      "Hi {{customer.name}}, see you at {{appointment.time}} with "
      "{{resource.name}}."};
  appt_message_rule reminder = APPT_MESSAGE_RULE_INIT;
  reminder.name = "1 hour before";
  reminder.kind = APPT_MESSAGE_KIND_REMINDER;
  reminder.offset_seconds = 3600;
  reminder.channels = channels;
  reminder.channel_count = 1;
  reminder.templates = &reminder_text;
  reminder.template_count = 1;
  int64_t reminder_id = 0;
  if (appt_message_rule_create(&reminder_id, engine, &reminder)) {
    return fail("rule");
  }
  if (appt_engine_set_notifier(engine, on_message, NULL, NULL)) {
    return fail("notifier");
  }

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

  /* Book again; at an hour before the start, run the due work: the reminder
   * goes to the notifier, once. */
  book.start = slots.items[0].start;
  if (appt_appointment_book(&appointment, engine, &book)) return fail("book");
  if (appt_clock_set(clock, appointment.start - 3600)) return fail("clock");
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  if (appt_engine_run_due(&report, engine)) return fail("run due");
  printf("run due at %s: %d message(s) created, %d sent\n",
         utc(appointment.start - 3600, buf, sizeof buf),
         report.messages_created, report.sent);
  appt_message_list messages = APPT_MESSAGE_LIST_INIT;
  if (appt_message_list_for_appointment(&messages, engine, appointment.id)) {
    return fail("messages");
  }
  for (size_t i = 0; i < messages.count; ++i) {
    printf("  message #%lld %s, provider id %s\n",
           (long long)messages.items[i].id,
           appt_message_state_name(messages.items[i].state),
           messages.items[i].provider_id);
  }
  appt_message_list_dispose(&messages);

  /* Manual approval (R3): with the workflow on for the checkup, a booking
   * waits in "Pending" until the desk confirms it. */
  appt_status_chain preset = APPT_STATUS_CHAIN_INIT;
  appt_status_chain chain = APPT_STATUS_CHAIN_INIT;
  if (appt_status_chain_manual_approval(&preset) ||
      appt_status_chain_create(&chain, engine, &preset)) {
    return fail("status chain");
  }
  appt_status_chain_dispose(&preset);
  appt_service service = APPT_SERVICE_INIT;
  if (appt_service_get(&service, engine, checkup_id)) return fail("service");
  service.workflow_enabled = 1;
  if (appt_service_update(engine, &service)) return fail("service update");
  appt_service_dispose(&service);
  appt_workflow_settings workflow = APPT_WORKFLOW_SETTINGS_INIT;
  workflow.enabled = 1;
  workflow.default_chain_id = chain.id;
  if (appt_workflow_settings_set(engine, &workflow)) return fail("workflow");
  book.start = slots.items[1].start;
  if (appt_appointment_book(&appointment, engine, &book)) return fail("book");
  appt_status_board_query board_query = APPT_STATUS_BOARD_QUERY_INIT;
  board_query.window_start = appointment.start - 86400;
  board_query.window_end = appointment.start + 86400;
  appt_status_board board = APPT_STATUS_BOARD_INIT;
  if (appt_status_board_get(&board, engine, &board_query)) return fail("board");
  printf("%lld request(s) awaiting approval\n", (long long)board.unconfirmed);
  appt_status_board_dispose(&board);
  appt_status_change_request approve = APPT_STATUS_CHANGE_REQUEST_INIT;
  approve.appointment_id = appointment.id;
  approve.status_id = chain.statuses[1].id; /* "Confirmed" */
  approve.actor.id = "reception";
  if (appt_appointment_set_status(&appointment, engine, &approve)) {
    return fail("approve");
  }
  printf("request #%lld is now %s\n", (long long)appointment.id,
         chain.statuses[1].name);
  appt_status_chain_dispose(&chain);
  appt_appointment_dispose(&appointment);
  appt_appointment_dispose(&again);
  appt_slot_list_dispose(&slots);
  appt_engine_free(engine);
  appt_clock_free(clock);
  return 0;
}
