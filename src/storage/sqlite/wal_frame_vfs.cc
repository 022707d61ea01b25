#include "storage/sqlite/wal_frame_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>

#include "storage/sqlite/wal_frame_file.h"

namespace appt::sqlite_internal {
namespace {

sqlite3_vfs* g_real_vfs = nullptr;

DbFile* Db(sqlite3_file* f) { return reinterpret_cast<DbFile*>(f); }

// The database file's methods: all forward; WAL-index lock changes write
// the log's pending frames first, except the release of the write lock,
// which drops them (they belong to a transaction that did not commit). A
// failure to write them stops a lock from being taken (SQLite fails the
// operation that needed it), never one from being released.
int DbClose(sqlite3_file* f) {
  if (FrameFile* wal = Db(f)->wal; wal != nullptr) wal->db = nullptr;
  return RealMethods(f)->xClose(Real(f));
}
int DbRead(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  return RealMethods(f)->xRead(Real(f), out, amount, offset);
}
int DbWrite(sqlite3_file* f, const void* data, int amount,
            sqlite3_int64 offset) {
  return RealMethods(f)->xWrite(Real(f), data, amount, offset);
}
int DbTruncate(sqlite3_file* f, sqlite3_int64 size) {
  return RealMethods(f)->xTruncate(Real(f), size);
}
int DbSync(sqlite3_file* f, int flags) {
  return RealMethods(f)->xSync(Real(f), flags);
}
int DbFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return RealMethods(f)->xFileSize(Real(f), size);
}
int DbFileControl(sqlite3_file* f, int op, void* arg) {
  return RealMethods(f)->xFileControl(Real(f), op, arg);
}
int DbShmMap(sqlite3_file* f, int region, int size, int extend,
             void volatile** out) {
  return RealMethods(f)->xShmMap(Real(f), region, size, extend, out);
}
int DbShmLock(sqlite3_file* f, int offset, int n, int flags) {
  // The log's write lock is WAL-index lock 0 (wal.c, WAL_WRITE_LOCK).
  constexpr int kWriteLock = 0;
  FrameFile* wal = Db(f)->wal;
  if (wal != nullptr) {
    if ((flags & SQLITE_SHM_UNLOCK) != 0 &&
        (flags & SQLITE_SHM_EXCLUSIVE) != 0 && offset <= kWriteLock &&
        kWriteLock < offset + n) {
      EndWriteTransaction(wal);
    } else if (const int written = WritePendingFrames(wal);
               written != SQLITE_OK && (flags & SQLITE_SHM_LOCK) != 0) {
      return written;
    }
  }
  return RealMethods(f)->xShmLock(Real(f), offset, n, flags);
}
void DbShmBarrier(sqlite3_file* f) { RealMethods(f)->xShmBarrier(Real(f)); }
int DbShmUnmap(sqlite3_file* f, int delete_flag) {
  return RealMethods(f)->xShmUnmap(Real(f), delete_flag);
}
int DbFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return RealMethods(f)->xFetch(Real(f), offset, amount, out);
}
int DbUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return RealMethods(f)->xUnfetch(Real(f), offset, page);
}

// One table per io_methods version, so SQLite sees the real file's version
// and calls only what it has.
constexpr sqlite3_io_methods DbMethods(int version) {
  return {version,
          DbClose,
          DbRead,
          DbWrite,
          DbTruncate,
          DbSync,
          DbFileSize,
          ForwardLock,
          ForwardUnlock,
          ForwardCheckReservedLock,
          DbFileControl,
          ForwardSectorSize,
          ForwardDeviceCharacteristics,
          DbShmMap,
          DbShmLock,
          DbShmBarrier,
          DbShmUnmap,
          DbFetch,
          DbUnfetch};
}
const sqlite3_io_methods kDbMethods[] = {DbMethods(1), DbMethods(2),
                                         DbMethods(3)};

bool IsDbFile(const sqlite3_file* f) {
  return f != nullptr &&
         (f->pMethods == &kDbMethods[0] || f->pMethods == &kDbMethods[1] ||
          f->pMethods == &kDbMethods[2]);
}

// The version of `real` that this wrapper can offer: only what the real
// file has (os_unix's "none" locking, for one, is version 3 without shared
// memory).
int DbVersion(const sqlite3_io_methods* real) {
  int version = std::clamp(real->iVersion, 1, 3);
  if (version >= 3 && (real->xFetch == nullptr || real->xUnfetch == nullptr)) {
    version = 2;
  }
  if (version >= 2 &&
      (real->xShmMap == nullptr || real->xShmLock == nullptr ||
       real->xShmBarrier == nullptr || real->xShmUnmap == nullptr)) {
    version = 1;
  }
  return version;
}

// Opens `name` through the real VFS into the object after the wrapper's,
// and gives the wrapper `methods` if the real VFS left a file to close
// (SQLite closes a file whose xOpen failed only if pMethods is set).
int OpenWrapped(const char* name, sqlite3_file* file, int flags, int* out_flags,
                const sqlite3_io_methods* methods) {
  auto* wrapped = reinterpret_cast<WrappedFile*>(file);
  wrapped->base.pMethods = nullptr;
  wrapped->real = reinterpret_cast<sqlite3_file*>(
      reinterpret_cast<char*>(file) + kRealOffset);
  const int rc =
      g_real_vfs->xOpen(g_real_vfs, name, wrapped->real, flags, out_flags);
  const sqlite3_io_methods* real_methods = wrapped->real->pMethods;
  if (real_methods != nullptr) {
    wrapped->base.pMethods =
        methods != nullptr ? methods : &kDbMethods[DbVersion(real_methods) - 1];
  }
  return rc;
}

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags,
         int* out_flags) {
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
    Db(file)->wal = nullptr;
    return OpenWrapped(name, file, flags, out_flags, nullptr);
  }
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    return g_real_vfs->xOpen(g_real_vfs, name, file, flags, out_flags);
  }
  auto* self = reinterpret_cast<FrameFile*>(file);
  InitFrameFile(self);
  const int rc = OpenWrapped(name, file, flags, out_flags, &kWalFileMethods);
  // SQLite's pager names the log with a name it allocated beside the
  // database's, from which SQLite finds the database's file object.
  sqlite3_file* db = sqlite3_database_file_object(name);
  if (rc == SQLITE_OK && IsDbFile(db) && Db(db)->wal == nullptr) {
    self->db = Db(db);
    self->db->wal = self;
  }
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
