// CRM pipelines and deals through the C ABI.
#include "commands.h"

using appt::capi::CheckNotNull;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::SetError;
using appt::capi::Str;
using appt::capi::WithActor;
using appt::capi::WithInput;

namespace {

// Converts `in` and fills `out` with command(engine, pipeline).
template <typename Command>
int SavePipeline(appt_pipeline* out, appt_engine* engine,
                 const appt_pipeline* in, Command command) {
  return WithInput(in, "pipeline", [&](const appt::Pipeline& p) {
    return GetOne(out, "appt_pipeline", APPT_PIPELINE_VERSION, engine,
                  [&](appt::Engine& e) { return command(e, p); });
  });
}

int Preset(appt_pipeline* out, const appt::Pipeline& preset) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(appt::capi::CheckVersion(
        "appt_pipeline", out->version, APPT_PIPELINE_VERSION));
    appt::capi::ToC(preset, *appt::capi::ResetOwner(&out->owner_), out);
    return appt::capi::kOk;
  });
}

}  // namespace

extern "C" {

const char* appt_stage_kind_name(int kind) {
  return appt::capi::EnumName(kind, APPT_STAGE_LOST, &appt::StageKindName);
}
const char* appt_stage_trigger_name(int trigger) {
  return appt::capi::EnumName(trigger, APPT_STAGE_TRIGGER_TIMED,
                              &appt::StageTriggerName);
}
const char* appt_stage_condition_name(int condition) {
  return appt::capi::EnumName(condition, APPT_STAGE_CONDITION_NONE_BOOKED,
                              &appt::StageConditionName);
}
const char* appt_deal_source_name(int source) {
  return appt::capi::EnumName(source, APPT_DEAL_SOURCE_MEMBERSHIPS,
                              &appt::DealSourceName);
}
const char* appt_deal_entry_kind_name(int kind) {
  return appt::capi::EnumName(kind, APPT_DEAL_ENTRY_NOTE,
                              &appt::DealEntryKindName);
}

int appt_pipeline_preset_one_time(appt_pipeline* out) {
  return Preset(out, appt::OneTimePipelinePreset());
}

int appt_pipeline_preset_membership(appt_pipeline* out) {
  return Preset(out, appt::MembershipPipelinePreset());
}

int appt_pipeline_create(appt_pipeline* out, appt_engine* engine,
                         const appt_pipeline* pipeline) {
  return SavePipeline(out, engine, pipeline,
                      [](appt::Engine& e, const appt::Pipeline& p) {
                        return e.CreatePipeline(p);
                      });
}

int appt_pipeline_update(appt_pipeline* out, appt_engine* engine,
                         const appt_pipeline* pipeline) {
  return SavePipeline(out, engine, pipeline,
                      [](appt::Engine& e, const appt::Pipeline& p) {
                        return e.UpdatePipeline(p);
                      });
}

int appt_pipeline_delete(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->DeletePipeline(id));
  });
}

int appt_pipeline_get(appt_pipeline* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_pipeline", APPT_PIPELINE_VERSION, engine,
                [&](appt::Engine& e) { return e.GetPipeline(id); });
}

int appt_pipeline_list_all(appt_pipeline_list* out, appt_engine* engine) {
  return GetList(out, "appt_pipeline_list", APPT_PIPELINE_LIST_VERSION, engine,
                 [](appt::Engine& e) { return e.ListPipelines(); });
}

void appt_pipeline_dispose(appt_pipeline* pipeline) { Dispose(pipeline); }
void appt_pipeline_list_dispose(appt_pipeline_list* list) { Dispose(list); }

int appt_deal_open(appt_deal* out, appt_engine* engine,
                   const appt_open_deal_request* request) {
  return WithInput(request, "request", [&](const auto& r) {
    return GetOne(out, "appt_deal", APPT_DEAL_VERSION, engine,
                  [&](appt::Engine& e) { return e.OpenDeal(r); });
  });
}

int appt_deal_link_appointment(appt_deal* out, appt_engine* engine,
                               int64_t deal_id, int64_t appointment_id,
                               const appt_actor* actor) {
  return WithActor(out, "appt_deal", APPT_DEAL_VERSION, engine, actor,
                   [&](appt::Engine& e, const appt::Actor& a) {
                     return e.LinkDealAppointment(deal_id, appointment_id, a);
                   });
}

int appt_deal_move(appt_deal* out, appt_engine* engine, int64_t deal_id,
                   int64_t stage_id, const appt_actor* actor,
                   const char* reason) {
  return WithActor(out, "appt_deal", APPT_DEAL_VERSION, engine, actor,
                   [&](appt::Engine& e, const appt::Actor& a) {
                     return e.MoveDeal(deal_id, stage_id, a, Str(reason));
                   });
}

int appt_deal_add_note(appt_deal_entry* out, appt_engine* engine,
                       int64_t deal_id, const appt_actor* actor,
                       const char* text) {
  return WithActor(out, "appt_deal_entry", APPT_DEAL_ENTRY_VERSION, engine,
                   actor, [&](appt::Engine& e, const appt::Actor& a) {
                     return e.AddDealNote(deal_id, a, Str(text));
                   });
}

int appt_deal_set_integration(appt_deal* out, appt_engine* engine,
                              int64_t deal_id, const char* external_id,
                              const appt_integration_field* fields,
                              size_t field_count) {
  return Guarded([&] {
    auto f = appt::capi::FieldsFromC(fields, field_count);
    if (!f.ok()) return SetError(f.status());
    return GetOne(out, "appt_deal", APPT_DEAL_VERSION, engine,
                  [&](appt::Engine& e) {
                    return e.SetDealIntegration(deal_id, Str(external_id), *f);
                  });
  });
}

int appt_deal_get(appt_deal* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_deal", APPT_DEAL_VERSION, engine,
                [&](appt::Engine& e) { return e.GetDeal(id); });
}

int appt_deal_list_query(appt_deal_list* out, appt_engine* engine,
                         const appt_deal_query* query) {
  return WithInput(query, "query", [&](const auto& q) {
    return GetList(out, "appt_deal_list", APPT_DEAL_LIST_VERSION, engine,
                   [&](appt::Engine& e) { return e.ListDeals(q); });
  });
}

int appt_deal_history(appt_deal_entry_list* out, appt_engine* engine,
                      int64_t deal_id) {
  return GetList(out, "appt_deal_entry_list", APPT_DEAL_ENTRY_LIST_VERSION,
                 engine,
                 [&](appt::Engine& e) { return e.DealHistory(deal_id); });
}

int appt_deal_card_get(appt_deal_card* out, appt_engine* engine,
                       int64_t deal_id) {
  return GetOne(out, "appt_deal_card", APPT_DEAL_CARD_VERSION, engine,
                [&](appt::Engine& e) { return e.GetDealCard(deal_id); });
}

int appt_deal_board_get(appt_deal_board* out, appt_engine* engine,
                        int64_t pipeline_id) {
  return GetOne(out, "appt_deal_board", APPT_DEAL_BOARD_VERSION, engine,
                [&](appt::Engine& e) { return e.GetDealBoard(pipeline_id); });
}

void appt_deal_dispose(appt_deal* deal) { Dispose(deal); }
void appt_deal_list_dispose(appt_deal_list* list) { Dispose(list); }
void appt_deal_entry_dispose(appt_deal_entry* entry) { Dispose(entry); }
void appt_deal_entry_list_dispose(appt_deal_entry_list* list) { Dispose(list); }
void appt_deal_card_dispose(appt_deal_card* card) { Dispose(card); }
void appt_deal_board_dispose(appt_deal_board* board) { Dispose(board); }

}  // extern "C"
