// appt.Message, appt.Firing, appt.Timer, appt.DispatchReport,
// appt.RunDueReport and appt.SendResult: what the engine produces as it
// plans, fires and dispatches messages, and what a notifier answers. The
// engine's records are read-only values; their keyword constructors are
// for tests of a host's notifier.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "appt/message.h"
#include "appt/notifier.h"
#include "appt/run_due.h"
#include "appt/timer.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

const char* TimerKindName(TimerKind kind) {
  switch (kind) {
    case TimerKind::kMessage:
      return "message";
    case TimerKind::kTask:
      return "task";
    case TimerKind::kRelease:
      return "release";
    case TimerKind::kDealStage:
      return "deal_stage";
  }
  return "unknown";
}

const char* SendOutcomeName(SendResult::Outcome outcome) {
  switch (outcome) {
    case SendResult::Outcome::kAccepted:
      return "accepted";
    case SendResult::Outcome::kRetryableFailure:
      return "retryable_failure";
    case SendResult::Outcome::kPermanentFailure:
      return "permanent_failure";
  }
  return "unknown";
}

template <typename C>
void ReadOnlyInstant(py::class_<C>& cls, const char* name, Instant C::*member) {
  cls.def_property_readonly(
      name, [member](const C& c) { return FromInstant(c.*member); });
}

void BindMessage(py::module_& m) {
  py::class_<Message> message(m, "Message", R"doc(
A message in the outbox, as handed to the notifier. idempotency_key is
stable across retries and crashes: a notifier may see one message twice,
never two messages with one key. calendar holds an RFC 5545 VCALENDAR for
email confirmations, reschedules and cancellations, else "".)doc");
  message
      .def(py::init(
               [](MessageId id, std::string idempotency_key, RuleId rule_id,
                  int64_t occurrence, MessageKind kind, Audience audience,
                  AppointmentId appointment_id, CustomerId customer_id,
                  Channel channel, std::string recipient, std::string locale,
                  std::string subject, std::string body, std::string calendar,
                  MessageState state, int attempts, py::handle created_at,
                  py::handle not_before, py::handle updated_at,
                  std::string provider_id, std::string error) {
                 Message msg;
                 msg.id = id;
                 msg.idempotency_key = std::move(idempotency_key);
                 msg.rule_id = rule_id;
                 msg.occurrence = occurrence;
                 msg.kind = kind;
                 msg.audience = audience;
                 msg.appointment_id = appointment_id;
                 msg.customer_id = customer_id;
                 msg.channel = channel;
                 msg.recipient = std::move(recipient);
                 msg.locale = std::move(locale);
                 msg.subject = std::move(subject);
                 msg.body = std::move(body);
                 msg.calendar = std::move(calendar);
                 msg.state = state;
                 msg.attempts = attempts;
                 if (!created_at.is_none()) {
                   msg.created_at = ToInstant(created_at, "created_at");
                 }
                 msg.not_before = not_before.is_none()
                                      ? msg.created_at
                                      : ToInstant(not_before, "not_before");
                 msg.updated_at = updated_at.is_none()
                                      ? msg.created_at
                                      : ToInstant(updated_at, "updated_at");
                 msg.provider_id = std::move(provider_id);
                 msg.error = std::move(error);
                 return msg;
               }),
           py::kw_only(), py::arg("id") = 0, py::arg("idempotency_key") = "",
           py::arg("rule_id") = 0, py::arg("occurrence") = 0,
           py::arg("kind") = MessageKind::kReminder,
           py::arg("audience") = Audience::kCustomer,
           py::arg("appointment_id") = 0, py::arg("customer_id") = 0,
           py::arg("channel") = Channel::kEmail, py::arg("recipient") = "",
           py::arg("locale") = "", py::arg("subject") = "",
           py::arg("body") = "", py::arg("calendar") = "",
           py::arg("state") = MessageState::kQueued, py::arg("attempts") = 0,
           py::arg("created_at") = py::none(),
           py::arg("not_before") = py::none(),
           py::arg("updated_at") = py::none(), py::arg("provider_id") = "",
           py::arg("error") = "",
           "Builds a message by hand (to test a notifier); None times are the "
           "epoch, or created_at.")
      .def_readonly("id", &Message::id)
      .def_readonly("idempotency_key", &Message::idempotency_key)
      .def_readonly("rule_id", &Message::rule_id)
      .def_readonly("occurrence", &Message::occurrence)
      .def_readonly("kind", &Message::kind)
      .def_readonly("audience", &Message::audience)
      .def_readonly("appointment_id", &Message::appointment_id)
      .def_readonly("customer_id", &Message::customer_id)
      .def_readonly("channel", &Message::channel)
      .def_readonly("recipient", &Message::recipient)
      .def_readonly("locale", &Message::locale)
      .def_readonly("subject", &Message::subject)
      .def_readonly("body", &Message::body)
      .def_readonly("calendar", &Message::calendar)
      .def_readonly("state", &Message::state)
      .def_readonly("attempts", &Message::attempts)
      .def_readonly("provider_id", &Message::provider_id)
      .def_readonly("error", &Message::error)
      .def(py::self == py::self)
      .def("__repr__", [](const Message& msg) {
        return absl::StrCat("appt.Message(id=", msg.id,
                            ", kind=", MessageKindName(msg.kind),
                            ", appointment_id=", msg.appointment_id,
                            ", channel=", ChannelName(msg.channel),
                            ", recipient=", PyRepr(msg.recipient),
                            ", state=", MessageStateName(msg.state),
                            ", attempts=", msg.attempts, ")");
      });
  ReadOnlyInstant(message, "created_at", &Message::created_at);
  ReadOnlyInstant(message, "not_before", &Message::not_before);
  ReadOnlyInstant(message, "updated_at", &Message::updated_at);
}

void BindFiringAndTimer(py::module_& m) {
  py::class_<Firing> firing(m, "Firing", R"doc(
The durable record that a rule acted on an appointment's occurrence: a
message created (message_id), or skipped with a reason. Never twice.)doc");
  firing
      .def(
          py::init([](FiringId id, RuleId rule_id, AppointmentId appointment_id,
                      int64_t occurrence, py::handle at, FiringOutcome outcome,
                      MessageId message_id, std::string reason) {
            return Firing{id,
                          rule_id,
                          appointment_id,
                          occurrence,
                          at.is_none() ? Instant{} : ToInstant(at, "at"),
                          outcome,
                          message_id,
                          std::move(reason)};
          }),
          py::kw_only(), py::arg("id") = 0, py::arg("rule_id") = 0,
          py::arg("appointment_id") = 0, py::arg("occurrence") = 0,
          py::arg("at") = py::none(),
          py::arg("outcome") = FiringOutcome::kCreated,
          py::arg("message_id") = 0, py::arg("reason") = "")
      .def_readonly("id", &Firing::id)
      .def_readonly("rule_id", &Firing::rule_id)
      .def_readonly("appointment_id", &Firing::appointment_id)
      .def_readonly("occurrence", &Firing::occurrence)
      .def_readonly("outcome", &Firing::outcome)
      .def_readonly("message_id", &Firing::message_id)
      .def_readonly("reason", &Firing::reason)
      .def(py::self == py::self)
      .def("__repr__", [](const Firing& f) {
        return absl::StrCat(
            "appt.Firing(id=", f.id, ", rule_id=", f.rule_id,
            ", appointment_id=", f.appointment_id, ", at=", FormatUtc(f.at),
            ", outcome=", FiringOutcomeName(f.outcome),
            ", message_id=", f.message_id, ", reason=", PyRepr(f.reason), ")");
      });
  ReadOnlyInstant(firing, "at", &Firing::at);

  BindNamedEnum(m, "TimerKind",
                "What a timer does when due: MESSAGE (a message rule "
                "fires), TASK (a task rule may make a task), RELEASE (the "
                "auto-release deadline) or DEAL_STAGE (a timed stage rule "
                "may move the appointment's deal).",
                &TimerKindName, TimerKind::kDealStage);
  py::class_<Timer> timer(m, "Timer", R"doc(
A pending promise to act for a rule on an appointment at `due` (nominal_due
moved into the send window). Derived from rules and state; never edited.)doc");
  timer
      .def(py::init([](TimerId id, TimerKind kind, RuleId rule_id,
                       AppointmentId appointment_id, int64_t occurrence,
                       py::handle nominal_due, py::handle due) {
             Timer t{id, kind, rule_id, appointment_id, occurrence, {}, {}};
             if (!nominal_due.is_none()) {
               t.nominal_due = ToInstant(nominal_due, "nominal_due");
             }
             t.due = due.is_none() ? t.nominal_due : ToInstant(due, "due");
             return t;
           }),
           py::kw_only(), py::arg("id") = 0,
           py::arg("kind") = TimerKind::kMessage, py::arg("rule_id") = 0,
           py::arg("appointment_id") = 0, py::arg("occurrence") = 0,
           py::arg("nominal_due") = py::none(), py::arg("due") = py::none())
      .def_readonly("id", &Timer::id)
      .def_readonly("kind", &Timer::kind)
      .def_readonly("rule_id", &Timer::rule_id)
      .def_readonly("appointment_id", &Timer::appointment_id)
      .def_readonly("occurrence", &Timer::occurrence)
      .def(py::self == py::self)
      .def("__repr__", [](const Timer& t) {
        return absl::StrCat("appt.Timer(id=", t.id, ", rule_id=", t.rule_id,
                            ", appointment_id=", t.appointment_id,
                            ", due=", FormatUtc(t.due), ")");
      });
  ReadOnlyInstant(timer, "nominal_due", &Timer::nominal_due);
  ReadOnlyInstant(timer, "due", &Timer::due);
}

std::string Repr(const DispatchReport& r) {
  return absl::StrCat("appt.DispatchReport(sent=", r.sent,
                      ", retried=", r.retried, ", failed=", r.failed, ")");
}

void BindReports(py::module_& m) {
  py::class_<DispatchReport>(m, "DispatchReport",
                             "Messages handed to the notifier by one pass.")
      .def(py::init([](int sent, int retried, int failed) {
             return DispatchReport{sent, retried, failed};
           }),
           py::kw_only(), py::arg("sent") = 0, py::arg("retried") = 0,
           py::arg("failed") = 0)
      .def_readonly("sent", &DispatchReport::sent,
                    "Accepted by the notifier: now SENT.")
      .def_readonly("retried", &DispatchReport::retried,
                    "Retryable failures, tried again after a backoff.")
      .def_readonly("failed", &DispatchReport::failed,
                    "Permanent failures or out of attempts: now FAILED.")
      .def(py::self == py::self)
      .def("__repr__", [](const DispatchReport& r) { return Repr(r); });

  py::class_<RunDueReport>(m, "RunDueReport", "What one run_due() did.")
      .def(py::init([](int messages_created, int skipped, int dropped,
                       const DispatchReport& dispatch) {
             return RunDueReport{messages_created, skipped, dropped, dispatch};
           }),
           py::kw_only(), py::arg("messages_created") = 0,
           py::arg("skipped") = 0, py::arg("dropped") = 0,
           py::arg("dispatch") = DispatchReport{})
      .def_readonly("messages_created", &RunDueReport::messages_created,
                    "Firings that queued a message.")
      .def_readonly("skipped", &RunDueReport::skipped,
                    "Firings recorded as skipped, with a reason.")
      .def_readonly("dropped", &RunDueReport::dropped,
                    "Stale timers removed without a firing.")
      .def_property_readonly(
          "dispatch", [](const RunDueReport& r) { return r.dispatch; },
          "The appt.DispatchReport of the dispatch that followed.")
      .def(py::self == py::self)
      .def("__repr__", [](const RunDueReport& r) {
        return absl::StrCat(
            "appt.RunDueReport(messages_created=", r.messages_created,
            ", skipped=", r.skipped, ", dropped=", r.dropped,
            ", dispatch=", Repr(r.dispatch), ")");
      });
}

void BindSendResult(py::module_& m) {
  using Outcome = SendResult::Outcome;
  BindNamedEnum(m, "SendOutcome", "A notifier's answer, see SendResult.",
                &SendOutcomeName, Outcome::kPermanentFailure);
  py::class_<SendResult>(m, "SendResult", R"doc(
A notifier's answer for one message: SendResult.accepted(provider_id),
SendResult.retry(error) (tried again after a backoff, up to the settings'
max_attempts) or SendResult.fail(error) (failed for good).)doc")
      .def(py::init(
               [](Outcome outcome, std::string provider_id, std::string error) {
                 return SendResult{outcome, std::move(provider_id),
                                   std::move(error)};
               }),
           py::kw_only(), py::arg("outcome") = Outcome::kAccepted,
           py::arg("provider_id") = "", py::arg("error") = "")
      .def_static("accepted", &SendResult::Accepted,
                  py::arg("provider_id") = "",
                  R"doc(The provider took the message.

Args:
    provider_id: the provider's id for it, kept on the message.
Returns:
    A SendResult.)doc")
      .def_static("retry", &SendResult::Retry, py::arg("error"),
                  R"doc(A failure worth retrying (a timeout, a 5xx).

Args:
    error: why, for the message's history.
Returns:
    A SendResult.)doc")
      .def_static("fail", &SendResult::Fail, py::arg("error"),
                  R"doc(A permanent failure (a bad address): no retry.

Args:
    error: why, for the message's history.
Returns:
    A SendResult.)doc")
      .def_readonly("outcome", &SendResult::outcome)
      .def_readonly("provider_id", &SendResult::provider_id)
      .def_readonly("error", &SendResult::error)
      .def(
          "__eq__",
          [](const SendResult& a, const SendResult& b) {
            return a.outcome == b.outcome && a.provider_id == b.provider_id &&
                   a.error == b.error;
          },
          py::is_operator())
      .def("__repr__", [](const SendResult& r) {
        switch (r.outcome) {
          case Outcome::kAccepted:
            return absl::StrCat("appt.SendResult.accepted(",
                                PyRepr(r.provider_id), ")");
          case Outcome::kRetryableFailure:
            return absl::StrCat("appt.SendResult.retry(", PyRepr(r.error), ")");
          case Outcome::kPermanentFailure:
            break;
        }
        return absl::StrCat("appt.SendResult.fail(", PyRepr(r.error), ")");
      });
}

}  // namespace

void BindOutbox(py::module_& m) {
  BindMessage(m);
  BindFiringAndTimer(m);
  BindReports(m);
  BindSendResult(m);
}

}  // namespace appt::python
