// Message rules, messaging settings and the messaging enums' names.
#include <iterator>

#include "commands.h"
#include "convert_messaging.h"

using appt::capi::CheckNotNull;
using appt::capi::Create;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::SetError;
using appt::capi::Update;

extern "C" {

const char* appt_message_kind_name(int kind) {
  return appt::capi::EnumName(kind, APPT_MESSAGE_KIND_BOOK_AGAIN,
                              &appt::MessageKindName);
}

const char* appt_audience_name(int audience) {
  return appt::capi::EnumName(audience, APPT_AUDIENCE_AGENT,
                              &appt::AudienceName);
}

const char* appt_channel_name(int channel) {
  return appt::capi::EnumName(channel, APPT_CHANNEL_WHATSAPP,
                              &appt::ChannelName);
}

const char* appt_consent_kind_name(int consent) {
  return appt::capi::EnumName(consent, APPT_CONSENT_MARKETING,
                              &appt::ConsentKindName);
}

const char* appt_message_state_name(int state) {
  return appt::capi::EnumName(state, APPT_MESSAGE_STATE_FAILED,
                              &appt::MessageStateName);
}

const char* appt_firing_outcome_name(int outcome) {
  return appt::capi::EnumName(outcome, APPT_FIRING_SKIPPED,
                              &appt::FiringOutcomeName);
}

const char* const* appt_template_fields(size_t* out_count) {
  if (out_count != nullptr) *out_count = std::size(appt::kTemplateFields);
  return appt::kTemplateFields;
}

int appt_message_rule_create(int64_t* out_id, appt_engine* engine,
                             const appt_message_rule* rule) {
  return Create(
      out_id, engine, rule,
      [](appt::Engine& e, const appt::MessageRule& r) {
        return e.CreateMessageRule(r);
      },
      "rule");
}

int appt_message_rule_update(appt_engine* engine,
                             const appt_message_rule* rule) {
  return Update(
      engine, rule,
      [](appt::Engine& e, const appt::MessageRule& r) {
        return e.UpdateMessageRule(r);
      },
      "rule");
}

int appt_message_rule_set_enabled(appt_engine* engine, int64_t id,
                                  int enabled) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->SetMessageRuleEnabled(id, enabled != 0));
  });
}

int appt_message_rule_delete(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->DeleteMessageRule(id));
  });
}

int appt_message_rule_get(appt_message_rule* out, appt_engine* engine,
                          int64_t id) {
  return GetOne(out, "appt_message_rule", APPT_MESSAGE_RULE_VERSION, engine,
                [id](appt::Engine& e) { return e.GetMessageRule(id); });
}

int appt_message_rule_list_all(appt_message_rule_list* out,
                               appt_engine* engine) {
  return GetList(out, "appt_message_rule_list", APPT_MESSAGE_RULE_LIST_VERSION,
                 engine, [](appt::Engine& e) { return e.ListMessageRules(); });
}

void appt_message_rule_dispose(appt_message_rule* rule) { Dispose(rule); }

void appt_message_rule_list_dispose(appt_message_rule_list* list) {
  Dispose(list);
}

int appt_messaging_settings_set(appt_engine* engine,
                                const appt_messaging_settings* settings) {
  return Update(
      engine, settings,
      [](appt::Engine& e, const appt::MessagingSettings& s) {
        return e.SetMessagingSettings(s);
      },
      "settings");
}

int appt_messaging_settings_get(appt_messaging_settings* out,
                                appt_engine* engine) {
  return GetOne(out, "appt_messaging_settings", APPT_MESSAGING_SETTINGS_VERSION,
                engine,
                [](appt::Engine& e) { return e.GetMessagingSettings(); });
}

void appt_messaging_settings_dispose(appt_messaging_settings* settings) {
  Dispose(settings);
}

}  // extern "C"
