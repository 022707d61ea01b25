/*
 * appt's C ABI, part 4: messages and reminders (R4.1–R4.9, R8.2, R8.4) —
 * message rules, messaging settings, the host's notifier, the run-due step
 * and its optional background runner, delivery reports and the message
 * history. Include "appt/appt.h"; the conventions stated there and in
 * appt_catalog.h (input structs borrowed, output structs owning their
 * strings through `owner_` until *_dispose) hold here.
 *
 * How it fits together: a rule says what to tell whom, when and over which
 * channel. A change (a booking, a cancellation, …) queues the messages its
 * rules call for in the same transaction; timed rules (reminders, …) become
 * timers that appt_engine_run_due fires when due. Queued messages are handed
 * to the notifier after commit; the notifier's answer and the host's later
 * delivery reports move a message queued → sent → delivered → read, or
 * failed.
 */
#ifndef APPT_APPT_MESSAGING_H_
#define APPT_APPT_MESSAGING_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Enumerations ----------------------------------------------------- */

/* What a rule is about, and so when it fires:
 *  - on a change, in the transaction that makes it: REQUEST_RECEIVED (a
 *    booking that awaits approval), CONFIRMED (a booking confirmed on the
 *    spot), REJECTED, CANCELLED, RESCHEDULED;
 *  - at a time derived from the appointment: BOOKING_INFO (`offset_seconds`
 *    after the booking), REMINDER (`offset_seconds` before the start, or
 *    `at_local_time`), CONFIRM_VISIT (`offset_seconds` before the start),
 *    NO_SHOW_FOLLOW_UP (`offset_seconds` after the start while neither
 *    attended nor confirmed), BOOK_AGAIN (`offset_seconds` after an
 *    attended visit). */
typedef enum {
  APPT_MESSAGE_KIND_REQUEST_RECEIVED = 0,
  APPT_MESSAGE_KIND_CONFIRMED = 1,
  APPT_MESSAGE_KIND_REJECTED = 2,
  APPT_MESSAGE_KIND_CANCELLED = 3,
  APPT_MESSAGE_KIND_RESCHEDULED = 4,
  APPT_MESSAGE_KIND_BOOKING_INFO = 5,
  APPT_MESSAGE_KIND_REMINDER = 6,
  APPT_MESSAGE_KIND_CONFIRM_VISIT = 7,
  APPT_MESSAGE_KIND_NO_SHOW_FOLLOW_UP = 8,
  APPT_MESSAGE_KIND_BOOK_AGAIN = 9
} appt_message_kind;

/* Who receives a message: the customer, the resource (its notification
 * email) or the agent responsible for the resource (its host user id).
 * Staff rules never change what the customer receives. */
typedef enum {
  APPT_AUDIENCE_CUSTOMER = 0,
  APPT_AUDIENCE_RESOURCE = 1,
  APPT_AUDIENCE_AGENT = 2
} appt_audience;

typedef enum {
  APPT_CHANNEL_EMAIL = 0,
  APPT_CHANNEL_SMS = 1,
  APPT_CHANNEL_WHATSAPP = 2
} appt_channel;

/* A consent a rule may require. A channel consent gates only that channel
 * (the fallback moves on to the rule's next channel); MARKETING gates the
 * whole message. */
typedef enum {
  APPT_CONSENT_EMAIL = 0,
  APPT_CONSENT_SMS = 1,
  APPT_CONSENT_WHATSAPP = 2,
  APPT_CONSENT_MARKETING = 3
} appt_consent_kind;

/* queued → sent → delivered → read, or failed. */
typedef enum {
  APPT_MESSAGE_STATE_QUEUED = 0,
  APPT_MESSAGE_STATE_SENT = 1,
  APPT_MESSAGE_STATE_DELIVERED = 2,
  APPT_MESSAGE_STATE_READ = 3,
  APPT_MESSAGE_STATE_FAILED = 4
} appt_message_state;

typedef enum {
  APPT_FIRING_CREATED = 0, /* a message was queued */
  APPT_FIRING_SKIPPED = 1  /* nothing was sent; `reason` says why */
} appt_firing_outcome;

/* What a timer does when due (later kinds append): a message rule, a task
 * rule, the auto-release deadline, a deal stage rule. */
typedef enum {
  APPT_TIMER_KIND_MESSAGE = 0,
  APPT_TIMER_KIND_TASK = 1,
  APPT_TIMER_KIND_RELEASE = 2,
  APPT_TIMER_KIND_DEAL_STAGE = 3
} appt_timer_kind;

/* Static lower-case names ("reminder", "sms", "delivered", …); "unknown"
 * for values out of range. */
APPT_EXTERN const char *appt_message_kind_name(int kind);
APPT_EXTERN const char *appt_audience_name(int audience);
APPT_EXTERN const char *appt_channel_name(int channel);
APPT_EXTERN const char *appt_consent_kind_name(int consent);
APPT_EXTERN const char *appt_message_state_name(int state);
APPT_EXTERN const char *appt_firing_outcome_name(int outcome);

/* The fields a template may name as Mustache tags ({{customer.name}},
 * {{appointment.when}}, …): a static array of static strings; its length is
 * stored in *out_count (which may be NULL). Any other name, a partial or a
 * delimiter change is refused when a rule is saved. */
APPT_EXTERN const char *const *appt_template_fields(size_t *out_count);

/* ---- Message rules ---------------------------------------------------- */

/* One channel's text in one language, as Mustache. `locale` is a BCP 47 tag
 * ("it-IT", "it") or "" / NULL for the default; `subject` is for email
 * only. Every channel of a rule needs a default-locale template. */
typedef struct {
  int channel; /* appt_channel */
  const char *locale;
  const char *subject;
  const char *body;
} appt_message_template;

/* "09:00 on the day" is {9 * 60, 0}; "18:00 the day before" {18 * 60, 1};
 * read in the recipient's zone (the customer's, else the resource's). */
typedef struct {
  int minute;      /* 0..1439 after local midnight */
  int days_before; /* 0..30 */
} appt_local_time;

/* Version 2 appended cancelled_by. */
#define APPT_MESSAGE_RULE_VERSION 2
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine; ignored on create */
  const char *name;
  int kind;                   /* appt_message_kind */
  int enabled;                /* non-zero: active */
  int audience;               /* appt_audience */
  const int64_t *service_ids; /* the services it covers; none: every one */
  size_t service_id_count;
  const int *channels; /* appt_channel, an ordered fallback; non-empty */
  size_t channel_count;
  const int *required_consents; /* appt_consent_kind */
  size_t required_consent_count;
  const appt_message_template *templates;
  size_t template_count;
  int64_t offset_seconds; /* see appt_message_kind; >= 0; 0 for changes */
  /* REMINDER only: fire at a local time of day instead of an offset (then
   * offset_seconds must be 0). */
  int has_at_local_time;
  appt_local_time at_local_time;
  /* How late a message may still go out: past due + grace it is recorded
   * as skipped, never sent. 0..30 days; default one hour. */
  int64_t grace_seconds;
  const char *external_id;
  void *owner_; /* private */
  /* CANCELLED only: whose cancellations it tells of (appt_actor_kind).
   * None on input: the default, everyone but staff (R5.5: when staff
   * cancel, the customer gets no automatic message unless a rule lists
   * APPT_ACTOR_STAFF). Always filled on output. */
  const int *cancelled_by;
  size_t cancelled_by_count;
} appt_message_rule;
#define APPT_MESSAGE_RULE_INIT                                              \
  { APPT_MESSAGE_RULE_VERSION, 0, NULL, APPT_MESSAGE_KIND_REMINDER, 1,      \
    APPT_AUDIENCE_CUSTOMER, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0, {0, 0}, \
    3600, NULL, NULL, NULL, 0 }

#define APPT_MESSAGE_RULE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_message_rule *items; /* owned by the list, not each item */
  size_t count;
  void *owner_; /* private */
} appt_message_rule_list;
#define APPT_MESSAGE_RULE_LIST_INIT \
  { APPT_MESSAGE_RULE_LIST_VERSION, NULL, 0, NULL }

/* A rule is validated whole, templates included: a template naming an
 * unknown field, a bad locale, a channel without a default template, a
 * repeated channel are APPT_ERR_INVALID_ARGUMENT naming the field (e.g.
 * "templates[0].body"); an unknown service id is APPT_ERR_NOT_FOUND.
 * Saving a timed rule plans its timers for every booked appointment from
 * now on (a book-again rule: for visits attended after it is saved), fired
 * by appt_engine_run_due; disabling or deleting it drops them. Change rules
 * apply to changes made after they are saved. */
APPT_EXTERN int appt_message_rule_create(int64_t *out_id, appt_engine *engine,
                                         const appt_message_rule *rule);
/* Replaces the rule with id rule->id whole. */
APPT_EXTERN int appt_message_rule_update(appt_engine *engine,
                                         const appt_message_rule *rule);
/* Disabling keeps the rule (and its history) but stops it firing. */
APPT_EXTERN int appt_message_rule_set_enabled(appt_engine *engine, int64_t id,
                                              int enabled);
APPT_EXTERN int appt_message_rule_delete(appt_engine *engine, int64_t id);
APPT_EXTERN int appt_message_rule_get(appt_message_rule *out,
                                      appt_engine *engine, int64_t id);
APPT_EXTERN int appt_message_rule_list_all(appt_message_rule_list *out,
                                           appt_engine *engine);
APPT_EXTERN void appt_message_rule_dispose(appt_message_rule *rule);
APPT_EXTERN void appt_message_rule_list_dispose(appt_message_rule_list *list);

/* ---- Messaging settings ----------------------------------------------- */

/* Business-wide, stored with the business's data (every process on one
 * store reads the same values). */
#define APPT_MESSAGING_SETTINGS_VERSION 1
typedef struct {
  unsigned int version;
  const char *business_name; /* {{business.name}} in templates */
  /* BCP 47; templates fall back to it when the recipient's locale has
   * none. Default "en". */
  const char *default_locale;
  /* Quiet hours: timed messages go out only inside
   * [send_window_start_minute, send_window_end_minute) of the recipient's
   * local day. has_send_window 0: any time. */
  int has_send_window;
  int send_window_start_minute;
  int send_window_end_minute;
  /* At most this many reminders per customer per local day; 0: no cap. */
  int max_reminders_per_customer_per_day;
  /* Outbox retries: a retryable failure is tried again after
   * retry_backoff_seconds, doubling up to max_retry_backoff_seconds; after
   * max_attempts calls the message is failed. */
  int max_attempts;                  /* 1..100; default 5 */
  int64_t retry_backoff_seconds;     /* 1 s..1 day; default 60 */
  int64_t max_retry_backoff_seconds; /* ..7 days; default 6 h */
  /* A message handed to the notifier and never answered (a crash) is
   * offered again after this long. 1 s..1 day; default 300. */
  int64_t claim_timeout_seconds;
  void *owner_; /* private */
} appt_messaging_settings;
#define APPT_MESSAGING_SETTINGS_INIT                                        \
  { APPT_MESSAGING_SETTINGS_VERSION, NULL, "en", 0, 0, 0, 0, 5, 60, 6 * 3600, \
    300, NULL }

/* Validated whole (APPT_ERR_INVALID_ARGUMENT names the field). Changing the
 * send window re-plans every rule's timers. */
APPT_EXTERN int appt_messaging_settings_set(
    appt_engine *engine, const appt_messaging_settings *settings);
APPT_EXTERN int appt_messaging_settings_get(appt_messaging_settings *out,
                                            appt_engine *engine);
APPT_EXTERN void appt_messaging_settings_dispose(
    appt_messaging_settings *settings);

/* ---- Messages ----------------------------------------------------------- */

#define APPT_MESSAGE_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id;
  /* Stable across retries and crashes: the notifier may see one message
   * twice, never two messages with one key. */
  const char *idempotency_key;
  int64_t rule_id;
  int64_t occurrence; /* tells repetitions of one rule apart */
  int kind;           /* appt_message_kind */
  int audience;       /* appt_audience */
  int64_t appointment_id;
  int64_t customer_id;
  int channel;           /* appt_channel */
  const char *recipient; /* email address, E.164 phone or agent id */
  const char *locale;    /* the template's locale actually used */
  const char *subject;   /* email only; else "" */
  const char *body;
  /* An RFC 5545 VCALENDAR for email confirmations, reschedules and
   * cancellations; else "". */
  const char *calendar;
  int state;    /* appt_message_state */
  int attempts; /* calls to the notifier so far */
  int64_t created_at;
  int64_t not_before; /* quiet hours or a retry's backoff */
  int64_t updated_at;
  const char *provider_id; /* from the notifier when accepted */
  const char *error;       /* the last failure, if any */
  void *owner_;            /* private */
} appt_message;
#define APPT_MESSAGE_INIT                                                   \
  { APPT_MESSAGE_VERSION, 0, NULL, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL,   \
    NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL }

#define APPT_MESSAGE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_message *items; /* oldest first; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_message_list;
#define APPT_MESSAGE_LIST_INIT { APPT_MESSAGE_LIST_VERSION, NULL, 0, NULL }

/* A delivery report from the host: `state` is APPT_MESSAGE_STATE_DELIVERED,
 * _READ or _FAILED for a sent message (read also from delivered; failed
 * from sent or delivered). Another state is APPT_ERR_INVALID_ARGUMENT; a
 * move the message's state forbids is APPT_ERR_FAILED_PRECONDITION naming
 * both states; an unknown id APPT_ERR_NOT_FOUND. `detail` (NULL: "", e.g.
 * the provider's error) joins the appointment's timeline. `out` may be
 * NULL; else it receives the message after the change. */
APPT_EXTERN int appt_message_report(appt_message *out, appt_engine *engine,
                                    int64_t id, int state, const char *detail);
APPT_EXTERN int appt_message_get(appt_message *out, appt_engine *engine,
                                 int64_t id);
/* Message history, oldest first. An unknown appointment or customer is
 * APPT_ERR_NOT_FOUND. */
APPT_EXTERN int appt_message_list_for_appointment(appt_message_list *out,
                                                  appt_engine *engine,
                                                  int64_t appointment_id);
APPT_EXTERN int appt_message_list_for_customer(appt_message_list *out,
                                               appt_engine *engine,
                                               int64_t customer_id);
APPT_EXTERN void appt_message_dispose(appt_message *message);
APPT_EXTERN void appt_message_list_dispose(appt_message_list *list);

/* ---- Firings and timers ----------------------------------------------- */

/* The durable record that a (rule, appointment, occurrence) was acted on:
 * a message created, or skipped with a reason. It never happens twice. */
typedef struct {
  int64_t id;
  int64_t rule_id;
  int64_t appointment_id;
  int64_t occurrence;
  int64_t at;         /* when it was decided */
  int outcome;        /* appt_firing_outcome */
  int64_t message_id; /* CREATED: the message; else 0 */
  const char *reason; /* SKIPPED: why, e.g. "no usable channel (…)" */
} appt_firing;

#define APPT_FIRING_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_firing *items; /* oldest first */
  size_t count;
  void *owner_; /* private */
} appt_firing_list;
#define APPT_FIRING_LIST_INIT { APPT_FIRING_LIST_VERSION, NULL, 0, NULL }

/* A pending promise to act for one appointment; derived from the rules and
 * re-planned on every change, never edited by hand. */
typedef struct {
  int64_t id;
  int kind; /* appt_timer_kind */
  int64_t rule_id;
  int64_t appointment_id;
  int64_t occurrence;
  int64_t nominal_due; /* when the rule says; grace counts from here */
  int64_t due; /* when run-due takes it: later if moved into the window */
} appt_timer;

#define APPT_TIMER_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_timer *items; /* by due */
  size_t count;
  void *owner_; /* private */
} appt_timer_list;
#define APPT_TIMER_LIST_INIT { APPT_TIMER_LIST_VERSION, NULL, 0, NULL }

/* Unknown appointment ids are APPT_ERR_NOT_FOUND. */
APPT_EXTERN int appt_firing_list_for_appointment(appt_firing_list *out,
                                                 appt_engine *engine,
                                                 int64_t appointment_id);
APPT_EXTERN int appt_timer_list_for_appointment(appt_timer_list *out,
                                                appt_engine *engine,
                                                int64_t appointment_id);
APPT_EXTERN void appt_firing_list_dispose(appt_firing_list *list);
APPT_EXTERN void appt_timer_list_dispose(appt_timer_list *list);

/* ---- The notifier ------------------------------------------------------- */

typedef enum {
  APPT_SEND_ACCEPTED = 0, /* the provider took it: the message is sent */
  APPT_SEND_RETRY = 1,    /* a transient failure: tried again later */
  APPT_SEND_FAIL = 2      /* a permanent failure: the message is failed */
} appt_send_outcome;

#define APPT_SEND_RESULT_VERSION 1
/* The notifier's answer, filled in place by the callback: no ownership
 * question arises. The library initialises it (outcome ACCEPTED, empty
 * strings) before each call. Strings are UTF-8, NUL-terminated; the
 * library reads at most sizeof(field) - 1 bytes of each and replaces
 * invalid UTF-8. appt_send_result_accept / _retry / _fail fill it safely. */
typedef struct {
  unsigned int version;
  int outcome;           /* appt_send_outcome */
  char provider_id[128]; /* ACCEPTED: the provider's message id */
  char error[256];       /* RETRY, FAIL: why, for the history */
} appt_send_result;

/* Set the outcome and copy `text` (NULL: "") into provider_id (accept) or
 * error (retry, fail), cut at a UTF-8 character boundary to fit. NULL `out`
 * is a no-op. Do not touch the thread's error state; safe in callbacks. */
APPT_EXTERN void appt_send_result_accept(appt_send_result *out,
                                         const char *provider_id);
APPT_EXTERN void appt_send_result_retry(appt_send_result *out,
                                        const char *error);
APPT_EXTERN void appt_send_result_fail(appt_send_result *out,
                                       const char *error);

/* The host's sender. Called after the command that queued `message`
 * commits, and by appt_engine_run_due / appt_engine_dispatch_messages /
 * the background runner, with no engine lock held, on the thread that ran
 * them — possibly on several threads at once. It may call back into the
 * engine (e.g. appt_message_report), except appt_engine_stop_runner and
 * appt_engine_free. `message` and its strings are valid only during the
 * call. Fill `out` and return 0; a non-zero return, or an outcome out of
 * range, counts as a retryable failure. Delivery is at least once: after a
 * crash the same message (same idempotency_key) may be offered again. */
typedef int (*appt_notifier_cb)(appt_send_result *out,
                                const appt_message *message, void *payload);

/* Sets the engine's notifier, replacing any previous one; a NULL callback
 * removes it (messages then stay queued until one is set). The library
 * takes the payload in every case: `free_payload` (may be NULL) is called
 * once the notifier is replaced or removed and no call of it is running,
 * when the engine is freed, or at once when `callback` is NULL or the call
 * fails — on whichever thread lets go of it last. Without `free_payload`,
 * the payload must outlive the engine or the next set_notifier call. */
APPT_EXTERN int appt_engine_set_notifier(appt_engine *engine,
                                         appt_notifier_cb callback,
                                         void *payload,
                                         appt_payload_free_cb free_payload);

/* ---- Running due work --------------------------------------------------- */

#define APPT_DISPATCH_REPORT_VERSION 1
/* Messages handed to the notifier by one dispatch pass. */
typedef struct {
  unsigned int version;
  int sent;    /* accepted: now sent */
  int retried; /* retryable failures, tried again later */
  int failed;  /* permanent failures or out of attempts: now failed */
} appt_dispatch_report;
#define APPT_DISPATCH_REPORT_INIT { APPT_DISPATCH_REPORT_VERSION, 0, 0, 0 }

#define APPT_RUN_DUE_REPORT_VERSION 1
typedef struct {
  unsigned int version;
  int messages_created; /* firings that queued a message */
  int skipped;          /* firings recorded as skipped, with a reason */
  int dropped;          /* stale timers removed without a firing */
  int sent;             /* the dispatch that followed, as above */
  int retried;
  int failed;
} appt_run_due_report;
#define APPT_RUN_DUE_REPORT_INIT \
  { APPT_RUN_DUE_REPORT_VERSION, 0, 0, 0, 0, 0, 0 }

/* Fires every timer due at the engine clock's now, in due order, each in a
 * transaction of its own with its effects and its firing record, then
 * dispatches every queued message whose time has come (new ones, and
 * retries whose backoff has passed). `out` may be NULL. */
APPT_EXTERN int appt_engine_run_due(appt_run_due_report *out,
                                    appt_engine *engine);
/* Only the dispatch half of appt_engine_run_due. `out` may be NULL. */
APPT_EXTERN int appt_engine_dispatch_messages(appt_dispatch_report *out,
                                              appt_engine *engine);
/* The earliest instant at which run-due has work (a timer, a queued message
 * or a retry): *out_has is 1 and *out_unix that instant, or *out_has is 0
 * (and *out_unix 0) when there is none. */
APPT_EXTERN int appt_engine_next_due(int64_t *out_unix, int *out_has,
                                     appt_engine *engine);

#define APPT_RUNNER_OPTIONS_VERSION 1
typedef struct {
  unsigned int version;
  /* The runner sleeps until the next due work but at most this long, so
   * work added by other processes on the same store is seen.
   * 1..86400000 (one day). */
  int64_t max_sleep_ms;
} appt_runner_options;
#define APPT_RUNNER_OPTIONS_INIT { APPT_RUNNER_OPTIONS_VERSION, 5000 }

/* Runs appt_engine_run_due on a thread of its own at each next due instant
 * of the engine's clock (and at least every max_sleep_ms) until stopped or
 * the engine is freed. NULL options mean the defaults. A runner already
 * running is APPT_ERR_FAILED_PRECONDITION. */
APPT_EXTERN int appt_engine_start_runner(appt_engine *engine,
                                         const appt_runner_options *options);
/* Stops the runner, waiting for its current pass. OK when none runs.
 * Called from a notifier callback it is APPT_ERR_FAILED_PRECONDITION (the
 * callback may be running on the runner's own thread). */
APPT_EXTERN int appt_engine_stop_runner(appt_engine *engine);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_MESSAGING_H_ */
