// StoreTransaction's default catalog views: one copy per row, held by the
// transaction.
#include <memory>
#include <utility>

#include "appt/store.h"

namespace appt {

template <typename Row, typename Get>
absl::StatusOr<const Row*> StoreTransaction::DefaultView(int table, int64_t id,
                                                         Get get) {
  auto& held = viewed_rows_[{table, id}];
  if (held == nullptr) {
    absl::StatusOr<Row> row = get(id);
    if (!row.ok()) {
      viewed_rows_.erase({table, id});
      return row.status();
    }
    held = std::make_shared<const Row>(*std::move(row));
  }
  return static_cast<const Row*>(held.get());
}

absl::StatusOr<const Resource*> StoreTransaction::ViewResource(ResourceId id) {
  return DefaultView<Resource>(0, id,
                               [this](ResourceId i) { return GetResource(i); });
}

absl::StatusOr<const Service*> StoreTransaction::ViewService(ServiceId id) {
  return DefaultView<Service>(1, id,
                              [this](ServiceId i) { return GetService(i); });
}

absl::StatusOr<const Customer*> StoreTransaction::ViewCustomer(CustomerId id) {
  return DefaultView<Customer>(2, id,
                               [this](CustomerId i) { return GetCustomer(i); });
}

}  // namespace appt
