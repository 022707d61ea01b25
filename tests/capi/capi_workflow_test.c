/* The status workflow through the C ABI: the manual-approval preset saved
 * and read back, the workflow switched on, a booking that awaits approval,
 * the dashboard, a confirmation and a rejection with their events and
 * history, confirmation links, and bad input naming the field — over a memory store and a
 * SQLite file (argv[1]). */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"
#include "capi_fixture.h"

typedef struct {
  int status_events;
  int cancel_events;
  int64_t last_previous_status;
} seen_events;

static void on_event(const appt_event *e, void *payload) {
  seen_events *seen = payload;
  if (e->kind == APPT_EVENT_APPOINTMENT_STATUS_CHANGED) ++seen->status_events;
  if (e->kind == APPT_EVENT_APPOINTMENT_CANCELLED) ++seen->cancel_events;
  seen->last_previous_status = e->previous_status_id;
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

/* Saves the preset and turns the workflow on for the massage. */
static void enable(fixture *f, appt_status_chain *stored) {
  appt_status_chain preset = APPT_STATUS_CHAIN_INIT;
  CHECK_OK(appt_status_chain_manual_approval(&preset));
  CHECK(preset.status_count == 3);
  CHECK_OK(appt_status_chain_create(stored, f->engine, &preset));
  appt_status_chain_dispose(&preset);
  CHECK(stored->id > 0 && stored->status_count == 3);
  CHECK(stored->statuses[0].marker == APPT_STATUS_MARKER_START);
  CHECK(strcmp(stored->statuses[1].name, "Confirmed") == 0);

  appt_service massage = APPT_SERVICE_INIT;
  CHECK_OK(appt_service_get(&massage, f->engine, f->massage));
  massage.workflow_enabled = 1;
  CHECK_OK(appt_service_update(f->engine, &massage));
  appt_service_dispose(&massage);

  appt_workflow_settings settings = APPT_WORKFLOW_SETTINGS_INIT;
  settings.enabled = 1;
  settings.default_chain_id = stored->id;
  CHECK_OK(appt_workflow_settings_set(f->engine, &settings));
  appt_workflow_settings read = APPT_WORKFLOW_SETTINGS_INIT;
  CHECK_OK(appt_workflow_settings_get(&read, f->engine));
  CHECK(read.enabled == 1 && read.default_chain_id == stored->id);
  CHECK(read.service_chain_count == 0);
  appt_workflow_settings_dispose(&read);

  appt_status_chain_list all = APPT_STATUS_CHAIN_LIST_INIT;
  CHECK_OK(appt_status_chain_list_all(&all, f->engine));
  CHECK(all.count == 1 && all.items[0].status_count == 3);
  appt_status_chain_list_dispose(&all);
}

static void approve_and_reject(fixture *f, const appt_status_chain *chain) {
  seen_events seen = {0, 0, 0};
  int64_t listener = 0;
  CHECK_OK(appt_engine_listener_add(&listener, f->engine, on_event, &seen,
                                    NULL));
  const int64_t pending = chain->statuses[0].id;
  const int64_t confirmed = chain->statuses[1].id;
  const int64_t rejected = chain->statuses[2].id;
  const int64_t first = book(f, FIXTURE_TUE_0900);
  const int64_t second = book(f, FIXTURE_TUE_0900 + 3600);

  appt_status_board_query q = APPT_STATUS_BOARD_QUERY_INIT;
  q.window_start = FIXTURE_START;
  q.window_end = FIXTURE_START + 7 * 86400;
  appt_status_board board = APPT_STATUS_BOARD_INIT;
  CHECK_OK(appt_status_board_get(&board, f->engine, &q));
  CHECK(board.unconfirmed == 2 && board.appointment_count == 2);
  CHECK(board.count_count == 1 && board.counts[0].status_id == pending);
  CHECK(board.counts[0].count == 2);
  CHECK(board.appointments[0].status_id == pending);
  appt_status_board_dispose(&board);

  appt_status_change_request move = APPT_STATUS_CHANGE_REQUEST_INIT;
  move.appointment_id = first;
  move.status_id = confirmed;
  move.actor.id = "manager";
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_set_status(&a, f->engine, &move));
  CHECK(a.status_id == confirmed && a.state == APPT_STATE_BOOKED);
  CHECK(seen.status_events == 1 && seen.last_previous_status == pending);

  move.appointment_id = second;
  move.status_id = rejected;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "reason",
            appt_appointment_set_status(&a, f->engine, &move));
  move.reason = "the therapist is away";
  CHECK_OK(appt_appointment_set_status(&a, f->engine, &move));
  CHECK(a.state == APPT_STATE_CANCELLED);
  CHECK(strcmp(a.cancel_reason, "the therapist is away") == 0);
  CHECK(seen.cancel_events == 1);
  /* A cancellation is final. */
  move.status_id = confirmed;
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "no longer change",
            appt_appointment_set_status(&a, f->engine, &move));
  appt_appointment_dispose(&a);

  appt_status_history h = APPT_STATUS_HISTORY_INIT;
  CHECK_OK(appt_status_history_get(&h, f->engine, second));
  CHECK(h.count == 2);
  if (h.count == 2) {
    CHECK(strcmp(h.items[0].to_status, "Rejected") == 0);
    CHECK(strcmp(h.items[0].reason, "the therapist is away") == 0);
    CHECK(strcmp(h.items[0].actor.id, "manager") == 0);
    CHECK(h.items[1].from_status_id == 0);
  }
  appt_status_history_dispose(&h);

  q.include_confirmed = 1;
  CHECK_OK(appt_status_board_get(&board, f->engine, &q));
  CHECK(board.unconfirmed == 0 && board.confirmed == 1);
  appt_status_board_dispose(&board);
  CHECK_OK(appt_engine_listener_remove(f->engine, listener));
}

static void bad_input(fixture *f, const appt_status_chain *chain) {
  appt_status_chain out = APPT_STATUS_CHAIN_INIT;
  appt_status_chain bad = *chain;
  bad.owner_ = NULL;
  bad.id = 0;
  appt_status statuses[3];
  memcpy(statuses, chain->statuses, sizeof statuses);
  for (int i = 0; i < 3; ++i) statuses[i].id = 0;
  bad.statuses = statuses;
  statuses[1].marker = 7;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "statuses[1].marker",
            appt_status_chain_create(&out, f->engine, &bad));
  statuses[1].marker = APPT_STATUS_MARKER_START;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "no confirmation",
            appt_status_chain_create(&out, f->engine, &bad));
  statuses[1].marker = APPT_STATUS_MARKER_CONFIRMATION;
  statuses[2].colour = "red";
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "statuses[2].colour",
            appt_status_chain_create(&out, f->engine, &bad));
  bad.statuses = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "statuses",
            appt_status_chain_create(&out, f->engine, &bad));
  bad.version = 99;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_status_chain",
            appt_status_chain_create(&out, f->engine, &bad));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "chain",
            appt_status_chain_create(&out, f->engine, NULL));
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "workflow settings",
            appt_status_chain_delete(f->engine, chain->id));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "chain_id 999",
            appt_status_chain_get(&out, f->engine, 999));

  appt_workflow_settings s = APPT_WORKFLOW_SETTINGS_INIT;
  s.enabled = 1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "default_chain_id",
            appt_workflow_settings_set(f->engine, &s));
  s.default_chain_id = chain->id;
  s.service_chain_count = 2;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "service_chains",
            appt_workflow_settings_set(f->engine, &s));

  appt_status_change_request move = APPT_STATUS_CHANGE_REQUEST_INIT;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  move.appointment_id = book(f, FIXTURE_TUE_0900 + 2 * 3600);
  move.status_id = 12345;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "status_id 12345",
            appt_appointment_set_status(&a, f->engine, &move));
  move.status_id = chain->statuses[1].id;
  move.actor.kind = 42;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "actor",
            appt_appointment_set_status(&a, f->engine, &move));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "request",
            appt_appointment_set_status(&a, f->engine, NULL));
  a.version = 1; /* an appointment struct from before status_id */
  move.actor.kind = APPT_ACTOR_STAFF;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_appointment",
            appt_appointment_set_status(&a, f->engine, &move));

  appt_status_board_query q = APPT_STATUS_BOARD_QUERY_INIT;
  appt_status_board board = APPT_STATUS_BOARD_INIT;
  q.window_start = FIXTURE_START;
  q.window_end = FIXTURE_START;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "window",
            appt_status_board_get(&board, f->engine, &q));
  q.window_end = FIXTURE_START + 86400;
  q.resource_id_count = 1;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "resource_ids",
            appt_status_board_get(&board, f->engine, &q));
  const int64_t unknown = 999;
  q.resource_ids = &unknown;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "resource_ids[0]",
            appt_status_board_get(&board, f->engine, &q));
  appt_status_history h = APPT_STATUS_HISTORY_INIT;
  CHECK_ERR(APPT_ERR_NOT_FOUND, "appointment_id 4242",
            appt_status_history_get(&h, f->engine, 4242));
}

/* A confirmation link: confirm once, then cancel with the same link; every
 * wrong use is a clear error. */
static void confirmation_links(fixture *f) {
  const int64_t id = book(f, FIXTURE_TUE_0900 + 4 * 3600);
  appt_confirm_token first = APPT_CONFIRM_TOKEN_INIT;
  appt_confirm_token token = APPT_CONFIRM_TOKEN_INIT;
  CHECK_OK(appt_confirm_token_issue(&first, f->engine, id));
  CHECK_OK(appt_confirm_token_issue(&token, f->engine, id));
  CHECK(strlen(token.token) == 32 && token.appointment_id == id);
  CHECK(strcmp(first.token, token.token) != 0);

  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "replaced",
            appt_appointment_confirm_by_token(&a, f->engine, first.token));
  CHECK_OK(appt_appointment_confirm_by_token(&a, f->engine, token.token));
  CHECK(a.confirmed_at > 0 && a.state == APPT_STATE_BOOKED);
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already used to confirm",
            appt_appointment_confirm_by_token(&a, f->engine, token.token));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "reason",
            appt_appointment_cancel_by_token(&a, f->engine, token.token, NULL));
  CHECK_OK(appt_appointment_cancel_by_token(&a, f->engine, token.token,
                                            "plans changed"));
  CHECK(a.state == APPT_STATE_CANCELLED);
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already used to cancel",
            appt_appointment_cancel_by_token(&a, f->engine, token.token, "x"));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "token",
            appt_appointment_confirm_by_token(&a, f->engine, NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "not a confirmation token",
            appt_appointment_confirm_by_token(&a, f->engine, "abc"));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "not a known",
            appt_appointment_confirm_by_token(
                &a, f->engine, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "appointment_id 4242",
            appt_confirm_token_issue(&token, f->engine, 4242));
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "cancelled",
            appt_confirm_token_issue(&token, f->engine, id));
  appt_appointment_dispose(&a);
  appt_confirm_token_dispose(&first);
  appt_confirm_token_dispose(&token);
}

static void run(const char *label, const char *path) {
  fixture f;
  if (fixture_open(&f, path) != 0) {
    ++capi_failures;
    return;
  }
  printf("%s\n", label);
  appt_status_chain chain = APPT_STATUS_CHAIN_INIT;
  enable(&f, &chain);
  approve_and_reject(&f, &chain);
  bad_input(&f, &chain);
  confirmation_links(&f);
  appt_status_chain_dispose(&chain);
  fixture_close(&f);
}

int main(int argc, char **argv) {
  run("memory store", NULL);
  if (argc > 1) {
    remove(argv[1]);
    run("sqlite store", argv[1]);
  }
  CHECK(strcmp(appt_status_marker_name(APPT_STATUS_MARKER_CANCELLATION),
               "cancellation") == 0);
  CHECK(strcmp(appt_status_marker_name(9), "unknown") == 0);
  CHECK(strcmp(appt_state_name(APPT_STATE_PENDING), "pending") == 0);
  CHECK(strcmp(appt_event_kind_name(APPT_EVENT_APPOINTMENT_STATUS_CHANGED),
               "appointment.status_changed") == 0);
  CHECK(strcmp(appt_event_kind_name(APPT_EVENT_VISIT_CONFIRMED),
               "appointment.visit_confirmed") == 0);
  return capi_report("capi_workflow_test");
}
