/* The confirmation cycle through the C ABI (R5.2–R5.5): a task rule makes
 * one task for the responsible agent three hours before an unconfirmed
 * visit, with its event; staff record the customer's confirmation, which
 * cancels the task; an agent completes another; a visit the customer was
 * asked to confirm is released at the deadline, the agent is told (the
 * cancelled rule's default, everyone but staff) and the slot is free; the
 * board flags awaiting and overdue visits per day; bad input names the
 * field — over a memory store and a SQLite file (argv[1]). */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"
#include "capi_fixture.h"

#define HOUR 3600

typedef struct {
  int created;
  int cancelled;
  int64_t last_task_id;
} seen_tasks;

static void on_event(const appt_event *e, void *payload) {
  seen_tasks *seen = payload;
  if (e->kind == APPT_EVENT_TASK_CREATED) ++seen->created;
  if (e->kind == APPT_EVENT_TASK_CANCELLED) ++seen->cancelled;
  if (e->task != NULL) seen->last_task_id = e->task->id;
}

static int64_t book(fixture *f, int64_t start) {
  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = f->customer;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = start;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &req));
  const int64_t id = a.id;
  appt_appointment_dispose(&a);
  return id;
}

static void run_due_at(fixture *f, int64_t now) {
  CHECK_OK(appt_clock_set(f->clock, now));
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  CHECK_OK(appt_engine_run_due(&report, f->engine));
}

static void give_the_therapist_an_agent(fixture *f) {
  appt_resource r = APPT_RESOURCE_INIT;
  CHECK_OK(appt_resource_get(&r, f->engine, f->therapist));
  r.responsible_agent = "giulia";
  CHECK_OK(appt_resource_update(f->engine, &r));
  appt_resource_dispose(&r);
}

static void tasks(fixture *f) {
  seen_tasks seen = {0, 0, 0};
  int64_t listener = 0;
  CHECK_OK(appt_engine_listener_add(&listener, f->engine, on_event, &seen,
                                    NULL));
  appt_task_rule rule = APPT_TASK_RULE_INIT;
  rule.name = "unconfirmed";
  rule.title = "Call to confirm";
  int64_t rule_id = 0;
  CHECK_OK(appt_task_rule_create(&rule_id, f->engine, &rule));
  appt_task_rule stored = APPT_TASK_RULE_INIT;
  CHECK_OK(appt_task_rule_get(&stored, f->engine, rule_id));
  CHECK(stored.offset_seconds == 3 * HOUR && stored.due_in_seconds == HOUR);
  CHECK(strcmp(stored.title, "Call to confirm") == 0);
  appt_task_rule_dispose(&stored);

  const int64_t first = book(f, FIXTURE_TUE_0900);
  const int64_t second = book(f, FIXTURE_TUE_0900 + HOUR);
  run_due_at(f, FIXTURE_TUE_0900 - 2 * HOUR);
  CHECK(seen.created == 2);

  appt_task_query query = APPT_TASK_QUERY_INIT;
  query.assignee = "giulia";
  query.state = APPT_TASK_OPEN;
  appt_task_list open = APPT_TASK_LIST_INIT;
  CHECK_OK(appt_task_list_get(&open, f->engine, &query));
  CHECK(open.count == 2);
  if (open.count == 2) {
    CHECK(open.items[0].appointment_id == first);
    CHECK(open.items[0].due_at == FIXTURE_TUE_0900 - 2 * HOUR);
    CHECK(strstr(open.items[0].details, "2027-03-02 09:00 (Europe/Berlin)") !=
          NULL);
    CHECK(strcmp(appt_task_state_name(open.items[0].state), "open") == 0);
  }

  /* Staff take the customer's confirmation on the phone. */
  appt_appointment a = APPT_APPOINTMENT_INIT;
  const appt_actor giulia = {APPT_ACTOR_STAFF, "giulia"};
  CHECK_OK(appt_appointment_confirm_visit(&a, f->engine, first, &giulia));
  CHECK(a.confirmed_at == FIXTURE_TUE_0900 - 2 * HOUR);
  CHECK(seen.cancelled == 1);
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already confirmed",
            appt_appointment_confirm_visit(&a, f->engine, first, NULL));

  appt_task task = APPT_TASK_INIT;
  if (open.count == 2) {
    CHECK_OK(appt_task_get(&task, f->engine, open.items[0].id));
    CHECK(task.state == APPT_TASK_CANCELLED && task.closed_at != 0);
    CHECK(strcmp(task.outcome, "the customer confirmed the visit") == 0);
    CHECK_OK(appt_task_complete(&task, f->engine, open.items[1].id, &giulia,
                                "voicemail"));
    CHECK(task.state == APPT_TASK_DONE);
    CHECK(strcmp(task.closed_by.id, "giulia") == 0);
    CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already done",
              appt_task_complete(&task, f->engine, open.items[1].id, NULL,
                                 NULL));
    CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "reason",
              appt_task_cancel(&task, f->engine, open.items[1].id, NULL, ""));
  }
  (void)second;
  appt_task_list_dispose(&open);
  appt_task_dispose(&task);
  appt_appointment_dispose(&a);

  appt_task_rule_list rules = APPT_TASK_RULE_LIST_INIT;
  CHECK_OK(appt_task_rule_list_all(&rules, f->engine));
  CHECK(rules.count == 1);
  appt_task_rule_list_dispose(&rules);
  rule.id = rule_id;
  rule.enabled = 0;
  CHECK_OK(appt_task_rule_update(f->engine, &rule));
  CHECK_OK(appt_task_rule_delete(f->engine, rule_id));
  CHECK_OK(appt_engine_listener_remove(f->engine, listener));
}

static void release_and_board(fixture *f) {
  static const int channels[] = {APPT_CHANNEL_EMAIL};
  static const appt_message_template templates[] = {
      {APPT_CHANNEL_EMAIL, NULL, "Released", "{{appointment.cancel_reason}}"}};
  appt_message_rule to_agent = APPT_MESSAGE_RULE_INIT;
  to_agent.name = "tell the agent";
  to_agent.kind = APPT_MESSAGE_KIND_CANCELLED;
  to_agent.audience = APPT_AUDIENCE_AGENT;
  to_agent.channels = channels;
  to_agent.channel_count = 1;
  to_agent.templates = templates;
  to_agent.template_count = 1;
  int64_t rule_id = 0;
  CHECK_OK(appt_message_rule_create(&rule_id, f->engine, &to_agent));
  appt_message_rule read = APPT_MESSAGE_RULE_INIT;
  CHECK_OK(appt_message_rule_get(&read, f->engine, rule_id));
  CHECK(read.cancelled_by_count == 3); /* everyone but staff */
  appt_message_rule_dispose(&read);

  appt_confirmation_settings settings = APPT_CONFIRMATION_SETTINGS_INIT;
  settings.has_release_offset = 1;
  settings.release_offset_seconds = -2 * HOUR;
  CHECK_OK(appt_confirmation_settings_set(f->engine, &settings));
  appt_confirmation_settings got = APPT_CONFIRMATION_SETTINGS_INIT;
  CHECK_OK(appt_confirmation_settings_get(&got, f->engine));
  CHECK(got.has_release_offset && got.release_offset_seconds == -2 * HOUR);
  CHECK(strcmp(got.release_reason, "not confirmed by the customer") == 0);
  appt_confirmation_settings_dispose(&got);

  const int64_t wednesday = FIXTURE_TUE_0900 + 24 * HOUR;
  const int64_t visit = book(f, wednesday);
  appt_confirm_token token = APPT_CONFIRM_TOKEN_INIT;
  CHECK_OK(appt_confirm_token_issue(&token, f->engine, visit));
  appt_confirm_token_dispose(&token);
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_get(&a, f->engine, visit));
  CHECK(a.confirmation_requested_at != 0);

  appt_confirmation_board_query q = APPT_CONFIRMATION_BOARD_QUERY_INIT;
  q.resource_ids = &f->therapist;
  q.resource_id_count = 1;
  q.window_start = wednesday - 12 * HOUR;
  q.window_end = wednesday + 12 * HOUR;
  appt_confirmation_board board = APPT_CONFIRMATION_BOARD_INIT;
  CHECK_OK(appt_confirmation_board_get(&board, f->engine, &q));
  CHECK(board.awaiting == 1 && board.appointment_count == 1);
  CHECK(board.count_count == 1);
  if (board.count_count == 1) {
    CHECK(board.counts[0].year == 2027 && board.counts[0].month == 3 &&
          board.counts[0].day == 3 && board.counts[0].awaiting == 1);
  }
  CHECK_OK(appt_clock_set(f->clock, wednesday - 2 * HOUR - 60));
  CHECK_OK(appt_confirmation_board_get(&board, f->engine, &q));
  CHECK(board.overdue == 1 && board.appointment_count == 1);
  if (board.appointment_count == 1) {
    CHECK(board.appointments[0].flag == APPT_CONFIRMATION_FLAG_OVERDUE);
    CHECK(board.appointments[0].appointment.id == visit);
  }

  run_due_at(f, wednesday - 2 * HOUR);
  CHECK_OK(appt_appointment_get(&a, f->engine, visit));
  CHECK(a.state == APPT_STATE_CANCELLED);
  CHECK(strcmp(a.cancel_reason, "not confirmed by the customer") == 0);
  appt_message_list told = APPT_MESSAGE_LIST_INIT;
  CHECK_OK(appt_message_list_for_appointment(&told, f->engine, visit));
  CHECK(told.count == 1);
  if (told.count == 1) CHECK(strcmp(told.items[0].recipient, "giulia") == 0);
  appt_message_list_dispose(&told);
  book(f, wednesday); /* the slot is free again */
  CHECK_OK(appt_confirmation_board_get(&board, f->engine, &q));
  CHECK(board.overdue == 0 && board.awaiting == 0);
  appt_confirmation_board_dispose(&board);
  appt_appointment_dispose(&a);
}

static void bad_input(fixture *f) {
  appt_task_rule rule = APPT_TASK_RULE_INIT;
  int64_t id = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rule.name",
            appt_task_rule_create(&id, f->engine, &rule));
  rule.name = "x";
  rule.title = "y";
  rule.trigger = 5;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "trigger",
            appt_task_rule_create(&id, f->engine, &rule));
  rule.trigger = APPT_TASK_TRIGGER_NOT_ARRIVED;
  rule.offset_seconds = -1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rule.offset -1",
            appt_task_rule_create(&id, f->engine, &rule));
  rule.offset_seconds = 600;
  rule.service_id_count = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "service_ids",
            appt_task_rule_create(&id, f->engine, &rule));
  rule.version = 99;
  rule.service_id_count = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_task_rule",
            appt_task_rule_create(&id, f->engine, &rule));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "task_rule_id 777",
            appt_task_rule_delete(f->engine, 777));

  appt_confirmation_settings settings = APPT_CONFIRMATION_SETTINGS_INIT;
  settings.overdue_before_seconds = -5;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "overdue_before",
            appt_confirmation_settings_set(f->engine, &settings));
  settings.overdue_before_seconds = 0;
  settings.release_reason = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "release_reason",
            appt_confirmation_settings_set(f->engine, &settings));

  appt_task_query query = APPT_TASK_QUERY_INIT;
  query.state = 7;
  appt_task_list list = APPT_TASK_LIST_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "state",
            appt_task_list_get(&list, f->engine, &query));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "query",
            appt_task_list_get(&list, f->engine, NULL));
  appt_task task = APPT_TASK_INIT;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "task_id 4242",
            appt_task_get(&task, f->engine, 4242));
  const appt_actor bad_actor = {42, "x"};
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "actor",
            appt_task_complete(&task, f->engine, 1, &bad_actor, NULL));

  appt_confirmation_board_query q = APPT_CONFIRMATION_BOARD_QUERY_INIT;
  appt_confirmation_board board = APPT_CONFIRMATION_BOARD_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "window",
            appt_confirmation_board_get(&board, f->engine, &q));
  const int64_t twice[] = {f->therapist, f->therapist};
  q.resource_ids = twice;
  q.resource_id_count = 2;
  q.window_start = FIXTURE_START;
  q.window_end = FIXTURE_START + 24 * HOUR;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "listed twice",
            appt_confirmation_board_get(&board, f->engine, &q));

  static const int bad_actors[] = {1, 9};
  appt_message_rule r;
  fixture_confirmation_rule(&r);
  r.kind = APPT_MESSAGE_KIND_CANCELLED;
  r.cancelled_by = bad_actors;
  r.cancelled_by_count = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "cancelled_by",
            appt_message_rule_create(&id, f->engine, &r));
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "appointment_id 4242",
            appt_appointment_confirm_visit(&a, f->engine, 4242, NULL));
}

static void run(const char *label, const char *path) {
  fixture f;
  if (fixture_open(&f, path) != 0) {
    ++capi_failures;
    return;
  }
  printf("%s\n", label);
  give_the_therapist_an_agent(&f);
  tasks(&f);
  release_and_board(&f);
  bad_input(&f);
  fixture_close(&f);
}

int main(int argc, char **argv) {
  run("memory store", NULL);
  if (argc > 1) {
    remove(argv[1]);
    run("sqlite store", argv[1]);
  }
  CHECK(strcmp(appt_confirmation_flag_name(APPT_CONFIRMATION_FLAG_LATE),
               "late") == 0);
  CHECK(strcmp(appt_confirmation_flag_name(-1), "unknown") == 0);
  CHECK(strcmp(appt_task_trigger_name(APPT_TASK_TRIGGER_NOT_ARRIVED),
               "not_arrived") == 0);
  CHECK(strcmp(appt_task_state_name(APPT_TASK_DONE), "done") == 0);
  CHECK(strcmp(appt_event_kind_name(APPT_EVENT_TASK_CREATED),
               "task.created") == 0);
  return capi_report("capi_confirmation_test");
}
