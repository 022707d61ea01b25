// SqliteStore: the SQLite store itself, one connection with its statements
// prepared once, and what its transactions share (the catalog cache). See
// store.h for the contract, sqlite_internal.h for SqliteTransaction.
// Internal.
//
// Thread safety: as store.h; one transaction at a time (Begin refuses a
// second while one is open).
#ifndef APPT_SRC_STORAGE_SQLITE_SQLITE_STORE_H_
#define APPT_SRC_STORAGE_SQLITE_SQLITE_STORE_H_

#include <sqlite3.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/store.h"
#include "storage/sqlite/checkpointer.h"
#include "storage/sqlite/sqlite_query.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override;
  // Moves WAL checkpoints off the commit path (checkpointer.h); files only.
  void CheckpointInBackground();

  absl::Status PrepareAll() {
    for (int i = 0; i < kNumStmts; ++i) {
      int rc =
          sqlite3_prepare_v3(db_, kStatementSql[i], -1,
                             SQLITE_PREPARE_PERSISTENT, &stmts_[i], nullptr);
      if (rc != SQLITE_OK) {
        return SqliteError(db_, rc,
                           absl::StrCat("preparing ", kStatementSql[i]), path_);
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<StoreTransaction>> Begin(Mode m) override;
  std::string Kind() const override { return "sqlite"; }

  sqlite3* db() const { return db_; }
  const std::string& path() const { return path_; }
  Query Use(Stmt s) { return Query(stmts_[s]); }
  absl::Status Error(int rc, absl::string_view what) const {
    return SqliteError(db_, rc, what, path_);
  }
  // Called when a transaction commits or rolls back (its views end then).
  void EndTransaction() {
    in_transaction_ = false;
    if (catalog_cache_.rows.size() > CatalogCache::kMaxRows) {
      catalog_cache_.rows.clear();
    }
  }

  // Catalog rows (resources, services, customers) that transactions of
  // this store viewed, kept for later transactions: valid while the file's
  // data_version (which moves when another connection commits) is
  // `data_version` and no transaction of this store has written a catalog
  // row since they were read. See SqliteTransaction::CatalogCacheUsable.
  struct CatalogCache {
    // Past this many rows, emptied when the transaction that added them
    // ends.
    static constexpr size_t kMaxRows = 4096;
    std::optional<int64_t> data_version;
    std::map<std::pair<int, int64_t>, std::shared_ptr<const void>> rows;
  };
  CatalogCache& catalog_cache() { return catalog_cache_; }

 private:
  sqlite3* db_;
  std::string path_;
  std::array<sqlite3_stmt*, kNumStmts> stmts_{};
  bool in_transaction_ = false;
  CatalogCache catalog_cache_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_SQLITE_STORE_H_
