#include "catalog/validate.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "calendar/local_time.h"
#include "util/digits.h"
#include "util/text.h"

namespace appt::catalog {
namespace {

using absl::InvalidArgumentError;
using absl::StrCat;

constexpr const char* kWeekdays[] = {"monday",   "tuesday", "wednesday",
                                     "thursday", "friday",  "saturday",
                                     "sunday"};

std::string Hhmm(int minute) {
  std::string out;
  digits::AppendHourMinute(&out, minute / 60, minute % 60);
  return out;
}

absl::Status CheckSpans(const std::string& field,
                        const std::vector<LocalSpan>& spans) {
  if (spans.size() > 48) {
    return InvalidArgumentError(
        StrCat(field, " has ", spans.size(), " spans, more than 48"));
  }
  std::vector<LocalSpan> sorted = spans;
  for (size_t i = 0; i < spans.size(); ++i) {
    const LocalSpan& s = spans[i];
    const std::string name = StrCat(field, "[", i, "]");
    if (s.start_minute < 0 || s.start_minute >= 1440) {
      return InvalidArgumentError(StrCat(name, ".start_minute ",
                                         s.start_minute,
                                         " is outside 0..1439"));
    }
    if (s.end_minute <= s.start_minute || s.end_minute > 1440) {
      return InvalidArgumentError(
          StrCat(name, " ends at minute ", s.end_minute,
                 ", not after its start ", s.start_minute,
                 " and at most 1440 (end <= start)"));
    }
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const LocalSpan& a, const LocalSpan& b) {
              return a.start_minute < b.start_minute;
            });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i].start_minute < sorted[i - 1].end_minute) {
      return InvalidArgumentError(StrCat(
          field, " has overlapping working intervals ",
          Hhmm(sorted[i - 1].start_minute), "-",
          Hhmm(sorted[i - 1].end_minute), " and ",
          Hhmm(sorted[i].start_minute), "-", Hhmm(sorted[i].end_minute)));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckExternalId(absl::string_view field, absl::string_view v) {
  return text::CheckText(field, v, text::kMaxNameBytes, false);
}

absl::Status CheckDuration(absl::string_view field, Duration d, bool positive) {
  if (positive ? d <= Duration(0) : d < Duration(0)) {
    return InvalidArgumentError(StrCat(field, " ", d.count(), "s must be ",
                                       positive ? "positive" : "non-negative"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckActor(const Actor& actor) {
  const int kind = static_cast<int>(actor.kind);
  if (kind < 0 || kind > static_cast<int>(Actor::Kind::kSystem)) {
    return InvalidArgumentError(
        StrCat("actor.kind ", kind, " is not an actor kind"));
  }
  return text::CheckText("actor.id", actor.id, text::kMaxNameBytes, false);
}

absl::Status CheckInstant(absl::string_view field, Instant t) {
  const int64_t s = t.time_since_epoch().count();
  if (s < 0 || s > 253402300799) {  // 9999-12-31T23:59:59Z
    return InvalidArgumentError(
        StrCat(field, " ", s, " is outside years 1970..9999"));
  }
  return absl::OkStatus();
}

absl::Status ValidateResource(const Resource& r) {
  if (auto s = text::CheckText("resource.name", r.name, text::kMaxNameBytes,
                               true);
      !s.ok()) {
    return s;
  }
  if (auto z = calendar::LookupZone("resource.time_zone", r.time_zone);
      !z.ok()) {
    return z.status();
  }
  for (size_t d = 0; d < 7; ++d) {
    if (auto s = CheckSpans(StrCat("resource.weekly_hours.", kWeekdays[d]),
                            r.weekly_hours[d]);
        !s.ok()) {
      return s;
    }
  }
  std::set<std::tuple<int, int, int>> dates;
  for (size_t i = 0; i < r.exceptions.size(); ++i) {
    const DateException& e = r.exceptions[i];
    const date::year_month_day ymd{date::year(e.year),
                                   date::month(static_cast<unsigned>(e.month)),
                                   date::day(static_cast<unsigned>(e.day))};
    const std::string field = StrCat("resource.exceptions[", i, "]");
    if (e.year < 1970 || e.year > 9999 || e.month < 1 || e.month > 12 ||
        e.day < 1 || e.day > 31 || !ymd.ok()) {
      return InvalidArgumentError(StrCat(field, " date ", e.year, "-",
                                         e.month, "-", e.day,
                                         " is not a calendar date"));
    }
    if (!dates.insert({e.year, e.month, e.day}).second) {
      return InvalidArgumentError(StrCat(field, " date ", e.year, "-",
                                         e.month, "-", e.day,
                                         " appears twice"));
    }
    if (auto s = CheckSpans(StrCat(field, ".spans"), e.spans); !s.ok()) {
      return s;
    }
  }
  if (r.exceptions.size() > 10000) {
    return InvalidArgumentError("resource.exceptions has more than 10000");
  }
  if (!r.notification_email.empty() &&
      !text::IsValidEmail(r.notification_email)) {
    return InvalidArgumentError(StrCat("resource.notification_email ",
                                       text::Quote(r.notification_email),
                                       " is not a valid email address"));
  }
  if (auto s = CheckExternalId("resource.responsible_agent",
                               r.responsible_agent);
      !s.ok()) {
    return s;
  }
  return CheckExternalId("resource.external_id", r.external_id);
}

absl::Status ValidateService(const Service& s) {
  if (auto st = text::CheckText("service.name", s.name, text::kMaxNameBytes,
                                true);
      !st.ok()) {
    return st;
  }
  if (auto st = CheckDuration("service.duration", s.duration, true); !st.ok())
    return st;
  if (auto st = CheckDuration("service.buffer_before", s.buffer_before, false);
      !st.ok())
    return st;
  if (auto st = CheckDuration("service.buffer_after", s.buffer_after, false);
      !st.ok())
    return st;
  if (s.duration.count() % 60 != 0) {
    return InvalidArgumentError(StrCat("service.duration ", s.duration.count(),
                                       "s is not whole minutes"));
  }
  if (s.duration > kMaxBlockedSpan ||
      s.duration + s.buffer_before + s.buffer_after > kMaxBlockedSpan) {
    return InvalidArgumentError(
        StrCat("service.duration ", s.duration.count(),
               "s plus buffers is longer than 24 hours"));
  }
  if (s.price.minor_units < 0) {
    return InvalidArgumentError(StrCat("service.price.minor_units ",
                                       s.price.minor_units,
                                       " must be non-negative"));
  }
  if (!text::IsValidCurrency(s.price.currency)) {
    return InvalidArgumentError(StrCat("service.price.currency ",
                                       text::Quote(s.price.currency),
                                       " is not an ISO 4217 code"));
  }
  if (s.capacity < 1 || s.capacity > 10000) {
    return InvalidArgumentError(
        StrCat("service.capacity ", s.capacity, " is outside 1..10000"));
  }
  if (s.resource_ids.empty()) {
    return InvalidArgumentError(
        "service.resource_ids is empty: a service needs a resource");
  }
  std::set<ResourceId> seen;
  for (ResourceId id : s.resource_ids) {
    if (!seen.insert(id).second) {
      return InvalidArgumentError(
          StrCat("service.resource_ids lists resource_id ", id, " twice"));
    }
  }
  if (auto st = CheckDuration("service.min_notice", s.min_notice, false);
      !st.ok())
    return st;
  if (auto st = CheckDuration("service.horizon", s.horizon, true); !st.ok())
    return st;
  if (s.horizon > std::chrono::days(3660)) {
    return InvalidArgumentError(StrCat("service.horizon ", s.horizon.count(),
                                       "s is more than ten years"));
  }
  return CheckExternalId("service.external_id", s.external_id);
}

absl::Status ValidateCustomer(const Customer& c) {
  if (auto s = text::CheckText("customer.name", c.name, text::kMaxNameBytes,
                               true);
      !s.ok()) {
    return s;
  }
  if (!c.email.empty() && !text::IsValidEmail(c.email)) {
    return InvalidArgumentError(StrCat("customer.email ", text::Quote(c.email),
                                       " is not a valid email address"));
  }
  if (!c.phone.empty() && !text::IsValidE164(c.phone)) {
    return InvalidArgumentError(StrCat("customer.phone ", text::Quote(c.phone),
                                       " is not an E.164 number like "
                                       "+393331234567"));
  }
  if (!c.locale.empty() && !text::IsValidLocale(c.locale)) {
    return InvalidArgumentError(StrCat("customer.locale ",
                                       text::Quote(c.locale),
                                       " is not a BCP 47 language tag"));
  }
  if (!c.time_zone.empty()) {
    if (auto z = calendar::LookupZone("customer.time_zone", c.time_zone);
        !z.ok()) {
      return z.status();
    }
  }
  const std::pair<const char*, const Consent*> consents[] = {
      {"customer.consents.email", &c.consents.email},
      {"customer.consents.sms", &c.consents.sms},
      {"customer.consents.whatsapp", &c.consents.whatsapp},
      {"customer.consents.marketing", &c.consents.marketing}};
  for (const auto& [field, consent] : consents) {
    if (consent->given_at) {
      if (auto s = CheckInstant(field, *consent->given_at); !s.ok()) return s;
    }
  }
  return CheckExternalId("customer.external_id", c.external_id);
}

absl::Status ValidateBlock(const BlockedInterval& b) {
  if (auto s = CheckInstant("block.interval.start", b.interval.start); !s.ok())
    return s;
  if (auto s = CheckInstant("block.interval.end", b.interval.end); !s.ok())
    return s;
  if (b.interval.end <= b.interval.start) {
    return InvalidArgumentError(StrCat(
        "block.interval end ", FormatUtc(b.interval.end),
        " is not after its start ", FormatUtc(b.interval.start),
        " (end <= start)"));
  }
  if (b.interval.end - b.interval.start > std::chrono::days(366)) {
    return InvalidArgumentError("block.interval is longer than 366 days");
  }
  if (auto s = text::CheckText("block.reason", b.reason, text::kMaxTextBytes,
                               false);
      !s.ok()) {
    return s;
  }
  return CheckExternalId("block.external_id", b.external_id);
}

}  // namespace appt::catalog
