/*
 * appt's C ABI, part 8: CRM pipelines and deals (R6.1–R6.5) — ordered
 * stages, rules that move deals by appointment events, membership expiry
 * and time, the deal card and the board. Include "appt/appt.h"; the
 * conventions stated there and in appt_catalog.h (input structs borrowed,
 * output structs owning their strings and arrays through `owner_` until
 * *_dispose) hold here.
 *
 * The engine opens a deal per booking in a pipeline opening deals for
 * bookings, and per membership bought in one opening deals for
 * memberships (bookings on the membership join its deal); the host may
 * open deals itself. Every stage move is in the deal's history and is
 * reported as APPT_EVENT_DEAL_STAGE_CHANGED.
 */
#ifndef APPT_APPT_DEAL_H_
#define APPT_APPT_DEAL_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  APPT_STAGE_OPEN = 0,
  APPT_STAGE_WON = 1, /* closed won: no rule moves the deal any more */
  APPT_STAGE_LOST = 2 /* closed lost */
} appt_stage_kind;

/* What moves a deal (see include/appt/pipeline.h for the full rules). */
typedef enum {
  APPT_STAGE_TRIGGER_OPENED = 0,
  APPT_STAGE_TRIGGER_BOOKED = 1,
  APPT_STAGE_TRIGGER_CANCELLED = 2,
  APPT_STAGE_TRIGGER_VISIT_CLOSED = 3, /* attended or no-show */
  APPT_STAGE_TRIGGER_MEMBERSHIP_EXPIRED = 4,
  APPT_STAGE_TRIGGER_TIMED = 5 /* offset from the next appointment's start */
} appt_stage_trigger;

typedef enum {
  APPT_STAGE_CONDITION_ALWAYS = 0,
  APPT_STAGE_CONDITION_ANOTHER_BOOKED = 1,
  APPT_STAGE_CONDITION_NONE_BOOKED = 2
} appt_stage_condition;

typedef enum {
  APPT_DEAL_SOURCE_MANUAL = 0,
  APPT_DEAL_SOURCE_BOOKINGS = 1,
  APPT_DEAL_SOURCE_MEMBERSHIPS = 2
} appt_deal_source;

typedef enum {
  APPT_DEAL_ENTRY_OPENED = 0,
  APPT_DEAL_ENTRY_STAGE_CHANGED = 1,
  APPT_DEAL_ENTRY_NOTE = 2
} appt_deal_entry_kind;

/* Static lower-case names; "unknown" for values out of range. */
APPT_EXTERN const char *appt_stage_kind_name(int kind);
APPT_EXTERN const char *appt_stage_trigger_name(int trigger);
APPT_EXTERN const char *appt_stage_condition_name(int condition);
APPT_EXTERN const char *appt_deal_source_name(int source);
APPT_EXTERN const char *appt_deal_entry_kind_name(int kind);

typedef struct {
  int64_t id; /* assigned by the engine; 0 for a new stage */
  const char *name; /* unique in its pipeline */
  int kind;         /* appt_stage_kind */
} appt_stage;

typedef struct {
  int64_t id;     /* assigned by the engine at every save */
  int trigger;    /* appt_stage_trigger */
  int condition;  /* appt_stage_condition */
  int64_t offset_seconds; /* TIMED only, within ±365 days; negative: before */
  const char *stage;      /* the name of a stage of the pipeline */
} appt_stage_rule;

#define APPT_PIPELINE_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine */
  const char *name;
  int opens_deals;             /* appt_deal_source */
  const int64_t *service_ids;  /* none: every service */
  size_t service_id_count;
  const appt_stage *stages;    /* in board order; 1..50 */
  size_t stage_count;
  const appt_stage_rule *rules; /* in precedence order; 0..100 */
  size_t rule_count;
  const char *external_id;
  void *owner_; /* private */
} appt_pipeline;
#define APPT_PIPELINE_INIT                                                    \
  { APPT_PIPELINE_VERSION, 0, NULL, APPT_DEAL_SOURCE_MANUAL, NULL, 0, NULL, 0, \
    NULL, 0, NULL, NULL }

#define APPT_PIPELINE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_pipeline *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_pipeline_list;
#define APPT_PIPELINE_LIST_INIT { APPT_PIPELINE_LIST_VERSION, NULL, 0, NULL }

/* Seed 000's presets, unsaved: the one-time pipeline (Appointment
 * Scheduled, Appointment Today at -12 h, Paid Won at +2 h, Closed Lost on
 * cancel) and the membership pipeline (Appointment Unscheduled, Scheduled,
 * Tomorrow at -48 h, Today at -12 h, Membership Expired). */
APPT_EXTERN int appt_pipeline_preset_one_time(appt_pipeline *out);
APPT_EXTERN int appt_pipeline_preset_membership(appt_pipeline *out);
/* Create and update fill `out` with the pipeline as stored. A rule naming
 * a stage the pipeline lacks is APPT_ERR_INVALID_ARGUMENT; a second
 * pipeline opening deals from the same source for a service, removing a
 * stage that holds deals or deleting a pipeline with deals is
 * APPT_ERR_FAILED_PRECONDITION. */
APPT_EXTERN int appt_pipeline_create(appt_pipeline *out, appt_engine *engine,
                                     const appt_pipeline *pipeline);
APPT_EXTERN int appt_pipeline_update(appt_pipeline *out, appt_engine *engine,
                                     const appt_pipeline *pipeline);
APPT_EXTERN int appt_pipeline_delete(appt_engine *engine, int64_t id);
APPT_EXTERN int appt_pipeline_get(appt_pipeline *out, appt_engine *engine,
                                  int64_t id);
APPT_EXTERN int appt_pipeline_list_all(appt_pipeline_list *out,
                                       appt_engine *engine);
APPT_EXTERN void appt_pipeline_dispose(appt_pipeline *pipeline);
APPT_EXTERN void appt_pipeline_list_dispose(appt_pipeline_list *list);

/* A host's own key (1..200 bytes, unique in a deal) and value. */
typedef struct {
  const char *key;
  const char *value;
} appt_integration_field;

/* Declared in appt_booking.h for appt_event. */
#define APPT_DEAL_VERSION 1
struct appt_deal {
  unsigned int version;
  int64_t id;
  int64_t pipeline_id;
  int64_t stage_id;
  int64_t customer_id;
  const char *title;
  int64_t amount_minor_units;
  const char *currency;
  int64_t membership_id;            /* 0: none */
  const int64_t *appointment_ids;   /* linked, by id */
  size_t appointment_id_count;
  const char *external_id;
  const appt_integration_field *integration;
  size_t integration_count;
  int64_t opened_at;
  int64_t stage_changed_at;
  int64_t closed_at; /* 0 while open */
  void *owner_;      /* private */
};
#define APPT_DEAL_INIT                                                       \
  { APPT_DEAL_VERSION, 0, 0, 0, 0, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, 0, \
    0, 0, 0, NULL }

#define APPT_DEAL_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_deal *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_deal_list;
#define APPT_DEAL_LIST_INIT { APPT_DEAL_LIST_VERSION, NULL, 0, NULL }

/* Declared in appt_booking.h for appt_event. */
#define APPT_DEAL_ENTRY_VERSION 1
struct appt_deal_entry {
  unsigned int version;
  int64_t id;
  int64_t deal_id;
  int64_t at;
  int kind; /* appt_deal_entry_kind */
  appt_actor actor;
  int64_t from_stage_id; /* 0 for opened and notes */
  const char *from_stage;
  int64_t to_stage_id; /* 0 for notes */
  const char *to_stage;
  int64_t appointment_id; /* the appointment concerned, or 0 */
  const char *text;       /* the cause, or the note */
  void *owner_;           /* private */
};
#define APPT_DEAL_ENTRY_INIT                                            \
  { APPT_DEAL_ENTRY_VERSION, 0, 0, 0, 0, {APPT_ACTOR_STAFF, NULL}, 0, NULL, \
    0, NULL, 0, NULL, NULL }

#define APPT_DEAL_ENTRY_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_deal_entry *items; /* newest first; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_deal_entry_list;
#define APPT_DEAL_ENTRY_LIST_INIT \
  { APPT_DEAL_ENTRY_LIST_VERSION, NULL, 0, NULL }

/* A deal the host opens: it starts at the pipeline's opening stage;
 * linked booked appointments then move it as their booking would. */
#define APPT_OPEN_DEAL_REQUEST_VERSION 1
typedef struct {
  unsigned int version;
  int64_t pipeline_id;
  int64_t customer_id;
  const char *title;
  int64_t amount_minor_units;
  const char *currency;
  int64_t membership_id; /* the customer's, without a deal; 0: none */
  const int64_t *appointment_ids; /* the customer's, unlinked */
  size_t appointment_id_count;
  const char *external_id;
  const appt_integration_field *integration;
  size_t integration_count;
  appt_actor actor; /* default: staff */
} appt_open_deal_request;
#define APPT_OPEN_DEAL_REQUEST_INIT                                           \
  { APPT_OPEN_DEAL_REQUEST_VERSION, 0, 0, NULL, 0, "EUR", 0, NULL, 0, NULL,   \
    NULL, 0, {APPT_ACTOR_STAFF, NULL} }

/* Deals matching every field set, by id. */
#define APPT_DEAL_QUERY_VERSION 1
typedef struct {
  unsigned int version;
  int64_t pipeline_id; /* 0: any */
  int64_t stage_id;    /* 0: any */
  int64_t customer_id; /* 0: any */
  int open_only;
  int limit; /* 1..10000 */
} appt_deal_query;
#define APPT_DEAL_QUERY_INIT { APPT_DEAL_QUERY_VERSION, 0, 0, 0, 0, 1000 }

/* The deal card (R6.4). Local times in the next appointment's resource's
 * zone, "YYYY-MM-DD HH:MM". */
#define APPT_DEAL_CARD_VERSION 1
typedef struct {
  unsigned int version;
  appt_deal deal;
  const char *pipeline;
  const char *stage;
  int stage_kind; /* appt_stage_kind */
  appt_customer customer;
  int has_next_appointment;
  appt_appointment next_appointment;
  const char *next_local_start; /* "" without a next appointment */
  const char *next_time_zone;
  const char *service;
  const char *resource;
  int has_membership;
  appt_membership membership; /* as of now */
  const char *membership_kind; /* the plan's name */
  int visits_left;
  const char *certificate_number;
  const appt_deal_entry *history; /* newest first */
  size_t history_count;
  /* The raw integration section: the engine's keys, then the host's. */
  const appt_integration_field *integration;
  size_t integration_count;
  void *owner_; /* private */
} appt_deal_card;
#define APPT_DEAL_CARD_INIT                                                  \
  { APPT_DEAL_CARD_VERSION, APPT_DEAL_INIT, NULL, NULL, 0, APPT_CUSTOMER_INIT, \
    0, APPT_APPOINTMENT_INIT, NULL, NULL, NULL, NULL, 0,                      \
    APPT_MEMBERSHIP_INIT, NULL, 0, NULL, NULL, 0, NULL, 0, NULL }

typedef struct {
  int64_t stage_id;
  const char *stage;
  int kind; /* appt_stage_kind */
  int64_t deals;
  int64_t amount_minor_units;
} appt_deal_board_column;

#define APPT_DEAL_BOARD_VERSION 1
typedef struct {
  unsigned int version;
  int64_t pipeline_id;
  const char *pipeline;
  const appt_deal_board_column *columns; /* in board order */
  size_t column_count;
  void *owner_; /* private */
} appt_deal_board;
#define APPT_DEAL_BOARD_INIT { APPT_DEAL_BOARD_VERSION, 0, NULL, NULL, 0, NULL }

APPT_EXTERN int appt_deal_open(appt_deal *out, appt_engine *engine,
                               const appt_open_deal_request *request);
/* Links an appointment of the deal's customer (APPT_ERR_CONFLICT when it
 * has a deal). `actor` NULL: staff. */
APPT_EXTERN int appt_deal_link_appointment(appt_deal *out, appt_engine *engine,
                                           int64_t deal_id,
                                           int64_t appointment_id,
                                           const appt_actor *actor);
/* A staff move to any stage of the deal's pipeline; `reason` may be NULL. */
APPT_EXTERN int appt_deal_move(appt_deal *out, appt_engine *engine,
                               int64_t deal_id, int64_t stage_id,
                               const appt_actor *actor, const char *reason);
APPT_EXTERN int appt_deal_add_note(appt_deal_entry *out, appt_engine *engine,
                                   int64_t deal_id, const appt_actor *actor,
                                   const char *text);
APPT_EXTERN int appt_deal_set_integration(
    appt_deal *out, appt_engine *engine, int64_t deal_id,
    const char *external_id, const appt_integration_field *fields,
    size_t field_count);
APPT_EXTERN int appt_deal_get(appt_deal *out, appt_engine *engine, int64_t id);
APPT_EXTERN int appt_deal_list_query(appt_deal_list *out, appt_engine *engine,
                                     const appt_deal_query *query);
APPT_EXTERN int appt_deal_history(appt_deal_entry_list *out,
                                  appt_engine *engine, int64_t deal_id);
APPT_EXTERN int appt_deal_card_get(appt_deal_card *out, appt_engine *engine,
                                   int64_t deal_id);
APPT_EXTERN int appt_deal_board_get(appt_deal_board *out, appt_engine *engine,
                                    int64_t pipeline_id);
APPT_EXTERN void appt_deal_dispose(appt_deal *deal);
APPT_EXTERN void appt_deal_list_dispose(appt_deal_list *list);
APPT_EXTERN void appt_deal_entry_dispose(appt_deal_entry *entry);
APPT_EXTERN void appt_deal_entry_list_dispose(appt_deal_entry_list *list);
APPT_EXTERN void appt_deal_card_dispose(appt_deal_card *card);
APPT_EXTERN void appt_deal_board_dispose(appt_deal_board *board);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_DEAL_H_ */
