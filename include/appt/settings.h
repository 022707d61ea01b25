// Business-wide messaging settings (R4.1–R4.6): the business's name and
// default language, the send window, the daily reminder cap and the retry
// policy of the outbox. Stored with the business's data, so every process
// on one store reads the same values. Plain values; safe to copy.
#ifndef APPT_SETTINGS_H_
#define APPT_SETTINGS_H_

#include <optional>
#include <string>

#include "appt/catalog.h"
#include "appt/types.h"

namespace appt {

struct MessagingSettings {
  std::string business_name{};  // {{business.name}} in templates
  // BCP 47; templates fall back to it when the recipient's locale has none,
  // then to the rule's default ("") templates. Also formats dates for
  // recipients with no locale.
  std::string default_locale = "en";
  // Quiet hours: timed messages (reminders, follow-ups…) go out only inside
  // this span of the recipient's local day; one due outside it waits for
  // the window to open, and is skipped if that is past its grace. Change
  // messages (confirmed, cancelled…) answer the customer at once. Unset:
  // any time.
  std::optional<LocalSpan> send_window{};
  // At most this many reminders per customer per local day; 0: no cap.
  int max_reminders_per_customer_per_day = 0;
  // Outbox retries: a retryable failure is tried again after
  // retry_backoff, doubling each time up to max_retry_backoff; after
  // max_attempts calls the message is failed.
  int max_attempts = 5;
  Duration retry_backoff{std::chrono::minutes(1)};
  Duration max_retry_backoff{std::chrono::hours(6)};
  // A message handed to the notifier and not yet answered (a crash between
  // the call and its answer) is offered again after this long.
  Duration claim_timeout{std::chrono::minutes(5)};
  friend bool operator==(const MessagingSettings&,
                         const MessagingSettings&) = default;
};

}  // namespace appt

#endif  // APPT_SETTINGS_H_
