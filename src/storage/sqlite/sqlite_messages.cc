// SqliteStore: the outbox's messages and timeline entries, which share one
// id sequence with firings (schema versions 12 and 13). See store.h for
// the contract.
#include <algorithm>
#include <tuple>
#include <utility>

#include "storage/outbox_contract.h"
#include "storage/sqlite/sqlite_internal.h"

namespace appt::sqlite_internal {

namespace {

// A message row about to be written as message `id`, keeping its firing
// when `fired_at` is set and, then, the timeline entry `kept` when set.
struct NewMessage {
  const Message& message;
  int64_t id;
  std::optional<Instant> fired_at;
  const TimelineEntry* kept = nullptr;
};

Refs BindNewMessage(Query& q, const NewMessage& n,
                    std::vector<std::string>& scratch) {
  Refs refs = BindMessage(q, n.message, scratch);
  q.BindInt(1, n.id);
  q.BindOptionalTime(22, n.fired_at);
  if (n.kept != nullptr) {
    q.BindInt(23, static_cast<int>(n.kept->actor.kind));
    q.BindText(24, n.kept->actor.id);
    q.BindText(25, n.kept->kind);
    q.BindText(26, n.kept->details);
  }
  return refs;
}

}  // namespace

absl::StatusOr<int64_t> SqliteTransaction::AppendTimeline(TimelineEntry e) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  auto id = NextLogId();
  if (!id.ok()) return id;
  e.id = *id;
  auto inserted =
      Insert(e, kInsertTimeline, &BindTimeline, "appending to timeline");
  if (!inserted.ok()) return inserted;
  ++*next_log_id_;
  return Indexed(inserted,
                 {IndexedKind::kTimelineEntry, e.appointment_id, Secs(e.at)});
}

absl::StatusOr<std::vector<TimelineEntry>> SqliteTransaction::ListTimeline(
    AppointmentId id) {
  // Listed rows first, then entries kept in messages; newest first.
  return ListSorted<TimelineEntry>(
      kListTimeline, id, &ReadTimeline,
      [](const TimelineEntry& a, const TimelineEntry& b) {
        return std::tie(a.at, a.id) > std::tie(b.at, b.id);
      });
}

absl::StatusOr<MessageId> SqliteTransaction::NewMessageId(const Message& m) {
  APPT_RETURN_IF_ERROR(CheckOpen(true));
  // The appointment's customer (ListCustomerMessages finds a message
  // through its appointment), checked before the row is written: the row
  // run-due has just read, else the file's.
  CustomerId customer = 0;
  if (last_appointment_ && last_appointment_->id == m.appointment_id &&
      !sqlite3_get_autocommit(store_->db())) {
    customer = last_appointment_->customer_id;
  } else {
    Query q = store_->Use(kMessageCustomer);
    q.BindInt(1, m.appointment_id);
    const int rc = q.Step();
    if (rc == SQLITE_DONE) return NotFound("appointment_id", m.appointment_id);
    if (rc != SQLITE_ROW) return store_->Error(rc, "inserting message");
    customer = q.Int(0);
  }
  APPT_RETURN_IF_ERROR(storage_internal::CheckMessageCustomer(m, customer));
  return NextLogId();
}

absl::StatusOr<std::optional<int64_t>> SqliteTransaction::FindKey(
    Stmt s, const Message& m) {
  Query q = store_->Use(s);
  q.BindInt(1, m.rule_id);
  q.BindInt(2, m.appointment_id);
  q.BindInt(3, m.occurrence);
  return ScalarOf(q, "reading a message key");
}

absl::StatusOr<MessageId> SqliteTransaction::InsertMessage(const Message& m) {
  auto id = NewMessageId(m);
  if (!id.ok()) return id;
  // Its (rule, occurrence) is unique among message keys and the firing
  // keys of messages keeping their firing (kSchemaV13).
  auto kept = FindKey(kFindFiring, m);
  if (!kept.ok()) return kept.status();
  if (kept->value_or(0) < 0) return storage_internal::MessageExists(m);
  auto written = Insert(NewMessage{m, *id, std::nullopt}, kInsertMessage,
                        &BindNewMessage, "inserting message");
  if (!written.ok()) return written;
  ++*next_log_id_;
  // A taken message key deletes the row again (and gives the id back), so
  // a refusal changes nothing.
  written = IndexedIfFree(
      written,
      {IndexedKind::kMessage, m.appointment_id, m.rule_id, m.occurrence},
      kDeleteMessage, [&m] { return storage_internal::MessageExists(m); });
  if (absl::IsAlreadyExists(written.status())) --*next_log_id_;
  return written;
}

absl::StatusOr<MessageId> SqliteTransaction::InsertFiredMessage(
    const Message& m, Instant fired_at,
    absl::FunctionRef<TimelineEntry(MessageId)> note) {
  auto id = NewMessageId(m);
  if (!id.ok()) return id;
  // Its firing key is its only entry (kSchemaV13), so its message key is
  // looked for first; a taken firing key is refused below.
  auto message = FindKey(kFindMessageKey, m);
  if (!message.ok()) return message.status();
  if (message->has_value()) return storage_internal::MessageExists(m);
  TimelineEntry entry = note(*id);
  // The row keeps the entry when the entry is of the message's appointment
  // and at the firing's instant; else the entry is a timeline row.
  const bool keeps_entry =
      entry.appointment_id == m.appointment_id && entry.at == fired_at;
  auto written =
      Insert(NewMessage{m, *id, fired_at, keeps_entry ? &entry : nullptr},
             kInsertMessage, &BindNewMessage, "inserting message");
  if (!written.ok()) return written;
  ++*next_log_id_;
  // The firing key names the message by its id negated. A taken one
  // deletes the row again (and gives the id back).
  written = IndexedIfFree(
      written,
      {IndexedKind::kFiring, m.appointment_id, m.rule_id, m.occurrence, -*id},
      kDeleteMessage, [&m] {
        return storage_internal::FiringExists(m.rule_id, m.appointment_id,
                                              m.occurrence);
      });
  if (absl::IsAlreadyExists(written.status())) --*next_log_id_;
  if (!written.ok() || keeps_entry) return written;
  auto appended = AppendTimeline(std::move(entry));
  if (!appended.ok()) return WholeOrRefused(appended.status());
  return written;
}

absl::Status SqliteTransaction::UpdateMessage(const Message& m) {
  APPT_RETURN_IF_ERROR(
      Write(m, kUpdateMessage, &BindMessage, "updating message"));
  if (sqlite3_changes(store_->db()) == 0) {
    auto existing = GetMessage(m.id);
    if (!existing.ok()) return existing.status();
    const char* field =
        existing->idempotency_key != m.idempotency_key ? "idempotency_key"
        : existing->rule_id != m.rule_id               ? "rule_id"
        : existing->occurrence != m.occurrence         ? "occurrence"
        : existing->appointment_id != m.appointment_id ? "appointment_id"
                                                       : "customer_id";
    return absl::InvalidArgumentError(
        absl::StrCat(field, " of message_id ", m.id, " cannot change"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Message> SqliteTransaction::GetMessage(MessageId id) {
  return Get<Message>(id, kGetMessage, &ReadMessage, "message_id");
}

absl::StatusOr<std::vector<Message>> SqliteTransaction::ListSendableMessages(
    Instant until, int limit) {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kListSendableMessages);
  q.BindTime(1, until);
  q.BindInt(2, limit);
  return Collect<Message>(q, &ReadMessage);
}

absl::StatusOr<std::optional<Instant>> SqliteTransaction::NextMessageDue() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kNextMessageDue);
  auto v = ScalarOf(q, "reading the next message");
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<Instant>();
  return std::optional<Instant>(At(**v));
}

absl::StatusOr<std::vector<Message>> SqliteTransaction::ListAppointmentMessages(
    AppointmentId id) {
  return ListSorted<Message>(kListAppointmentMessages, id, &ReadMessage,
                             &storage_internal::CreatedBefore);
}

absl::StatusOr<std::vector<Message>> SqliteTransaction::ListCustomerMessages(
    CustomerId id) {
  return ListSorted<Message>(kListCustomerMessages, id, &ReadMessage,
                             &storage_internal::CreatedBefore);
}

absl::StatusOr<int64_t> SqliteTransaction::CountMessages() {
  APPT_RETURN_IF_ERROR(CheckOpen(false));
  Query q = store_->Use(kCountMessages);
  auto v = ScalarOf(q, "counting messages");
  if (!v.ok()) return v.status();
  return v->value_or(0);
}

}  // namespace appt::sqlite_internal
