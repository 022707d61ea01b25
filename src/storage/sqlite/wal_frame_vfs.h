// A SQLite VFS that writes the new WAL frames of a transaction with one
// system call instead of two per frame.
//
// SQLite writes a WAL frame as two consecutive xWrite calls from one
// function (wal.c, walWriteOneFrame): the 24-byte frame header, then the
// page at the next offset; a transaction's frames follow one another, and
// the last one, the commit frame, says so in its header (bytes 4-7, the
// database size, are non-zero). On a virtual machine a write system call
// costs microseconds, and a small durable transaction is mostly those
// calls. This VFS wraps the platform's default VFS and, for WAL files
// only, keeps new frames pending in memory: a 24-byte write that starts a
// frame (its offset is a whole number of frames past the 32-byte WAL
// header, for the page size in that header) and extends the file past
// everything this file object has written, the page written right after
// it, and the frames that continue them. It writes them all in one call
// when the commit frame's page comes (before that call returns), before a
// frame that would take them past 128 KiB (the most the unix VFS writes in
// one call), before any other call on the log, and before any change of a
// WAL-index lock on its database file (SQLite takes and releases the log's
// write lock, and hands the log from one connection to another, only
// through those locks; the VFS wraps main database files to see them and
// finds a log's database file with sqlite3_database_file_object). So
// nothing is pending across a sync, a read, a size query, the publication
// of a commit (which SQLite does through the WAL-index after the commit
// frame's write has returned), or the end of a transaction that spilled
// frames and rolled back (those are dropped, below). Frames that are pending
// belong to the open write transaction, which no reader can see yet: their
// frame numbers are past every published snapshot, and the writer's own reads
// of them go through this file, which writes them first. If the database file
// is not found, frames are joined one at a time and none is pending past its
// page.
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
// recovery, and other connections (plain SQLite included) are unchanged; a
// crash while frames are pending loses only frames of a transaction that
// had not committed, as a crash before SQLite's own writes would.
//
// Memory: up to 128 KiB per open WAL file, allocated as frames
// arrive and kept until the file closes.
//
// Frames still pending when the write lock is released, or when the log
// closes, belong to a transaction that did not commit (spilled, then rolled
// back): they are dropped, never written.
//
// Failure: pending frames that cannot be written make the call that writes
// them fail with an I/O error (SQLite's write error, or SQLITE_IOERR_WRITE
// for a full disk), which makes SQLite roll the whole transaction back; the
// log then fails every write, and every read of the lost bytes, until that
// transaction has ended (the write lock is released, SQLite rewinds the log
// over the lost frames, or the file closes), so it cannot commit without
// them. A lock is never kept from being released. Frames that cannot be
// buffered (no memory) are written at once.
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
