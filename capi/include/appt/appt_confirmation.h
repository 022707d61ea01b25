/*
 * appt's C ABI, part 6: the confirmation cycle (R5.2–R5.5) — agent tasks
 * made by task rules, auto-release of visits the customer was asked to
 * confirm and did not, the board of visits that need attention, and staff
 * recording a customer's confirmation. Include "appt/appt.h"; the
 * conventions stated there and in appt_catalog.h (input structs borrowed,
 * output structs owning their strings and arrays through `owner_` until
 * *_dispose) hold here.
 *
 * How it fits together: a task rule makes a task for the resource's
 * responsible agent N hours before an unconfirmed visit, or N minutes after
 * the start of a visit not marked arrived; a task is made once per rule and
 * visit time and cancels itself when the visit is confirmed, attended,
 * cancelled or moved. A visit counts as asked once a confirmation link was
 * issued for it (appt_confirm_token_issue): only asked visits are flagged
 * awaiting or overdue, and only they are released.
 */
#ifndef APPT_APPT_CONFIRMATION_H_
#define APPT_APPT_CONFIRMATION_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Settings ------------------------------------------------------------ */

#define APPT_CONFIRMATION_SETTINGS_VERSION 1
typedef struct {
  unsigned int version;
  /* An asked, unconfirmed visit is overdue once less than this is left
   * before its start; 0 to 30 days. */
  int64_t overdue_before_seconds;
  /* Auto-release: non-zero to cancel an asked, unconfirmed visit at start +
   * release_offset_seconds (negative: before the start; within ±30 days),
   * with release_reason. */
  int has_release_offset;
  int64_t release_offset_seconds;
  const char *release_reason; /* required */
  void *owner_;               /* private */
} appt_confirmation_settings;
#define APPT_CONFIRMATION_SETTINGS_INIT                                  \
  { APPT_CONFIRMATION_SETTINGS_VERSION, 3 * 3600, 0, 0,                  \
    "not confirmed by the customer", NULL }

/* Saving re-plans every upcoming visit's release deadline. */
APPT_EXTERN int appt_confirmation_settings_set(
    appt_engine *engine, const appt_confirmation_settings *settings);
APPT_EXTERN int appt_confirmation_settings_get(appt_confirmation_settings *out,
                                               appt_engine *engine);
APPT_EXTERN void appt_confirmation_settings_dispose(
    appt_confirmation_settings *settings);

/* Staff record that the customer confirmed (e.g. on the phone); `actor`
 * NULL is staff. APPT_ERR_FAILED_PRECONDITION when the visit is not booked,
 * awaits approval or is already confirmed. */
APPT_EXTERN int appt_appointment_confirm_visit(appt_appointment *out,
                                               appt_engine *engine,
                                               int64_t appointment_id,
                                               const appt_actor *actor);

/* ---- The board ----------------------------------------------------------- */

/* At most one flag per booked visit, at the engine clock's now. */
typedef enum {
  APPT_CONFIRMATION_FLAG_AWAITING = 0, /* asked, not confirmed, not overdue */
  APPT_CONFIRMATION_FLAG_OVERDUE = 1,  /* asked, not confirmed, near start */
  APPT_CONFIRMATION_FLAG_LATE = 2      /* started, not marked */
} appt_confirmation_flag;

/* "awaiting", "overdue", "late"; "unknown" for bad values. */
APPT_EXTERN const char *appt_confirmation_flag_name(int flag);

#define APPT_CONFIRMATION_BOARD_QUERY_VERSION 1
typedef struct {
  unsigned int version;
  const int64_t *resource_ids; /* none: every resource */
  size_t resource_id_count;
  int64_t window_start; /* starts in [window_start, window_end) */
  int64_t window_end;
} appt_confirmation_board_query;
#define APPT_CONFIRMATION_BOARD_QUERY_INIT \
  { APPT_CONFIRMATION_BOARD_QUERY_VERSION, NULL, 0, 0, 0 }

typedef struct {
  appt_appointment appointment;
  int flag; /* appt_confirmation_flag */
} appt_flagged_appointment;

/* One resource on one day of its own calendar. */
typedef struct {
  int64_t resource_id;
  int year;
  int month; /* 1..12 */
  int day;   /* 1..31 */
  int64_t awaiting;
  int64_t overdue;
  int64_t late;
} appt_day_flag_count;

#define APPT_CONFIRMATION_BOARD_VERSION 1
typedef struct {
  unsigned int version;
  appt_flagged_appointment *appointments; /* by start, then id */
  size_t appointment_count;
  appt_day_flag_count *counts; /* by resource id, then date */
  size_t count_count;
  int64_t awaiting;
  int64_t overdue;
  int64_t late;
  void *owner_; /* private */
} appt_confirmation_board;
#define APPT_CONFIRMATION_BOARD_INIT \
  { APPT_CONFIRMATION_BOARD_VERSION, NULL, 0, NULL, 0, 0, 0, 0, NULL }

/* A resource listed twice is APPT_ERR_INVALID_ARGUMENT, an unknown one
 * APPT_ERR_NOT_FOUND. */
APPT_EXTERN int appt_confirmation_board_get(
    appt_confirmation_board *out, appt_engine *engine,
    const appt_confirmation_board_query *query);
APPT_EXTERN void appt_confirmation_board_dispose(
    appt_confirmation_board *board);

/* ---- Task rules ---------------------------------------------------------- */

typedef enum {
  /* offset before the start, while the customer has not confirmed */
  APPT_TASK_TRIGGER_UNCONFIRMED = 0,
  /* offset after the start, while marked neither attended nor no-show */
  APPT_TASK_TRIGGER_NOT_ARRIVED = 1
} appt_task_trigger;

/* "unconfirmed", "not_arrived"; "unknown" for bad values. */
APPT_EXTERN const char *appt_task_trigger_name(int trigger);

#define APPT_TASK_RULE_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine; ignored on create */
  const char *name;
  int trigger; /* appt_task_trigger */
  int enabled;
  const int64_t *service_ids; /* none: every service */
  size_t service_id_count;
  int64_t offset_seconds; /* 0 to 30 days */
  int64_t due_in_seconds; /* the task is due this long after the rule's time */
  const char *title;      /* required */
  const char *external_id;
  void *owner_; /* private */
} appt_task_rule;
#define APPT_TASK_RULE_INIT                                                 \
  { APPT_TASK_RULE_VERSION, 0, NULL, APPT_TASK_TRIGGER_UNCONFIRMED, 1, NULL, \
    0, 3 * 3600, 3600, NULL, NULL, NULL }

#define APPT_TASK_RULE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_task_rule *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_task_rule_list;
#define APPT_TASK_RULE_LIST_INIT { APPT_TASK_RULE_LIST_VERSION, NULL, 0, NULL }

/* Saving a rule re-plans its timers for every upcoming visit; disabling or
 * deleting one drops them (tasks already made stay). */
APPT_EXTERN int appt_task_rule_create(int64_t *out_id, appt_engine *engine,
                                      const appt_task_rule *rule);
APPT_EXTERN int appt_task_rule_update(appt_engine *engine,
                                      const appt_task_rule *rule);
APPT_EXTERN int appt_task_rule_delete(appt_engine *engine, int64_t id);
APPT_EXTERN int appt_task_rule_get(appt_task_rule *out, appt_engine *engine,
                                   int64_t id);
APPT_EXTERN int appt_task_rule_list_all(appt_task_rule_list *out,
                                        appt_engine *engine);
APPT_EXTERN void appt_task_rule_dispose(appt_task_rule *rule);
APPT_EXTERN void appt_task_rule_list_dispose(appt_task_rule_list *list);

/* ---- Tasks --------------------------------------------------------------- */

typedef enum {
  APPT_TASK_OPEN = 0,
  APPT_TASK_DONE = 1,
  APPT_TASK_CANCELLED = 2
} appt_task_state;

/* "open", "done", "cancelled"; "unknown" for bad values. */
APPT_EXTERN const char *appt_task_state_name(int state);

/* Declared in appt_booking.h for appt_event. */
#define APPT_TASK_VERSION 1
struct appt_task {
  unsigned int version;
  int64_t id;
  int64_t rule_id;
  int64_t appointment_id;
  int64_t occurrence; /* the visit's start it was made for */
  int64_t customer_id;
  int64_t resource_id;
  const char *assignee; /* the resource's responsible agent; "" if none */
  const char *title;
  const char *details; /* who, what, when (resource's zone), why */
  int state;           /* appt_task_state */
  int64_t created_at;
  int64_t due_at;
  int64_t closed_at; /* 0 while open */
  appt_actor closed_by;
  const char *outcome; /* the agent's note, or why it was cancelled */
  void *owner_;        /* private */
};
#define APPT_TASK_INIT                                                    \
  { APPT_TASK_VERSION, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, 0, 0, 0, 0,    \
    {0, NULL}, NULL, NULL }

#define APPT_TASK_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_task *items; /* by due time, then id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_task_list;
#define APPT_TASK_LIST_INIT { APPT_TASK_LIST_VERSION, NULL, 0, NULL }

#define APPT_TASK_QUERY_VERSION 1
typedef struct {
  unsigned int version;
  const char *assignee;   /* NULL: any */
  int state;              /* appt_task_state; -1: any */
  int64_t appointment_id; /* 0: any */
} appt_task_query;
#define APPT_TASK_QUERY_INIT { APPT_TASK_QUERY_VERSION, NULL, -1, 0 }

APPT_EXTERN int appt_task_list_get(appt_task_list *out, appt_engine *engine,
                                   const appt_task_query *query);
APPT_EXTERN void appt_task_list_dispose(appt_task_list *list);
APPT_EXTERN int appt_task_get(appt_task *out, appt_engine *engine, int64_t id);
APPT_EXTERN void appt_task_dispose(appt_task *task);
/* Closes an open task as done (outcome optional) or cancelled (reason
 * required); a closed task is APPT_ERR_FAILED_PRECONDITION. `actor` NULL is
 * staff. */
APPT_EXTERN int appt_task_complete(appt_task *out, appt_engine *engine,
                                   int64_t id, const appt_actor *actor,
                                   const char *outcome);
APPT_EXTERN int appt_task_cancel(appt_task *out, appt_engine *engine,
                                 int64_t id, const appt_actor *actor,
                                 const char *reason);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_CONFIRMATION_H_ */
