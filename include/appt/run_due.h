// What Engine::RunDue and Engine::DispatchMessages did, and the options of
// the optional background runner (R8.4). Plain values.
#ifndef APPT_RUN_DUE_H_
#define APPT_RUN_DUE_H_

#include <chrono>

namespace appt {

// Messages handed to the notifier by one dispatch pass.
struct DispatchReport {
  int sent = 0;     // accepted by the notifier: now kSent
  int retried = 0;  // retryable failures, tried again later
  int failed = 0;   // permanent failures or out of attempts: now kFailed
  friend bool operator==(const DispatchReport&,
                         const DispatchReport&) = default;
};

struct RunDueReport {
  int messages_created = 0;  // firings that queued a message
  int skipped = 0;           // firings recorded as skipped, with a reason
  int dropped = 0;  // stale timers removed without a firing (their rule or
                    // appointment changed in a way no re-plan had caught)
  DispatchReport dispatch{};
  friend bool operator==(const RunDueReport&, const RunDueReport&) = default;
};

struct BackgroundRunnerOptions {
  // The runner sleeps until the next due timer or message, but at most this
  // long, so work added by other processes on the same store is seen.
  std::chrono::milliseconds max_sleep{std::chrono::seconds(5)};
};

}  // namespace appt

#endif  // APPT_RUN_DUE_H_
