// The Engine's private state and its command runner. Internal.
#ifndef APPT_SRC_ENGINE_ENGINE_IMPL_H_
#define APPT_SRC_ENGINE_ENGINE_IMPL_H_

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "appt/engine.h"
#include "engine/background_runner.h"
#include "messaging/compose.h"

namespace appt {

struct Engine::Impl {
  std::unique_ptr<Store> store;
  std::shared_ptr<Clock> clock;
  std::mutex command_mu;  // serialises commands on this Engine
  std::mutex listeners_mu;
  std::map<ListenerId, std::shared_ptr<const EventListener>> listeners;
  std::atomic<size_t> listener_count{0};  // listeners.size(), read unlocked
  ListenerId next_listener = 1;

  // Used under command_mu only.
  messaging::LocaleFormatter formatter;
  messaging::TemplateCache templates;
  messaging::ComposeTools tools{formatter, templates};
  int max_firings_per_transaction = 64;
  std::mutex notifier_mu;
  std::shared_ptr<Notifier> notifier;
  std::mutex runner_mu;
  std::unique_ptr<engine::BackgroundRunner> runner;

  // After a command that queued messages or re-planned timers: hands what
  // is sendable to the notifier (if any) and wakes the runner (if any).
  // Dispatch failures are left for the next RunDue.
  void AfterMessaging(bool queued);
  absl::StatusOr<DispatchReport> Dispatch();
  std::shared_ptr<Notifier> CurrentNotifier();
  // Inside a rule command's transaction: re-plans rule `id`'s timers;
  // *queued tells whether a message was queued at once.
  absl::Status ReplanRule(StoreTransaction& tx, RuleId id, bool* queued);

  // Runs fn(tx, events) in one transaction of `mode`; commits when it
  // returns OK, else rolls back. Events are published after commit, with no
  // lock held. fn returns absl::Status or absl::StatusOr<T>.
  template <typename Fn>
  auto Run(Store::Mode mode, Fn&& fn)
      -> decltype(fn(std::declval<StoreTransaction&>(),
                     std::declval<std::vector<Event>&>()));

  // Run(kWrite, …) for a command that may queue messages or re-plan
  // timers: fn(tx, events, &queued) sets queued when it queued a message;
  // after a successful commit, AfterMessaging(queued) runs.
  template <typename Fn>
  auto RunMessaging(Fn&& fn) -> decltype(fn(std::declval<StoreTransaction&>(),
                                            std::declval<std::vector<Event>&>(),
                                            std::declval<bool*>()));

  void Publish(const std::vector<Event>& events);
};

// A command's event list, reusing the thread's last buffer: the first
// command moves it out (a command a listener runs meanwhile finds none and
// allocates its own) and the destructor puts it back emptied, unless it
// grew past kKeptEvents.
class EventBuffer {
 public:
  EventBuffer();
  ~EventBuffer();
  EventBuffer(const EventBuffer&) = delete;
  EventBuffer& operator=(const EventBuffer&) = delete;
  std::vector<Event>& events() { return events_; }

 private:
  static constexpr size_t kKeptEvents = 64;
  std::vector<Event> events_;
};

template <typename Fn>
auto Engine::Impl::Run(Store::Mode mode, Fn&& fn)
    -> decltype(fn(std::declval<StoreTransaction&>(),
                   std::declval<std::vector<Event>&>())) {
  using Result = decltype(fn(std::declval<StoreTransaction&>(),
                             std::declval<std::vector<Event>&>()));
  EventBuffer buffer;
  std::vector<Event>& events = buffer.events();
  // The result is built in place and returned by name, never assigned: a
  // command's value (an Appointment with its strings) is moved at most once.
  std::unique_lock<std::mutex> lock(command_mu);
  auto tx = store->Begin(mode);
  Result result = tx.ok() ? fn(**tx, events) : Result(tx.status());
  if (tx.ok()) {
    if (result.ok()) {
      if (absl::Status s = (*tx)->Commit(); !s.ok()) result = s;
    }
    tx->reset();  // rolls back unless committed, still under the lock
  }
  lock.unlock();
  if (result.ok() && !events.empty()) Publish(events);
  return result;
}

template <typename Fn>
auto Engine::Impl::RunMessaging(Fn&& fn)
    -> decltype(fn(std::declval<StoreTransaction&>(),
                   std::declval<std::vector<Event>&>(),
                   std::declval<bool*>())) {
  bool queued = false;
  auto result = Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, std::vector<Event>& events) {
                      return fn(tx, events, &queued);
                    });
  if (result.ok()) AfterMessaging(queued);
  return result;
}

}  // namespace appt

#endif  // APPT_SRC_ENGINE_ENGINE_IMPL_H_
