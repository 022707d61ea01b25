// The confirmation cycle through the C ABI: settings, the board, staff
// confirmation, task rules and tasks.
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

extern "C" {

int appt_confirmation_settings_set(appt_engine* engine,
                                   const appt_confirmation_settings* settings) {
  return appt::capi::Update(
      engine, settings,
      [](appt::Engine& e, const appt::ConfirmationSettings& s) {
        return e.SetConfirmationSettings(s);
      },
      "settings");
}

int appt_confirmation_settings_get(appt_confirmation_settings* out,
                                   appt_engine* engine) {
  return GetOne(out, "appt_confirmation_settings",
                APPT_CONFIRMATION_SETTINGS_VERSION, engine,
                [](appt::Engine& e) { return e.GetConfirmationSettings(); });
}

void appt_confirmation_settings_dispose(appt_confirmation_settings* settings) {
  Dispose(settings);
}

int appt_appointment_confirm_visit(appt_appointment* out, appt_engine* engine,
                                   int64_t appointment_id,
                                   const appt_actor* actor) {
  return WithActor(out, "appt_appointment", APPT_APPOINTMENT_VERSION, engine,
                   actor, [&](appt::Engine& e, const appt::Actor& a) {
                     return e.ConfirmVisit(appointment_id, a);
                   });
}

const char* appt_confirmation_flag_name(int flag) {
  return appt::capi::EnumName(flag, APPT_CONFIRMATION_FLAG_LATE,
                              &appt::ConfirmationFlagName);
}

int appt_confirmation_board_get(appt_confirmation_board* out,
                                appt_engine* engine,
                                const appt_confirmation_board_query* query) {
  return WithInput(query, "query", [&](const auto& q) {
    return GetOne(out, "appt_confirmation_board",
                  APPT_CONFIRMATION_BOARD_VERSION, engine,
                  [&](appt::Engine& e) { return e.GetConfirmationBoard(q); });
  });
}

void appt_confirmation_board_dispose(appt_confirmation_board* board) {
  Dispose(board);
}

const char* appt_task_trigger_name(int trigger) {
  return appt::capi::EnumName(trigger, APPT_TASK_TRIGGER_NOT_ARRIVED,
                              &appt::TaskTriggerName);
}

int appt_task_rule_create(int64_t* out_id, appt_engine* engine,
                          const appt_task_rule* rule) {
  return appt::capi::Create(
      out_id, engine, rule,
      [](appt::Engine& e, const appt::TaskRule& r) {
        return e.CreateTaskRule(r);
      },
      "rule");
}

int appt_task_rule_update(appt_engine* engine, const appt_task_rule* rule) {
  return appt::capi::Update(
      engine, rule,
      [](appt::Engine& e, const appt::TaskRule& r) {
        return e.UpdateTaskRule(r);
      },
      "rule");
}

int appt_task_rule_delete(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->DeleteTaskRule(id));
  });
}

int appt_task_rule_get(appt_task_rule* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_task_rule", APPT_TASK_RULE_VERSION, engine,
                [&](appt::Engine& e) { return e.GetTaskRule(id); });
}

int appt_task_rule_list_all(appt_task_rule_list* out, appt_engine* engine) {
  return GetList(out, "appt_task_rule_list", APPT_TASK_RULE_LIST_VERSION,
                 engine, [](appt::Engine& e) { return e.ListTaskRules(); });
}

void appt_task_rule_dispose(appt_task_rule* rule) { Dispose(rule); }

void appt_task_rule_list_dispose(appt_task_rule_list* list) { Dispose(list); }

const char* appt_task_state_name(int state) {
  return appt::capi::EnumName(state, APPT_TASK_CANCELLED, &appt::TaskStateName);
}

int appt_task_list_get(appt_task_list* out, appt_engine* engine,
                       const appt_task_query* query) {
  return WithInput(query, "query", [&](const auto& q) {
    return GetList(out, "appt_task_list", APPT_TASK_LIST_VERSION, engine,
                   [&](appt::Engine& e) { return e.ListTasks(q); });
  });
}

void appt_task_list_dispose(appt_task_list* list) { Dispose(list); }

int appt_task_get(appt_task* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_task", APPT_TASK_VERSION, engine,
                [&](appt::Engine& e) { return e.GetTask(id); });
}

void appt_task_dispose(appt_task* task) { Dispose(task); }

int appt_task_complete(appt_task* out, appt_engine* engine, int64_t id,
                       const appt_actor* actor, const char* outcome) {
  return WithActor(out, "appt_task", APPT_TASK_VERSION, engine, actor,
                   [&](appt::Engine& e, const appt::Actor& a) {
                     return e.CompleteTask(id, a, Str(outcome));
                   });
}

int appt_task_cancel(appt_task* out, appt_engine* engine, int64_t id,
                     const appt_actor* actor, const char* reason) {
  return WithActor(out, "appt_task", APPT_TASK_VERSION, engine, actor,
                   [&](appt::Engine& e, const appt::Actor& a) {
                     return e.CancelTask(id, a, Str(reason));
                   });
}

}  // extern "C"
