// The storage seam (R8.3). The Engine runs every command inside one
// StoreTransaction; implementations: SqliteStore (a file, the default) and
// MemoryStore. A server database can implement the same two classes.
//
// Contract:
//  - Begin(kWrite) takes the store's write lock (SQLite: BEGIN IMMEDIATE,
//    waiting up to the busy timeout across processes); at most one write
//    transaction is open at a time. Begin(kRead) sees a consistent snapshot.
//  - Nothing is visible to others until Commit() returns OK. Destroying a
//    transaction that was not committed rolls everything back.
//  - Reads go through indexes; nothing loads the whole store.
//  - Get* returns NotFound naming the field and id. Insert* ignores the
//    record's id and returns the new one.
//  - A Store and its transactions are used by one thread at a time (the
//    Engine serialises commands); separate Store objects on one SQLite file,
//    in one or many processes, are safe.
#ifndef APPT_STORE_H_
#define APPT_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/confirm_token.h"
#include "appt/confirmation.h"
#include "appt/deal.h"
#include "appt/membership.h"
#include "appt/message.h"
#include "appt/message_rule.h"
#include "appt/options.h"
#include "appt/settings.h"
#include "appt/status.h"
#include "appt/task.h"
#include "appt/timer.h"

namespace appt {

class StoreTransaction {
 public:
  virtual ~StoreTransaction() = default;
  virtual absl::Status Commit() = 0;

  virtual absl::StatusOr<ResourceId> InsertResource(const Resource& r) = 0;
  virtual absl::Status UpdateResource(const Resource& r) = 0;
  virtual absl::StatusOr<Resource> GetResource(ResourceId id) = 0;
  virtual absl::StatusOr<std::vector<Resource>> ListResources() = 0;

  virtual absl::StatusOr<BlockId> InsertBlock(const BlockedInterval& b) = 0;
  virtual absl::Status DeleteBlock(BlockId id) = 0;
  virtual absl::StatusOr<BlockedInterval> GetBlock(BlockId id) = 0;
  // Blocks of `resource` whose interval overlaps `window`, by start.
  virtual absl::StatusOr<std::vector<BlockedInterval>> ListBlocks(
      ResourceId resource, Interval window) = 0;

  virtual absl::StatusOr<ServiceId> InsertService(const Service& s) = 0;
  virtual absl::Status UpdateService(const Service& s) = 0;
  virtual absl::StatusOr<Service> GetService(ServiceId id) = 0;
  virtual absl::StatusOr<std::vector<Service>> ListServices() = 0;

  virtual absl::StatusOr<CustomerId> InsertCustomer(const Customer& c) = 0;
  virtual absl::Status UpdateCustomer(const Customer& c) = 0;
  virtual absl::StatusOr<Customer> GetCustomer(CustomerId id) = 0;

  // Read-only views of one catalog row, for commands that only read it
  // (booking is the hot one). The pointer stays valid until this
  // transaction ends or next inserts or updates a resource, service or
  // customer. Errors as Get*. The defaults copy through Get* into storage
  // the transaction owns, one copy per row (viewing a row again returns the
  // same copy), so they hold at most the rows a transaction reads; a store
  // using them calls ForgetViews() when it writes a catalog row. A store
  // holding rows in memory returns its own.
  virtual absl::StatusOr<const Resource*> ViewResource(ResourceId id);
  virtual absl::StatusOr<const Service*> ViewService(ServiceId id);
  virtual absl::StatusOr<const Customer*> ViewCustomer(CustomerId id);

  virtual absl::StatusOr<AppointmentId> InsertAppointment(
      const Appointment& a) = 0;
  virtual absl::Status UpdateAppointment(const Appointment& a) = 0;
  virtual absl::StatusOr<Appointment> GetAppointment(AppointmentId id) = 0;
  // Appointments of `resource` in state kBooked whose blocked interval
  // overlaps `window`, by blocked.start then id; empty for an unknown
  // resource. A blocked interval is at most kMaxBlockedSpan long; a store
  // should keep the scan proportional to the overlapping rows, not to a
  // day's worth of bookings.
  virtual absl::StatusOr<std::vector<Appointment>> ListActiveAppointments(
      ResourceId resource, Interval window) = 0;
  // As ListActiveAppointments, for state kPending.
  virtual absl::StatusOr<std::vector<Appointment>> ListPendingAppointments(
      ResourceId resource, Interval window) = 0;
  // How many appointments, in any state, are in status `id`.
  virtual absl::StatusOr<int64_t> CountStatusAppointments(StatusId id) = 0;
  // All appointments of a customer, any state, by start.
  virtual absl::StatusOr<std::vector<Appointment>> ListCustomerAppointments(
      CustomerId customer) = 0;
  virtual absl::StatusOr<int64_t> CountAppointments() = 0;

  // Takes the entry by value: a store that keeps it moves it in.
  virtual absl::StatusOr<int64_t> AppendTimeline(TimelineEntry e) = 0;
  // Newest first (by `at`, then by id).
  virtual absl::StatusOr<std::vector<TimelineEntry>> ListTimeline(
      AppointmentId id) = 0;

  // Message rules (R4.2) with their templates, in template order. Ids are
  // never reused; Update and Delete of an unknown id are NotFound.
  virtual absl::StatusOr<RuleId> InsertRule(const MessageRule& r) = 0;
  virtual absl::Status UpdateRule(const MessageRule& r) = 0;
  virtual absl::Status DeleteRule(RuleId id) = 0;
  virtual absl::StatusOr<MessageRule> GetRule(RuleId id) = 0;
  // By id.
  virtual absl::StatusOr<std::vector<MessageRule>> ListRules() = 0;

  // Messaging settings; the defaults of MessagingSettings until first put.
  virtual absl::StatusOr<MessagingSettings> GetSettings() = 0;
  virtual absl::Status PutSettings(const MessagingSettings& s) = 0;

  // The status workflow (status.h). Insert assigns the chain's id and an id
  // to each status whose id is 0 (status ids are unique across chains and
  // never reused) and returns the chain as stored; Update replaces the
  // chain's name and statuses the same way. Update and Delete of an
  // unknown id are NotFound. Workflow settings are the defaults until
  // first put.
  virtual absl::StatusOr<StatusChain> InsertStatusChain(
      const StatusChain& c) = 0;
  virtual absl::StatusOr<StatusChain> UpdateStatusChain(
      const StatusChain& c) = 0;
  virtual absl::Status DeleteStatusChain(ChainId id) = 0;
  // By id, each with its statuses by position.
  virtual absl::StatusOr<std::vector<StatusChain>> ListStatusChains() = 0;
  virtual absl::StatusOr<WorkflowSettings> GetWorkflowSettings() = 0;
  virtual absl::Status PutWorkflowSettings(const WorkflowSettings& s) = 0;
  virtual absl::StatusOr<int64_t> AppendStatusChange(const StatusChange& c) = 0;
  // Newest first (by `at`, then by id).
  virtual absl::StatusOr<std::vector<StatusChange>> ListStatusHistory(
      AppointmentId id) = 0;

  // Confirmation tokens (confirm_token.h), by hash. Insert of a hash that
  // exists is AlreadyExists; Update replaces the record with that hash
  // (NotFound when none). Supersede marks every live token of the
  // appointment superseded at `at`.
  virtual absl::Status InsertConfirmToken(const ConfirmTokenRecord& t) = 0;
  virtual absl::StatusOr<std::optional<ConfirmTokenRecord>> FindConfirmToken(
      const std::string& hash) = 0;
  virtual absl::Status UpdateConfirmToken(const ConfirmTokenRecord& t) = 0;
  virtual absl::Status SupersedeConfirmTokens(AppointmentId id, Instant at) = 0;

  // The confirmation cycle (confirmation.h, task.h). Settings are the
  // defaults until first put. Task rule ids are never reused; Update and
  // Delete of an unknown id are NotFound. Insert of a task whose (rule_id,
  // appointment_id, occurrence) exists is AlreadyExists; Update replaces
  // every field but the id (NotFound when none).
  virtual absl::StatusOr<ConfirmationSettings> GetConfirmationSettings() = 0;
  virtual absl::Status PutConfirmationSettings(
      const ConfirmationSettings& s) = 0;
  virtual absl::StatusOr<TaskRuleId> InsertTaskRule(const TaskRule& r) = 0;
  virtual absl::Status UpdateTaskRule(const TaskRule& r) = 0;
  virtual absl::Status DeleteTaskRule(TaskRuleId id) = 0;
  // By id.
  virtual absl::StatusOr<std::vector<TaskRule>> ListTaskRules() = 0;
  virtual absl::StatusOr<TaskId> InsertTask(const Task& t) = 0;
  virtual absl::Status UpdateTask(const Task& t) = 0;
  virtual absl::StatusOr<Task> GetTask(TaskId id) = 0;
  // Matching `q`, by (due_at, id). A query by appointment is indexed.
  virtual absl::StatusOr<std::vector<Task>> ListTasks(const TaskQuery& q) = 0;

  // Memberships (membership.h). Plan ids are never reused. Insert of a
  // membership assigns its id; Update replaces every field but the id
  // (NotFound when none); a certificate number that exists is
  // AlreadyExists.
  virtual absl::StatusOr<PlanId> InsertPlan(const MembershipPlan& p) = 0;
  virtual absl::Status UpdatePlan(const MembershipPlan& p) = 0;
  // By id.
  virtual absl::StatusOr<std::vector<MembershipPlan>> ListPlans() = 0;
  virtual absl::StatusOr<MembershipId> InsertMembership(
      const Membership& m) = 0;
  virtual absl::Status UpdateMembership(const Membership& m) = 0;
  virtual absl::StatusOr<Membership> GetMembership(MembershipId id) = 0;
  // By id.
  virtual absl::StatusOr<std::vector<Membership>> ListCustomerMemberships(
      CustomerId customer) = 0;

  // Active memberships whose expires_at <= `until`, by (expires_at, id), at
  // most `limit`; and the earliest such expiry.
  virtual absl::StatusOr<std::vector<Membership>> ListExpiringMemberships(
      Instant until, int limit) = 0;
  virtual absl::StatusOr<std::optional<Instant>> NextMembershipExpiry() = 0;

  // Pipelines (pipeline.h). Insert assigns the pipeline's id, an id to
  // each stage whose id is 0 (stage ids are unique across pipelines and
  // never reused) and new ids to every rule, and returns the pipeline as
  // stored; Update replaces name, source, services, stages and rules the
  // same way (NotFound when none). By id, stages and rules in order.
  virtual absl::StatusOr<Pipeline> InsertPipeline(const Pipeline& p) = 0;
  virtual absl::StatusOr<Pipeline> UpdatePipeline(const Pipeline& p) = 0;
  virtual absl::Status DeletePipeline(PipelineId id) = 0;
  virtual absl::StatusOr<std::vector<Pipeline>> ListPipelines() = 0;

  // Deals (deal.h). Insert and Update ignore appointment_ids (links are
  // made by LinkDealAppointment); Get fills them. Linking an appointment
  // that has a deal is AlreadyExists. ListDeals by id; a query by pipeline
  // (and stage) or by customer is indexed.
  virtual absl::StatusOr<DealId> InsertDeal(const Deal& d) = 0;
  virtual absl::Status UpdateDeal(const Deal& d) = 0;
  virtual absl::StatusOr<Deal> GetDeal(DealId id) = 0;
  virtual absl::StatusOr<std::vector<Deal>> ListDeals(const DealQuery& q) = 0;
  // The pipeline's deals per stage that holds any: stage_id, deals and
  // amount_minor_units set.
  virtual absl::StatusOr<std::vector<DealBoardColumn>> CountDealsByStage(
      PipelineId id) = 0;
  virtual absl::Status LinkDealAppointment(DealId deal,
                                           AppointmentId appointment) = 0;
  virtual absl::StatusOr<std::optional<DealId>> FindAppointmentDeal(
      AppointmentId id) = 0;
  virtual absl::StatusOr<std::optional<DealId>> FindMembershipDeal(
      MembershipId id) = 0;
  virtual absl::StatusOr<DealEntryId> AppendDealEntry(const DealEntry& e) = 0;
  // Newest first (by `at`, then by id).
  virtual absl::StatusOr<std::vector<DealEntry>> ListDealEntries(DealId id) = 0;

  // Timers (timer.h). Deleting by subject or rule deletes nothing when there
  // is nothing to delete (not an error). Ids are the store's own and say
  // nothing about insertion order: the SQLite store derives them from the
  // due time, refusing a due it cannot encode (InvalidArgument, beyond about
  // ±17,000 years) or a second whose last id is taken (ResourceExhausted).
  virtual absl::StatusOr<TimerId> InsertTimer(const Timer& t) = 0;
  virtual absl::Status DeleteTimer(TimerId id) = 0;
  virtual absl::Status DeleteAppointmentTimers(AppointmentId id,
                                               TimerKind kind) = 0;
  virtual absl::Status DeleteRuleTimers(TimerKind kind, int64_t rule_id) = 0;
  // The appointment's timers by (due, id).
  virtual absl::StatusOr<std::vector<Timer>> ListAppointmentTimers(
      AppointmentId id) = 0;
  // Up to `limit` timers with due <= `until`, by (due, id).
  virtual absl::StatusOr<std::vector<Timer>> ListDueTimers(Instant until,
                                                           int limit) = 0;
  // The earliest due of any timer; nullopt when there is none.
  virtual absl::StatusOr<std::optional<Instant>> NextTimerDue() = 0;
  virtual absl::StatusOr<int64_t> CountTimers() = 0;

  // Firings. Insert of a key that exists is AlreadyExists naming the key.
  virtual absl::StatusOr<FiringId> InsertFiring(const Firing& f) = 0;
  virtual absl::StatusOr<std::optional<Firing>> FindFiring(
      RuleId rule, AppointmentId appointment, int64_t occurrence) = 0;
  // The appointment's firings, by (at, id).
  virtual absl::StatusOr<std::vector<Firing>> ListAppointmentFirings(
      AppointmentId id) = 0;

  // Messages (the outbox). A message is one per (rule_id, appointment_id,
  // occurrence): Insert of a second is AlreadyExists naming its
  // idempotency_key. The engine derives the key from that triple, so its
  // keys are unique too; the store does not read the key's text. Insert of
  // a customer_id other than the appointment's customer is InvalidArgument
  // (an appointment whose customer later changes takes its messages with
  // it). Update replaces every field but the id, and refuses
  // (InvalidArgument) to change the key, the rule, the occurrence, the
  // appointment or the customer.
  virtual absl::StatusOr<MessageId> InsertMessage(const Message& m) = 0;
  // Inserts `m`, the firing that created it (Firing{rule_id,
  // appointment_id and occurrence of `m`, at `fired_at`, kCreated, the new
  // message's id}) and the timeline entry `note` returns for the new
  // message's id (its own id ignored), as InsertMessage, InsertFiring and
  // AppendTimeline would; returns the message's id. AlreadyExists when
  // either key is taken, and then nothing is written. `note` is called at
  // most once, during the call, possibly before a refusal; it must not use
  // the transaction. After any other error the caller rolls the
  // transaction back (a store may refuse to commit it). A store may keep
  // the firing inside the message's row, and the entry too when it is of
  // the message's appointment and at `fired_at` (the SQLite store does
  // both): FindFiring, ListAppointmentFirings and ListTimeline report them
  // as any other, with ids unique among the store's firings and timeline
  // entries. The default runs FindFiring, InsertMessage, InsertFiring and
  // AppendTimeline.
  virtual absl::StatusOr<MessageId> InsertFiredMessage(
      const Message& m, Instant fired_at,
      absl::FunctionRef<TimelineEntry(MessageId)> note);
  virtual absl::Status UpdateMessage(const Message& m) = 0;
  virtual absl::StatusOr<Message> GetMessage(MessageId id) = 0;
  // Up to `limit` queued messages with not_before <= `until`, by
  // (not_before, id).
  virtual absl::StatusOr<std::vector<Message>> ListSendableMessages(
      Instant until, int limit) = 0;
  // The earliest not_before of a queued message; nullopt when none.
  virtual absl::StatusOr<std::optional<Instant>> NextMessageDue() = 0;
  // By (created_at, id).
  virtual absl::StatusOr<std::vector<Message>> ListAppointmentMessages(
      AppointmentId id) = 0;
  // The messages of the customer's appointments, by (created_at, id).
  virtual absl::StatusOr<std::vector<Message>> ListCustomerMessages(
      CustomerId id) = 0;
  virtual absl::StatusOr<int64_t> CountMessages() = 0;

 protected:
  // Drops the copies behind the default views: those views become invalid
  // and the next ones read the rows again.
  void ForgetViews() { viewed_rows_.clear(); }

 private:
  template <typename Row, typename Get>
  absl::StatusOr<const Row*> DefaultView(int table, int64_t id, Get get);

  // The copies behind the default views by (table, id), alive until the
  // transaction ends or ForgetViews().
  std::map<std::pair<int, int64_t>, std::shared_ptr<const void>> viewed_rows_;
};

class Store {
 public:
  enum class Mode { kRead, kWrite };
  virtual ~Store() = default;
  virtual absl::StatusOr<std::unique_ptr<StoreTransaction>> Begin(Mode m) = 0;
  // "sqlite" or "memory"; for messages and benchmarks.
  virtual std::string Kind() const = 0;
};

// An empty store held in memory; gone when destroyed.
std::unique_ptr<Store> NewMemoryStore();

// Opens (creating when allowed) a SQLite store at `path`, migrating its
// schema to the current version. Fails with the path and SQLite's message.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const SqliteOptions& options = {});

}  // namespace appt

#endif  // APPT_STORE_H_
