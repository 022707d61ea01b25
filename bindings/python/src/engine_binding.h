// The Python appt.Engine's C++ side, shared by the files that bind its
// methods. Needs the GIL except where stated.
#ifndef APPT_BINDINGS_PYTHON_SRC_ENGINE_BINDING_H_
#define APPT_BINDINGS_PYTHON_SRC_ENGINE_BINDING_H_

#include <pybind11/pybind11.h>

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "conversions.h"

namespace appt::python {

class PyEngine;

// Marks the current thread as running a callback (a listener or the
// notifier) of `engine` while it lives. close() and
// stop_background_runner() refuse to run inside one: they would destroy,
// or join, what is running the callback.
class CallbackScope {
 public:
  explicit CallbackScope(const PyEngine* engine);
  ~CallbackScope();
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;

  static bool Inside(const PyEngine* engine);
};

// The engine behind a Python appt.Engine, with the listener ids it handed
// out (so removing an unknown one is a NotFoundError, as in C).
class PyEngine {
 public:
  explicit PyEngine(std::unique_ptr<Engine> engine)
      : engine_(std::move(engine)) {}
  // Dropped by Python without close(): closes as close() does, with the GIL
  // released, so a background runner's pass that waits for the GIL (in the
  // notifier) can end.
  ~PyEngine() { CloseNow(); }
  PyEngine(const PyEngine&) = delete;
  PyEngine& operator=(const PyEngine&) = delete;

  Engine& get() {
    if (engine_ == nullptr) {
      Raise(absl::FailedPreconditionError("engine: closed"));
    }
    return *engine_;
  }

  // Stops the background runner and releases the store and the notifier.
  // Raises inside one of the engine's callbacks.
  void Close();

  // The engine's background runner. Started runners are also stopped at
  // interpreter exit (atexit), before Python can no longer run a notifier.
  void StartBackgroundRunner(BackgroundRunnerOptions options);
  void StopBackgroundRunner();
  // Stops every started runner; registered with atexit. Needs the GIL.
  static void StopAllRunners();

  ListenerId AddListener(py::function callback) {
    // The callable is released with the GIL held, whichever thread drops
    // the last copy of the listener.
    std::shared_ptr<py::object> fn(new py::object(std::move(callback)),
                                   [](py::object* o) {
                                     py::gil_scoped_acquire gil;
                                     delete o;
                                   });
    const ListenerId id = get().AddListener([this, fn](const Event& event) {
      CallbackScope scope(this);
      py::gil_scoped_acquire gil;
      try {
        (*fn)(event);
      } catch (py::error_already_set& e) {
        e.discard_as_unraisable("appt.Engine listener");
      }
    });
    std::lock_guard<std::mutex> lock(mu_);
    listeners_.insert(id);
    return id;
  }

  void RemoveListener(ListenerId id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (listeners_.erase(id) == 0) {
        Raise(absl::NotFoundError(
            absl::StrCat("listener id ", id, " is not registered")));
      }
    }
    Engine& engine = get();
    py::gil_scoped_release release;
    engine.RemoveListener(id);
  }

 private:
  void CloseNow();

  std::unique_ptr<Engine> engine_;
  std::mutex mu_;
  std::set<ListenerId> listeners_;
};

// Runs `fn` with the GIL released and returns its status or value with the
// GIL held again (raising on error).
template <typename Fn>
auto NoGil(Fn&& fn) {
  using Result = decltype(fn());
  std::optional<Result> result;
  {
    py::gil_scoped_release release;
    result.emplace(fn());
  }
  if constexpr (std::is_same_v<Result, absl::Status>) {
    Check(*result);
  } else {
    return Unwrap(*std::move(result));
  }
}

// As above, passing `fn` the open engine (raising first, with the GIL, if
// it is closed).
template <typename Fn>
auto NoGil(PyEngine& e, Fn&& fn) {
  Engine& engine = e.get();
  return NoGil([&] { return fn(engine); });
}

// The actor argument: an appt.Actor, or None for `default_kind` with an
// empty id.
Actor ActorArg(py::handle actor, Actor::Kind default_kind);

void BindEngine(py::module_& m);
// Methods of appt.Engine, by concept.
void BindEngineCatalog(py::class_<PyEngine>& cls);
void BindEngineBooking(py::class_<PyEngine>& cls);
void BindEngineMessaging(py::class_<PyEngine>& cls);
void BindEngineOutbox(py::class_<PyEngine>& cls);
void BindEngineWorkflow(py::class_<PyEngine>& cls);
void BindEngineConfirmation(py::class_<PyEngine>& cls);
void BindEngineMemberships(py::class_<PyEngine>& cls);
void BindEngineDeals(py::class_<PyEngine>& cls);

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_ENGINE_BINDING_H_
