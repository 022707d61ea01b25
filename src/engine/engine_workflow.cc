// Status chain and workflow settings commands of the Engine (R3.1, R3.2).
// Chains are validated whole before anything is written; what the store
// holds (statuses in use, chains named by the settings) is checked inside
// the saving transaction.
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "engine/engine_impl.h"
#include "util/text.h"
#include "workflow/chain.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

absl::StatusOr<StatusChain> FindChain(StoreTransaction& tx, ChainId id) {
  auto chains = tx.ListStatusChains();
  if (!chains.ok()) return chains.status();
  for (StatusChain& c : *chains) {
    if (c.id == id) return std::move(c);
  }
  return absl::NotFoundError(StrCat("chain_id ", id, " not found"));
}

// FailedPrecondition when appointments are in `status`, which `change`
// (e.g. "removed") would strand.
absl::Status RequireUnused(StoreTransaction& tx, const Status& status,
                           absl::string_view change) {
  auto used = tx.CountStatusAppointments(status.id);
  if (!used.ok()) return used.status();
  if (*used == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(
      StrCat("status ", status.id, " ", text::Quote(status.name), " holds ",
             *used, " appointment(s) and cannot be ", change));
}

// Checks an update of `old` to `next` against the appointments in its
// statuses.
absl::Status CheckChainUpdate(StoreTransaction& tx, const StatusChain& old,
                              const StatusChain& next) {
  for (size_t i = 0; i < next.statuses.size(); ++i) {
    const Status& s = next.statuses[i];
    if (s.id == 0) continue;
    auto it = std::find_if(old.statuses.begin(), old.statuses.end(),
                           [&](const Status& o) { return o.id == s.id; });
    if (it == old.statuses.end()) {
      return absl::InvalidArgumentError(StrCat(
          "statuses[", i, "].id ", s.id, " is not a status of chain ", old.id));
    }
    if (it->marker != s.marker || it->holds_slot != s.holds_slot) {
      if (auto st = RequireUnused(tx, *it,
                                  "given another marker or "
                                  "holds_slot");
          !st.ok())
        return st;
    }
  }
  for (const Status& o : old.statuses) {
    const bool kept =
        std::any_of(next.statuses.begin(), next.statuses.end(),
                    [&](const Status& s) { return s.id == o.id; });
    if (!kept) {
      if (auto st = RequireUnused(tx, o, "removed"); !st.ok()) return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StatusChain> Engine::CreateStatusChain(
    const StatusChain& chain) {
  auto normal = workflow::NormalizeChain(chain);
  if (!normal.ok()) return normal.status();
  for (size_t i = 0; i < normal->statuses.size(); ++i) {
    if (chain.statuses[i].id != 0) {
      return absl::InvalidArgumentError(StrCat("statuses[", i, "].id ",
                                               chain.statuses[i].id,
                                               " must be 0 in a new chain"));
    }
  }
  return impl_->Run(Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) {
    return tx.InsertStatusChain(*normal);
  });
}

absl::StatusOr<StatusChain> Engine::UpdateStatusChain(
    const StatusChain& chain) {
  auto normal = workflow::NormalizeChain(chain);
  if (!normal.ok()) return normal.status();
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<StatusChain> {
        auto old = FindChain(tx, chain.id);
        if (!old.ok()) return old.status();
        if (auto s = CheckChainUpdate(tx, *old, *normal); !s.ok()) return s;
        return tx.UpdateStatusChain(*normal);
      });
}

absl::Status Engine::DeleteStatusChain(ChainId id) {
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      auto chain = FindChain(tx, id);
                      if (!chain.ok()) return chain.status();
                      auto settings = tx.GetWorkflowSettings();
                      if (!settings.ok()) return settings.status();
                      bool named = settings->default_chain_id == id;
                      for (const ServiceChain& sc : settings->service_chains) {
                        named = named || sc.chain_id == id;
                      }
                      if (named) {
                        return absl::FailedPreconditionError(
                            StrCat("chain_id ", id,
                                   " is named by the workflow settings; "
                                   "change them first"));
                      }
                      for (const Status& s : chain->statuses) {
                        if (auto st = RequireUnused(tx, s, "deleted"); !st.ok())
                          return st;
                      }
                      return tx.DeleteStatusChain(id);
                    });
}

absl::StatusOr<StatusChain> Engine::GetStatusChain(ChainId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return FindChain(tx, id);
  });
}

absl::StatusOr<std::vector<StatusChain>> Engine::ListStatusChains() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListStatusChains();
  });
}

absl::Status Engine::SetWorkflowSettings(const WorkflowSettings& settings) {
  if (settings.enabled && settings.default_chain_id == 0) {
    return absl::InvalidArgumentError(
        "default_chain_id 0: an enabled workflow needs a default chain");
  }
  for (size_t i = 0; i < settings.service_chains.size(); ++i) {
    const ServiceChain& sc = settings.service_chains[i];
    for (size_t j = 0; j < i; ++j) {
      if (settings.service_chains[j].service_id == sc.service_id) {
        return absl::InvalidArgumentError(StrCat("service_chains[", i,
                                                 "].service_id ", sc.service_id,
                                                 " is listed twice"));
      }
    }
  }
  return impl_->Run(
      Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) -> absl::Status {
        if (settings.default_chain_id != 0) {
          if (auto c = FindChain(tx, settings.default_chain_id); !c.ok()) {
            return absl::NotFoundError(StrCat(
                "default_chain_id ", settings.default_chain_id, " not found"));
          }
        }
        for (size_t i = 0; i < settings.service_chains.size(); ++i) {
          const ServiceChain& sc = settings.service_chains[i];
          if (auto s = tx.GetService(sc.service_id); !s.ok()) {
            return absl::NotFoundError(StrCat("service_chains[", i,
                                              "].service_id ", sc.service_id,
                                              " not found"));
          }
          if (auto c = FindChain(tx, sc.chain_id); !c.ok()) {
            return absl::NotFoundError(StrCat("service_chains[", i,
                                              "].chain_id ", sc.chain_id,
                                              " not found"));
          }
        }
        return tx.PutWorkflowSettings(settings);
      });
}

absl::StatusOr<WorkflowSettings> Engine::GetWorkflowSettings() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetWorkflowSettings();
  });
}

}  // namespace appt
