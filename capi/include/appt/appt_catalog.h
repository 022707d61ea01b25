/*
 * appt's C ABI, part 2: the catalog (R1.1–R1.3) — resources, their blocked
 * intervals, services and customers. Include "appt/appt.h"; the conventions
 * stated there hold here.
 *
 * Records are read and written with one struct type. As input (create,
 * update) every pointer is borrowed for the call. As output (get, list) the
 * library fills the struct, which then owns its strings and arrays through
 * `owner_` until the matching *_dispose. An output struct is disposed before
 * it is filled, so one struct may be reused across calls; it must be
 * initialised (APPT_*_INIT) before its first use. Never set `owner_`.
 */
#ifndef APPT_APPT_CATALOG_H_
#define APPT_APPT_CATALOG_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Resources ---------------------------------------------------------- */

/* Working hours on one weekday, in local minutes after midnight:
 * [start_minute, end_minute), 0 <= start < end <= 1440. weekday: 0 is
 * Monday … 6 is Sunday. Spans of one weekday must not overlap. */
typedef struct {
  int weekday;
  int start_minute;
  int end_minute;
} appt_weekly_span;

typedef struct {
  int start_minute;
  int end_minute;
} appt_day_span;

/* A dated exception on the resource's local calendar: closed all day
 * (span_count 0) or changed hours (the spans replace the weekday's hours). */
typedef struct {
  int year;
  int month; /* 1..12 */
  int day;   /* 1..31 */
  const appt_day_span *spans;
  size_t span_count;
} appt_date_exception;

#define APPT_RESOURCE_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine; ignored on create */
  const char *name;
  const char *time_zone; /* IANA name */
  const appt_weekly_span *weekly_hours;
  size_t weekly_hour_count;
  const appt_date_exception *exceptions; /* at most one per date */
  size_t exception_count;
  const char *notification_email; /* optional */
  const char *responsible_agent;  /* optional host user id */
  const char *external_id;        /* optional host id */
  void *owner_;                   /* private */
} appt_resource;
#define APPT_RESOURCE_INIT \
  { APPT_RESOURCE_VERSION, 0, NULL, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL }

#define APPT_RESOURCE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_resource *items;
  size_t count;
  void *owner_; /* private */
} appt_resource_list;
#define APPT_RESOURCE_LIST_INIT { APPT_RESOURCE_LIST_VERSION, NULL, 0, NULL }

APPT_EXTERN int appt_resource_create(int64_t *out_id, appt_engine *engine,
                                     const appt_resource *resource);
/* Replaces the record with id resource->id whole. */
APPT_EXTERN int appt_resource_update(appt_engine *engine,
                                     const appt_resource *resource);
APPT_EXTERN int appt_resource_get(appt_resource *out, appt_engine *engine,
                                  int64_t id);
APPT_EXTERN int appt_resource_list_all(appt_resource_list *out,
                                       appt_engine *engine);
APPT_EXTERN void appt_resource_dispose(appt_resource *resource);
APPT_EXTERN void appt_resource_list_dispose(appt_resource_list *list);

/* ---- Blocked intervals ---------------------------------------------------- */

/* Time off, or a busy time imported from another calendar: no slot
 * overlapping [start, end) is offered. At most 24 hours long. */
#define APPT_BLOCK_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine */
  int64_t resource_id;
  int64_t start;
  int64_t end;
  const char *reason;      /* optional */
  const char *external_id; /* optional, e.g. the remote event id */
} appt_block;
#define APPT_BLOCK_INIT { APPT_BLOCK_VERSION, 0, 0, 0, 0, NULL, NULL }

#define APPT_BLOCK_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_block *items;
  size_t count;
  void *owner_; /* private */
} appt_block_list;
#define APPT_BLOCK_LIST_INIT { APPT_BLOCK_LIST_VERSION, NULL, 0, NULL }

APPT_EXTERN int appt_block_add(int64_t *out_id, appt_engine *engine,
                               const appt_block *block);
APPT_EXTERN int appt_block_remove(appt_engine *engine, int64_t id);
/* The resource's blocked intervals overlapping [window_start, window_end). */
APPT_EXTERN int appt_block_list_window(appt_block_list *out,
                                       appt_engine *engine,
                                       int64_t resource_id,
                                       int64_t window_start,
                                       int64_t window_end);
APPT_EXTERN void appt_block_list_dispose(appt_block_list *list);

/* ---- Services ------------------------------------------------------------ */

#define APPT_SERVICE_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine */
  const char *name;
  int64_t duration_seconds;      /* > 0; with buffers at most 24 h */
  int64_t price_minor_units;     /* >= 0, e.g. cents */
  const char *currency;          /* ISO 4217, e.g. "EUR" */
  int64_t buffer_before_seconds; /* >= 0 */
  int64_t buffer_after_seconds;  /* >= 0 */
  int capacity;                  /* seats per slot, >= 1 */
  const int64_t *resource_ids;   /* who performs it; non-empty */
  size_t resource_id_count;
  int64_t min_notice_seconds; /* earliest start is now + notice */
  int64_t horizon_seconds;    /* latest start is now + horizon */
  int workflow_enabled;       /* status workflow switch (R3.1) */
  const char *external_id;
  void *owner_; /* private */
} appt_service;
#define APPT_SERVICE_INIT                                                   \
  { APPT_SERVICE_VERSION, 0, NULL, 0, 0, "EUR", 0, 0, 1, NULL, 0, 0,        \
    365 * 86400, 0, NULL, NULL }

#define APPT_SERVICE_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_service *items;
  size_t count;
  void *owner_; /* private */
} appt_service_list;
#define APPT_SERVICE_LIST_INIT { APPT_SERVICE_LIST_VERSION, NULL, 0, NULL }

APPT_EXTERN int appt_service_create(int64_t *out_id, appt_engine *engine,
                                    const appt_service *service);
APPT_EXTERN int appt_service_update(appt_engine *engine,
                                    const appt_service *service);
APPT_EXTERN int appt_service_get(appt_service *out, appt_engine *engine,
                                 int64_t id);
APPT_EXTERN int appt_service_list_all(appt_service_list *out,
                                      appt_engine *engine);
APPT_EXTERN void appt_service_dispose(appt_service *service);
APPT_EXTERN void appt_service_list_dispose(appt_service_list *list);

/* ---- Customers ----------------------------------------------------------- */

/* Consent to be contacted on one channel; given_at is meaningful only when
 * `given` is non-zero. */
typedef struct {
  int given;
  int64_t given_at;
} appt_consent;

#define APPT_CUSTOMER_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine */
  const char *name;
  const char *email;     /* optional; validated when set */
  const char *phone;     /* optional; E.164 when set */
  const char *locale;    /* optional BCP 47 tag */
  const char *time_zone; /* optional IANA name */
  appt_consent consent_email;
  appt_consent consent_sms;
  appt_consent consent_whatsapp;
  appt_consent consent_marketing;
  const char *external_id;
  void *owner_; /* private */
} appt_customer;
#define APPT_CUSTOMER_INIT                                                  \
  { APPT_CUSTOMER_VERSION, 0, NULL, NULL, NULL, NULL, NULL, {0, 0}, {0, 0}, \
    {0, 0}, {0, 0}, NULL, NULL }

APPT_EXTERN int appt_customer_create(int64_t *out_id, appt_engine *engine,
                                     const appt_customer *customer);
APPT_EXTERN int appt_customer_update(appt_engine *engine,
                                     const appt_customer *customer);
APPT_EXTERN int appt_customer_get(appt_customer *out, appt_engine *engine,
                                  int64_t id);
APPT_EXTERN void appt_customer_dispose(appt_customer *customer);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_CATALOG_H_ */
