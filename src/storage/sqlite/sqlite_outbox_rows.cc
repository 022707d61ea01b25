// Rows <-> statements for the messaging tables (settings, timers, firings,
// messages); see sqlite_rows.h.
#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_rows.h"

namespace appt::sqlite_internal {
namespace {

template <typename Enum>
bool Valid(int64_t v, Enum last) {
  return v >= 0 && v <= static_cast<int64_t>(last);
}

}  // namespace

absl::Status Corrupt(absl::string_view path, absl::string_view column,
                     absl::string_view table, int64_t id) {
  return absl::DataLossError(
      absl::StrCat("corrupt ", column, " of ", table, " ", id, " in ", path));
}

Refs BindSettings(Query& q, const MessagingSettings& s,
                  std::vector<std::string>& /*scratch*/) {
  q.BindInt(1, 1);
  q.BindText(2, s.business_name);
  q.BindText(3, s.default_locale);
  if (s.send_window) {
    q.BindInt(4, s.send_window->start_minute);
    q.BindInt(5, s.send_window->end_minute);
  }
  q.BindInt(6, s.max_reminders_per_customer_per_day);
  q.BindInt(7, s.max_attempts);
  q.BindInt(8, s.retry_backoff.count());
  q.BindInt(9, s.max_retry_backoff.count());
  q.BindInt(10, s.claim_timeout.count());
  return {};
}

absl::StatusOr<MessagingSettings> ReadSettings(const Query& q,
                                               absl::string_view /*path*/) {
  MessagingSettings s;
  s.business_name = q.Text(1);
  s.default_locale = q.Text(2);
  if (!q.IsNull(3) && !q.IsNull(4)) {
    s.send_window =
        LocalSpan{static_cast<int>(q.Int(3)), static_cast<int>(q.Int(4))};
  }
  s.max_reminders_per_customer_per_day = static_cast<int>(q.Int(5));
  s.max_attempts = static_cast<int>(q.Int(6));
  s.retry_backoff = q.Seconds(7);
  s.max_retry_backoff = q.Seconds(8);
  s.claim_timeout = q.Seconds(9);
  return s;
}

Refs BindTimer(Query& q, const Timer& t, std::vector<std::string>& /*s*/) {
  q.BindInt(1, t.id);
  q.BindInt(2, static_cast<int>(t.kind));
  q.BindInt(3, t.rule_id);
  q.BindInt(4, t.appointment_id);
  q.BindInt(5, t.occurrence);
  q.BindTime(6, t.nominal_due);
  q.BindTime(7, t.due);
  return {{kAppointmentExists, {"appointment_id", t.appointment_id}}};
}

absl::StatusOr<Timer> ReadTimer(const Query& q, absl::string_view path) {
  Timer t;
  t.id = q.Int(0);
  if (!Valid(q.Int(1), TimerKind::kDealStage)) {
    return Corrupt(path, "kind", "timer", t.id);
  }
  t.kind = static_cast<TimerKind>(q.Int(1));
  t.rule_id = q.Int(2);
  t.appointment_id = q.Int(3);
  t.occurrence = q.Int(4);
  t.nominal_due = q.Time(5);
  t.due = q.Time(6);
  return t;
}

Refs BindFiring(Query& q, const Firing& f, std::vector<std::string>& /*s*/) {
  q.BindInt(1, f.id);
  q.BindInt(2, f.rule_id);
  q.BindInt(3, f.appointment_id);
  q.BindInt(4, f.occurrence);
  q.BindTime(5, f.at);
  q.BindInt(6, static_cast<int>(f.outcome));
  q.BindInt(7, f.message_id);
  q.BindText(8, f.reason);
  return {{kAppointmentExists, {"appointment_id", f.appointment_id}}};
}

absl::StatusOr<Firing> ReadFiring(const Query& q, absl::string_view path) {
  Firing f;
  f.id = q.Int(0);
  f.rule_id = q.Int(1);
  f.appointment_id = q.Int(2);
  f.occurrence = q.Int(3);
  f.at = q.Time(4);
  if (!Valid(q.Int(5), FiringOutcome::kSkipped)) {
    return Corrupt(path, "outcome", "firing", f.id);
  }
  f.outcome = static_cast<FiringOutcome>(q.Int(5));
  f.message_id = q.Int(6);
  f.reason = q.Text(7);
  return f;
}

Refs BindMessage(Query& q, const Message& m, std::vector<std::string>& /*s*/) {
  q.BindInt(1, m.id);
  q.BindText(2, m.idempotency_key);
  q.BindInt(3, m.rule_id);
  q.BindInt(4, m.occurrence);
  q.BindInt(5, static_cast<int>(m.kind));
  q.BindInt(6, static_cast<int>(m.audience));
  q.BindInt(7, m.appointment_id);
  q.BindInt(8, m.customer_id);
  q.BindInt(9, static_cast<int>(m.channel));
  q.BindText(10, m.recipient);
  q.BindText(11, m.locale);
  q.BindText(12, m.subject);
  q.BindText(13, m.body);
  q.BindText(14, m.calendar);
  q.BindInt(15, static_cast<int>(m.state));
  q.BindInt(16, m.attempts);
  q.BindTime(17, m.created_at);
  q.BindTime(18, m.not_before);
  q.BindTime(19, m.updated_at);
  q.BindText(20, m.provider_id);
  q.BindText(21, m.error);
  return {{kAppointmentExists, {"appointment_id", m.appointment_id}},
          {kCustomerExists, {"customer_id", m.customer_id}}};
}

absl::StatusOr<Message> ReadMessage(const Query& q, absl::string_view path) {
  Message m;
  m.id = q.Int(0);
  m.idempotency_key = q.Text(1);
  m.rule_id = q.Int(2);
  m.occurrence = q.Int(3);
  if (!Valid(q.Int(4), MessageKind::kBookAgain)) {
    return Corrupt(path, "kind", "message", m.id);
  }
  if (!Valid(q.Int(5), Audience::kAgent)) {
    return Corrupt(path, "audience", "message", m.id);
  }
  if (!Valid(q.Int(8), Channel::kWhatsapp)) {
    return Corrupt(path, "channel", "message", m.id);
  }
  if (!Valid(q.Int(14), MessageState::kFailed)) {
    return Corrupt(path, "state", "message", m.id);
  }
  m.kind = static_cast<MessageKind>(q.Int(4));
  m.audience = static_cast<Audience>(q.Int(5));
  m.appointment_id = q.Int(6);
  m.customer_id = q.Int(7);
  m.channel = static_cast<Channel>(q.Int(8));
  m.recipient = q.Text(9);
  m.locale = q.Text(10);
  m.subject = q.Text(11);
  m.body = q.Text(12);
  m.calendar = q.Text(13);
  m.state = static_cast<MessageState>(q.Int(14));
  m.attempts = static_cast<int>(q.Int(15));
  m.created_at = q.Time(16);
  m.not_before = q.Time(17);
  m.updated_at = q.Time(18);
  m.provider_id = q.Text(19);
  m.error = q.Text(20);
  return m;
}

}  // namespace appt::sqlite_internal
