/*
 * appt's C ABI: the whole engine behind opaque handles, for hosts that link
 * C (CRM back ends in any language with a C FFI).
 *
 * Conventions, in the manner of libgit2 and SQLite:
 *  - Functions are named appt_<module>_<verb>; out-parameters come first.
 *  - Every function that can fail returns an int: APPT_OK (0) or one of the
 *    stable negative APPT_ERR_* codes. The message of the last failure on the
 *    calling thread is in appt_error_last(). A failed command changes
 *    nothing.
 *  - Instants are int64 Unix seconds (UTC); durations are int64 seconds;
 *    zones are IANA names ("Europe/Berlin"); strings are NUL-terminated
 *    UTF-8. A NULL string in an input struct means "".
 *  - Every struct that crosses the boundary starts with `version`. Initialise
 *    it with its APPT_*_INIT macro (or appt_*_init); a wrong version is
 *    APPT_ERR_INVALID_ARGUMENT. NULL option pointers mean the defaults.
 *  - Ownership: input structs and strings are borrowed for the duration of
 *    the call only. Structs and lists that the library fills own their
 *    strings and arrays until released with the matching *_dispose function;
 *    disposing a zero-initialised or already disposed struct is a no-op.
 *  - Thread safety: an appt_engine may be used from several threads at once;
 *    commands are serialised inside. The error state is per thread.
 *  - No C++ exception ever crosses this boundary.
 */
#ifndef APPT_APPT_H_
#define APPT_APPT_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define APPT_EXTERN __attribute__((visibility("default")))
#else
#define APPT_EXTERN
#endif

#define APPT_VERSION "0.1.0"
#define APPT_VERSION_MAJOR 0
#define APPT_VERSION_MINOR 1
#define APPT_VERSION_PATCH 0
#define APPT_VERSION_NUMBER \
  (APPT_VERSION_MAJOR * 10000 + APPT_VERSION_MINOR * 100 + APPT_VERSION_PATCH)

/* The library's version; equal to APPT_VERSION / APPT_VERSION_NUMBER of the
 * header it was built with. The string is static. */
APPT_EXTERN const char *appt_version(void);
APPT_EXTERN int appt_version_number(void);

/* ---- Errors ------------------------------------------------------------ */

/* Result codes. Stable: mapped one-to-one from absl::StatusCode (the code is
 * minus the status code number). */
typedef enum {
  APPT_OK = 0,
  APPT_ERR_CANCELLED = -1,
  APPT_ERR_UNKNOWN = -2,
  APPT_ERR_INVALID_ARGUMENT = -3, /* bad input; the message names the field */
  APPT_ERR_DEADLINE_EXCEEDED = -4,
  APPT_ERR_NOT_FOUND = -5,        /* an unknown id */
  APPT_ERR_CONFLICT = -6,         /* slot taken or capacity full */
  APPT_ERR_PERMISSION_DENIED = -7,
  APPT_ERR_RESOURCE_EXHAUSTED = -8, /* also: out of memory */
  APPT_ERR_FAILED_PRECONDITION = -9, /* e.g. a move from a final state */
  APPT_ERR_ABORTED = -10,
  APPT_ERR_OUT_OF_RANGE = -11,
  APPT_ERR_UNIMPLEMENTED = -12,
  APPT_ERR_INTERNAL = -13,
  APPT_ERR_UNAVAILABLE = -14, /* e.g. the database is locked */
  APPT_ERR_DATA_LOSS = -15,
  APPT_ERR_UNAUTHENTICATED = -16
} appt_error_code;

typedef struct {
  int code;            /* an appt_error_code */
  const char *message; /* never NULL; "" when code is APPT_OK */
} appt_error;

/* The last failure on this thread; code APPT_OK if the last call succeeded.
 * Never NULL. Valid until the next appt_* call on this thread. */
APPT_EXTERN const appt_error *appt_error_last(void);
APPT_EXTERN void appt_error_clear(void);
/* "INVALID_ARGUMENT", …; static strings; "UNRECOGNIZED" for other values. */
APPT_EXTERN const char *appt_error_code_name(int code);

/* ---- Clocks ------------------------------------------------------------ */

/* A clock that moves only when told (tests, simulations). Thread safe. An
 * engine opened with it keeps its own reference: the handle may be freed
 * before or after the engine. */
typedef struct appt_clock appt_clock;

APPT_EXTERN int appt_clock_manual_new(appt_clock **out, int64_t start_unix);
APPT_EXTERN void appt_clock_free(appt_clock *clock); /* NULL is a no-op */
APPT_EXTERN int appt_clock_now(int64_t *out_unix, const appt_clock *clock);
APPT_EXTERN int appt_clock_set(appt_clock *clock, int64_t unix_seconds);
APPT_EXTERN int appt_clock_advance(appt_clock *clock, int64_t seconds);

/* ---- Engine ------------------------------------------------------------ */

typedef struct appt_engine appt_engine;

typedef enum { APPT_DURABILITY_NORMAL = 0, APPT_DURABILITY_FULL = 1 } appt_durability;

#define APPT_SQLITE_OPTIONS_VERSION 1
typedef struct {
  unsigned int version;
  int durability;           /* appt_durability */
  int64_t busy_timeout_ms;  /* wait for another writer; default 5000 */
  int create_if_missing;    /* default 1 */
} appt_sqlite_options;
#define APPT_SQLITE_OPTIONS_INIT \
  { APPT_SQLITE_OPTIONS_VERSION, APPT_DURABILITY_NORMAL, 5000, 1 }

/* Version 2 appended max_firings_per_transaction; a version-1 struct is
 * still accepted (its missing fields take their defaults). */
#define APPT_ENGINE_OPTIONS_VERSION 2
typedef struct {
  unsigned int version;
  appt_clock *clock; /* borrowed; NULL: the system clock */
  /* Version 2: timers appt_engine_run_due fires per transaction, 1..10000
   * (default 64); a firing never spans two transactions. */
  int max_firings_per_transaction;
} appt_engine_options;
#define APPT_ENGINE_OPTIONS_INIT { APPT_ENGINE_OPTIONS_VERSION, NULL, 64 }

/* Opens an engine over a fresh in-memory store. Free with appt_engine_free. */
APPT_EXTERN int appt_engine_open_memory(appt_engine **out,
                                        const appt_engine_options *options);
/* Opens an engine over the SQLite file at `path` (created and migrated as
 * needed). Several processes may open one file. */
APPT_EXTERN int appt_engine_open_sqlite(appt_engine **out, const char *path,
                                        const appt_sqlite_options *sqlite,
                                        const appt_engine_options *options);
/* Closes the engine. NULL is a no-op. No call may be running on it, and no
 * listener may still be executing. Stops the background runner first
 * (waiting for its current pass), then releases the notifier and the
 * listeners, freeing their payloads. Never call it from a callback. */
APPT_EXTERN void appt_engine_free(appt_engine *engine);
/* The engine clock's now. */
APPT_EXTERN int appt_engine_now(int64_t *out_unix, appt_engine *engine);

#ifdef __cplusplus
}
#endif

#include "appt/appt_catalog.h" /* IWYU pragma: export */
#include "appt/appt_booking.h" /* IWYU pragma: export */
#include "appt/appt_messaging.h" /* IWYU pragma: export */
#include "appt/appt_workflow.h"  /* IWYU pragma: export */
#include "appt/appt_confirmation.h"  /* IWYU pragma: export */
#include "appt/appt_membership.h"  /* IWYU pragma: export */
#include "appt/appt_deal.h"  /* IWYU pragma: export */

#endif /* APPT_APPT_H_ */
