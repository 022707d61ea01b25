// Message rule commands of the Engine (R4.2). Rules are validated whole
// (templates included) before anything is written; referenced services
// are checked inside the saving transaction.
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "engine/engine_impl.h"
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

absl::StatusOr<RuleId> Engine::CreateMessageRule(const MessageRule& rule) {
  if (auto s = messaging::ValidateMessageRule(rule); !s.ok()) return s;
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<RuleId> {
        if (auto s = CheckRuleServices(tx, rule); !s.ok()) return s;
        return tx.InsertRule(rule);
      });
}

absl::Status Engine::UpdateMessageRule(const MessageRule& rule) {
  if (auto s = messaging::ValidateMessageRule(rule); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      if (auto s = CheckRuleServices(tx, rule); !s.ok()) {
                        return s;
                      }
                      return tx.UpdateRule(rule);
                    });
}

absl::Status Engine::SetMessageRuleEnabled(RuleId id, bool enabled) {
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      auto rule = tx.GetRule(id);
                      if (!rule.ok()) return rule.status();
                      rule->enabled = enabled;
                      return tx.UpdateRule(*rule);
                    });
}

absl::Status Engine::DeleteMessageRule(RuleId id) {
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      return tx.DeleteRule(id);
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

}  // namespace appt
