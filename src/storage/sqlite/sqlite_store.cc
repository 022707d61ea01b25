// SqliteStore: opening a file, beginning transactions, and the message
// rules' templates. The classes are in sqlite_internal.h; the messaging
// tables' methods in sqlite_outbox.cc.
#include <sqlite3.h>
#include <sys/stat.h>

#include "storage/sqlite/sqlite_internal.h"
#include "storage/sqlite/wal_frame_vfs.h"

namespace appt {
namespace sqlite_internal {

absl::StatusOr<std::unique_ptr<StoreTransaction>> SqliteStore::Begin(Mode m) {
  if (in_transaction_) {
    return absl::FailedPreconditionError(
        absl::StrCat("a transaction is already open on sqlite store ", path_));
  }
  {
    Query q = Use(m == Mode::kWrite ? kBeginImmediate : kBegin);
    if (int rc = q.Step(); rc != SQLITE_DONE) return Error(rc, "begin");
  }
  in_transaction_ = true;
  return std::make_unique<SqliteTransaction>(this, m);
}

absl::StatusOr<RuleId> SqliteTransaction::InsertRule(const MessageRule& r) {
  auto id = Insert(r, kInsertRule, &BindRule, "inserting message rule");
  if (!id.ok()) return id;
  APPT_RETURN_IF_ERROR(WholeOrRefused(WriteTemplates(*id, r.templates)));
  return id;
}

absl::Status SqliteTransaction::UpdateRule(const MessageRule& r) {
  APPT_RETURN_IF_ERROR(Update(r, kUpdateRule, &BindRule, "rule_id"));
  return WholeOrRefused(WriteTemplates(r.id, r.templates));
}

absl::Status SqliteTransaction::DeleteRule(RuleId id) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  Query q = store_->Use(kDeleteRule);
  q.BindInt(1, id);
  if (int rc = q.Step(); rc != SQLITE_DONE) {
    return store_->Error(rc, "deleting message rule");
  }
  if (sqlite3_changes(store_->db()) == 0) return NotFound("rule_id", id);
  return absl::OkStatus();
}

absl::StatusOr<MessageRule> SqliteTransaction::GetRule(RuleId id) {
  auto rule = Get<MessageRule>(id, kGetRule, &ReadRule, "rule_id");
  if (!rule.ok()) return rule;
  APPT_RETURN_IF_ERROR(ReadTemplates(&*rule));
  return rule;
}

absl::StatusOr<std::vector<MessageRule>> SqliteTransaction::ListRules() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  absl::StatusOr<std::vector<MessageRule>> rules;
  {
    Query q = store_->Use(kListRules);
    rules = Collect<MessageRule>(q, &ReadRule);
  }
  if (!rules.ok()) return rules;
  for (MessageRule& r : *rules) APPT_RETURN_IF_ERROR(ReadTemplates(&r));
  return rules;
}

absl::Status SqliteTransaction::WriteTemplates(
    RuleId id, const std::vector<MessageTemplate>& templates) {
  {
    Query q = store_->Use(kDeleteRuleTemplates);
    q.BindInt(1, id);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "replacing message templates");
    }
  }
  for (size_t i = 0; i < templates.size(); ++i) {
    const MessageTemplate& t = templates[i];
    Query q = store_->Use(kInsertRuleTemplate);
    q.BindInt(1, id);
    q.BindInt(2, static_cast<int64_t>(i));
    q.BindInt(3, static_cast<int>(t.channel));
    q.BindText(4, t.locale);
    q.BindText(5, t.subject);
    q.BindText(6, t.body);
    if (int rc = q.Step(); rc != SQLITE_DONE) {
      return store_->Error(rc, "writing message template");
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteTransaction::ReadTemplates(MessageRule* rule) {
  Query q = store_->Use(kListRuleTemplates);
  q.BindInt(1, rule->id);
  rule->templates.clear();
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    const int64_t channel = q.Int(0);
    if (channel < 0 || channel > static_cast<int>(Channel::kWhatsapp)) {
      return absl::DataLossError(
          absl::StrCat("corrupt channel of a template of message rule ",
                       rule->id, " in ", store_->path()));
    }
    rule->templates.push_back(
        {static_cast<Channel>(channel), q.Text(1), q.Text(2), q.Text(3)});
  }
  if (rc != SQLITE_DONE) return store_->Error(rc, "reading templates");
  return absl::OkStatus();
}

SqliteStore::~SqliteStore() {
  checkpointer_.reset();  // joins its thread before db_ goes
  for (sqlite3_stmt* s : stmts_) sqlite3_finalize(s);
  sqlite3_close_v2(db_);
}

void SqliteStore::CheckpointInBackground() {
  checkpointer_ = std::make_unique<Checkpointer>(path_);
  checkpointer_->Attach(db_);
}

}  // namespace sqlite_internal

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, const SqliteOptions& options) {
  const bool in_memory = path.empty() || path == ":memory:";
  struct stat info;
  if (!options.create_if_missing && !in_memory &&
      stat(path.c_str(), &info) != 0) {
    return absl::NotFoundError(
        absl::StrCat("sqlite store ", path, " does not exist"));
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags,
                                 sqlite_internal::WalFrameVfsName());
  // The store owns `db` from here on, even when opening failed.
  auto store = std::make_unique<sqlite_internal::SqliteStore>(db, path);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_CANTOPEN && !options.create_if_missing) {
      return absl::NotFoundError(absl::StrCat(
          "sqlite store ", path, " cannot be opened: ", sqlite3_errmsg(db)));
    }
    return sqlite_internal::SqliteError(db, rc, "open", path);
  }
  sqlite3_extended_result_codes(db, 1);
  if (absl::Status s = sqlite_internal::ApplyPragmas(db, options, path);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = sqlite_internal::Migrate(db, path); !s.ok()) return s;
  if (absl::Status s = store->PrepareAll(); !s.ok()) return s;
  // At FULL every commit already waits for a sync of the log; measured,
  // the thread's syncs of the database then slow those down (Book 330-350
  // us without it, 440-500 with it), so FULL keeps SQLite's checkpoints.
  if (!in_memory && options.durability == Durability::kNormal) {
    store->CheckpointInBackground();
  }
  return store;
}

}  // namespace appt
