// MemoryStore: status chains, workflow settings and status history.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {

StatusChain MemoryTransaction::Assign(StatusChain c) {
  const StatusId first_new = t_->next_status;
  for (Status& status : c.statuses) {
    if (status.id == 0) status.id = t_->next_status++;
  }
  if (t_->next_status != first_new) {
    OnUndo([first_new](Tables& t) { t.next_status = first_new; });
  }
  std::stable_sort(
      c.statuses.begin(), c.statuses.end(),
      [](const Status& a, const Status& b) { return a.position < b.position; });
  return c;
}

absl::StatusOr<StatusChain> MemoryTransaction::InsertStatusChain(
    const StatusChain& c) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  StatusChain row = Assign(c);
  row.id = t_->next_chain++;
  OnUndo([id = row.id](Tables& t) {
    t.chains.erase(id);
    t.next_chain = id;
  });
  t_->chains[row.id] = row;
  return row;
}

absl::StatusOr<StatusChain> MemoryTransaction::UpdateStatusChain(
    const StatusChain& c) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->chains.find(c.id);
  if (it == t_->chains.end()) return NotFound("chain_id", c.id);
  StatusChain row = Assign(c);
  OnUndo([old = std::move(it->second)](Tables& t) mutable {
    t.chains[old.id] = std::move(old);
  });
  it->second = row;
  return row;
}

absl::Status MemoryTransaction::DeleteStatusChain(ChainId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->chains.find(id);
  if (it == t_->chains.end()) return NotFound("chain_id", id);
  OnUndo([old = std::move(it->second)](Tables& t) mutable {
    t.chains.emplace(old.id, std::move(old));
  });
  t_->chains.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<StatusChain>> MemoryTransaction::ListStatusChains() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<StatusChain> out;
  out.reserve(t_->chains.size());
  for (const auto& [id, chain] : t_->chains) out.push_back(chain);
  return out;
}

absl::StatusOr<WorkflowSettings> MemoryTransaction::GetWorkflowSettings() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return t_->workflow.value_or(WorkflowSettings{});
}

absl::Status MemoryTransaction::PutWorkflowSettings(const WorkflowSettings& s) {
  if (absl::Status st = CheckOpen(true); !st.ok()) return st;
  OnUndo([old = t_->workflow](Tables& t) { t.workflow = old; });
  t_->workflow = s;
  return absl::OkStatus();
}

absl::StatusOr<int64_t> MemoryTransaction::AppendStatusChange(
    const StatusChange& c) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, c.appointment_id)) {
    return NotFound("appointment_id", c.appointment_id);
  }
  t_->status_history.push_back(c);
  const int64_t id = static_cast<int64_t>(t_->status_history.size());
  t_->status_history.back().id = id;
  const Key key{c.appointment_id, Secs(c.at), id};
  t_->status_by_time.insert(key);
  OnUndo([key](Tables& t) {
    t.status_by_time.erase(key);
    t.status_history.pop_back();
  });
  return id;
}

absl::StatusOr<std::vector<StatusChange>> MemoryTransaction::ListStatusHistory(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return NewestFirst(t_->status_by_time, id, t_->status_history);
}

}  // namespace appt::memory_internal
