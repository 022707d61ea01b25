#include "convert_membership.h"

namespace appt::capi {
namespace {

int64_t* KeepIds(const std::vector<int64_t>& ids, Owner& owner) {
  if (ids.empty()) return nullptr;
  int64_t* out = owner.Array<int64_t>(ids.size());
  std::copy(ids.begin(), ids.end(), out);
  return out;
}

}  // namespace

absl::StatusOr<MembershipPlan> FromC(const appt_membership_plan& in) {
  if (auto s = CheckVersion("appt_membership_plan", in.version,
                            APPT_MEMBERSHIP_PLAN_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("service_ids", in.service_ids, in.service_id_count);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckEnum("no_show", in.no_show, APPT_NO_SHOW_RETURNS_VISIT);
      !s.ok()) {
    return s;
  }
  MembershipPlan p;
  p.id = in.id;
  p.name = Str(in.name);
  p.service_ids.assign(in.service_ids, in.service_ids + in.service_id_count);
  p.visits = in.visits;
  p.validity_days = in.validity_days;
  p.price = {in.price_minor_units, Str(in.currency)};
  p.no_show = static_cast<NoShowPolicy>(in.no_show);
  p.external_id = Str(in.external_id);
  return p;
}

absl::StatusOr<PurchaseRequest> FromC(const appt_purchase_request& in) {
  if (auto s = CheckVersion("appt_purchase_request", in.version,
                            APPT_PURCHASE_REQUEST_VERSION);
      !s.ok()) {
    return s;
  }
  auto actor = ActorFromC("actor", &in.actor);
  if (!actor.ok()) return actor.status();
  return PurchaseRequest{in.customer_id, in.plan_id, *std::move(actor),
                         Str(in.external_id), Str(in.certificate_number)};
}

void ToC(const MembershipPlan& in, Owner& owner, appt_membership_plan* out) {
  *out = {APPT_MEMBERSHIP_PLAN_VERSION,
          in.id,
          owner.Keep(in.name),
          KeepIds(in.service_ids, owner),
          in.service_ids.size(),
          in.visits,
          in.validity_days,
          in.price.minor_units,
          owner.Keep(in.price.currency),
          static_cast<int>(in.no_show),
          owner.Keep(in.external_id),
          out->owner_};
}

void ToC(const Membership& in, Owner& owner, appt_membership* out) {
  out->version = APPT_MEMBERSHIP_VERSION;
  out->id = in.id;
  out->plan_id = in.plan_id;
  out->customer_id = in.customer_id;
  out->certificate_number = owner.Keep(in.certificate_number);
  out->service_ids = KeepIds(in.service_ids, owner);
  out->service_id_count = in.service_ids.size();
  out->no_show = static_cast<int>(in.no_show);
  out->price_minor_units = in.price.minor_units;
  out->currency = owner.Keep(in.price.currency);
  out->visits_total = in.visits_total;
  out->visits_booked = in.visits_booked;
  out->visits_used = in.visits_used;
  out->visits_left = in.visits_left();
  out->purchased_at = ToUnix(in.purchased_at);
  out->expires_at = ToUnix(in.expires_at);
  out->state = static_cast<int>(in.state);
  out->expired_at = in.expired_at ? ToUnix(*in.expired_at) : 0;
  out->expired_reason = owner.Keep(in.expired_reason);
  out->external_id = owner.Keep(in.external_id);
}

}  // namespace appt::capi
