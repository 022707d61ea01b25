// The file objects of the WAL frame VFS (wal_frame_vfs.h): a main database
// file, and its log, which holds new frames back. Internal to that VFS.
//
// Thread safety: as SQLite uses files (each by one connection at a time).
#ifndef APPT_SRC_STORAGE_SQLITE_WAL_FRAME_FILE_H_
#define APPT_SRC_STORAGE_SQLITE_WAL_FRAME_FILE_H_

#include <sqlite3.h>

#include <cstddef>

namespace appt::sqlite_internal {

// SQLite allocates szOsFile bytes per open file and hands them to xOpen
// uninitialised. A WAL file's FrameFile, or a main database file's DbFile,
// sits first, the real VFS's file object after it; every other file is the
// real VFS's object alone.
struct WrappedFile {
  sqlite3_file base;  // first: SQLite sees a WrappedFile as a sqlite3_file
  sqlite3_file* real;
};

struct FrameFile;

// A main database file: it forwards every call, and writes its log's pending
// frames before any WAL-index lock changes (SQLite takes and releases the
// log's write lock, and hands the log to other connections, through them).
struct DbFile {
  WrappedFile file;  // first
  FrameFile* wal;    // its open log, or nullptr
};

struct FrameFile {
  WrappedFile file;  // first
  // The database file this log belongs to; nullptr if it could not be found,
  // and then no frame stays pending past its own page.
  DbFile* db;
  // SQLITE_OK, or the error of pending frames that could not be written
  // (dropped from `lost_from` on): writes to the log, and reads of anything
  // from `lost_from` on, fail with it, so the transaction that wrote them
  // cannot commit or read them back, until that transaction has ended: the
  // log's write lock is released, or SQLite rewinds the log over them (a
  // new frame at or before `lost_from`, or a new log header; the only sign
  // in exclusive locking mode), or the file closes.
  int lost;
  sqlite3_int64 lost_from;
  // End of the furthest write through this object (pending bytes included)
  // since it last wrote the WAL header at offset 0 (or since a truncation
  // below it).
  sqlite3_int64 high_water;
  // The log's page size, from the WAL header; 0 until known. Constant for
  // the life of the file object: SQLite cannot change the page size of a
  // database in WAL mode, and closes the log when it leaves WAL mode.
  int page_size;
  // Bytes SQLite asked to write at `pending_offset` and following, not yet
  // written: whole frames of one uncommitted transaction, then possibly one
  // frame header whose page has not come yet (`header_pending`).
  sqlite3_int64 pending_offset;
  int pending_bytes;
  bool header_pending;
  unsigned char* pending;  // sqlite3_malloc'd, `pending_capacity` bytes
  int pending_capacity;
};

// Where the real VFS's file object starts within SQLite's allocation.
constexpr size_t kRealOffset =
    (sizeof(FrameFile) + alignof(std::max_align_t) - 1) /
    alignof(std::max_align_t) * alignof(std::max_align_t);

inline sqlite3_file* Real(sqlite3_file* f) {
  return reinterpret_cast<WrappedFile*>(f)->real;
}
inline const sqlite3_io_methods* RealMethods(sqlite3_file* f) {
  return Real(f)->pMethods;
}

// A log's methods (version 1: SQLite maps shared memory and fetches pages
// only through the database file).
extern const sqlite3_io_methods kWalFileMethods;

// Sets up a log's FrameFile before the real VFS opens it.
void InitFrameFile(FrameFile* file);

// Writes a log's pending frames, if any, in one call; SQLITE_OK, or the
// log's sticky error (FrameFile::lost).
int WritePendingFrames(FrameFile* file);

// Called when the log's write lock is released: pending frames then belong
// to a transaction that did not commit (a commit writes them before it
// returns), and are dropped unwritten; the sticky error is cleared.
void EndWriteTransaction(FrameFile* file);

// Forwarders that both wrappers use as they are.
int ForwardLock(sqlite3_file* f, int level);
int ForwardUnlock(sqlite3_file* f, int level);
int ForwardCheckReservedLock(sqlite3_file* f, int* out);
int ForwardSectorSize(sqlite3_file* f);
int ForwardDeviceCharacteristics(sqlite3_file* f);

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_WAL_FRAME_FILE_H_
