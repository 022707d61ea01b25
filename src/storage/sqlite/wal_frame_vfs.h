// A SQLite VFS that writes each new WAL frame with one system call instead
// of two.
//
// SQLite writes a WAL frame as two consecutive xWrite calls from one
// function (wal.c, walWriteOneFrame): the 24-byte frame header, then the
// page at the next offset. On a virtual machine a write system call costs
// microseconds, and a small durable transaction is mostly those calls.
// This VFS wraps the platform's default VFS and, for WAL files only, holds
// a 24-byte write that starts a frame (its offset is a whole number of
// frames past the 32-byte WAL header, for the page size in that header)
// and extends the file past everything this file object has written, and
// joins it with the write that follows when that write starts where the
// header ends. Any other call on the file writes the held header first, so
// the header is held across exactly one call: nothing is ever buffered
// across a lock, a sync, a read, or the publication of a commit (which
// SQLite does through the database file's shared memory after the page
// write has returned).
//
// What is not held, and goes straight through: a frame header SQLite
// rewrites in place (below the high-water mark: wal.c,
// walRewriteChecksums, the last of which is followed by no call on the WAL
// file before the commit is published); the last 24 bytes of a page that
// SQLite split around a sync point when it pads a commit at FULL
// durability on a device without power-safe overwrite (past the mark, but
// not at a frame's start, and followed by no page); the WAL header; page
// rewrites. The bytes on disk and their order relative to every
// synchronisation point are those plain SQLite writes, so the file format,
// recovery, and other connections (plain SQLite included) are unchanged.
//
// Failure: a held header that cannot be written makes the call that writes
// it fail with SQLite's write error (the page write when they are joined).
//
// Thread safety: registration is thread-safe; each file object is used as
// SQLite uses files (by one connection at a time).
#ifndef APPT_SRC_STORAGE_SQLITE_WAL_FRAME_VFS_H_
#define APPT_SRC_STORAGE_SQLITE_WAL_FRAME_VFS_H_

namespace appt::sqlite_internal {

// The name to pass to sqlite3_open_v2(). Registers the VFS (not as the
// default) on first use, wrapping the VFS that is the default then; a
// default registered later is not used by files opened through this one,
// and the wrapped VFS must stay registered. If there is no default VFS it
// returns nullptr, which sqlite3_open_v2() reads as "the default".
const char* WalFrameVfsName();

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_WAL_FRAME_VFS_H_
