#include "appt/engine.h"

#include <cxxabi.h>

#include "absl/strings/str_cat.h"
#include "engine/engine_impl.h"

namespace appt {

absl::StatusOr<std::unique_ptr<Engine>> Engine::Open(
    std::unique_ptr<Store> store, EngineOptions options) {
  if (store == nullptr) {
    return absl::InvalidArgumentError("store is null");
  }
  if (options.max_firings_per_transaction < 1 ||
      options.max_firings_per_transaction > 10000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_firings_per_transaction ", options.max_firings_per_transaction,
        " is not in 1..10000"));
  }
  auto impl = std::make_unique<Impl>();
  impl->max_firings_per_transaction = options.max_firings_per_transaction;
  impl->store = std::move(store);
  impl->clock = options.clock ? std::move(options.clock)
                              : std::make_shared<SystemClock>();
  {
    // Proves the store is readable before handing out an Engine.
    auto tx = impl->store->Begin(Store::Mode::kRead);
    if (!tx.ok()) return tx.status();
  }
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() { StopBackgroundRunner(); }

const Clock& Engine::clock() const { return *impl_->clock; }

ListenerId Engine::AddListener(EventListener listener) {
  std::lock_guard<std::mutex> lock(impl_->listeners_mu);
  const ListenerId id = impl_->next_listener++;
  impl_->listeners.emplace(
      id, std::make_shared<const EventListener>(std::move(listener)));
  impl_->listener_count.store(impl_->listeners.size());
  return id;
}

void Engine::RemoveListener(ListenerId id) {
  std::lock_guard<std::mutex> lock(impl_->listeners_mu);
  impl_->listeners.erase(id);
  impl_->listener_count.store(impl_->listeners.size());
}

namespace {
// Cleared when the thread's buffer is destroyed at thread exit, so a
// command run after that (from another thread-local's destructor) neither
// reads nor refills a dead vector. A bool has no destructor: it stays
// readable to the end.
thread_local bool spare_events_alive = true;
struct SpareEvents {
  std::vector<Event> events;
  ~SpareEvents() { spare_events_alive = false; }
};
thread_local SpareEvents spare_events;
}  // namespace

EventBuffer::EventBuffer() {
  if (spare_events_alive) {
    events_ = std::move(spare_events.events);
    spare_events.events.clear();  // a moved-from vector is empty; say so
  }
}

EventBuffer::~EventBuffer() {
  events_.clear();
  if (spare_events_alive && events_.capacity() <= kKeptEvents) {
    spare_events.events = std::move(events_);
  }
}

void Engine::Impl::Publish(const std::vector<Event>& events) {
  // Listeners added from here on see the next command's events.
  if (listener_count.load() == 0) return;
  std::vector<std::shared_ptr<const EventListener>> snapshot;
  {
    std::lock_guard<std::mutex> lock(listeners_mu);
    snapshot.reserve(listeners.size());
    for (const auto& [id, listener] : listeners) snapshot.push_back(listener);
  }
  for (const Event& event : events) {
    for (const auto& listener : snapshot) {
      try {
        (*listener)(event);
      } catch (const abi::__forced_unwind&) {
        throw;  // a thread being cancelled must unwind
      } catch (...) {
        // A listener's failure must not undo a committed command.
      }
    }
  }
}

absl::StatusOr<Appointment> Engine::GetAppointment(AppointmentId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx, std::vector<Event>&) {
                      return tx.GetAppointment(id);
                    });
}

absl::StatusOr<std::vector<Appointment>> Engine::ListCustomerAppointments(
    CustomerId id) {
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx,
          std::vector<Event>&) -> absl::StatusOr<std::vector<Appointment>> {
        if (auto c = tx.GetCustomer(id); !c.ok()) return c.status();
        return tx.ListCustomerAppointments(id);
      });
}

absl::StatusOr<std::vector<TimelineEntry>> Engine::Timeline(AppointmentId id) {
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx,
          std::vector<Event>&) -> absl::StatusOr<std::vector<TimelineEntry>> {
        if (auto a = tx.GetAppointment(id); !a.ok()) return a.status();
        return tx.ListTimeline(id);
      });
}

}  // namespace appt
