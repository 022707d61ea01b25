// The SQL text of every statement the SQLite store prepares (see
// sqlite_schema.h for their ids and parameter conventions).
#include <iterator>

#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {

// Column lists; a statement's parameter ?N binds column N-1 of its table.
#define APPT_RESOURCE_COLS                                              \
  "id, name, time_zone, weekly_hours, exceptions, notification_email, " \
  "responsible_agent, external_id"
#define APPT_SERVICE_COLS                                                 \
  "id, name, duration_seconds, price_minor_units, currency, "             \
  "buffer_before_seconds, buffer_after_seconds, capacity, resource_ids, " \
  "min_notice_seconds, horizon_seconds, workflow_enabled, external_id"
#define APPT_CUSTOMER_COLS                                        \
  "id, name, email, phone, locale, time_zone, consent_email_at, " \
  "consent_sms_at, consent_whatsapp_at, consent_marketing_at, external_id"
#define APPT_BLOCK_COLS "id, resource_id, start_at, end_at, reason, external_id"
#define APPT_APPOINTMENT_COLS                                           \
  "id, service_id, resource_id, customer_id, start_at, end_at, "        \
  "blocked_start, blocked_end, state, source, created_at, updated_at, " \
  "cancel_reason, external_id, notes, status_id, confirmed_at, "        \
  "confirmation_requested_at, membership_id"
#define APPT_RULE_COLS                                                   \
  "id, name, kind, enabled, audience, service_ids, channels, "           \
  "required_consents, offset_seconds, local_minute, local_days_before, " \
  "grace_seconds, external_id, cancelled_by"
#define APPT_SETTINGS_COLS                                   \
  "id, business_name, default_locale, window_start_minute, " \
  "window_end_minute, max_reminders_per_day, max_attempts, " \
  "retry_backoff_seconds, max_retry_backoff_seconds, claim_timeout_seconds"
#define APPT_TIMER_COLS \
  "id, kind, rule_id, appointment_id, occurrence, nominal_due, due"
#define APPT_FIRING_COLS \
  "id, rule_id, appointment_id, occurrence, at, outcome, message_id, reason"
#define APPT_MESSAGE_COLS                                                    \
  "id, idempotency_key, rule_id, occurrence, kind, audience, "               \
  "appointment_id, customer_id, channel, recipient, locale, subject, body, " \
  "calendar, state, attempts, created_at, not_before, updated_at, "          \
  "provider_id, error"
// A firing kept in its message's row, as APPT_FIRING_COLS (kCreated).
#define APPT_MESSAGE_FIRING_COLS \
  "id, rule_id, appointment_id, occurrence, fired_at, 0, id, ''"
#define APPT_STATUS_COLS \
  "id, chain_id, name, description, position, colour, marker, holds_slot"
#define APPT_STATUS_CHANGE_COLS                                    \
  "id, appointment_id, at, actor_kind, actor_id, from_status_id, " \
  "from_status, to_status_id, to_status, reason"
#define APPT_TOKEN_COLS                                         \
  "hash, appointment_id, issued_at, expires_at, confirmed_at, " \
  "cancelled_at, superseded_at"
#define APPT_TASK_RULE_COLS                                   \
  "id, name, trigger, enabled, service_ids, offset_seconds, " \
  "due_in_seconds, title, external_id"
#define APPT_TASK_COLS                                                  \
  "id, rule_id, appointment_id, occurrence, customer_id, resource_id, " \
  "assignee, title, details, state, created_at, due_at, closed_at, "    \
  "closed_by_kind, closed_by_id, outcome"
#define APPT_PIPELINE_COLS "id, name, opens_deals, service_ids, external_id"
#define APPT_DEAL_COLS                                                  \
  "id, pipeline_id, stage_id, customer_id, title, amount_minor_units, " \
  "currency, membership_id, external_id, integration, opened_at, "      \
  "stage_changed_at, closed_at"
#define APPT_DEAL_ENTRY_COLS                                                 \
  "id, deal_id, at, kind, actor_kind, actor_id, from_stage_id, from_stage, " \
  "to_stage_id, to_stage, appointment_id, text"
#define APPT_PLAN_COLS                                                \
  "id, name, service_ids, visits, validity_days, price_minor_units, " \
  "currency, no_show, external_id"
#define APPT_MEMBERSHIP_COLS                                             \
  "id, plan_id, customer_id, certificate_number, service_ids, no_show, " \
  "price_minor_units, currency, visits_total, visits_booked, "           \
  "visits_used, purchased_at, expires_at, state, expired_at, "           \
  "expired_reason, external_id"
#define APPT_TIMELINE_COLS \
  "id, appointment_id, at, actor_kind, actor_id, kind, details"
// The timeline entry a fired message's row keeps (kSchemaV13), as the
// columns of APPT_TIMELINE_COLS.
#define APPT_KEPT_ENTRY_FIELDS \
  "timeline_actor_kind, timeline_actor_id, timeline_kind, timeline_details"
#define APPT_KEPT_ENTRY_COLS \
  "id, appointment_id, fired_at, " APPT_KEPT_ENTRY_FIELDS

// Appointment ?1's rows of one kind of appointment_index (kSchemaV10) as
// `indexed` (row_id, key1, key2), joined with the table that follows (the
// kind's; for firings kept in messages, kSchemaV12, and for the messages
// and timeline entries found by their firing key, kSchemaV13, `messages`).
#define APPT_INDEXED(kind)                                         \
  " FROM (SELECT row_id, key1, key2 FROM appointment_index WHERE " \
  "appointment_id = ?1 AND kind = " #kind ") AS indexed JOIN "

// Customer ?1's messages whose appointment_index entries match `where`
// (their row_id, `sign`ed, naming the message), as in APPT_INDEXED.
#define APPT_CUSTOMER_INDEXED(where, sign)                              \
  " FROM (SELECT " sign                                                 \
  "i.row_id AS row_id FROM appointments AS a "                          \
  "JOIN appointment_index AS i ON i.appointment_id = a.id AND " where   \
  " WHERE a.customer_id = ?1) AS indexed JOIN messages ON messages.id " \
  "= row_id "

// Appointments of resource ?1 in state `state` overlapping [?2, ?3).
#define APPT_LIST_IN_STATE(state)                                              \
  "SELECT " APPT_APPOINTMENT_COLS                                              \
  " FROM appointments WHERE resource_id = ?1 AND state = " state               \
  " AND blocked_start >= ?2 - (SELECT max_appointment_seconds"                 \
  " FROM resources WHERE id = ?1) AND blocked_start < ?3 AND blocked_end > ?2" \
  " ORDER BY blocked_start, id"
const char kListActiveAppointmentsSql[] = APPT_LIST_IN_STATE("0");
const char kListPendingAppointmentsSql[] = APPT_LIST_IN_STATE("4");
#undef APPT_LIST_IN_STATE
const char kListBlocksSql[] =
    "SELECT " APPT_BLOCK_COLS
    " FROM blocks WHERE resource_id = ?1"
    " AND start_at >= ?2 - (SELECT max_block_seconds FROM resources"
    " WHERE id = ?1) AND start_at < ?3 AND end_at > ?2"
    " ORDER BY start_at, id";

const char* const kStatementSql[] = {
    "BEGIN",
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "PRAGMA data_version",
    // Resources.
    "INSERT INTO resources (name, time_zone, weekly_hours, exceptions, "
    "notification_email, responsible_agent, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "UPDATE resources SET name = ?2, time_zone = ?3, weekly_hours = ?4, "
    "exceptions = ?5, notification_email = ?6, responsible_agent = ?7, "
    "external_id = ?8 WHERE id = ?1",
    "SELECT " APPT_RESOURCE_COLS " FROM resources WHERE id = ?1",
    "SELECT " APPT_RESOURCE_COLS " FROM resources ORDER BY id",
    // Blocks.
    "INSERT INTO blocks (resource_id, start_at, end_at, reason, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6)",
    "UPDATE resources SET max_block_seconds = ?2 "
    "WHERE id = ?1 AND max_block_seconds < ?2",
    "DELETE FROM blocks WHERE id = ?1",
    "SELECT " APPT_BLOCK_COLS " FROM blocks WHERE id = ?1",
    kListBlocksSql,
    // Services.
    "INSERT INTO services (name, duration_seconds, price_minor_units, "
    "currency, buffer_before_seconds, buffer_after_seconds, capacity, "
    "resource_ids, min_notice_seconds, horizon_seconds, workflow_enabled, "
    "external_id) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "UPDATE services SET name = ?2, duration_seconds = ?3, "
    "price_minor_units = ?4, currency = ?5, buffer_before_seconds = ?6, "
    "buffer_after_seconds = ?7, capacity = ?8, resource_ids = ?9, "
    "min_notice_seconds = ?10, horizon_seconds = ?11, workflow_enabled = ?12, "
    "external_id = ?13 WHERE id = ?1",
    "SELECT " APPT_SERVICE_COLS " FROM services WHERE id = ?1",
    "SELECT " APPT_SERVICE_COLS " FROM services ORDER BY id",
    // Customers.
    "INSERT INTO customers (name, email, phone, locale, time_zone, "
    "consent_email_at, consent_sms_at, consent_whatsapp_at, "
    "consent_marketing_at, external_id) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "UPDATE customers SET name = ?2, email = ?3, phone = ?4, locale = ?5, "
    "time_zone = ?6, consent_email_at = ?7, consent_sms_at = ?8, "
    "consent_whatsapp_at = ?9, consent_marketing_at = ?10, external_id = ?11 "
    "WHERE id = ?1",
    "SELECT " APPT_CUSTOMER_COLS " FROM customers WHERE id = ?1",
    // Appointments.
    "INSERT INTO appointments (service_id, resource_id, customer_id, "
    "start_at, end_at, blocked_start, blocked_end, state, source, "
    "created_at, updated_at, cancel_reason, external_id, notes, status_id, "
    "confirmed_at, confirmation_requested_at, membership_id) VALUES (?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19)",
    "UPDATE appointments SET service_id = ?2, resource_id = ?3, "
    "customer_id = ?4, start_at = ?5, end_at = ?6, blocked_start = ?7, "
    "blocked_end = ?8, state = ?9, source = ?10, created_at = ?11, "
    "updated_at = ?12, cancel_reason = ?13, external_id = ?14, notes = ?15, "
    "status_id = ?16, confirmed_at = ?17, confirmation_requested_at = ?18, "
    "membership_id = ?19 WHERE id = ?1",
    // The same without appointments_by_customer's columns (customer_id,
    // start_at), which must match: a status change or cancellation leaves
    // that index's page alone.
    "UPDATE appointments SET service_id = ?2, resource_id = ?3, "
    "end_at = ?6, blocked_start = ?7, blocked_end = ?8, state = ?9, "
    "source = ?10, created_at = ?11, updated_at = ?12, cancel_reason = ?13, "
    "external_id = ?14, notes = ?15, status_id = ?16, confirmed_at = ?17, "
    "confirmation_requested_at = ?18, membership_id = ?19 WHERE id = ?1 AND "
    "customer_id = ?4 AND start_at = ?5",
    // The same without the indexed columns (customer_id, start_at,
    // resource_id, state, blocked_start, blocked_end, status_id): their
    // values must match (the row is unchanged in every index).
    "UPDATE appointments SET service_id = ?2, end_at = ?6, source = ?10, "
    "created_at = ?11, updated_at = ?12, cancel_reason = ?13, "
    "external_id = ?14, notes = ?15, confirmed_at = ?17, "
    "confirmation_requested_at = ?18, membership_id = ?19 WHERE id = ?1 AND "
    "customer_id = ?4 AND "
    "start_at = ?5 AND resource_id = ?3 AND state = ?9 AND "
    "blocked_start = ?7 AND blocked_end = ?8 AND status_id = ?16",
    // Writes only when the span is longer: most bookings change no page.
    "UPDATE resources SET max_appointment_seconds = ?2 "
    "WHERE id = ?1 AND max_appointment_seconds < ?2",
    "SELECT " APPT_APPOINTMENT_COLS " FROM appointments WHERE id = ?1",
    kListActiveAppointmentsSql,
    kListPendingAppointmentsSql,
    "SELECT appointments FROM status_use WHERE status_id = ?1",
    "INSERT INTO status_use (status_id, appointments) VALUES (?1, ?2) "
    "ON CONFLICT (status_id) DO UPDATE SET appointments = appointments + ?2",
    "SELECT " APPT_APPOINTMENT_COLS
    " FROM appointments "
    "WHERE customer_id = ?1 ORDER BY start_at, id",
    "SELECT COUNT(*) FROM appointments",
    // Timeline.
    "INSERT INTO timeline (" APPT_TIMELINE_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    // With the entries kept in fired messages' rows (kSchemaV13); the
    // caller sorts.
    "SELECT " APPT_TIMELINE_COLS APPT_INDEXED(4)
    "timeline ON timeline.id = row_id UNION ALL SELECT " APPT_KEPT_ENTRY_COLS
    APPT_INDEXED(2) "messages ON messages.id = -row_id "
    "WHERE row_id < 0 AND timeline_kind IS NOT NULL",
    // Message rules.
    "INSERT INTO message_rules (name, kind, enabled, audience, service_ids, "
    "channels, required_consents, offset_seconds, local_minute, "
    "local_days_before, grace_seconds, external_id, cancelled_by) "
    "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "UPDATE message_rules SET name = ?2, kind = ?3, enabled = ?4, "
    "audience = ?5, service_ids = ?6, channels = ?7, required_consents = ?8, "
    "offset_seconds = ?9, local_minute = ?10, local_days_before = ?11, "
    "grace_seconds = ?12, external_id = ?13, cancelled_by = ?14 "
    "WHERE id = ?1",
    "DELETE FROM message_rules WHERE id = ?1",
    "SELECT " APPT_RULE_COLS " FROM message_rules WHERE id = ?1",
    "SELECT " APPT_RULE_COLS " FROM message_rules ORDER BY id",
    "DELETE FROM message_templates WHERE rule_id = ?1",
    "INSERT INTO message_templates (rule_id, position, channel, locale, "
    "subject, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT channel, locale, subject, body FROM message_templates "
    "WHERE rule_id = ?1 ORDER BY position",
    // Messaging settings.
    "SELECT " APPT_SETTINGS_COLS " FROM settings WHERE id = 1",
    "INSERT OR REPLACE INTO settings (" APPT_SETTINGS_COLS
    ") VALUES (1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    // appointment_index: ?1 appointment, ?2 kind, ?3 key1, ?4 key2, ?5 row.
    "INSERT INTO appointment_index VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO appointment_index VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT DO NOTHING",
    // Timers.
    // The id is the next free one of the due second (kTimerSeqBits).
    "INSERT INTO timers (id, kind, rule_id, appointment_id, occurrence, "
    "nominal_due, due) VALUES (coalesce((SELECT id + 1 FROM timers "
    "WHERE id >= (?7 << 24) AND id < ((?7 + 1) << 24) ORDER BY id DESC "
    "LIMIT 1), ?7 << 24), ?2, ?3, ?4, ?5, ?6, ?7)",
    // Before kDeleteTimer.
    "DELETE FROM appointment_index WHERE (appointment_id, kind, key1, key2) "
    "= (SELECT appointment_id, 1, kind, id FROM timers WHERE id = ?1)",
    "DELETE FROM timers WHERE id = ?1",
    // Before kUnindexAppointmentTimers.
    "DELETE FROM timers WHERE id IN (SELECT row_id FROM appointment_index "
    "WHERE appointment_id = ?1 AND kind = 1 AND key1 = ?2)",
    "DELETE FROM appointment_index WHERE appointment_id = ?1 AND kind = 1 "
    "AND key1 = ?2",
    // No index by rule: a rule edit replans every upcoming visit anyway.
    // Before kDeleteRuleTimers.
    "DELETE FROM appointment_index WHERE (appointment_id, kind, key1, key2) "
    "IN (SELECT appointment_id, 1, kind, id FROM timers WHERE rule_id = ?1 "
    "AND kind = ?2)",
    "DELETE FROM timers WHERE rule_id = ?1 AND kind = ?2",
    // By (kind, id): the caller sorts by id.
    "SELECT " APPT_TIMER_COLS APPT_INDEXED(1)
    "timers ON timers.id = row_id ORDER BY key1, key2",
    "SELECT " APPT_TIMER_COLS
    " FROM timers WHERE id <= ?1 ORDER BY id LIMIT ?2",
    "SELECT due FROM timers ORDER BY id LIMIT 1",
    "SELECT COUNT(*) FROM timers",
    // Firings. A firing kept in its message's row (kSchemaV12) is indexed
    // by the message's id negated.
    "INSERT INTO firings (" APPT_FIRING_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "DELETE FROM firings WHERE id = ?1",
    "SELECT row_id FROM appointment_index "
    "WHERE appointment_id = ?2 AND kind = 2 AND key1 = ?1 AND key2 = ?3",
    // Bound as kFindFiring.
    "SELECT row_id FROM appointment_index "
    "WHERE appointment_id = ?2 AND kind = 3 AND key1 = ?1 AND key2 = ?3",
    "SELECT " APPT_FIRING_COLS " FROM firings WHERE id = ?1",
    "SELECT " APPT_MESSAGE_FIRING_COLS " FROM messages WHERE id = ?1",
    "SELECT " APPT_FIRING_COLS APPT_INDEXED(2)
    "firings ON firings.id = row_id UNION ALL SELECT " APPT_MESSAGE_FIRING_COLS
    APPT_INDEXED(2) "messages ON messages.id = -row_id",
    // The next id of a message, a firings row or a timeline row (one
    // sequence, kSchemaV13).
    "SELECT max(coalesce((SELECT max(id) FROM messages), 0), "
    "coalesce((SELECT max(id) FROM firings), 0), "
    "coalesce((SELECT max(id) FROM timeline), 0)) + 1",
    // Messages; ?22 is fired_at, ?23-?26 the timeline entry kept.
    "INSERT INTO messages (" APPT_MESSAGE_COLS
    ", fired_at, " APPT_KEPT_ENTRY_FIELDS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
    "DELETE FROM messages WHERE id = ?1",
    "UPDATE messages SET rule_id = ?3, occurrence = ?4, kind = ?5, "
    "audience = ?6, appointment_id = ?7, customer_id = ?8, channel = ?9, "
    "recipient = ?10, locale = ?11, subject = ?12, body = ?13, calendar = ?14, "
    "state = ?15, attempts = ?16, created_at = ?17, not_before = ?18, "
    "updated_at = ?19, provider_id = ?20, error = ?21 "
    "WHERE id = ?1 AND idempotency_key = ?2 AND rule_id = ?3 AND "
    "occurrence = ?4 AND appointment_id = ?7 AND customer_id = ?8",
    "SELECT " APPT_MESSAGE_COLS " FROM messages WHERE id = ?1",
    "SELECT " APPT_MESSAGE_COLS
    " FROM messages WHERE state = 0 AND not_before <= ?1 "
    "ORDER BY not_before, id LIMIT ?2",
    "SELECT min(not_before) FROM messages WHERE state = 0",
    // Messages by their keys, and those keeping their firing by its key.
    "SELECT " APPT_MESSAGE_COLS APPT_INDEXED(3)
    "messages ON messages.id = row_id UNION ALL SELECT " APPT_MESSAGE_COLS
    APPT_INDEXED(2) "messages ON messages.id = -row_id WHERE row_id < 0",
    // ?1 appointment.
    "SELECT customer_id FROM appointments WHERE id = ?1",
    // Through the customer's appointments (a message's customer is its
    // appointment's); the caller sorts.
    "SELECT " APPT_MESSAGE_COLS APPT_CUSTOMER_INDEXED("i.kind = 3", "")
    "UNION ALL SELECT " APPT_MESSAGE_COLS
    APPT_CUSTOMER_INDEXED("i.kind = 2 AND i.row_id < 0", "-"),
    "SELECT COUNT(*) FROM messages",
    // The status workflow.
    "INSERT INTO status_chains (id, name) VALUES (?1, ?2)",
    "UPDATE status_chains SET name = ?2 WHERE id = ?1",
    "DELETE FROM status_chains WHERE id = ?1",
    "SELECT id, name FROM status_chains ORDER BY id",
    "INSERT INTO statuses (" APPT_STATUS_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "DELETE FROM statuses WHERE chain_id = ?1",
    "SELECT " APPT_STATUS_COLS
    " FROM statuses WHERE chain_id = ?1 ORDER BY position",
    "SELECT enabled, default_chain_id FROM workflow_settings WHERE id = 1",
    "INSERT OR REPLACE INTO workflow_settings (id, enabled, default_chain_id) "
    "VALUES (1, ?1, ?2)",
    "SELECT service_id, chain_id FROM workflow_service_chains "
    "ORDER BY rowid",
    "DELETE FROM workflow_service_chains",
    "INSERT INTO workflow_service_chains (service_id, chain_id) "
    "VALUES (?1, ?2)",
    "INSERT INTO status_history (" APPT_STATUS_CHANGE_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "SELECT " APPT_STATUS_CHANGE_COLS
    APPT_INDEXED(5)
    "status_history ON status_history.id = row_id "
    "ORDER BY key1 DESC, key2 DESC",
    // Confirmation tokens.
    "INSERT INTO confirm_tokens (" APPT_TOKEN_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "SELECT " APPT_TOKEN_COLS " FROM confirm_tokens WHERE hash = ?1",
    "UPDATE confirm_tokens SET appointment_id = ?2, issued_at = ?3, "
    "expires_at = ?4, confirmed_at = ?5, cancelled_at = ?6, "
    "superseded_at = ?7 WHERE hash = ?1",
    // The same without confirm_tokens_by_appointment's column, which must
    // match: redeeming a token leaves that index's page alone.
    "UPDATE confirm_tokens SET issued_at = ?3, expires_at = ?4, "
    "confirmed_at = ?5, cancelled_at = ?6, superseded_at = ?7 "
    "WHERE hash = ?1 AND appointment_id = ?2",
    "UPDATE confirm_tokens SET superseded_at = ?2 WHERE appointment_id = ?1 "
    "AND superseded_at IS NULL AND cancelled_at IS NULL",
    // The confirmation cycle.
    "SELECT overdue_before_seconds, release_offset_seconds, release_reason "
    "FROM confirmation_settings WHERE id = 1",
    "INSERT OR REPLACE INTO confirmation_settings (id, "
    "overdue_before_seconds, release_offset_seconds, release_reason) "
    "VALUES (1, ?1, ?2, ?3)",
    "INSERT INTO task_rules (" APPT_TASK_RULE_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "UPDATE task_rules SET name = ?2, trigger = ?3, enabled = ?4, "
    "service_ids = ?5, offset_seconds = ?6, due_in_seconds = ?7, title = ?8, "
    "external_id = ?9 WHERE id = ?1",
    "DELETE FROM task_rules WHERE id = ?1",
    "SELECT " APPT_TASK_RULE_COLS " FROM task_rules ORDER BY id",
    "INSERT INTO tasks (" APPT_TASK_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16)",
    "UPDATE tasks SET rule_id = ?2, appointment_id = ?3, occurrence = ?4, "
    "customer_id = ?5, resource_id = ?6, assignee = ?7, title = ?8, "
    "details = ?9, state = ?10, created_at = ?11, due_at = ?12, "
    "closed_at = ?13, closed_by_kind = ?14, closed_by_id = ?15, "
    "outcome = ?16 WHERE id = ?1",
    "SELECT " APPT_TASK_COLS " FROM tasks WHERE id = ?1",
    "SELECT " APPT_TASK_COLS
    " FROM tasks WHERE appointment_id = ?1 ORDER BY due_at, id",
    "SELECT " APPT_TASK_COLS
    " FROM tasks WHERE assignee = ?1 ORDER BY due_at, id",
    "SELECT " APPT_TASK_COLS " FROM tasks WHERE state = ?1 ORDER BY due_at, id",
    "SELECT " APPT_TASK_COLS " FROM tasks ORDER BY due_at, id",
    // Memberships.
    "INSERT INTO membership_plans (" APPT_PLAN_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "UPDATE membership_plans SET name = ?2, service_ids = ?3, visits = ?4, "
    "validity_days = ?5, price_minor_units = ?6, currency = ?7, "
    "no_show = ?8, external_id = ?9 WHERE id = ?1",
    "SELECT " APPT_PLAN_COLS " FROM membership_plans ORDER BY id",
    "INSERT INTO memberships (" APPT_MEMBERSHIP_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17)",
    "UPDATE memberships SET plan_id = ?2, customer_id = ?3, "
    "certificate_number = ?4, service_ids = ?5, no_show = ?6, "
    "price_minor_units = ?7, currency = ?8, visits_total = ?9, "
    "visits_booked = ?10, visits_used = ?11, purchased_at = ?12, "
    "expires_at = ?13, state = ?14, expired_at = ?15, expired_reason = ?16, "
    "external_id = ?17 WHERE id = ?1",
    "SELECT " APPT_MEMBERSHIP_COLS " FROM memberships WHERE id = ?1",
    "SELECT " APPT_MEMBERSHIP_COLS
    " FROM memberships WHERE customer_id = ?1 ORDER BY id",
    "SELECT " APPT_MEMBERSHIP_COLS
    " FROM memberships WHERE state = 0 AND expires_at <= ?1 "
    "ORDER BY expires_at, id LIMIT ?2",
    "SELECT MIN(expires_at) FROM memberships WHERE state = 0",
    // Pipelines and deals.
    "INSERT INTO pipelines (" APPT_PIPELINE_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5)",
    "UPDATE pipelines SET name = ?2, opens_deals = ?3, service_ids = ?4, "
    "external_id = ?5 WHERE id = ?1",
    "DELETE FROM pipelines WHERE id = ?1",
    "SELECT " APPT_PIPELINE_COLS " FROM pipelines ORDER BY id",
    "INSERT INTO pipeline_stages (id, pipeline_id, position, name, kind) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
    "DELETE FROM pipeline_stages WHERE pipeline_id = ?1",
    "SELECT id, name, kind FROM pipeline_stages WHERE pipeline_id = ?1 "
    "ORDER BY position",
    "INSERT INTO stage_rules (pipeline_id, position, trigger, condition, "
    "offset_seconds, stage) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "DELETE FROM stage_rules WHERE pipeline_id = ?1",
    "SELECT id, trigger, condition, offset_seconds, stage FROM stage_rules "
    "WHERE pipeline_id = ?1 ORDER BY position",
    "INSERT INTO deals (" APPT_DEAL_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "UPDATE deals SET stage_id = ?3, title = ?5, amount_minor_units = ?6, "
    "currency = ?7, external_id = ?9, integration = ?10, "
    "stage_changed_at = ?12, closed_at = ?13 WHERE id = ?1",
    "SELECT " APPT_DEAL_COLS " FROM deals WHERE id = ?1",
    "SELECT " APPT_DEAL_COLS " FROM deals WHERE pipeline_id = ?1 ORDER BY id",
    "SELECT " APPT_DEAL_COLS
    " FROM deals WHERE pipeline_id = ?1 AND stage_id = ?2 ORDER BY id",
    "SELECT " APPT_DEAL_COLS " FROM deals WHERE customer_id = ?1 ORDER BY id",
    "SELECT " APPT_DEAL_COLS " FROM deals ORDER BY id",
    "SELECT stage_id, COUNT(*), SUM(amount_minor_units) FROM deals "
    "WHERE pipeline_id = ?1 GROUP BY stage_id",
    "INSERT INTO deal_appointments (appointment_id, deal_id) VALUES (?1, ?2)",
    "SELECT deal_id FROM deal_appointments WHERE appointment_id = ?1",
    "SELECT appointment_id FROM deal_appointments WHERE deal_id = ?1 "
    "ORDER BY appointment_id",
    "SELECT id FROM deals WHERE membership_id = ?1 AND membership_id <> 0",
    "INSERT INTO deal_entries (" APPT_DEAL_ENTRY_COLS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "SELECT " APPT_DEAL_ENTRY_COLS
    " FROM deal_entries WHERE deal_id = ?1 ORDER BY at DESC, id DESC",
    // Reference probes, used only to name a failed foreign key.
    "SELECT 1 FROM resources WHERE id = ?1",
    "SELECT 1 FROM services WHERE id = ?1",
    "SELECT 1 FROM customers WHERE id = ?1",
    "SELECT 1 FROM appointments WHERE id = ?1",
    "SELECT 1 FROM pipelines WHERE id = ?1",
    "SELECT 1 FROM deals WHERE id = ?1",
};
static_assert(std::size(kStatementSql) == kNumStmts);

#undef APPT_RESOURCE_COLS
#undef APPT_SERVICE_COLS
#undef APPT_CUSTOMER_COLS
#undef APPT_BLOCK_COLS
#undef APPT_RULE_COLS
#undef APPT_APPOINTMENT_COLS
#undef APPT_TIMELINE_COLS
#undef APPT_INDEXED
#undef APPT_SETTINGS_COLS
#undef APPT_TIMER_COLS
#undef APPT_FIRING_COLS
#undef APPT_MESSAGE_COLS
#undef APPT_MESSAGE_FIRING_COLS
#undef APPT_STATUS_COLS
#undef APPT_STATUS_CHANGE_COLS
#undef APPT_TOKEN_COLS
#undef APPT_TASK_RULE_COLS
#undef APPT_TASK_COLS
#undef APPT_PLAN_COLS
#undef APPT_MEMBERSHIP_COLS
#undef APPT_PIPELINE_COLS
#undef APPT_DEAL_COLS
#undef APPT_DEAL_ENTRY_COLS

}  // namespace appt::sqlite_internal
