// The host's message sender (R4.4, R4.5, R8.2). The engine never sends
// anything itself: after a command commits, it hands each queued message to
// the Notifier and records the answer.
//
// Contract for implementations:
//  - Send is called with no engine lock held, on the thread that ran the
//    command or RunDue; it may call back into the Engine (e.g. to report a
//    delivery). It may be called from several threads at once when several
//    threads use the engine.
//  - Delivery is at least once: after a crash between Send and the answer
//    being stored, the same message (same idempotency_key) is offered again
//    once its claim times out (MessagingSettings::claim_timeout). Answers
//    are stored per batch of up to 16 messages, so a Send slower than
//    claim_timeout / 16 risks a repeat even without a crash. Use the key to
//    drop repeats.
//  - A delivery report (Engine::ReportDelivery) may arrive before Send's
//    answer is stored; it is accepted, and the later answer keeps it.
//  - Exceptions are treated as a retryable failure.
//  - The Engine must not be destroyed from inside Send.
#ifndef APPT_NOTIFIER_H_
#define APPT_NOTIFIER_H_

#include <string>

#include "appt/message.h"

namespace appt {

struct SendResult {
  enum class Outcome { kAccepted, kRetryableFailure, kPermanentFailure };
  Outcome outcome = Outcome::kAccepted;
  std::string provider_id{};  // kAccepted: the provider's message id
  std::string error{};        // failures: why, for the history

  static SendResult Accepted(std::string provider_id) {
    return {Outcome::kAccepted, std::move(provider_id), ""};
  }
  static SendResult Retry(std::string error) {
    return {Outcome::kRetryableFailure, "", std::move(error)};
  }
  static SendResult Fail(std::string error) {
    return {Outcome::kPermanentFailure, "", std::move(error)};
  }
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual SendResult Send(const Message& message) = 0;
};

}  // namespace appt

#endif  // APPT_NOTIFIER_H_
