/* CRM pipelines and deals through the C ABI (R6): the seed 000 presets
 * saved and read back, a one-time deal opened by a booking and moved to
 * Appointment Today 12 h before and Paid Won 2 h after the start, deal
 * events with the deal and its history line, the card and the board, a
 * membership deal opened by a purchase, and bad input naming the field —
 * over a memory store and a SQLite file (argv[1]). */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"
#include "capi_fixture.h"

#define HOUR 3600

typedef struct {
  int opened;
  int moved;
  char last_to[64];
} seen_deals;

static void on_event(const appt_event *e, void *payload) {
  seen_deals *seen = (seen_deals *)payload;
  if (e->kind == APPT_EVENT_DEAL_OPENED && e->deal != NULL) ++seen->opened;
  if (e->kind == APPT_EVENT_DEAL_STAGE_CHANGED && e->deal_entry != NULL) {
    ++seen->moved;
    snprintf(seen->last_to, sizeof seen->last_to, "%s", e->deal_entry->to_stage);
  }
}

static void run_due_at(fixture *f, int64_t now) {
  CHECK_OK(appt_clock_set(f->clock, now));
  appt_run_due_report report = APPT_RUN_DUE_REPORT_INIT;
  CHECK_OK(appt_engine_run_due(&report, f->engine));
}

static const char *stage_of(fixture *f, int64_t deal_id, appt_deal_card *card) {
  CHECK_OK(appt_deal_card_get(card, f->engine, deal_id));
  return card->stage;
}

static void one_time(fixture *f) {
  seen_deals seen = {0, 0, ""};
  int64_t listener = 0;
  CHECK_OK(appt_engine_listener_add(&listener, f->engine, on_event, &seen,
                                    NULL));
  appt_pipeline preset = APPT_PIPELINE_INIT;
  CHECK_OK(appt_pipeline_preset_one_time(&preset));
  CHECK(preset.stage_count == 4 && preset.rule_count == 4);
  appt_pipeline saved = APPT_PIPELINE_INIT;
  CHECK_OK(appt_pipeline_create(&saved, f->engine, &preset));
  CHECK(saved.id > 0 && saved.stages[0].id > 0);
  CHECK(strcmp(saved.stages[2].name, "Paid Won") == 0);
  CHECK(saved.stages[2].kind == APPT_STAGE_WON);
  CHECK(saved.rules[1].offset_seconds == -12 * HOUR);
  const int64_t pipeline_id = saved.id;

  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = f->customer;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = FIXTURE_TUE_0900;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &req));
  const int64_t appointment_id = a.id;

  appt_deal_query query = APPT_DEAL_QUERY_INIT;
  query.pipeline_id = pipeline_id;
  appt_deal_list deals = APPT_DEAL_LIST_INIT;
  CHECK_OK(appt_deal_list_query(&deals, f->engine, &query));
  CHECK(deals.count == 1);
  const int64_t deal_id = deals.count ? deals.items[0].id : 0;
  CHECK(deals.count && deals.items[0].appointment_id_count == 1 &&
        deals.items[0].appointment_ids[0] == appointment_id);
  appt_deal_list_dispose(&deals);
  CHECK(seen.opened == 1);

  appt_deal_card card = APPT_DEAL_CARD_INIT;
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Scheduled") == 0);
  CHECK(card.has_next_appointment &&
        card.next_appointment.id == appointment_id);
  CHECK(strcmp(card.next_local_start, "2027-03-02 09:00") == 0);
  CHECK(strcmp(card.next_time_zone, "Europe/Berlin") == 0);
  CHECK(card.customer.id == f->customer && !card.has_membership);
  CHECK(card.integration_count >= 10 &&
        strcmp(card.integration[0].key, "deal_id") == 0);
  run_due_at(f, FIXTURE_TUE_0900 - 12 * HOUR);
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Today") == 0);
  CHECK(seen.moved == 1 && strcmp(seen.last_to, "Appointment Today") == 0);
  CHECK_OK(appt_clock_set(f->clock, FIXTURE_TUE_0900 + 300));
  CHECK_OK(appt_appointment_mark_attended(&a, f->engine, appointment_id, NULL));
  run_due_at(f, FIXTURE_TUE_0900 + 2 * HOUR);
  CHECK(strcmp(stage_of(f, deal_id, &card), "Paid Won") == 0);
  CHECK(card.deal.closed_at == FIXTURE_TUE_0900 + 2 * HOUR);
  CHECK(card.history_count == 3 &&
        strcmp(card.history[0].text, "2h after the start") == 0 &&
        card.history[0].kind == APPT_DEAL_ENTRY_STAGE_CHANGED &&
        card.history[0].actor.kind == APPT_ACTOR_ENGINE);
  appt_deal_card_dispose(&card);

  appt_deal_entry_list history = APPT_DEAL_ENTRY_LIST_INIT;
  CHECK_OK(appt_deal_history(&history, f->engine, deal_id));
  CHECK(history.count == 3 && history.items[2].kind == APPT_DEAL_ENTRY_OPENED);
  appt_deal_entry_list_dispose(&history);
  appt_deal_board board = APPT_DEAL_BOARD_INIT;
  CHECK_OK(appt_deal_board_get(&board, f->engine, pipeline_id));
  CHECK(board.column_count == 4 && board.columns[2].deals == 1 &&
        board.columns[2].amount_minor_units > 0);
  appt_deal_board_dispose(&board);

  /* Staff: a note, the integration section, a move back. */
  appt_deal_entry note = APPT_DEAL_ENTRY_INIT;
  appt_actor giulia = {APPT_ACTOR_STAFF, "giulia"};
  CHECK_OK(appt_deal_add_note(&note, f->engine, deal_id, &giulia, "paid cash"));
  CHECK(note.kind == APPT_DEAL_ENTRY_NOTE && strcmp(note.actor.id, "giulia") == 0);
  appt_deal_entry_dispose(&note);
  appt_integration_field fields[] = {{"bitrix_deal", "77"}};
  appt_deal d = APPT_DEAL_INIT;
  CHECK_OK(appt_deal_set_integration(&d, f->engine, deal_id, "B24-77", fields, 1));
  CHECK(d.integration_count == 1 && strcmp(d.external_id, "B24-77") == 0);
  CHECK_OK(appt_deal_move(&d, f->engine, deal_id, saved.stages[1].id, NULL,
                          "refund asked"));
  CHECK(d.stage_id == saved.stages[1].id && d.closed_at == 0);

  /* Bad input names the field and changes nothing. */
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already in stage",
            appt_deal_move(&d, f->engine, deal_id, saved.stages[1].id, NULL,
                           NULL));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "stage_id 999",
            appt_deal_move(&d, f->engine, deal_id, 999, NULL, NULL));
  CHECK_ERR(APPT_ERR_NOT_FOUND, "deal_id 999",
            appt_deal_get(&d, f->engine, 999));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "integration",
            appt_deal_set_integration(&d, f->engine, deal_id, "", NULL, 2));
  CHECK_ERR(APPT_ERR_CONFLICT, "already belongs to deal_id",
            appt_deal_link_appointment(&d, f->engine, deal_id, appointment_id,
                                       NULL));
  query.limit = 0;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "limit 0",
            appt_deal_list_query(&deals, f->engine, &query));
  query.version = 9;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "appt_deal_query",
            appt_deal_list_query(&deals, f->engine, &query));
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "query",
            appt_deal_list_query(&deals, f->engine, NULL));
  appt_stage_rule rules[4];
  memcpy(rules, preset.rules, sizeof rules);
  rules[1].stage = "Appointment Tomorrow";
  appt_pipeline bad = preset;
  bad.rules = rules;
  bad.opens_deals = APPT_DEAL_SOURCE_MANUAL;
  appt_pipeline out = APPT_PIPELINE_INIT;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rules[1].stage",
            appt_pipeline_create(&out, f->engine, &bad));
  rules[1].stage = preset.rules[1].stage;
  rules[1].trigger = 17;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "rules[1].trigger",
            appt_pipeline_create(&out, f->engine, &bad));
  bad.rules = preset.rules;
  bad.opens_deals = APPT_DEAL_SOURCE_BOOKINGS;
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "already opens deals",
            appt_pipeline_create(&out, f->engine, &bad));
  bad.stages = NULL;
  CHECK_ERR(APPT_ERR_INVALID_ARGUMENT, "stages",
            appt_pipeline_create(&out, f->engine, &bad));
  CHECK_ERR(APPT_ERR_FAILED_PRECONDITION, "has deals",
            appt_pipeline_delete(f->engine, pipeline_id));
  appt_pipeline_list all = APPT_PIPELINE_LIST_INIT;
  CHECK_OK(appt_pipeline_list_all(&all, f->engine));
  CHECK(all.count == 1);
  appt_pipeline_list_dispose(&all);
  appt_deal_dispose(&d);
  appt_pipeline_dispose(&out);
  appt_pipeline_dispose(&saved);
  appt_pipeline_dispose(&preset);
  appt_appointment_dispose(&a);
  CHECK_OK(appt_engine_listener_remove(f->engine, listener));
}

static void membership(fixture *f) {
  appt_pipeline preset = APPT_PIPELINE_INIT;
  CHECK_OK(appt_pipeline_preset_membership(&preset));
  appt_pipeline saved = APPT_PIPELINE_INIT;
  CHECK_OK(appt_pipeline_create(&saved, f->engine, &preset));
  appt_membership_plan plan = APPT_MEMBERSHIP_PLAN_INIT;
  plan.name = "Five massages";
  plan.service_ids = &f->massage;
  plan.service_id_count = 1;
  plan.visits = 5;
  plan.price_minor_units = 25000;
  int64_t plan_id = 0;
  CHECK_OK(appt_membership_plan_create(&plan_id, f->engine, &plan));
  appt_purchase_request buy = APPT_PURCHASE_REQUEST_INIT;
  buy.customer_id = f->customer;
  buy.plan_id = plan_id;
  appt_membership m = APPT_MEMBERSHIP_INIT;
  CHECK_OK(appt_membership_purchase(&m, f->engine, &buy));
  appt_deal_query query = APPT_DEAL_QUERY_INIT;
  query.pipeline_id = saved.id;
  appt_deal_list deals = APPT_DEAL_LIST_INIT;
  CHECK_OK(appt_deal_list_query(&deals, f->engine, &query));
  CHECK(deals.count == 1 && deals.items[0].membership_id == m.id);
  const int64_t deal_id = deals.count ? deals.items[0].id : 0;
  appt_deal_list_dispose(&deals);
  appt_deal_card card = APPT_DEAL_CARD_INIT;
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Unscheduled") == 0);
  CHECK(card.has_membership && card.visits_left == 5 &&
        strcmp(card.membership_kind, "Five massages") == 0 &&
        strcmp(card.certificate_number, m.certificate_number) == 0);
  appt_book_request req = APPT_BOOK_REQUEST_INIT;
  req.customer_id = f->customer;
  req.service_id = f->massage;
  req.resource_id = f->therapist;
  req.start = FIXTURE_TUE_0900 + 7 * 86400;
  req.membership_id = m.id;
  appt_appointment a = APPT_APPOINTMENT_INIT;
  CHECK_OK(appt_appointment_book(&a, f->engine, &req));
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Scheduled") == 0);
  CHECK(card.visits_left == 4);
  run_due_at(f, req.start - 48 * HOUR);
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Tomorrow") == 0);
  CHECK_OK(appt_appointment_cancel(&a, f->engine, a.id, NULL, "ill"));
  CHECK(strcmp(stage_of(f, deal_id, &card), "Appointment Unscheduled") == 0);
  appt_deal_card_dispose(&card);
  appt_appointment_dispose(&a);
  appt_membership_dispose(&m);
  appt_pipeline_dispose(&saved);
  appt_pipeline_dispose(&preset);
}

int main(int argc, char **argv) {
  capi_failures += fixture_run("memory store", NULL, one_time);
  capi_failures += fixture_run(NULL, NULL, membership);
  if (argc > 1) {
    remove(argv[1]);
    capi_failures += fixture_run("sqlite store", argv[1], one_time);
    remove(argv[1]);
    capi_failures += fixture_run(NULL, argv[1], membership);
  }
  CHECK(strcmp(appt_stage_kind_name(APPT_STAGE_WON), "won") == 0);
  CHECK(strcmp(appt_stage_trigger_name(APPT_STAGE_TRIGGER_TIMED), "timed") == 0);
  CHECK(strcmp(appt_stage_condition_name(APPT_STAGE_CONDITION_NONE_BOOKED),
               "none_booked") == 0);
  CHECK(strcmp(appt_deal_source_name(APPT_DEAL_SOURCE_MEMBERSHIPS),
               "memberships") == 0);
  CHECK(strcmp(appt_deal_entry_kind_name(APPT_DEAL_ENTRY_NOTE), "note") == 0);
  CHECK(strcmp(appt_deal_entry_kind_name(9), "unknown") == 0);
  CHECK(strcmp(appt_event_kind_name(APPT_EVENT_DEAL_STAGE_CHANGED),
               "deal.stage_changed") == 0);
  return capi_report("capi_deal_test");
}
