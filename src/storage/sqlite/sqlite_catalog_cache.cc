// SqliteTransaction's catalog rows (resources, services, customers) and
// their views, and its status chains and workflow settings, shared across
// transactions through SqliteStore::CatalogCache (all "catalog rows"
// below; every write to them runs ForgetCatalog).
//
// Why it is sound: a cached row was read by a transaction of this store
// that had written no catalog row, so it is a committed version. It stays
// the current version while (a) no other connection commits, which the
// first view of every transaction checks through PRAGMA data_version, and
// (b) this store writes no catalog row, which ForgetCatalog (run before
// every catalog write) ensures by emptying the cache and keeping the
// writing transaction off it. The cache is emptied only by a catalog write
// of the open transaction, at the first view of a transaction, or when a
// transaction ends, so a view stays valid as long as store.h promises.
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {

absl::StatusOr<ResourceId> SqliteTransaction::InsertResource(
    const Resource& r) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Insert(r, kInsertResource, &BindResource, "inserting resource");
}

absl::Status SqliteTransaction::UpdateResource(const Resource& r) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Update(r, kUpdateResource, &BindResource, "resource_id");
}

absl::StatusOr<Resource> SqliteTransaction::GetResource(ResourceId id) {
  return Get<Resource>(id, kGetResource, &ReadResource, "resource_id");
}

absl::StatusOr<std::vector<Resource>> SqliteTransaction::ListResources() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListResources);
  return Collect<Resource>(q, &ReadResource);
}

absl::StatusOr<ServiceId> SqliteTransaction::InsertService(const Service& s) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Insert(s, kInsertService, &BindService, "inserting service");
}

absl::Status SqliteTransaction::UpdateService(const Service& s) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Update(s, kUpdateService, &BindService, "service_id");
}

absl::StatusOr<Service> SqliteTransaction::GetService(ServiceId id) {
  return Get<Service>(id, kGetService, &ReadService, "service_id");
}

absl::StatusOr<std::vector<Service>> SqliteTransaction::ListServices() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListServices);
  return Collect<Service>(q, &ReadService);
}

absl::StatusOr<CustomerId> SqliteTransaction::InsertCustomer(
    const Customer& c) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Insert(c, kInsertCustomer, &BindCustomer, "inserting customer");
}

absl::Status SqliteTransaction::UpdateCustomer(const Customer& c) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  return Update(c, kUpdateCustomer, &BindCustomer, "customer_id");
}

absl::StatusOr<Customer> SqliteTransaction::GetCustomer(CustomerId id) {
  return Get<Customer>(id, kGetCustomer, &ReadCustomer, "customer_id");
}

absl::StatusOr<bool> SqliteTransaction::CatalogCacheUsable() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  if (catalog_written_) return false;
  if (catalog_checked_) return true;
  Query q = store_->Use(kDataVersion);
  if (int rc = q.Step(); rc != SQLITE_ROW) {
    return store_->Error(rc, "reading data_version");
  }
  const int64_t version = q.Int(0);
  SqliteStore::CatalogCache& cache = store_->catalog_cache();
  if (cache.data_version != version) {
    cache.rows.clear();
    cache.data_version = version;
  }
  catalog_checked_ = true;
  return true;
}

template <typename Row, typename Load, typename Fallback>
absl::StatusOr<const Row*> SqliteTransaction::SharedView(
    int table, int64_t id, Load load, Fallback per_transaction) {
  absl::StatusOr<bool> usable = CatalogCacheUsable();
  if (!usable.ok()) return usable.status();
  if (!*usable) return per_transaction();
  std::shared_ptr<const void>& held = store_->catalog_cache().rows[{table, id}];
  if (held == nullptr) {
    absl::StatusOr<Row> row = load(id);
    if (!row.ok()) {
      store_->catalog_cache().rows.erase({table, id});
      return row.status();
    }
    held = std::make_shared<const Row>(*std::move(row));
  }
  return static_cast<const Row*>(held.get());
}

template <typename Row>
absl::StatusOr<Row> SqliteTransaction::SharedCopy(
    int table, absl::FunctionRef<absl::StatusOr<Row>()> read) {
  std::optional<Row> own;  // off the cache: this transaction's copy
  auto view = SharedView<Row>(
      table, 0, [&read](int64_t) { return read(); },
      [&]() -> absl::StatusOr<const Row*> {
        auto row = read();
        if (!row.ok()) return row.status();
        own = *std::move(row);
        return &*own;
      });
  if (!view.ok()) return view.status();
  return **view;
}

template absl::StatusOr<std::vector<StatusChain>>
SqliteTransaction::SharedCopy<std::vector<StatusChain>>(
    int, absl::FunctionRef<absl::StatusOr<std::vector<StatusChain>>()>);
template absl::StatusOr<WorkflowSettings>
SqliteTransaction::SharedCopy<WorkflowSettings>(
    int, absl::FunctionRef<absl::StatusOr<WorkflowSettings>()>);

absl::StatusOr<const Resource*> SqliteTransaction::ViewResource(ResourceId id) {
  return SharedView<Resource>(
      0, id, [this](ResourceId i) { return GetResource(i); },
      [this, id] { return StoreTransaction::ViewResource(id); });
}

absl::StatusOr<const Service*> SqliteTransaction::ViewService(ServiceId id) {
  return SharedView<Service>(
      1, id, [this](ServiceId i) { return GetService(i); },
      [this, id] { return StoreTransaction::ViewService(id); });
}

absl::StatusOr<const Customer*> SqliteTransaction::ViewCustomer(CustomerId id) {
  return SharedView<Customer>(
      2, id, [this](CustomerId i) { return GetCustomer(i); },
      [this, id] { return StoreTransaction::ViewCustomer(id); });
}

}  // namespace appt::sqlite_internal
