// Message rule and messaging settings commands of the Engine (R4.2).
// Rules are validated whole (templates included) before anything is
// written; referenced services are checked, and the rule's timers
// re-planned, inside the saving transaction.
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "engine/engine_impl.h"
#include "engine/messaging_step.h"
#include "messaging/rule_validate.h"

namespace appt {
namespace {

using Events = std::vector<Event>;

absl::Status CheckRuleServices(StoreTransaction& tx, const MessageRule& r) {
  for (size_t i = 0; i < r.service_ids.size(); ++i) {
    if (auto s = tx.GetService(r.service_ids[i]); !s.ok()) {
      return absl::NotFoundError(absl::StrCat("rule.service_ids[", i,
                                              "]: service_id ",
                                              r.service_ids[i], " not found"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Engine::Impl::ReplanRule(StoreTransaction& tx, RuleId id,
                                      bool* queued) {
  engine::MessagingStep step(tx, tools, clock->Now());
  if (auto s = step.ReplanRule(id); !s.ok()) return s;
  *queued = step.created_messages();
  return absl::OkStatus();
}

absl::StatusOr<RuleId> Engine::CreateMessageRule(const MessageRule& rule) {
  if (auto s = messaging::ValidateMessageRule(rule); !s.ok()) return s;
  return impl_->RunMessaging([&](StoreTransaction& tx, Events&,
                                 bool* queued) -> absl::StatusOr<RuleId> {
    if (auto s = CheckRuleServices(tx, rule); !s.ok()) return s;
    auto id = tx.InsertRule(rule);
    if (!id.ok()) return id;
    if (auto s = impl_->ReplanRule(tx, *id, queued); !s.ok()) return s;
    return id;
  });
}

absl::Status Engine::UpdateMessageRule(const MessageRule& rule) {
  if (auto s = messaging::ValidateMessageRule(rule); !s.ok()) return s;
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events&, bool* queued) -> absl::Status {
        if (auto s = CheckRuleServices(tx, rule); !s.ok()) return s;
        auto old = tx.GetRule(rule.id);
        if (!old.ok()) return old.status();
        if (old->kind != rule.kind) {
          // Its firings are keyed by rule: a new kind is a new rule.
          return absl::InvalidArgumentError(absl::StrCat(
              "kind ", MessageKindName(rule.kind), " differs from rule_id ",
              rule.id, "'s kind ", MessageKindName(old->kind),
              "; create a new rule instead"));
        }
        if (auto s = tx.UpdateRule(rule); !s.ok()) return s;
        return impl_->ReplanRule(tx, rule.id, queued);
      });
}

absl::Status Engine::SetMessageRuleEnabled(RuleId id, bool enabled) {
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events&, bool* queued) -> absl::Status {
        auto rule = tx.GetRule(id);
        if (!rule.ok()) return rule.status();
        rule->enabled = enabled;
        if (auto s = tx.UpdateRule(*rule); !s.ok()) return s;
        return impl_->ReplanRule(tx, id, queued);
      });
}

absl::Status Engine::DeleteMessageRule(RuleId id) {
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events&, bool* queued) -> absl::Status {
        if (auto s = tx.DeleteRule(id); !s.ok()) return s;
        return impl_->ReplanRule(tx, id, queued);
      });
}

absl::StatusOr<MessageRule> Engine::GetMessageRule(RuleId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetRule(id);
  });
}

absl::StatusOr<std::vector<MessageRule>> Engine::ListMessageRules() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListRules();
  });
}

absl::Status Engine::SetMessagingSettings(const MessagingSettings& settings) {
  if (auto s = messaging::ValidateMessagingSettings(settings); !s.ok()) {
    return s;
  }
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events&, bool* queued) -> absl::Status {
        if (auto s = tx.PutSettings(settings); !s.ok()) return s;
        // The send window moves due times: every rule is re-planned.
        auto rules = tx.ListRules();
        if (!rules.ok()) return rules.status();
        for (const MessageRule& r : *rules) {
          bool rule_queued = false;
          if (auto s = impl_->ReplanRule(tx, r.id, &rule_queued); !s.ok()) {
            return s;
          }
          *queued = *queued || rule_queued;
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<MessagingSettings> Engine::GetMessagingSettings() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetSettings();
  });
}

}  // namespace appt
