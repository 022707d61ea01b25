#include "messaging/compose.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "messaging/icalendar.h"
#include "messaging/templates.h"

namespace appt::messaging {
namespace {

using absl::StrCat;

struct Route {
  Channel channel;
  std::string recipient;
};

bool HasConsent(const Customer& c, ConsentKind kind) {
  switch (kind) {
    case ConsentKind::kEmail:
      return c.consents.email.given_at.has_value();
    case ConsentKind::kSms:
      return c.consents.sms.given_at.has_value();
    case ConsentKind::kWhatsapp:
      return c.consents.whatsapp.given_at.has_value();
    case ConsentKind::kMarketing:
      return c.consents.marketing.given_at.has_value();
  }
  return false;
}

ConsentKind ConsentFor(Channel channel) {
  switch (channel) {
    case Channel::kEmail:
      return ConsentKind::kEmail;
    case Channel::kSms:
      return ConsentKind::kSms;
    case Channel::kWhatsapp:
      break;
  }
  return ConsentKind::kWhatsapp;
}

bool Requires(const MessageRule& r, ConsentKind kind) {
  return std::find(r.required_consents.begin(), r.required_consents.end(),
                   kind) != r.required_consents.end();
}

// The first usable channel of the rule's list, or why none is.
std::optional<Route> ChooseRoute(const ComposeInput& in, std::string* why) {
  const MessageRule& r = *in.rule;
  std::vector<std::string> refusals;
  for (Channel channel : r.channels) {
    std::string address;
    switch (r.audience) {
      case Audience::kCustomer:
        address = channel == Channel::kEmail ? in.customer->email
                                             : in.customer->phone;
        break;
      case Audience::kResource:
        address = in.resource->notification_email;
        break;
      case Audience::kAgent:
        address = in.resource->responsible_agent;
        break;
    }
    if (address.empty()) {
      refusals.push_back(StrCat(ChannelName(channel), ": no address"));
      continue;
    }
    if (r.audience == Audience::kCustomer &&
        Requires(r, ConsentFor(channel)) &&
        !HasConsent(*in.customer, ConsentFor(channel))) {
      refusals.push_back(StrCat(ChannelName(channel), ": no consent"));
      continue;
    }
    return Route{channel, std::move(address)};
  }
  *why = StrCat("no usable channel (", absl::StrJoin(refusals, "; "), ")");
  return std::nullopt;
}

std::string Language(absl::string_view locale) {
  return absl::AsciiStrToLower(locale.substr(0, locale.find('-')));
}

// The template for `channel` best matching `locale`: exact tag, its
// language, then the business default (tag, language), then "".
const MessageTemplate* ChooseTemplate(const MessageRule& r, Channel channel,
                                      absl::string_view locale,
                                      absl::string_view business_default) {
  std::vector<std::string> wanted;
  for (absl::string_view l : {locale, business_default}) {
    if (l.empty()) continue;
    wanted.push_back(absl::AsciiStrToLower(l));
    wanted.push_back(Language(l));
  }
  wanted.push_back("");
  for (const std::string& want : wanted) {
    for (const MessageTemplate& t : r.templates) {
      if (t.channel == channel && absl::AsciiStrToLower(t.locale) == want) {
        return &t;
      }
    }
  }
  return nullptr;  // unreachable for a validated rule
}

bool CarriesCalendar(MessageKind kind) {
  return kind == MessageKind::kConfirmed || kind == MessageKind::kRescheduled ||
         kind == MessageKind::kCancelled;
}

}  // namespace

const std::string& RecipientZone(Audience audience, const Customer& customer,
                                 const Resource& resource) {
  if (audience == Audience::kCustomer && !customer.time_zone.empty()) {
    return customer.time_zone;
  }
  return resource.time_zone;
}

std::string IdempotencyKey(RuleId rule, AppointmentId appointment,
                           int64_t occurrence) {
  return StrCat("r", rule, "-a", appointment, "-o", occurrence);
}

absl::StatusOr<Composition> Compose(const ComposeInput& in,
                                    LocaleFormatter& formatter) {
  const MessageRule& rule = *in.rule;
  const Appointment& a = *in.appointment;
  Composition out;
  if (rule.audience == Audience::kCustomer &&
      Requires(rule, ConsentKind::kMarketing) &&
      !HasConsent(*in.customer, ConsentKind::kMarketing)) {
    out.skip_reason = "the customer has no marketing consent";
    return out;
  }
  std::optional<Route> route = ChooseRoute(in, &out.skip_reason);
  if (!route) return out;

  const std::string& default_locale = in.settings->default_locale;
  std::string locale = rule.audience == Audience::kCustomer
                           ? in.customer->locale
                           : std::string();
  if (locale.empty()) locale = default_locale;
  const MessageTemplate* tmpl =
      ChooseTemplate(rule, route->channel, locale, default_locale);
  if (tmpl == nullptr) {
    return absl::InternalError(StrCat("message rule ", rule.id,
                                      " has no template for channel ",
                                      ChannelName(route->channel)));
  }
  const std::string& zone =
      RecipientZone(rule.audience, *in.customer, *in.resource);
  const LocaleFormatter::When when =
      formatter.FormatInstant(locale, zone, a.start);
  TemplateValues values = {
      {"business.name", in.settings->business_name},
      {"customer.name", in.customer->name},
      {"customer.email", in.customer->email},
      {"customer.phone", in.customer->phone},
      {"resource.name", in.resource->name},
      {"service.name", in.service->name},
      {"service.duration_minutes",
       StrCat(std::chrono::duration_cast<std::chrono::minutes>(
                  in.service->duration)
                  .count())},
      {"service.price", formatter.FormatMoney(locale, in.service->price)},
      {"appointment.id", StrCat(a.id)},
      {"appointment.when", when.when},
      {"appointment.date", when.date},
      {"appointment.time", when.time},
      {"appointment.end_time", formatter.FormatInstant(locale, zone, a.end).time},
      {"appointment.time_zone", zone},
      {"appointment.cancel_reason", a.cancel_reason},
      {"appointment.notes", a.notes},
  };
  if (in.previous_start) {
    values["appointment.previous_when"] =
        formatter.FormatInstant(locale, zone, *in.previous_start).when;
  }
  auto body = RenderTemplate(tmpl->body, values);
  if (!body.ok()) return body.status();
  auto subject = RenderTemplate(tmpl->subject, values);
  if (!subject.ok()) return subject.status();

  Message m;
  m.idempotency_key = IdempotencyKey(rule.id, a.id, in.occurrence);
  m.rule_id = rule.id;
  m.occurrence = in.occurrence;
  m.kind = rule.kind;
  m.audience = rule.audience;
  m.appointment_id = a.id;
  m.customer_id = a.customer_id;
  m.channel = route->channel;
  m.recipient = std::move(route->recipient);
  m.locale = tmpl->locale;
  m.subject = *std::move(subject);
  m.body = *std::move(body);
  if (route->channel == Channel::kEmail && CarriesCalendar(rule.kind)) {
    CalendarEvent event;
    event.uid = StrCat("appt-", a.id, "-", a.created_at.time_since_epoch().count(),
                       "@appt");
    event.sequence = in.calendar_sequence;
    event.cancelled = rule.kind == MessageKind::kCancelled;
    event.start = a.start;
    event.end = a.end;
    event.stamp = in.now;
    event.summary = in.service->name;
    event.description = StrCat(in.service->name, " — ", in.resource->name);
    event.location = in.settings->business_name;
    event.organizer_email = in.resource->notification_email;
    event.attendee_email = m.recipient;
    m.calendar = BuildCalendar(event);
  }
  m.state = MessageState::kQueued;
  m.created_at = m.updated_at = m.not_before = in.now;
  out.message = std::move(m);
  return out;
}

}  // namespace appt::messaging
