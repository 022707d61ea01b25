// MemoryStore: every table in process memory, ordered indexes in B-trees,
// an undo log per write transaction. See store.h for the contract.
//
// Locking: one std::mutex held for a transaction's whole life, so at most
// one transaction (read or write) is open at a time; a second Begin() from
// the thread that holds it fails instead of deadlocking.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/store.h"

namespace appt {
namespace {

int64_t Secs(Instant t) { return t.time_since_epoch().count(); }
Instant At(int64_t seconds) { return Instant(Duration(seconds)); }

absl::Status NotFound(absl::string_view field, int64_t id) {
  return absl::NotFoundError(absl::StrCat(field, " ", id, " not found"));
}

// Up to three strings in one heap block (none when all are empty):
// three uint32 lengths, then the bytes.
class PackedText {
 public:
  PackedText() = default;
  PackedText(absl::string_view a, absl::string_view b, absl::string_view c) {
    const uint32_t lens[3] = {static_cast<uint32_t>(a.size()),
                              static_cast<uint32_t>(b.size()),
                              static_cast<uint32_t>(c.size())};
    const size_t total = a.size() + b.size() + c.size();
    if (total == 0) return;
    data_ = std::make_unique<char[]>(sizeof(lens) + total);
    std::memcpy(data_.get(), lens, sizeof(lens));
    char* p = data_.get() + sizeof(lens);
    for (absl::string_view s : {a, b, c}) {
      if (!s.empty()) std::memcpy(p, s.data(), s.size());
      p += s.size();
    }
  }
  PackedText(const PackedText& other)
      : PackedText(other.Get(0), other.Get(1), other.Get(2)) {}
  PackedText& operator=(const PackedText& other) {
    if (this != &other) *this = PackedText(other);
    return *this;
  }
  PackedText(PackedText&&) = default;
  PackedText& operator=(PackedText&&) = default;

  absl::string_view Get(int i) const {
    if (data_ == nullptr) return {};
    uint32_t lens[3];
    std::memcpy(lens, data_.get(), sizeof(lens));
    size_t offset = sizeof(lens);
    for (int k = 0; k < i; ++k) offset += lens[k];
    return absl::string_view(data_.get() + offset, lens[i]);
  }

 private:
  std::unique_ptr<char[]> data_;
};

// An appointment as kept in memory: ids and instants as integers, the three
// free-text fields packed. The id is the row's position + 1.
struct StoredAppointment {
  int64_t service_id;
  int64_t resource_id;
  int64_t customer_id;
  int64_t start;
  int64_t end;
  int64_t blocked_start;
  int64_t blocked_end;
  int64_t created_at;
  int64_t updated_at;
  PackedText text;  // cancel_reason, external_id, notes
  uint8_t state;
  uint8_t source;

  static StoredAppointment From(const Appointment& a) {
    return {a.service_id,
            a.resource_id,
            a.customer_id,
            Secs(a.start),
            Secs(a.end),
            Secs(a.blocked.start),
            Secs(a.blocked.end),
            Secs(a.created_at),
            Secs(a.updated_at),
            PackedText(a.cancel_reason, a.external_id, a.notes),
            static_cast<uint8_t>(a.state),
            static_cast<uint8_t>(a.source)};
  }
  Appointment ToAppointment(AppointmentId id) const {
    Appointment a;
    a.id = id;
    a.service_id = service_id;
    a.resource_id = resource_id;
    a.customer_id = customer_id;
    a.start = At(start);
    a.end = At(end);
    a.blocked = {At(blocked_start), At(blocked_end)};
    a.state = static_cast<AppointmentState>(state);
    a.source = static_cast<BookingSource>(source);
    a.created_at = At(created_at);
    a.updated_at = At(updated_at);
    a.cancel_reason = std::string(text.Get(0));
    a.external_id = std::string(text.Get(1));
    a.notes = std::string(text.Get(2));
    return a;
  }
  bool active() const {
    return state == static_cast<uint8_t>(AppointmentState::kBooked);
  }
};

using Key = std::tuple<int64_t, int64_t, int64_t>;  // (owner, time, id)

struct Tables {
  // Ids are positions + 1; rows are never deleted (only undone).
  std::vector<Resource> resources;
  std::vector<Service> services;
  std::vector<Customer> customers;
  std::vector<StoredAppointment> appointments;
  std::vector<TimelineEntry> timeline;

  std::map<BlockId, BlockedInterval> blocks;
  BlockId next_block = 1;
  // Longest block ever stored per resource (index = id - 1); bounds the
  // ListBlocks range scan. Never shrinks, except by undo.
  std::vector<int64_t> max_block_seconds;

  absl::btree_set<Key> blocks_by_start;   // (resource, start, block id)
  absl::btree_set<Key> active_by_start;   // (resource, blocked.start, id)
  absl::btree_set<Key> by_customer;       // (customer, start, id)
  absl::btree_set<Key> timeline_by_time;  // (appointment, at, entry id)

  void Index(AppointmentId id, const StoredAppointment& a, bool add) {
    const Key customer_key{a.customer_id, a.start, id};
    const Key active_key{a.resource_id, a.blocked_start, id};
    if (add) {
      by_customer.insert(customer_key);
      if (a.active()) active_by_start.insert(active_key);
    } else {
      by_customer.erase(customer_key);
      active_by_start.erase(active_key);
    }
  }
};

template <typename T>
bool Has(const std::vector<T>& rows, int64_t id) {
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

  absl::StatusOr<AppointmentId> InsertAppointment(
      const Appointment& a) override;
  absl::Status UpdateAppointment(const Appointment& a) override;
  absl::StatusOr<Appointment> GetAppointment(AppointmentId id) override;
  absl::StatusOr<std::vector<Appointment>> ListActiveAppointments(
      ResourceId resource, Interval window) override;
  absl::StatusOr<std::vector<Appointment>> ListCustomerAppointments(
      CustomerId customer) override;
  absl::StatusOr<int64_t> CountAppointments() override;

  absl::StatusOr<int64_t> AppendTimeline(const TimelineEntry& e) override;
  absl::StatusOr<std::vector<TimelineEntry>> ListTimeline(
      AppointmentId id) override;

 private:
  absl::Status CheckOpen(bool write) const {
    if (finished_) {
      return absl::FailedPreconditionError("transaction already committed");
    }
    if (write && mode_ != Store::Mode::kWrite) {
      return absl::FailedPreconditionError("write in a read transaction");
    }
    return absl::OkStatus();
  }
  void OnUndo(std::function<void(Tables&)> undo) {
    undo_.push_back(std::move(undo));
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
      t_->max_block_seconds.push_back(0);
      OnUndo([](Tables& t) { t.max_block_seconds.pop_back(); });
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
  Store::Mode mode_;
  bool finished_ = false;
  std::vector<std::function<void(Tables&)>> undo_;
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

MemoryTransaction::MemoryTransaction(MemoryStore* store, Tables* t,
                                     std::unique_lock<std::mutex> lock,
                                     Store::Mode mode)
    : store_(store), t_(t), lock_(std::move(lock)), mode_(mode) {}

MemoryTransaction::~MemoryTransaction() {
  if (finished_) return;
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)(*t_);
  Release();
}

void MemoryTransaction::Release() {
  undo_.clear();
  finished_ = true;
  store_->ClearOwner();
  lock_.unlock();
}

absl::Status MemoryTransaction::Commit() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  Release();
  return absl::OkStatus();
}

absl::StatusOr<BlockId> MemoryTransaction::InsertBlock(
    const BlockedInterval& b) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->resources, b.resource_id)) {
    return NotFound("resource_id", b.resource_id);
  }
  const BlockId id = t_->next_block++;
  BlockedInterval& row = t_->blocks[id] = b;
  row.id = id;
  const Key key{b.resource_id, Secs(b.interval.start), id};
  t_->blocks_by_start.insert(key);
  int64_t& max_span = t_->max_block_seconds[b.resource_id - 1];
  OnUndo([id, key, old_max = max_span](Tables& t) {
    t.max_block_seconds[std::get<0>(key) - 1] = old_max;
    t.blocks_by_start.erase(key);
    t.blocks.erase(id);
    t.next_block = id;
  });
  max_span = std::max(max_span, (b.interval.end - b.interval.start).count());
  return id;
}

absl::Status MemoryTransaction::DeleteBlock(BlockId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->blocks.find(id);
  if (it == t_->blocks.end()) return NotFound("block_id", id);
  const Key key{it->second.resource_id, Secs(it->second.interval.start), id};
  t_->blocks_by_start.erase(key);
  OnUndo([key, old = std::move(it->second)](Tables& t) mutable {
    t.blocks_by_start.insert(key);
    t.blocks.emplace(old.id, std::move(old));
  });
  t_->blocks.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<BlockedInterval> MemoryTransaction::GetBlock(BlockId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->blocks.find(id);
  if (it == t_->blocks.end()) return NotFound("block_id", id);
  return it->second;
}

absl::StatusOr<std::vector<BlockedInterval>> MemoryTransaction::ListBlocks(
    ResourceId resource, Interval window) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<BlockedInterval> out;
  if (!Has(t_->resources, resource)) return out;
  const int64_t from = Secs(window.start) - t_->max_block_seconds[resource - 1];
  for (auto it = t_->blocks_by_start.lower_bound({resource, from, 0});
       it != t_->blocks_by_start.end() && std::get<0>(*it) == resource &&
       std::get<1>(*it) < Secs(window.end);
       ++it) {
    const BlockedInterval& b = t_->blocks.at(std::get<2>(*it));
    if (b.interval.end > window.start) out.push_back(b);
  }
  return out;
}

absl::StatusOr<AppointmentId> MemoryTransaction::InsertAppointment(
    const Appointment& a) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (absl::Status s = CheckReferences(a); !s.ok()) return s;
  t_->appointments.push_back(StoredAppointment::From(a));
  const AppointmentId id = static_cast<AppointmentId>(t_->appointments.size());
  t_->Index(id, t_->appointments.back(), true);
  OnUndo([id](Tables& t) {
    t.Index(id, t.appointments.back(), false);
    t.appointments.pop_back();
  });
  return id;
}

absl::Status MemoryTransaction::UpdateAppointment(const Appointment& a) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, a.id)) return NotFound("appointment_id", a.id);
  if (absl::Status s = CheckReferences(a); !s.ok()) return s;
  const AppointmentId id = a.id;
  StoredAppointment& slot = t_->appointments[id - 1];
  t_->Index(id, slot, false);
  OnUndo([id, old = std::move(slot)](Tables& t) mutable {
    StoredAppointment& row = t.appointments[id - 1];
    t.Index(id, row, false);
    row = std::move(old);
    t.Index(id, row, true);
  });
  slot = StoredAppointment::From(a);
  t_->Index(id, slot, true);
  return absl::OkStatus();
}

absl::StatusOr<Appointment> MemoryTransaction::GetAppointment(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return NotFound("appointment_id", id);
  return t_->appointments[id - 1].ToAppointment(id);
}

absl::StatusOr<std::vector<Appointment>>
MemoryTransaction::ListActiveAppointments(ResourceId resource,
                                          Interval window) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Appointment> out;
  const int64_t from = Secs(window.start - kMaxBlockedSpan);
  for (auto it = t_->active_by_start.lower_bound({resource, from, 0});
       it != t_->active_by_start.end() && std::get<0>(*it) == resource &&
       std::get<1>(*it) < Secs(window.end);
       ++it) {
    const AppointmentId id = std::get<2>(*it);
    const StoredAppointment& a = t_->appointments[id - 1];
    if (a.blocked_end > Secs(window.start)) out.push_back(a.ToAppointment(id));
  }
  return out;
}

absl::StatusOr<std::vector<Appointment>>
MemoryTransaction::ListCustomerAppointments(CustomerId customer) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Appointment> out;
  for (auto it = t_->by_customer.lower_bound(
           {customer, std::numeric_limits<int64_t>::min(), 0});
       it != t_->by_customer.end() && std::get<0>(*it) == customer; ++it) {
    const AppointmentId id = std::get<2>(*it);
    out.push_back(t_->appointments[id - 1].ToAppointment(id));
  }
  return out;
}

absl::StatusOr<int64_t> MemoryTransaction::CountAppointments() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return static_cast<int64_t>(t_->appointments.size());
}

absl::StatusOr<int64_t> MemoryTransaction::AppendTimeline(
    const TimelineEntry& e) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, e.appointment_id)) {
    return NotFound("appointment_id", e.appointment_id);
  }
  t_->timeline.push_back(e);
  const int64_t id = static_cast<int64_t>(t_->timeline.size());
  t_->timeline.back().id = id;
  const Key key{e.appointment_id, Secs(e.at), id};
  t_->timeline_by_time.insert(key);
  OnUndo([key](Tables& t) {
    t.timeline_by_time.erase(key);
    t.timeline.pop_back();
  });
  return id;
}

absl::StatusOr<std::vector<TimelineEntry>> MemoryTransaction::ListTimeline(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<TimelineEntry> out;
  // Walk (id, *, *) backwards: newest `at` first, then highest entry id.
  auto it = t_->timeline_by_time.lower_bound(
      {id + 1, std::numeric_limits<int64_t>::min(), 0});
  while (it != t_->timeline_by_time.begin()) {
    --it;
    if (std::get<0>(*it) != id) break;
    out.push_back(t_->timeline[std::get<2>(*it) - 1]);
  }
  return out;
}

}  // namespace

std::unique_ptr<Store> NewMemoryStore() {
  return std::make_unique<MemoryStore>();
}

}  // namespace appt
