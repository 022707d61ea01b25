#include "storage/sqlite/sqlite_rows.h"

#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {
Refs BindResource(Query& q, const Resource& r,
                  std::vector<std::string>& scratch) {
  scratch = {EncodeWeeklyHours(r.weekly_hours), EncodeExceptions(r.exceptions)};
  q.BindInt(1, r.id);
  q.BindText(2, r.name);
  q.BindText(3, r.time_zone);
  q.BindText(4, scratch[0]);
  q.BindText(5, scratch[1]);
  q.BindText(6, r.notification_email);
  q.BindText(7, r.responsible_agent);
  q.BindText(8, r.external_id);
  return {};
}
Refs BindBlock(Query& q, const BlockedInterval& b,
               std::vector<std::string>& /*scratch*/) {
  q.BindInt(1, b.id);
  q.BindInt(2, b.resource_id);
  q.BindTime(3, b.interval.start);
  q.BindTime(4, b.interval.end);
  q.BindText(5, b.reason);
  q.BindText(6, b.external_id);
  return {{kResourceExists, {"resource_id", b.resource_id}}};
}
Refs BindService(Query& q, const Service& s,
                 std::vector<std::string>& scratch) {
  scratch = {EncodeIds(s.resource_ids)};
  q.BindInt(1, s.id);
  q.BindText(2, s.name);
  q.BindInt(3, s.duration.count());
  q.BindInt(4, s.price.minor_units);
  q.BindText(5, s.price.currency);
  q.BindInt(6, s.buffer_before.count());
  q.BindInt(7, s.buffer_after.count());
  q.BindInt(8, s.capacity);
  q.BindText(9, scratch[0]);
  q.BindInt(10, s.min_notice.count());
  q.BindInt(11, s.horizon.count());
  q.BindInt(12, s.workflow_enabled ? 1 : 0);
  q.BindText(13, s.external_id);
  return {};
}
Refs BindCustomer(Query& q, const Customer& c,
                  std::vector<std::string>& /*scratch*/) {
  q.BindInt(1, c.id);
  q.BindText(2, c.name);
  q.BindText(3, c.email);
  q.BindText(4, c.phone);
  q.BindText(5, c.locale);
  q.BindText(6, c.time_zone);
  q.BindOptionalTime(7, c.consents.email.given_at);
  q.BindOptionalTime(8, c.consents.sms.given_at);
  q.BindOptionalTime(9, c.consents.whatsapp.given_at);
  q.BindOptionalTime(10, c.consents.marketing.given_at);
  q.BindText(11, c.external_id);
  return {};
}
Refs BindAppointment(Query& q, const Appointment& a,
                     std::vector<std::string>& /*scratch*/) {
  q.BindInt(1, a.id);
  q.BindInt(2, a.service_id);
  q.BindInt(3, a.resource_id);
  q.BindInt(4, a.customer_id);
  q.BindTime(5, a.start);
  q.BindTime(6, a.end);
  q.BindTime(7, a.blocked.start);
  q.BindTime(8, a.blocked.end);
  q.BindInt(9, static_cast<int>(a.state));
  q.BindInt(10, static_cast<int>(a.source));
  q.BindTime(11, a.created_at);
  q.BindTime(12, a.updated_at);
  q.BindText(13, a.cancel_reason);
  q.BindText(14, a.external_id);
  q.BindText(15, a.notes);
  q.BindInt(16, a.status_id);
  q.BindOptionalTime(17, a.confirmed_at);
  q.BindOptionalTime(18, a.confirmation_requested_at);
  q.BindInt(19, a.membership_id);
  return {{kServiceExists, {"service_id", a.service_id}},
          {kResourceExists, {"resource_id", a.resource_id}},
          {kCustomerExists, {"customer_id", a.customer_id}}};
}
Refs BindTimeline(Query& q, const TimelineEntry& e,
                  std::vector<std::string>& /*scratch*/) {
  q.BindInt(1, e.id);
  q.BindInt(2, e.appointment_id);
  q.BindTime(3, e.at);
  q.BindInt(4, static_cast<int>(e.actor.kind));
  q.BindText(5, e.actor.id);
  q.BindText(6, e.kind);
  q.BindText(7, e.details);
  return {{kAppointmentExists, {"appointment_id", e.appointment_id}}};
}

absl::StatusOr<Resource> ReadResource(const Query& q, absl::string_view path) {
  Resource r;
  r.id = q.Int(0);
  r.name = q.Text(1);
  r.time_zone = q.Text(2);
  if (!DecodeWeeklyHours(q.Text(3), &r.weekly_hours)) {
    return Corrupt(path, "weekly_hours", "resource", r.id);
  }
  if (!DecodeExceptions(q.Text(4), &r.exceptions)) {
    return Corrupt(path, "exceptions", "resource", r.id);
  }
  r.notification_email = q.Text(5);
  r.responsible_agent = q.Text(6);
  r.external_id = q.Text(7);
  return r;
}
absl::StatusOr<BlockedInterval> ReadBlock(const Query& q,
                                          absl::string_view /*path*/) {
  return BlockedInterval{.id = q.Int(0),
                         .resource_id = q.Int(1),
                         .interval = {q.Time(2), q.Time(3)},
                         .reason = q.Text(4),
                         .external_id = q.Text(5)};
}
absl::StatusOr<Service> ReadService(const Query& q, absl::string_view path) {
  Service s;
  s.id = q.Int(0);
  s.name = q.Text(1);
  s.duration = q.Seconds(2);
  s.price = {q.Int(3), q.Text(4)};
  s.buffer_before = q.Seconds(5);
  s.buffer_after = q.Seconds(6);
  s.capacity = static_cast<int>(q.Int(7));
  if (!DecodeIds(q.Text(8), &s.resource_ids)) {
    return Corrupt(path, "resource_ids", "service", s.id);
  }
  s.min_notice = q.Seconds(9);
  s.horizon = q.Seconds(10);
  s.workflow_enabled = q.Int(11) != 0;
  s.external_id = q.Text(12);
  return s;
}
absl::StatusOr<Customer> ReadCustomer(const Query& q,
                                      absl::string_view /*path*/) {
  Customer c;
  c.id = q.Int(0);
  c.name = q.Text(1);
  c.email = q.Text(2);
  c.phone = q.Text(3);
  c.locale = q.Text(4);
  c.time_zone = q.Text(5);
  c.consents = {{q.OptionalTime(6)},
                {q.OptionalTime(7)},
                {q.OptionalTime(8)},
                {q.OptionalTime(9)}};
  c.external_id = q.Text(10);
  return c;
}
absl::StatusOr<Appointment> ReadAppointment(const Query& q,
                                            absl::string_view path) {
  Appointment a;
  if (absl::Status s = ReadAppointmentInto(q, path, &a); !s.ok()) return s;
  return a;
}
absl::Status ReadAppointmentInto(const Query& q, absl::string_view path,
                                 Appointment* out) {
  Appointment& a = *out;
  a.id = q.Int(0);
  a.service_id = q.Int(1);
  a.resource_id = q.Int(2);
  a.customer_id = q.Int(3);
  a.start = q.Time(4);
  a.end = q.Time(5);
  a.blocked = {q.Time(6), q.Time(7)};
  const int64_t state = q.Int(8), source = q.Int(9);
  if (state < 0 || state > static_cast<int>(AppointmentState::kPending)) {
    return Corrupt(path, "state", "appointment", a.id);
  }
  if (source < 0 || source > static_cast<int>(BookingSource::kApi)) {
    return Corrupt(path, "source", "appointment", a.id);
  }
  a.state = static_cast<AppointmentState>(state);
  a.source = static_cast<BookingSource>(source);
  a.created_at = q.Time(10);
  a.updated_at = q.Time(11);
  a.cancel_reason = q.Text(12);
  a.external_id = q.Text(13);
  a.notes = q.Text(14);
  a.status_id = q.Int(15);
  a.confirmed_at = q.OptionalTime(16);
  a.confirmation_requested_at = q.OptionalTime(17);
  a.membership_id = q.Int(18);
  return absl::OkStatus();
}
absl::StatusOr<TimelineEntry> ReadTimeline(const Query& q,
                                           absl::string_view path) {
  const int64_t kind = q.Int(3);
  if (kind < 0 || kind > static_cast<int>(Actor::Kind::kSystem)) {
    return Corrupt(path, "actor_kind", "timeline entry", q.Int(0));
  }
  return TimelineEntry{.id = q.Int(0),
                       .appointment_id = q.Int(1),
                       .at = q.Time(2),
                       .actor = {static_cast<Actor::Kind>(kind), q.Text(4)},
                       .kind = q.Text(5),
                       .details = q.Text(6)};
}

namespace {

template <typename Enum>
std::vector<int64_t> EnumCodes(const std::vector<Enum>& values) {
  std::vector<int64_t> out;
  for (Enum v : values) out.push_back(static_cast<int64_t>(v));
  return out;
}

template <typename Enum>
bool DecodeEnums(absl::string_view text, Enum last, std::vector<Enum>* out) {
  std::vector<int64_t> codes;
  if (!DecodeIds(text, &codes)) return false;
  out->clear();
  for (int64_t c : codes) {
    if (c < 0 || c > static_cast<int64_t>(last)) return false;
    out->push_back(static_cast<Enum>(c));
  }
  return true;
}

}  // namespace

Refs BindRule(Query& q, const MessageRule& r,
              std::vector<std::string>& scratch) {
  scratch = {EncodeIds(r.service_ids), EncodeIds(EnumCodes(r.channels)),
             EncodeIds(EnumCodes(r.required_consents)),
             EncodeIds(EnumCodes(r.cancelled_by))};
  q.BindInt(1, r.id);
  q.BindText(2, r.name);
  q.BindInt(3, static_cast<int>(r.kind));
  q.BindInt(4, r.enabled ? 1 : 0);
  q.BindInt(5, static_cast<int>(r.audience));
  q.BindText(6, scratch[0]);
  q.BindText(7, scratch[1]);
  q.BindText(8, scratch[2]);
  q.BindInt(9, r.offset.count());
  if (r.at_local_time) {
    q.BindInt(10, r.at_local_time->minute);
    q.BindInt(11, r.at_local_time->days_before);
  } else {
    q.BindNull(10);
    q.BindNull(11);
  }
  q.BindInt(12, r.grace.count());
  q.BindText(13, r.external_id);
  q.BindText(14, scratch[3]);
  return {};
}

absl::StatusOr<MessageRule> ReadRule(const Query& q, absl::string_view path) {
  MessageRule r;
  r.id = q.Int(0);
  r.name = q.Text(1);
  const int64_t kind = q.Int(2), audience = q.Int(4);
  if (kind < 0 || kind > static_cast<int>(MessageKind::kBookAgain)) {
    return Corrupt(path, "kind", "message rule", r.id);
  }
  if (audience < 0 || audience > static_cast<int>(Audience::kAgent)) {
    return Corrupt(path, "audience", "message rule", r.id);
  }
  r.kind = static_cast<MessageKind>(kind);
  r.enabled = q.Int(3) != 0;
  r.audience = static_cast<Audience>(audience);
  if (!DecodeIds(q.Text(5), &r.service_ids)) {
    return Corrupt(path, "service_ids", "message rule", r.id);
  }
  if (!DecodeEnums(q.Text(6), Channel::kWhatsapp, &r.channels)) {
    return Corrupt(path, "channels", "message rule", r.id);
  }
  if (!DecodeEnums(q.Text(7), ConsentKind::kMarketing, &r.required_consents)) {
    return Corrupt(path, "required_consents", "message rule", r.id);
  }
  r.offset = q.Seconds(8);
  if (!q.IsNull(9)) {
    r.at_local_time =
        LocalTimeOfDay{static_cast<int>(q.Int(9)), static_cast<int>(q.Int(10))};
  }
  r.grace = q.Seconds(11);
  r.external_id = q.Text(12);
  if (!DecodeEnums(q.Text(13), Actor::Kind::kSystem, &r.cancelled_by)) {
    return Corrupt(path, "cancelled_by", "message rule", r.id);
  }
  return r;
}

}  // namespace appt::sqlite_internal
