// appt.Engine's message rule and messaging settings methods (R4.2).
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineMessaging(py::class_<PyEngine>& cls) {
  cls.def(
         "create_message_rule",
         [](PyEngine& e, const MessageRule& rule) {
           return NoGil(e, [&](Engine& engine) {
             return engine.CreateMessageRule(rule);
           });
         },
         py::arg("rule"),
         R"doc(Saves a new message rule and plans its timers for every booked
appointment from now on.

Args:
    rule: an appt.MessageRule (its id is ignored).
Returns:
    The new rule id.
Raises:
    InvalidArgumentError: a bad field, e.g. a template naming an unknown
        field (the message names the template and the field).
    NotFoundError: an unknown service id.)doc")
      .def(
          "update_message_rule",
          [](PyEngine& e, const MessageRule& rule) {
            NoGil(e, [&](Engine& engine) {
              return engine.UpdateMessageRule(rule);
            });
          },
          py::arg("rule"),
          R"doc(Replaces the rule with id rule.id, validated whole, and
re-plans its timers.

Args:
    rule: the edited appt.MessageRule.)doc")
      .def(
          "set_message_rule_enabled",
          [](PyEngine& e, RuleId id, bool enabled) {
            NoGil(e, [&](Engine& engine) {
              return engine.SetMessageRuleEnabled(id, enabled);
            });
          },
          py::arg("id"), py::arg("enabled"),
          R"doc(Enables or disables a rule; a disabled rule keeps its
definition but has no timers.

Args:
    id: the rule id.
    enabled: True or False.)doc")
      .def(
          "delete_message_rule",
          [](PyEngine& e, RuleId id) {
            NoGil(e,
                  [&](Engine& engine) { return engine.DeleteMessageRule(id); });
          },
          py::arg("id"),
          "Deletes a rule and its timers; its messages stay in the history.")
      .def(
          "get_message_rule",
          [](PyEngine& e, RuleId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetMessageRule(id); });
          },
          py::arg("id"),
          "Returns:\n    The appt.MessageRule; NotFoundError if unknown.")
      .def(
          "list_message_rules",
          [](PyEngine& e) {
            return NoGil(
                e, [&](Engine& engine) { return engine.ListMessageRules(); });
          },
          "Returns:\n    Every appt.MessageRule, by id.")
      .def(
          "set_messaging_settings",
          [](PyEngine& e, const MessagingSettings& settings) {
            NoGil(e, [&](Engine& engine) {
              return engine.SetMessagingSettings(settings);
            });
          },
          py::arg("settings"),
          R"doc(Replaces the business's messaging settings, validated whole;
every rule's timers are re-planned (the send window moves due times).

Args:
    settings: an appt.MessagingSettings.)doc")
      .def(
          "get_messaging_settings",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) {
              return engine.GetMessagingSettings();
            });
          },
          "Returns:\n    The appt.MessagingSettings (defaults until set).");
}

}  // namespace appt::python
