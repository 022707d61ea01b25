// The messaging enums, appt.LocalTimeOfDay, appt.MessageTemplate,
// appt.MessageRule and appt.MessagingSettings: what the host writes to say
// which messages go to whom, when and how. List-valued fields are copied in
// and out: assign a whole new list to change one.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "appt/message.h"
#include "appt/message_rule.h"
#include "appt/settings.h"
#include "appt/timer.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

void BindMessagingEnums(py::module_& m) {
  BindNamedEnum(m, "MessageKind", R"doc(
What a message rule is about. REQUEST_RECEIVED, CONFIRMED, REJECTED,
CANCELLED and RESCHEDULED go out with the change that causes them; the
others at a time derived from the appointment: BOOKING_INFO (offset after
booking), REMINDER (offset before the start, or at_local_time),
CONFIRM_VISIT (offset before the start), NO_SHOW_FOLLOW_UP (offset after the
start while not attended), BOOK_AGAIN (offset after an attended visit).)doc",
                &MessageKindName, MessageKind::kBookAgain);
  BindNamedEnum(m, "Audience",
                "Who receives a rule's messages: the customer, the resource "
                "(its notification_email) or its responsible agent.",
                &AudienceName, Audience::kAgent);
  BindNamedEnum(m, "Channel", "How a message travels.", &ChannelName,
                Channel::kWhatsapp);
  BindNamedEnum(m, "ConsentKind", R"doc(
A consent a rule may require: a channel's (gates that channel only, so the
fallback moves on) or MARKETING (gates the whole message).)doc",
                &ConsentKindName, ConsentKind::kMarketing);
  BindNamedEnum(m, "MessageState",
                "queued -> sent -> delivered -> read, or failed.",
                &MessageStateName, MessageState::kFailed);
  BindNamedEnum(m, "FiringOutcome",
                "What a firing did: created a message, or skipped (with a "
                "reason).",
                &FiringOutcomeName, FiringOutcome::kSkipped);
}

std::string Repr(const LocalTimeOfDay& t) {
  return absl::StrCat("appt.LocalTimeOfDay(", PyRepr(FormatMinute(t.minute)),
                      ", days_before=", t.days_before, ")");
}

void BindLocalTimeOfDay(py::module_& m) {
  py::class_<LocalTimeOfDay>(m, "LocalTimeOfDay", R"doc(
A reminder's local time of day, read in the recipient's zone (the
customer's, else the resource's): LocalTimeOfDay("09:00") is 09:00 on the
day, LocalTimeOfDay("18:00", days_before=1) 18:00 the day before.)doc")
      .def(py::init([](py::handle time, int days_before) {
             return LocalTimeOfDay{ToMinute(time, "time"), days_before};
           }),
           py::arg("time"), py::kw_only(), py::arg("days_before") = 0,
           R"doc(Args:
    time: "HH:MM" or a datetime.time (no tzinfo).
    days_before: 0 for the day itself, up to 30.)doc")
      .def_property(
          "time",
          [](const LocalTimeOfDay& t) { return FormatMinute(t.minute); },
          [](LocalTimeOfDay& t, py::handle v) {
            t.minute = ToMinute(v, "time");
          },
          "\"HH:MM\".")
      .def_readwrite("days_before", &LocalTimeOfDay::days_before)
      .def(py::self == py::self)
      .def("__repr__", [](const LocalTimeOfDay& t) { return Repr(t); });
}

void BindMessageTemplate(py::module_& m) {
  py::class_<MessageTemplate> tmpl(m, "MessageTemplate", R"doc(
One channel's text in one language, as Mustache naming the fields in
appt.TEMPLATE_FIELDS ({{customer.name}}, {{appointment.when}}, ...).
subject is for email only; locale "" is the default template.)doc");
  tmpl.def(py::init([](Channel channel, std::string locale, std::string subject,
                       std::string body) {
             return MessageTemplate{channel, std::move(locale),
                                    std::move(subject), std::move(body)};
           }),
           py::kw_only(), py::arg("channel"), py::arg("locale") = "",
           py::arg("subject") = "", py::arg("body") = "",
           R"doc(Args:
    channel: the appt.Channel this text is for.
    locale: a BCP 47 tag ("it-IT", "it"), or "" for the default.
    subject: email only.
    body: the Mustache text.)doc")
      .def_readwrite("locale", &MessageTemplate::locale)
      .def_readwrite("subject", &MessageTemplate::subject)
      .def_readwrite("body", &MessageTemplate::body)
      .def(py::self == py::self)
      .def("__repr__", [](const MessageTemplate& t) {
        return absl::StrCat(
            "appt.MessageTemplate(channel=", ChannelName(t.channel),
            ", locale=", PyRepr(t.locale), ", subject=", PyRepr(t.subject),
            ", body=", PyRepr(t.body), ")");
      });
  CopyProperty(tmpl, "channel", &MessageTemplate::channel);
}

void BindMessageRule(py::module_& m) {
  py::class_<MessageRule> rule(m, "MessageRule", R"doc(
What the engine tells whom, when and over which channel. channels is an
ordered fallback list (the first usable wins); templates need one
default-locale ("") template per channel. A template naming an unknown
field is refused when the rule is saved.)doc");
  rule.def(py::init(
               [](std::string name, MessageKind kind,
                  std::vector<Channel> channels,
                  std::vector<MessageTemplate> templates, Audience audience,
                  std::vector<ServiceId> service_ids,
                  std::vector<ConsentKind> required_consents, py::handle offset,
                  std::optional<LocalTimeOfDay> at_local_time, py::handle grace,
                  bool enabled, std::string external_id, RuleId id,
                  std::optional<std::vector<Actor::Kind>> cancelled_by) {
                 MessageRule r;
                 r.id = id;
                 r.name = std::move(name);
                 r.kind = kind;
                 r.enabled = enabled;
                 r.audience = audience;
                 r.service_ids = std::move(service_ids);
                 r.channels = std::move(channels);
                 r.required_consents = std::move(required_consents);
                 r.templates = std::move(templates);
                 r.offset = ToDuration(offset, "offset");
                 r.at_local_time = at_local_time;
                 r.grace = ToDuration(grace, "grace");
                 r.external_id = std::move(external_id);
                 if (cancelled_by) r.cancelled_by = *std::move(cancelled_by);
                 return r;
               }),
           py::kw_only(), py::arg("name"), py::arg("kind"), py::arg("channels"),
           py::arg("templates"), py::arg("audience") = Audience::kCustomer,
           py::arg("service_ids") = std::vector<ServiceId>{},
           py::arg("required_consents") = std::vector<ConsentKind>{},
           py::arg("offset") = FromDuration(Duration(0)),
           py::arg("at_local_time") = py::none(),
           py::arg("grace") = FromDuration(std::chrono::hours(1)),
           py::arg("enabled") = true, py::arg("external_id") = "",
           py::arg("id") = 0, py::arg("cancelled_by") = py::none(),
           R"doc(Args:
    name: shown in the history.
    kind: an appt.MessageKind.
    channels: appt.Channel values, first usable wins.
    templates: appt.MessageTemplate values.
    audience: an appt.Audience.
    service_ids: the services it covers; [] for every service.
    required_consents: appt.ConsentKind values the customer must have given.
    offset: a timedelta (see MessageKind); 0 for change kinds.
    at_local_time: REMINDER only: an appt.LocalTimeOfDay instead of offset.
    grace: how late a message may still go out; later it is skipped.
    cancelled_by: CANCELLED only: appt.ActorKind values whose
        cancellations it tells of; None: everyone but STAFF (a staff
        cancellation is not announced unless a rule lists STAFF).)doc")
      .def_readwrite("id", &MessageRule::id)
      .def_readwrite("name", &MessageRule::name)
      .def_readwrite("enabled", &MessageRule::enabled)
      .def_readwrite("external_id", &MessageRule::external_id)
      .def(py::self == py::self)
      .def("__repr__", [](const MessageRule& r) {
        return absl::StrCat(
            "appt.MessageRule(id=", r.id, ", name=", PyRepr(r.name),
            ", kind=", MessageKindName(r.kind),
            ", audience=", AudienceName(r.audience), ", channels=[",
            absl::StrJoin(r.channels, ", ",
                          [](std::string* out, Channel c) {
                            out->append(ChannelName(c));
                          }),
            "], enabled=", r.enabled ? "True" : "False", ")");
      });
  CopyProperty(rule, "kind", &MessageRule::kind);
  CopyProperty(rule, "audience", &MessageRule::audience);
  CopyProperty(rule, "service_ids", &MessageRule::service_ids);
  CopyProperty(rule, "channels", &MessageRule::channels);
  CopyProperty(rule, "required_consents", &MessageRule::required_consents);
  CopyProperty(rule, "templates", &MessageRule::templates);
  CopyProperty(rule, "cancelled_by", &MessageRule::cancelled_by);
  CopyProperty(rule, "at_local_time", &MessageRule::at_local_time);
  DurationProperty(rule, "offset", &MessageRule::offset);
  DurationProperty(rule, "grace", &MessageRule::grace);
}

void BindMessagingSettings(py::module_& m) {
  py::class_<MessagingSettings> settings(m, "MessagingSettings", R"doc(
Business-wide messaging settings: the name and default locale templates
use, the send window (quiet hours) of timed messages in the recipient's
local day, a daily reminder cap per customer and the outbox's retry
policy.)doc");
  settings
      .def(py::init([](std::string business_name, std::string default_locale,
                       py::handle send_window, int max_reminders, int attempts,
                       py::handle retry_backoff, py::handle max_retry_backoff,
                       py::handle claim_timeout) {
             MessagingSettings s;
             s.business_name = std::move(business_name);
             s.default_locale = std::move(default_locale);
             if (!send_window.is_none()) {
               s.send_window = ToSpan(send_window, "send_window");
             }
             s.max_reminders_per_customer_per_day = max_reminders;
             s.max_attempts = attempts;
             s.retry_backoff = ToDuration(retry_backoff, "retry_backoff");
             s.max_retry_backoff =
                 ToDuration(max_retry_backoff, "max_retry_backoff");
             s.claim_timeout = ToDuration(claim_timeout, "claim_timeout");
             return s;
           }),
           py::kw_only(), py::arg("business_name") = "",
           py::arg("default_locale") = "en",
           py::arg("send_window") = py::none(),
           py::arg("max_reminders_per_customer_per_day") = 0,
           py::arg("max_attempts") = 5,
           py::arg("retry_backoff") = FromDuration(std::chrono::minutes(1)),
           py::arg("max_retry_backoff") = FromDuration(std::chrono::hours(6)),
           py::arg("claim_timeout") = FromDuration(std::chrono::minutes(5)),
           R"doc(Args:
    business_name: {{business.name}} in templates.
    default_locale: BCP 47; templates fall back to it.
    send_window: None (any time) or a ("HH:MM", "HH:MM") pair: timed
        messages go out only inside it, in the recipient's local day.
    max_reminders_per_customer_per_day: 0 for no cap.
    max_attempts: notifier calls before a message is failed (1..100).
    retry_backoff: the first retry's wait, doubling up to max_retry_backoff.
    claim_timeout: when an unanswered hand-over is offered again.)doc")
      .def_readwrite("business_name", &MessagingSettings::business_name)
      .def_readwrite("default_locale", &MessagingSettings::default_locale)
      .def_property(
          "send_window",
          [](const MessagingSettings& s) -> py::object {
            if (!s.send_window) return py::none();
            return FromSpan(*s.send_window);
          },
          [](MessagingSettings& s, py::handle v) {
            if (v.is_none()) {
              s.send_window.reset();
            } else {
              s.send_window = ToSpan(v, "send_window");
            }
          })
      .def_readwrite("max_reminders_per_customer_per_day",
                     &MessagingSettings::max_reminders_per_customer_per_day)
      .def_readwrite("max_attempts", &MessagingSettings::max_attempts)
      .def(py::self == py::self)
      .def("__repr__", [](const MessagingSettings& s) {
        return absl::StrCat(
            "appt.MessagingSettings(business_name=", PyRepr(s.business_name),
            ", default_locale=", PyRepr(s.default_locale), ", send_window=",
            s.send_window
                ? py::repr(FromSpan(*s.send_window)).cast<std::string>()
                : "None",
            ", max_attempts=", s.max_attempts, ")");
      });
  DurationProperty(settings, "retry_backoff",
                   &MessagingSettings::retry_backoff);
  DurationProperty(settings, "max_retry_backoff",
                   &MessagingSettings::max_retry_backoff);
  DurationProperty(settings, "claim_timeout",
                   &MessagingSettings::claim_timeout);
}

}  // namespace

void BindMessageRules(py::module_& m) {
  py::tuple fields(std::size(kTemplateFields));
  for (size_t i = 0; i < std::size(kTemplateFields); ++i) {
    fields[i] = py::str(kTemplateFields[i]);
  }
  m.attr("TEMPLATE_FIELDS") = fields;
  BindMessagingEnums(m);
  BindLocalTimeOfDay(m);
  BindMessageTemplate(m);
  BindMessageRule(m);
  BindMessagingSettings(m);
}

}  // namespace appt::python
