// SqliteStore: one connection per Store, every statement prepared once at
// open and reset after each use. See store.h for the contract and
// sqlite_schema.h for the format.
#include <sqlite3.h>
#include <sys/stat.h>

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/store.h"
#include "storage/sqlite/sqlite_query.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt {
namespace sqlite_internal {

namespace {

#define APPT_RETURN_IF_ERROR(expr)            \
  do {                                        \
    if (absl::Status s_ = (expr); !s_.ok()) { \
      return s_;                              \
    }                                         \
  } while (false)

absl::Status NotFound(absl::string_view field, int64_t id) {
  return absl::NotFoundError(absl::StrCat(field, " ", id, " not found"));
}

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    for (sqlite3_stmt* s : stmts_) sqlite3_finalize(s);
    sqlite3_close_v2(db_);
  }

  absl::Status PrepareAll() {
    for (int i = 0; i < kNumStmts; ++i) {
      int rc =
          sqlite3_prepare_v3(db_, kStatementSql[i], -1,
                             SQLITE_PREPARE_PERSISTENT, &stmts_[i], nullptr);
      if (rc != SQLITE_OK) {
        return SqliteError(db_, rc,
                           absl::StrCat("preparing ", kStatementSql[i]), path_);
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<StoreTransaction>> Begin(Mode m) override;
  std::string Kind() const override { return "sqlite"; }

  sqlite3* db() const { return db_; }
  const std::string& path() const { return path_; }
  Query Use(Stmt s) { return Query(stmts_[s]); }
  absl::Status Error(int rc, absl::string_view what) const {
    return SqliteError(db_, rc, what, path_);
  }
  void EndTransaction() { in_transaction_ = false; }

 private:
  sqlite3* db_;
  std::string path_;
  std::array<sqlite3_stmt*, kNumStmts> stmts_{};
  bool in_transaction_ = false;
};

class SqliteTransaction final : public StoreTransaction {
 public:
  SqliteTransaction(SqliteStore* store, Store::Mode mode)
      : store_(store), mode_(mode) {}
  ~SqliteTransaction() override {
    if (finished_) return;
    Run(kRollback, "rollback").IgnoreError();
    if (!sqlite3_get_autocommit(store_->db())) {
      sqlite3_exec(store_->db(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    store_->EndTransaction();
  }

  absl::Status Commit() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    APPT_RETURN_IF_ERROR(Run(kCommit, "commit"));
    finished_ = true;
    store_->EndTransaction();
    return absl::OkStatus();
  }

  absl::StatusOr<ResourceId> InsertResource(const Resource& r) override {
    return Insert(r, kInsertResource, &SqliteTransaction::BindResource,
                  "inserting resource");
  }
  absl::Status UpdateResource(const Resource& r) override {
    return Update(r, kUpdateResource, &SqliteTransaction::BindResource,
                  "resource_id");
  }
  absl::StatusOr<Resource> GetResource(ResourceId id) override {
    return Get<Resource>(id, kGetResource, &SqliteTransaction::ReadResource,
                         "resource_id");
  }
  absl::StatusOr<std::vector<Resource>> ListResources() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListResources);
    return Collect<Resource>(q, &SqliteTransaction::ReadResource);
  }

  absl::StatusOr<BlockId> InsertBlock(const BlockedInterval& b) override {
    auto id = Insert(b, kInsertBlock, &SqliteTransaction::BindBlock,
                     "inserting block");
    if (!id.ok()) return id;
    Query q = store_->Use(kBumpBlockSpan);
    q.BindInt(1, b.resource_id);
    q.BindInt(2, (b.interval.end - b.interval.start).count());
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "recording block span");
    }
    return id;
  }
  // Keeps resources.max_appointment_seconds an upper bound of the
  // resource's appointment spans (see kSchemaV2).
  absl::Status BumpAppointmentSpan(const Appointment& a) {
    Query q = store_->Use(kBumpAppointmentSpan);
    q.BindInt(1, a.resource_id);
    q.BindInt(2, (a.blocked.end - a.blocked.start).count());
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "recording appointment span");
    }
    return absl::OkStatus();
  }
  absl::Status DeleteBlock(BlockId id) override {
    APPT_RETURN_IF_ERROR(CheckOpen(true));
    Query q = store_->Use(kDeleteBlock);
    q.BindInt(1, id);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "deleting block");
    }
    if (sqlite3_changes(store_->db()) == 0) return NotFound("block_id", id);
    return absl::OkStatus();
  }
  absl::StatusOr<BlockedInterval> GetBlock(BlockId id) override {
    return Get<BlockedInterval>(id, kGetBlock, &SqliteTransaction::ReadBlock,
                                "block_id");
  }
  absl::StatusOr<std::vector<BlockedInterval>> ListBlocks(
      ResourceId resource, Interval window) override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListBlocks);
    q.BindInt(1, resource);
    q.BindTime(2, window.start);
    q.BindTime(3, window.end);
    return Collect<BlockedInterval>(q, &SqliteTransaction::ReadBlock);
  }

  absl::StatusOr<ServiceId> InsertService(const Service& s) override {
    return Insert(s, kInsertService, &SqliteTransaction::BindService,
                  "inserting service");
  }
  absl::Status UpdateService(const Service& s) override {
    return Update(s, kUpdateService, &SqliteTransaction::BindService,
                  "service_id");
  }
  absl::StatusOr<Service> GetService(ServiceId id) override {
    return Get<Service>(id, kGetService, &SqliteTransaction::ReadService,
                        "service_id");
  }
  absl::StatusOr<std::vector<Service>> ListServices() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListServices);
    return Collect<Service>(q, &SqliteTransaction::ReadService);
  }

  absl::StatusOr<CustomerId> InsertCustomer(const Customer& c) override {
    return Insert(c, kInsertCustomer, &SqliteTransaction::BindCustomer,
                  "inserting customer");
  }
  absl::Status UpdateCustomer(const Customer& c) override {
    return Update(c, kUpdateCustomer, &SqliteTransaction::BindCustomer,
                  "customer_id");
  }
  absl::StatusOr<Customer> GetCustomer(CustomerId id) override {
    return Get<Customer>(id, kGetCustomer, &SqliteTransaction::ReadCustomer,
                         "customer_id");
  }

  absl::StatusOr<AppointmentId> InsertAppointment(
      const Appointment& a) override {
    auto id = Insert(a, kInsertAppointment,
                     &SqliteTransaction::BindAppointment,
                     "inserting appointment");
    if (!id.ok()) return id;
    APPT_RETURN_IF_ERROR(BumpAppointmentSpan(a));
    return id;
  }
  absl::Status UpdateAppointment(const Appointment& a) override {
    APPT_RETURN_IF_ERROR(Update(a, kUpdateAppointment,
                                &SqliteTransaction::BindAppointment,
                                "appointment_id"));
    return BumpAppointmentSpan(a);
  }
  absl::StatusOr<Appointment> GetAppointment(AppointmentId id) override {
    return Get<Appointment>(id, kGetAppointment,
                            &SqliteTransaction::ReadAppointment,
                            "appointment_id");
  }
  absl::StatusOr<std::vector<Appointment>> ListActiveAppointments(
      ResourceId resource, Interval window) override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListActive);
    q.BindInt(1, resource);
    q.BindTime(2, window.start);
    q.BindTime(3, window.end);
    return Collect<Appointment>(q, &SqliteTransaction::ReadAppointment);
  }
  absl::StatusOr<std::vector<Appointment>> ListCustomerAppointments(
      CustomerId customer) override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListCustomerAppointments);
    q.BindInt(1, customer);
    return Collect<Appointment>(q, &SqliteTransaction::ReadAppointment);
  }
  absl::StatusOr<int64_t> CountAppointments() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kCountAppointments);
    if (int rc = q.Step(); rc != SQLITE_ROW) {
      return store_->Error(rc, "counting appointments");
    }
    return q.Int(0);
  }

  absl::StatusOr<int64_t> AppendTimeline(const TimelineEntry& e) override {
    return Insert(e, kInsertTimeline, &SqliteTransaction::BindTimeline,
                  "appending to timeline");
  }
  absl::StatusOr<std::vector<TimelineEntry>> ListTimeline(
      AppointmentId id) override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kListTimeline);
    q.BindInt(1, id);
    return Collect<TimelineEntry>(q, &SqliteTransaction::ReadTimeline);
  }

 private:
  // Binders leave the rows' nested text in `scratch` (it must outlive the
  // Query) and return the references a foreign-key failure should probe.
  using Refs = std::vector<std::pair<Stmt, std::pair<const char*, int64_t>>>;

  static Refs BindResource(Query& q, const Resource& r,
                           std::vector<std::string>& scratch) {
    scratch = {EncodeWeeklyHours(r.weekly_hours),
               EncodeExceptions(r.exceptions)};
    q.BindInt(1, r.id);
    q.BindText(2, r.name);
    q.BindText(3, r.time_zone);
    q.BindText(4, scratch[0]);
    q.BindText(5, scratch[1]);
    q.BindText(6, r.notification_email);
    q.BindText(7, r.responsible_agent);
    q.BindText(8, r.external_id);
    return {};
  }
  static Refs BindBlock(Query& q, const BlockedInterval& b,
                        std::vector<std::string>&) {
    q.BindInt(1, b.id);
    q.BindInt(2, b.resource_id);
    q.BindTime(3, b.interval.start);
    q.BindTime(4, b.interval.end);
    q.BindText(5, b.reason);
    q.BindText(6, b.external_id);
    return {{kResourceExists, {"resource_id", b.resource_id}}};
  }
  static Refs BindService(Query& q, const Service& s,
                          std::vector<std::string>& scratch) {
    scratch = {EncodeIds(s.resource_ids)};
    q.BindInt(1, s.id);
    q.BindText(2, s.name);
    q.BindInt(3, s.duration.count());
    q.BindInt(4, s.price.minor_units);
    q.BindText(5, s.price.currency);
    q.BindInt(6, s.buffer_before.count());
    q.BindInt(7, s.buffer_after.count());
    q.BindInt(8, s.capacity);
    q.BindText(9, scratch[0]);
    q.BindInt(10, s.min_notice.count());
    q.BindInt(11, s.horizon.count());
    q.BindInt(12, s.workflow_enabled ? 1 : 0);
    q.BindText(13, s.external_id);
    return {};
  }
  static Refs BindCustomer(Query& q, const Customer& c,
                           std::vector<std::string>&) {
    q.BindInt(1, c.id);
    q.BindText(2, c.name);
    q.BindText(3, c.email);
    q.BindText(4, c.phone);
    q.BindText(5, c.locale);
    q.BindText(6, c.time_zone);
    q.BindOptionalTime(7, c.consents.email.given_at);
    q.BindOptionalTime(8, c.consents.sms.given_at);
    q.BindOptionalTime(9, c.consents.whatsapp.given_at);
    q.BindOptionalTime(10, c.consents.marketing.given_at);
    q.BindText(11, c.external_id);
    return {};
  }
  static Refs BindAppointment(Query& q, const Appointment& a,
                              std::vector<std::string>&) {
    q.BindInt(1, a.id);
    q.BindInt(2, a.service_id);
    q.BindInt(3, a.resource_id);
    q.BindInt(4, a.customer_id);
    q.BindTime(5, a.start);
    q.BindTime(6, a.end);
    q.BindTime(7, a.blocked.start);
    q.BindTime(8, a.blocked.end);
    q.BindInt(9, static_cast<int>(a.state));
    q.BindInt(10, static_cast<int>(a.source));
    q.BindTime(11, a.created_at);
    q.BindTime(12, a.updated_at);
    q.BindText(13, a.cancel_reason);
    q.BindText(14, a.external_id);
    q.BindText(15, a.notes);
    return {{kServiceExists, {"service_id", a.service_id}},
            {kResourceExists, {"resource_id", a.resource_id}},
            {kCustomerExists, {"customer_id", a.customer_id}}};
  }
  static Refs BindTimeline(Query& q, const TimelineEntry& e,
                           std::vector<std::string>&) {
    q.BindInt(1, e.id);
    q.BindInt(2, e.appointment_id);
    q.BindTime(3, e.at);
    q.BindInt(4, static_cast<int>(e.actor.kind));
    q.BindText(5, e.actor.id);
    q.BindText(6, e.kind);
    q.BindText(7, e.details);
    return {{kAppointmentExists, {"appointment_id", e.appointment_id}}};
  }

  absl::StatusOr<Resource> ReadResource(const Query& q) const {
    Resource r;
    r.id = q.Int(0);
    r.name = q.Text(1);
    r.time_zone = q.Text(2);
    if (!DecodeWeeklyHours(q.Text(3), &r.weekly_hours)) {
      return Corrupt("weekly_hours", "resource", r.id);
    }
    if (!DecodeExceptions(q.Text(4), &r.exceptions)) {
      return Corrupt("exceptions", "resource", r.id);
    }
    r.notification_email = q.Text(5);
    r.responsible_agent = q.Text(6);
    r.external_id = q.Text(7);
    return r;
  }
  absl::StatusOr<BlockedInterval> ReadBlock(const Query& q) const {
    return BlockedInterval{.id = q.Int(0),
                           .resource_id = q.Int(1),
                           .interval = {q.Time(2), q.Time(3)},
                           .reason = q.Text(4),
                           .external_id = q.Text(5)};
  }
  absl::StatusOr<Service> ReadService(const Query& q) const {
    Service s;
    s.id = q.Int(0);
    s.name = q.Text(1);
    s.duration = q.Seconds(2);
    s.price = {q.Int(3), q.Text(4)};
    s.buffer_before = q.Seconds(5);
    s.buffer_after = q.Seconds(6);
    s.capacity = static_cast<int>(q.Int(7));
    if (!DecodeIds(q.Text(8), &s.resource_ids)) {
      return Corrupt("resource_ids", "service", s.id);
    }
    s.min_notice = q.Seconds(9);
    s.horizon = q.Seconds(10);
    s.workflow_enabled = q.Int(11) != 0;
    s.external_id = q.Text(12);
    return s;
  }
  absl::StatusOr<Customer> ReadCustomer(const Query& q) const {
    Customer c;
    c.id = q.Int(0);
    c.name = q.Text(1);
    c.email = q.Text(2);
    c.phone = q.Text(3);
    c.locale = q.Text(4);
    c.time_zone = q.Text(5);
    c.consents = {{q.OptionalTime(6)},
                  {q.OptionalTime(7)},
                  {q.OptionalTime(8)},
                  {q.OptionalTime(9)}};
    c.external_id = q.Text(10);
    return c;
  }
  absl::StatusOr<Appointment> ReadAppointment(const Query& q) const {
    Appointment a;
    a.id = q.Int(0);
    a.service_id = q.Int(1);
    a.resource_id = q.Int(2);
    a.customer_id = q.Int(3);
    a.start = q.Time(4);
    a.end = q.Time(5);
    a.blocked = {q.Time(6), q.Time(7)};
    const int64_t state = q.Int(8), source = q.Int(9);
    if (state < 0 || state > static_cast<int>(AppointmentState::kNoShow)) {
      return Corrupt("state", "appointment", a.id);
    }
    if (source < 0 || source > static_cast<int>(BookingSource::kApi)) {
      return Corrupt("source", "appointment", a.id);
    }
    a.state = static_cast<AppointmentState>(state);
    a.source = static_cast<BookingSource>(source);
    a.created_at = q.Time(10);
    a.updated_at = q.Time(11);
    a.cancel_reason = q.Text(12);
    a.external_id = q.Text(13);
    a.notes = q.Text(14);
    return a;
  }
  absl::StatusOr<TimelineEntry> ReadTimeline(const Query& q) const {
    const int64_t kind = q.Int(3);
    if (kind < 0 || kind > static_cast<int>(Actor::Kind::kSystem)) {
      return Corrupt("actor_kind", "timeline entry", q.Int(0));
    }
    return TimelineEntry{.id = q.Int(0),
                         .appointment_id = q.Int(1),
                         .at = q.Time(2),
                         .actor = {static_cast<Actor::Kind>(kind), q.Text(4)},
                         .kind = q.Text(5),
                         .details = q.Text(6)};
  }

  absl::Status Corrupt(absl::string_view column, absl::string_view table,
                       int64_t id) const {
    return absl::DataLossError(absl::StrCat("corrupt ", column, " of ", table,
                                            " ", id, " in ", store_->path()));
  }

  absl::Status CheckOpen(bool write) const {
    if (finished_) {
      return absl::FailedPreconditionError("transaction already committed");
    }
    if (write && mode_ != Store::Mode::kWrite) {
      return absl::FailedPreconditionError("write in a read transaction");
    }
    return absl::OkStatus();
  }

  absl::Status Run(Stmt s, absl::string_view what) {
    Query q = store_->Use(s);
    if (int rc = q.Step(); rc != SQLITE_DONE) return store_->Error(rc, what);
    return absl::OkStatus();
  }

  // Names the first missing reference after a foreign-key failure.
  absl::Status MissingReference(const Refs& refs, absl::Status original) {
    for (const auto& [stmt, ref] : refs) {
      Query q = store_->Use(stmt);
      q.BindInt(1, ref.second);
      if (q.Step() == SQLITE_DONE) return NotFound(ref.first, ref.second);
    }
    return original;
  }

  template <typename T>
  using Binder = Refs (*)(Query&, const T&, std::vector<std::string>&);
  template <typename T>
  using Reader = absl::StatusOr<T> (SqliteTransaction::*)(const Query&) const;

  // Runs an insert or update; returns the foreign-key-aware error, if any.
  template <typename T>
  absl::Status Write(const T& row, Stmt s, Binder<T> bind,
                     absl::string_view what) {
    APPT_RETURN_IF_ERROR(CheckOpen(true));
    std::vector<std::string> scratch;
    Refs refs;
    int rc;
    {
      Query q = store_->Use(s);
      refs = bind(q, row, scratch);
      rc = q.Step();
    }
    if (rc == SQLITE_DONE) return absl::OkStatus();
    absl::Status error = store_->Error(rc, what);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
      return MissingReference(refs, error);
    }
    return error;
  }
  template <typename T>
  absl::StatusOr<int64_t> Insert(const T& row, Stmt s, Binder<T> bind,
                                 absl::string_view what) {
    APPT_RETURN_IF_ERROR(Write(row, s, bind, what));
    return sqlite3_last_insert_rowid(store_->db());
  }
  template <typename T>
  absl::Status Update(const T& row, Stmt s, Binder<T> bind,
                      absl::string_view field) {
    APPT_RETURN_IF_ERROR(Write(row, s, bind, absl::StrCat("updating ", field)));
    if (sqlite3_changes(store_->db()) == 0) return NotFound(field, row.id);
    return absl::OkStatus();
  }
  template <typename T>
  absl::StatusOr<T> Get(int64_t id, Stmt s, Reader<T> read,
                        absl::string_view field) {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(s);
    q.BindInt(1, id);
    const int rc = q.Step();
    if (rc == SQLITE_DONE) return NotFound(field, id);
    if (rc != SQLITE_ROW) {
      return store_->Error(rc, absl::StrCat("reading ", field, " ", id));
    }
    return (this->*read)(q);
  }
  template <typename T>
  absl::StatusOr<std::vector<T>> Collect(Query& q, Reader<T> read) {
    std::vector<T> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      absl::StatusOr<T> row = (this->*read)(q);
      if (!row.ok()) return row.status();
      out.push_back(*std::move(row));
    }
    if (rc != SQLITE_DONE) return store_->Error(rc, "listing");
    return out;
  }

  SqliteStore* store_;
  Store::Mode mode_;
  bool finished_ = false;
};

absl::StatusOr<std::unique_ptr<StoreTransaction>> SqliteStore::Begin(Mode m) {
  if (in_transaction_) {
    return absl::FailedPreconditionError(
        absl::StrCat("a transaction is already open on sqlite store ", path_));
  }
  {
    Query q = Use(m == Mode::kWrite ? kBeginImmediate : kBegin);
    if (int rc = q.Step(); rc != SQLITE_DONE) return Error(rc, "begin");
  }
  in_transaction_ = true;
  return std::make_unique<SqliteTransaction>(this, m);
}

#undef APPT_RETURN_IF_ERROR

}  // namespace
}  // namespace sqlite_internal

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const SqliteOptions& options) {
  const bool in_memory = path.empty() || path == ":memory:";
  struct stat info;
  if (!options.create_if_missing && !in_memory &&
      stat(path.c_str(), &info) != 0) {
    return absl::NotFoundError(
        absl::StrCat("sqlite store ", path, " does not exist"));
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // The store owns `db` from here on, even when opening failed.
  auto store = std::make_unique<sqlite_internal::SqliteStore>(db, path);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_CANTOPEN && !options.create_if_missing) {
      return absl::NotFoundError(absl::StrCat(
          "sqlite store ", path, " cannot be opened: ", sqlite3_errmsg(db)));
    }
    return sqlite_internal::SqliteError(db, rc, "open", path);
  }
  sqlite3_extended_result_codes(db, 1);
  if (absl::Status s = sqlite_internal::ApplyPragmas(db, options, path);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = sqlite_internal::Migrate(db, path); !s.ok()) return s;
  if (absl::Status s = store->PrepareAll(); !s.ok()) return s;
  return store;
}

}  // namespace appt
