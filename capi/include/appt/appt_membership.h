/*
 * appt's C ABI, part 7: memberships (R7.1–R7.4) — plans of prepaid visits
 * and the memberships customers buy from them. Include "appt/appt.h"; the
 * conventions stated there and in appt_catalog.h (input structs borrowed,
 * output structs owning their strings and arrays through `owner_` until
 * *_dispose) hold here.
 *
 * A purchase fixes the plan's terms in the membership and gives it a
 * unique certificate number. Booking with appt_book_request.membership_id
 * holds a visit; cancelling returns it; attendance uses it; a no-show uses
 * it unless the terms return it. The last visit used with none booked, or
 * the expiry passed, expires the membership.
 */
#ifndef APPT_APPT_MEMBERSHIP_H_
#define APPT_APPT_MEMBERSHIP_H_

#include "appt/appt.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  APPT_NO_SHOW_USES_VISIT = 0,
  APPT_NO_SHOW_RETURNS_VISIT = 1
} appt_no_show_policy;

typedef enum {
  APPT_MEMBERSHIP_ACTIVE = 0,
  APPT_MEMBERSHIP_EXPIRED = 1
} appt_membership_state;

/* "uses_visit", "returns_visit" / "active", "expired"; "unknown" for bad
 * values. */
APPT_EXTERN const char *appt_no_show_policy_name(int policy);
APPT_EXTERN const char *appt_membership_state_name(int state);

#define APPT_MEMBERSHIP_PLAN_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id; /* assigned by the engine; ignored on create */
  const char *name;
  const int64_t *service_ids; /* the services it covers; non-empty */
  size_t service_id_count;
  int visits;        /* 1..1000 */
  int validity_days; /* 1..3660, from the purchase */
  int64_t price_minor_units;
  const char *currency; /* ISO 4217 */
  int no_show;          /* appt_no_show_policy */
  const char *external_id;
  void *owner_; /* private */
} appt_membership_plan;
#define APPT_MEMBERSHIP_PLAN_INIT                                       \
  { APPT_MEMBERSHIP_PLAN_VERSION, 0, NULL, NULL, 0, 10, 365, 0, "EUR",  \
    APPT_NO_SHOW_USES_VISIT, NULL, NULL }

#define APPT_MEMBERSHIP_PLAN_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_membership_plan *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_membership_plan_list;
#define APPT_MEMBERSHIP_PLAN_LIST_INIT \
  { APPT_MEMBERSHIP_PLAN_LIST_VERSION, NULL, 0, NULL }

/* Changing a plan affects new purchases only. */
APPT_EXTERN int appt_membership_plan_create(int64_t *out_id,
                                            appt_engine *engine,
                                            const appt_membership_plan *plan);
APPT_EXTERN int appt_membership_plan_update(appt_engine *engine,
                                            const appt_membership_plan *plan);
APPT_EXTERN int appt_membership_plan_get(appt_membership_plan *out,
                                         appt_engine *engine, int64_t id);
APPT_EXTERN int appt_membership_plan_list_all(appt_membership_plan_list *out,
                                              appt_engine *engine);
APPT_EXTERN void appt_membership_plan_dispose(appt_membership_plan *plan);
APPT_EXTERN void appt_membership_plan_list_dispose(
    appt_membership_plan_list *list);

#define APPT_MEMBERSHIP_VERSION 1
typedef struct {
  unsigned int version;
  int64_t id;
  int64_t plan_id;
  int64_t customer_id;
  const char *certificate_number; /* "M" + 9 digits + a Luhn digit */
  const int64_t *service_ids;     /* the terms at purchase */
  size_t service_id_count;
  int no_show; /* appt_no_show_policy */
  int64_t price_minor_units;
  const char *currency;
  int visits_total;
  int visits_booked; /* held by booked appointments */
  int visits_used;
  int visits_left;
  int64_t purchased_at;
  int64_t expires_at;
  int state;          /* appt_membership_state */
  int64_t expired_at; /* 0 while active */
  const char *expired_reason;
  const char *external_id;
  void *owner_; /* private */
} appt_membership;
#define APPT_MEMBERSHIP_INIT                                                 \
  { APPT_MEMBERSHIP_VERSION, 0, 0, 0, NULL, NULL, 0, 0, 0, NULL, 0, 0, 0, 0, \
    0, 0, 0, 0, NULL, NULL, NULL }

#define APPT_MEMBERSHIP_LIST_VERSION 1
typedef struct {
  unsigned int version;
  appt_membership *items; /* by id; owned by the list */
  size_t count;
  void *owner_; /* private */
} appt_membership_list;
#define APPT_MEMBERSHIP_LIST_INIT \
  { APPT_MEMBERSHIP_LIST_VERSION, NULL, 0, NULL }

#define APPT_PURCHASE_REQUEST_VERSION 1
typedef struct {
  unsigned int version;
  int64_t customer_id;
  int64_t plan_id;
  appt_actor actor; /* default: staff */
  const char *external_id;
  /* The host's own number (1 to 40 letters, digits, '-'), unique; NULL or
   * "": the engine draws one. */
  const char *certificate_number;
} appt_purchase_request;
#define APPT_PURCHASE_REQUEST_INIT \
  { APPT_PURCHASE_REQUEST_VERSION, 0, 0, {APPT_ACTOR_STAFF, NULL}, NULL, NULL }

APPT_EXTERN int appt_membership_purchase(appt_membership *out,
                                         appt_engine *engine,
                                         const appt_purchase_request *request);
/* A membership whose validity ended is reported expired. */
APPT_EXTERN int appt_membership_get(appt_membership *out, appt_engine *engine,
                                    int64_t id);
APPT_EXTERN int appt_membership_list_for_customer(appt_membership_list *out,
                                                  appt_engine *engine,
                                                  int64_t customer_id);
APPT_EXTERN void appt_membership_dispose(appt_membership *membership);
APPT_EXTERN void appt_membership_list_dispose(appt_membership_list *list);

#ifdef __cplusplus
}
#endif

#endif /* APPT_APPT_MEMBERSHIP_H_ */
