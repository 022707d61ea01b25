// The SQL of schema versions 9 onwards: each reshapes how rows are stored
// so that the hot writes (run-due, status changes) touch fewer B-tree
// pages. Listed with the others in sqlite_migrations.cc; append only.
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {

// Version 9: run-due writes fewer B-tree pages per firing (issue 4). A
// timer's id is its due second shifted left by kTimerSeqBits plus its
// order among the timers of that second, so the table itself is the due
// order: the due index and the random-order rowid page a firing used to
// delete from are gone. Rule edits find their timers by scanning (they
// already replan every upcoming visit); firings are unique and listed by
// appointment through one index instead of two. 24 is kTimerSeqBits.
const char kSchemaV9[] = R"sql(
CREATE TABLE timers_v9 (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  nominal_due INTEGER NOT NULL,
  due INTEGER NOT NULL,
  CHECK ((id >> 24) = due)
);
INSERT INTO timers_v9
  SELECT (due << 24) + row_number() OVER (PARTITION BY due ORDER BY id) - 1,
         kind, rule_id, appointment_id, occurrence, nominal_due, due
  FROM timers;
DROP TABLE timers;
ALTER TABLE timers_v9 RENAME TO timers;
CREATE INDEX timers_by_appointment ON timers(appointment_id);
CREATE TABLE firings_v9 (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  at INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (appointment_id, rule_id, occurrence)
);
INSERT INTO firings_v9
  SELECT id, rule_id, appointment_id, occurrence, at, outcome, message_id,
         reason
  FROM firings;
DROP TABLE firings;
ALTER TABLE firings_v9 RENAME TO firings;
)sql";

// Version 10: what run-due and a status change write for one appointment
// lands on one B-tree page (issue 4). Timers, firings, messages, timeline
// entries and status changes were found by appointment through one index
// each, five random leaf pages per firing once the store outgrows the
// cache; appointment_index holds all of them clustered by appointment, so
// an appointment's entries share a leaf. Each row is the key
// (appointment_id, kind, key1, key2) of one row_id of the kind's table:
//   kind 1 timer          key1 timer kind   key2 timer id
//   kind 2 firing         key1 rule id      key2 occurrence  (the firing key,
//                                                             unique here)
//   kind 3 message        key1 rule id      key2 occurrence  (unique here)
//   kind 4 timeline entry key1 at           key2 entry id
//   kind 5 status change  key1 at           key2 change id
// The store writes an entry in the statement after its row's (triggers
// would cost a statement journal per insert), and deletes a timer's with
// it; rows never change appointment. Firings and messages are rebuilt
// without their own unique indexes: a firing and a message are each unique
// per (rule, appointment, occurrence) here instead (a message's
// idempotency key is the name of that triple). A file whose messages
// share a triple (the engine never wrote one: its keys name the triple) is
// refused, naming the check, and left as it was. Messages lose their
// index by customer too: a message's customer is its appointment's, so a
// customer's messages are found through appointments_by_customer.
const char kSchemaV10[] = R"sql(
CREATE TABLE appointment_index (
  appointment_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  key1 INTEGER NOT NULL,
  key2 INTEGER NOT NULL,
  row_id INTEGER NOT NULL,
  PRIMARY KEY (appointment_id, kind, key1, key2)
) WITHOUT ROWID;
CREATE TABLE firings_v10 (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  at INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  reason TEXT NOT NULL
);
INSERT INTO firings_v10 SELECT * FROM firings;
DROP TABLE firings;
ALTER TABLE firings_v10 RENAME TO firings;
CREATE TABLE messages_v10 (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  rule_id INTEGER NOT NULL,
  occurrence INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  audience INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  channel INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  calendar TEXT NOT NULL,
  state INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  not_before INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  provider_id TEXT NOT NULL,
  error TEXT NOT NULL
);
CREATE TEMP TABLE v10_check (
  messages_sharing_rule_appointment_occurrence INTEGER
    CHECK (messages_sharing_rule_appointment_occurrence = 0)
);
INSERT INTO v10_check SELECT count(*) FROM (SELECT 1 FROM messages
  GROUP BY appointment_id, rule_id, occurrence HAVING count(*) > 1);
DROP TABLE v10_check;
INSERT INTO messages_v10 SELECT * FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v10 RENAME TO messages;
CREATE INDEX messages_sendable ON messages(not_before, id) WHERE state = 0;
DROP INDEX timers_by_appointment;
DROP INDEX timeline_by_appointment;
DROP INDEX status_history_by_appointment;
INSERT INTO appointment_index
  SELECT appointment_id, 1, kind, id, id FROM timers;
INSERT INTO appointment_index
  SELECT appointment_id, 2, rule_id, occurrence, id FROM firings;
INSERT INTO appointment_index
  SELECT appointment_id, 3, rule_id, occurrence, id FROM messages;
INSERT INTO appointment_index
  SELECT appointment_id, 4, at, id, id FROM timeline;
INSERT INTO appointment_index
  SELECT appointment_id, 5, at, id, id FROM status_history;
)sql";

// Version 11: a cancellation or status change writes fewer B-tree pages
// (issue 5).
// - appointments_active holds only the appointments that take or may take
//   a slot (booked and pending, the two states its queries list): a
//   cancellation, attendance or no-show deletes one entry instead of
//   moving it into a region of final states that no query reads.
// - appointments_by_status, read only to count a status's appointments
//   before a chain edit, is replaced by status_use, those counts kept by
//   the store as it writes appointments: a status change updates one small
//   table instead of moving an entry between two leaves.
const char kSchemaV11[] = R"sql(
DROP INDEX appointments_active;
CREATE INDEX appointments_active
  ON appointments(resource_id, state, blocked_start, id, blocked_end)
  WHERE state = 0 OR state = 4;
CREATE TABLE status_use (
  status_id INTEGER PRIMARY KEY,
  appointments INTEGER NOT NULL
);
INSERT INTO status_use
  SELECT status_id, count(*) FROM appointments WHERE status_id <> 0
  GROUP BY status_id;
DROP INDEX appointments_by_status;
)sql";

// Version 12: a firing that created a message is kept in the message's
// row (issue 4: run-due writes one row fewer per message).
// - messages.fired_at is when the firing that created the message decided,
//   or NULL when its firing (if any) is a row of `firings`, as every firing
//   was before this version.
// - Such a firing's appointment_index entry (kind 2, its firing key) holds
//   the message's id negated as row_id; the firing's id is the message's.
// - From this version on, a message and a firings row take their ids from
//   one sequence (the store gives both the next id after the greater of
//   the two tables' greatest), so a firing kept in a message has an id no
//   firings row has. Rows written before keep theirs: the ones after start
//   above both.
const char kSchemaV12[] = R"sql(
ALTER TABLE messages ADD COLUMN fired_at INTEGER;
)sql";

// Version 13: a message that keeps its firing keeps its "message_queued"
// timeline entry too, and is indexed by its firing key alone (issue 4:
// run-due writes one row and two appointment_index entries fewer per
// message, so an appointment's leaf hardly grows as its timers fire).
// - messages.timeline_* are the entry's actor, kind and details, or NULL
//   when the message keeps no entry; the entry's id is the message's, its
//   appointment the message's, its `at` fired_at.
// - A message with a negative firing key entry (kSchemaV12) has no kind 3
//   entry: the firing key is also its message key, and a message inserted
//   alone with that key is refused (and a message's key refuses a fired
//   message's firing). Those entries written by version 12 are deleted.
// - From this version on, timeline rows take their ids from the sequence
//   of messages and firings, so a kept entry's id (its message's) is
//   unique among timeline entries. Rows written before keep theirs; the
//   ones after start above all three tables.
const char kSchemaV13[] = R"sql(
ALTER TABLE messages ADD COLUMN timeline_actor_kind INTEGER;
ALTER TABLE messages ADD COLUMN timeline_actor_id TEXT;
ALTER TABLE messages ADD COLUMN timeline_kind TEXT;
ALTER TABLE messages ADD COLUMN timeline_details TEXT;
DELETE FROM appointment_index WHERE kind = 3
  AND row_id IN (SELECT id FROM messages WHERE fired_at IS NOT NULL);
)sql";

}  // namespace appt::sqlite_internal
