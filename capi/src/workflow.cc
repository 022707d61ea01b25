// The status workflow through the C ABI: chains, settings, status moves,
// history and the dashboard.
#include "commands.h"

using appt::capi::CheckNotNull;
using appt::capi::CheckVersion;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::SetError;

namespace {

// Converts the input `in`, runs command(engine, record) and fills the
// versioned output `out` with its result.
template <typename COut, typename CIn, typename Command>
int Transform(COut* out, const char* out_type, unsigned int out_version,
              appt_engine* engine, const CIn* in, const char* in_name,
              Command command) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull(in_name, in));
    auto record = appt::capi::FromC(*in);
    if (!record.ok()) return SetError(record.status());
    return GetOne(out, out_type, out_version, engine,
                  [&](appt::Engine& e) { return command(e, *record); });
  });
}

}  // namespace

extern "C" {

const char* appt_status_marker_name(int marker) {
  return appt::capi::EnumName(marker, APPT_STATUS_MARKER_CANCELLATION,
                              &appt::StatusMarkerName);
}

int appt_status_chain_manual_approval(appt_status_chain* out) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(CheckVersion("appt_status_chain", out->version,
                                           APPT_STATUS_CHAIN_VERSION));
    ToC(appt::ManualApprovalChain(), *appt::capi::ResetOwner(&out->owner_),
        out);
    return appt::capi::kOk;
  });
}

int appt_status_chain_create(appt_status_chain* out, appt_engine* engine,
                             const appt_status_chain* chain) {
  return Transform(out, "appt_status_chain", APPT_STATUS_CHAIN_VERSION, engine,
                   chain, "chain",
                   [](appt::Engine& e, const appt::StatusChain& c) {
                     return e.CreateStatusChain(c);
                   });
}

int appt_status_chain_update(appt_status_chain* out, appt_engine* engine,
                             const appt_status_chain* chain) {
  return Transform(out, "appt_status_chain", APPT_STATUS_CHAIN_VERSION, engine,
                   chain, "chain",
                   [](appt::Engine& e, const appt::StatusChain& c) {
                     return e.UpdateStatusChain(c);
                   });
}

int appt_status_chain_delete(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->DeleteStatusChain(id));
  });
}

int appt_status_chain_get(appt_status_chain* out, appt_engine* engine,
                          int64_t id) {
  return GetOne(out, "appt_status_chain", APPT_STATUS_CHAIN_VERSION, engine,
                [&](appt::Engine& e) { return e.GetStatusChain(id); });
}

int appt_status_chain_list_all(appt_status_chain_list* out,
                               appt_engine* engine) {
  return GetList(out, "appt_status_chain_list", APPT_STATUS_CHAIN_LIST_VERSION,
                 engine, [](appt::Engine& e) { return e.ListStatusChains(); });
}

void appt_status_chain_dispose(appt_status_chain* chain) { Dispose(chain); }

void appt_status_chain_list_dispose(appt_status_chain_list* list) {
  Dispose(list);
}

int appt_workflow_settings_set(appt_engine* engine,
                               const appt_workflow_settings* settings) {
  return appt::capi::Update(
      engine, settings,
      [](appt::Engine& e, const appt::WorkflowSettings& s) {
        return e.SetWorkflowSettings(s);
      },
      "settings");
}

int appt_workflow_settings_get(appt_workflow_settings* out,
                               appt_engine* engine) {
  return GetOne(out, "appt_workflow_settings", APPT_WORKFLOW_SETTINGS_VERSION,
                engine,
                [](appt::Engine& e) { return e.GetWorkflowSettings(); });
}

void appt_workflow_settings_dispose(appt_workflow_settings* settings) {
  Dispose(settings);
}

int appt_appointment_set_status(appt_appointment* out, appt_engine* engine,
                                const appt_status_change_request* request) {
  return Transform(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                   request, "request",
                   [](appt::Engine& e, const appt::StatusChangeRequest& r) {
                     return e.SetStatus(r);
                   });
}

int appt_status_history_get(appt_status_history* out, appt_engine* engine,
                            int64_t appointment_id) {
  return GetList(
      out, "appt_status_history", APPT_STATUS_HISTORY_VERSION, engine,
      [&](appt::Engine& e) { return e.StatusHistory(appointment_id); });
}

void appt_status_history_dispose(appt_status_history* history) {
  Dispose(history);
}

int appt_status_board_get(appt_status_board* out, appt_engine* engine,
                          const appt_status_board_query* query) {
  return Transform(out, "appt_status_board", APPT_STATUS_BOARD_VERSION, engine,
                   query, "query",
                   [](appt::Engine& e, const appt::StatusBoardQuery& q) {
                     return e.GetStatusBoard(q);
                   });
}

void appt_status_board_dispose(appt_status_board* board) { Dispose(board); }

int appt_confirm_token_issue(appt_confirm_token* out, appt_engine* engine,
                             int64_t appointment_id) {
  return GetOne(
      out, "appt_confirm_token", APPT_CONFIRM_TOKEN_VERSION, engine,
      [&](appt::Engine& e) { return e.IssueConfirmToken(appointment_id); });
}

void appt_confirm_token_dispose(appt_confirm_token* token) { Dispose(token); }

int appt_appointment_confirm_by_token(appt_appointment* out,
                                      appt_engine* engine, const char* token) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("token", token));
    return GetOne(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                  [&](appt::Engine& e) { return e.ConfirmByToken(token); });
  });
}

int appt_appointment_cancel_by_token(appt_appointment* out, appt_engine* engine,
                                     const char* token, const char* reason) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("token", token));
    return GetOne(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                  [&](appt::Engine& e) {
                    return e.CancelByToken(token, appt::capi::Str(reason));
                  });
  });
}

}  // extern "C"
