// A SQLite VFS that hands a transaction's WAL frames to the kernel in one
// write instead of two per page.
//
// SQLite writes each WAL frame as two calls (its 24-byte header, then the
// page), so a commit that changes n pages costs 2n write system calls; on a
// virtual machine each costs a few microseconds, and they dominate a small
// durable transaction. This VFS wraps the platform's default one and, for
// WAL files only, keeps consecutive frames in a buffer that goes to disk as
// one write when the commit frame (the frame whose header carries a
// non-zero database size) is complete.
//
// Why that is safe: a frame becomes visible to any reader (in this process
// or another) only when the writer publishes a new wal-index header, which
// SQLite does after the commit frame's write has returned, i.e. after the
// flush. Frames written before a commit (a cache spill) are not visible to
// other connections; the writer itself reads them only through xRead, which
// flushes first. Every other operation on a WAL file (read, sync, truncate,
// size, file control, lock, close) flushes first too, and any write that is
// not a frame header or the page right after one is passed straight through
// after a flush. A crash loses at most frames of a transaction that had not
// committed, as it would without the buffer. The file format is unchanged:
// the plain SQLite library and shell read the files as usual.
//
// Thread safety: registration is thread-safe; each file object is used as
// SQLite uses files (one connection at a time).
#ifndef APPT_SRC_STORAGE_SQLITE_WAL_BATCHING_VFS_H_
#define APPT_SRC_STORAGE_SQLITE_WAL_BATCHING_VFS_H_

namespace appt::sqlite_internal {

// The name to pass to sqlite3_open_v2(). Registers the VFS (not as the
// default) on first use. Never fails: if the platform has no default VFS it
// returns nullptr, which sqlite3_open_v2() reads as "the default".
const char* WalBatchingVfsName();

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_WAL_BATCHING_VFS_H_
