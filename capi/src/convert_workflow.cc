#include "convert_workflow.h"

namespace appt::capi {

absl::StatusOr<StatusChain> FromC(const appt_status_chain& in) {
  if (auto s = CheckVersion("appt_status_chain", in.version,
                            APPT_STATUS_CHAIN_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("statuses", in.statuses, in.status_count); !s.ok()) {
    return s;
  }
  StatusChain c;
  c.id = in.id;
  c.name = Str(in.name);
  for (size_t i = 0; i < in.status_count; ++i) {
    const appt_status& s = in.statuses[i];
    const std::string field = absl::StrCat("statuses[", i, "].marker");
    if (auto st =
            CheckEnum(field.c_str(), s.marker, APPT_STATUS_MARKER_CANCELLATION);
        !st.ok()) {
      return st;
    }
    c.statuses.push_back({s.id, Str(s.name), Str(s.description), s.position,
                          Str(s.colour), static_cast<StatusMarker>(s.marker),
                          s.holds_slot != 0});
  }
  return c;
}

absl::Status BoardScopeFromC(const int64_t* ids, size_t count, int64_t start,
                             int64_t end, std::vector<ResourceId>* ids_out,
                             Interval* window_out) {
  if (auto s = CheckArray("resource_ids", ids, count); !s.ok()) return s;
  ids_out->assign(ids, ids + count);
  *window_out = {ToInstant(start), ToInstant(end)};
  return absl::OkStatus();
}

absl::StatusOr<WorkflowSettings> FromC(const appt_workflow_settings& in) {
  if (auto s = CheckVersion("appt_workflow_settings", in.version,
                            APPT_WORKFLOW_SETTINGS_VERSION);
      !s.ok()) {
    return s;
  }
  if (auto s = CheckArray("service_chains", in.service_chains,
                          in.service_chain_count);
      !s.ok()) {
    return s;
  }
  WorkflowSettings w;
  w.enabled = in.enabled != 0;
  w.default_chain_id = in.default_chain_id;
  for (size_t i = 0; i < in.service_chain_count; ++i) {
    w.service_chains.push_back(
        {in.service_chains[i].service_id, in.service_chains[i].chain_id});
  }
  return w;
}

absl::StatusOr<StatusChangeRequest> FromC(
    const appt_status_change_request& in) {
  if (auto s = CheckVersion("appt_status_change_request", in.version,
                            APPT_STATUS_CHANGE_REQUEST_VERSION);
      !s.ok()) {
    return s;
  }
  auto actor = ActorFromC("actor", &in.actor);
  if (!actor.ok()) return actor.status();
  return StatusChangeRequest{in.appointment_id, in.status_id, *actor,
                             Str(in.reason)};
}

absl::StatusOr<StatusBoardQuery> FromC(const appt_status_board_query& in) {
  if (auto s = CheckVersion("appt_status_board_query", in.version,
                            APPT_STATUS_BOARD_QUERY_VERSION);
      !s.ok()) {
    return s;
  }
  StatusBoardQuery q;
  if (auto s = BoardScopeFromC(in.resource_ids, in.resource_id_count,
                               in.window_start, in.window_end, &q.resource_ids,
                               &q.window);
      !s.ok()) {
    return s;
  }
  q.include_confirmed = in.include_confirmed != 0;
  return q;
}

void ToC(const StatusChain& in, Owner& owner, appt_status_chain* out) {
  appt_status* statuses = in.statuses.empty()
                              ? nullptr
                              : owner.Array<appt_status>(in.statuses.size());
  for (size_t i = 0; i < in.statuses.size(); ++i) {
    const Status& s = in.statuses[i];
    statuses[i] = {s.id,
                   owner.Keep(s.name),
                   owner.Keep(s.description),
                   s.position,
                   owner.Keep(s.colour),
                   static_cast<int>(s.marker),
                   s.holds_slot ? 1 : 0};
  }
  *out = {APPT_STATUS_CHAIN_VERSION, in.id,      owner.Keep(in.name), statuses,
          in.statuses.size(),        out->owner_};
}

void ToC(const WorkflowSettings& in, Owner& owner,
         appt_workflow_settings* out) {
  const size_t n = in.service_chains.size();
  appt_service_chain* chains =
      n == 0 ? nullptr : owner.Array<appt_service_chain>(n);
  for (size_t i = 0; i < n; ++i) {
    chains[i] = {in.service_chains[i].service_id,
                 in.service_chains[i].chain_id};
  }
  *out = {APPT_WORKFLOW_SETTINGS_VERSION,
          in.enabled ? 1 : 0,
          in.default_chain_id,
          chains,
          n,
          out->owner_};
}

void ToC(const StatusChange& in, Owner& owner, appt_status_change* out) {
  out->id = in.id;
  out->appointment_id = in.appointment_id;
  out->at = ToUnix(in.at);
  ActorToC(in.actor, owner, &out->actor);
  out->from_status_id = in.from_status_id;
  out->from_status = owner.Keep(in.from_status);
  out->to_status_id = in.to_status_id;
  out->to_status = owner.Keep(in.to_status);
  out->reason = owner.Keep(in.reason);
}

void ToC(const StatusBoard& in, Owner& owner, appt_status_board* out) {
  const size_t n = in.appointments.size();
  appt_appointment* items = n == 0 ? nullptr : owner.Array<appt_appointment>(n);
  for (size_t i = 0; i < n; ++i) {
    items[i] = APPT_APPOINTMENT_INIT;
    ToC(in.appointments[i], owner, &items[i]);
  }
  const size_t k = in.counts.size();
  appt_status_count* counts =
      k == 0 ? nullptr : owner.Array<appt_status_count>(k);
  for (size_t i = 0; i < k; ++i) {
    counts[i] = {in.counts[i].status_id, owner.Keep(in.counts[i].name),
                 in.counts[i].count};
  }
  *out = {APPT_STATUS_BOARD_VERSION,
          items,
          n,
          in.unconfirmed,
          in.confirmed,
          counts,
          k,
          out->owner_};
}

void ToC(const ConfirmToken& in, Owner& owner, appt_confirm_token* out) {
  *out = {APPT_CONFIRM_TOKEN_VERSION, owner.Keep(in.token),  in.appointment_id,
          ToUnix(in.issued_at),       ToUnix(in.expires_at), out->owner_};
}

}  // namespace appt::capi
