// RowChain: per-owner lists threaded through an append-only MemoryStore
// table (a RowVector whose row ids are positions + 1).
//
// Each row records the id of the previous row with the same owner, and each
// owner keeps the id of its newest row (0 when it has none). Linking a row,
// and undoing that, touch the table's tail and the owner's head only, where
// an index keyed by (owner, id) would descend to a leaf at a random place in
// a table-sized B-tree. Listing an owner's rows walks its chain, newest
// first.
//
// Contract: rows are linked in the order they are appended (one Link per
// appended row, `id` == the table's new size), and only the newest row is
// ever unlinked, by the undo of its append. Not thread safe; the store's
// mutex guards it.
#ifndef APPT_STORAGE_MEMORY_ROW_CHAIN_H_
#define APPT_STORAGE_MEMORY_ROW_CHAIN_H_

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "storage/memory/row_vector.h"

namespace appt::memory_internal {

class RowChain {
 public:
  // Links row `id`, just appended, as the newest of the owner whose head is
  // `head`.
  void Link(int64_t& head, int64_t id) {
    assert(id == static_cast<int64_t>(prev_.size()) + 1);
    prev_.push_back(head);
    head = id;
  }
  // Undoes the last Link; `head` is that row's owner's head.
  void UnlinkNewest(int64_t& head) {
    head = prev_.back();
    prev_.pop_back();
  }
  // Calls fn(id) for the owner's rows, newest (highest id) first.
  template <typename Fn>
  void ForEachNewestFirst(int64_t head, Fn&& fn) const {
    for (int64_t id = head; id != 0; id = prev_[id - 1]) fn(id);
  }
  // Copies of the owner's rows out of `rows` (the chained table), newest
  // (highest id) first.
  template <typename Rows>
  auto CopyNewestFirst(int64_t head, const Rows& rows) const {
    std::vector<std::decay_t<decltype(rows[0])>> out;
    ForEachNewestFirst(head, [&](int64_t id) { out.push_back(rows[id - 1]); });
    return out;
  }
  // The same, oldest (lowest id) first.
  template <typename Rows>
  auto CopyOldestFirst(int64_t head, const Rows& rows) const {
    auto out = CopyNewestFirst(head, rows);
    std::reverse(out.begin(), out.end());
    return out;
  }

 private:
  RowVector<int64_t> prev_;  // prev_[id - 1]: the owner's previous row id
};

}  // namespace appt::memory_internal

#endif  // APPT_STORAGE_MEMORY_ROW_CHAIN_H_
