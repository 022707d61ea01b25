#include "storage/sqlite/wal_batching_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <new>
#include <string>

namespace appt::sqlite_internal {
namespace {

// The WAL format's frame header: 24 bytes, the database size after a
// commit in bytes 4-7 (big-endian), zero in every other frame.
constexpr int kFrameHeaderBytes = 24;
// A batch larger than this goes to disk before its commit (a huge
// transaction); the buffer keeps at most this much capacity between them.
constexpr size_t kMaxBatchBytes = 8u << 20;
// The unix VFS writes at most 128 KiB - 1 bytes per call (it masks larger
// amounts), so a batch goes down in pieces of this size.
constexpr size_t kMaxWriteBytes = 64u << 10;

sqlite3_vfs* g_real_vfs = nullptr;

struct BatchFile {
  sqlite3_file base;  // first: SQLite sees a BatchFile as a sqlite3_file
  sqlite3_file* real;
  std::string* pending;  // WAL files only; null for every other file
  sqlite3_int64 pending_offset;
  bool awaiting_page;   // the buffer ends with a frame header
  bool commit_pending;  // ...and that header is the commit frame's
};

constexpr size_t kRealOffset =
    (sizeof(BatchFile) + alignof(std::max_align_t) - 1) /
    alignof(std::max_align_t) * alignof(std::max_align_t);

BatchFile* Self(sqlite3_file* f) { return reinterpret_cast<BatchFile*>(f); }
sqlite3_file* Real(sqlite3_file* f) { return Self(f)->real; }
const sqlite3_io_methods* RealMethods(sqlite3_file* f) {
  return Real(f)->pMethods;
}

bool IsCommitFrameHeader(const void* header) {
  const auto* b = static_cast<const unsigned char*>(header);
  return (b[4] | b[5] | b[6] | b[7]) != 0;
}

int Flush(BatchFile* f) {
  if (f->pending == nullptr || f->pending->empty()) return SQLITE_OK;
  int rc = SQLITE_OK;
  for (size_t done = 0; done < f->pending->size() && rc == SQLITE_OK;) {
    const size_t piece = std::min(kMaxWriteBytes, f->pending->size() - done);
    rc = f->real->pMethods->xWrite(
        f->real, f->pending->data() + done, static_cast<int>(piece),
        f->pending_offset + static_cast<sqlite3_int64>(done));
    done += piece;
  }
  f->pending->clear();
  if (f->pending->capacity() > kMaxBatchBytes) std::string().swap(*f->pending);
  f->awaiting_page = false;
  f->commit_pending = false;
  return rc;
}

int FlushThen(sqlite3_file* f) { return Flush(Self(f)); }

int Close(sqlite3_file* f) {
  BatchFile* self = Self(f);
  const int flushed = Flush(self);
  const int rc = RealMethods(f)->xClose(self->real);
  delete self->pending;
  self->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : rc;
}

int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xRead(Real(f), out, amount, offset);
}

int Write(sqlite3_file* f, const void* data, int amount,
          sqlite3_int64 offset) {
  BatchFile* self = Self(f);
  if (self->pending != nullptr) {
    std::string& buffer = *self->pending;
    const sqlite3_int64 end =
        self->pending_offset + static_cast<sqlite3_int64>(buffer.size());
    if (amount == kFrameHeaderBytes) {
      if (!buffer.empty() && (self->awaiting_page || offset != end)) {
        if (int rc = Flush(self); rc != SQLITE_OK) return rc;
      }
      if (buffer.empty()) self->pending_offset = offset;
      buffer.append(static_cast<const char*>(data), kFrameHeaderBytes);
      self->awaiting_page = true;
      self->commit_pending = IsCommitFrameHeader(data);
      return SQLITE_OK;
    }
    if (self->awaiting_page && offset == end) {
      buffer.append(static_cast<const char*>(data), amount);
      self->awaiting_page = false;
      if (self->commit_pending || buffer.size() >= kMaxBatchBytes) {
        return Flush(self);
      }
      return SQLITE_OK;
    }
    if (int rc = Flush(self); rc != SQLITE_OK) return rc;
  }
  return RealMethods(f)->xWrite(Real(f), data, amount, offset);
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xTruncate(Real(f), size);
}

int Sync(sqlite3_file* f, int flags) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xSync(Real(f), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileSize(Real(f), size);
}

int Lock(sqlite3_file* f, int level) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xLock(Real(f), level);
}

int Unlock(sqlite3_file* f, int level) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xUnlock(Real(f), level);
}

int CheckReservedLock(sqlite3_file* f, int* out) {
  return RealMethods(f)->xCheckReservedLock(Real(f), out);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  if (int rc = FlushThen(f); rc != SQLITE_OK) return rc;
  return RealMethods(f)->xFileControl(Real(f), op, arg);
}

int SectorSize(sqlite3_file* f) { return RealMethods(f)->xSectorSize(Real(f)); }

int DeviceCharacteristics(sqlite3_file* f) {
  return RealMethods(f)->xDeviceCharacteristics(Real(f));
}

int ShmMap(sqlite3_file* f, int region, int size, int extend,
           void volatile** out) {
  if (RealMethods(f)->iVersion < 2) return SQLITE_IOERR_SHMMAP;
  return RealMethods(f)->xShmMap(Real(f), region, size, extend, out);
}

int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  if (RealMethods(f)->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
  return RealMethods(f)->xShmLock(Real(f), offset, n, flags);
}

void ShmBarrier(sqlite3_file* f) {
  if (RealMethods(f)->iVersion >= 2) RealMethods(f)->xShmBarrier(Real(f));
}

int ShmUnmap(sqlite3_file* f, int delete_flag) {
  if (RealMethods(f)->iVersion < 2) return SQLITE_OK;
  return RealMethods(f)->xShmUnmap(Real(f), delete_flag);
}

int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  if (RealMethods(f)->iVersion < 3) {
    *out = nullptr;
    return SQLITE_OK;
  }
  return RealMethods(f)->xFetch(Real(f), offset, amount, out);
}

int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  if (RealMethods(f)->iVersion < 3) return SQLITE_OK;
  return RealMethods(f)->xUnfetch(Real(f), offset, page);
}

const sqlite3_io_methods kMethods = {
    3,         Close,    Read,         Write,
    Truncate,  Sync,     FileSize,     Lock,
    Unlock,    CheckReservedLock,      FileControl,
    SectorSize,          DeviceCharacteristics,
    ShmMap,    ShmLock,  ShmBarrier,   ShmUnmap,
    Fetch,     Unfetch,
};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
         int* out_flags) {
  auto* self = new (file) BatchFile{};
  self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) +
                                               kRealOffset);
  self->real->pMethods = nullptr;
  const int rc =
      g_real_vfs->xOpen(g_real_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK || self->real->pMethods == nullptr) {
    self->base.pMethods = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  if (flags & SQLITE_OPEN_WAL) self->pending = new std::string();
  self->base.pMethods = &kMethods;
  return SQLITE_OK;
}

// The remaining VFS methods pass straight to the real VFS.
int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real_vfs->xDelete(g_real_vfs, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real_vfs->xAccess(g_real_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real_vfs->xFullPathname(g_real_vfs, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return g_real_vfs->xDlOpen(g_real_vfs, name);
}
void DlError(sqlite3_vfs*, int n, char* out) {
  g_real_vfs->xDlError(g_real_vfs, n, out);
}
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_real_vfs->xDlSym(g_real_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) {
  g_real_vfs->xDlClose(g_real_vfs, handle);
}
int Randomness(sqlite3_vfs*, int n, char* out) {
  return g_real_vfs->xRandomness(g_real_vfs, n, out);
}
int Sleep(sqlite3_vfs*, int microseconds) {
  return g_real_vfs->xSleep(g_real_vfs, microseconds);
}
int CurrentTime(sqlite3_vfs*, double* out) {
  return g_real_vfs->xCurrentTime(g_real_vfs, out);
}
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return g_real_vfs->xGetLastError
             ? g_real_vfs->xGetLastError(g_real_vfs, n, out)
             : 0;
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  if (g_real_vfs->iVersion >= 2 && g_real_vfs->xCurrentTimeInt64) {
    return g_real_vfs->xCurrentTimeInt64(g_real_vfs, out);
  }
  double days = 0;
  const int rc = g_real_vfs->xCurrentTime(g_real_vfs, &days);
  *out = static_cast<sqlite3_int64>(days * 86400000.0);
  return rc;
}

sqlite3_vfs g_vfs;

void Register() {
  g_real_vfs = sqlite3_vfs_find(nullptr);
  if (g_real_vfs == nullptr) return;
  g_vfs = sqlite3_vfs{};
  g_vfs.iVersion = 2;
  g_vfs.szOsFile = static_cast<int>(kRealOffset) + g_real_vfs->szOsFile;
  g_vfs.mxPathname = g_real_vfs->mxPathname;
  g_vfs.zName = "appt-wal-batching";
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
  g_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
  if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) g_real_vfs = nullptr;
}

}  // namespace

const char* WalBatchingVfsName() {
  static std::once_flag once;
  std::call_once(once, Register);
  return g_real_vfs != nullptr ? g_vfs.zName : nullptr;
}

}  // namespace appt::sqlite_internal
