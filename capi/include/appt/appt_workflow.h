/*
 * appt's C ABI, part 5: the status workflow (R3.1–R3.7) and confirmation
 * links (R5.1) — chains of
 * statuses a booking goes through before it is confirmed, the business-wide
 * switch, moving an appointment between statuses, its status history and
 * the dashboard of unconfirmed appointments. Include "appt/appt.h"; the
 * conventions stated there and in appt_catalog.h (input structs borrowed,
 * output structs owning their strings and arrays through `owner_` until
 * *_dispose) hold here.
 *
 * How it fits together: with the workflow enabled (appt_workflow_settings)
 * and a service's workflow_enabled set, a booking enters the first status
 * of its chain and the customer is told the request arrived. Staff move it
 * with appt_appointment_set_status: into a confirmation status (the
 * confirmed messages go out) or a cancellation status (a reason is
 * required; the slot is freed).
 */
#ifndef APPT_APPT_WORKFLOW_H_
#define APPT_APPT_WORKFLOW_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What entering a status does. */
typedef enum {
  APPT_STATUS_MARKER_START = 0,        /* nothing; awaits approval */
  APPT_STATUS_MARKER_CONFIRMATION = 1, /* confirms it */
  APPT_STATUS_MARKER_CANCELLATION = 2  /* cancels it (reason required) */
} appt_status_marker;

/* "start", "confirmation", "cancellation"; "unknown" for bad values. */
APPT_EXTERN const char *appt_status_marker_name(int marker);

typedef struct {
  int64_t id; /* assigned by the engine; 0 for a new status */
  const char *name;        /* unique in its chain, case-insensitive */
  const char *description; /* optional */
  int position;            /* unique in its chain; the lowest is the first */
  const char *colour;      /* "#rrggbb" */
  int marker;              /* appt_status_marker */
  /* Start statuses only: whether it keeps the slot busy (a confirmation
   * always does, a cancellation never). */
  int holds_slot;
} appt_status;

/* Valid when the lowest position is a start status and there is at least
 * one confirmation and one cancellation, names and positions unique. */
#define APPT_STATUS_CHAIN_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine */
  const char *name;
  const appt_status *statuses; /* output: sorted by position */
  size_t status_count;
  void *owner_; /* private */
} appt_status_chain;
#define APPT_STATUS_CHAIN_INIT \
  { APPT_STATUS_CHAIN_VERSION, 0, NULL, NULL, 0, NULL }

#define APPT_STATUS_CHAIN_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_status_chain *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_status_chain_list;
#define APPT_STATUS_CHAIN_LIST_INIT \
  { APPT_STATUS_CHAIN_LIST_VERSION, NULL, 0, NULL }

/* The preset "manual approval" chain, unsaved: Pending (start, holds the
 * slot) → Confirmed | Rejected. */
APPT_EXTERN int appt_status_chain_manual_approval(appt_status_chain *out);
/* Create and update fill `out` with the chain as stored (ids assigned).
 * Update keeps the statuses whose ids it repeats, adds those with id 0 and
 * removes the others; removing a status an appointment is in, or changing
 * such a status's marker or holds_slot, is APPT_ERR_FAILED_PRECONDITION.
 * A chain named by the settings cannot be deleted. */
APPT_EXTERN int appt_status_chain_create(appt_status_chain *out,
                                         appt_engine *engine,
                                         const appt_status_chain *chain);
APPT_EXTERN int appt_status_chain_update(appt_status_chain *out,
                                         appt_engine *engine,
                                         const appt_status_chain *chain);
APPT_EXTERN int appt_status_chain_delete(appt_engine *engine, int64_t id);
APPT_EXTERN int appt_status_chain_get(appt_status_chain *out,
                                      appt_engine *engine, int64_t id);
APPT_EXTERN int appt_status_chain_list_all(appt_status_chain_list *out,
                                           appt_engine *engine);
APPT_EXTERN void appt_status_chain_dispose(appt_status_chain *chain);
APPT_EXTERN void appt_status_chain_list_dispose(appt_status_chain_list *list);

/* ---- Settings ---------------------------------------------------------- */

typedef struct {
  int64_t service_id;
  int64_t chain_id;
} appt_service_chain;

/* A booking goes through a chain only when `enabled` and its service's
 * workflow_enabled are both set. Changes affect new bookings only. */
#define APPT_WORKFLOW_SETTINGS_VERSION 1
typedef struct {
  unsigned int version;
  int enabled;
  int64_t default_chain_id; /* required when enabled */
  const appt_service_chain *service_chains; /* per-service overrides */
  size_t service_chain_count;
  void *owner_; /* private */
} appt_workflow_settings;
#define APPT_WORKFLOW_SETTINGS_INIT \
  { APPT_WORKFLOW_SETTINGS_VERSION, 0, 0, NULL, 0, NULL }

APPT_EXTERN int appt_workflow_settings_set(
    appt_engine *engine, const appt_workflow_settings *settings);
APPT_EXTERN int appt_workflow_settings_get(appt_workflow_settings *out,
                                           appt_engine *engine);
APPT_EXTERN void appt_workflow_settings_dispose(
    appt_workflow_settings *settings);

/* ---- Moving appointments ------------------------------------------------ */

#define APPT_STATUS_CHANGE_REQUEST_VERSION 1
typedef struct {
  unsigned int version;
  int64_t appointment_id;
  int64_t status_id;
  appt_actor actor;   /* default: staff */
  const char *reason; /* required for a cancellation status */
} appt_status_change_request;
#define APPT_STATUS_CHANGE_REQUEST_INIT \
  { APPT_STATUS_CHANGE_REQUEST_VERSION, 0, 0, {APPT_ACTOR_STAFF, NULL}, NULL }

/* From a start status any other may follow; from a confirmation only a
 * confirmation or a cancellation; a cancellation is final. A forbidden move
 * is APPT_ERR_FAILED_PRECONDITION naming both statuses; confirming a
 * request that did not hold its slot re-checks it (APPT_ERR_CONFLICT when
 * taken). `out` receives the appointment after the move. */
APPT_EXTERN int appt_appointment_set_status(
    appt_appointment *out, appt_engine *engine,
    const appt_status_change_request *request);

typedef struct {
  int64_t id;
  int64_t appointment_id;
  int64_t at;
  appt_actor actor;
  int64_t from_status_id; /* 0: the booking itself */
  const char *from_status; /* names as they were at the time */
  int64_t to_status_id;
  const char *to_status;
  const char *reason;
} appt_status_change;

#define APPT_STATUS_HISTORY_VERSION 1
typedef struct {
  unsigned int version;
  appt_status_change *items; /* newest first */
  size_t count;
  void *owner_; /* private */
} appt_status_history;
#define APPT_STATUS_HISTORY_INIT \
  { APPT_STATUS_HISTORY_VERSION, NULL, 0, NULL }

APPT_EXTERN int appt_status_history_get(appt_status_history *out,
                                        appt_engine *engine,
                                        int64_t appointment_id);
APPT_EXTERN void appt_status_history_dispose(appt_status_history *history);

/* ---- Dashboard ---------------------------------------------------------- */

#define APPT_STATUS_BOARD_QUERY_VERSION 1
typedef struct {
  unsigned int version;
  const int64_t *resource_ids; /* none: every resource */
  size_t resource_id_count;
  int64_t window_start; /* starts in [window_start, window_end) */
  int64_t window_end;
  int include_confirmed;
} appt_status_board_query;
#define APPT_STATUS_BOARD_QUERY_INIT \
  { APPT_STATUS_BOARD_QUERY_VERSION, NULL, 0, 0, 0, 0 }

typedef struct {
  int64_t status_id; /* 0: confirmed on booking (no workflow) */
  const char *name;
  int64_t count;
} appt_status_count;

#define APPT_STATUS_BOARD_VERSION 1
typedef struct {
  unsigned int version;
  appt_appointment *appointments; /* by start, then id */
  size_t appointment_count;
  int64_t unconfirmed;
  int64_t confirmed;
  appt_status_count *counts; /* per status present, by chain position */
  size_t count_count;
  void *owner_; /* private */
} appt_status_board;
#define APPT_STATUS_BOARD_INIT \
  { APPT_STATUS_BOARD_VERSION, NULL, 0, 0, 0, NULL, 0, NULL }

APPT_EXTERN int appt_status_board_get(appt_status_board *out,
                                      appt_engine *engine,
                                      const appt_status_board_query *query);
APPT_EXTERN void appt_status_board_dispose(appt_status_board *board);

/* ---- Confirmation links (R5.1) ----------------------------------------- */

/* A freshly issued token: 32 URL-safe characters (192 bits from the OS's
 * CSPRNG). The engine keeps only its hash, so this is the only time the
 * text exists outside the host's links. */
#define APPT_CONFIRM_TOKEN_VERSION 1
typedef struct {
  unsigned int version;
  const char *token;
  int64_t appointment_id;
  int64_t issued_at;
  int64_t expires_at; /* the appointment's start */
  void *owner_;       /* private */
} appt_confirm_token;
#define APPT_CONFIRM_TOKEN_INIT \
  { APPT_CONFIRM_TOKEN_VERSION, NULL, 0, 0, 0, NULL }

/* Issues a token for a booked or pending appointment that has not started;
 * it replaces the appointment's earlier tokens, as does moving it. */
APPT_EXTERN int appt_confirm_token_issue(appt_confirm_token *out,
                                         appt_engine *engine,
                                         int64_t appointment_id);
APPT_EXTERN void appt_confirm_token_dispose(appt_confirm_token *token);
/* As the customer: confirm the visit (sets confirmed_at), or cancel with a
 * required reason; one link may confirm once and then cancel. A malformed
 * token is APPT_ERR_INVALID_ARGUMENT, an unknown one APPT_ERR_NOT_FOUND; a
 * replaced, spent or expired one APPT_ERR_FAILED_PRECONDITION saying
 * which. `out` receives the appointment after the change. */
APPT_EXTERN int appt_appointment_confirm_by_token(appt_appointment *out,
                                                  appt_engine *engine,
                                                  const char *token);
APPT_EXTERN int appt_appointment_cancel_by_token(appt_appointment *out,
                                                 appt_engine *engine,
                                                 const char *token,
                                                 const char *reason);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_WORKFLOW_H_ */
