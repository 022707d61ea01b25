// RowVector: a MemoryStore table whose row ids are positions + 1.
//
// Rows live in chunks of kChunkRows that are allocated once and never
// moved, so appending costs no copy of the table and no transient second
// copy of it (a std::vector doubles: at a million appointments one append
// would copy the whole table and touch twice its memory), and a reference
// to a row stays valid while rows are appended. Not thread safe; the store's
// mutex guards it.
#ifndef APPT_STORAGE_MEMORY_ROW_VECTOR_H_
#define APPT_STORAGE_MEMORY_ROW_VECTOR_H_

#include <cstddef>
#include <utility>
#include <vector>

namespace appt::memory_internal {

template <typename Row>
class RowVector {
 public:
  static constexpr size_t kChunkRows = 2048;

  RowVector() = default;
  // A copy would not keep each chunk's reserved capacity, so rows appended
  // to it could move: tables are moved, never copied.
  RowVector(const RowVector&) = delete;
  RowVector& operator=(const RowVector&) = delete;
  RowVector(RowVector&&) = default;
  RowVector& operator=(RowVector&&) = default;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Row& operator[](size_t i) { return chunks_[i / kChunkRows][i % kChunkRows]; }
  const Row& operator[](size_t i) const {
    return chunks_[i / kChunkRows][i % kChunkRows];
  }
  Row& back() { return (*this)[size_ - 1]; }
  const Row& back() const { return (*this)[size_ - 1]; }

  void push_back(const Row& row) {
    Chunk().push_back(row);
    ++size_;
  }
  void push_back(Row&& row) {
    Chunk().push_back(std::move(row));
    ++size_;
  }
  // Keeps an emptied chunk's memory for the next append.
  void pop_back() {
    --size_;
    chunks_[size_ / kChunkRows].pop_back();
  }

  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const std::vector<Row>& chunk : chunks_) {
      for (const Row& row : chunk) fn(row);
    }
  }

 private:
  // The chunk the next row goes to, added when the last one is full.
  std::vector<Row>& Chunk() {
    const size_t chunk = size_ / kChunkRows;
    if (chunk == chunks_.size()) {
      // Reserved before it joins: a failed reserve leaves no chunk that
      // could later grow by moving its rows.
      std::vector<Row> fresh;
      fresh.reserve(kChunkRows);
      chunks_.push_back(std::move(fresh));
    }
    return chunks_[chunk];
  }

  std::vector<std::vector<Row>> chunks_;  // each reserved to kChunkRows
  size_t size_ = 0;
};

}  // namespace appt::memory_internal

#endif  // APPT_STORAGE_MEMORY_ROW_VECTOR_H_
