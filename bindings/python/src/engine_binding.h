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

// The engine behind a Python appt.Engine, with the listener ids it handed
// out (so removing an unknown one is a NotFoundError, as in C).
class PyEngine {
 public:
  explicit PyEngine(std::unique_ptr<Engine> engine)
      : engine_(std::move(engine)) {}

  Engine& get() {
    if (engine_ == nullptr) {
      Raise(absl::FailedPreconditionError("engine: closed"));
    }
    return *engine_;
  }

  void Close() {
    std::unique_ptr<Engine> engine = std::move(engine_);
    py::gil_scoped_release release;
    engine.reset();
  }

  ListenerId AddListener(py::function callback) {
    // The callable is released with the GIL held, whichever thread drops
    // the last copy of the listener.
    std::shared_ptr<py::object> fn(new py::object(std::move(callback)),
                                   [](py::object* o) {
                                     py::gil_scoped_acquire gil;
                                     delete o;
                                   });
    const ListenerId id = get().AddListener([fn](const Event& event) {
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

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_ENGINE_BINDING_H_
