#include "convert.h"

#include <string>

namespace appt::capi {

absl::Status CheckArray(const char* field, const void* items, size_t count) {
  if (count == 0 || items != nullptr) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": NULL with a count of ", count));
}

namespace {

std::optional<Instant> ConsentFromC(const appt_consent& c) {
  if (!c.given) return std::nullopt;
  return ToInstant(c.given_at);
}

appt_consent ConsentToC(const Consent& c) {
  appt_consent out{0, 0};
  if (c.given_at) out = {1, ToUnix(*c.given_at)};
  return out;
}

}  // namespace

absl::StatusOr<Actor> ActorFromC(const char* field, const appt_actor* in) {
  Actor actor{Actor::Kind::kStaff, ""};
  if (in == nullptr) return actor;
  const std::string kind_field = absl::StrCat(field, ".kind");
  if (auto s = CheckEnum(kind_field.c_str(), in->kind, APPT_ACTOR_SYSTEM);
      !s.ok()) {
    return s;
  }
  actor.kind = static_cast<Actor::Kind>(in->kind);
  actor.id = Str(in->id);
  return actor;
}

absl::StatusOr<Resource> FromC(const appt_resource& in) {
  if (auto s = CheckVersion("appt_resource", in.version, APPT_RESOURCE_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s =
          CheckArray("weekly_hours", in.weekly_hours, in.weekly_hour_count);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("exceptions", in.exceptions, in.exception_count);
      !s.ok()) {
    return s;
  }
  Resource r;
  r.id = in.id;
  r.name = Str(in.name);
  r.time_zone = Str(in.time_zone);
  for (size_t i = 0; i < in.weekly_hour_count; ++i) {
    const appt_weekly_span& span = in.weekly_hours[i];
    const std::string field = absl::StrCat("weekly_hours[", i, "].weekday");
    if (auto s = CheckEnum(field.c_str(), span.weekday, 6); !s.ok()) return s;
    r.weekly_hours[span.weekday].push_back(
        {span.start_minute, span.end_minute});
  }
  for (size_t i = 0; i < in.exception_count; ++i) {
    const appt_date_exception& e = in.exceptions[i];
    const std::string field = absl::StrCat("exceptions[", i, "].spans");
    if (auto s = CheckArray(field.c_str(), e.spans, e.span_count); !s.ok()) {
      return s;
    }
    DateException out{e.year, e.month, e.day, {}};
    for (size_t j = 0; j < e.span_count; ++j) {
      out.spans.push_back({e.spans[j].start_minute, e.spans[j].end_minute});
    }
    r.exceptions.push_back(std::move(out));
  }
  r.notification_email = Str(in.notification_email);
  r.responsible_agent = Str(in.responsible_agent);
  r.external_id = Str(in.external_id);
  return r;
}

absl::StatusOr<BlockedInterval> FromC(const appt_block& in) {
  if (auto s = CheckVersion("appt_block", in.version, APPT_BLOCK_VERSION);
      !s.ok()) {
    return s;
  }
  BlockedInterval b;
  b.id = in.id;
  b.resource_id = in.resource_id;
  b.interval = {ToInstant(in.start), ToInstant(in.end)};
  b.reason = Str(in.reason);
  b.external_id = Str(in.external_id);
  return b;
}

absl::StatusOr<Service> FromC(const appt_service& in) {
  if (auto s = CheckVersion("appt_service", in.version, APPT_SERVICE_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s =
          CheckArray("resource_ids", in.resource_ids, in.resource_id_count);
      !s.ok()) {
    return s;
  }
  Service sv;
  sv.id = in.id;
  sv.name = Str(in.name);
  sv.duration = Duration(in.duration_seconds);
  sv.price = {in.price_minor_units, Str(in.currency)};
  sv.buffer_before = Duration(in.buffer_before_seconds);
  sv.buffer_after = Duration(in.buffer_after_seconds);
  sv.capacity = in.capacity;
  sv.resource_ids.assign(in.resource_ids,
                         in.resource_ids + in.resource_id_count);
  sv.min_notice = Duration(in.min_notice_seconds);
  sv.horizon = Duration(in.horizon_seconds);
  sv.workflow_enabled = in.workflow_enabled != 0;
  sv.external_id = Str(in.external_id);
  return sv;
}

absl::StatusOr<Customer> FromC(const appt_customer& in) {
  if (auto s = CheckVersion("appt_customer", in.version, APPT_CUSTOMER_VERSION);
      !s.ok()) {
    return s;
  }
  Customer c;
  c.id = in.id;
  c.name = Str(in.name);
  c.email = Str(in.email);
  c.phone = Str(in.phone);
  c.locale = Str(in.locale);
  c.time_zone = Str(in.time_zone);
  c.consents = {{ConsentFromC(in.consent_email)},
                {ConsentFromC(in.consent_sms)},
                {ConsentFromC(in.consent_whatsapp)},
                {ConsentFromC(in.consent_marketing)}};
  c.external_id = Str(in.external_id);
  return c;
}

absl::StatusOr<SlotQuery> FromC(const appt_slot_query& in) {
  if (auto s =
          CheckVersion("appt_slot_query", in.version, APPT_SLOT_QUERY_VERSION);
      !s.ok()) {
    return s;
  }
  SlotQuery q;
  q.service_id = in.service_id;
  if (in.resource_id != 0) q.resource_id = in.resource_id;
  q.window = {ToInstant(in.window_start), ToInstant(in.window_end)};
  q.step = Duration(in.step_seconds);
  return q;
}

absl::StatusOr<BookRequest> FromC(const appt_book_request& in) {
  if (auto s = CheckVersion("appt_book_request", in.version,
                            APPT_BOOK_REQUEST_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnum("source", in.source, APPT_SOURCE_API); !s.ok()) {
    return s;
  }
  auto actor = ActorFromC("actor", &in.actor);
  if (!actor.ok()) return actor.status();
  BookRequest r;
  r.customer_id = in.customer_id;
  r.service_id = in.service_id;
  r.resource_id = in.resource_id;
  r.start = ToInstant(in.start);
  r.source = static_cast<BookingSource>(in.source);
  r.actor = *std::move(actor);
  r.force = in.force != 0;
  r.notes = Str(in.notes);
  r.external_id = Str(in.external_id);
  r.membership_id = in.membership_id;
  return r;
}

absl::StatusOr<RescheduleRequest> FromC(const appt_reschedule_request& in) {
  if (auto s = CheckVersion("appt_reschedule_request", in.version,
                            APPT_RESCHEDULE_REQUEST_VERSION);
      !s.ok()) {
    return s;
  }
  auto actor = ActorFromC("actor", &in.actor);
  if (!actor.ok()) return actor.status();
  RescheduleRequest r;
  r.appointment_id = in.appointment_id;
  r.new_start = ToInstant(in.new_start);
  if (in.new_resource_id != 0) r.new_resource_id = in.new_resource_id;
  r.actor = *std::move(actor);
  r.force = in.force != 0;
  return r;
}

void ToC(const Resource& in, Owner& owner, appt_resource* out) {
  size_t spans = 0;
  for (const auto& day : in.weekly_hours) spans += day.size();
  auto* weekly = spans == 0 ? nullptr : owner.Array<appt_weekly_span>(spans);
  size_t n = 0;
  for (int weekday = 0; weekday < 7; ++weekday) {
    for (const LocalSpan& s : in.weekly_hours[weekday]) {
      weekly[n++] = {weekday, s.start_minute, s.end_minute};
    }
  }
  auto* exceptions =
      in.exceptions.empty()
          ? nullptr
          : owner.Array<appt_date_exception>(in.exceptions.size());
  for (size_t i = 0; i < in.exceptions.size(); ++i) {
    const DateException& e = in.exceptions[i];
    auto* day =
        e.spans.empty() ? nullptr : owner.Array<appt_day_span>(e.spans.size());
    for (size_t j = 0; j < e.spans.size(); ++j) {
      day[j] = {e.spans[j].start_minute, e.spans[j].end_minute};
    }
    exceptions[i] = {e.year, e.month, e.day, day, e.spans.size()};
  }
  *out = {APPT_RESOURCE_VERSION,
          in.id,
          owner.Keep(in.name),
          owner.Keep(in.time_zone),
          weekly,
          spans,
          exceptions,
          in.exceptions.size(),
          owner.Keep(in.notification_email),
          owner.Keep(in.responsible_agent),
          owner.Keep(in.external_id),
          out->owner_};
}

void ToC(const BlockedInterval& in, Owner& owner, appt_block* out) {
  *out = {APPT_BLOCK_VERSION,
          in.id,
          in.resource_id,
          ToUnix(in.interval.start),
          ToUnix(in.interval.end),
          owner.Keep(in.reason),
          owner.Keep(in.external_id)};
}

void ToC(const Service& in, Owner& owner, appt_service* out) {
  auto* ids = in.resource_ids.empty()
                  ? nullptr
                  : owner.Array<int64_t>(in.resource_ids.size());
  std::copy(in.resource_ids.begin(), in.resource_ids.end(), ids);
  *out = {APPT_SERVICE_VERSION,
          in.id,
          owner.Keep(in.name),
          in.duration.count(),
          in.price.minor_units,
          owner.Keep(in.price.currency),
          in.buffer_before.count(),
          in.buffer_after.count(),
          in.capacity,
          ids,
          in.resource_ids.size(),
          in.min_notice.count(),
          in.horizon.count(),
          in.workflow_enabled ? 1 : 0,
          owner.Keep(in.external_id),
          out->owner_};
}

void ToC(const Customer& in, Owner& owner, appt_customer* out) {
  *out = {APPT_CUSTOMER_VERSION,
          in.id,
          owner.Keep(in.name),
          owner.Keep(in.email),
          owner.Keep(in.phone),
          owner.Keep(in.locale),
          owner.Keep(in.time_zone),
          ConsentToC(in.consents.email),
          ConsentToC(in.consents.sms),
          ConsentToC(in.consents.whatsapp),
          ConsentToC(in.consents.marketing),
          owner.Keep(in.external_id),
          out->owner_};
}

void ToC(const Appointment& in, Owner& owner, appt_appointment* out) {
  *out = {
      APPT_APPOINTMENT_VERSION,
      in.id,
      in.service_id,
      in.resource_id,
      in.customer_id,
      ToUnix(in.start),
      ToUnix(in.end),
      ToUnix(in.blocked.start),
      ToUnix(in.blocked.end),
      static_cast<int>(in.state),
      static_cast<int>(in.source),
      ToUnix(in.created_at),
      ToUnix(in.updated_at),
      owner.Keep(in.cancel_reason),
      owner.Keep(in.external_id),
      owner.Keep(in.notes),
      out->owner_,
      in.status_id,
      in.confirmed_at ? ToUnix(*in.confirmed_at) : 0,
      in.confirmation_requested_at ? ToUnix(*in.confirmation_requested_at) : 0,
      in.membership_id};
}

void ActorToC(const Actor& in, Owner& owner, appt_actor* out) {
  *out = {static_cast<int>(in.kind), owner.Keep(in.id)};
}

void ToC(const TimelineEntry& in, Owner& owner, appt_timeline_entry* out) {
  out->id = in.id;
  out->appointment_id = in.appointment_id;
  out->at = ToUnix(in.at);
  ActorToC(in.actor, owner, &out->actor);
  out->kind = owner.Keep(in.kind);
  out->details = owner.Keep(in.details);
}

}  // namespace appt::capi
