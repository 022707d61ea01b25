// appt.Engine's outbox methods: the notifier, run_due and the background
// runner, delivery reports and the message, firing and timer queries.
//
// The notifier is a Python callable behind a C++ appt::Notifier. The engine
// calls it after commit, with no engine lock held, from the thread that ran
// the command (which released the GIL for the engine's work) or from the
// background runner's thread: Send takes the GIL. The engine may hold the
// last reference to the callable and drop it on any thread, so it is
// released with the GIL held too.
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "engine_binding.h"

namespace appt::python {
namespace {

bool PythonFinalizing() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsFinalizing();
#else
  return _Py_IsFinalizing();
#endif
}

std::string TypeName(py::handle value) {
  return py::str(py::type::of(value).attr("__name__")).cast<std::string>();
}

// "RuntimeError: smtp down", the text cut at 1000 characters.
std::string ErrorText(const py::error_already_set& e) {
  try {
    py::str text(e.value());
    return absl::StrCat(
        py::str(e.type().attr("__name__")).cast<std::string>(), ": ",
        py::str(text[py::slice(0, 1000, 1)]).cast<std::string>());
  } catch (py::error_already_set&) {
    return "the notifier raised an exception that cannot be shown";
  }
}

// `s`, with bytes that are not UTF-8 (SendResult takes bytes too) shown as
// \xNN escapes: the engine stores the answer as it is, and a message whose
// text is not UTF-8 could no longer be read from Python.
std::string ValidUtf8(const std::string& s) {
  py::handle text(PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace"));
  if (!text) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(text).cast<std::string>();
}

class PyNotifier : public Notifier {
 public:
  PyNotifier(const PyEngine* owner, py::object fn)
      : owner_(owner), fn_(std::move(fn)) {}

  ~PyNotifier() override {
    if (!Py_IsInitialized() || PythonFinalizing()) {
      fn_.release();  // Python is going away: leak rather than touch it
      return;
    }
    py::gil_scoped_acquire gil;
    fn_ = py::object();
  }

  SendResult Send(const Message& message) override {
    if (PythonFinalizing()) {
      return SendResult::Retry("the Python interpreter is shutting down");
    }
    CallbackScope scope(owner_);
    py::gil_scoped_acquire gil;
    try {
      py::object result = fn_(message);
      if (py::isinstance<SendResult>(result)) {
        SendResult answer = result.cast<SendResult>();
        answer.provider_id = ValidUtf8(answer.provider_id);
        answer.error = ValidUtf8(answer.error);
        return answer;
      }
      return SendResult::Retry(absl::StrCat("the notifier returned ",
                                            TypeName(result),
                                            ", not an appt.SendResult"));
    } catch (py::error_already_set& e) {
      return SendResult::Retry(ErrorText(e));
    } catch (const std::exception& e) {
      return SendResult::Retry(absl::StrCat("the notifier failed: ", e.what()));
    }
  }

 private:
  const PyEngine* owner_;  // owns the engine, which outlives its calls
  py::object fn_;
};

}  // namespace

void BindEngineOutbox(py::class_<PyEngine>& cls) {
  cls.def(
         "set_notifier",
         [](PyEngine& e, py::object fn) {
           Engine& engine = e.get();
           std::shared_ptr<Notifier> notifier;
           if (!fn.is_none()) {
             if (!PyCallable_Check(fn.ptr())) {
               throw py::type_error(
                   absl::StrCat("notifier: expected a callable(message) -> "
                                "appt.SendResult, or None; got ",
                                TypeName(fn)));
             }
             notifier = std::make_shared<PyNotifier>(&e, std::move(fn));
           }
           // Released: the replaced notifier may take the GIL to go.
           py::gil_scoped_release release;
           engine.SetNotifier(std::move(notifier));
         },
         py::arg("notifier"),
         R"doc(Sets the host's sender, replacing any previous one.

The engine never sends anything itself: after each command commits, and
in run_due() and dispatch_messages(), it calls notifier(message) for each
queued message whose time has come and records the answer. The notifier
runs with no engine lock held (it may call back into the engine, though
not close() or stop_background_runner() it), possibly on the background
runner's thread, and may see a message again after a crash: drop repeats
by message.idempotency_key. An exception it raises, or
an answer that is not a SendResult, is recorded as a retryable failure.

Args:
    notifier: a callable(appt.Message) -> appt.SendResult, or None (messages
        then stay queued).)doc")
      .def(
          "run_due",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) { return engine.RunDue(); });
          },
          R"doc(Fires every timer due at the engine clock's now, in due order,
each in its own transaction, then dispatches every queued message whose time
has come (new ones, and retries whose backoff passed).

Returns:
    An appt.RunDueReport.)doc")
      .def(
          "dispatch_messages",
          [](PyEngine& e) {
            return NoGil(
                e, [&](Engine& engine) { return engine.DispatchMessages(); });
          },
          R"doc(Only the dispatch half of run_due().

Returns:
    An appt.DispatchReport.)doc")
      .def(
          "next_due_at",
          [](PyEngine& e) {
            return FromOptionalInstant(
                NoGil(e, [&](Engine& engine) { return engine.NextDueAt(); }));
          },
          R"doc(Returns:
    The earliest aware datetime at which run_due() has work (a timer, a
    queued message or a retry), or None.)doc")
      .def(
          "start_background_runner",
          [](PyEngine& e, py::handle max_sleep) {
            BackgroundRunnerOptions options;
            options.max_sleep = ToMilliseconds(max_sleep, "max_sleep");
            e.StartBackgroundRunner(options);
          },
          py::kw_only(),
          py::arg("max_sleep") = FromDuration(std::chrono::seconds(5)),
          R"doc(Runs run_due() on a thread of the engine's own at each next due
instant of its clock, and at least every max_sleep (so work from other
processes, or a ManualClock moved forward, is seen), until
stop_background_runner() or close(). The notifier is then called on that
thread; it may not call stop_background_runner() or close().

Args:
    max_sleep: a positive timedelta (milliseconds count).
Raises:
    FailedPreconditionError: a runner is already running.)doc")
      .def("stop_background_runner", &PyEngine::StopBackgroundRunner,
           "Stops the background runner, waiting for its current pass; a "
           "no-op when none runs.")
      .def(
          "report_delivery",
          [](PyEngine& e, MessageId id, MessageState state,
             const std::string& detail) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ReportDelivery(id, state, detail);
            });
          },
          py::arg("message_id"), py::arg("state"), py::arg("detail") = "",
          R"doc(Records the provider's delivery report for a sent message.

Args:
    message_id: the message's id.
    state: MessageState.DELIVERED, READ or FAILED.
    detail: e.g. the provider's error, for the history.
Returns:
    The updated appt.Message.
Raises:
    FailedPreconditionError: the move is not allowed from the message's
        state (e.g. delivered before sent).
    InvalidArgumentError: another state.)doc")
      .def(
          "get_message",
          [](PyEngine& e, MessageId id) {
            return NoGil(e,
                         [&](Engine& engine) { return engine.GetMessage(id); });
          },
          py::arg("id"),
          "Returns:\n    The appt.Message; NotFoundError if unknown.")
      .def(
          "list_appointment_messages",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ListAppointmentMessages(id);
            });
          },
          py::arg("appointment_id"),
          "Returns:\n    The appointment's appt.Message list, oldest first.")
      .def(
          "list_customer_messages",
          [](PyEngine& e, CustomerId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ListCustomerMessages(id);
            });
          },
          py::arg("customer_id"),
          "Returns:\n    The customer's appt.Message list, oldest first.")
      .def(
          "list_firings",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.ListFirings(id); });
          },
          py::arg("appointment_id"),
          "Returns:\n    The appointment's appt.Firing list (messages created "
          "and skips with their reasons), oldest first.")
      .def(
          "list_pending_timers",
          [](PyEngine& e, AppointmentId id) {
            return NoGil(e, [&](Engine& engine) {
              return engine.ListPendingTimers(id);
            });
          },
          py::arg("appointment_id"),
          "Returns:\n    The appointment's pending appt.Timer list, by due.");
}

}  // namespace appt::python
