// A scoped use of a cached SQLite statement. Internal to the SQLite store.
#ifndef APPT_SRC_STORAGE_SQLITE_SQLITE_QUERY_H_
#define APPT_SRC_STORAGE_SQLITE_SQLITE_QUERY_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "appt/types.h"

namespace appt::sqlite_internal {

inline int64_t Secs(Instant t) { return t.time_since_epoch().count(); }
inline Instant At(int64_t seconds) { return Instant(Duration(seconds)); }

// One use of a cached statement; resets it and clears its bindings when
// destroyed. Bound text must outlive the Query.
class Query {
 public:
  explicit Query(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindTime(int i, Instant t) { BindInt(i, Secs(t)); }
  void BindText(int i, absl::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()),
                      SQLITE_STATIC);
  }
  void BindOptionalTime(int i, const std::optional<Instant>& t) {
    if (t.has_value()) {
      BindTime(i, *t);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  // A new row's id 0 binds NULL, so that SQLite assigns the id.
  void BindNewId(int i, int64_t id) {
    if (id == 0) {
      BindNull(i);
    } else {
      BindInt(i, id);
    }
  }
  void BindBlob(int i, absl::string_view bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_STATIC);
  }
  int Step() { return sqlite3_step(stmt_); }
  bool IsNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  Instant Time(int col) const { return At(Int(col)); }
  Duration Seconds(int col) const { return Duration(Int(col)); }
  std::optional<Instant> OptionalTime(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return Time(col);
  }
  std::string Blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p == nullptr ? std::string()
                        : std::string(p, sqlite3_column_bytes(stmt_, col));
  }
  std::string Text(int col) const {
    const auto* p =
        reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p == nullptr ? std::string()
                        : std::string(p, sqlite3_column_bytes(stmt_, col));
  }

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_SQLITE_QUERY_H_
