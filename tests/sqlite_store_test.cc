// SQLite-only checks of the store's file: pragmas, schema version and
// migration, query plans, reopening, two stores on one file, the encoding
// of nested columns.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "appt/store.h"
#include "storage/sqlite/sqlite_schema.h"
#include "store_test_util.h"

namespace appt {
namespace {

using namespace store_test;  // NOLINT: the shared records and helpers
using Mode = Store::Mode;
using std::chrono::seconds;

// SQLite only: the file itself.
class SqliteFileTest : public ::testing::Test {
 protected:
  std::string Path() const { return dir_.File("appt.db"); }
  // Runs `sql` on a raw connection to the file; returns the first column of
  // every row, as text.
  std::vector<std::string> Raw(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const int col = sqlite3_column_count(stmt) - 1;  // EQP: detail is last
      const auto* text = sqlite3_column_text(stmt, col);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sql << ": " << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }
  // Takes a new file back to version 12's schema (kSchemaV13 undone).
  void UndoVersionThirteen() {
    for (const char* column : {"timeline_actor_kind", "timeline_actor_id",
                               "timeline_kind", "timeline_details"}) {
      Raw(absl::StrCat("ALTER TABLE messages DROP COLUMN ", column));
    }
    Raw("PRAGMA user_version = 12");
  }
  // Takes a current file whose firings are all rows of `firings` back to
  // version 11's schema (kSchemaV12 undone).
  void UndoVersionTwelve() {
    UndoVersionThirteen();
    Raw("ALTER TABLE messages DROP COLUMN fired_at");
    Raw("PRAGMA user_version = 11");
  }
  // Takes such a file back to version 10's schema (kSchemaV11 undone too).
  void UndoVersionEleven() {
    UndoVersionTwelve();
    for (const char* sql :
         {"DROP TABLE status_use", "DROP INDEX appointments_active",
          "CREATE INDEX appointments_active ON appointments(resource_id, "
          "state, blocked_start, id, blocked_end)",
          "CREATE INDEX appointments_by_status ON appointments(status_id) "
          "WHERE status_id <> 0",
          "PRAGMA user_version = 10"}) {
      Raw(sql);
    }
  }
  // Rule 4's message at `occurrence` for appointment 1 and customer 1.
  static Message MessageOfRuleFour(int64_t occurrence) {
    Message m;
    m.idempotency_key = absl::StrCat("r4-a1-o", occurrence);
    m.rule_id = 4;
    m.occurrence = occurrence;
    m.appointment_id = 1;
    m.customer_id = 1;
    m.recipient = "ana@example.com";
    return m;
  }
  // Creates the file with resource 1, service 1, customer 1 and
  // appointment 1.
  void WriteOneAppointment() {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->InsertService(MakeService({1})).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(1), T(2))).status());
    ASSERT_OK(tx->Commit());
  }
  TempDir dir_;
};

TEST_F(SqliteFileTest, ReopeningKeepsDataAndSetsFormat) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  SqliteOptions options;
  options.create_if_missing = false;
  options.durability = Durability::kFull;
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path(), options));
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  Resource r = MakeResource();
  r.id = 1;
  EXPECT_EQ(tx->GetResource(1).value(), r);
  EXPECT_EQ(tx->CountAppointments().value_or(-1), 1);
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                std::to_string(sqlite_internal::kCurrentSchemaVersion)});
  EXPECT_EQ(Raw("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
}

TEST_F(SqliteFileTest, VersionOneFileIsMigratedKeepingItsRows) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(db, sqlite_internal::kSchemaV1, nullptr, nullptr, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA user_version = 1;"
                           "INSERT INTO resources (id, name, time_zone, "
                           "weekly_hours, exceptions, notification_email, "
                           "responsible_agent, external_id) VALUES (1, 'R', "
                           "'UTC', ';;;;;;', '', '', '', '');"
                           "INSERT INTO appointments VALUES (7, 1, 1, 1, "
                           "1803859200, 1803861000, 1803859200, 1803861000, "
                           "0, 0, 1803800000, 1803800000, '', 'ext-7', '');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                std::to_string(sqlite_internal::kCurrentSchemaVersion)});
  EXPECT_EQ(Raw("PRAGMA index_info(appointments_active)"),
            (std::vector<std::string>{"resource_id", "state", "blocked_start",
                                      "id", "blocked_end"}));
  EXPECT_EQ(Raw("SELECT max_appointment_seconds FROM resources"),
            std::vector<std::string>{"1800"});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  ASSERT_OK_AND_ASSIGN(auto list, tx->ListActiveAppointments(1, {T(0), T(1)}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, 7);
  EXPECT_EQ(list[0].external_id, "ext-7");
}

TEST_F(SqliteFileTest, VersionFiveRulesKeepTellingOfEveryCancellation) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    for (const char* sql :
         {sqlite_internal::kSchemaV1, sqlite_internal::kSchemaV2,
          sqlite_internal::kSchemaV3, sqlite_internal::kSchemaV4,
          sqlite_internal::kSchemaV5}) {
      ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    }
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA user_version = 5;"
                           "INSERT INTO message_rules VALUES (3, 'c', 3, 1, "
                           "0, '', '0', '', 0, NULL, NULL, 3600, '');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  ASSERT_OK_AND_ASSIGN(MessageRule rule, tx->GetRule(3));
  // Before R5.5 a cancelled rule told of every cancellation; it still does.
  EXPECT_EQ(
      rule.cancelled_by,
      (std::vector<Actor::Kind>{Actor::Kind::kCustomer, Actor::Kind::kStaff,
                                Actor::Kind::kEngine, Actor::Kind::kSystem}));
  EXPECT_EQ(tx->GetConfirmationSettings().value(), ConfirmationSettings{});
  EXPECT_TRUE(tx->ListTasks({}).value().empty());
}

TEST_F(SqliteFileTest, VersionSevenFileGainsPipelinesAndDeals) {
  MembershipId id = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    Customer c;
    c.name = "Anna";
    ASSERT_OK_AND_ASSIGN(CustomerId customer, tx->InsertCustomer(c));
    ASSERT_OK_AND_ASSIGN(PlanId plan, tx->InsertPlan({0, "P", {1}}));
    Membership m;
    m.plan_id = plan;
    m.customer_id = customer;
    m.certificate_number = "M1";
    m.expires_at = Instant(std::chrono::seconds(1803859200));
    ASSERT_OK_AND_ASSIGN(id, tx->InsertMembership(m));
    ASSERT_OK(tx->Commit());
  }
  // Back to the shape of version 7: the per-table indexes by appointment
  // instead of appointment_index, no CRM tables, no expiry index.
  UndoVersionEleven();
  for (const char* sql :
       {"DROP TABLE appointment_index",
        "CREATE INDEX timeline_by_appointment ON timeline(appointment_id)",
        "CREATE INDEX messages_by_appointment ON messages(appointment_id)",
        "CREATE INDEX messages_by_customer ON messages(customer_id)",
        "CREATE INDEX status_history_by_appointment "
        "ON status_history(appointment_id)",
        "DROP TABLE deal_entries", "DROP TABLE deal_appointments",
        "DROP TABLE deals", "DROP TABLE stage_rules",
        "DROP TABLE pipeline_stages", "DROP TABLE pipelines",
        "DROP INDEX memberships_by_expiry", "PRAGMA user_version = 7"}) {
    Raw(sql);
  }
  ASSERT_EQ(Raw("PRAGMA user_version"), std::vector<std::string>{"7"});
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                std::to_string(sqlite_internal::kCurrentSchemaVersion)});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  ASSERT_OK_AND_ASSIGN(auto expiring,
                       tx->ListExpiringMemberships(
                           Instant(std::chrono::seconds(1803859200)), 10));
  ASSERT_EQ(expiring.size(), 1u);
  EXPECT_EQ(expiring[0].id, id);
  EXPECT_TRUE(tx->ListPipelines().value().empty());
  ASSERT_OK_AND_ASSIGN(Pipeline p, tx->InsertPipeline(OneTimePipelinePreset()));
  EXPECT_EQ(p.stages.size(), 4u);
}

// Writes a version 8 file by versions 1 to 8's own DDL: appointment 1 with
// timers (ids in insertion order, indexes by due, by appointment and by
// rule), firings, and `messages` (SQL run after the version 8 DDL).
void WriteVersionEightFile(const std::string& path, const char* messages) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  for (const char* sql :
       {sqlite_internal::kSchemaV1,
        "INSERT INTO resources (id, name, time_zone, weekly_hours, "
        "exceptions, notification_email, responsible_agent, external_id) "
        "VALUES (1, 'R', 'UTC', ';;;;;;', '', '', '', '');"
        "INSERT INTO customers VALUES (1, 'C', '', '', 'en', 'UTC', NULL, "
        "NULL, NULL, NULL, '');"
        "INSERT INTO appointments VALUES (1, 1, 1, 1, 1803859200, "
        "1803861000, 1803859200, 1803861000, 0, 0, 1803800000, 1803800000, "
        "'', '', '');",
        sqlite_internal::kSchemaV2, sqlite_internal::kSchemaV3,
        sqlite_internal::kSchemaV4, sqlite_internal::kSchemaV5,
        sqlite_internal::kSchemaV6, sqlite_internal::kSchemaV7,
        sqlite_internal::kSchemaV8,
        // Due 900, 100, 900, -100 (before 1970) seconds.
        "INSERT INTO timers VALUES (1, 0, 5, 1, 11, 900, 900), "
        "(2, 0, 6, 1, 12, 100, 100), (3, 1, 5, 1, 13, 800, 900), "
        "(4, 0, 7, 1, 14, -100, -100);"
        "INSERT INTO firings VALUES (8, 5, 1, 10, 50, 1, 0, 'why'), "
        "(9, 6, 1, 10, 40, 0, 3, '');",
        messages, "PRAGMA user_version = 8;"}) {
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  sqlite3_close(db);
}

// Two messages of rule 5 for appointment 1, with occurrences 3 and `second`
// (created at 100 and 50, queued; the second's key text is not the
// engine's), as version 4's DDL stores them.
std::string VersionFourMessages(int second) {
  return absl::StrCat(
      "INSERT INTO messages VALUES (10, 'r5-a1-o3', 5, 3, 6, 0, 1, 1, 0, "
      "'a@example.com', 'en', 's', 'b', '', 0, 0, 100, 100, 100, '', ''), "
      "(11, 'message 11', 5, ",
      second,
      ", 6, 0, 1, 1, 0, 'a@example.com', 'en', 's', 'b', '', 0, 0, 50, 50, "
      "50, '', '');");
}

TEST_F(SqliteFileTest, VersionEightTimersAndFiringsAreRebuiltInDueOrder) {
  ASSERT_NO_FATAL_FAILURE(
      WriteVersionEightFile(Path(), VersionFourMessages(4).c_str()));
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                std::to_string(sqlite_internal::kCurrentSchemaVersion)});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  ASSERT_OK_AND_ASSIGN(auto due, tx->ListDueTimers(Instant(seconds(900)), 10));
  std::vector<int64_t> occurrences;
  for (const Timer& t : due) occurrences.push_back(t.occurrence);
  ASSERT_EQ(occurrences, (std::vector<int64_t>{14, 12, 11, 13}));
  EXPECT_EQ(due[2].id, int64_t{900} << sqlite_internal::kTimerSeqBits);
  EXPECT_EQ(due[3].id, due[2].id + 1);
  EXPECT_EQ(due[3].nominal_due, Instant(seconds(800)));
  EXPECT_EQ(due[3].kind, TimerKind::kTask);
  EXPECT_EQ(due[0].due, Instant(seconds(-100)));
  EXPECT_EQ(tx->NextTimerDue().value(),
            std::optional<Instant>(Instant(seconds(-100))));
  EXPECT_EQ(tx->ListDueTimers(Instant(seconds(899)), 10).value().size(), 2u);
  // A new timer of an occupied second takes the next id of that second.
  Timer later = due[2];
  later.id = 0;
  later.occurrence = 15;
  ASSERT_OK_AND_ASSIGN(TimerId id, tx->InsertTimer(later));
  EXPECT_EQ(id, due[3].id + 1);
  // Bounds beyond what an id holds: every timer, none, or refused.
  EXPECT_EQ(tx->ListDueTimers(Instant::max(), 10).value().size(), 5u);
  EXPECT_TRUE(tx->ListDueTimers(Instant::min(), 10).value().empty());
  later.due = Instant::max();
  EXPECT_TRUE(absl::IsInvalidArgument(tx->InsertTimer(later).status()));
  ASSERT_OK_AND_ASSIGN(auto firings, tx->ListAppointmentFirings(1));
  ASSERT_EQ(firings.size(), 2u);
  EXPECT_EQ(firings[0].id, 9);  // by time
  EXPECT_EQ(firings[1].reason, "why");
  EXPECT_TRUE(tx->FindFiring(5, 1, 10).value().has_value());
  Firing again = firings[1];
  again.id = 0;
  EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertFiring(again).status()));
  // Messages are listed by creation and stay sendable; one per (rule,
  // appointment, occurrence).
  ASSERT_OK_AND_ASSIGN(auto messages, tx->ListAppointmentMessages(1));
  EXPECT_EQ(Ids(messages), (std::vector<int64_t>{11, 10}));
  EXPECT_EQ(Ids(tx->ListCustomerMessages(1).value()),
            (std::vector<int64_t>{11, 10}));
  EXPECT_EQ(Ids(tx->ListSendableMessages(Instant(seconds(100)), 10).value()),
            (std::vector<int64_t>{11, 10}));
  Message again_message = messages[1];
  again_message.idempotency_key = "another text";
  EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertMessage(again_message).status()));
  tx.reset();
  // Version 10 finds timers and firings through appointment_index alone;
  // messages keep only their sendable index.
  EXPECT_TRUE(Raw("SELECT name FROM sqlite_schema WHERE tbl_name IN "
                  "('timers', 'firings') AND type = 'index'")
                  .empty());
  EXPECT_EQ(Raw("SELECT name FROM sqlite_schema WHERE tbl_name = 'messages' "
                "AND type = 'index'"),
            std::vector<std::string>{"messages_sendable"});
}

// Messages that share (rule, appointment, occurrence), which only a writer
// other than the engine could have stored, stop the migration with a
// check that names them; the file stays at its version.
TEST_F(SqliteFileTest, MessagesSharingTheirTripleStopTheMigration) {
  ASSERT_NO_FATAL_FAILURE(
      WriteVersionEightFile(Path(), VersionFourMessages(3).c_str()));
  auto store = OpenSqliteStore(Path());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_NE(store.status().message().find(
                "messages_sharing_rule_appointment_occurrence"),
            std::string::npos)
      << store.status();
  EXPECT_EQ(Raw("PRAGMA user_version"), std::vector<std::string>{"8"});
  EXPECT_EQ(Raw("SELECT count(*) FROM messages"),
            std::vector<std::string>{"2"});
}

// Everything an appointment owns, as the store lists it.
struct Owned {
  std::vector<TimelineEntry> timeline;
  std::vector<StatusChange> history;
  std::vector<Message> messages;
  std::vector<Message> customer_messages;
  std::vector<Firing> firings;
  std::vector<Timer> timers;
  friend bool operator==(const Owned&, const Owned&) = default;
};

Owned ListOwned(StoreTransaction& tx, AppointmentId a, CustomerId c) {
  return {tx.ListTimeline(a).value(),
          tx.ListStatusHistory(a).value(),
          tx.ListAppointmentMessages(a).value(),
          tx.ListCustomerMessages(c).value(),
          tx.ListAppointmentFirings(a).value(),
          tx.ListAppointmentTimers(a).value()};
}

// A version 9 file (per-table indexes by appointment, firings unique in
// their own index, messages by customer) gains appointment_index with an
// entry for every row, so each listing reads as it did.
TEST_F(SqliteFileTest, VersionNineRowsAreFoundThroughTheAppointmentIndex) {
  Owned first, second;
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->InsertService(MakeService({1})).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(1), T(2))).status());
    ASSERT_OK(
        tx->InsertAppointment(
              MakeAppointment(1, T(3), T(4), AppointmentState::kBooked, 2))
            .status());
    for (const auto& [a, c, at] :
         {std::tuple{1, 1, 5}, {2, 2, 4}, {1, 1, 3}, {1, 1, 5}, {2, 2, 9}}) {
      ASSERT_OK(
          tx->AppendTimeline({.appointment_id = a, .at = T(at), .kind = "x"})
              .status());
      ASSERT_OK(tx->AppendStatusChange(
                      {.appointment_id = a, .at = T(10 - at), .to_status = "s"})
                    .status());
      Message m;
      m.idempotency_key =
          absl::StrCat("k", a, "-", at, "-", tx->CountMessages().value());
      m.rule_id = 7;
      m.occurrence = tx->CountMessages().value();
      m.appointment_id = a;
      m.customer_id = c;
      m.created_at = T(at);
      ASSERT_OK(tx->InsertMessage(m).status());
      ASSERT_OK(
          tx->InsertFiring({0, 7, a, at + 100 * tx->CountMessages().value(),
                            T(at), FiringOutcome::kSkipped, 0, "x"})
              .status());
      for (TimerKind kind : {TimerKind::kMessage, TimerKind::kTask}) {
        ASSERT_OK(
            tx->InsertTimer({0, kind, 7, a, at, T(at), T(20 - at)}).status());
      }
    }
    first = ListOwned(*tx, 1, 1);
    second = ListOwned(*tx, 2, 2);
    ASSERT_OK(tx->Commit());
  }
  ASSERT_EQ(first.timeline.size(), 3u);
  ASSERT_EQ(first.timers.size(), 6u);
  UndoVersionEleven();
  for (const char* sql :
       {"DROP TABLE appointment_index",
        "CREATE INDEX timers_by_appointment ON timers(appointment_id)",
        "CREATE UNIQUE INDEX firings_key "
        "ON firings(appointment_id, rule_id, occurrence)",
        "CREATE INDEX timeline_by_appointment ON timeline(appointment_id)",
        "CREATE INDEX messages_by_appointment ON messages(appointment_id)",
        "CREATE INDEX messages_by_customer ON messages(customer_id)",
        "CREATE INDEX status_history_by_appointment "
        "ON status_history(appointment_id)",
        "PRAGMA user_version = 9"}) {
    Raw(sql);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("SELECT name FROM sqlite_schema WHERE name IN "
                "('timers_by_appointment', 'firings_key', "
                "'timeline_by_appointment', 'messages_by_appointment', "
                "'messages_by_customer', 'status_history_by_appointment')"),
            std::vector<std::string>{});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  EXPECT_EQ(ListOwned(*tx, 1, 1), first);
  EXPECT_EQ(ListOwned(*tx, 2, 2), second);
  // The firing key stays unique; timers of one kind go with their entries.
  Firing again = first.firings[0];
  again.id = 0;
  EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertFiring(again).status()));
  ASSERT_OK(tx->DeleteAppointmentTimers(1, TimerKind::kTask));
  ASSERT_OK(tx->DeleteTimer(first.timers[0].id));
  EXPECT_EQ(tx->ListAppointmentTimers(1).value().size(), 2u);
  EXPECT_EQ(tx->ListAppointmentTimers(2).value(), second.timers);
  ASSERT_OK(tx->DeleteRuleTimers(TimerKind::kMessage, 7));
  EXPECT_EQ(tx->CountTimers().value(), 2);
  ASSERT_OK(tx->Commit());
  tx.reset();
  EXPECT_EQ(Raw("SELECT count(*) FROM appointment_index WHERE kind = 1"),
            std::vector<std::string>{"2"});
}

// Version 10 indexed every appointment as active-or-not and by status;
// version 11 indexes only held ones and counts statuses in status_use.
TEST_F(SqliteFileTest, VersionTenFileGetsHeldIndexAndStatusCounts) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->InsertService(MakeService({1})).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    const AppointmentState states[] = {
        AppointmentState::kBooked, AppointmentState::kCancelled,
        AppointmentState::kPending, AppointmentState::kAttended,
        AppointmentState::kNoShow};
    for (int i = 0; i < 10; ++i) {
      Appointment a = MakeAppointment(1, T(i), T(i + 1), states[i % 5]);
      a.status_id = i < 2 ? 0 : 3 + i % 2;
      ASSERT_OK(tx->InsertAppointment(a).status());
    }
    ASSERT_OK(tx->Commit());
  }
  UndoVersionEleven();
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("SELECT name FROM sqlite_schema "
                "WHERE name = 'appointments_by_status'"),
            std::vector<std::string>{});
  EXPECT_EQ(Raw("SELECT status_id || ':' || appointments FROM status_use "
                "ORDER BY status_id"),
            (std::vector<std::string>{"3:4", "4:4"}));
  // The index is partial again; two booked and two pending rows are in it.
  EXPECT_EQ(Raw("SELECT sql LIKE '%WHERE state = 0 OR state = 4' FROM "
                "sqlite_schema WHERE name = 'appointments_active'"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(Raw("SELECT count(*) FROM appointments INDEXED BY "
                "appointments_active WHERE resource_id = 1 AND state = 0"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(Raw("SELECT count(*) FROM appointments INDEXED BY "
                "appointments_active WHERE resource_id = 1 AND state = 4"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(Raw("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  EXPECT_EQ(tx->CountStatusAppointments(3).value_or(-1), 4);
  EXPECT_EQ(tx->CountStatusAppointments(5).value_or(-1), 0);
  Appointment a = tx->GetAppointment(3).value();
  a.status_id = 5;
  ASSERT_OK(tx->UpdateAppointment(a));
  EXPECT_EQ(tx->CountStatusAppointments(3).value_or(-1), 3);
  EXPECT_EQ(tx->CountStatusAppointments(5).value_or(-1), 1);
}

// An entry that cannot be written (here: taken by a stray raw row) leaves
// its row unfindable, so the transaction cannot commit.
TEST_F(SqliteFileTest, ARowWithoutItsIndexEntryCannotCommit) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  // The key timeline entry 2, at T(7), of appointment 1 will need.
  Raw(absl::StrCat("INSERT INTO appointment_index VALUES (1, 4, ",
                   T(7).time_since_epoch().count(), ", 2, 2)"));
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->AppendTimeline({.appointment_id = 1, .at = T(0)}).status());
    auto failed = tx->AppendTimeline({.appointment_id = 1, .at = T(7)});
    EXPECT_FALSE(failed.ok());
    const absl::Status commit = tx->Commit();
    EXPECT_FALSE(commit.ok());
    EXPECT_NE(commit.message().find("index entry"), std::string::npos)
        << commit;
  }
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  EXPECT_TRUE(tx->ListTimeline(1).value().empty());
  EXPECT_EQ(Raw("SELECT count(*) FROM timeline"),
            std::vector<std::string>{"0"});
}

// A status count that cannot be written would be wrong from then on, so
// the transaction cannot commit, and the row keeps its old status.
TEST_F(SqliteFileTest, AFailedStatusCountCannotCommit) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  Raw("CREATE TRIGGER no_counts BEFORE INSERT ON status_use BEGIN "
      "SELECT RAISE(ABORT, 'counts refused'); END");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    Appointment a = tx->GetAppointment(1).value();
    a.status_id = 5;
    const absl::Status update = tx->UpdateAppointment(a);
    EXPECT_NE(update.message().find("counts refused"), std::string::npos)
        << update;
    const absl::Status commit = tx->Commit();
    EXPECT_NE(commit.message().find("counts refused"), std::string::npos)
        << commit;
  }
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  EXPECT_EQ(tx->GetAppointment(1).value().status_id, 0);
  EXPECT_EQ(Raw("SELECT count(*) FROM status_use"),
            std::vector<std::string>{"0"});
}

// A resource's span bound is what lets a listing reach back to a long
// appointment or block: a row written without it cannot commit.
TEST_F(SqliteFileTest, AFailedSpanBoundCannotCommit) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  Raw("CREATE TRIGGER no_spans BEFORE UPDATE OF max_appointment_seconds, "
      "max_block_seconds ON resources BEGIN "
      "SELECT RAISE(ABORT, 'spans refused'); END");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  {  // A longer appointment than any before.
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    const auto id = tx->InsertAppointment(MakeAppointment(1, T(30), T(40)));
    EXPECT_NE(id.status().message().find("spans refused"), std::string::npos)
        << id.status();
    const absl::Status commit = tx->Commit();
    EXPECT_NE(commit.message().find("spans refused"), std::string::npos)
        << commit;
  }
  {  // A second resource, whose bound is still 0 (no trigger on insert).
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->Commit());
  }
  // An existing appointment made longer; moved, as it is, to resource 2.
  for (const bool move : {false, true}) {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    Appointment a = tx->GetAppointment(1).value();
    if (move) {
      a.resource_id = 2;
    } else {
      a.blocked.end = a.blocked.start + hours(12);
    }
    const absl::Status update = tx->UpdateAppointment(a);
    EXPECT_NE(update.message().find("spans refused"), std::string::npos)
        << update;
    const absl::Status commit = tx->Commit();
    EXPECT_NE(commit.message().find("spans refused"), std::string::npos)
        << commit;
  }
  {  // The first block.
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    const auto id = tx->InsertBlock({0, 1, {T(50), T(60)}, "holiday", ""});
    EXPECT_NE(id.status().message().find("spans refused"), std::string::npos)
        << id.status();
    const absl::Status commit = tx->Commit();
    EXPECT_NE(commit.message().find("spans refused"), std::string::npos)
        << commit;
  }
  EXPECT_EQ(Raw("SELECT count(*) FROM appointments"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(Raw("SELECT resource_id FROM appointments"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(Raw("SELECT blocked_end - blocked_start FROM appointments"),
            std::vector<std::string>{"3600"});
  EXPECT_EQ(Raw("SELECT count(*) FROM blocks"), std::vector<std::string>{"0"});
}

// A second firing or message of one (rule, appointment, occurrence) is
// refused after its row is written, and the row is deleted again; when that
// delete fails the transaction cannot commit the unfindable row.
TEST_F(SqliteFileTest, ARefusedFiringOrMessageLeavesNoRow) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  const Firing firing{0, 4, 1, 7, T(2), FiringOutcome::kSkipped, 0, "no sms"};
  Message message = MessageOfRuleFour(7);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertFiring(firing).status());
    ASSERT_OK(tx->InsertMessage(message).status());
    ASSERT_OK(tx->Commit());
  }
  {  // Read the appointment first: the customer check uses that row.
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK_AND_ASSIGN(Appointment a, tx->GetAppointment(1));
    EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertFiring(firing).status()));
    EXPECT_TRUE(absl::IsAlreadyExists(tx->InsertMessage(message).status()));
    // A fired message of a taken firing key, or of a taken message key.
    const Message fired = MessageOfRuleFour(9);
    ASSERT_OK(tx->InsertFiring(
                    {0, 4, 1, 9, T(2), FiringOutcome::kSkipped, 0, "no email"})
                  .status());
    EXPECT_TRUE(absl::IsAlreadyExists(
        tx->InsertFiredMessage(fired, T(3), QueuedEntry(1, T(3))).status()));
    EXPECT_TRUE(absl::IsAlreadyExists(
        tx->InsertFiredMessage(message, T(3), QueuedEntry(1, T(3))).status()));
    EXPECT_EQ(tx->ListAppointmentMessages(1).value().size(), 1u);
    // Messages and firings share one id sequence (firing 1, message 2,
    // firing 3), and the next rows take the ids the refused ones had.
    Firing next = firing;
    next.occurrence = 8;
    EXPECT_EQ(tx->InsertFiring(next).value(), 4);
    // The row read is the check's: another customer is refused, until the
    // appointment is given to them.
    ASSERT_OK_AND_ASSIGN(const CustomerId other,
                         tx->InsertCustomer(MakeCustomer()));
    Message theirs = message;
    theirs.idempotency_key = "r4-a1-o8";
    theirs.occurrence = 8;
    theirs.customer_id = other;
    EXPECT_TRUE(absl::IsInvalidArgument(tx->InsertMessage(theirs).status()));
    a.customer_id = other;
    ASSERT_OK(tx->UpdateAppointment(a));
    EXPECT_EQ(tx->InsertMessage(theirs).value(), 5);
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(Raw("SELECT count(*) FROM firings"), std::vector<std::string>{"3"});
  EXPECT_EQ(Raw("SELECT count(*) FROM messages"),
            std::vector<std::string>{"2"});
  EXPECT_EQ(Raw("SELECT count(*) FROM appointment_index WHERE kind IN (2, 3)"),
            std::vector<std::string>{"5"});
  message.customer_id = 2;  // the appointment's customer now
  for (const char* table : {"firings", "messages"}) {
    Raw(absl::StrCat("CREATE TRIGGER no_undo_", table, " BEFORE DELETE ON ",
                     table, " BEGIN SELECT RAISE(ABORT, 'undo refused'); END"));
  }
  Message fired = message;  // its firing key (occurrence 9) is taken
  fired.idempotency_key = "r4-a1-o9";
  fired.occurrence = 9;
  const std::vector<std::function<absl::Status(StoreTransaction&)>> refusals = {
      [&](StoreTransaction& tx) { return tx.InsertFiring(firing).status(); },
      [&](StoreTransaction& tx) { return tx.InsertMessage(message).status(); },
      [&](StoreTransaction& tx) {
        return tx.InsertFiredMessage(fired, T(3), QueuedEntry(1, T(3)))
            .status();
      }};
  for (const auto& refuse : refusals) {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    const absl::Status refused = refuse(*tx);
    EXPECT_NE(refused.message().find("undo refused"), std::string::npos)
        << refused;
    const absl::Status commit = tx->Commit();
    EXPECT_NE(commit.message().find("undo refused"), std::string::npos)
        << commit;
  }
  EXPECT_EQ(Raw("SELECT count(*) FROM firings"), std::vector<std::string>{"3"});
  EXPECT_EQ(Raw("SELECT count(*) FROM messages"),
            std::vector<std::string>{"2"});
}

// A version 11 file's firings and messages are numbered each from 1; from
// version 12 on, a fired message keeps its firing in its row, and new
// messages and firings take ids above both tables' greatest, so every
// firing's id stays unique.
TEST_F(SqliteFileTest, VersionElevenFileKeepsItsFiringsBesideFiredMessages) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  UndoVersionTwelve();
  for (const char* sql :
       {"INSERT INTO messages VALUES (1, 'r4-a1-o1', 4, 1, 0, 0, 1, 1, 0, "
        "'ana@example.com', 'en', 's', 'b', '', 0, 0, 5, 5, 5, '', '')",
        "INSERT INTO firings VALUES (1, 4, 1, 1, 5, 0, 1, '')",
        "INSERT INTO firings VALUES (4, 4, 1, 5, 6, 1, 0, 'x')",
        "INSERT INTO appointment_index VALUES (1, 3, 4, 1, 1)",
        "INSERT INTO appointment_index VALUES (1, 2, 4, 1, 1)",
        "INSERT INTO appointment_index VALUES (1, 2, 4, 5, 4)"}) {
    Raw(sql);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                absl::StrCat(sqlite_internal::kCurrentSchemaVersion)});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  ASSERT_OK_AND_ASSIGN(
      const MessageId fired,
      tx->InsertFiredMessage(MessageOfRuleFour(2), T(9), QueuedEntry(1, T(9))));
  EXPECT_EQ(fired, 5);  // above firing 4, the greater greatest
  ASSERT_OK_AND_ASSIGN(
      const FiringId skipped,
      tx->InsertFiring({0, 4, 1, 3, T(8), FiringOutcome::kSkipped, 0, "x"}));
  EXPECT_EQ(skipped, 6);
  EXPECT_TRUE(absl::IsAlreadyExists(
      tx->InsertFiring({0, 4, 1, 2, T(9), FiringOutcome::kSkipped, 0, "x"})
          .status()));
  const Firing kept{fired, 4, 1, 2, T(9), FiringOutcome::kCreated, fired, ""};
  EXPECT_EQ(tx->FindFiring(4, 1, 2).value(), kept);
  EXPECT_EQ(tx->FindFiring(4, 1, 1).value()->id, 1);
  EXPECT_EQ(tx->FindFiring(4, 1, 4).value(), std::nullopt);
  ASSERT_OK_AND_ASSIGN(const auto firings, tx->ListAppointmentFirings(1));
  ASSERT_EQ(firings.size(), 4u);
  EXPECT_EQ(firings[0].id, 1);  // by (at, id): 5 s, 6 s, then T(8), T(9)
  EXPECT_EQ(firings[1].id, 4);
  EXPECT_EQ(firings[2].id, skipped);
  EXPECT_EQ(firings[3], kept);
  ASSERT_OK(tx->Commit());
  EXPECT_EQ(Raw("SELECT count(*) FROM firings"), std::vector<std::string>{"3"});
  EXPECT_EQ(Raw("SELECT fired_at FROM messages ORDER BY id"),
            (std::vector<std::string>{
                "", std::to_string(T(9).time_since_epoch().count())}));
  // An entry naming a row that is gone is damage, not "never fired".
  Raw("DELETE FROM messages WHERE id = 5");
  ASSERT_OK_AND_ASSIGN(auto read, store->Begin(Mode::kRead));
  const auto damaged = read->FindFiring(4, 1, 2);
  EXPECT_TRUE(absl::IsDataLoss(damaged.status())) << damaged.status();
}

// A fired message's row keeps its timeline entry (schema version 13): no
// timeline row and no message key entry of its own; the entry's id is the
// message's, from the sequence timeline rows share. An entry that is not
// the firing's (another instant) is a timeline row, and when that row
// cannot be written the transaction cannot commit.
TEST_F(SqliteFileTest, AFiredMessageKeepsItsTimelineEntryInItsRow) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    EXPECT_EQ(tx->AppendTimeline({0, 1, T(1), {}, "created", "x"}).value(), 1);
    EXPECT_EQ(
        tx->InsertFiredMessage(MessageOfRuleFour(2), T(9), QueuedEntry(1, T(9)))
            .value(),
        2);
    EXPECT_EQ(tx->InsertFiredMessage(MessageOfRuleFour(3), T(9),
                                     QueuedEntry(1, T(10)))
                  .value(),
              3);  // its entry is timeline row 4
    EXPECT_EQ(tx->AppendTimeline({0, 1, T(9), {}, "note", "y"}).value(), 5);
    // The fired message's firing key is its message key too.
    EXPECT_TRUE(absl::IsAlreadyExists(
        tx->InsertMessage(MessageOfRuleFour(2)).status()));
    // An entry of another appointment is a timeline row; the id the note
    // gives is not the entry's.
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(3), T(4))).status());
    EXPECT_EQ(tx->InsertFiredMessage(MessageOfRuleFour(6), T(9),
                                     [](MessageId id) {
                                       TimelineEntry e =
                                           QueuedEntry(2, T(9))(id);
                                       e.id = 99;
                                       return e;
                                     })
                  .value(),
              6);  // its entry is timeline row 7
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(Raw("SELECT id FROM timeline ORDER BY id"),
            (std::vector<std::string>{"1", "4", "5", "7"}));
  EXPECT_EQ(Raw("SELECT count(*) FROM messages"),
            std::vector<std::string>{"3"});
  EXPECT_EQ(Raw("SELECT kind || ':' || row_id FROM appointment_index WHERE "
                "kind IN (2, 3) ORDER BY key2"),
            (std::vector<std::string>{"2:-2", "2:-3", "2:-6"}));
  EXPECT_EQ(
      Raw("SELECT coalesce(timeline_kind, '-') FROM messages ORDER BY id"),
      (std::vector<std::string>{"message_queued", "-", "-"}));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
    ASSERT_OK_AND_ASSIGN(const auto timeline, tx->ListTimeline(1));
    EXPECT_EQ(Ids(timeline), (std::vector<int64_t>{4, 5, 2, 1}));
    TimelineEntry kept = QueuedEntry(1, T(9))(2);
    kept.id = 2;
    EXPECT_EQ(timeline[2], kept);
    EXPECT_EQ(timeline[0].details, "message 3");
    EXPECT_EQ(Ids(tx->ListAppointmentMessages(1).value()),
              (std::vector<int64_t>{2, 3, 6}));
    EXPECT_EQ(Ids(tx->ListCustomerMessages(1).value()),
              (std::vector<int64_t>{2, 3, 6}));
    ASSERT_OK_AND_ASSIGN(const auto theirs, tx->ListTimeline(2));
    EXPECT_EQ(Ids(theirs), std::vector<int64_t>{7});
    EXPECT_EQ(theirs[0].details, "message 6");
  }
  Raw("CREATE TRIGGER no_timeline BEFORE INSERT ON timeline BEGIN "
      "SELECT RAISE(ABORT, 'timeline refused'); END");
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  // Kept in the row, the entry writes no timeline row.
  ASSERT_OK(
      tx->InsertFiredMessage(MessageOfRuleFour(4), T(9), QueuedEntry(1, T(9)))
          .status());
  const auto unwritten =
      tx->InsertFiredMessage(MessageOfRuleFour(5), T(9), QueuedEntry(1, T(11)));
  EXPECT_NE(unwritten.status().message().find("timeline refused"),
            std::string::npos)
      << unwritten.status();
  const absl::Status commit = tx->Commit();
  EXPECT_NE(commit.message().find("timeline refused"), std::string::npos)
      << commit;
  EXPECT_EQ(Raw("SELECT count(*) FROM messages"),
            std::vector<std::string>{"3"});
}

// A version 12 file's fired messages have a message key entry beside their
// firing key entry, and their timeline entries are rows: version 13
// deletes the first, keeps the rows, and numbers new entries above them.
TEST_F(SqliteFileTest, VersionTwelveFileListsItsFiredMessagesOnce) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  UndoVersionThirteen();
  for (const char* sql :
       {"INSERT INTO messages VALUES (1, 'r4-a1-o1', 4, 1, 0, 0, 1, 1, 0, "
        "'ana@example.com', 'en', 's', 'b', '', 0, 0, 5, 5, 5, '', '', 5)",
        "INSERT INTO appointment_index VALUES (1, 3, 4, 1, 1)",
        "INSERT INTO appointment_index VALUES (1, 2, 4, 1, -1)",
        "INSERT INTO timeline VALUES (7, 1, 5, 2, 'engine', "
        "'message_queued', 'message 1')",
        "INSERT INTO appointment_index VALUES (1, 4, 5, 7, 7)",
        // A message whose firing is a row of `firings` keeps its key.
        "INSERT INTO messages VALUES (2, 'r4-a1-o3', 4, 3, 0, 0, 1, 1, 0, "
        "'ana@example.com', 'en', 's', 'b', '', 0, 0, 6, 6, 6, '', '', NULL)",
        "INSERT INTO appointment_index VALUES (1, 3, 4, 3, 2)"}) {
    Raw(sql);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                absl::StrCat(sqlite_internal::kCurrentSchemaVersion)});
  EXPECT_EQ(Raw("SELECT row_id FROM appointment_index WHERE kind = 3"),
            std::vector<std::string>{"2"});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  EXPECT_EQ(Ids(tx->ListAppointmentMessages(1).value()),
            (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Ids(tx->ListCustomerMessages(1).value()),
            (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Ids(tx->ListTimeline(1).value()), std::vector<int64_t>{7});
  EXPECT_TRUE(
      absl::IsAlreadyExists(tx->InsertMessage(MessageOfRuleFour(1)).status()));
  EXPECT_EQ(
      tx->InsertFiredMessage(MessageOfRuleFour(2), T(9), QueuedEntry(1, T(9)))
          .value(),
      8);  // above timeline row 7, the greatest id of the three tables
  EXPECT_EQ(Ids(tx->ListTimeline(1).value()), (std::vector<int64_t>{8, 7}));
  ASSERT_OK(tx->Commit());
}

// A rule, status chain or pipeline is several statements; when a later one
// fails (here a trigger refuses it), the record is half written and the
// transaction refuses to commit, whatever the caller does with the error.
TEST_F(SqliteFileTest, AHalfWrittenRecordCannotCommit) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  MessageRule rule;
  rule.name = "Reminder";
  rule.templates = {{Channel::kEmail, "", "Your visit", "See you soon"}};
  StatusChain chain;
  chain.name = "Approval";
  chain.statuses = {
      Status{0, "Pending", "", 0, "#9e9e9e", StatusMarker::kStart, true}};
  Pipeline pipeline;
  pipeline.name = "Sales";
  pipeline.stages = {Stage{0, "New", StageKind::kOpen}};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK_AND_ASSIGN(rule.id, tx->InsertRule(rule));
    ASSERT_OK_AND_ASSIGN(chain, tx->InsertStatusChain(chain));
    ASSERT_OK_AND_ASSIGN(pipeline, tx->InsertPipeline(pipeline));
    ASSERT_OK(tx->Commit());
  }
  struct Case {
    const char* table;
    const char* event;
    std::function<absl::Status(StoreTransaction&)> write;
  };
  const std::vector<Case> cases = {
      {"message_templates", "INSERT",
       [&](StoreTransaction& tx) { return tx.InsertRule(rule).status(); }},
      {"message_templates", "INSERT",
       [&](StoreTransaction& tx) { return tx.UpdateRule(rule); }},
      {"statuses", "INSERT",
       [&](StoreTransaction& tx) {
         return tx.InsertStatusChain(chain).status();
       }},
      {"statuses", "INSERT",
       [&](StoreTransaction& tx) {
         return tx.UpdateStatusChain(chain).status();
       }},
      {"status_chains", "DELETE",
       [&](StoreTransaction& tx) { return tx.DeleteStatusChain(chain.id); }},
      {"pipeline_stages", "INSERT",
       [&](StoreTransaction& tx) {
         return tx.InsertPipeline(pipeline).status();
       }},
      {"pipeline_stages", "INSERT",
       [&](StoreTransaction& tx) {
         return tx.UpdatePipeline(pipeline).status();
       }},
      {"pipelines", "DELETE",
       [&](StoreTransaction& tx) { return tx.DeletePipeline(pipeline.id); }},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(i);
    Raw(absl::StrCat("CREATE TRIGGER refuse BEFORE ", cases[i].event, " ON ",
                     cases[i].table,
                     " BEGIN SELECT RAISE(ABORT, 'step refused'); END"));
    {
      ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
      const absl::Status write = cases[i].write(*tx);
      EXPECT_NE(write.message().find("step refused"), std::string::npos)
          << write;
      const absl::Status commit = tx->Commit();
      EXPECT_NE(commit.message().find("step refused"), std::string::npos)
          << commit;
    }
    Raw("DROP TRIGGER refuse");
  }
  {  // A refused first statement writes nothing: the commit goes ahead.
    Raw("CREATE TRIGGER refuse BEFORE INSERT ON message_rules BEGIN "
        "SELECT RAISE(ABORT, 'step refused'); END");
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    EXPECT_FALSE(tx->InsertRule(rule).ok());
    ASSERT_OK(tx->Commit());
    Raw("DROP TRIGGER refuse");
  }
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  EXPECT_EQ(tx->ListRules().value(), std::vector<MessageRule>{rule});
  EXPECT_EQ(tx->ListStatusChains().value(), std::vector<StatusChain>{chain});
  EXPECT_EQ(tx->ListPipelines().value(), std::vector<Pipeline>{pipeline});
}

// After a long mixed run of inserts, moves between statuses, states and
// resources, reads of other rows in between, and rolled-back transactions,
// every count equals the rows' own tally.
TEST_F(SqliteFileTest, StatusCountsEqualTheRowsAfterAMixedRun) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->Commit());
  }
  uint64_t seed = 12345;
  auto next = [&seed](int n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % n);
  };
  constexpr StatusId kStatuses[] = {0, 3, 4, 5};
  constexpr AppointmentState kStates[] = {
      AppointmentState::kBooked, AppointmentState::kPending,
      AppointmentState::kCancelled, AppointmentState::kAttended};
  int64_t rows = 1;
  for (int round = 0; round < 200; ++round) {
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    int64_t inserted = 0;
    for (int step = 0; step < 5; ++step) {
      if (next(4) == 0) {
        Appointment a = MakeAppointment(1 + next(2), T(next(50)), T(60));
        a.status_id = kStatuses[next(4)];
        ASSERT_OK(tx->InsertAppointment(a).status());
        ++inserted;
        continue;
      }
      const int64_t visible = rows + inserted;
      Appointment a = tx->GetAppointment(1 + next(visible)).value();
      if (next(3) == 0) {
        ASSERT_OK(tx->GetAppointment(1 + next(visible)).status());
      }
      a.status_id = kStatuses[next(4)];
      a.state = kStates[next(4)];
      if (next(5) == 0) a.resource_id = 1 + next(2);
      ASSERT_OK(tx->UpdateAppointment(a));
    }
    if (next(4) == 0) continue;  // rolled back
    ASSERT_OK(tx->Commit());
    rows += inserted;
  }
  const char kTally[] =
      "SELECT coalesce(group_concat(status_id || ':' || n, ' '), '') FROM "
      "(SELECT status_id, %s AS n FROM %s GROUP BY status_id "
      "ORDER BY status_id)";
  const auto counted = Raw(absl::StrFormat(
      kTally, "sum(appointments)", "status_use WHERE appointments <> 0"));
  const auto tallied = Raw(
      absl::StrFormat(kTally, "count(*)", "appointments WHERE status_id <> 0"));
  EXPECT_EQ(counted, tallied);
  EXPECT_NE(tallied, std::vector<std::string>{""});
}

TEST_F(SqliteFileTest, ASecondWithNoFreeTimerIdIsRefused) {
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  // The last id of second 1000 is taken.
  Raw("INSERT INTO timers VALUES (((1000 + 1) << 24) - 1, 0, 1, 1, 1, 1000, "
      "1000)");
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
  Timer t{0,
          TimerKind::kMessage,
          1,
          1,
          2,
          Instant(seconds(1000)),
          Instant(seconds(1000))};
  auto id = tx->InsertTimer(t);
  EXPECT_TRUE(absl::IsResourceExhausted(id.status())) << id.status();
  EXPECT_NE(id.status().message().find("1970-01-01"), std::string::npos)
      << id.status();
  // Other seconds are unaffected.
  t.due = Instant(seconds(1001));
  EXPECT_TRUE(tx->InsertTimer(t).ok());
  EXPECT_EQ(tx->CountTimers().value(), 2);
}

// A new file takes the store's page size; a file that already has pages
// of another size (every file made before that size changed has 4096)
// keeps them, migrates and works as before.
TEST_F(SqliteFileTest, NewFilesTakeTheStorePageSizeOlderFilesKeepTheirs) {
  TempDir other;
  ASSERT_OK_AND_ASSIGN(auto fresh, OpenSqliteStore(other.File("new.db")));
  fresh.reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(other.File("new.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), sqlite_internal::kNewFilePageSize);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA page_size = 4096; "
                           "PRAGMA journal_mode = WAL;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_NO_FATAL_FAILURE(WriteOneAppointment());
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    Appointment a = tx->GetAppointment(1).value();
    a.state = AppointmentState::kCancelled;
    ASSERT_OK(tx->UpdateAppointment(a));
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(Raw("PRAGMA page_size"), std::vector<std::string>{"4096"});
  EXPECT_EQ(Raw("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_EQ(Raw("SELECT state FROM appointments WHERE id = 1"),
            std::vector<std::string>{
                absl::StrCat(static_cast<int>(AppointmentState::kCancelled))});
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                absl::StrCat(sqlite_internal::kCurrentSchemaVersion)});
}

TEST_F(SqliteFileTest, MissingFileWithoutCreateIsNotFound) {
  SqliteOptions options;
  options.create_if_missing = false;
  auto store = OpenSqliteStore(Path(), options);
  EXPECT_TRUE(absl::IsNotFound(store.status())) << store.status();
  EXPECT_NE(store.status().message().find(Path()), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path()));
}

TEST_F(SqliteFileTest, NewerSchemaAndCorruptTextAreRefused) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->Commit());
  }
  Raw("UPDATE resources SET weekly_hours = '540-;;;;;;'");
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
    auto r = tx->GetResource(1);
    EXPECT_TRUE(absl::IsDataLoss(r.status())) << r.status();
    EXPECT_NE(r.status().message().find("weekly_hours"), std::string::npos);
  }
  Raw("PRAGMA user_version = 99");
  auto store = OpenSqliteStore(Path());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
}

TEST_F(SqliteFileTest, QueriesUseIndexes) {
  ASSERT_OK(OpenSqliteStore(Path()).status());
  for (int i = 0; i < sqlite_internal::kNumStmts; ++i) {
    const std::string sql = sqlite_internal::kStatementSql[i];
    if (sql.rfind("SELECT", 0) != 0) continue;
    const bool may_scan = sql.find("WHERE") == std::string::npos;
    for (const std::string& step : Raw("EXPLAIN QUERY PLAN " + sql)) {
      EXPECT_EQ(step.find("TEMP B-TREE"), std::string::npos) << sql;
      if (!may_scan) {
        EXPECT_EQ(step.rfind("SCAN", 0), std::string::npos) << sql;
      }
    }
  }
  // appointments_active is partial (booked or pending): both lists must
  // still be able to use it.
  for (const char* list : {sqlite_internal::kListActiveAppointmentsSql,
                           sqlite_internal::kListPendingAppointmentsSql}) {
    const auto plan = Raw(std::string("EXPLAIN QUERY PLAN ") + list);
    ASSERT_FALSE(plan.empty());
    EXPECT_NE(plan[0].find("USING INDEX appointments_active (resource_id=? "
                           "AND state=? AND blocked_start>? AND "
                           "blocked_start<?)"),
              std::string::npos)
        << plan[0];
  }
  // Timers: the table is in due order; inserting reads one id range.
  for (const auto stmt :
       {sqlite_internal::kInsertTimer, sqlite_internal::kListDueTimers}) {
    const auto plan = Raw(std::string("EXPLAIN QUERY PLAN ") +
                          sqlite_internal::kStatementSql[stmt]);
    int searches = 0;
    for (const std::string& step : plan) {
      EXPECT_EQ(step.find("SCAN"), std::string::npos) << step;
      searches += step.rfind("SEARCH timers USING INTEGER PRIMARY KEY", 0) == 0;
    }
    EXPECT_EQ(searches, 1) << sqlite_internal::kStatementSql[stmt];
  }
  const auto blocks =
      Raw(std::string("EXPLAIN QUERY PLAN ") + sqlite_internal::kListBlocksSql);
  ASSERT_FALSE(blocks.empty());
  EXPECT_NE(blocks[0].find("USING INDEX blocks_by_resource_start "
                           "(resource_id=? AND start_at>? AND start_at<?)"),
            std::string::npos)
      << blocks[0];
}

TEST_F(SqliteFileTest, TwoStoresOnOneFile) {
  SqliteOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(50);
  ASSERT_OK_AND_ASSIGN(auto writer, OpenSqliteStore(Path(), quick));
  ASSERT_OK_AND_ASSIGN(auto other, OpenSqliteStore(Path(), quick));
  ASSERT_OK_AND_ASSIGN(auto tx, writer->Begin(Mode::kWrite));
  ASSERT_OK(tx->InsertResource(MakeResource()).status());
  {
    // The write lock is held; a reader sees the last commit only.
    auto blocked = other->Begin(Mode::kWrite);
    EXPECT_TRUE(absl::IsUnavailable(blocked.status())) << blocked.status();
    ASSERT_OK_AND_ASSIGN(auto reader, other->Begin(Mode::kRead));
    EXPECT_TRUE(reader->ListResources()->empty());
  }
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto reader, other->Begin(Mode::kRead));
  EXPECT_EQ(reader->ListResources()->size(), 1u);
}

// Catalog rows one store keeps between its transactions give way to what
// another connection commits.
TEST_F(SqliteFileTest, CatalogViewsFollowAnotherStoresCommits) {
  ASSERT_OK_AND_ASSIGN(auto first, OpenSqliteStore(Path()));
  ASSERT_OK_AND_ASSIGN(auto second, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource("Uno")).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->Commit());
  }
  for (const std::string name : {"Zwei", "Drei", "Vier"}) {
    {
      ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kRead));
      ASSERT_OK(tx->ViewResource(1).status());
      ASSERT_OK(tx->ViewCustomer(1).status());
    }
    {
      ASSERT_OK_AND_ASSIGN(auto tx, second->Begin(Mode::kWrite));
      Resource r = tx->GetResource(1).value();
      r.name = name;
      ASSERT_OK(tx->UpdateResource(r));
      Customer c = tx->GetCustomer(1).value();
      c.email = absl::StrCat(name, "@example.com");
      ASSERT_OK(tx->UpdateCustomer(c));
      ASSERT_OK(tx->Commit());
    }
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kWrite));
    EXPECT_EQ(tx->ViewResource(1).value()->name, name);
    EXPECT_EQ(tx->ViewCustomer(1).value()->email,
              absl::StrCat(name, "@example.com"));
  }
}

// Status chains and workflow settings, kept between transactions like
// catalog rows, give way to another store's commits and to the
// transaction's own writes.
TEST_F(SqliteFileTest, SharedWorkflowFollowsCommitsAndOwnWrites) {
  ASSERT_OK_AND_ASSIGN(auto first, OpenSqliteStore(Path()));
  ASSERT_OK_AND_ASSIGN(auto second, OpenSqliteStore(Path()));
  ChainId chain = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kWrite));
    ASSERT_OK_AND_ASSIGN(StatusChain c,
                         tx->InsertStatusChain(ManualApprovalChain()));
    chain = c.id;
    EXPECT_EQ(tx->ListStatusChains().value(), std::vector<StatusChain>{c});
    ASSERT_OK(tx->PutWorkflowSettings({true, chain, {}}));
    EXPECT_EQ(tx->GetWorkflowSettings().value().default_chain_id, chain);
    ASSERT_OK(tx->Commit());
  }
  for (const std::string name : {"Zwei", "Drei"}) {
    {
      ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kRead));
      ASSERT_EQ(tx->ListStatusChains().value().size(), 1u);
      EXPECT_TRUE(tx->GetWorkflowSettings().value().enabled);
    }
    {
      ASSERT_OK_AND_ASSIGN(auto tx, second->Begin(Mode::kWrite));
      StatusChain c = tx->ListStatusChains().value()[0];
      c.name = name;
      ASSERT_OK(tx->UpdateStatusChain(c).status());
      ASSERT_OK(tx->PutWorkflowSettings({name == "Zwei", chain, {}}));
      ASSERT_OK(tx->Commit());
    }
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kWrite));
    EXPECT_EQ(tx->ListStatusChains().value()[0].name, name);
    EXPECT_EQ(tx->GetWorkflowSettings().value().enabled, name == "Zwei");
    // Its own write shows at once, and a rollback leaves the store as it
    // was.
    ASSERT_OK(tx->DeleteStatusChain(chain));
    ASSERT_OK(tx->PutWorkflowSettings({}));
    EXPECT_TRUE(tx->ListStatusChains().value().empty());
    EXPECT_FALSE(tx->GetWorkflowSettings().value().enabled);
  }
  ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kRead));
  EXPECT_EQ(tx->ListStatusChains().value()[0].name, "Drei");
}

// A transaction views the catalog as of its snapshot: a commit by another
// connection after the transaction's first read shows only in the next
// transaction.
TEST_F(SqliteFileTest, CatalogViewsFollowTheTransactionsSnapshot) {
  ASSERT_OK_AND_ASSIGN(auto first, OpenSqliteStore(Path()));
  ASSERT_OK_AND_ASSIGN(auto second, OpenSqliteStore(Path()));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource("Uno")).status());
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, first->Begin(Mode::kRead));
    EXPECT_EQ(tx->ViewResource(1).value()->name, "Uno");
  }
  ASSERT_OK_AND_ASSIGN(auto reading, first->Begin(Mode::kRead));
  ASSERT_OK(reading->ListResources().status());  // the snapshot starts
  {
    ASSERT_OK_AND_ASSIGN(auto tx, second->Begin(Mode::kWrite));
    Resource r = tx->GetResource(1).value();
    r.name = "Due";
    ASSERT_OK(tx->UpdateResource(r));
    ASSERT_OK(tx->Commit());
  }
  EXPECT_EQ(reading->ViewResource(1).value()->name, "Uno");
  reading.reset();
  ASSERT_OK_AND_ASSIGN(auto after, first->Begin(Mode::kRead));
  EXPECT_EQ(after->ViewResource(1).value()->name, "Due");
}

TEST(SqliteEncodingTest, RoundTripsAndRejectsCorruptText) {
  using namespace sqlite_internal;
  const Resource r = MakeResource();
  WeeklyHours hours;
  ASSERT_TRUE(DecodeWeeklyHours(EncodeWeeklyHours(r.weekly_hours), &hours));
  EXPECT_EQ(hours, r.weekly_hours);
  EXPECT_EQ(EncodeWeeklyHours(WeeklyHours{}), ";;;;;;");
  std::vector<DateException> exceptions;
  ASSERT_TRUE(DecodeExceptions(EncodeExceptions(r.exceptions), &exceptions));
  EXPECT_EQ(exceptions, r.exceptions);
  std::vector<int64_t> ids;
  ASSERT_TRUE(DecodeIds("3,-1,9000000000", &ids));
  EXPECT_EQ(ids, (std::vector<int64_t>{3, -1, 9000000000}));
  for (const char* bad : {"", ";;;;;", ";;;;;;;", "1-2,;;;;;;", "a-1;;;;;;",
                          "1-2-3;;;;;;", "1 -2;;;;;;", "99999999999-1;;;;;;"}) {
    EXPECT_FALSE(DecodeWeeklyHours(bad, &hours)) << bad;
  }
  for (const char* bad : {"2027/1/1", "2027/1:", "2027/1/1:;", "x/1/1:"}) {
    EXPECT_FALSE(DecodeExceptions(bad, &exceptions)) << bad;
  }
  for (const char* bad : {",", "1,", "1,,2", "+1", "1 "}) {
    EXPECT_FALSE(DecodeIds(bad, &ids)) << bad;
  }
}

}  // namespace
}  // namespace appt
