// MemoryStore: messaging settings, timers, firings and the outbox.
#include "storage/memory/memory_internal.h"
#include "storage/outbox_contract.h"

namespace appt::memory_internal {

using storage_internal::ByCreation;

void Tables::IndexTimer(const Timer& t, bool add) {
  auto& ids = appointments[t.appointment_id - 1].timer_ids;
  if (add) {
    timers_by_due.insert({Secs(t.due), t.id});
    ids.push_back(t.id);
  } else {
    timers_by_due.erase({Secs(t.due), t.id});
    auto it = std::find(ids.begin(), ids.end(), t.id);
    assert(it != ids.end());
    ids.erase(it);
  }
}

void Tables::IndexMessage(const Message& m, bool add) {
  if (add && m.state == MessageState::kQueued) {
    sendable.insert({Secs(m.not_before), m.id});
  } else if (!add) {
    sendable.erase({Secs(m.not_before), m.id});
  }
}

absl::StatusOr<MessagingSettings> MemoryTransaction::GetSettings() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return t_->settings.value_or(MessagingSettings{});
}

absl::Status MemoryTransaction::PutSettings(const MessagingSettings& s) {
  if (absl::Status st = CheckOpen(true); !st.ok()) return st;
  OnUndo([old = t_->settings](Tables& t) { t.settings = old; });
  t_->settings = s;
  return absl::OkStatus();
}

absl::StatusOr<TimerId> MemoryTransaction::InsertTimer(const Timer& t) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, t.appointment_id)) {
    return NotFound("appointment_id", t.appointment_id);
  }
  const TimerId id = t_->next_timer++;
  Timer& row = t_->timers[id] = t;
  row.id = id;
  t_->IndexTimer(row, true);
  OnUndo([id](Tables& t) {
    t.IndexTimer(t.timers.at(id), false);
    t.timers.erase(id);
    t.next_timer = id;
  });
  return id;
}

absl::Status MemoryTransaction::DeleteTimer(TimerId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->timers.find(id);
  if (it == t_->timers.end()) return NotFound("timer_id", id);
  t_->IndexTimer(it->second, false);
  OnUndo([old = std::move(it->second)](Tables& t) mutable {
    t.IndexTimer(old, true);
    t.timers.emplace(old.id, std::move(old));
  });
  t_->timers.erase(it);
  return absl::OkStatus();
}

absl::Status MemoryTransaction::DeleteTimerIds(
    const std::vector<TimerId>& ids) {
  for (TimerId id : ids) {
    if (absl::Status s = DeleteTimer(id); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status MemoryTransaction::DeleteAppointmentTimers(AppointmentId id,
                                                        TimerKind kind) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return absl::OkStatus();
  std::vector<TimerId> ids;
  for (TimerId timer : t_->appointments[id - 1].timer_ids) {
    if (t_->timers.at(timer).kind == kind) ids.push_back(timer);
  }
  return DeleteTimerIds(ids);
}

absl::Status MemoryTransaction::DeleteRuleTimers(TimerKind kind,
                                                 int64_t rule_id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  std::vector<TimerId> ids;
  for (const auto& [id, timer] : t_->timers) {
    if (timer.kind == kind && timer.rule_id == rule_id) ids.push_back(id);
  }
  return DeleteTimerIds(ids);
}

absl::StatusOr<std::vector<Timer>> MemoryTransaction::ListAppointmentTimers(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Timer> out;
  if (!Has(t_->appointments, id)) return out;
  for (TimerId timer : t_->appointments[id - 1].timer_ids) {
    out.push_back(t_->timers.at(timer));
  }
  std::sort(out.begin(), out.end(), [](const Timer& a, const Timer& b) {
    return std::pair(a.due, a.id) < std::pair(b.due, b.id);
  });
  return out;
}

absl::StatusOr<std::vector<Timer>> MemoryTransaction::ListDueTimers(
    Instant until, int limit) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Timer> out;
  for (auto it = t_->timers_by_due.begin();
       it != t_->timers_by_due.end() && it->first <= Secs(until) &&
       static_cast<int>(out.size()) < limit;
       ++it) {
    out.push_back(t_->timers.at(it->second));
  }
  return out;
}

absl::StatusOr<std::optional<Instant>> MemoryTransaction::NextTimerDue() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (t_->timers_by_due.empty()) return std::optional<Instant>();
  return std::optional<Instant>(At(t_->timers_by_due.begin()->first));
}

absl::StatusOr<int64_t> MemoryTransaction::CountTimers() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return static_cast<int64_t>(t_->timers.size());
}

absl::StatusOr<FiringId> MemoryTransaction::InsertFiring(const Firing& f) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, f.appointment_id)) {
    return NotFound("appointment_id", f.appointment_id);
  }
  const auto key = std::tuple(f.rule_id, f.appointment_id, f.occurrence);
  const FiringId id = static_cast<FiringId>(t_->firings.size()) + 1;
  if (!t_->firing_keys.try_emplace(key, id).second) {
    return storage_internal::FiringExists(f.rule_id, f.appointment_id,
                                          f.occurrence);
  }
  t_->firings.push_back(f);
  t_->firings.back().id = id;
  t_->firings_of.Link(t_->appointments[f.appointment_id - 1].newest_firing, id);
  OnUndo([key](Tables& t) {
    t.firings_of.UnlinkNewest(
        t.appointments[std::get<1>(key) - 1].newest_firing);
    t.firing_keys.erase(key);
    t.firings.pop_back();
  });
  return id;
}

absl::StatusOr<std::optional<Firing>> MemoryTransaction::FindFiring(
    RuleId rule, AppointmentId appointment, int64_t occurrence) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->firing_keys.find(std::tuple(rule, appointment, occurrence));
  if (it == t_->firing_keys.end()) return std::optional<Firing>();
  return std::optional<Firing>(t_->firings[it->second - 1]);
}

absl::StatusOr<std::vector<Firing>> MemoryTransaction::ListAppointmentFirings(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return std::vector<Firing>();
  std::vector<Firing> out = t_->firings_of.CopyOldestFirst(
      t_->appointments[id - 1].newest_firing, t_->firings);
  std::stable_sort(
      out.begin(), out.end(),
      [](const Firing& a, const Firing& b) { return a.at < b.at; });
  return out;
}

absl::StatusOr<MessageId> MemoryTransaction::InsertMessage(const Message& m) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, m.appointment_id)) {
    return NotFound("appointment_id", m.appointment_id);
  }
  // The appointment's customer exists: no other may be named.
  if (absl::Status s = storage_internal::CheckMessageCustomer(
          m, t_->appointments[m.appointment_id - 1].customer_id);
      !s.ok()) {
    return s;
  }
  const MessageId id = static_cast<MessageId>(t_->messages.size()) + 1;
  if (!t_->message_keys
           .try_emplace(std::tuple(m.rule_id, m.appointment_id, m.occurrence),
                        id)
           .second) {
    return storage_internal::MessageExists(m);
  }
  t_->messages.push_back(m);
  Message& row = t_->messages.back();
  row.id = id;
  t_->IndexMessage(row, true);
  t_->messages_of.Link(t_->appointments[m.appointment_id - 1].newest_message,
                       id);
  OnUndo([](Tables& t) {
    const Message& last = t.messages.back();
    t.messages_of.UnlinkNewest(
        t.appointments[last.appointment_id - 1].newest_message);
    t.IndexMessage(last, false);
    t.message_keys.erase(
        std::tuple(last.rule_id, last.appointment_id, last.occurrence));
    t.messages.pop_back();
  });
  return id;
}

absl::Status MemoryTransaction::UpdateMessage(const Message& m) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->messages, m.id)) return NotFound("message_id", m.id);
  Message& slot = t_->messages[m.id - 1];
  if (slot.idempotency_key != m.idempotency_key) {
    return absl::InvalidArgumentError(
        absl::StrCat("idempotency_key of message_id ", m.id, " cannot change"));
  }
  for (const auto& [field, same] :
       {std::pair{"rule_id", slot.rule_id == m.rule_id},
        {"occurrence", slot.occurrence == m.occurrence},
        {"appointment_id", slot.appointment_id == m.appointment_id},
        {"customer_id", slot.customer_id == m.customer_id}}) {
    if (!same) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, " of message_id ", m.id, " cannot change"));
    }
  }
  t_->IndexMessage(slot, false);
  OnUndo([old = slot](Tables& t) {
    Message& row = t.messages[old.id - 1];
    t.IndexMessage(row, false);
    row = old;
    t.IndexMessage(row, true);
  });
  slot = m;
  t_->IndexMessage(slot, true);
  return absl::OkStatus();
}

absl::StatusOr<Message> MemoryTransaction::GetMessage(MessageId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->messages, id)) return NotFound("message_id", id);
  return t_->messages[id - 1];
}

absl::StatusOr<std::vector<Message>> MemoryTransaction::ListSendableMessages(
    Instant until, int limit) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Message> out;
  for (auto it = t_->sendable.begin();
       it != t_->sendable.end() && it->first <= Secs(until) &&
       static_cast<int>(out.size()) < limit;
       ++it) {
    out.push_back(t_->messages[it->second - 1]);
  }
  return out;
}

absl::StatusOr<std::optional<Instant>> MemoryTransaction::NextMessageDue() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (t_->sendable.empty()) return std::optional<Instant>();
  return std::optional<Instant>(At(t_->sendable.begin()->first));
}

absl::StatusOr<std::vector<Message>> MemoryTransaction::ListAppointmentMessages(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return std::vector<Message>();
  return ByCreation(t_->messages_of.CopyOldestFirst(
      t_->appointments[id - 1].newest_message, t_->messages));
}

absl::StatusOr<std::vector<Message>> MemoryTransaction::ListCustomerMessages(
    CustomerId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Message> out;
  if (!Has(t_->customers, id)) return out;
  for (const auto& [start, appointment] : t_->by_customer[id - 1]) {
    std::vector<Message> theirs = t_->messages_of.CopyOldestFirst(
        t_->appointments[appointment - 1].newest_message, t_->messages);
    out.insert(out.end(), std::make_move_iterator(theirs.begin()),
               std::make_move_iterator(theirs.end()));
  }
  return ByCreation(std::move(out));
}

absl::StatusOr<int64_t> MemoryTransaction::CountMessages() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return static_cast<int64_t>(t_->messages.size());
}

}  // namespace appt::memory_internal
