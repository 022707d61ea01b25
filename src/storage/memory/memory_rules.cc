// MemoryStore: message rules.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {

absl::StatusOr<RuleId> MemoryTransaction::InsertRule(const MessageRule& r) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  const RuleId id = t_->next_rule++;
  MessageRule& row = t_->rules[id] = r;
  row.id = id;
  OnUndo([id](Tables& t) {
    t.rules.erase(id);
    t.next_rule = id;
  });
  return id;
}

absl::Status MemoryTransaction::UpdateRule(const MessageRule& r) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->rules.find(r.id);
  if (it == t_->rules.end()) return NotFound("rule_id", r.id);
  OnUndo([old = std::move(it->second)](Tables& t) mutable {
    t.rules[old.id] = std::move(old);
  });
  it->second = r;
  return absl::OkStatus();
}

absl::Status MemoryTransaction::DeleteRule(RuleId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->rules.find(id);
  if (it == t_->rules.end()) return NotFound("rule_id", id);
  OnUndo([old = std::move(it->second)](Tables& t) mutable {
    t.rules.emplace(old.id, std::move(old));
  });
  t_->rules.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<MessageRule> MemoryTransaction::GetRule(RuleId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->rules.find(id);
  if (it == t_->rules.end()) return NotFound("rule_id", id);
  return it->second;
}

absl::StatusOr<std::vector<MessageRule>> MemoryTransaction::ListRules() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<MessageRule> out;
  out.reserve(t_->rules.size());
  for (const auto& [id, rule] : t_->rules) out.push_back(rule);
  return out;
}

}  // namespace appt::memory_internal
