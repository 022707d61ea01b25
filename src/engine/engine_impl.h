// The Engine's private state and its command runner. Internal.
#ifndef APPT_SRC_ENGINE_ENGINE_IMPL_H_
#define APPT_SRC_ENGINE_ENGINE_IMPL_H_

#include <map>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

#include "appt/engine.h"

namespace appt {

struct Engine::Impl {
  std::unique_ptr<Store> store;
  std::shared_ptr<Clock> clock;
  std::mutex command_mu;  // serialises commands on this Engine
  std::mutex listeners_mu;
  std::map<ListenerId, std::shared_ptr<const EventListener>> listeners;
  ListenerId next_listener = 1;

  // Runs fn(tx, events) in one transaction of `mode`; commits when it
  // returns OK, else rolls back. Events are published after commit, with no
  // lock held. fn returns absl::Status or absl::StatusOr<T>.
  template <typename Fn>
  auto Run(Store::Mode mode, Fn&& fn)
      -> decltype(fn(std::declval<StoreTransaction&>(),
                     std::declval<std::vector<Event>&>()));

  void Publish(const std::vector<Event>& events);
};

template <typename Fn>
auto Engine::Impl::Run(Store::Mode mode, Fn&& fn)
    -> decltype(fn(std::declval<StoreTransaction&>(),
                   std::declval<std::vector<Event>&>())) {
  std::vector<Event> events;
  decltype(fn(std::declval<StoreTransaction&>(), events)) result;
  {
    std::lock_guard<std::mutex> lock(command_mu);
    auto tx = store->Begin(mode);
    if (!tx.ok()) return tx.status();
    result = fn(**tx, events);
    if (!result.ok()) return result;
    if (absl::Status s = (*tx)->Commit(); !s.ok()) return s;
  }
  if (!events.empty()) Publish(events);
  return result;
}

}  // namespace appt

#endif  // APPT_SRC_ENGINE_ENGINE_IMPL_H_
