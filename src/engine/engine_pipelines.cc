// Pipelines (R6.1–R6.3): saving, with the checks that need the store, and
// re-planning the open deals' stage timers after an update.
#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "engine/deal_step.h"
#include "engine/engine_impl.h"
#include "pipeline/pipeline_rules.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

absl::StatusOr<Pipeline> FindPipeline(StoreTransaction& tx, PipelineId id) {
  auto all = tx.ListPipelines();
  if (!all.ok()) return all.status();
  for (Pipeline& p : *all) {
    if (p.id == id) return std::move(p);
  }
  return absl::NotFoundError(StrCat("pipeline_id ", id, " not found"));
}

bool Overlap(const Pipeline& a, const Pipeline& b) {
  if (a.service_ids.empty() || b.service_ids.empty()) return true;
  return std::any_of(
      a.service_ids.begin(), a.service_ids.end(), [&](ServiceId s) {
        return std::find(b.service_ids.begin(), b.service_ids.end(), s) !=
               b.service_ids.end();
      });
}

// Services exist; no other pipeline opens the same deals.
absl::Status CheckAgainstStore(StoreTransaction& tx, const Pipeline& p) {
  for (size_t i = 0; i < p.service_ids.size(); ++i) {
    if (auto s = tx.GetService(p.service_ids[i]); !s.ok()) {
      return absl::NotFoundError(StrCat("service_ids[", i, "]: service_id ",
                                        p.service_ids[i], " not found"));
    }
  }
  if (p.opens_deals == DealSource::kManual) return absl::OkStatus();
  auto all = tx.ListPipelines();
  if (!all.ok()) return all.status();
  for (const Pipeline& other : *all) {
    if (other.id == p.id || other.opens_deals != p.opens_deals) continue;
    if (Overlap(p, other)) {
      return absl::FailedPreconditionError(
          StrCat("pipeline_id ", other.id, " ", text::Quote(other.name),
                 " already opens deals for ", DealSourceName(p.opens_deals),
                 " of these services"));
    }
  }
  return absl::OkStatus();
}

// Stages an update removes or re-kinds must hold no deal; kept stage ids
// must be the pipeline's.
absl::Status CheckStageChanges(StoreTransaction& tx, const Pipeline& old,
                               const Pipeline& next) {
  for (size_t i = 0; i < next.stages.size(); ++i) {
    const Stage& s = next.stages[i];
    if (s.id != 0 && pipeline::StageWithId(old, s.id) == nullptr) {
      return absl::InvalidArgumentError(
          StrCat("stages[", i, "].id ", s.id, " is not a stage of pipeline_id ",
                 old.id));
    }
  }
  for (const Stage& s : old.stages) {
    const Stage* kept = pipeline::StageWithId(next, s.id);
    if (kept != nullptr && kept->kind == s.kind) continue;
    auto deals = tx.ListDeals({old.id, s.id, 0, false, 1});
    if (!deals.ok()) return deals.status();
    if (!deals->empty()) {
      return absl::FailedPreconditionError(
          StrCat("stage ", text::Quote(s.name), " holds deals; it cannot be ",
                 kept == nullptr ? "removed" : "given another kind"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Pipeline> Engine::CreatePipeline(const Pipeline& pipeline) {
  if (auto s = pipeline::ValidatePipeline(pipeline); !s.ok()) return s;
  for (size_t i = 0; i < pipeline.stages.size(); ++i) {
    if (pipeline.stages[i].id != 0) {
      return absl::InvalidArgumentError(
          StrCat("stages[", i, "].id ", pipeline.stages[i].id,
                 " must be 0: the engine assigns stage ids"));
    }
  }
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<Pipeline> {
        Pipeline p = pipeline;
        p.id = 0;
        if (auto s = CheckAgainstStore(tx, p); !s.ok()) return s;
        return tx.InsertPipeline(p);
      });
}

absl::StatusOr<Pipeline> Engine::UpdatePipeline(const Pipeline& pipeline) {
  if (auto s = pipeline::ValidatePipeline(pipeline); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool*) -> absl::StatusOr<Pipeline> {
    auto old = FindPipeline(tx, pipeline.id);
    if (!old.ok()) return old.status();
    if (auto s = CheckStageChanges(tx, *old, pipeline); !s.ok()) return s;
    if (auto s = CheckAgainstStore(tx, pipeline); !s.ok()) return s;
    // Stage timers already due fire under the old rules first.
    {
      engine::DealStep old_rules(tx, events, now);
      auto open =
          tx.ListDeals({old->id, 0, 0, true, std::numeric_limits<int>::max()});
      if (!open.ok()) return open.status();
      for (const Deal& d : *open) {
        if (auto s = old_rules.FireDue(d); !s.ok()) return s;
      }
    }
    auto saved = tx.UpdatePipeline(pipeline);
    if (!saved.ok()) return saved.status();
    engine::DealStep deals(tx, events, now);
    auto open =
        tx.ListDeals({saved->id, 0, 0, true, std::numeric_limits<int>::max()});
    if (!open.ok()) return open.status();
    for (const Deal& d : *open) {
      if (auto s = deals.Replan(d); !s.ok()) return s;
    }
    return saved;
  });
}

absl::Status Engine::DeletePipeline(PipelineId id) {
  return impl_->Run(
      Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) -> absl::Status {
        auto deals = tx.ListDeals({id, 0, 0, false, 1});
        if (!deals.ok()) return deals.status();
        if (!deals->empty()) {
          return absl::FailedPreconditionError(
              StrCat("pipeline_id ", id, " has deals; it cannot be deleted"));
        }
        return tx.DeletePipeline(id);
      });
}

absl::StatusOr<Pipeline> Engine::GetPipeline(PipelineId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return FindPipeline(tx, id);
  });
}

absl::StatusOr<std::vector<Pipeline>> Engine::ListPipelines() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListPipelines();
  });
}

}  // namespace appt
