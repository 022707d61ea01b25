#include "convert_deal.h"

#include "convert_membership.h"

namespace appt::capi {
namespace {

template <typename T>
T* KeepArray(const std::vector<T>& items, Owner& owner) {
  if (items.empty()) return nullptr;
  T* out = owner.Array<T>(items.size());
  std::copy(items.begin(), items.end(), out);
  return out;
}

const appt_integration_field* KeepFields(
    const std::vector<IntegrationField>& fields, Owner& owner) {
  std::vector<appt_integration_field> out;
  for (const IntegrationField& f : fields) {
    out.push_back({owner.Keep(f.key), owner.Keep(f.value)});
  }
  return KeepArray(out, owner);
}

}  // namespace

absl::StatusOr<std::vector<IntegrationField>> FieldsFromC(
    const appt_integration_field* fields, size_t count) {
  if (auto s = CheckArray("integration", fields, count); !s.ok()) return s;
  std::vector<IntegrationField> out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back({Str(fields[i].key), Str(fields[i].value)});
  }
  return out;
}

absl::StatusOr<Pipeline> FromC(const appt_pipeline& in) {
  if (auto s = CheckVersion("appt_pipeline", in.version, APPT_PIPELINE_VERSION);
      !s.ok())
    return s;
  for (auto [field, items, count] :
       {std::tuple{"service_ids", static_cast<const void*>(in.service_ids),
                   in.service_id_count},
        std::tuple{"stages", static_cast<const void*>(in.stages),
                   in.stage_count},
        std::tuple{"rules", static_cast<const void*>(in.rules),
                   in.rule_count}}) {
    if (auto s = CheckArray(field, items, count); !s.ok()) return s;
  }
  if (auto s = CheckEnum("opens_deals", in.opens_deals,
                         APPT_DEAL_SOURCE_MEMBERSHIPS);
      !s.ok())
    return s;
  Pipeline p;
  p.id = in.id;
  p.name = Str(in.name);
  p.opens_deals = static_cast<DealSource>(in.opens_deals);
  p.service_ids.assign(in.service_ids, in.service_ids + in.service_id_count);
  for (size_t i = 0; i < in.stage_count; ++i) {
    const appt_stage& s = in.stages[i];
    const std::string field = absl::StrCat("stages[", i, "].kind");
    if (auto st = CheckEnum(field.c_str(), s.kind, APPT_STAGE_LOST); !st.ok()) {
      return st;
    }
    p.stages.push_back({s.id, Str(s.name), static_cast<StageKind>(s.kind)});
  }
  for (size_t i = 0; i < in.rule_count; ++i) {
    const appt_stage_rule& r = in.rules[i];
    const std::string trigger = absl::StrCat("rules[", i, "].trigger");
    const std::string condition = absl::StrCat("rules[", i, "].condition");
    if (auto st =
            CheckEnum(trigger.c_str(), r.trigger, APPT_STAGE_TRIGGER_TIMED);
        !st.ok())
      return st;
    if (auto st = CheckEnum(condition.c_str(), r.condition,
                            APPT_STAGE_CONDITION_NONE_BOOKED);
        !st.ok())
      return st;
    p.rules.push_back({r.id, static_cast<StageTrigger>(r.trigger),
                       static_cast<StageCondition>(r.condition),
                       Duration(r.offset_seconds), Str(r.stage)});
  }
  p.external_id = Str(in.external_id);
  return p;
}

absl::StatusOr<OpenDealRequest> FromC(const appt_open_deal_request& in) {
  if (auto s = CheckVersion("appt_open_deal_request", in.version,
                            APPT_OPEN_DEAL_REQUEST_VERSION);
      !s.ok())
    return s;
  if (auto s = CheckArray("appointment_ids", in.appointment_ids,
                          in.appointment_id_count);
      !s.ok())
    return s;
  auto fields = FieldsFromC(in.integration, in.integration_count);
  if (!fields.ok()) return fields.status();
  auto actor = ActorFromC("actor", &in.actor);
  if (!actor.ok()) return actor.status();
  OpenDealRequest r;
  r.pipeline_id = in.pipeline_id;
  r.customer_id = in.customer_id;
  r.title = Str(in.title);
  r.amount = {in.amount_minor_units, Str(in.currency)};
  r.membership_id = in.membership_id;
  r.appointment_ids.assign(in.appointment_ids,
                           in.appointment_ids + in.appointment_id_count);
  r.external_id = Str(in.external_id);
  r.integration = *std::move(fields);
  r.actor = *std::move(actor);
  return r;
}

absl::StatusOr<DealQuery> FromC(const appt_deal_query& in) {
  if (auto s =
          CheckVersion("appt_deal_query", in.version, APPT_DEAL_QUERY_VERSION);
      !s.ok())
    return s;
  return DealQuery{in.pipeline_id, in.stage_id, in.customer_id,
                   in.open_only != 0, in.limit};
}

void ToC(const Pipeline& in, Owner& owner, appt_pipeline* out) {
  std::vector<appt_stage> stages;
  for (const Stage& s : in.stages) {
    stages.push_back({s.id, owner.Keep(s.name), static_cast<int>(s.kind)});
  }
  std::vector<appt_stage_rule> rules;
  for (const StageRule& r : in.rules) {
    rules.push_back({r.id, static_cast<int>(r.trigger),
                     static_cast<int>(r.condition), r.offset.count(),
                     owner.Keep(r.stage)});
  }
  *out = {APPT_PIPELINE_VERSION,
          in.id,
          owner.Keep(in.name),
          static_cast<int>(in.opens_deals),
          KeepArray(in.service_ids, owner),
          in.service_ids.size(),
          KeepArray(stages, owner),
          stages.size(),
          KeepArray(rules, owner),
          rules.size(),
          owner.Keep(in.external_id),
          out->owner_};
}

void ToC(const Deal& in, Owner& owner, appt_deal* out) {
  *out = {APPT_DEAL_VERSION,
          in.id,
          in.pipeline_id,
          in.stage_id,
          in.customer_id,
          owner.Keep(in.title),
          in.amount.minor_units,
          owner.Keep(in.amount.currency),
          in.membership_id,
          KeepArray(in.appointment_ids, owner),
          in.appointment_ids.size(),
          owner.Keep(in.external_id),
          KeepFields(in.integration, owner),
          in.integration.size(),
          ToUnix(in.opened_at),
          ToUnix(in.stage_changed_at),
          in.closed_at ? ToUnix(*in.closed_at) : 0,
          out->owner_};
}

void ToC(const DealEntry& in, Owner& owner, appt_deal_entry* out) {
  out->version = APPT_DEAL_ENTRY_VERSION;
  out->id = in.id;
  out->deal_id = in.deal_id;
  out->at = ToUnix(in.at);
  out->kind = static_cast<int>(in.kind);
  ActorToC(in.actor, owner, &out->actor);
  out->from_stage_id = in.from_stage_id;
  out->from_stage = owner.Keep(in.from_stage);
  out->to_stage_id = in.to_stage_id;
  out->to_stage = owner.Keep(in.to_stage);
  out->appointment_id = in.appointment_id;
  out->text = owner.Keep(in.text);
}

void ToC(const DealCard& in, Owner& owner, appt_deal_card* out) {
  out->version = APPT_DEAL_CARD_VERSION;
  out->deal = APPT_DEAL_INIT;
  ToC(in.deal, owner, &out->deal);
  out->pipeline = owner.Keep(in.pipeline);
  out->stage = owner.Keep(in.stage);
  out->stage_kind = static_cast<int>(in.stage_kind);
  out->customer = appt_customer{};
  ToC(in.customer, owner, &out->customer);
  out->has_next_appointment = in.next_appointment.has_value();
  out->next_appointment = APPT_APPOINTMENT_INIT;
  if (in.next_appointment) {
    ToC(*in.next_appointment, owner, &out->next_appointment);
  }
  out->next_local_start = owner.Keep(in.next_local_start);
  out->next_time_zone = owner.Keep(in.next_time_zone);
  out->service = owner.Keep(in.service);
  out->resource = owner.Keep(in.resource);
  out->has_membership = in.membership.has_value();
  out->membership = APPT_MEMBERSHIP_INIT;
  if (in.membership) ToC(*in.membership, owner, &out->membership);
  out->membership_kind = owner.Keep(in.membership_kind);
  out->visits_left = in.visits_left;
  out->certificate_number = owner.Keep(in.certificate_number);
  appt_deal_entry* history =
      in.history.empty() ? nullptr
                         : owner.Array<appt_deal_entry>(in.history.size());
  for (size_t i = 0; i < in.history.size(); ++i) {
    history[i] = APPT_DEAL_ENTRY_INIT;
    ToC(in.history[i], owner, &history[i]);
  }
  out->history = history;
  out->history_count = in.history.size();
  out->integration = KeepFields(in.integration, owner);
  out->integration_count = in.integration.size();
}

void ToC(const DealBoard& in, Owner& owner, appt_deal_board* out) {
  std::vector<appt_deal_board_column> columns;
  for (const DealBoardColumn& c : in.columns) {
    columns.push_back({c.stage_id, owner.Keep(c.stage),
                       static_cast<int>(c.kind), c.deals,
                       c.amount_minor_units});
  }
  out->version = APPT_DEAL_BOARD_VERSION;
  out->pipeline_id = in.pipeline_id;
  out->pipeline = owner.Keep(in.pipeline);
  out->columns = KeepArray(columns, owner);
  out->column_count = columns.size();
}

}  // namespace appt::capi
