/* A minimal test harness for the C ABI tests: CHECK* record a failure with
 * file, line and the library's last error, and main() returns non-zero if
 * any check failed. C11; no dependencies. */
#ifndef APPT_TESTS_CAPI_CAPI_CHECK_H_
#define APPT_TESTS_CAPI_CAPI_CHECK_H_

#include <stdio.h>
#include <string.h>

#include "appt/appt.h"

static int capi_failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, \
              __LINE__, #cond, appt_error_last()->message);                 \
      ++capi_failures;                                                      \
    }                                                                       \
  } while (0)

/* Checks that `call` returns APPT_OK. */
#define CHECK_OK(call)                                                      \
  do {                                                                      \
    int check_rc_ = (call);                                                 \
    if (check_rc_ != APPT_OK) {                                             \
      fprintf(stderr, "%s:%d: %s returned %s: %s\n", __FILE__, __LINE__,    \
              #call, appt_error_code_name(check_rc_),                       \
              appt_error_last()->message);                                  \
      ++capi_failures;                                                      \
    }                                                                       \
  } while (0)

/* Checks that `call` fails with `want` and that the message mentions
 * `needle` (a field name or value). */
#define CHECK_ERR(want, needle, call)                                       \
  do {                                                                      \
    int check_rc_ = (call);                                                 \
    const appt_error *check_err_ = appt_error_last();                       \
    if (check_rc_ != (want) || check_err_->code != (want) ||                \
        strstr(check_err_->message, (needle)) == NULL) {                    \
      fprintf(stderr,                                                       \
              "%s:%d: %s returned %s (\"%s\"), want %s mentioning \"%s\"\n", \
              __FILE__, __LINE__, #call, appt_error_code_name(check_rc_),   \
              check_err_->message, appt_error_code_name(want), (needle));   \
      ++capi_failures;                                                      \
    }                                                                       \
  } while (0)

static int capi_report(const char *name) {
  if (capi_failures == 0) {
    printf("%s: all checks passed\n", name);
    return 0;
  }
  fprintf(stderr, "%s: %d check(s) failed\n", name, capi_failures);
  return 1;
}

#endif /* APPT_TESTS_CAPI_CAPI_CHECK_H_ */
