// The SQL of schema versions 1 to 8 of the SQLite store (the later ones,
// which reshape storage for speed, are in sqlite_migrations_layout.cc) and
// the list of every version, applied in order by Migrate
// (sqlite_schema.cc). Append only: a released version's SQL never changes.
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {

const char kSchemaV1[] = R"sql(
CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  weekly_hours TEXT NOT NULL,
  exceptions TEXT NOT NULL,
  notification_email TEXT NOT NULL,
  responsible_agent TEXT NOT NULL,
  external_id TEXT NOT NULL,
  -- The longest block ever stored for this resource, in seconds; bounds
  -- the index range ListBlocks scans. Never shrinks.
  max_block_seconds INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  duration_seconds INTEGER NOT NULL,
  price_minor_units INTEGER NOT NULL,
  currency TEXT NOT NULL,
  buffer_before_seconds INTEGER NOT NULL,
  buffer_after_seconds INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  resource_ids TEXT NOT NULL,
  min_notice_seconds INTEGER NOT NULL,
  horizon_seconds INTEGER NOT NULL,
  workflow_enabled INTEGER NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  locale TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  consent_email_at INTEGER,
  consent_sms_at INTEGER,
  consent_whatsapp_at INTEGER,
  consent_marketing_at INTEGER,
  external_id TEXT NOT NULL
);
CREATE TABLE blocks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  external_id TEXT NOT NULL
);
CREATE INDEX blocks_by_resource_start ON blocks(resource_id, start_at);
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  resource_id INTEGER NOT NULL REFERENCES resources(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  blocked_start INTEGER NOT NULL,
  blocked_end INTEGER NOT NULL,
  state INTEGER NOT NULL,
  source INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  cancel_reason TEXT NOT NULL,
  external_id TEXT NOT NULL,
  notes TEXT NOT NULL
);
CREATE INDEX appointments_active
  ON appointments(resource_id, state, blocked_start);
CREATE INDEX appointments_by_customer ON appointments(customer_id, start_at);
CREATE TABLE timeline (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  at INTEGER NOT NULL,
  actor_kind INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX timeline_by_appointment ON timeline(appointment_id, at, id);
)sql";

// Version 2, for the booking check's overlap query:
// - resources.max_appointment_seconds bounds the longest blocked span of
//   the resource's appointments (raised on every write, never lowered), so
//   the scan starts that far before the window instead of a whole day;
// - the index also carries blocked_end (after id, which keeps the listing's
//   ORDER BY blocked_start, id), so rows are filtered in the index and only
//   overlapping ones are fetched.
const char kSchemaV2[] = R"sql(
ALTER TABLE resources
  ADD COLUMN max_appointment_seconds INTEGER NOT NULL DEFAULT 0;
UPDATE resources SET max_appointment_seconds = coalesce(
  (SELECT max(blocked_end - blocked_start) FROM appointments
   WHERE appointments.resource_id = resources.id), 0);
DROP INDEX appointments_active;
CREATE INDEX appointments_active
  ON appointments(resource_id, state, blocked_start, id, blocked_end);
)sql";

// Version 3: message rules (R4.2) and their templates.
const char kSchemaV3[] = R"sql(
CREATE TABLE message_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  audience INTEGER NOT NULL,
  service_ids TEXT NOT NULL,
  channels TEXT NOT NULL,
  required_consents TEXT NOT NULL,
  offset_seconds INTEGER NOT NULL,
  local_minute INTEGER,
  local_days_before INTEGER,
  grace_seconds INTEGER NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE message_templates (
  rule_id INTEGER NOT NULL REFERENCES message_rules(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  channel INTEGER NOT NULL,
  locale TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (rule_id, position)
);
)sql";

// Version 4: messaging settings (one row), timers, firings and the outbox
// (R4.4–R4.6). Rule ids are not foreign keys: a rule may be deleted while
// its firings and messages stay as history (rule ids are never reused).
const char kSchemaV4[] = R"sql(
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  business_name TEXT NOT NULL,
  default_locale TEXT NOT NULL,
  window_start_minute INTEGER,
  window_end_minute INTEGER,
  max_reminders_per_day INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  retry_backoff_seconds INTEGER NOT NULL,
  max_retry_backoff_seconds INTEGER NOT NULL,
  claim_timeout_seconds INTEGER NOT NULL
);
CREATE TABLE timers (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  nominal_due INTEGER NOT NULL,
  due INTEGER NOT NULL
);
CREATE INDEX timers_by_due ON timers(due, id);
CREATE INDEX timers_by_appointment ON timers(appointment_id, due, id);
CREATE INDEX timers_by_rule ON timers(rule_id);
CREATE TABLE firings (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  at INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  UNIQUE (rule_id, appointment_id, occurrence)
);
CREATE INDEX firings_by_appointment ON firings(appointment_id, at, id);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
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
CREATE INDEX messages_sendable ON messages(not_before, id) WHERE state = 0;
CREATE INDEX messages_by_appointment
  ON messages(appointment_id, created_at, id);
CREATE INDEX messages_by_customer ON messages(customer_id, created_at, id);
)sql";

const char kSchemaV5[] = R"sql(
ALTER TABLE appointments ADD COLUMN status_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN confirmed_at INTEGER;
CREATE INDEX appointments_by_status ON appointments(status_id)
  WHERE status_id <> 0;
CREATE TABLE status_chains (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL
);
CREATE TABLE statuses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chain_id INTEGER NOT NULL REFERENCES status_chains(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  position INTEGER NOT NULL,
  colour TEXT NOT NULL,
  marker INTEGER NOT NULL,
  holds_slot INTEGER NOT NULL,
  UNIQUE (chain_id, position)
);
CREATE TABLE workflow_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL,
  default_chain_id INTEGER NOT NULL
);
CREATE TABLE workflow_service_chains (
  service_id INTEGER NOT NULL UNIQUE REFERENCES services(id),
  chain_id INTEGER NOT NULL REFERENCES status_chains(id)
);
CREATE TABLE status_history (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  at INTEGER NOT NULL,
  actor_kind INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  from_status_id INTEGER NOT NULL,
  from_status TEXT NOT NULL,
  to_status_id INTEGER NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX status_history_by_appointment
  ON status_history(appointment_id, at, id);
CREATE TABLE confirm_tokens (
  hash BLOB PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  cancelled_at INTEGER,
  superseded_at INTEGER
) WITHOUT ROWID;
CREATE INDEX confirm_tokens_by_appointment
  ON confirm_tokens(appointment_id);
)sql";

// Version 6: the confirmation cycle (R5.2–R5.5): when each visit was
// asked to confirm, who a cancelled-kind rule tells of (existing rules keep
// telling of every cancellation), confirmation settings, task rules and
// tasks. Task rule ids live beside message rule ids in timers.rule_id, told
// apart by timers.kind.
const char kSchemaV6[] = R"sql(
ALTER TABLE appointments ADD COLUMN confirmation_requested_at INTEGER;
ALTER TABLE message_rules ADD COLUMN cancelled_by TEXT NOT NULL
  DEFAULT '0,1,2,3';
CREATE TABLE confirmation_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  overdue_before_seconds INTEGER NOT NULL,
  release_offset_seconds INTEGER,
  release_reason TEXT NOT NULL
);
CREATE TABLE task_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  trigger INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  service_ids TEXT NOT NULL,
  offset_seconds INTEGER NOT NULL,
  due_in_seconds INTEGER NOT NULL,
  title TEXT NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  rule_id INTEGER NOT NULL,
  appointment_id INTEGER NOT NULL REFERENCES appointments(id),
  occurrence INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  assignee TEXT NOT NULL,
  title TEXT NOT NULL,
  details TEXT NOT NULL,
  state INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by_kind INTEGER NOT NULL,
  closed_by_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  UNIQUE (rule_id, appointment_id, occurrence)
);
CREATE INDEX tasks_by_appointment ON tasks(appointment_id, due_at, id);
CREATE INDEX tasks_by_assignee ON tasks(assignee, due_at, id);
CREATE INDEX tasks_by_state ON tasks(state, due_at, id);
CREATE INDEX tasks_by_due ON tasks(due_at, id);
)sql";

// Version 7: memberships (R7): plans, memberships with the terms fixed at
// purchase, and the membership each appointment holds a visit of.
const char kSchemaV7[] = R"sql(
ALTER TABLE appointments ADD COLUMN membership_id INTEGER NOT NULL DEFAULT 0;
CREATE TABLE membership_plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  service_ids TEXT NOT NULL,
  visits INTEGER NOT NULL,
  validity_days INTEGER NOT NULL,
  price_minor_units INTEGER NOT NULL,
  currency TEXT NOT NULL,
  no_show INTEGER NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE memberships (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES membership_plans(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  certificate_number TEXT NOT NULL UNIQUE,
  service_ids TEXT NOT NULL,
  no_show INTEGER NOT NULL,
  price_minor_units INTEGER NOT NULL,
  currency TEXT NOT NULL,
  visits_total INTEGER NOT NULL,
  visits_booked INTEGER NOT NULL,
  visits_used INTEGER NOT NULL,
  purchased_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  state INTEGER NOT NULL,
  expired_at INTEGER,
  expired_reason TEXT NOT NULL,
  external_id TEXT NOT NULL
);
CREATE INDEX memberships_by_customer ON memberships(customer_id, id);
)sql";

// Version 8: CRM pipelines and deals (R6): stages and stage rules, deals
// with their appointment links and history; memberships indexed by expiry
// for RunDue.
const char kSchemaV8[] = R"sql(
CREATE INDEX memberships_by_expiry ON memberships(state, expires_at, id);
CREATE TABLE pipelines (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  opens_deals INTEGER NOT NULL,
  service_ids TEXT NOT NULL,
  external_id TEXT NOT NULL
);
CREATE TABLE pipeline_stages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind INTEGER NOT NULL
);
CREATE INDEX pipeline_stages_by_pipeline
  ON pipeline_stages(pipeline_id, position);
CREATE TABLE stage_rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  position INTEGER NOT NULL,
  trigger INTEGER NOT NULL,
  condition INTEGER NOT NULL,
  offset_seconds INTEGER NOT NULL,
  stage TEXT NOT NULL
);
CREATE INDEX stage_rules_by_pipeline ON stage_rules(pipeline_id, position);
CREATE TABLE deals (
  id INTEGER PRIMARY KEY,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  stage_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  title TEXT NOT NULL,
  amount_minor_units INTEGER NOT NULL,
  currency TEXT NOT NULL,
  membership_id INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  integration TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  stage_changed_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX deals_by_pipeline ON deals(pipeline_id, id);
CREATE INDEX deals_by_stage ON deals(pipeline_id, stage_id, id);
CREATE INDEX deals_by_customer ON deals(customer_id, id);
CREATE UNIQUE INDEX deals_by_membership ON deals(membership_id)
  WHERE membership_id <> 0;
CREATE TABLE deal_appointments (
  appointment_id INTEGER PRIMARY KEY REFERENCES appointments(id),
  deal_id INTEGER NOT NULL REFERENCES deals(id)
);
CREATE INDEX deal_appointments_by_deal
  ON deal_appointments(deal_id, appointment_id);
CREATE TABLE deal_entries (
  id INTEGER PRIMARY KEY,
  deal_id INTEGER NOT NULL REFERENCES deals(id),
  at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  actor_kind INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  from_stage_id INTEGER NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage_id INTEGER NOT NULL,
  to_stage TEXT NOT NULL,
  appointment_id INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX deal_entries_by_deal ON deal_entries(deal_id, at, id);
)sql";

namespace {

const Migration kMigrations[] = {
    {1, kSchemaV1},  {2, kSchemaV2},   {3, kSchemaV3},   {4, kSchemaV4},
    {5, kSchemaV5},  {6, kSchemaV6},   {7, kSchemaV7},   {8, kSchemaV8},
    {9, kSchemaV9},  {10, kSchemaV10}, {11, kSchemaV11}, {12, kSchemaV12},
    {13, kSchemaV13}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace appt::sqlite_internal
