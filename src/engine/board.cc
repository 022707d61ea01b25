#include "engine/board.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "catalog/validate.h"

namespace appt::engine {

absl::Status CheckBoardWindow(const Interval& window) {
  constexpr Duration kMaxBoardWindow = std::chrono::days(366);
  if (auto s = catalog::CheckInstant("window.start", window.start); !s.ok())
    return s;
  if (auto s = catalog::CheckInstant("window.end", window.end); !s.ok())
    return s;
  if (window.end <= window.start ||
      window.end - window.start > kMaxBoardWindow) {
    return absl::InvalidArgumentError(absl::StrCat(
        "window ", FormatUtc(window.start), " to ", FormatUtc(window.end),
        " must end after it starts and span at most 366 days"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ResourceId>> BoardResources(
    StoreTransaction& tx, const std::vector<ResourceId>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i) {
      return absl::InvalidArgumentError(
          absl::StrCat("resource_ids[", i, "] ", ids[i], " is listed twice"));
    }
    if (auto r = tx.ViewResource(ids[i]); !r.ok()) {
      return absl::NotFoundError(absl::StrCat(
          "resource_ids[", i, "]: resource_id ", ids[i], " not found"));
    }
  }
  if (!ids.empty()) return ids;
  auto all = tx.ListResources();
  if (!all.ok()) return all.status();
  std::vector<ResourceId> out;
  for (const Resource& r : *all) out.push_back(r.id);
  return out;
}

}  // namespace appt::engine
