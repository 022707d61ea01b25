// The SQLite store's on-disk format: schema, pragmas, migrations and the
// text encodings of nested collections. Internal; shared with the raw-SQLite
// benchmark baseline (which must use exactly these tables, indexes and
// pragmas) and with tests that inspect query plans.
#ifndef APPT_SRC_STORAGE_SQLITE_SQLITE_SCHEMA_H_
#define APPT_SRC_STORAGE_SQLITE_SQLITE_SCHEMA_H_

#include <sqlite3.h>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "appt/catalog.h"
#include "appt/deal.h"
#include "appt/options.h"

namespace appt::sqlite_internal {

// The schema version this build writes; stored in PRAGMA user_version.
inline constexpr int kCurrentSchemaVersion = 13;
// The page size of files this store creates; a file keeps the size it was
// created with (SQLite cannot change it in WAL mode without a VACUUM), so
// older files stay at 4096 and work unchanged. Smaller pages mean fewer
// bytes per dirtied page: a command dirties a handful of leaves at random
// places, and each costs a whole page in the log and again when the log
// is copied back. 2048 against 4096 makes writes ~25 % cheaper for a few
// percent on reads that scan many rows (docs/performance.md, session 17).
inline constexpr int kNewFilePageSize = 2048;

// The DDL of schema version 1, several statements for sqlite3_exec().
// Instants are INTEGER Unix seconds; durations INTEGER seconds; states and
// sources the enums' integer values; nested collections use the encodings
// below.
extern const char kSchemaV1[];
// Version 2 over version 1: a per-resource bound on appointment spans and
// an overlap index that covers blocked_end.
extern const char kSchemaV2[];
// Version 3 over version 2: message rules and templates.
extern const char kSchemaV3[];
// Version 4 over version 3: messaging settings, timers, firings, messages.
extern const char kSchemaV4[];
// Version 5 over version 4: the status workflow (chains, settings,
// history), each appointment's status and customer confirmation, and
// confirmation tokens.
extern const char kSchemaV5[];
// Version 6 over version 5: the confirmation cycle (settings, task rules,
// tasks), when each appointment was asked to confirm, and who a cancelled
// rule tells of.
extern const char kSchemaV6[];
// Version 7 over version 6: membership plans, memberships, and each
// appointment's membership.
extern const char kSchemaV7[];
// Version 8 over version 7: pipelines (stages, stage rules), deals with
// their appointment links and history, and memberships by expiry.
extern const char kSchemaV8[];
// Version 9 over version 8: timers clustered by due (ids as below) with
// one index by appointment; firings unique by (appointment, rule,
// occurrence) with no second index.
extern const char kSchemaV9[];
// Version 10 over version 9: appointment_index, one B-tree clustered by
// appointment over its timers, firings, messages, timeline and status
// history, written by the store beside each row, where firings and
// messages are unique per (rule, appointment, occurrence); the per-table
// by-appointment indexes, the unique ones of firings and messages and
// messages by customer (found through the customer's appointments) are
// gone.
extern const char kSchemaV10[];
// Version 11 over version 10: appointments_active indexes only booked and
// pending appointments (those its queries list); status_use counts each
// status's appointments in place of the index by status.
extern const char kSchemaV11[];
// Version 12 over version 11: a firing that created a message is kept in
// the message's row (messages.fired_at), its appointment_index entry
// naming the message; messages and firings share one id sequence.
extern const char kSchemaV12[];
// Version 13 over version 12: a fired message's row keeps its
// "message_queued" timeline entry, and its firing key entry alone indexes
// it; timeline rows share the id sequence of messages and firings.
extern const char kSchemaV13[];

// A stored timer's id is (due << kTimerSeqBits) + its order among the
// timers due in that second, so rowid order is due order. The SQL of
// kSchemaV9 and of the timer statements spells this as 24. Dues outside
// [kMinTimerDue, kMaxTimerDue] (about ±17,000 years) cannot be stored.
inline constexpr int kTimerSeqBits = 24;
inline constexpr int64_t kMinTimerDue =
    std::numeric_limits<int64_t>::min() >> kTimerSeqBits;
inline constexpr int64_t kMaxTimerDue =
    (std::numeric_limits<int64_t>::max() >> kTimerSeqBits) - 1;

// The kinds of row appointment_index finds by appointment (kSchemaV10
// says what key1 and key2 hold for each; kSchemaV12, which message's row
// a negative firing row_id names; kSchemaV13, that such a message has no
// kind 3 entry of its own).
enum class IndexedKind {
  kTimer = 1,
  kFiring = 2,
  kMessage = 3,
  kTimelineEntry = 4,
  kStatusChange = 5,
};

// The queries whose plans matter most (bound as documented in
// sqlite_store.cc); exposed so tests can EXPLAIN QUERY PLAN them.
// ?1 resource, ?2 window.start, ?3 window.end.
extern const char kListActiveAppointmentsSql[];
// As kListActiveAppointmentsSql, for pending appointments.
extern const char kListPendingAppointmentsSql[];
// ?1 resource, ?2 window.start, ?3 window.end.
extern const char kListBlocksSql[];

// The statements a SqliteStore prepares once per connection, by id. In
// each, parameter ?N binds column N-1 of the table's SELECT column list.
enum Stmt {
  kBegin,
  kBeginImmediate,
  kCommit,
  kRollback,
  kDataVersion,
  kInsertResource,
  kUpdateResource,
  kGetResource,
  kListResources,
  kInsertBlock,
  kBumpBlockSpan,
  kDeleteBlock,
  kGetBlock,
  kListBlocks,
  kInsertService,
  kUpdateService,
  kGetService,
  kListServices,
  kInsertCustomer,
  kUpdateCustomer,
  kGetCustomer,
  kInsertAppointment,
  kUpdateAppointment,
  kUpdateAppointmentSameCustomerEntry,
  kUpdateAppointmentUnindexed,
  kBumpAppointmentSpan,
  kGetAppointment,
  kListActive,
  kListPending,
  kCountStatusAppointments,
  kAddStatusUse,
  kListCustomerAppointments,
  kCountAppointments,
  kInsertTimeline,
  kListTimeline,
  kInsertRule,
  kUpdateRule,
  kDeleteRule,
  kGetRule,
  kListRules,
  kDeleteRuleTemplates,
  kInsertRuleTemplate,
  kListRuleTemplates,
  kGetSettings,
  kPutSettings,
  kIndexRow,
  kIndexRowIfFree,
  kInsertTimer,
  kUnindexTimer,
  kDeleteTimer,
  kDeleteAppointmentTimers,
  kUnindexAppointmentTimers,
  kUnindexRuleTimers,
  kDeleteRuleTimers,
  kListAppointmentTimers,
  kListDueTimers,
  kNextTimerDue,
  kCountTimers,
  kInsertFiring,
  kDeleteFiring,
  kFindFiring,
  kFindMessageKey,
  kGetFiring,
  kGetMessageFiring,
  kListAppointmentFirings,
  kNextLogId,
  kInsertMessage,
  kDeleteMessage,
  kUpdateMessage,
  kGetMessage,
  kListSendableMessages,
  kNextMessageDue,
  kListAppointmentMessages,
  kMessageCustomer,
  kListCustomerMessages,
  kCountMessages,
  kInsertChain,
  kUpdateChain,
  kDeleteChain,
  kListChains,
  kInsertStatus,
  kDeleteChainStatuses,
  kListChainStatuses,
  kGetWorkflowSettings,
  kPutWorkflowSettings,
  kListServiceChains,
  kDeleteServiceChains,
  kInsertServiceChain,
  kInsertStatusChange,
  kListStatusHistory,
  kInsertConfirmToken,
  kFindConfirmToken,
  kUpdateConfirmToken,
  kUpdateConfirmTokenUnindexed,
  kSupersedeConfirmTokens,
  kGetConfirmationSettings,
  kPutConfirmationSettings,
  kInsertTaskRule,
  kUpdateTaskRule,
  kDeleteTaskRule,
  kListTaskRules,
  kInsertTask,
  kUpdateTask,
  kGetTask,
  kListAppointmentTasks,
  kListAssigneeTasks,
  kListStateTasks,
  kListTasks,
  kInsertPlan,
  kUpdatePlan,
  kListPlans,
  kInsertMembership,
  kUpdateMembership,
  kGetMembership,
  kListCustomerMemberships,
  kListExpiringMemberships,
  kNextMembershipExpiry,
  kInsertPipeline,
  kUpdatePipeline,
  kDeletePipeline,
  kListPipelines,
  kInsertStage,
  kDeletePipelineStages,
  kListPipelineStages,
  kInsertStageRule,
  kDeletePipelineRules,
  kListPipelineRules,
  kInsertDeal,
  kUpdateDeal,
  kGetDeal,
  kListPipelineDeals,
  kListStageDeals,
  kListCustomerDeals,
  kListAllDeals,
  kCountDealsByStage,
  kInsertDealLink,
  kFindAppointmentDeal,
  kListDealAppointments,
  kFindMembershipDeal,
  kInsertDealEntry,
  kListDealEntries,
  kResourceExists,
  kServiceExists,
  kCustomerExists,
  kAppointmentExists,
  kPipelineExists,
  kDealExists,
  kNumStmts
};
extern const char* const kStatementSql[kNumStmts];

// One schema version: the SQL that brings version - 1 to it.
struct Migration {
  int version;
  const char* sql;
};
// Every version in order (sqlite_migrations.cc); append only.
std::span<const Migration> Migrations();

// Sets the connection's pragmas: page size kNewFilePageSize (effective
// only on a file with no pages yet), busy timeout, WAL, synchronous per
// `options.durability`, foreign keys on. `path` is for messages only.
absl::Status ApplyPragmas(sqlite3* db, const SqliteOptions& options,
                          absl::string_view path = "");

// Brings the schema to kCurrentSchemaVersion: every pending migration runs
// in one BEGIN IMMEDIATE transaction, together with the new user_version.
// A file from a newer build fails with FailedPrecondition. Reads only
// user_version when the schema is current (no scans).
absl::Status Migrate(sqlite3* db, absl::string_view path);

// Maps a SQLite result code to a Status whose message names `what`, the
// path and SQLite's message (taken from `db` when not null).
absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what,
                         absl::string_view path);

// Compact text encodings. Encode never fails; Decode returns false on any
// malformed input (the caller reports DataLoss naming the column and row).
//  weekly hours: 7 ';'-separated days, each a ','-separated list of
//                "start-end" minutes, e.g. "540-720,780-1020;;;;;;".
//  exceptions:   ';'-separated "Y/M/D:" followed by spans as above,
//                e.g. "2027/4/25:;2027/5/2:540-720".
//  ids:          ','-separated integers, e.g. "1,2,3".
std::string EncodeWeeklyHours(const WeeklyHours& hours);
bool DecodeWeeklyHours(absl::string_view text, WeeklyHours* out);
std::string EncodeExceptions(const std::vector<DateException>& exceptions);
bool DecodeExceptions(absl::string_view text, std::vector<DateException>* out);
std::string EncodeIds(const std::vector<int64_t>& ids);
//  fields:       each key and value as "<byte length>:<bytes>", e.g.
//                "3:crm5:B-123" for {crm: B-123}.
std::string EncodeFields(const std::vector<IntegrationField>& fields);
bool DecodeFields(absl::string_view text, std::vector<IntegrationField>* out);
bool DecodeIds(absl::string_view text, std::vector<int64_t>* out);

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_SQLITE_SCHEMA_H_
