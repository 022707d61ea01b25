// The log file of the WAL frame VFS: frames held back and written
// together. See wal_frame_vfs.h for the contract.
#include "storage/sqlite/wal_frame_file.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace appt::sqlite_internal {
namespace {

// The WAL format: a 32-byte file header (the page size big-endian in bytes
// 8-11), then frames of a 24-byte header and one page. A frame header's
// bytes 4-7 hold the database size in pages for the frame that commits a
// transaction, and zero for every other frame.
constexpr int kWalHeaderBytes = 32;
constexpr int kPageSizeOffset = 8;
constexpr int kFrameHeaderBytes = 24;
constexpr int kCommitSizeOffset = 4;
// The most bytes pending at once: a frame that would not fit is written
// after the ones before it, so a large transaction is written in pieces as
// it goes. The unix VFS writes at most this much in one call (os_unix.c,
// seekAndWriteFd, masks the length with 0x1ffff).
constexpr int kMaxPendingBytes = 0x1ffff;

FrameFile* Self(sqlite3_file* f) { return reinterpret_cast<FrameFile*>(f); }

void NoteWritten(FrameFile* self, sqlite3_int64 offset, int amount) {
  const sqlite3_int64 end = offset + amount;
  if (offset == 0) {
    self->high_water = end;
  } else if (end > self->high_water) {
    self->high_water = end;
  }
}

bool IsPageSize(uint32_t n) {
  return n >= 512 && n <= 65536 && (n & (n - 1)) == 0;
}

uint32_t BigEndian32(const unsigned char* b) {
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) |
         (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

// Whether a 24-byte write at `offset` is where a frame begins. A write that
// is not (the last 24 bytes of a page SQLite split around a sync point to
// pad a commit at FULL durability) is followed by no page and must not be
// held.
bool StartsAFrame(sqlite3_file* f, sqlite3_int64 offset) {
  FrameFile* self = Self(f);
  if (self->page_size == 0) {
    unsigned char bytes[4];
    if (RealMethods(f)->xRead(Real(f), bytes, 4, kPageSizeOffset) !=
            SQLITE_OK ||
        !IsPageSize(BigEndian32(bytes))) {
      return false;
    }
    self->page_size = static_cast<int>(BigEndian32(bytes));
  }
  return offset >= kWalHeaderBytes &&
         (offset - kWalHeaderBytes) % (self->page_size + kFrameHeaderBytes) ==
             0;
}

// Writes the pending bytes, if any, in one call. Every call on the file but
// a write that continues them, and every WAL-index lock change on its
// database file, does this first. Bytes that cannot be written are dropped
// and the error returned as an I/O error, which makes SQLite roll the whole
// transaction back wherever it surfaces; until that transaction has ended
// (FrameFile::lost) writes, and reads of the dropped bytes, fail with it.
int WritePending(sqlite3_file* f) {
  FrameFile* self = Self(f);
  if (self->pending_bytes == 0) return SQLITE_OK;
  const int amount = self->pending_bytes;
  self->pending_bytes = 0;
  self->header_pending = false;
  const int rc = RealMethods(f)->xWrite(Real(f), self->pending, amount,
                                        self->pending_offset);
  if (rc != SQLITE_OK) {
    self->lost = (rc & 0xff) == SQLITE_IOERR ? rc : SQLITE_IOERR_WRITE;
    self->lost_from = self->pending_offset;
    return self->lost;
  }
  return SQLITE_OK;
}

// Appends `data` to the pending bytes, growing the buffer. False if it
// cannot grow (the caller keeps within kMaxPendingBytes); nothing is
// appended then.
bool Append(FrameFile* self, const void* data, int amount) {
  const int needed = self->pending_bytes + amount;
  if (needed > kMaxPendingBytes) return false;
  if (needed > self->pending_capacity) {
    const int capacity = std::min(2 * needed, kMaxPendingBytes);
    auto* grown =
        static_cast<unsigned char*>(sqlite3_realloc(self->pending, capacity));
    if (grown == nullptr) return false;
    self->pending = grown;
    self->pending_capacity = capacity;
  }
  std::memcpy(self->pending + self->pending_bytes, data, amount);
  self->pending_bytes = needed;
  return true;
}

// The page of the pending frame header, which SQLite asked to write right
// after it. The frame stays pending unless it commits a transaction or is
// cut short (SQLite split it around a sync point).
int AppendPage(sqlite3_file* f, const void* page, int amount,
               sqlite3_int64 offset) {
  FrameFile* self = Self(f);
  const unsigned char* header =
      self->pending + self->pending_bytes - kFrameHeaderBytes;
  const bool commits = BigEndian32(header + kCommitSizeOffset) != 0;
  if (!Append(self, page, amount)) {
    if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
    const int rc = RealMethods(f)->xWrite(Real(f), page, amount, offset);
    if (rc == SQLITE_OK) NoteWritten(self, offset, amount);
    return rc;
  }
  self->header_pending = false;
  NoteWritten(self, offset, amount);
  if (commits || amount != self->page_size || self->db == nullptr) {
    return WritePending(f);
  }
  return SQLITE_OK;
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  FrameFile* self = Self(f);
  if (self->lost != SQLITE_OK) {
    const bool rewinds =
        offset == 0 || (amount == kFrameHeaderBytes &&
                        offset <= self->lost_from && StartsAFrame(f, offset));
    if (!rewinds) return self->lost;
    self->lost = SQLITE_OK;
  }
  const bool continues = self->pending_bytes > 0 &&
                         offset == self->pending_offset + self->pending_bytes;
  if (continues && self->header_pending && amount > 0) {
    return AppendPage(f, data, amount, offset);
  }
  const bool next_header =
      amount == kFrameHeaderBytes && offset >= self->high_water &&
      StartsAFrame(f, offset) &&
      kFrameHeaderBytes + self->page_size <= kMaxPendingBytes;
  const bool frame_fits =
      self->pending_bytes + kFrameHeaderBytes + self->page_size <=
      kMaxPendingBytes;
  if (continues && !self->header_pending && next_header && frame_fits) {
    if (Append(self, data, amount)) {
      self->header_pending = true;
      NoteWritten(self, offset, amount);
      return SQLITE_OK;
    }
  }
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  if (offset == 0 && amount >= kPageSizeOffset + 4) {
    const uint32_t page_size =
        BigEndian32(static_cast<const unsigned char*>(data) + kPageSizeOffset);
    if (IsPageSize(page_size)) self->page_size = static_cast<int>(page_size);
  }
  if (next_header && Append(self, data, amount)) {
    self->pending_offset = offset;
    self->header_pending = true;
    NoteWritten(self, offset, amount);
    return SQLITE_OK;
  }
  const int rc = RealMethods(f)->xWrite(Real(f), data, amount, offset);
  if (rc == SQLITE_OK) NoteWritten(self, offset, amount);
  return rc;
}

// Frames still pending at close belong to a transaction that did not
// commit; they are dropped.
int Close(sqlite3_file* f) {
  FrameFile* self = Self(f);
  const int rc = RealMethods(f)->xClose(Real(f));
  sqlite3_free(self->pending);
  self->pending = nullptr;
  self->pending_bytes = 0;
  if (self->db != nullptr) self->db->wal = nullptr;
  return rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  const FrameFile* self = Self(f);
  if (self->lost != SQLITE_OK && offset + amount > self->lost_from) {
    return self->lost;
  }
  return RealMethods(f)->xRead(Real(f), out, amount, offset);
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  FrameFile* self = Self(f);
  if (self->high_water > size) self->high_water = size;
  return RealMethods(f)->xTruncate(Real(f), size);
}

int Sync(sqlite3_file* f, int flags) {
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xSync(Real(f), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileSize(Real(f), size);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = WritePending(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileControl(Real(f), op, arg);
}

}  // namespace

// SQLite locks the database file, never its log, with these three; a log
// forwards them as they are.
int ForwardLock(sqlite3_file* f, int level) {
  return RealMethods(f)->xLock(Real(f), level);
}
int ForwardUnlock(sqlite3_file* f, int level) {
  return RealMethods(f)->xUnlock(Real(f), level);
}
int ForwardCheckReservedLock(sqlite3_file* f, int* out) {
  return RealMethods(f)->xCheckReservedLock(Real(f), out);
}

// These two describe the device, not the file's bytes, and cannot fail, so
// a log leaves pending bytes pending.
int ForwardSectorSize(sqlite3_file* f) {
  return RealMethods(f)->xSectorSize(Real(f));
}
int ForwardDeviceCharacteristics(sqlite3_file* f) {
  return RealMethods(f)->xDeviceCharacteristics(Real(f));
}

const sqlite3_io_methods kWalFileMethods = {
    /*iVersion=*/1,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    ForwardLock,
    ForwardUnlock,
    ForwardCheckReservedLock,
    FileControl,
    ForwardSectorSize,
    ForwardDeviceCharacteristics,
    /*xShmMap=*/nullptr,
    /*xShmLock=*/nullptr,
    /*xShmBarrier=*/nullptr,
    /*xShmUnmap=*/nullptr,
    /*xFetch=*/nullptr,
    /*xUnfetch=*/nullptr,
};

void InitFrameFile(FrameFile* file) {
  file->db = nullptr;
  file->lost = SQLITE_OK;
  file->lost_from = 0;
  file->high_water = 0;
  file->page_size = 0;
  file->pending_offset = 0;
  file->pending_bytes = 0;
  file->header_pending = false;
  file->pending = nullptr;
  file->pending_capacity = 0;
}

int WritePendingFrames(FrameFile* file) {
  return WritePending(&file->file.base);
}

void EndWriteTransaction(FrameFile* file) {
  if (file->pending_bytes > 0) file->high_water = file->pending_offset;
  file->pending_bytes = 0;
  file->header_pending = false;
  file->lost = SQLITE_OK;
}

}  // namespace appt::sqlite_internal
