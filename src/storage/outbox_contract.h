// What store.h promises about messages and firings that the stores carry
// out alike: the order of the message listings, the customer a message may
// name and what makes a message or a firing a duplicate.
// Internal to the stores.
#ifndef APPT_SRC_STORAGE_OUTBOX_CONTRACT_H_
#define APPT_SRC_STORAGE_OUTBOX_CONTRACT_H_

#include <algorithm>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "appt/message.h"
#include "appt/timer.h"

namespace appt::storage_internal {

// Whether `a` lists before `b` in a message listing, by (created_at, id).
inline bool CreatedBefore(const Message& a, const Message& b) {
  return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
}
// Messages by (created_at, id), as both message listings promise.
inline std::vector<Message> ByCreation(std::vector<Message> messages) {
  std::sort(messages.begin(), messages.end(), &CreatedBefore);
  return messages;
}

// InvalidArgument unless `m` names its appointment's customer
// (`appointment_customer`): a customer's messages are those of their
// appointments.
inline absl::Status CheckMessageCustomer(const Message& m,
                                         CustomerId appointment_customer) {
  if (m.customer_id == appointment_customer) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("customer_id ", m.customer_id, " of message ",
                   m.idempotency_key, " is not the customer of appointment_id ",
                   m.appointment_id, " (", appointment_customer, ")"));
}

// AlreadyExists for a second message of one (rule, appointment,
// occurrence), naming its idempotency key.
inline absl::Status MessageExists(const Message& m) {
  return absl::AlreadyExistsError(
      absl::StrCat("message idempotency_key ", m.idempotency_key, " (rule_id ",
                   m.rule_id, ", appointment_id ", m.appointment_id,
                   ", occurrence ", m.occurrence, ") already exists"));
}

// AlreadyExists for a second firing of one (rule, appointment,
// occurrence).
inline absl::Status FiringExists(RuleId rule, AppointmentId appointment,
                                 int64_t occurrence) {
  return absl::AlreadyExistsError(
      absl::StrCat("firing (rule_id ", rule, ", appointment_id ", appointment,
                   ", occurrence ", occurrence, ") already exists"));
}

}  // namespace appt::storage_internal

#endif  // APPT_SRC_STORAGE_OUTBOX_CONTRACT_H_
