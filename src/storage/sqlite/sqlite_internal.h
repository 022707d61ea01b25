// The SQLite store's transaction class, SqliteTransaction, shared by its
// source files (SqliteStore is in sqlite_store.h). See
// store.h for the contract and sqlite_schema.h for the format. Internal.
#ifndef APPT_SRC_STORAGE_SQLITE_SQLITE_INTERNAL_H_
#define APPT_SRC_STORAGE_SQLITE_SQLITE_INTERNAL_H_

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/store.h"
#include "storage/sqlite/checkpointer.h"
#include "storage/sqlite/sqlite_query.h"
#include "storage/sqlite/sqlite_rows.h"
#include "storage/sqlite/sqlite_schema.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/transaction_state.h"

namespace appt::sqlite_internal {

#ifndef APPT_RETURN_IF_ERROR
#define APPT_RETURN_IF_ERROR(expr)            \
  do {                                        \
    if (absl::Status s_ = (expr); !s_.ok()) { \
      return s_;                              \
    }                                         \
  } while (false)
#endif

inline absl::Status NotFound(absl::string_view field, int64_t id) {
  return absl::NotFoundError(absl::StrCat(field, " ", id, " not found"));
}

class SqliteTransaction final : public StoreTransaction {
 public:
  SqliteTransaction(SqliteStore* store, Store::Mode mode)
      : store_(store), state_{mode} {}
  ~SqliteTransaction() override {
    if (state_.finished) return;
    Run(kRollback, "rollback").IgnoreError();
    if (!sqlite3_get_autocommit(store_->db())) {
      sqlite3_exec(store_->db(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    store_->EndTransaction();
  }

  absl::Status Commit() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    if (!unindexed_.ok()) {
      return absl::Status(
          unindexed_.code(),
          absl::StrCat("cannot commit a row whose index entry, status count "
                       "or span bound was not written: ",
                       unindexed_.message()));
    }
    APPT_RETURN_IF_ERROR(Run(kCommit, "commit"));
    state_.finished = true;
    store_->EndTransaction();
    return absl::OkStatus();
  }

  absl::StatusOr<ResourceId> InsertResource(const Resource& r) override;
  absl::Status UpdateResource(const Resource& r) override;
  absl::StatusOr<Resource> GetResource(ResourceId id) override;
  absl::StatusOr<std::vector<Resource>> ListResources() override;

  absl::StatusOr<BlockId> InsertBlock(const BlockedInterval& b) override;
  // Keeps resources.max_appointment_seconds an upper bound of the
  // resource's appointment spans (see kSchemaV2), after the row's write:
  // a failure makes the transaction refuse to commit (unindexed_).
  absl::Status BumpAppointmentSpan(const Appointment& a);
  // Adds `delta` to status_use's count of `status` (none for status 0),
  // after the row's write: a failure makes the transaction refuse to
  // commit (unindexed_).
  absl::Status AddStatusUse(StatusId status, int delta);
  absl::Status DeleteBlock(BlockId id) override;
  absl::StatusOr<BlockedInterval> GetBlock(BlockId id) override {
    return Get<BlockedInterval>(id, kGetBlock, &ReadBlock, "block_id");
  }
  absl::StatusOr<std::vector<BlockedInterval>> ListBlocks(
      ResourceId resource, Interval window) override;

  absl::StatusOr<ServiceId> InsertService(const Service& s) override;
  absl::Status UpdateService(const Service& s) override;
  absl::StatusOr<Service> GetService(ServiceId id) override;
  absl::StatusOr<std::vector<Service>> ListServices() override;

  absl::StatusOr<CustomerId> InsertCustomer(const Customer& c) override;
  absl::Status UpdateCustomer(const Customer& c) override;
  absl::StatusOr<Customer> GetCustomer(CustomerId id) override;

  // Views shared across transactions through the store's CatalogCache
  // (sqlite_catalog_cache.cc); per transaction, as StoreTransaction's,
  // once this transaction has written a catalog row.
  absl::StatusOr<const Resource*> ViewResource(ResourceId id) override;
  absl::StatusOr<const Service*> ViewService(ServiceId id) override;
  absl::StatusOr<const Customer*> ViewCustomer(CustomerId id) override;

  // In sqlite_appointments.cc.
  absl::StatusOr<AppointmentId> InsertAppointment(
      const Appointment& a) override;
  absl::Status UpdateAppointment(const Appointment& a) override;
  absl::StatusOr<Appointment> GetAppointment(AppointmentId id) override;
  absl::StatusOr<std::vector<Appointment>> ListActiveAppointments(
      ResourceId resource, Interval window) override;
  absl::StatusOr<std::vector<Appointment>> ListPendingAppointments(
      ResourceId resource, Interval window) override;
  absl::StatusOr<int64_t> CountStatusAppointments(StatusId id) override;
  absl::StatusOr<std::vector<Appointment>> ListCustomerAppointments(
      CustomerId customer) override;
  absl::StatusOr<int64_t> CountAppointments() override {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(kCountAppointments);
    if (int rc = q.Step(); rc != SQLITE_ROW) {
      return store_->Error(rc, "counting appointments");
    }
    return q.Int(0);
  }

  // In sqlite_messages.cc: entries share ids with messages, and some are
  // kept in their rows.
  absl::StatusOr<int64_t> AppendTimeline(TimelineEntry e) override;
  absl::StatusOr<std::vector<TimelineEntry>> ListTimeline(
      AppointmentId id) override;

  // Message rules, in sqlite_store.cc.
  absl::StatusOr<RuleId> InsertRule(const MessageRule& r) override;
  absl::Status UpdateRule(const MessageRule& r) override;
  absl::Status DeleteRule(RuleId id) override;
  absl::StatusOr<MessageRule> GetRule(RuleId id) override;
  absl::StatusOr<std::vector<MessageRule>> ListRules() override;

  // The status workflow, in sqlite_workflow.cc.
  absl::StatusOr<StatusChain> InsertStatusChain(const StatusChain& c) override;
  absl::StatusOr<StatusChain> UpdateStatusChain(const StatusChain& c) override;
  absl::Status DeleteStatusChain(ChainId id) override;
  absl::StatusOr<std::vector<StatusChain>> ListStatusChains() override;
  absl::StatusOr<WorkflowSettings> GetWorkflowSettings() override;
  absl::Status PutWorkflowSettings(const WorkflowSettings& s) override;
  absl::StatusOr<int64_t> AppendStatusChange(const StatusChange& c) override;
  absl::StatusOr<std::vector<StatusChange>> ListStatusHistory(
      AppointmentId id) override;

  // Memberships, in sqlite_memberships.cc.
  absl::StatusOr<PlanId> InsertPlan(const MembershipPlan& p) override;
  absl::Status UpdatePlan(const MembershipPlan& p) override;
  absl::StatusOr<std::vector<MembershipPlan>> ListPlans() override;
  absl::StatusOr<MembershipId> InsertMembership(const Membership& m) override;
  absl::Status UpdateMembership(const Membership& m) override;
  absl::StatusOr<Membership> GetMembership(MembershipId id) override;
  absl::StatusOr<std::vector<Membership>> ListCustomerMemberships(
      CustomerId customer) override;

  absl::StatusOr<std::vector<Membership>> ListExpiringMemberships(
      Instant until, int limit) override;
  absl::StatusOr<std::optional<Instant>> NextMembershipExpiry() override;

  // Pipelines and deals, in sqlite_deals.cc.
  absl::StatusOr<Pipeline> InsertPipeline(const Pipeline& p) override;
  absl::StatusOr<Pipeline> UpdatePipeline(const Pipeline& p) override;
  absl::Status DeletePipeline(PipelineId id) override;
  absl::StatusOr<std::vector<Pipeline>> ListPipelines() override;
  absl::StatusOr<DealId> InsertDeal(const Deal& d) override;
  absl::Status UpdateDeal(const Deal& d) override;
  absl::StatusOr<Deal> GetDeal(DealId id) override;
  absl::StatusOr<std::vector<Deal>> ListDeals(const DealQuery& q) override;
  absl::StatusOr<std::vector<DealBoardColumn>> CountDealsByStage(
      PipelineId id) override;
  absl::Status LinkDealAppointment(DealId deal,
                                   AppointmentId appointment) override;
  absl::StatusOr<std::optional<DealId>> FindAppointmentDeal(
      AppointmentId id) override;
  absl::StatusOr<std::optional<DealId>> FindMembershipDeal(
      MembershipId id) override;
  absl::StatusOr<DealEntryId> AppendDealEntry(const DealEntry& e) override;
  absl::StatusOr<std::vector<DealEntry>> ListDealEntries(DealId id) override;

  // The confirmation cycle, in sqlite_tasks.cc.
  absl::StatusOr<ConfirmationSettings> GetConfirmationSettings() override;
  absl::Status PutConfirmationSettings(const ConfirmationSettings& s) override;
  absl::StatusOr<TaskRuleId> InsertTaskRule(const TaskRule& r) override;
  absl::Status UpdateTaskRule(const TaskRule& r) override;
  absl::Status DeleteTaskRule(TaskRuleId id) override;
  absl::StatusOr<std::vector<TaskRule>> ListTaskRules() override;
  absl::StatusOr<TaskId> InsertTask(const Task& t) override;
  absl::Status UpdateTask(const Task& t) override;
  absl::StatusOr<Task> GetTask(TaskId id) override;
  absl::StatusOr<std::vector<Task>> ListTasks(const TaskQuery& q) override;

  // Confirmation tokens, in sqlite_tokens.cc.
  absl::Status InsertConfirmToken(const ConfirmTokenRecord& t) override;
  absl::StatusOr<std::optional<ConfirmTokenRecord>> FindConfirmToken(
      const std::string& hash) override;
  absl::Status UpdateConfirmToken(const ConfirmTokenRecord& t) override;
  absl::Status SupersedeConfirmTokens(AppointmentId id, Instant at) override;

  // Messaging tables, in sqlite_outbox.cc.
  absl::StatusOr<MessagingSettings> GetSettings() override;
  absl::Status PutSettings(const MessagingSettings& s) override;
  absl::StatusOr<TimerId> InsertTimer(const Timer& t) override;
  absl::Status DeleteTimer(TimerId id) override;
  absl::Status DeleteAppointmentTimers(AppointmentId id,
                                       TimerKind kind) override;
  absl::Status DeleteRuleTimers(TimerKind kind, int64_t rule_id) override;
  absl::StatusOr<std::vector<Timer>> ListAppointmentTimers(
      AppointmentId id) override;
  absl::StatusOr<std::vector<Timer>> ListDueTimers(Instant until,
                                                   int limit) override;
  absl::StatusOr<std::optional<Instant>> NextTimerDue() override;
  absl::StatusOr<int64_t> CountTimers() override;
  absl::StatusOr<FiringId> InsertFiring(const Firing& f) override;
  absl::StatusOr<std::optional<Firing>> FindFiring(RuleId rule,
                                                   AppointmentId appointment,
                                                   int64_t occurrence) override;
  absl::StatusOr<std::vector<Firing>> ListAppointmentFirings(
      AppointmentId id) override;
  absl::StatusOr<MessageId> InsertMessage(const Message& m) override;
  absl::StatusOr<MessageId> InsertFiredMessage(
      const Message& m, Instant fired_at,
      absl::FunctionRef<TimelineEntry(MessageId)> note) override;
  absl::Status UpdateMessage(const Message& m) override;
  absl::StatusOr<Message> GetMessage(MessageId id) override;
  absl::StatusOr<std::vector<Message>> ListSendableMessages(Instant until,
                                                            int limit) override;
  absl::StatusOr<std::optional<Instant>> NextMessageDue() override;
  absl::StatusOr<std::vector<Message>> ListAppointmentMessages(
      AppointmentId id) override;
  absl::StatusOr<std::vector<Message>> ListCustomerMessages(
      CustomerId id) override;
  absl::StatusOr<int64_t> CountMessages() override;

 private:
  absl::Status CheckOpen(bool write) const { return state_.CheckOpen(write); }
  // The id the next message, firings row or timeline row takes
  // (kSchemaV12, kSchemaV13): read once per transaction into next_log_id_,
  // which each insert advances.
  absl::StatusOr<int64_t> NextLogId();
  // Checks `m`'s customer against its appointment's; the id its row takes.
  absl::StatusOr<MessageId> NewMessageId(const Message& m);
  // The row_id of the appointment_index entry of `m`'s (rule,
  // occurrence) in `s`: kFindFiring (a firing's, or a message's keeping
  // its firing when negative) or kFindMessageKey (a message's).
  absl::StatusOr<std::optional<int64_t>> FindKey(Stmt s, const Message& m);
  // Runs a statement bound with `id` and no result rows.
  absl::Status RunWithId(Stmt s, int64_t id, absl::string_view what);
  // Runs timer deletions `first` then `second` for (?1 owner, ?2 kind).
  absl::Status DeleteTimersOf(Stmt first, Stmt second, int64_t owner,
                              TimerKind kind);

  // A row's entry in appointment_index (kSchemaV10): key2 and the entry's
  // row_id are the row's own id unless given.
  struct IndexKey {
    IndexedKind kind;
    AppointmentId appointment_id;
    int64_t key1;
    std::optional<int64_t> key2 = std::nullopt;
    std::optional<int64_t> row_id = std::nullopt;
  };
  // Runs `s`, an insert of `key`'s entry for row `id`; an error also sets
  // unindexed_.
  absl::Status WriteIndexRow(Stmt s, int64_t id, const IndexKey& key);
  // Writes `key`'s entry for the row `id` just inserted (passing an error
  // through). An entry that cannot be written leaves its row unfindable,
  // so the transaction refuses to commit from then on (unindexed_).
  absl::StatusOr<int64_t> Indexed(absl::StatusOr<int64_t> id,
                                  const IndexKey& key);
  // As Indexed, for an entry whose key is unique (a firing key, a message
  // key; InsertMessage and InsertFiredMessage also look for the key in the
  // other kind first): when `key` (with key2) has an entry already, the row
  // `id` is deleted again with `undo` and the result is `taken()`, the
  // transaction as it was. A failed delete leaves the row unfindable, as in
  // Indexed.
  absl::StatusOr<int64_t> IndexedIfFree(
      absl::StatusOr<int64_t> id, const IndexKey& key, Stmt undo,
      absl::FunctionRef<absl::Status()> taken);
  // Passes on the result of the statements after a write's first: when it
  // is an error the record may be half written (a rule without its
  // templates, a chain without its statuses, a pipeline without its
  // stages), so the transaction refuses to commit from then on, as for an
  // unwritten entry. (A failed read-back of a whole record refuses too.)
  absl::Status WholeOrRefused(absl::Status s) {
    if (!s.ok()) unindexed_ = s;
    return s;
  }
  template <typename T>
  absl::StatusOr<T> WholeOrRefused(absl::StatusOr<T> v) {
    if (!v.ok()) unindexed_ = v.status();
    return v;
  }
  // The single integer a statement returns; nullopt for NULL or no row.
  absl::StatusOr<std::optional<int64_t>> ScalarOf(Query& q,
                                                  absl::string_view what);

  // Called before each catalog write: drops this transaction's views and
  // the store's shared rows, and keeps this transaction off the shared
  // cache, whose rows must only ever be committed ones.
  void ForgetCatalog() {
    ForgetViews();
    catalog_written_ = true;
    store_->catalog_cache().rows.clear();
  }
  // Whether this transaction may use the store's CatalogCache; the first
  // call checks the file's data_version and empties the cache if it moved.
  absl::StatusOr<bool> CatalogCacheUsable();
  // The shared copy of catalog row (table, id), read through `load` when
  // missing; `per_transaction()` when the cache is not usable.
  template <typename Row, typename Load, typename Fallback>
  absl::StatusOr<const Row*> SharedView(int table, int64_t id, Load load,
                                        Fallback per_transaction);
  // A copy of the shared value `table` (the whole table, as `read` returns
  // it), read through `read` when missing or when the cache is not usable.
  template <typename Row>
  absl::StatusOr<Row> SharedCopy(int table,
                                 absl::FunctionRef<absl::StatusOr<Row>()> read);
  // The CatalogCache tables after the catalog views' 0-2.
  static constexpr int kCachedStatusChains = 3;
  static constexpr int kCachedWorkflowSettings = 4;
  absl::StatusOr<std::vector<StatusChain>> ReadStatusChains();
  absl::StatusOr<WorkflowSettings> ReadWorkflowSettings();

  absl::Status Run(Stmt s, absl::string_view what) {
    Query q = store_->Use(s);
    if (int rc = q.Step(); rc != SQLITE_DONE) return store_->Error(rc, what);
    return absl::OkStatus();
  }

  // Inserts or updates a pipeline with its stages and rules (replaced
  // whole); returns it as stored.
  absl::StatusOr<Pipeline> WritePipeline(bool insert, const Pipeline& p);
  // Pipeline `id`'s stages and stage rules made `p`'s; the pipeline as
  // stored then.
  absl::StatusOr<Pipeline> ReplacePipelineParts(PipelineId id,
                                                const Pipeline& p);
  // Reads p->id's stages and rules into *p.
  absl::Status ReadPipelineParts(Pipeline* p);
  // Fills d->appointment_ids from the links.
  absl::Status ReadDealLinks(Deal* d);

  // Writes chain `id`'s statuses (after deleting the old ones); returns
  // the chain as stored.
  absl::StatusOr<StatusChain> WriteStatuses(ChainId id, const StatusChain& c);

  // Replaces the templates of rule `id` (the order is kept).
  absl::Status WriteTemplates(RuleId id,
                              const std::vector<MessageTemplate>& templates);
  absl::Status ReadTemplates(MessageRule* rule);

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
  using Reader = absl::StatusOr<T> (*)(const Query&, absl::string_view path);

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
    return read(q, store_->path());
  }
  // What a listing reserves at its first row: a day's listing is tens of
  // rows, and growing one row at a time moves every wide row several times.
  static constexpr size_t kFirstListingCapacity = 16;
  // The rows of `q`, each read in place (an appointment row is wide).
  absl::StatusOr<std::vector<Appointment>> CollectAppointments(Query& q);
  // The rows of `s`, a listing of resource ?1's appointments in [?2, ?3).
  absl::StatusOr<std::vector<Appointment>> ListResourceAppointments(
      Stmt s, ResourceId resource, Interval window);
  template <typename T>
  absl::StatusOr<std::vector<T>> Collect(Query& q, Reader<T> read) {
    std::vector<T> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      absl::StatusOr<T> row = read(q, store_->path());
      if (!row.ok()) return row.status();
      out.push_back(*std::move(row));
    }
    if (rc != SQLITE_DONE) return store_->Error(rc, "listing");
    return out;
  }
  // The rows `s` lists for ?1 = `id` (an appointment's or a customer's:
  // few), sorted by `before`.
  template <typename T, typename Before>
  absl::StatusOr<std::vector<T>> ListSorted(Stmt s, int64_t id, Reader<T> read,
                                            Before before) {
    APPT_RETURN_IF_ERROR(CheckOpen(false));
    Query q = store_->Use(s);
    q.BindInt(1, id);
    auto rows = Collect<T>(q, read);
    if (rows.ok()) std::sort(rows->begin(), rows->end(), before);
    return rows;
  }

  SqliteStore* store_;
  storage_internal::TransactionState state_;
  bool catalog_written_ = false;
  bool catalog_checked_ = false;
  // Why a written row and what finds or counts it disagree (its
  // appointment_index entry, status_use count or resource span bound not
  // written, one of a timer delete's two statements failed, a refused
  // firing or message could not be deleted again, or a record's later
  // statements failed: WholeOrRefused); Commit refuses.
  absl::Status unindexed_;
  // The appointment row this transaction last read or wrote, as the file
  // holds it (the write lock keeps it so): UpdateAppointment's old row, and
  // NewMessageId's customer check. Only UpdateAppointment changes a row.
  std::optional<Appointment> last_appointment_;
  std::optional<int64_t> next_log_id_;  // see NextLogId
};

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_SQLITE_INTERNAL_H_
