#include "messaging/compose.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "messaging/icalendar.h"

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

// The text of each field in `needed`, for the recipient's locale and zone.
FieldValues FillValues(const ComposeInput& in, const FieldSet& needed,
                       const std::string& locale, const std::string& zone,
                       LocaleFormatter& formatter) {
  static const int kBusiness = TemplateFieldIndex("business.name");
  static const int kCustomerName = TemplateFieldIndex("customer.name");
  static const int kCustomerEmail = TemplateFieldIndex("customer.email");
  static const int kCustomerPhone = TemplateFieldIndex("customer.phone");
  static const int kResource = TemplateFieldIndex("resource.name");
  static const int kService = TemplateFieldIndex("service.name");
  static const int kMinutes = TemplateFieldIndex("service.duration_minutes");
  static const int kPrice = TemplateFieldIndex("service.price");
  static const int kId = TemplateFieldIndex("appointment.id");
  static const int kWhen = TemplateFieldIndex("appointment.when");
  static const int kDate = TemplateFieldIndex("appointment.date");
  static const int kTime = TemplateFieldIndex("appointment.time");
  static const int kEndTime = TemplateFieldIndex("appointment.end_time");
  static const int kZone = TemplateFieldIndex("appointment.time_zone");
  static const int kPrevious = TemplateFieldIndex("appointment.previous_when");
  static const int kReason = TemplateFieldIndex("appointment.cancel_reason");
  static const int kNotes = TemplateFieldIndex("appointment.notes");
  const Appointment& a = *in.appointment;
  FieldValues v;
  const auto set = [&](int field, const std::string& value) {
    if (needed[field]) v[field] = value;
  };
  set(kBusiness, in.settings->business_name);
  set(kCustomerName, in.customer->name);
  set(kCustomerEmail, in.customer->email);
  set(kCustomerPhone, in.customer->phone);
  set(kResource, in.resource->name);
  set(kService, in.service->name);
  set(kZone, zone);
  set(kReason, a.cancel_reason);
  set(kNotes, a.notes);
  if (needed[kMinutes]) {
    v[kMinutes] = StrCat(
        std::chrono::duration_cast<std::chrono::minutes>(in.service->duration)
            .count());
  }
  if (needed[kPrice]) v[kPrice] = formatter.FormatMoney(locale, in.service->price);
  if (needed[kId]) v[kId] = StrCat(a.id);
  if (needed[kWhen] || needed[kDate] || needed[kTime]) {
    LocaleFormatter::When when = formatter.FormatInstant(locale, zone, a.start);
    v[kWhen] = std::move(when.when);
    v[kDate] = std::move(when.date);
    v[kTime] = std::move(when.time);
  }
  if (needed[kEndTime]) {
    v[kEndTime] = formatter.FormatInstant(locale, zone, a.end).time;
  }
  if (needed[kPrevious] && in.previous_start) {
    v[kPrevious] = formatter.FormatInstant(locale, zone, *in.previous_start).when;
  }
  return v;
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
                                    ComposeTools& tools) {
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
  auto body = tools.templates.Get(tmpl->body);
  if (!body.ok()) return body.status();
  auto subject = tools.templates.Get(tmpl->subject);
  if (!subject.ok()) return subject.status();
  // Dates and prices speak the template's language: the recipient's own
  // locale when the template is in their language (or the default ""),
  // else the template's.
  if (!tmpl->locale.empty() && Language(tmpl->locale) != Language(locale)) {
    locale = tmpl->locale;
  }
  const std::string& zone =
      RecipientZone(rule.audience, *in.customer, *in.resource);
  const FieldValues values = FillValues(
      in, (*body)->uses() | (*subject)->uses(), locale, zone, tools.formatter);

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
  m.subject = (*subject)->Render(values);
  m.body = (*body)->Render(values);
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
