// MemoryStore: confirmation tokens.
#include <algorithm>

#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {

absl::Status MemoryTransaction::InsertConfirmToken(
    const ConfirmTokenRecord& t) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, t.appointment_id)) {
    return NotFound("appointment_id", t.appointment_id);
  }
  if (!t_->tokens.emplace(t.hash, t).second) {
    return absl::AlreadyExistsError("confirmation token hash already exists");
  }
  t_->tokens_by_appointment[t.appointment_id].push_back(t.hash);
  OnUndo([t](Tables& tables) {
    tables.tokens.erase(t.hash);
    tables.tokens_by_appointment[t.appointment_id].pop_back();
  });
  return absl::OkStatus();
}

absl::StatusOr<std::optional<ConfirmTokenRecord>>
MemoryTransaction::FindConfirmToken(const std::string& hash) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->tokens.find(hash);
  if (it == t_->tokens.end()) return std::optional<ConfirmTokenRecord>();
  return std::optional<ConfirmTokenRecord>(it->second);
}

absl::Status MemoryTransaction::UpdateConfirmToken(
    const ConfirmTokenRecord& t) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->tokens.find(t.hash);
  if (it == t_->tokens.end()) {
    return absl::NotFoundError("confirmation token not found");
  }
  const AppointmentId from = it->second.appointment_id;
  if (t.appointment_id != from) {
    if (!Has(t_->appointments, t.appointment_id)) {
      return NotFound("appointment_id", t.appointment_id);
    }
    // Undone last-in first-out, so the entry is then `to`'s last again and
    // goes back to its place in `from` (an insert's undo pops its own).
    std::vector<std::string>& old_list = t_->tokens_by_appointment[from];
    const auto at = std::find(old_list.begin(), old_list.end(), t.hash);
    const bool listed = at != old_list.end();
    const ptrdiff_t place = at - old_list.begin();
    if (listed) old_list.erase(at);
    t_->tokens_by_appointment[t.appointment_id].push_back(t.hash);
    OnUndo([hash = t.hash, from, to = t.appointment_id, listed,
            place](Tables& tables) {
      tables.tokens_by_appointment[to].pop_back();
      std::vector<std::string>& list = tables.tokens_by_appointment[from];
      if (listed) list.insert(list.begin() + place, hash);
    });
  }
  OnUndo([old = it->second](Tables& tables) { tables.tokens[old.hash] = old; });
  it->second = t;
  return absl::OkStatus();
}

absl::Status MemoryTransaction::SupersedeConfirmTokens(AppointmentId id,
                                                       Instant at) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto hashes = t_->tokens_by_appointment.find(id);
  if (hashes == t_->tokens_by_appointment.end()) return absl::OkStatus();
  for (const std::string& hash : hashes->second) {
    ConfirmTokenRecord& t = t_->tokens[hash];
    if (t.superseded_at || t.cancelled_at) continue;
    OnUndo([old = t](Tables& tables) { tables.tokens[old.hash] = old; });
    t.superseded_at = at;
  }
  return absl::OkStatus();
}

}  // namespace appt::memory_internal
