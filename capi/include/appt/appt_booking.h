/*
 * appt's C ABI, part 3: slot search (R1.4), the appointment lifecycle
 * (R2.1–R2.4), the timeline (R2.6) and event listeners (R8.2). Include
 * "appt/appt.h"; the conventions stated there and in appt_catalog.h hold.
 */
#ifndef APPT_APPT_BOOKING_H_
#define APPT_APPT_BOOKING_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  APPT_STATE_BOOKED = 0,    /* holds its slot */
  APPT_STATE_CANCELLED = 1, /* final; the slot is free */
  APPT_STATE_ATTENDED = 2,  /* final */
  APPT_STATE_NO_SHOW = 3,   /* final */
  /* Awaiting approval in a start status that does not hold the slot
   * (appt_workflow.h): the slot stays on offer until it is confirmed. */
  APPT_STATE_PENDING = 4
} appt_appointment_state;

/* Only APPT_SOURCE_AGENT may force a start outside working hours. */
typedef enum {
  APPT_SOURCE_ONLINE = 0,
  APPT_SOURCE_AGENT = 1,
  APPT_SOURCE_API = 2
} appt_booking_source;

typedef enum {
  APPT_ACTOR_CUSTOMER = 0,
  APPT_ACTOR_STAFF = 1,
  APPT_ACTOR_ENGINE = 2,
  APPT_ACTOR_SYSTEM = 3
} appt_actor_kind;

/* Who performs a command; id is the host's user or contact id. */
typedef struct {
  int kind; /* appt_actor_kind */
  const char *id;
} appt_actor;

/* Static names ("booked", "agent", "staff", …); "unknown" for bad values. */
APPT_EXTERN const char *appt_state_name(int state);
APPT_EXTERN const char *appt_source_name(int source);
APPT_EXTERN const char *appt_actor_kind_name(int kind);

/* ---- Slot search --------------------------------------------------------- */

#define APPT_SLOT_QUERY_VERSION 1
typedef struct {
  unsigned int version;
  int64_t service_id;
  int64_t resource_id;  /* 0: every resource of the service */
  int64_t window_start; /* starts in [window_start, window_end) */
  int64_t window_end;
  int64_t step_seconds; /* 0: the service duration */
} appt_slot_query;
#define APPT_SLOT_QUERY_INIT { APPT_SLOT_QUERY_VERSION, 0, 0, 0, 0, 0 }

typedef struct {
  int64_t resource_id;
  int64_t start;
  int seats_left;
} appt_slot;

#define APPT_SLOT_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_slot *items;
  size_t count;
  void *owner_; /* private */
} appt_slot_list;
#define APPT_SLOT_LIST_INIT { APPT_SLOT_LIST_VERSION, NULL, 0, NULL }

/* The bookable starts at the engine clock's now, ascending by start then
 * resource. */
APPT_EXTERN int appt_slot_search(appt_slot_list *out, appt_engine *engine,
                                 const appt_slot_query *query);
APPT_EXTERN void appt_slot_list_dispose(appt_slot_list *list);

/* ---- Appointments -------------------------------------------------------- */

/* Version 2 appended status_id and confirmed_at; version 3
 * confirmation_requested_at; version 4 membership_id. */
#define APPT_APPOINTMENT_VERSION 4
typedef struct {
  unsigned int version;
  int64_t id;
  int64_t service_id;
  int64_t resource_id;
  int64_t customer_id;
  int64_t start;
  int64_t end;           /* start + service duration */
  int64_t blocked_start; /* start - buffer before */
  int64_t blocked_end;   /* end + buffer after */
  int state;             /* appt_appointment_state */
  int source;            /* appt_booking_source */
  int64_t created_at;
  int64_t updated_at;
  const char *cancel_reason; /* "" unless cancelled */
  const char *external_id;
  const char *notes;
  void *owner_; /* private */
  /* Its status in the workflow chain (appt_workflow.h); 0 when booked with
   * no workflow, i.e. confirmed on the spot. */
  int64_t status_id;
  /* When the customer confirmed the visit with a confirmation link
   * (appt_workflow.h); 0 when not (cleared when the appointment moves). */
  int64_t confirmed_at;
  /* When the customer was last asked to confirm (a confirmation link was
   * issued); 0 when not (cleared when the appointment moves). */
  int64_t confirmation_requested_at;
  /* The membership whose visit it holds (appt_membership.h); 0 when none. */
  int64_t membership_id;
} appt_appointment;
#define APPT_APPOINTMENT_INIT                                                 \
  { APPT_APPOINTMENT_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, \
    NULL, NULL, 0, 0, 0, 0 }

#define APPT_APPOINTMENT_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_appointment *items; /* owned by the list, not each item */
  size_t count;
  void *owner_; /* private */
} appt_appointment_list;
#define APPT_APPOINTMENT_LIST_INIT \
  { APPT_APPOINTMENT_LIST_VERSION, NULL, 0, NULL }

/* Version 2 appended membership_id. */
#define APPT_BOOK_REQUEST_VERSION 2
typedef struct {
  unsigned int version;
  int64_t customer_id;
  int64_t service_id;
  int64_t resource_id;
  int64_t start;
  int source;       /* appt_booking_source; default online */
  appt_actor actor; /* default: the customer */
  /* Agent bookings only: allow a start outside hours, exceptions, blocked
   * intervals, notice and horizon. Never over capacity. */
  int force;
  const char *notes;
  const char *external_id;
  /* Book on this membership (appt_membership.h): the customer's, covering
   * the service, with a visit left, not expiring before the start. 0:
   * none. */
  int64_t membership_id;
} appt_book_request;
#define APPT_BOOK_REQUEST_INIT                                             \
  { APPT_BOOK_REQUEST_VERSION, 0, 0, 0, 0, APPT_SOURCE_ONLINE,             \
    {APPT_ACTOR_CUSTOMER, NULL}, 0, NULL, NULL, 0 }

#define APPT_RESCHEDULE_REQUEST_VERSION 1
typedef struct {
  unsigned int version;
  int64_t appointment_id;
  int64_t new_start;
  int64_t new_resource_id; /* 0: keep the resource */
  appt_actor actor;        /* default: staff */
  int force;               /* as in appt_book_request, for staff only */
} appt_reschedule_request;
#define APPT_RESCHEDULE_REQUEST_INIT \
  { APPT_RESCHEDULE_REQUEST_VERSION, 0, 0, 0, {APPT_ACTOR_STAFF, NULL}, 0 }

/* Errors: a taken slot or full capacity is APPT_ERR_CONFLICT; a start outside
 * hours, in the past, inside notice or beyond horizon is
 * APPT_ERR_INVALID_ARGUMENT; an unknown id APPT_ERR_NOT_FOUND; a move from a
 * final state APPT_ERR_FAILED_PRECONDITION. `out` receives the appointment
 * after the change. A NULL actor means staff with an empty id. */
APPT_EXTERN int appt_appointment_book(appt_appointment *out,
                                      appt_engine *engine,
                                      const appt_book_request *request);
APPT_EXTERN int appt_appointment_reschedule(
    appt_appointment *out, appt_engine *engine,
    const appt_reschedule_request *request);
APPT_EXTERN int appt_appointment_cancel(appt_appointment *out,
                                        appt_engine *engine, int64_t id,
                                        const appt_actor *actor,
                                        const char *reason);
APPT_EXTERN int appt_appointment_mark_attended(appt_appointment *out,
                                               appt_engine *engine, int64_t id,
                                               const appt_actor *actor);
APPT_EXTERN int appt_appointment_mark_no_show(appt_appointment *out,
                                              appt_engine *engine, int64_t id,
                                              const appt_actor *actor);
APPT_EXTERN int appt_appointment_get(appt_appointment *out,
                                     appt_engine *engine, int64_t id);
APPT_EXTERN int appt_appointment_list_for_customer(appt_appointment_list *out,
                                                   appt_engine *engine,
                                                   int64_t customer_id);
APPT_EXTERN void appt_appointment_dispose(appt_appointment *appointment);
APPT_EXTERN void appt_appointment_list_dispose(appt_appointment_list *list);

/* ---- Timeline ------------------------------------------------------------ */

typedef struct {
  int64_t id;
  int64_t appointment_id;
  int64_t at;
  appt_actor actor;
  const char *kind;    /* "created", "rescheduled", "cancelled", … */
  const char *details; /* human-readable */
} appt_timeline_entry;

#define APPT_TIMELINE_VERSION 1
typedef struct {
  unsigned int version;
  appt_timeline_entry *items; /* newest first */
  size_t count;
  void *owner_; /* private */
} appt_timeline;
#define APPT_TIMELINE_INIT { APPT_TIMELINE_VERSION, NULL, 0, NULL }

APPT_EXTERN int appt_timeline_get(appt_timeline *out, appt_engine *engine,
                                  int64_t appointment_id);
APPT_EXTERN void appt_timeline_dispose(appt_timeline *timeline);

/* ---- Events -------------------------------------------------------------- */

typedef enum {
  APPT_EVENT_APPOINTMENT_CREATED = 0,
  APPT_EVENT_APPOINTMENT_RESCHEDULED = 1,
  APPT_EVENT_APPOINTMENT_CANCELLED = 2,
  APPT_EVENT_APPOINTMENT_ATTENDED = 3,
  APPT_EVENT_APPOINTMENT_NO_SHOW = 4,
  /* A move in the status workflow; a move into a cancellation status is
   * reported as APPT_EVENT_APPOINTMENT_CANCELLED. */
  APPT_EVENT_APPOINTMENT_STATUS_CHANGED = 5,
  /* The customer confirmed the visit (a link, or staff recording it). */
  APPT_EVENT_VISIT_CONFIRMED = 6,
  /* Agent tasks (appt_confirmation.h); the event's `task` is set. */
  APPT_EVENT_TASK_CREATED = 7,
  APPT_EVENT_TASK_COMPLETED = 8,
  APPT_EVENT_TASK_CANCELLED = 9,
  /* CRM deals (appt_deal.h); the event's `deal` and `deal_entry` are set,
   * `appointment` is the appointment concerned (id 0 when none). */
  APPT_EVENT_DEAL_OPENED = 10,
  APPT_EVENT_DEAL_STAGE_CHANGED = 11
} appt_event_kind;

/* An agent task; defined in appt_confirmation.h. */
typedef struct appt_task appt_task;
/* A deal and a line of its history; defined in appt_deal.h. */
typedef struct appt_deal appt_deal;
typedef struct appt_deal_entry appt_deal_entry;

APPT_EXTERN const char *appt_event_kind_name(int kind);

/* Version 2 appended previous_status_id; version 3 task; version 4 deal and
 * deal_entry. */
#define APPT_EVENT_VERSION 4
/* Filled by the library; valid only during the callback. */
typedef struct {
  unsigned int version;
  int kind; /* appt_event_kind */
  int64_t at;
  appt_actor actor;
  const appt_appointment *appointment; /* the state after the change */
  int has_previous;                    /* reschedules: the old interval */
  int64_t previous_start;
  int64_t previous_end;
  int64_t previous_resource_id; /* reschedules: the old resource; else 0 */
  /* Status moves and cancellations of a workflow appointment: the status
   * it left; else 0. */
  int64_t previous_status_id;
  const appt_task *task; /* task events: the task after the change; else NULL */
  const appt_deal *deal; /* deal events: the deal after the change; else NULL */
  const appt_deal_entry *deal_entry; /* deal events: the history line */
} appt_event;

/* Called after commit, with no engine lock held, on the thread that ran the
 * command; it may call back into the engine. */
typedef void (*appt_event_cb)(const appt_event *event, void *payload);
/* Releases a listener's payload when the listener is removed, when the
 * engine is freed, or at once when appt_engine_listener_add fails. */
typedef void (*appt_payload_free_cb)(void *payload);

APPT_EXTERN int appt_engine_listener_add(int64_t *out_id, appt_engine *engine,
                                         appt_event_cb callback,
                                         void *payload,
                                         appt_payload_free_cb free_payload);
/* Removes the listener; its payload is freed once no call of it is running.
 * An unknown id is APPT_ERR_NOT_FOUND. */
APPT_EXTERN int appt_engine_listener_remove(appt_engine *engine, int64_t id);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_BOOKING_H_ */
