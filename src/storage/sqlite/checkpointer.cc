#include "storage/sqlite/checkpointer.h"

#include <unistd.h>

#include <system_error>
#include <utility>

namespace appt::sqlite_internal {

Checkpointer::Checkpointer(std::string path)
    : path_(std::move(path)), owner_pid_(getpid()) {}

Checkpointer::~Checkpointer() {
  if (getpid() != owner_pid_) {
    // A forked child: the thread exists only in the parent.
    if (thread_.joinable()) thread_.detach();
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  idle_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::Attach(sqlite3* db) {
  sqlite3_wal_hook(db, &Checkpointer::OnCommit, this);
}

int Checkpointer::background_runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

int Checkpointer::OnCommit(void* arg, sqlite3* db, const char* schema,
                           int pages) {
  auto* self = static_cast<Checkpointer*>(arg);
  int copied = self->copied_.load(std::memory_order_relaxed);
  if (pages < copied) {  // the log has restarted since
    copied = 0;
    self->copied_.store(0, std::memory_order_relaxed);
  }
  const bool owner = getpid() == self->owner_pid_;
  if (pages >= kForegroundPages || !owner) {
    // Copies what the thread has not yet; the next write then restarts the
    // log. If the thread holds the checkpoint lock, its run covers only the
    // log as it was when it began: wait for it, then copy the rest, or the
    // log would keep growing for as long as the thread's run lasts.
    int log = 0;
    int done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE,
                                       &log, &done);
    if (rc == SQLITE_BUSY && owner) {
      self->WaitIdle();
      rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE,
                                     &log, &done);
    }
    // Still busy: another process is checkpointing this file.
    if (rc == SQLITE_OK && done >= 0) {
      self->copied_.store(done, std::memory_order_relaxed);
    }
  } else if (pages - copied >= kBackgroundPages) {
    self->Wake();
  }
  return SQLITE_OK;  // the commit itself has succeeded either way
}

void Checkpointer::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return !requested_ || stopping_; });
}

void Checkpointer::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (requested_ || stopping_) return;
    if (!thread_.joinable()) {
      try {
        thread_ = std::thread(&Checkpointer::Run, this);
      } catch (const std::system_error&) {
        return;  // no thread: the foreground limit still bounds the log
      }
    }
    requested_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::Run() {
  sqlite3* db = nullptr;
  // A connection sees the log only once it has read the database; until
  // then a checkpoint on it reports -1 frames and copies nothing. A failed
  // open leaves the foreground limit as the only checkpoint; the store's
  // own connection reports any real problem with the file.
  if (sqlite3_open_v2(path_.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK ||
      sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr) !=
          SQLITE_OK) {
    sqlite3_close(db);
    db = nullptr;
  }
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) break;
    lock.unlock();
    int log = 0;
    int done = 0;
    if (db != nullptr &&
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log,
                                  &done) == SQLITE_OK &&
        done >= 0) {
      copied_.store(done, std::memory_order_relaxed);
    }
    lock.lock();
    requested_ = false;
    ++runs_;
    idle_.notify_all();
  }
  lock.unlock();
  sqlite3_close(db);
}

}  // namespace appt::sqlite_internal
