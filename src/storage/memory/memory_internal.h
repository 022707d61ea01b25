// MemoryStore's internals, shared by its two source files: the tables,
// their indexes and the transaction class. See store.h for the contract.
//
// Locking: one std::mutex held for a transaction's whole life, so at most
// one transaction (read or write) is open at a time; a second Begin() from
// the thread that holds it fails instead of deadlocking.
#ifndef APPT_STORAGE_MEMORY_MEMORY_INTERNAL_H_
#define APPT_STORAGE_MEMORY_MEMORY_INTERNAL_H_

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/store.h"
#include "storage/memory/memory_rows.h"
#include "storage/memory/row_chain.h"
#include "storage/memory/row_vector.h"
#include "storage/transaction_state.h"

namespace appt::memory_internal {

using Key = std::tuple<int64_t, int64_t, int64_t>;  // (owner, time, id)

struct Tables {
  // The open write transaction's undo steps, oldest first; kept here so its
  // capacity outlives each transaction.
  std::vector<std::function<void(Tables&)>> undo_log;

  // Ids are positions + 1; rows are never deleted (only undone).
  std::vector<Resource> resources;
  std::vector<Service> services;
  std::vector<Customer> customers;
  RowVector<StoredAppointment> appointments;
  RowVector<TimelineEntry> timeline;

  std::map<BlockId, BlockedInterval> blocks;
  BlockId next_block = 1;
  // (time, id) pairs in order: one index per owner keeps each B-tree
  // small, so a lookup's depth follows the owner's rows, not the store's.
  using TimeIndex = absl::btree_set<std::pair<int64_t, int64_t>>;

  // Per resource (index = id - 1): upper bounds on the longest block and
  // the longest appointment blocked span ever stored, in seconds, which
  // bound the range scans of ListBlocks and ListActiveAppointments, and the
  // booked appointments by blocked start. The block bound is restored by
  // undo; the appointment bound may stay larger after an undo, which only
  // widens a scan.
  struct PerResource {
    int64_t max_block = 0;
    int64_t max_appointment = 0;
    // (blocked.start, id) -> blocked.end, so an overlap scan reads only
    // the rows that do overlap.
    using SpanIndex = absl::btree_map<std::pair<int64_t, int64_t>, int64_t>;
    SpanIndex active;   // booked appointments
    SpanIndex pending;  // pending appointments
  };
  std::vector<PerResource> per_resource;
  // Per customer (index = id - 1): (start, id) of every appointment.
  std::vector<TimeIndex> by_customer;

  std::map<RuleId, MessageRule> rules;
  RuleId next_rule = 1;

  // The status workflow (memory_workflow.cc).
  std::map<ChainId, StatusChain> chains;
  ChainId next_chain = 1;
  StatusId next_status = 1;
  std::optional<WorkflowSettings> workflow;
  std::map<StatusId, int64_t> status_use;  // appointments per status
  RowVector<StatusChange> status_history;
  // Confirmation tokens by hash, and each appointment's hashes
  // (memory_tokens.cc).
  std::map<std::string, ConfirmTokenRecord, std::less<>> tokens;
  std::map<AppointmentId, std::vector<std::string>> tokens_by_appointment;
  absl::btree_set<Key> status_by_time;  // (appointment, at, change id)

  // The confirmation cycle (memory_tasks.cc). Task ids are positions + 1.
  std::optional<ConfirmationSettings> confirmation;
  std::map<TaskRuleId, TaskRule> task_rules;
  TaskRuleId next_task_rule = 1;
  std::vector<Task> tasks;
  std::map<std::tuple<TaskRuleId, AppointmentId, int64_t>, TaskId> task_keys;
  std::map<AppointmentId, std::vector<TaskId>> tasks_by_appointment;

  // Memberships (memory_memberships.cc). Membership ids are positions + 1.
  std::map<PlanId, MembershipPlan> plans;
  PlanId next_plan = 1;
  std::vector<Membership> memberships;
  std::map<std::string, MembershipId, std::less<>> certificates;
  std::map<CustomerId, std::vector<MembershipId>> memberships_by_customer;
  // (expires_at, id) of active memberships.
  absl::btree_set<std::pair<int64_t, int64_t>> expiring;

  // Pipelines and deals (memory_deals.cc). Deal and entry ids are
  // positions + 1; a deal's row keeps its appointment links.
  std::map<PipelineId, Pipeline> pipelines;
  PipelineId next_pipeline = 1;
  StageId next_stage = 1;
  StageRuleId next_stage_rule = 1;
  std::vector<Deal> deals;
  std::map<AppointmentId, DealId> deal_of_appointment;
  std::map<MembershipId, DealId> deal_of_membership;
  absl::btree_set<std::pair<int64_t, int64_t>> deals_by_pipeline;
  absl::btree_set<std::pair<int64_t, int64_t>> deals_by_customer;
  std::vector<DealEntry> deal_entries;
  absl::btree_set<Key> deal_entries_by_time;  // (deal, at, entry id)

  // Messaging (memory_outbox.cc). Firings and messages: ids are positions
  // + 1, as for appointments.
  std::optional<MessagingSettings> settings;
  // Hashed: a firing finds its timer, firing key and message key in one
  // probe each, where a tree walked ~20 nodes scattered over the heap.
  // An appointment's timers are listed in its row (timer_ids); those of a
  // rule are found by scanning, as a rule edit re-plans every visit anyway.
  absl::flat_hash_map<TimerId, Timer> timers;
  TimerId next_timer = 1;
  using IdPairs = absl::btree_set<std::pair<int64_t, int64_t>>;
  IdPairs timers_by_due;  // (due, id)
  RowVector<Firing> firings;
  RowChain firings_of;  // by appointment (newest_firing)
  absl::flat_hash_map<std::tuple<RuleId, AppointmentId, int64_t>, FiringId>
      firing_keys;
  RowVector<Message> messages;
  RowChain messages_of;  // by appointment (newest_message)
  absl::flat_hash_map<std::tuple<RuleId, AppointmentId, int64_t>, MessageId>
      message_keys;  // by (rule, appointment, occurrence)
  IdPairs sendable;  // (not_before, id) of queued messages

  // The timer's due entry and its id in its appointment's row, which must
  // exist (memory_outbox.cc).
  void IndexTimer(const Timer& t, bool add);
  // The message's entries in the indexes its updates may move.
  void IndexMessage(const Message& m, bool add);

  absl::btree_set<Key> blocks_by_start;  // (resource, start, block id)
  RowChain timeline_of;                  // by appointment (newest_timeline)

  void Index(AppointmentId id, const StoredAppointment& a, bool add) {
    PerResource& r = per_resource[a.resource_id - 1];
    TimeIndex& customer = by_customer[a.customer_id - 1];
    if (add) {
      customer.insert({a.start, id});
      if (a.active())
        r.active.emplace(std::pair{a.blocked_start, id}, a.blocked_end);
      if (a.pending())
        r.pending.emplace(std::pair{a.blocked_start, id}, a.blocked_end);
      if (a.status_id != 0) ++status_use[a.status_id];
      r.max_appointment =
          std::max(r.max_appointment, a.blocked_end - a.blocked_start);
    } else {
      customer.erase({a.start, id});
      r.active.erase(std::pair{a.blocked_start, id});
      r.pending.erase(std::pair{a.blocked_start, id});
      if (a.status_id != 0 && --status_use[a.status_id] == 0) {
        status_use.erase(a.status_id);
      }
    }
  }
};

// The rows of `owner` in an (owner, time, row id) index, newest first:
// highest time, then highest id. Row ids are positions + 1 in `rows`.
template <typename Rows>
auto NewestFirst(const absl::btree_set<Key>& index, int64_t owner,
                 const Rows& rows) {
  std::vector<std::decay_t<decltype(rows[0])>> out;
  auto it =
      index.lower_bound({owner + 1, std::numeric_limits<int64_t>::min(), 0});
  while (it != index.begin()) {
    --it;
    if (std::get<0>(*it) != owner) break;
    out.push_back(rows[std::get<2>(*it) - 1]);
  }
  return out;
}

template <typename Rows>
bool Has(const Rows& rows, int64_t id) {
  return id >= 1 && id <= static_cast<int64_t>(rows.size());
}

class MemoryStore;

class MemoryTransaction final : public StoreTransaction {
 public:
  MemoryTransaction(MemoryStore* store, Tables* t,
                    std::unique_lock<std::mutex> lock, Store::Mode mode);
  ~MemoryTransaction() override;

  absl::Status Commit() override;

  absl::StatusOr<ResourceId> InsertResource(const Resource& r) override {
    return Insert(t_->resources, r, "resource_id");
  }
  absl::Status UpdateResource(const Resource& r) override {
    return Update(t_->resources, r, "resource_id");
  }
  absl::StatusOr<Resource> GetResource(ResourceId id) override {
    return Get(t_->resources, id, "resource_id");
  }
  absl::StatusOr<std::vector<Resource>> ListResources() override {
    if (absl::Status s = CheckOpen(false); !s.ok()) return s;
    return t_->resources;
  }

  absl::StatusOr<BlockId> InsertBlock(const BlockedInterval& b) override;
  absl::Status DeleteBlock(BlockId id) override;
  absl::StatusOr<BlockedInterval> GetBlock(BlockId id) override;
  absl::StatusOr<std::vector<BlockedInterval>> ListBlocks(
      ResourceId resource, Interval window) override;

  absl::StatusOr<ServiceId> InsertService(const Service& s) override {
    return Insert(t_->services, s, "service_id");
  }
  absl::Status UpdateService(const Service& s) override {
    return Update(t_->services, s, "service_id");
  }
  absl::StatusOr<Service> GetService(ServiceId id) override {
    return Get(t_->services, id, "service_id");
  }
  absl::StatusOr<std::vector<Service>> ListServices() override {
    if (absl::Status s = CheckOpen(false); !s.ok()) return s;
    return t_->services;
  }

  absl::StatusOr<CustomerId> InsertCustomer(const Customer& c) override {
    return Insert(t_->customers, c, "customer_id");
  }
  absl::Status UpdateCustomer(const Customer& c) override {
    return Update(t_->customers, c, "customer_id");
  }
  absl::StatusOr<Customer> GetCustomer(CustomerId id) override {
    return Get(t_->customers, id, "customer_id");
  }
  absl::StatusOr<const Resource*> ViewResource(ResourceId id) override {
    return View(t_->resources, id, "resource_id");
  }
  absl::StatusOr<const Service*> ViewService(ServiceId id) override {
    return View(t_->services, id, "service_id");
  }
  absl::StatusOr<const Customer*> ViewCustomer(CustomerId id) override {
    return View(t_->customers, id, "customer_id");
  }

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
  absl::StatusOr<int64_t> CountAppointments() override;

  absl::StatusOr<int64_t> AppendTimeline(TimelineEntry e) override;
  absl::StatusOr<std::vector<TimelineEntry>> ListTimeline(
      AppointmentId id) override;

  absl::StatusOr<RuleId> InsertRule(const MessageRule& r) override;
  absl::Status UpdateRule(const MessageRule& r) override;
  absl::Status DeleteRule(RuleId id) override;
  absl::StatusOr<MessageRule> GetRule(RuleId id) override;
  absl::StatusOr<std::vector<MessageRule>> ListRules() override;

  absl::StatusOr<StatusChain> InsertStatusChain(const StatusChain& c) override;
  absl::StatusOr<StatusChain> UpdateStatusChain(const StatusChain& c) override;
  absl::Status DeleteStatusChain(ChainId id) override;
  absl::StatusOr<std::vector<StatusChain>> ListStatusChains() override;
  absl::StatusOr<WorkflowSettings> GetWorkflowSettings() override;
  absl::Status PutWorkflowSettings(const WorkflowSettings& s) override;
  absl::StatusOr<int64_t> AppendStatusChange(const StatusChange& c) override;
  absl::StatusOr<std::vector<StatusChange>> ListStatusHistory(
      AppointmentId id) override;

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

  absl::Status InsertConfirmToken(const ConfirmTokenRecord& t) override;
  absl::StatusOr<std::optional<ConfirmTokenRecord>> FindConfirmToken(
      const std::string& hash) override;
  absl::Status UpdateConfirmToken(const ConfirmTokenRecord& t) override;
  absl::Status SupersedeConfirmTokens(AppointmentId id, Instant at) override;

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
  // Ids for the chain's new statuses; the chain sorted by position.
  StatusChain Assign(StatusChain c);
  // Active or pending appointments of `resource` overlapping `window`.
  std::vector<Appointment> ListIndexed(ResourceId resource, Interval window,
                                       bool pending) const;
  // Deletes these timers, which must exist.
  absl::Status DeleteTimerIds(const std::vector<TimerId>& ids);

  absl::Status CheckOpen(bool write) const { return state_.CheckOpen(write); }
  void OnUndo(std::function<void(Tables&)> undo) {
    t_->undo_log.push_back(std::move(undo));
  }
  void Release();

  // Resources, services and customers: a row per id, updated in place.
  template <typename T>
  absl::StatusOr<int64_t> Insert(std::vector<T>& rows, const T& row,
                                 absl::string_view) {
    if (absl::Status s = CheckOpen(true); !s.ok()) return s;
    rows.push_back(row);
    rows.back().id = static_cast<int64_t>(rows.size());
    if constexpr (std::is_same_v<T, Resource>) {
      t_->per_resource.emplace_back();
      OnUndo([](Tables& t) { t.per_resource.pop_back(); });
    }
    if constexpr (std::is_same_v<T, Customer>) {
      t_->by_customer.emplace_back();
      OnUndo([](Tables& t) { t.by_customer.pop_back(); });
    }
    OnUndo([&rows](Tables&) { rows.pop_back(); });
    return rows.back().id;
  }
  template <typename T>
  absl::Status Update(std::vector<T>& rows, const T& row,
                      absl::string_view field) {
    if (absl::Status s = CheckOpen(true); !s.ok()) return s;
    if (!Has(rows, row.id)) return NotFound(field, row.id);
    T& slot = rows[row.id - 1];
    OnUndo([&rows, id = row.id, old = std::move(slot)](Tables&) mutable {
      rows[id - 1] = std::move(old);
    });
    slot = row;
    return absl::OkStatus();
  }
  template <typename T>
  absl::StatusOr<T> Get(const std::vector<T>& rows, int64_t id,
                        absl::string_view field) const {
    if (absl::Status s = CheckOpen(false); !s.ok()) return s;
    if (!Has(rows, id)) return NotFound(field, id);
    return rows[id - 1];
  }
  template <typename T>
  absl::StatusOr<const T*> View(const std::vector<T>& rows, int64_t id,
                                absl::string_view field) const {
    if (absl::Status s = CheckOpen(false); !s.ok()) return s;
    if (!Has(rows, id)) return NotFound(field, id);
    return &rows[id - 1];
  }
  // Adds or removes an active membership's (expires_at, id).
  void IndexExpiry(const Membership& m, bool add);
  absl::Status CheckReferences(const Appointment& a) const {
    if (!Has(t_->services, a.service_id)) {
      return NotFound("service_id", a.service_id);
    }
    if (!Has(t_->resources, a.resource_id)) {
      return NotFound("resource_id", a.resource_id);
    }
    if (!Has(t_->customers, a.customer_id)) {
      return NotFound("customer_id", a.customer_id);
    }
    return absl::OkStatus();
  }

  MemoryStore* store_;
  Tables* t_;
  std::unique_lock<std::mutex> lock_;
  storage_internal::TransactionState state_;
};

class MemoryStore final : public Store {
 public:
  absl::StatusOr<std::unique_ptr<StoreTransaction>> Begin(Mode m) override {
    if (owner_.load() == std::this_thread::get_id()) {
      return absl::FailedPreconditionError(
          "a transaction is already open on this memory store");
    }
    std::unique_lock<std::mutex> lock(mu_);
    owner_.store(std::this_thread::get_id());
    return std::make_unique<MemoryTransaction>(this, &tables_, std::move(lock),
                                               m);
  }
  std::string Kind() const override { return "memory"; }
  void ClearOwner() { owner_.store(std::thread::id()); }

 private:
  std::mutex mu_;
  std::atomic<std::thread::id> owner_{};
  Tables tables_;
};

}  // namespace appt::memory_internal

#endif  // APPT_STORAGE_MEMORY_MEMORY_INTERNAL_H_
