// StoreTransaction's default catalog views (one copy per row, held by the
// transaction) and its default InsertFiredMessage.
#include <memory>
#include <utility>

#include "appt/store.h"
#include "storage/outbox_contract.h"

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

absl::StatusOr<MessageId> StoreTransaction::InsertFiredMessage(
    const Message& m, Instant fired_at,
    absl::FunctionRef<TimelineEntry(MessageId)> note) {
  auto fired = FindFiring(m.rule_id, m.appointment_id, m.occurrence);
  if (!fired.ok()) return fired.status();
  if (fired->has_value()) {
    return storage_internal::FiringExists(m.rule_id, m.appointment_id,
                                          m.occurrence);
  }
  auto id = InsertMessage(m);
  if (!id.ok()) return id;
  const Firing f{0,
                 m.rule_id,
                 m.appointment_id,
                 m.occurrence,
                 fired_at,
                 FiringOutcome::kCreated,
                 *id,
                 ""};
  if (auto firing = InsertFiring(f); !firing.ok()) return firing.status();
  if (auto entry = AppendTimeline(note(*id)); !entry.ok()) {
    return entry.status();
  }
  return id;
}

}  // namespace appt
