// MemoryStore: pipelines, deals, their appointment links and history.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {
namespace {

// Gives ids to new stages and every rule, from the tables' counters.
Pipeline Numbered(Tables& t, Pipeline p) {
  for (Stage& s : p.stages) {
    if (s.id == 0) s.id = t.next_stage++;
    t.next_stage = std::max(t.next_stage, s.id + 1);
  }
  for (StageRule& r : p.rules) r.id = t.next_stage_rule++;
  return p;
}

bool Matches(const Deal& d, const DealQuery& q) {
  return (q.pipeline_id == 0 || d.pipeline_id == q.pipeline_id) &&
         (q.stage_id == 0 || d.stage_id == q.stage_id) &&
         (q.customer_id == 0 || d.customer_id == q.customer_id) &&
         (!q.open_only || !d.closed_at.has_value());
}

}  // namespace

absl::StatusOr<Pipeline> MemoryTransaction::InsertPipeline(const Pipeline& p) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  const PipelineId id = t_->next_pipeline++;
  const StageId stage = t_->next_stage;
  const StageRuleId rule = t_->next_stage_rule;
  Pipeline row = Numbered(*t_, p);
  row.id = id;
  t_->pipelines[id] = row;
  OnUndo([id, stage, rule](Tables& t) {
    t.pipelines.erase(id);
    t.next_pipeline = id;
    t.next_stage = stage;
    t.next_stage_rule = rule;
  });
  return row;
}

absl::StatusOr<Pipeline> MemoryTransaction::UpdatePipeline(const Pipeline& p) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->pipelines.find(p.id);
  if (it == t_->pipelines.end()) return NotFound("pipeline_id", p.id);
  OnUndo([old = it->second, stage = t_->next_stage,
          rule = t_->next_stage_rule](Tables& t) {
    t.pipelines[old.id] = old;
    t.next_stage = stage;
    t.next_stage_rule = rule;
  });
  it->second = Numbered(*t_, p);
  return it->second;
}

absl::Status MemoryTransaction::DeletePipeline(PipelineId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->pipelines.find(id);
  if (it == t_->pipelines.end()) return NotFound("pipeline_id", id);
  OnUndo([old = it->second](Tables& t) { t.pipelines[old.id] = old; });
  t_->pipelines.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Pipeline>> MemoryTransaction::ListPipelines() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Pipeline> out;
  for (const auto& [id, p] : t_->pipelines) out.push_back(p);
  return out;
}

absl::StatusOr<DealId> MemoryTransaction::InsertDeal(const Deal& d) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->customers, d.customer_id)) {
    return NotFound("customer_id", d.customer_id);
  }
  if (!t_->pipelines.contains(d.pipeline_id)) {
    return NotFound("pipeline_id", d.pipeline_id);
  }
  const DealId id = static_cast<DealId>(t_->deals.size()) + 1;
  if (d.membership_id != 0 &&
      !t_->deal_of_membership.emplace(d.membership_id, id).second) {
    return absl::AlreadyExistsError(
        absl::StrCat("membership_id ", d.membership_id, " already has a deal"));
  }
  Deal row = d;
  row.id = id;
  row.appointment_ids.clear();
  t_->deals.push_back(std::move(row));
  t_->deals_by_pipeline.insert({d.pipeline_id, id});
  t_->deals_by_customer.insert({d.customer_id, id});
  OnUndo([d, id](Tables& t) {
    t.deals.pop_back();
    t.deals_by_pipeline.erase({d.pipeline_id, id});
    t.deals_by_customer.erase({d.customer_id, id});
    if (d.membership_id != 0) t.deal_of_membership.erase(d.membership_id);
  });
  return id;
}

absl::Status MemoryTransaction::UpdateDeal(const Deal& d) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->deals, d.id)) return NotFound("deal_id", d.id);
  Deal& row = t_->deals[d.id - 1];
  OnUndo([old = row](Tables& t) { t.deals[old.id - 1] = old; });
  // Pipeline, customer, membership and links are fixed here, as in SQLite.
  Deal next = d;
  next.pipeline_id = row.pipeline_id;
  next.customer_id = row.customer_id;
  next.membership_id = row.membership_id;
  next.opened_at = row.opened_at;
  next.appointment_ids = std::move(row.appointment_ids);
  row = std::move(next);
  return absl::OkStatus();
}

absl::StatusOr<Deal> MemoryTransaction::GetDeal(DealId id) {
  return Get(t_->deals, id, "deal_id");
}

absl::StatusOr<std::vector<Deal>> MemoryTransaction::ListDeals(
    const DealQuery& q) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Deal> out;
  auto take = [&](DealId id) {
    const Deal& d = t_->deals[id - 1];
    if (Matches(d, q)) out.push_back(d);
    return static_cast<int>(out.size()) < q.limit;
  };
  const auto* index = q.customer_id != 0   ? &t_->deals_by_customer
                      : q.pipeline_id != 0 ? &t_->deals_by_pipeline
                                           : nullptr;
  if (index == nullptr) {
    for (const Deal& d : t_->deals) {
      if (!take(d.id)) break;
    }
    return out;
  }
  const int64_t owner = q.customer_id != 0 ? q.customer_id : q.pipeline_id;
  for (auto it = index->lower_bound({owner, 0});
       it != index->end() && it->first == owner; ++it) {
    if (!take(it->second)) break;
  }
  return out;
}

absl::StatusOr<std::vector<DealBoardColumn>>
MemoryTransaction::CountDealsByStage(PipelineId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::map<StageId, DealBoardColumn> by_stage;
  for (auto it = t_->deals_by_pipeline.lower_bound({id, 0});
       it != t_->deals_by_pipeline.end() && it->first == id; ++it) {
    const Deal& d = t_->deals[it->second - 1];
    DealBoardColumn& c = by_stage[d.stage_id];
    c.stage_id = d.stage_id;
    ++c.deals;
    c.amount_minor_units += d.amount.minor_units;
  }
  std::vector<DealBoardColumn> out;
  for (auto& [stage, column] : by_stage) out.push_back(std::move(column));
  return out;
}

absl::Status MemoryTransaction::LinkDealAppointment(DealId deal,
                                                    AppointmentId appointment) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->deals, deal)) return NotFound("deal_id", deal);
  if (!Has(t_->appointments, appointment)) {
    return NotFound("appointment_id", appointment);
  }
  auto [it, added] = t_->deal_of_appointment.emplace(appointment, deal);
  if (!added) {
    return absl::AlreadyExistsError(absl::StrCat("appointment_id ", appointment,
                                                 " already belongs to deal_id ",
                                                 it->second));
  }
  std::vector<AppointmentId>& links = t_->deals[deal - 1].appointment_ids;
  links.insert(std::upper_bound(links.begin(), links.end(), appointment),
               appointment);
  OnUndo([deal, appointment](Tables& t) {
    t.deal_of_appointment.erase(appointment);
    std::vector<AppointmentId>& links = t.deals[deal - 1].appointment_ids;
    links.erase(std::find(links.begin(), links.end(), appointment));
  });
  return absl::OkStatus();
}

absl::StatusOr<std::optional<DealId>> MemoryTransaction::FindAppointmentDeal(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->deal_of_appointment.find(id);
  if (it == t_->deal_of_appointment.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<DealId>> MemoryTransaction::FindMembershipDeal(
    MembershipId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->deal_of_membership.find(id);
  if (it == t_->deal_of_membership.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<DealEntryId> MemoryTransaction::AppendDealEntry(
    const DealEntry& e) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->deals, e.deal_id)) return NotFound("deal_id", e.deal_id);
  const DealEntryId id = static_cast<DealEntryId>(t_->deal_entries.size()) + 1;
  t_->deal_entries.push_back(e);
  t_->deal_entries.back().id = id;
  const Key key{e.deal_id, Secs(e.at), id};
  t_->deal_entries_by_time.insert(key);
  OnUndo([key](Tables& t) {
    t.deal_entries_by_time.erase(key);
    t.deal_entries.pop_back();
  });
  return id;
}

absl::StatusOr<std::vector<DealEntry>> MemoryTransaction::ListDealEntries(
    DealId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return NewestFirst(t_->deal_entries_by_time, id, t_->deal_entries);
}

}  // namespace appt::memory_internal
