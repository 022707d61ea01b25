// Keeps a SQLite file's write-ahead log short without making commands wait
// for it.
//
// By default SQLite checkpoints inside the commit that takes the WAL past
// 1000 pages: that one commit copies every logged page into the database
// and syncs both files, milliseconds that land on whichever command happens
// to commit then. The store instead hooks every commit (sqlite3_wal_hook)
// and, once kBackgroundPages of the log are not yet copied, wakes a thread
// that runs a PASSIVE checkpoint on its own connection while commands go on
// (PASSIVE never blocks readers or writers). A writer restarts the log from
// its start only when a transaction begins with everything copied, which a
// busy writer rarely sees after a concurrent checkpoint; so when the log
// reaches kForegroundPages the committing connection checkpoints itself
// (copying only what the thread has not) and its next write restarts the
// log; if the thread is mid-run then, the committer waits for it (one
// checkpoint of at most that many pages: the work SQLite's own checkpoint
// would do inside that commit) and copies the rest. The log thus stays within
// kForegroundPages pages plus one transaction (16 MiB at 2 KiB pages, 32 MiB
// at 4 KiB; more only while another process holds the checkpoint lock), and
// a command pays for a checkpoint once per kForegroundPages pages instead of
// once per 1000. Used at NORMAL durability only (see OpenSqliteStore).
//
// Never throws: if no thread can be started, the foreground limit alone
// bounds the log.
//
// Thread safety: the hook runs on the store's connection under the store's
// contract (one command at a time); the thread uses only its own
// connection. The thread starts on first need and is joined by the
// destructor, which the store runs before closing its own connection.
#ifndef APPT_SRC_STORAGE_SQLITE_CHECKPOINTER_H_
#define APPT_SRC_STORAGE_SQLITE_CHECKPOINTER_H_

#include <sqlite3.h>
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace appt::sqlite_internal {

class Checkpointer {
 public:
  static constexpr int kBackgroundPages = 1000;
  static constexpr int kForegroundPages = 8000;

  // `path` names the store's file, opened again by the thread when it
  // first runs.
  explicit Checkpointer(std::string path);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Installs the commit hook on `db`, replacing SQLite's automatic
  // checkpoints on that connection. `db` must stay open while this object
  // lives (the store closes it after destroying the checkpointer).
  void Attach(sqlite3* db);

  // Background checkpoints run so far (tests and benchmarks).
  int background_runs() const;
  // Blocks until no background checkpoint is requested or running.
  void WaitIdle();

 private:
  static int OnCommit(void* arg, sqlite3* db, const char* schema, int pages);
  void Wake();
  void Run();

  const std::string path_;
  // A forked child inherits this object but not the thread: it checkpoints
  // in the foreground and never joins. (Children should _exit or exec.)
  const pid_t owner_pid_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool requested_ = false;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  int runs_ = 0;            // guarded by mu_
  std::thread thread_;      // started by the first Wake()
  // Log frames known to be copied into the database (from the last
  // checkpoint's report); reset when the log restarts.
  std::atomic<int> copied_{0};
};

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_CHECKPOINTER_H_
