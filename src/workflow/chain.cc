#include "workflow/chain.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "util/text.h"

namespace appt {

const char* StatusMarkerName(StatusMarker marker) {
  switch (marker) {
    case StatusMarker::kStart:
      return "start";
    case StatusMarker::kConfirmation:
      return "confirmation";
    case StatusMarker::kCancellation:
      return "cancellation";
  }
  return "unknown";
}

StatusChain ManualApprovalChain() {
  StatusChain c;
  c.name = "Manual approval";
  c.statuses = {
      {0, "Pending", "Request received, awaiting approval", 0, "#f5a623",
       StatusMarker::kStart, true},
      {0, "Confirmed", "Approved; the customer is told", 1, "#4caf50",
       StatusMarker::kConfirmation, true},
      {0, "Rejected", "Declined; the reason goes to the customer", 2, "#e53935",
       StatusMarker::kCancellation, false},
  };
  return c;
}

namespace workflow {
namespace {

using absl::StrCat;

constexpr size_t kMaxStatuses = 50;

bool IsColour(const std::string& s) {
  return s.size() == 7 && s[0] == '#' &&
         std::all_of(s.begin() + 1, s.end(),
                     [](char c) { return absl::ascii_isxdigit(c); });
}

}  // namespace

absl::StatusOr<StatusChain> NormalizeChain(const StatusChain& chain) {
  if (auto s = text::CheckText("name", chain.name, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (chain.statuses.empty()) {
    return absl::InvalidArgumentError(
        "statuses is empty; a chain needs a "
        "start, a confirmation and a "
        "cancellation status");
  }
  if (chain.statuses.size() > kMaxStatuses) {
    return absl::InvalidArgumentError(
        StrCat("statuses has ", chain.statuses.size(), " entries; at most ",
               kMaxStatuses));
  }
  StatusChain out = chain;
  std::set<std::string> names;
  std::set<int> positions;
  std::set<StatusId> ids;
  for (size_t i = 0; i < out.statuses.size(); ++i) {
    Status& s = out.statuses[i];
    const std::string field = StrCat("statuses[", i, "]");
    if (auto st =
            text::CheckText(field + ".name", s.name, text::kMaxNameBytes, true);
        !st.ok())
      return st;
    if (auto st = text::CheckText(field + ".description", s.description,
                                  text::kMaxTextBytes, false);
        !st.ok())
      return st;
    if (s.id < 0 || (s.id != 0 && !ids.insert(s.id).second)) {
      return absl::InvalidArgumentError(
          StrCat(field, ".id ", s.id, " is negative or repeated"));
    }
    if (!IsColour(s.colour)) {
      return absl::InvalidArgumentError(
          StrCat(field, ".colour ", text::Quote(s.colour), " is not #rrggbb"));
    }
    s.colour = absl::AsciiStrToLower(s.colour);
    if (s.marker != StatusMarker::kStart &&
        s.marker != StatusMarker::kConfirmation &&
        s.marker != StatusMarker::kCancellation) {
      return absl::InvalidArgumentError(StrCat(
          field, ".marker ", static_cast<int>(s.marker), " is not a marker"));
    }
    if (!names.insert(absl::AsciiStrToLower(s.name)).second) {
      return absl::InvalidArgumentError(StrCat(
          field, ".name ", text::Quote(s.name), " is used twice in the chain"));
    }
    if (!positions.insert(s.position).second) {
      return absl::InvalidArgumentError(StrCat(field, ".position ", s.position,
                                               " is used twice in the chain"));
    }
    if (s.marker == StatusMarker::kConfirmation) s.holds_slot = true;
    if (s.marker == StatusMarker::kCancellation) s.holds_slot = false;
  }
  std::stable_sort(
      out.statuses.begin(), out.statuses.end(),
      [](const Status& a, const Status& b) { return a.position < b.position; });
  const Status& first = out.statuses.front();
  if (first.marker != StatusMarker::kStart) {
    return absl::InvalidArgumentError(
        StrCat("status ", text::Quote(first.name), " at the first position ",
               first.position, " is a ", StatusMarkerName(first.marker),
               " status; the first must be a start status"));
  }
  for (StatusMarker needed :
       {StatusMarker::kConfirmation, StatusMarker::kCancellation}) {
    if (std::none_of(out.statuses.begin(), out.statuses.end(),
                     [&](const Status& s) { return s.marker == needed; })) {
      return absl::InvalidArgumentError(
          StrCat("statuses has no ", StatusMarkerName(needed), " status"));
    }
  }
  return out;
}

absl::Status CheckMove(const Status& from, const Status& to) {
  bool allowed = false;
  switch (from.marker) {
    case StatusMarker::kStart:
      allowed = true;
      break;
    case StatusMarker::kConfirmation:
      allowed = to.marker != StatusMarker::kStart;
      break;
    case StatusMarker::kCancellation:
      allowed = false;
      break;
  }
  if (from.id == to.id) allowed = false;
  if (allowed) return absl::OkStatus();
  return absl::FailedPreconditionError(StrCat(
      "status_id ", to.id, " ", text::Quote(to.name), " (",
      StatusMarkerName(to.marker), ") cannot follow status ", from.id, " ",
      text::Quote(from.name), " (", StatusMarkerName(from.marker),
      "): from a start status any other may follow, from a confirmation "
      "only a confirmation or a cancellation, and a cancellation is final"));
}

const StatusChain* Workflow::Chain(ChainId id) const {
  for (const StatusChain& c : chains) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const StatusChain* Workflow::ChainFor(const Service& service) const {
  if (!settings.enabled || !service.workflow_enabled) return nullptr;
  for (const ServiceChain& sc : settings.service_chains) {
    if (sc.service_id == service.id) return Chain(sc.chain_id);
  }
  return Chain(settings.default_chain_id);
}

std::optional<Workflow::Found> Workflow::Find(StatusId id) const {
  for (const StatusChain& c : chains) {
    for (const Status& s : c.statuses) {
      if (s.id == id) return Found{&c, &s};
    }
  }
  return std::nullopt;
}

const Status& FirstStatus(const StatusChain& chain) {
  return chain.statuses.front();
}

const Status& FirstCancellation(const StatusChain& chain) {
  return *std::find_if(
      chain.statuses.begin(), chain.statuses.end(),
      [](const Status& s) { return s.marker == StatusMarker::kCancellation; });
}

}  // namespace workflow
}  // namespace appt
