// SqliteStore: pipelines, deals, their appointment links and history
// (schema version 8). See store.h for the contract.
#include "absl/strings/match.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {
namespace {

template <typename Enum>
bool InRange(int64_t v, Enum last) {
  return v >= 0 && v <= static_cast<int64_t>(last);
}

Refs BindDeal(Query& q, const Deal& d, std::vector<std::string>& scratch) {
  scratch = {EncodeFields(d.integration)};
  q.BindNewId(1, d.id);
  q.BindInt(2, d.pipeline_id);
  q.BindInt(3, d.stage_id);
  q.BindInt(4, d.customer_id);
  q.BindText(5, d.title);
  q.BindInt(6, d.amount.minor_units);
  q.BindText(7, d.amount.currency);
  q.BindInt(8, d.membership_id);
  q.BindText(9, d.external_id);
  q.BindText(10, scratch[0]);
  q.BindTime(11, d.opened_at);
  q.BindTime(12, d.stage_changed_at);
  q.BindOptionalTime(13, d.closed_at);
  return {{kPipelineExists, {"pipeline_id", d.pipeline_id}},
          {kCustomerExists, {"customer_id", d.customer_id}}};
}

absl::StatusOr<Deal> ReadDeal(const Query& q, absl::string_view path) {
  Deal d;
  d.id = q.Int(0);
  d.pipeline_id = q.Int(1);
  d.stage_id = q.Int(2);
  d.customer_id = q.Int(3);
  d.title = q.Text(4);
  d.amount = {q.Int(5), q.Text(6)};
  d.membership_id = q.Int(7);
  d.external_id = q.Text(8);
  if (!DecodeFields(q.Text(9), &d.integration)) {
    return Corrupt(path, "integration", "deal", d.id);
  }
  d.opened_at = q.Time(10);
  d.stage_changed_at = q.Time(11);
  d.closed_at = q.OptionalTime(12);
  return d;
}

Refs BindEntry(Query& q, const DealEntry& e,
               std::vector<std::string>& /*scratch*/) {
  q.BindNull(1);
  q.BindInt(2, e.deal_id);
  q.BindTime(3, e.at);
  q.BindInt(4, static_cast<int>(e.kind));
  q.BindInt(5, static_cast<int>(e.actor.kind));
  q.BindText(6, e.actor.id);
  q.BindInt(7, e.from_stage_id);
  q.BindText(8, e.from_stage);
  q.BindInt(9, e.to_stage_id);
  q.BindText(10, e.to_stage);
  q.BindInt(11, e.appointment_id);
  q.BindText(12, e.text);
  return {{kDealExists, {"deal_id", e.deal_id}}};
}

absl::StatusOr<DealEntry> ReadEntry(const Query& q, absl::string_view path) {
  DealEntry e;
  e.id = q.Int(0);
  e.deal_id = q.Int(1);
  e.at = q.Time(2);
  if (!InRange(q.Int(3), DealEntryKind::kNote)) {
    return Corrupt(path, "kind", "deal entry", e.id);
  }
  e.kind = static_cast<DealEntryKind>(q.Int(3));
  if (!InRange(q.Int(4), Actor::Kind::kSystem)) {
    return Corrupt(path, "actor_kind", "deal entry", e.id);
  }
  e.actor = {static_cast<Actor::Kind>(q.Int(4)), q.Text(5)};
  e.from_stage_id = q.Int(6);
  e.from_stage = q.Text(7);
  e.to_stage_id = q.Int(8);
  e.to_stage = q.Text(9);
  e.appointment_id = q.Int(10);
  e.text = q.Text(11);
  return e;
}

}  // namespace

absl::Status SqliteTransaction::ReadPipelineParts(Pipeline* p) {
  {
    Query q = store_->Use(kListPipelineStages);
    q.BindInt(1, p->id);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      if (!InRange(q.Int(2), StageKind::kLost)) {
        return Corrupt(store_->path(), "kind", "stage", q.Int(0));
      }
      p->stages.push_back(
          {q.Int(0), q.Text(1), static_cast<StageKind>(q.Int(2))});
    }
    if (rc != SQLITE_DONE) return store_->Error(rc, "reading stages");
  }
  Query q = store_->Use(kListPipelineRules);
  q.BindInt(1, p->id);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    if (!InRange(q.Int(1), StageTrigger::kTimed) ||
        !InRange(q.Int(2), StageCondition::kNoneBooked)) {
      return Corrupt(store_->path(), "trigger", "stage rule", q.Int(0));
    }
    p->rules.push_back({q.Int(0), static_cast<StageTrigger>(q.Int(1)),
                        static_cast<StageCondition>(q.Int(2)),
                        Duration(q.Int(3)), q.Text(4)});
  }
  if (rc != SQLITE_DONE) return store_->Error(rc, "reading stage rules");
  return absl::OkStatus();
}

absl::StatusOr<Pipeline> SqliteTransaction::WritePipeline(bool insert,
                                                          const Pipeline& p) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  PipelineId id = p.id;
  {
    Query q = store_->Use(insert ? kInsertPipeline : kUpdatePipeline);
    const std::string services = EncodeIds(p.service_ids);
    if (insert) {
      q.BindNull(1);
    } else {
      q.BindInt(1, p.id);
    }
    q.BindText(2, p.name);
    q.BindInt(3, static_cast<int>(p.opens_deals));
    q.BindText(4, services);
    q.BindText(5, p.external_id);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "writing pipeline");
    }
  }
  if (insert) {
    id = sqlite3_last_insert_rowid(store_->db());
  } else if (sqlite3_changes(store_->db()) == 0) {
    return NotFound("pipeline_id", p.id);
  }
  return WholeOrRefused(ReplacePipelineParts(id, p));
}

absl::StatusOr<Pipeline> SqliteTransaction::ReplacePipelineParts(
    PipelineId id, const Pipeline& p) {
  APPT_RETURN_IF_ERROR(
      RunWithId(kDeletePipelineStages, id, "replacing stages"));
  APPT_RETURN_IF_ERROR(
      RunWithId(kDeletePipelineRules, id, "replacing stage rules"));
  for (size_t i = 0; i < p.stages.size(); ++i) {
    const Stage& s = p.stages[i];
    Query q = store_->Use(kInsertStage);
    q.BindNewId(1, s.id);
    q.BindInt(2, id);
    q.BindInt(3, static_cast<int64_t>(i));
    q.BindText(4, s.name);
    q.BindInt(5, static_cast<int>(s.kind));
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, absl::StrCat("writing stage \"", s.name, "\""));
    }
  }
  for (size_t i = 0; i < p.rules.size(); ++i) {
    const StageRule& r = p.rules[i];
    Query q = store_->Use(kInsertStageRule);
    q.BindInt(1, id);
    q.BindInt(2, static_cast<int64_t>(i));
    q.BindInt(3, static_cast<int>(r.trigger));
    q.BindInt(4, static_cast<int>(r.condition));
    q.BindInt(5, r.offset.count());
    q.BindText(6, r.stage);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "writing stage rule");
    }
  }
  Pipeline out{id, p.name, p.opens_deals, p.service_ids, {}, {}, p.external_id};
  APPT_RETURN_IF_ERROR(ReadPipelineParts(&out));
  return out;
}

absl::StatusOr<Pipeline> SqliteTransaction::InsertPipeline(const Pipeline& p) {
  return WritePipeline(true, p);
}

absl::StatusOr<Pipeline> SqliteTransaction::UpdatePipeline(const Pipeline& p) {
  return WritePipeline(false, p);
}

absl::Status SqliteTransaction::DeletePipeline(PipelineId id) {
  APPT_RETURN_IF_ERROR(RunWithId(kDeletePipelineStages, id, "deleting stages"));
  APPT_RETURN_IF_ERROR(WholeOrRefused(
      RunWithId(kDeletePipelineRules, id, "deleting stage rules")));
  APPT_RETURN_IF_ERROR(
      WholeOrRefused(RunWithId(kDeletePipeline, id, "deleting pipeline")));
  if (sqlite3_changes(store_->db()) == 0) return NotFound("pipeline_id", id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Pipeline>> SqliteTransaction::ListPipelines() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  std::vector<Pipeline> out;
  {
    Query q = store_->Use(kListPipelines);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      Pipeline p;
      p.id = q.Int(0);
      p.name = q.Text(1);
      if (!InRange(q.Int(2), DealSource::kMemberships) ||
          !DecodeIds(q.Text(3), &p.service_ids)) {
        return Corrupt(store_->path(), "opens_deals", "pipeline", p.id);
      }
      p.opens_deals = static_cast<DealSource>(q.Int(2));
      p.external_id = q.Text(4);
      out.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return store_->Error(rc, "listing pipelines");
  }
  for (Pipeline& p : out) APPT_RETURN_IF_ERROR(ReadPipelineParts(&p));
  return out;
}

absl::StatusOr<DealId> SqliteTransaction::InsertDeal(const Deal& d) {
  Deal row = d;
  row.id = 0;
  auto id = Insert(row, kInsertDeal, &BindDeal, "inserting deal");
  if (!id.ok() && absl::IsFailedPrecondition(id.status()) &&
      absl::StrContains(id.status().message(), "UNIQUE constraint failed")) {
    return absl::AlreadyExistsError(
        absl::StrCat("membership_id ", d.membership_id, " already has a deal"));
  }
  return id;
}

absl::Status SqliteTransaction::UpdateDeal(const Deal& d) {
  return Update(d, kUpdateDeal, &BindDeal, "deal_id");
}

absl::Status SqliteTransaction::ReadDealLinks(Deal* d) {
  Query q = store_->Use(kListDealAppointments);
  q.BindInt(1, d->id);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) d->appointment_ids.push_back(q.Int(0));
  if (rc != SQLITE_DONE) return store_->Error(rc, "reading deal appointments");
  return absl::OkStatus();
}

absl::StatusOr<Deal> SqliteTransaction::GetDeal(DealId id) {
  auto d = Get<Deal>(id, kGetDeal, &ReadDeal, "deal_id");
  if (!d.ok()) return d;
  APPT_RETURN_IF_ERROR(ReadDealLinks(&*d));
  return d;
}

absl::StatusOr<std::vector<Deal>> SqliteTransaction::ListDeals(
    const DealQuery& query) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  std::vector<Deal> out;
  {
    const Stmt s = query.customer_id != 0   ? kListCustomerDeals
                   : query.pipeline_id == 0 ? kListAllDeals
                   : query.stage_id != 0    ? kListStageDeals
                                            : kListPipelineDeals;
    Query q = store_->Use(s);
    q.BindInt(1,
              query.customer_id != 0 ? query.customer_id : query.pipeline_id);
    if (s == kListStageDeals) q.BindInt(2, query.stage_id);
    int rc;
    while (static_cast<int>(out.size()) < query.limit &&
           (rc = q.Step()) == SQLITE_ROW) {
      auto d = ReadDeal(q, store_->path());
      if (!d.ok()) return d.status();
      if ((query.pipeline_id != 0 && d->pipeline_id != query.pipeline_id) ||
          (query.stage_id != 0 && d->stage_id != query.stage_id) ||
          (query.open_only && d->closed_at.has_value())) {
        continue;
      }
      out.push_back(*std::move(d));
    }
    if (static_cast<int>(out.size()) < query.limit && rc != SQLITE_DONE) {
      return store_->Error(rc, "listing deals");
    }
  }
  for (Deal& d : out) APPT_RETURN_IF_ERROR(ReadDealLinks(&d));
  return out;
}

absl::StatusOr<std::vector<DealBoardColumn>>
SqliteTransaction::CountDealsByStage(PipelineId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kCountDealsByStage);
  q.BindInt(1, id);
  std::vector<DealBoardColumn> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    DealBoardColumn c;
    c.stage_id = q.Int(0);
    c.deals = q.Int(1);
    c.amount_minor_units = q.Int(2);
    out.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return store_->Error(rc, "counting deals");
  return out;
}

absl::Status SqliteTransaction::LinkDealAppointment(DealId deal,
                                                    AppointmentId appointment) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  auto existing = FindAppointmentDeal(appointment);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    return absl::AlreadyExistsError(absl::StrCat("appointment_id ", appointment,
                                                 " already belongs to deal_id ",
                                                 **existing));
  }
  int rc;
  {
    Query q = store_->Use(kInsertDealLink);
    q.BindInt(1, appointment);
    q.BindInt(2, deal);
    rc = q.Step();
  }
  if (rc == SQLITE_DONE) return absl::OkStatus();
  absl::Status error = store_->Error(rc, "linking an appointment to a deal");
  if (rc != SQLITE_CONSTRAINT_FOREIGNKEY) return error;
  return MissingReference(
      Refs{{kDealExists, {"deal_id", deal}},
           {kAppointmentExists, {"appointment_id", appointment}}},
      error);
}

absl::StatusOr<std::optional<DealId>> SqliteTransaction::FindAppointmentDeal(
    AppointmentId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kFindAppointmentDeal);
  q.BindInt(1, id);
  return ScalarOf(q, "finding an appointment's deal");
}

absl::StatusOr<std::optional<DealId>> SqliteTransaction::FindMembershipDeal(
    MembershipId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kFindMembershipDeal);
  q.BindInt(1, id);
  return ScalarOf(q, "finding a membership's deal");
}

absl::StatusOr<DealEntryId> SqliteTransaction::AppendDealEntry(
    const DealEntry& e) {
  return Insert(e, kInsertDealEntry, &BindEntry, "appending deal entry");
}

absl::StatusOr<std::vector<DealEntry>> SqliteTransaction::ListDealEntries(
    DealId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListDealEntries);
  q.BindInt(1, id);
  return Collect<DealEntry>(q, &ReadEntry);
}

}  // namespace appt::sqlite_internal
