#include "storage/sqlite/wal_frame_vfs.h"

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace appt::sqlite_internal {
namespace {

// The WAL format: a 32-byte file header (the page size big-endian in bytes
// 8-11), then frames of a 24-byte header and one page.
constexpr int kWalHeaderBytes = 32;
constexpr int kPageSizeOffset = 8;
constexpr int kFrameHeaderBytes = 24;
constexpr sqlite3_int64 kNothingHeld = -1;

sqlite3_vfs* g_real_vfs = nullptr;

// SQLite allocates szOsFile bytes per open file and hands them to xOpen
// uninitialised; a WAL file's FrameFile sits first, the real VFS's file
// object after it. Every other file is the real VFS's object alone.
struct FrameFile {
  sqlite3_file base;  // first: SQLite sees a FrameFile as a sqlite3_file
  sqlite3_file* real;
  // End of the furthest write through this object since it last wrote the
  // WAL header at offset 0 (or since a truncation below it).
  sqlite3_int64 high_water;
  // The log's page size, from the WAL header; 0 until known. Constant for
  // the life of the file object: SQLite cannot change the page size of a
  // database in WAL mode, and closes the log when it leaves WAL mode.
  int page_size;
  sqlite3_int64 held_offset;  // kNothingHeld, or where `held` goes
  unsigned char held[kFrameHeaderBytes];
  unsigned char* joined;  // sqlite3_malloc'd scratch for header + page
  int joined_capacity;
};

constexpr size_t kRealOffset =
    (sizeof(FrameFile) + alignof(std::max_align_t) - 1) /
    alignof(std::max_align_t) * alignof(std::max_align_t);

FrameFile* Self(sqlite3_file* f) { return reinterpret_cast<FrameFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Self(f)->real; }
const sqlite3_io_methods* RealMethods(sqlite3_file* f) {
  return Real(f)->pMethods;
}

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

// Writes the held header, if any. Every call but a joinable write does this
// first.
int WriteHeld(sqlite3_file* f) {
  FrameFile* self = Self(f);
  if (self->held_offset == kNothingHeld) return SQLITE_OK;
  const sqlite3_int64 offset = self->held_offset;
  self->held_offset = kNothingHeld;
  const int rc =
      RealMethods(f)->xWrite(Real(f), self->held, kFrameHeaderBytes, offset);
  if (rc == SQLITE_OK) NoteWritten(self, offset, kFrameHeaderBytes);
  return rc;
}

// Writes the held header and `page`, which SQLite asked to write right
// after it (at `page_offset`).
int WriteJoined(sqlite3_file* f, const void* page, int amount,
                sqlite3_int64 page_offset) {
  FrameFile* self = Self(f);
  const int total = kFrameHeaderBytes + amount;
  if (total > self->joined_capacity) {
    auto* grown =
        static_cast<unsigned char*>(sqlite3_realloc(self->joined, total));
    if (grown == nullptr) {  // write the two apart, as SQLite asked
      if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
      const int rc = RealMethods(f)->xWrite(Real(f), page, amount, page_offset);
      if (rc == SQLITE_OK) NoteWritten(self, page_offset, amount);
      return rc;
    }
    self->joined = grown;
    self->joined_capacity = total;
  }
  const sqlite3_int64 offset = self->held_offset;
  self->held_offset = kNothingHeld;
  std::memcpy(self->joined, self->held, kFrameHeaderBytes);
  std::memcpy(self->joined + kFrameHeaderBytes, page, amount);
  const int rc = RealMethods(f)->xWrite(Real(f), self->joined, total, offset);
  if (rc == SQLITE_OK) NoteWritten(self, offset, total);
  return rc;
}

int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
  FrameFile* self = Self(f);
  if (self->held_offset != kNothingHeld) {
    if (offset == self->held_offset + kFrameHeaderBytes && amount > 0) {
      return WriteJoined(f, data, amount, offset);
    }
    if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  }
  if (offset == 0 && amount >= kPageSizeOffset + 4) {
    const uint32_t page_size =
        BigEndian32(static_cast<const unsigned char*>(data) + kPageSizeOffset);
    if (IsPageSize(page_size)) self->page_size = static_cast<int>(page_size);
  }
  if (amount == kFrameHeaderBytes && offset >= self->high_water &&
      StartsAFrame(f, offset)) {
    std::memcpy(self->held, data, kFrameHeaderBytes);
    self->held_offset = offset;
    return SQLITE_OK;
  }
  const int rc = RealMethods(f)->xWrite(Real(f), data, amount, offset);
  if (rc == SQLITE_OK) NoteWritten(self, offset, amount);
  return rc;
}

int Close(sqlite3_file* f) {
  FrameFile* self = Self(f);
  const int held = WriteHeld(f);
  const int rc = RealMethods(f)->xClose(self->real);
  sqlite3_free(self->joined);
  self->joined = nullptr;
  return held != SQLITE_OK ? held : rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xRead(Real(f), out, amount, offset);
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  FrameFile* self = Self(f);
  if (self->high_water > size) self->high_water = size;
  return RealMethods(f)->xTruncate(Real(f), size);
}

int Sync(sqlite3_file* f, int flags) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xSync(Real(f), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileSize(Real(f), size);
}

int Lock(sqlite3_file* f, int level) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xLock(Real(f), level);
}

int Unlock(sqlite3_file* f, int level) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xUnlock(Real(f), level);
}

int CheckReservedLock(sqlite3_file* f, int* out) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xCheckReservedLock(Real(f), out);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = WriteHeld(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileControl(Real(f), op, arg);
}

// These two describe the device, not the file's bytes, and cannot fail, so
// they leave a held header held.
int SectorSize(sqlite3_file* f) { return RealMethods(f)->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return RealMethods(f)->xDeviceCharacteristics(Real(f));
}

// Version 1: SQLite maps shared memory and fetches pages only through the
// database file, never through its WAL file.
const sqlite3_io_methods kWalMethods = {
    /*iVersion=*/1,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
    /*xShmMap=*/nullptr,
    /*xShmLock=*/nullptr,
    /*xShmBarrier=*/nullptr,
    /*xShmUnmap=*/nullptr,
    /*xFetch=*/nullptr,
    /*xUnfetch=*/nullptr,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags,
         int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    return g_real_vfs->xOpen(g_real_vfs, name, file, flags, out_flags);
  }
  FrameFile* self = Self(file);
  self->base.pMethods = nullptr;
  self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) +
                                               kRealOffset);
  self->high_water = 0;
  self->page_size = 0;
  self->held_offset = kNothingHeld;
  self->joined = nullptr;
  self->joined_capacity = 0;
  const int rc =
      g_real_vfs->xOpen(g_real_vfs, name, self->real, flags, out_flags);
  // SQLite closes a file whose xOpen failed only if pMethods is set; do so
  // exactly when the real VFS left something to close.
  if (self->real->pMethods != nullptr) self->base.pMethods = &kWalMethods;
  return rc;
}

// The rest forwards to the real VFS, which sees itself as the VFS.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real_vfs->xDelete(g_real_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real_vfs->xAccess(g_real_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_real_vfs->xFullPathname(g_real_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return g_real_vfs->xDlOpen(g_real_vfs, name);
}
void DlError(sqlite3_vfs*, int size, char* out) {
  g_real_vfs->xDlError(g_real_vfs, size, out);
}
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_real_vfs->xDlSym(g_real_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) {
  g_real_vfs->xDlClose(g_real_vfs, handle);
}
int Randomness(sqlite3_vfs*, int size, char* out) {
  return g_real_vfs->xRandomness(g_real_vfs, size, out);
}
int Sleep(sqlite3_vfs*, int microseconds) {
  return g_real_vfs->xSleep(g_real_vfs, microseconds);
}
int CurrentTime(sqlite3_vfs*, double* out) {
  return g_real_vfs->xCurrentTime(g_real_vfs, out);
}
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return g_real_vfs->xGetLastError(g_real_vfs, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real_vfs->xCurrentTimeInt64(g_real_vfs, out);
}

sqlite3_vfs g_vfs;

void Register() {
  g_real_vfs = sqlite3_vfs_find(nullptr);
  if (g_real_vfs == nullptr) return;
  g_vfs.iVersion = g_real_vfs->iVersion >= 2 ? 2 : 1;
  g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_real_vfs->szOsFile;
  g_vfs.mxPathname = g_real_vfs->mxPathname;
  g_vfs.zName = "appt-wal-frames";
  g_vfs.xOpen = Open;
  g_vfs.xDelete = Delete;
  g_vfs.xAccess = Access;
  g_vfs.xFullPathname = FullPathname;
  g_vfs.xDlOpen = DlOpen;
  g_vfs.xDlError = DlError;
  g_vfs.xDlSym = DlSym;
  g_vfs.xDlClose = DlClose;
  g_vfs.xRandomness = Randomness;
  g_vfs.xSleep = Sleep;
  g_vfs.xCurrentTime = CurrentTime;
  g_vfs.xGetLastError = GetLastError;
  if (g_vfs.iVersion >= 2) g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0) != SQLITE_OK) {
    g_real_vfs = nullptr;
  }
}

}  // namespace

const char* WalFrameVfsName() {
  static std::once_flag once;
  std::call_once(once, Register);
  return g_real_vfs == nullptr ? nullptr : g_vfs.zName;
}

}  // namespace appt::sqlite_internal
