// appt.Engine and appt.ManualClock. Every engine call converts its
// arguments with the GIL held, releases the GIL while the engine works, and
// raises appt's exceptions with the GIL re-acquired. Listeners acquire the
// GIL to run; an exception they raise goes to sys.unraisablehook and never
// reaches the engine.
#include <pybind11/stl.h>

#include <algorithm>
#include <mutex>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine_binding.h"
#include "records.h"

namespace appt::python {
namespace {

// The engines whose callbacks run on this thread, innermost last.
thread_local std::vector<const PyEngine*> callbacks_running;

// The engines whose background runner was started from Python.
std::mutex runners_mu;
std::set<PyEngine*>* running_engines = new std::set<PyEngine*>();

std::shared_ptr<Clock> ClockArg(py::handle clock) {
  if (clock.is_none()) return nullptr;
  if (!py::isinstance<ManualClock>(clock)) {
    RaiseInvalid("clock: expected an appt.ManualClock or None");
  }
  return clock.cast<std::shared_ptr<ManualClock>>();
}

std::unique_ptr<PyEngine> Open(absl::StatusOr<std::unique_ptr<Store>> store,
                               py::handle clock, int max_firings) {
  EngineOptions options{.clock = ClockArg(clock),
                        .max_firings_per_transaction = max_firings};
  if (!store.ok()) Raise(store.status());
  auto engine = NoGil([&] {
    return Engine::Open(*std::move(store), std::move(options));
  });
  return std::make_unique<PyEngine>(std::move(engine));
}

void BindClock(py::module_& m) {
  py::class_<ManualClock, std::shared_ptr<ManualClock>>(
      m, "ManualClock",
      "A clock that moves only when told; pass it to Engine.open_*. Thread "
      "safe.")
      .def(py::init([](py::handle start) {
             return std::make_shared<ManualClock>(ToInstant(start, "start"));
           }),
           py::arg("start"), "Args:\n    start: an aware datetime.")
      .def("now", [](const ManualClock& c) { return FromInstant(c.Now()); },
           "Returns:\n    The clock's time, an aware datetime in UTC.")
      .def("set",
           [](ManualClock& c, py::handle t) { c.Set(ToInstant(t, "t")); },
           py::arg("t"), "Args:\n    t: the new time, an aware datetime.")
      .def("advance",
           [](ManualClock& c, py::handle d) { c.Advance(ToDuration(d, "by")); },
           py::arg("by"), "Args:\n    by: a timedelta.")
      .def("__repr__", [](const ManualClock& c) {
        return absl::StrCat("appt.ManualClock(", FormatUtc(c.Now()), ")");
      });
}

}  // namespace

CallbackScope::CallbackScope(const PyEngine* engine) {
  callbacks_running.push_back(engine);
}

CallbackScope::~CallbackScope() { callbacks_running.pop_back(); }

bool CallbackScope::Inside(const PyEngine* engine) {
  return std::find(callbacks_running.begin(), callbacks_running.end(),
                   engine) != callbacks_running.end();
}

void PyEngine::Close() {
  if (CallbackScope::Inside(this)) {
    Raise(absl::FailedPreconditionError(
        "engine: close() cannot be called from the engine's own listener or "
        "notifier"));
  }
  CloseNow();
}

void PyEngine::CloseNow() {
  {
    std::lock_guard<std::mutex> lock(runners_mu);
    running_engines->erase(this);
  }
  std::unique_ptr<Engine> engine = std::move(engine_);
  if (engine == nullptr) return;
  py::gil_scoped_release release;
  engine.reset();  // stops the runner; the notifier takes the GIL to go
}

void PyEngine::StartBackgroundRunner(BackgroundRunnerOptions options) {
  NoGil(*this,
        [&](Engine& engine) { return engine.StartBackgroundRunner(options); });
  std::lock_guard<std::mutex> lock(runners_mu);
  running_engines->insert(this);
}

void PyEngine::StopBackgroundRunner() {
  if (CallbackScope::Inside(this)) {
    Raise(absl::FailedPreconditionError(
        "engine: stop_background_runner() cannot be called from the "
        "engine's own listener or notifier"));
  }
  {
    std::lock_guard<std::mutex> lock(runners_mu);
    running_engines->erase(this);
  }
  Engine& engine = get();
  py::gil_scoped_release release;  // the runner's pass may need the GIL
  engine.StopBackgroundRunner();
}

void PyEngine::StopAllRunners() {
  std::set<PyEngine*> running;
  {
    std::lock_guard<std::mutex> lock(runners_mu);
    running.swap(*running_engines);
  }
  for (PyEngine* e : running) {
    if (e->engine_ == nullptr) continue;
    Engine& engine = *e->engine_;
    py::gil_scoped_release release;
    engine.StopBackgroundRunner();
  }
}

Actor ActorArg(py::handle actor, Actor::Kind default_kind) {
  if (actor.is_none()) return Actor{default_kind, ""};
  if (!py::isinstance<Actor>(actor)) {
    RaiseInvalid("actor: expected an appt.Actor or None");
  }
  return actor.cast<Actor>();
}


void BindEngine(py::module_& m) {
  BindClock(m);
  py::class_<PyEngine> cls(m, "Engine", R"doc(
One business's appointments over one store. Every command validates its
input and commits whole or changes nothing. Safe to share between threads;
the GIL is released while the engine works. Use as a context manager or
call close() to release the store.)doc");
  cls.def_static(
         "open_memory",
         [](py::handle clock, int max_firings) {
           return Open(NewMemoryStore(), clock, max_firings);
         },
         py::kw_only(), py::arg("clock") = py::none(),
         py::arg("max_firings_per_transaction") = 64,
         R"doc(Opens an engine over a fresh in-memory store.

Args:
    clock: an appt.ManualClock, or None for the system clock.
    max_firings_per_transaction: timers run_due fires per transaction
        (1..10000); a firing never spans two.
Returns:
    A new Engine.)doc")
      .def_static(
          "open_sqlite",
          [](const std::string& path, Durability durability,
             py::handle busy_timeout, bool create_if_missing,
             py::handle clock, int max_firings) {
            SqliteOptions options;
            options.durability = durability;
            options.busy_timeout = std::chrono::milliseconds(
                ToDuration(busy_timeout, "busy_timeout").count() * 1000);
            options.create_if_missing = create_if_missing;
            absl::StatusOr<std::unique_ptr<Store>> store;
            {
              py::gil_scoped_release release;
              store = OpenSqliteStore(path, options);
            }
            return Open(std::move(store), clock, max_firings);
          },
          py::arg("path"), py::kw_only(),
          py::arg("durability") = Durability::kNormal,
          py::arg("busy_timeout") = FromDuration(Duration(5)),
          py::arg("create_if_missing") = true, py::arg("clock") = py::none(),
          py::arg("max_firings_per_transaction") = 64,
          R"doc(Opens an engine over a SQLite file (WAL), creating and
migrating it as needed. Several processes may open one file.

Args:
    path: the database file.
    durability: Durability.NORMAL or Durability.FULL.
    busy_timeout: how long a command waits for another writer.
    create_if_missing: create the file when it does not exist.
    clock: an appt.ManualClock, or None for the system clock.
    max_firings_per_transaction: timers run_due fires per transaction
        (1..10000); a firing never spans two.
Returns:
    A new Engine.)doc")
      .def("close", &PyEngine::Close,
           "Stops the background runner, drops the notifier and closes the "
           "store; later calls raise FailedPreconditionError.")
      .def("__enter__", [](PyEngine& e) -> PyEngine& { return e; },
           py::return_value_policy::reference)
      .def("__exit__",
           [](PyEngine& e, py::args) {
             e.Close();
             return false;
           })
      .def("now", [](PyEngine& e) { return FromInstant(e.get().clock().Now()); },
           "Returns:\n    The engine clock's time, an aware datetime in UTC.")
      .def("add_listener", &PyEngine::AddListener, py::arg("callback"),
           R"doc(Registers callback(event: appt.Event), called after each
committed change on the committing thread. It may call back into the
engine. An exception it raises is reported through sys.unraisablehook.

Returns:
    The listener id, for remove_listener.)doc")
      .def("remove_listener", &PyEngine::RemoveListener, py::arg("id"),
           "Removes a listener; an unknown id raises NotFoundError.");
  BindEngineCatalog(cls);
  BindEngineBooking(cls);
  BindEngineMessaging(cls);
  BindEngineOutbox(cls);
  BindEngineWorkflow(cls);
  BindEngineConfirmation(cls);
  BindEngineMemberships(cls);
  BindEngineDeals(cls);
  // A runner thread must be stopped while Python can still run its
  // notifier: after finalisation starts, taking the GIL ends the thread.
  py::module_::import("atexit").attr("register")(
      py::cpp_function(&PyEngine::StopAllRunners));
}

}  // namespace appt::python
