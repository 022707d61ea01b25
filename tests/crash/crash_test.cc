// Crash safety of timers and the outbox (R4.4, R4.6; DESIGN "Timers are
// derived", "Transactional outbox"). A child process runs the workload of
// crash_workload.h on one SQLite file and is killed with SIGKILL at random
// points — by this test at a random moment, or by itself inside the
// notifier between a message's claim and its answer — then restarted where
// it stopped. After every kill the file is checked: integrity_check ok, no
// message created twice, none for a cancelled or moved time, no timer left
// for an old time. At the end every reminder that came due was decided
// exactly once, and sent unless its time had passed when it was planned.
//
// APPT_CRASH_ROUNDS (default 12) and APPT_CRASH_SEED choose the run; a long
// run: APPT_CRASH_ROUNDS=400 build/release/tests/crash_test
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "crash/crash_workload.h"
#include "date/tz.h"
#include "engine_fixture.h"

namespace appt {
namespace {

using Row = std::vector<std::string>;

class Db {
 public:
  explicit Db(const std::string& path) {
    EXPECT_EQ(
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr),
        SQLITE_OK);
  }
  ~Db() { sqlite3_close(db_); }
  std::vector<Row> Query(const std::string& sql) {
    std::vector<Row> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_);
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      Row row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const auto* text = sqlite3_column_text(stmt, i);
        row.push_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }
  int64_t Int(const std::string& sql) { return std::stoll(Query(sql)[0][0]); }

 private:
  sqlite3* db_ = nullptr;
};

// The last "YYYY-MM-DD HH:MM" in `text`, a Berlin wall time, as UTC.
int64_t LastBerlinTime(const std::string& text) {
  static const std::regex kWhen(R"((\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}))");
  std::smatch m;
  std::string rest = text;
  std::smatch last;
  while (std::regex_search(rest, m, kWhen)) {
    last = m;
    rest = m.suffix();
  }
  EXPECT_FALSE(last.empty()) << text;
  if (last.empty()) return 0;
  const date::local_seconds local =
      date::local_days{date::year{std::stoi(last[1])} / std::stoi(last[2]) /
                       std::stoi(last[3])} +
      std::chrono::hours(std::stoi(last[4])) +
      std::chrono::minutes(std::stoi(last[5]));
  return date::locate_zone("Europe/Berlin")
      ->to_sys(local, date::choose::earliest)
      .time_since_epoch()
      .count();
}

// The appointment's start as of timeline entry `before` (exclusive),
// rebuilt from its "created" and "rescheduled" entries.
int64_t StartBefore(Db& db, const std::string& appointment, int64_t before) {
  int64_t start = 0;
  for (const Row& e : db.Query(
           "SELECT kind, details FROM timeline WHERE appointment_id = " +
           appointment + " AND kind IN ('created', 'rescheduled') AND id < " +
           std::to_string(before) + " ORDER BY id")) {
    start = LastBerlinTime(e[1]);
  }
  return start;
}

// Every firing in the file: the rows of `firings`, and those kept in the
// row of the message they created (schema version 12).
constexpr char kAllFirings[] =
    "(SELECT id, rule_id, appointment_id, occurrence, outcome, message_id "
    "FROM firings UNION ALL SELECT id, rule_id, appointment_id, occurrence, "
    "0, id FROM messages WHERE fired_at IS NOT NULL)";

// Every timeline entry in the file: the rows of `timeline`, and those kept
// in the row of the message they queued (schema version 13).
constexpr char kAllTimeline[] =
    "(SELECT id, appointment_id, kind, details FROM timeline UNION ALL "
    "SELECT id, appointment_id, timeline_kind, timeline_details FROM "
    "messages WHERE timeline_kind IS NOT NULL)";

void CheckInvariants(const std::string& path, const std::string& when) {
  SCOPED_TRACE(when);
  Db db(path);
  EXPECT_EQ(db.Query("PRAGMA integrity_check")[0][0], "ok");
  EXPECT_EQ(db.Int("SELECT COUNT(*) FROM (SELECT 1 FROM messages GROUP BY "
                   "rule_id, appointment_id, occurrence HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(
      db.Int(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM ") + kAllFirings +
             " GROUP BY rule_id, appointment_id, occurrence "
             "HAVING COUNT(*) > 1)"),
      0);
  EXPECT_EQ(db.Int(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM ") +
                   kAllFirings + " GROUP BY id HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(db.Int(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM ") +
                   kAllTimeline + " GROUP BY id HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(db.Int(std::string("SELECT COUNT(*) FROM messages m LEFT JOIN ") +
                   kAllFirings +
                   " f ON f.message_id = m.id AND f.rule_id = m.rule_id AND "
                   "f.appointment_id = m.appointment_id AND f.occurrence = "
                   "m.occurrence AND f.outcome = 0 WHERE f.id IS NULL"),
            0);
  // Timers only for booked appointments, and only for their current start.
  EXPECT_EQ(db.Int("SELECT COUNT(*) FROM timers t JOIN appointments a ON "
                   "a.id = t.appointment_id WHERE a.state != 0 OR "
                   "t.occurrence != a.start_at"),
            0);
  // Each reminder was queued before its start, while the appointment was
  // booked at exactly the start it names.
  for (const Row& m :
       db.Query(std::string("SELECT m.id, m.appointment_id, m.occurrence, "
                            "m.created_at, (SELECT t.id FROM ") +
                kAllTimeline +
                " t WHERE t.appointment_id = m.appointment_id AND t.kind = "
                "'message_queued' AND t.details LIKE '%message ' || m.id || "
                "',%') FROM messages m WHERE m.kind = 6")) {
    SCOPED_TRACE("message " + m[0]);
    ASSERT_FALSE(m[4].empty());
    EXPECT_LT(std::stoll(m[3]), std::stoll(m[2]));
    EXPECT_EQ(db.Int("SELECT COUNT(*) FROM timeline WHERE appointment_id = " +
                     m[1] + " AND kind = 'cancelled' AND id < " + m[4]),
              0);
    EXPECT_EQ(StartBefore(db, m[1], std::stoll(m[4])), std::stoll(m[2]));
  }
}

// Every reminder due by the end was decided once: created, or skipped
// because its time had passed when its start was set.
void CheckFinal(const std::string& path, Instant end) {
  Db db(path);
  const auto* berlin = date::locate_zone("Europe/Berlin");
  int created = 0;
  for (const Row& a : db.Query(
           "SELECT id, start_at, (SELECT at FROM timeline t WHERE "
           "t.appointment_id = a.id AND t.kind IN ('created', 'rescheduled') "
           "ORDER BY t.id DESC LIMIT 1) FROM appointments a WHERE state = 0")) {
    const Instant start{Duration(std::stoll(a[1]))};
    const Instant changed{Duration(std::stoll(a[2]))};
    const auto day = date::floor<date::days>(berlin->to_local(start));
    const Instant evening = berlin->to_sys(
        day - date::days(1) + std::chrono::hours(18), date::choose::earliest);
    const std::pair<int, Instant> due[] = {{4, start - std::chrono::hours(24)},
                                           {5, evening}};
    for (const auto& [rule, nominal] : due) {
      if (nominal > end) continue;
      SCOPED_TRACE("appointment " + a[0] + " rule " + std::to_string(rule));
      const auto firings = db.Query(
          std::string("SELECT outcome FROM ") + kAllFirings +
          " WHERE rule_id = " + std::to_string(rule) +
          " AND appointment_id = " + a[0] + " AND occurrence = " + a[1]);
      ASSERT_EQ(firings.size(), 1u);
      EXPECT_EQ(firings[0][0], nominal >= changed ? "0" : "1");
      created += firings[0][0] == "0";
    }
  }
  EXPECT_GT(created, 10);  // the workload did remind people
}

struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;
};

Child Spawn(const std::vector<std::string>& args) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  Child child;
  child.pid = fork();
  if (child.pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (const std::string& a : args)
      argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  child.out = fdopen(fds[0], "r");
  return child;
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
}

TEST(CrashTest, KilledAtRandomPointsNothingTwiceNothingStale) {
  const int rounds = EnvInt("APPT_CRASH_ROUNDS", 12);
  const unsigned seed =
      static_cast<unsigned>(EnvInt("APPT_CRASH_SEED", 20261123));
  std::printf("crash test: %d rounds, seed %u\n", rounds, seed);
  const std::string dir = testing::MakeTempDir();
  const std::string db = dir + "/crash.sqlite";
  const std::string sent_log = dir + "/sent.log";
  {
    auto store = OpenSqliteStore(db);
    ASSERT_TRUE(store.ok()) << store.status();
    auto engine = Engine::Open(
        std::move(*store), {std::make_shared<ManualClock>(crash::StepTime(0))});
    ASSERT_TRUE(engine.ok());
    ASSERT_TRUE(crash::Setup(**engine).ok());
  }
  std::mt19937 rng(seed);
  const int per_round = 30;
  const int last = rounds * per_round;
  int next = 1;
  int kills = 0;
  for (int round = 0; round < rounds && next <= last; ++round) {
    const long kill_at = rng() % 3 == 0 ? 1 + static_cast<long>(rng() % 6) : 0;
    const int stop =
        std::min(last, next + per_round + static_cast<int>(rng() % 20));
    Child child = Spawn({APPT_CRASH_WORKLOAD, db, std::to_string(next),
                         std::to_string(stop), std::to_string(seed), sent_log,
                         std::to_string(kill_at)});
    const int kill_after = static_cast<int>(rng() % (per_round + 10));
    int lines = 0;
    int done = next - 1;
    char line[64];
    while (std::fgets(line, sizeof line, child.out) != nullptr) {
      done = std::atoi(line + 5);
      if (++lines == kill_after) {
        usleep(rng() % 3000);  // a random point inside a later step
        kill(child.pid, SIGKILL);
      }
    }
    int status = 0;
    waitpid(child.pid, &status, 0);
    std::fclose(child.out);
    if (WIFSIGNALED(status)) {
      ++kills;
    } else {
      ASSERT_EQ(WEXITSTATUS(status), 0) << "the workload failed";
    }
    next = done + 1;
    CheckInvariants(db, "after round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
  // Finish the workload without kills.
  Child child = Spawn({APPT_CRASH_WORKLOAD, db, std::to_string(next),
                       std::to_string(last), std::to_string(seed), sent_log});
  char line[64];
  while (std::fgets(line, sizeof line, child.out) != nullptr) {
  }
  int status = 0;
  waitpid(child.pid, &status, 0);
  std::fclose(child.out);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CheckInvariants(db, "at the end");
  CheckFinal(db, crash::StepTime(last));
  // Every message the engine marked sent reached the notifier.
  std::multiset<std::string> seen;
  std::ifstream log(sent_log);
  for (std::string key; std::getline(log, key);) seen.insert(key);
  Db check(db);
  for (const Row& m :
       check.Query("SELECT idempotency_key FROM messages WHERE state = 1")) {
    EXPECT_GE(seen.count(m[0]), 1u) << m[0];
  }
  std::printf(
      "crash test: %d kills, %zu notifier calls, %lld messages\n", kills,
      seen.size(),
      static_cast<long long>(check.Int("SELECT COUNT(*) FROM messages")));
  EXPECT_GT(kills, rounds / 3);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace appt
