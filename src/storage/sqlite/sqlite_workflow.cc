// SqliteStore: status chains, workflow settings and status history (schema
// version 5). See store.h for the contract.
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {
namespace {

absl::Status CorruptWorkflow(absl::string_view path, absl::string_view field,
                             int64_t id) {
  return absl::DataLossError(
      absl::StrCat("corrupt ", field, " of status ", id, " in ", path));
}

absl::StatusOr<Status> ReadStatus(const Query& q, absl::string_view path) {
  Status s;
  s.id = q.Int(0);
  s.name = q.Text(2);
  s.description = q.Text(3);
  s.position = static_cast<int>(q.Int(4));
  s.colour = q.Text(5);
  const int64_t marker = q.Int(6);
  if (marker < 0 || marker > static_cast<int>(StatusMarker::kCancellation)) {
    return CorruptWorkflow(path, "marker", s.id);
  }
  s.marker = static_cast<StatusMarker>(marker);
  s.holds_slot = q.Int(7) != 0;
  return s;
}

absl::StatusOr<StatusChange> ReadStatusChange(const Query& q,
                                              absl::string_view path) {
  StatusChange c;
  c.id = q.Int(0);
  c.appointment_id = q.Int(1);
  c.at = q.Time(2);
  const int64_t kind = q.Int(3);
  if (kind < 0 || kind > static_cast<int>(Actor::Kind::kSystem)) {
    return absl::DataLossError(absl::StrCat(
        "corrupt actor_kind of status change ", c.id, " in ", path));
  }
  c.actor = {static_cast<Actor::Kind>(kind), q.Text(4)};
  c.from_status_id = q.Int(5);
  c.from_status = q.Text(6);
  c.to_status_id = q.Int(7);
  c.to_status = q.Text(8);
  c.reason = q.Text(9);
  return c;
}

Refs BindStatusChange(Query& q, const StatusChange& c,
                      std::vector<std::string>& /*scratch*/) {
  q.BindNull(1);
  q.BindInt(2, c.appointment_id);
  q.BindTime(3, c.at);
  q.BindInt(4, static_cast<int>(c.actor.kind));
  q.BindText(5, c.actor.id);
  q.BindInt(6, c.from_status_id);
  q.BindText(7, c.from_status);
  q.BindInt(8, c.to_status_id);
  q.BindText(9, c.to_status);
  q.BindText(10, c.reason);
  return {{kAppointmentExists, {"appointment_id", c.appointment_id}}};
}

}  // namespace

absl::StatusOr<int64_t> SqliteTransaction::CountStatusAppointments(
    StatusId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kCountStatusAppointments);
  q.BindInt(1, id);
  auto n = ScalarOf(q, "counting appointments in a status");
  if (!n.ok()) return n.status();
  return n->value_or(0);
}

absl::StatusOr<StatusChain> SqliteTransaction::WriteStatuses(
    ChainId id, const StatusChain& c) {
  APPT_RETURN_IF_ERROR(
      RunWithId(kDeleteChainStatuses, id, "replacing statuses"));
  for (const Status& s : c.statuses) {
    Query q = store_->Use(kInsertStatus);
    if (s.id == 0) {
      q.BindNull(1);
    } else {
      q.BindInt(1, s.id);
    }
    q.BindInt(2, id);
    q.BindText(3, s.name);
    q.BindText(4, s.description);
    q.BindInt(5, s.position);
    q.BindText(6, s.colour);
    q.BindInt(7, static_cast<int>(s.marker));
    q.BindInt(8, s.holds_slot ? 1 : 0);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, absl::StrCat("writing status \"", s.name, "\""));
    }
  }
  StatusChain out;
  out.id = id;
  out.name = c.name;
  Query q = store_->Use(kListChainStatuses);
  q.BindInt(1, id);
  auto statuses = Collect<Status>(q, &ReadStatus);
  if (!statuses.ok()) return statuses.status();
  out.statuses = *std::move(statuses);
  return out;
}

absl::StatusOr<StatusChain> SqliteTransaction::InsertStatusChain(
    const StatusChain& c) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  {
    Query q = store_->Use(kInsertChain);
    q.BindNull(1);
    q.BindText(2, c.name);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "inserting status chain");
    }
  }
  return WholeOrRefused(
      WriteStatuses(sqlite3_last_insert_rowid(store_->db()), c));
}

absl::StatusOr<StatusChain> SqliteTransaction::UpdateStatusChain(
    const StatusChain& c) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  {
    Query q = store_->Use(kUpdateChain);
    q.BindInt(1, c.id);
    q.BindText(2, c.name);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "updating status chain");
    }
  }
  if (sqlite3_changes(store_->db()) == 0) return NotFound("chain_id", c.id);
  return WholeOrRefused(WriteStatuses(c.id, c));
}

absl::Status SqliteTransaction::DeleteStatusChain(ChainId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  APPT_RETURN_IF_ERROR(
      RunWithId(kDeleteChainStatuses, id, "deleting statuses"));
  APPT_RETURN_IF_ERROR(
      WholeOrRefused(RunWithId(kDeleteChain, id, "deleting status chain")));
  if (sqlite3_changes(store_->db()) == 0) return NotFound("chain_id", id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<StatusChain>> SqliteTransaction::ListStatusChains() {
  return SharedCopy<std::vector<StatusChain>>(
      kCachedStatusChains, [this] { return ReadStatusChains(); });
}

absl::StatusOr<WorkflowSettings> SqliteTransaction::GetWorkflowSettings() {
  return SharedCopy<WorkflowSettings>(
      kCachedWorkflowSettings, [this] { return ReadWorkflowSettings(); });
}

absl::StatusOr<std::vector<StatusChain>> SqliteTransaction::ReadStatusChains() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  std::vector<StatusChain> chains;
  {
    Query q = store_->Use(kListChains);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      chains.push_back(StatusChain{q.Int(0), q.Text(1), {}});
    }
    if (rc != SQLITE_DONE) return store_->Error(rc, "listing status chains");
  }
  for (StatusChain& c : chains) {
    Query q = store_->Use(kListChainStatuses);
    q.BindInt(1, c.id);
    auto statuses = Collect<Status>(q, &ReadStatus);
    if (!statuses.ok()) return statuses.status();
    c.statuses = *std::move(statuses);
  }
  return chains;
}

absl::StatusOr<WorkflowSettings> SqliteTransaction::ReadWorkflowSettings() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  WorkflowSettings s;
  {
    Query q = store_->Use(kGetWorkflowSettings);
    const int rc = q.Step();
    if (rc == SQLITE_ROW) {
      s.enabled = q.Int(0) != 0;
      s.default_chain_id = q.Int(1);
    } else if (rc != SQLITE_DONE) {
      return store_->Error(rc, "reading workflow settings");
    }
  }
  Query q = store_->Use(kListServiceChains);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    s.service_chains.push_back({q.Int(0), q.Int(1)});
  }
  if (rc != SQLITE_DONE) return store_->Error(rc, "reading service chains");
  return s;
}

absl::Status SqliteTransaction::PutWorkflowSettings(const WorkflowSettings& s) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  ForgetCatalog();
  {
    Query q = store_->Use(kPutWorkflowSettings);
    q.BindInt(1, s.enabled ? 1 : 0);
    q.BindInt(2, s.default_chain_id);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "writing workflow settings");
    }
  }
  APPT_RETURN_IF_ERROR(Run(kDeleteServiceChains, "replacing service chains"));
  for (const ServiceChain& sc : s.service_chains) {
    Query q = store_->Use(kInsertServiceChain);
    q.BindInt(1, sc.service_id);
    q.BindInt(2, sc.chain_id);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "writing service chains");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> SqliteTransaction::AppendStatusChange(
    const StatusChange& c) {
  return Indexed(Insert(c, kInsertStatusChange, &BindStatusChange,
                        "appending status change"),
                 {IndexedKind::kStatusChange, c.appointment_id, Secs(c.at)});
}

absl::StatusOr<std::vector<StatusChange>> SqliteTransaction::ListStatusHistory(
    AppointmentId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListStatusHistory);
  q.BindInt(1, id);
  return Collect<StatusChange>(q, &ReadStatusChange);
}

}  // namespace appt::sqlite_internal
