// StoreTransaction's default catalog views: a copy held by the transaction.
#include <memory>
#include <utility>

#include "appt/store.h"

namespace appt {
namespace {

template <typename Row>
absl::StatusOr<const Row*> Hold(absl::StatusOr<Row> row,
                                std::vector<std::shared_ptr<const void>>& held) {
  if (!row.ok()) return row.status();
  auto copy = std::make_shared<const Row>(*std::move(row));
  const Row* view = copy.get();
  held.push_back(std::move(copy));
  return view;
}

}  // namespace

absl::StatusOr<const Resource*> StoreTransaction::ViewResource(ResourceId id) {
  return Hold(GetResource(id), viewed_rows_);
}

absl::StatusOr<const Service*> StoreTransaction::ViewService(ServiceId id) {
  return Hold(GetService(id), viewed_rows_);
}

absl::StatusOr<const Customer*> StoreTransaction::ViewCustomer(CustomerId id) {
  return Hold(GetCustomer(id), viewed_rows_);
}

}  // namespace appt
