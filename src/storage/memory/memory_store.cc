// MemoryStore: every table in process memory, ordered indexes in B-trees,
// an undo log per write transaction. This file: transactions and the
// catalog (resources, blocks, services, customers).
#include "storage/memory/memory_internal.h"

namespace appt {
namespace memory_internal {

MemoryTransaction::MemoryTransaction(MemoryStore* store, Tables* t,
                                     std::unique_lock<std::mutex> lock,
                                     Store::Mode mode)
    : store_(store), t_(t), lock_(std::move(lock)), state_{mode} {}

MemoryTransaction::~MemoryTransaction() {
  if (state_.finished) return;
  auto& undo = t_->undo_log;
  for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)(*t_);
  Release();
}

void MemoryTransaction::Release() {
  t_->undo_log.clear();
  state_.finished = true;
  store_->ClearOwner();
  lock_.unlock();
}

absl::Status MemoryTransaction::Commit() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  Release();
  return absl::OkStatus();
}

absl::StatusOr<BlockId> MemoryTransaction::InsertBlock(
    const BlockedInterval& b) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->resources, b.resource_id)) {
    return NotFound("resource_id", b.resource_id);
  }
  const BlockId id = t_->next_block++;
  BlockedInterval& row = t_->blocks[id] = b;
  row.id = id;
  const Key key{b.resource_id, Secs(b.interval.start), id};
  t_->blocks_by_start.insert(key);
  int64_t& max_span = t_->per_resource[b.resource_id - 1].max_block;
  OnUndo([id, key, old_max = max_span](Tables& t) {
    t.per_resource[std::get<0>(key) - 1].max_block = old_max;
    t.blocks_by_start.erase(key);
    t.blocks.erase(id);
    t.next_block = id;
  });
  max_span = std::max(max_span, (b.interval.end - b.interval.start).count());
  return id;
}

absl::Status MemoryTransaction::DeleteBlock(BlockId id) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  auto it = t_->blocks.find(id);
  if (it == t_->blocks.end()) return NotFound("block_id", id);
  const Key key{it->second.resource_id, Secs(it->second.interval.start), id};
  t_->blocks_by_start.erase(key);
  OnUndo([key, old = std::move(it->second)](Tables& t) mutable {
    t.blocks_by_start.insert(key);
    t.blocks.emplace(old.id, std::move(old));
  });
  t_->blocks.erase(it);
  return absl::OkStatus();
}

absl::StatusOr<BlockedInterval> MemoryTransaction::GetBlock(BlockId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->blocks.find(id);
  if (it == t_->blocks.end()) return NotFound("block_id", id);
  return it->second;
}

absl::StatusOr<std::vector<BlockedInterval>> MemoryTransaction::ListBlocks(
    ResourceId resource, Interval window) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<BlockedInterval> out;
  if (!Has(t_->resources, resource)) return out;
  const int64_t from =
      Secs(window.start) - t_->per_resource[resource - 1].max_block;
  for (auto it = t_->blocks_by_start.lower_bound({resource, from, 0});
       it != t_->blocks_by_start.end() && std::get<0>(*it) == resource &&
       std::get<1>(*it) < Secs(window.end);
       ++it) {
    const BlockedInterval& b = t_->blocks.at(std::get<2>(*it));
    if (b.interval.end > window.start) out.push_back(b);
  }
  return out;
}

}  // namespace memory_internal

std::unique_ptr<Store> NewMemoryStore() {
  return std::make_unique<memory_internal::MemoryStore>();
}

}  // namespace appt
