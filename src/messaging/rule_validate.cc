#include "messaging/rule_validate.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "messaging/templates.h"
#include "util/text.h"

namespace appt::messaging {
namespace {

using absl::StrCat;
using std::chrono::days;
using std::chrono::hours;

absl::Status Bad(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(StrCat(field, " ", why));
}

template <typename Enum>
bool InRange(Enum value, Enum last) {
  const int v = static_cast<int>(value);
  return v >= 0 && v <= static_cast<int>(last);
}

// The longest offset each timed kind accepts.
Duration MaxOffset(MessageKind kind) {
  switch (kind) {
    case MessageKind::kBookingInfo:
      return days(7);
    case MessageKind::kReminder:
    case MessageKind::kConfirmVisit:
      return days(60);
    case MessageKind::kNoShowFollowUp:
      return hours(24);
    case MessageKind::kBookAgain:
      return days(3650);
    default:
      return Duration(0);
  }
}

absl::Status CheckTiming(const MessageRule& r) {
  if (r.offset < Duration(0)) {
    return Bad("offset", StrCat(r.offset.count(), "s is negative"));
  }
  if (r.offset > MaxOffset(r.kind)) {
    return Bad(
        "offset",
        StrCat(r.offset.count(), "s is longer than ", MaxOffset(r.kind).count(),
               "s allowed for kind ", MessageKindName(r.kind)));
  }
  if (r.kind == MessageKind::kBookAgain && r.offset < days(1)) {
    return Bad("offset", StrCat(r.offset.count(),
                                "s: book_again needs at least one day"));
  }
  if (r.at_local_time) {
    if (r.kind != MessageKind::kReminder) {
      return Bad("at_local_time", StrCat("is only for reminders, not kind ",
                                         MessageKindName(r.kind)));
    }
    if (r.offset != Duration(0)) {
      return Bad("offset", "must be 0 when at_local_time is set");
    }
    if (r.at_local_time->minute < 0 || r.at_local_time->minute >= 1440) {
      return Bad("at_local_time.minute",
                 StrCat(r.at_local_time->minute, " is not in 0..1439"));
    }
    if (r.at_local_time->days_before < 0 || r.at_local_time->days_before > 30) {
      return Bad("at_local_time.days_before",
                 StrCat(r.at_local_time->days_before, " is not in 0..30"));
    }
  }
  if (r.grace < Duration(0) || r.grace > days(30)) {
    return Bad("grace", StrCat(r.grace.count(), "s is not in 0..30 days"));
  }
  return absl::OkStatus();
}

absl::Status CheckChannels(const MessageRule& r) {
  if (r.channels.empty()) return Bad("channels", "must not be empty");
  std::set<Channel> seen;
  for (size_t i = 0; i < r.channels.size(); ++i) {
    const Channel c = r.channels[i];
    const std::string field = StrCat("channels[", i, "]");
    if (!InRange(c, Channel::kWhatsapp)) {
      return Bad(field, StrCat(static_cast<int>(c), " is not a channel"));
    }
    if (!seen.insert(c).second) {
      return Bad(field, StrCat(ChannelName(c), " is listed twice"));
    }
    if (r.audience == Audience::kResource && c != Channel::kEmail) {
      return Bad(field, StrCat(ChannelName(c),
                               ": a resource is reached by its notification "
                               "email only"));
    }
  }
  std::set<ConsentKind> consents;
  for (size_t i = 0; i < r.required_consents.size(); ++i) {
    const ConsentKind k = r.required_consents[i];
    const std::string field = StrCat("required_consents[", i, "]");
    if (!InRange(k, ConsentKind::kMarketing)) {
      return Bad(field, StrCat(static_cast<int>(k), " is not a consent"));
    }
    if (!consents.insert(k).second) {
      return Bad(field, StrCat(ConsentKindName(k), " is listed twice"));
    }
  }
  std::set<Actor::Kind> cancellers;
  for (size_t i = 0; i < r.cancelled_by.size(); ++i) {
    const Actor::Kind k = r.cancelled_by[i];
    const std::string field = StrCat("cancelled_by[", i, "]");
    if (!InRange(k, Actor::Kind::kSystem)) {
      return Bad(field, StrCat(static_cast<int>(k), " is not an actor kind"));
    }
    if (!cancellers.insert(k).second) {
      return Bad(field, StrCat(ActorKindName(k), " is listed twice"));
    }
  }
  if (r.kind == MessageKind::kCancelled && r.cancelled_by.empty()) {
    return Bad("cancelled_by",
               "is empty: a cancelled rule must tell of someone's "
               "cancellations");
  }
  std::set<ServiceId> services;
  for (size_t i = 0; i < r.service_ids.size(); ++i) {
    if (!services.insert(r.service_ids[i]).second) {
      return Bad(StrCat("service_ids[", i, "]"),
                 StrCat(r.service_ids[i], " is listed twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTemplates(const MessageRule& r) {
  std::set<std::pair<Channel, std::string>> seen;
  for (size_t i = 0; i < r.templates.size(); ++i) {
    const MessageTemplate& t = r.templates[i];
    const std::string at = StrCat("templates[", i, "]");
    if (std::find(r.channels.begin(), r.channels.end(), t.channel) ==
        r.channels.end()) {
      return Bad(
          StrCat(at, ".channel"),
          StrCat(InRange(t.channel, Channel::kWhatsapp) ? ChannelName(t.channel)
                                                        : "?",
                 " is not one of the rule's channels"));
    }
    if (!t.locale.empty() && !text::IsValidLocale(t.locale)) {
      return Bad(StrCat(at, ".locale"),
                 StrCat(text::Quote(t.locale), " is not a BCP 47 tag"));
    }
    if (!seen.insert({t.channel, t.locale}).second) {
      return Bad(at, StrCat("repeats channel ", ChannelName(t.channel),
                            " and locale ", text::Quote(t.locale)));
    }
    if (t.channel != Channel::kEmail && !t.subject.empty()) {
      return Bad(StrCat(at, ".subject"), "is for email templates only");
    }
    if (auto s = text::CheckText(StrCat(at, ".subject"), t.subject,
                                 text::kMaxNameBytes, false);
        !s.ok())
      return s;
    if (auto s = text::CheckText(StrCat(at, ".body"), t.body,
                                 text::kMaxTextBytes, true);
        !s.ok())
      return s;
    if (auto s = CheckTemplate(StrCat(at, ".subject"), t.subject); !s.ok())
      return s;
    if (auto s = CheckTemplate(StrCat(at, ".body"), t.body); !s.ok()) return s;
  }
  for (Channel c : r.channels) {
    if (!seen.count({c, ""})) {
      return Bad("templates", StrCat("lack a default-locale (\"\") template "
                                     "for channel ",
                                     ChannelName(c)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool IsChangeKind(MessageKind kind) {
  switch (kind) {
    case MessageKind::kRequestReceived:
    case MessageKind::kConfirmed:
    case MessageKind::kRejected:
    case MessageKind::kCancelled:
    case MessageKind::kRescheduled:
      return true;
    default:
      return false;
  }
}

absl::Status ValidateMessagingSettings(const MessagingSettings& s) {
  if (auto st = text::CheckText("business_name", s.business_name,
                                text::kMaxNameBytes, false);
      !st.ok())
    return st;
  if (!text::IsValidLocale(s.default_locale)) {
    return Bad("default_locale",
               StrCat(text::Quote(s.default_locale), " is not a BCP 47 tag"));
  }
  if (s.send_window) {
    const LocalSpan& w = *s.send_window;
    if (w.start_minute < 0 || w.end_minute > 1440 ||
        w.start_minute >= w.end_minute) {
      return Bad("send_window",
                 StrCat(w.start_minute, "-", w.end_minute,
                        " is not a span of minutes 0 <= start < end <= 1440"));
    }
  }
  if (s.max_reminders_per_customer_per_day < 0 ||
      s.max_reminders_per_customer_per_day > 100) {
    return Bad("max_reminders_per_customer_per_day",
               StrCat(s.max_reminders_per_customer_per_day,
                      " is not in 0..100"));
  }
  if (s.max_attempts < 1 || s.max_attempts > 100) {
    return Bad("max_attempts", StrCat(s.max_attempts, " is not in 1..100"));
  }
  if (s.retry_backoff < std::chrono::seconds(1) || s.retry_backoff > days(1)) {
    return Bad("retry_backoff",
               StrCat(s.retry_backoff.count(), "s is not in 1s..1 day"));
  }
  if (s.max_retry_backoff < s.retry_backoff ||
      s.max_retry_backoff > days(7)) {
    return Bad("max_retry_backoff",
               StrCat(s.max_retry_backoff.count(),
                      "s is not between retry_backoff and 7 days"));
  }
  if (s.claim_timeout < std::chrono::seconds(1) || s.claim_timeout > days(1)) {
    return Bad("claim_timeout",
               StrCat(s.claim_timeout.count(), "s is not in 1s..1 day"));
  }
  return absl::OkStatus();
}

absl::Status ValidateMessageRule(const MessageRule& r) {
  if (auto s = text::CheckText("name", r.name, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (auto s = text::CheckText("external_id", r.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  if (!InRange(r.kind, MessageKind::kBookAgain)) {
    return Bad("kind", StrCat(static_cast<int>(r.kind), " is not a kind"));
  }
  if (!InRange(r.audience, Audience::kAgent)) {
    return Bad("audience",
               StrCat(static_cast<int>(r.audience), " is not an audience"));
  }
  if (auto s = CheckTiming(r); !s.ok()) return s;
  if (auto s = CheckChannels(r); !s.ok()) return s;
  return CheckTemplates(r);
}

}  // namespace appt::messaging
