// The state both stores keep for an open transaction, and the check every
// transaction method runs first. Internal to the stores.
#ifndef APPT_SRC_STORAGE_TRANSACTION_STATE_H_
#define APPT_SRC_STORAGE_TRANSACTION_STATE_H_

#include "absl/status/status.h"
#include "appt/store.h"

namespace appt::storage_internal {

struct TransactionState {
  Store::Mode mode;
  bool finished = false;

  // FailedPrecondition after Commit(), or for a write (`write`) in a read
  // transaction.
  absl::Status CheckOpen(bool write) const {
    if (finished) {
      return absl::FailedPreconditionError("transaction already committed");
    }
    if (write && mode != Store::Mode::kWrite) {
      return absl::FailedPreconditionError("write in a read transaction");
    }
    return absl::OkStatus();
  }
};

}  // namespace appt::storage_internal

#endif  // APPT_SRC_STORAGE_TRANSACTION_STATE_H_
