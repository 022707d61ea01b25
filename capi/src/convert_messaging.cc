#include "convert_messaging.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace appt::capi {
namespace {

// Fails with the first bad element of an enum array, named field[i].
absl::Status CheckEnumArray(const char* field, const int* items, size_t count,
                            int max) {
  if (auto s = CheckArray(field, items, count); !s.ok()) return s;
  for (size_t i = 0; i < count; ++i) {
    const std::string name = absl::StrCat(field, "[", i, "]");
    if (auto s = CheckEnum(name.c_str(), items[i], max); !s.ok()) return s;
  }
  return absl::OkStatus();
}

// The length of the UTF-8 sequence at s[0..n), or 0 when it is invalid
// (bad lead byte, truncated, overlong, a surrogate, above U+10FFFF).
size_t Utf8SequenceLength(const unsigned char* s, size_t n) {
  const unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

// A fixed buffer of the callback's result as a string: up to the first NUL,
// and never past capacity - 1 bytes.
std::string FromBuffer(const char* buffer, size_t capacity) {
  const char* end = static_cast<const char*>(std::memchr(buffer, 0, capacity));
  const size_t n = end == nullptr ? capacity - 1 : end - buffer;
  return RepairUtf8(std::string_view(buffer, n));
}

}  // namespace

std::string RepairUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t len = Utf8SequenceLength(s + i, bytes.size() - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(bytes.data() + i, len);
      i += len;
    }
  }
  return out;
}

void CopyText(char* dst, size_t capacity, const char* src) {
  if (capacity == 0) return;
  const std::string_view text = src == nullptr ? "" : src;
  size_t n = std::min(text.size(), capacity - 1);
  // Cut before a character the buffer cannot hold whole.
  if (n < text.size()) {
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::memcpy(dst, text.data(), n);
  dst[n] = '\0';
}

absl::StatusOr<MessageRule> FromC(const appt_message_rule& in) {
  if (auto s = CheckVersion("appt_message_rule", in.version,
                            APPT_MESSAGE_RULE_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnum("kind", in.kind, APPT_MESSAGE_KIND_BOOK_AGAIN);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnum("audience", in.audience, APPT_AUDIENCE_AGENT);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("service_ids", in.service_ids, in.service_id_count);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnumArray("channels", in.channels, in.channel_count,
                              APPT_CHANNEL_WHATSAPP);
      !s.ok()) {
    return s;
  }
  if (auto s =
          CheckEnumArray("required_consents", in.required_consents,
                         in.required_consent_count, APPT_CONSENT_MARKETING);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("templates", in.templates, in.template_count);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnumArray("cancelled_by", in.cancelled_by,
                              in.cancelled_by_count, APPT_ACTOR_SYSTEM);
      !s.ok()) {
    return s;
  }
  MessageRule r;
  if (in.cancelled_by_count > 0) {
    r.cancelled_by.clear();
    for (size_t i = 0; i < in.cancelled_by_count; ++i) {
      r.cancelled_by.push_back(static_cast<Actor::Kind>(in.cancelled_by[i]));
    }
  }
  r.id = in.id;
  r.name = Str(in.name);
  r.kind = static_cast<MessageKind>(in.kind);
  r.enabled = in.enabled != 0;
  r.audience = static_cast<Audience>(in.audience);
  r.service_ids.assign(in.service_ids, in.service_ids + in.service_id_count);
  for (size_t i = 0; i < in.channel_count; ++i) {
    r.channels.push_back(static_cast<Channel>(in.channels[i]));
  }
  for (size_t i = 0; i < in.required_consent_count; ++i) {
    r.required_consents.push_back(
        static_cast<ConsentKind>(in.required_consents[i]));
  }
  for (size_t i = 0; i < in.template_count; ++i) {
    const appt_message_template& t = in.templates[i];
    const std::string field = absl::StrCat("templates[", i, "].channel");
    if (auto s = CheckEnum(field.c_str(), t.channel, APPT_CHANNEL_WHATSAPP);
        !s.ok()) {
      return s;
    }
    r.templates.push_back({static_cast<Channel>(t.channel), Str(t.locale),
                           Str(t.subject), Str(t.body)});
  }
  r.offset = Duration(in.offset_seconds);
  if (in.has_at_local_time) {
    r.at_local_time =
        LocalTimeOfDay{in.at_local_time.minute, in.at_local_time.days_before};
  }
  r.grace = Duration(in.grace_seconds);
  r.external_id = Str(in.external_id);
  return r;
}

absl::StatusOr<MessagingSettings> FromC(const appt_messaging_settings& in) {
  if (auto s = CheckVersion("appt_messaging_settings", in.version,
                            APPT_MESSAGING_SETTINGS_VERSION);
      !s.ok()) {
    return s;
  }
  MessagingSettings s;
  s.business_name = Str(in.business_name);
  s.default_locale = Str(in.default_locale);
  if (in.has_send_window) {
    s.send_window =
        LocalSpan{in.send_window_start_minute, in.send_window_end_minute};
  }
  s.max_reminders_per_customer_per_day = in.max_reminders_per_customer_per_day;
  s.max_attempts = in.max_attempts;
  s.retry_backoff = Duration(in.retry_backoff_seconds);
  s.max_retry_backoff = Duration(in.max_retry_backoff_seconds);
  s.claim_timeout = Duration(in.claim_timeout_seconds);
  return s;
}

void ToC(const MessageRule& in, Owner& owner, appt_message_rule* out) {
  auto* services = in.service_ids.empty()
                       ? nullptr
                       : owner.Array<int64_t>(in.service_ids.size());
  std::copy(in.service_ids.begin(), in.service_ids.end(), services);
  auto* channels =
      in.channels.empty() ? nullptr : owner.Array<int>(in.channels.size());
  for (size_t i = 0; i < in.channels.size(); ++i) {
    channels[i] = static_cast<int>(in.channels[i]);
  }
  auto* consents = in.required_consents.empty()
                       ? nullptr
                       : owner.Array<int>(in.required_consents.size());
  for (size_t i = 0; i < in.required_consents.size(); ++i) {
    consents[i] = static_cast<int>(in.required_consents[i]);
  }
  auto* templates =
      in.templates.empty()
          ? nullptr
          : owner.Array<appt_message_template>(in.templates.size());
  for (size_t i = 0; i < in.templates.size(); ++i) {
    const MessageTemplate& t = in.templates[i];
    templates[i] = {static_cast<int>(t.channel), owner.Keep(t.locale),
                    owner.Keep(t.subject), owner.Keep(t.body)};
  }
  auto* cancelled_by = in.cancelled_by.empty()
                           ? nullptr
                           : owner.Array<int>(in.cancelled_by.size());
  for (size_t i = 0; i < in.cancelled_by.size(); ++i) {
    cancelled_by[i] = static_cast<int>(in.cancelled_by[i]);
  }
  appt_local_time at{0, 0};
  if (in.at_local_time) {
    at = {in.at_local_time->minute, in.at_local_time->days_before};
  }
  *out = {APPT_MESSAGE_RULE_VERSION,
          in.id,
          owner.Keep(in.name),
          static_cast<int>(in.kind),
          in.enabled ? 1 : 0,
          static_cast<int>(in.audience),
          services,
          in.service_ids.size(),
          channels,
          in.channels.size(),
          consents,
          in.required_consents.size(),
          templates,
          in.templates.size(),
          in.offset.count(),
          in.at_local_time ? 1 : 0,
          at,
          in.grace.count(),
          owner.Keep(in.external_id),
          out->owner_,
          cancelled_by,
          in.cancelled_by.size()};
}

void ToC(const MessagingSettings& in, Owner& owner,
         appt_messaging_settings* out) {
  const LocalSpan window = in.send_window.value_or(LocalSpan{});
  *out = {APPT_MESSAGING_SETTINGS_VERSION,
          owner.Keep(in.business_name),
          owner.Keep(in.default_locale),
          in.send_window ? 1 : 0,
          window.start_minute,
          window.end_minute,
          in.max_reminders_per_customer_per_day,
          in.max_attempts,
          in.retry_backoff.count(),
          in.max_retry_backoff.count(),
          in.claim_timeout.count(),
          out->owner_};
}

void ToC(const Message& in, Owner& owner, appt_message* out) {
  *out = {APPT_MESSAGE_VERSION,
          in.id,
          owner.Keep(in.idempotency_key),
          in.rule_id,
          in.occurrence,
          static_cast<int>(in.kind),
          static_cast<int>(in.audience),
          in.appointment_id,
          in.customer_id,
          static_cast<int>(in.channel),
          owner.Keep(in.recipient),
          owner.Keep(in.locale),
          owner.Keep(in.subject),
          owner.Keep(in.body),
          owner.Keep(in.calendar),
          static_cast<int>(in.state),
          in.attempts,
          ToUnix(in.created_at),
          ToUnix(in.not_before),
          ToUnix(in.updated_at),
          owner.Keep(in.provider_id),
          owner.Keep(in.error),
          out->owner_};
}

void ToC(const Firing& in, Owner& owner, appt_firing* out) {
  *out = {in.id,         in.rule_id,           in.appointment_id,
          in.occurrence, ToUnix(in.at),        static_cast<int>(in.outcome),
          in.message_id, owner.Keep(in.reason)};
}

void ToC(const Timer& in, Owner& /*owner*/, appt_timer* out) {
  *out = {in.id,         static_cast<int>(in.kind),
          in.rule_id,    in.appointment_id,
          in.occurrence, ToUnix(in.nominal_due),
          ToUnix(in.due)};
}

SendResult SendResultFromC(int rc, const appt_send_result& in) {
  std::string error = FromBuffer(in.error, sizeof in.error);
  if (rc != 0) {
    return SendResult::Retry(absl::StrCat("the notifier returned ", rc,
                                          error.empty() ? "" : ": ", error));
  }
  switch (in.outcome) {
    case APPT_SEND_ACCEPTED:
      return SendResult::Accepted(
          FromBuffer(in.provider_id, sizeof in.provider_id));
    case APPT_SEND_RETRY:
      return SendResult::Retry(std::move(error));
    case APPT_SEND_FAIL:
      return SendResult::Fail(std::move(error));
    default:
      return SendResult::Retry(absl::StrCat("the notifier answered outcome ",
                                            in.outcome, ", not in 0..2"));
  }
}

}  // namespace appt::capi
