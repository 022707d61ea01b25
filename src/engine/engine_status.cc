// Moving appointments through the status workflow, their status history
// and the dashboard of unconfirmed appointments (R3.3–R3.7).
#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "catalog/validate.h"
#include "engine/board.h"
#include "engine/engine_impl.h"
#include "engine/placement.h"
#include "engine/record_change.h"
#include "engine/workflow_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

// What a move from `from` to `to` does for messaging.
engine::Change MoveChange(const Status& from, const Status& to) {
  if (to.marker == StatusMarker::kCancellation) {
    return from.marker == StatusMarker::kStart ? engine::Change::kRejected
                                               : engine::Change::kCancelled;
  }
  if (to.marker == StatusMarker::kConfirmation &&
      from.marker == StatusMarker::kStart) {
    return engine::Change::kConfirmed;
  }
  return engine::Change::kStatusMoved;
}

// Takes the slot for a request that did not hold it: only capacity and
// other appointments count (staff decide; hours and notice were checked at
// booking).
absl::Status TakeSlot(StoreTransaction& tx, const Appointment& a, Instant now) {
  auto service = tx.ViewService(a.service_id);
  if (!service.ok()) return service.status();
  auto resource = tx.ViewResource(a.resource_id);
  if (!resource.ok()) return resource.status();
  engine::Placement p{*resource, *service, a.start, now, true, a.id};
  return engine::CheckPlacement(tx, p);
}

}  // namespace

absl::StatusOr<Appointment> Engine::SetStatus(const StatusChangeRequest& r) {
  if (auto s = catalog::CheckActor(r.actor); !s.ok()) return s;
  if (auto s = text::CheckText("reason", r.reason, text::kMaxTextBytes, false);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(r.appointment_id);
    if (!a.ok()) return a.status();
    if (a->status_id == 0) {
      return absl::FailedPreconditionError(StrCat(
          "appointment_id ", a->id, " was booked with no status workflow"));
    }
    if (a->state != AppointmentState::kBooked &&
        a->state != AppointmentState::kPending) {
      return absl::FailedPreconditionError(StrCat(
          "appointment_id ", a->id, " is ", AppointmentStateName(a->state),
          "; its status can no longer change"));
    }
    auto wf = engine::LoadWorkflow(tx, true);
    if (!wf.ok()) return wf.status();
    auto from = wf->Find(a->status_id);
    if (!from) {
      return absl::DataLossError(StrCat("status ", a->status_id,
                                        " of appointment_id ", a->id,
                                        " no longer exists"));
    }
    auto to = wf->Find(r.status_id);
    if (!to) {
      return absl::NotFoundError(
          StrCat("status_id ", r.status_id, " not found"));
    }
    if (to->chain != from->chain) {
      return absl::InvalidArgumentError(StrCat(
          "status_id ", r.status_id, " belongs to chain ", to->chain->id,
          ", not to chain ", from->chain->id, " of appointment_id ", a->id));
    }
    const Status& old_status = *from->status;
    const Status& new_status = *to->status;
    if (auto s = workflow::CheckMove(old_status, new_status); !s.ok()) return s;
    const bool cancels = new_status.marker == StatusMarker::kCancellation;
    if (cancels && r.reason.empty()) {
      return absl::InvalidArgumentError(
          StrCat("reason is empty; entering cancellation status ",
                 text::Quote(new_status.name), " needs one"));
    }
    if (cancels) {
      a->state = AppointmentState::kCancelled;
      a->cancel_reason = r.reason;
    } else if (new_status.holds_slot &&
               a->state == AppointmentState::kPending) {
      // Atomic with the move: two requests for one seat cannot both
      // take it.
      if (auto s = TakeSlot(tx, *a, now); !s.ok()) return s;
      a->state = AppointmentState::kBooked;
    } else if (!new_status.holds_slot) {
      a->state = AppointmentState::kPending;
    }
    a->status_id = new_status.id;
    a->updated_at = now;
    if (auto s = tx.UpdateAppointment(*a); !s.ok()) return s;
    if (auto s = engine::AppendStatusMove(tx, *a, &old_status, new_status,
                                          r.actor, now, r.reason);
        !s.ok())
      return s;
    std::string details = StrCat(text::Quote(old_status.name), " -> ",
                                 text::Quote(new_status.name), " by ",
                                 ActorKindName(r.actor.kind));
    if (!r.reason.empty()) absl::StrAppend(&details, ": ", r.reason);
    engine::ChangeRecord record{MoveChange(old_status, new_status),
                                cancels ? EventKind::kAppointmentCancelled
                                        : EventKind::kAppointmentStatusChanged,
                                &*a,
                                r.actor,
                                now,
                                cancels ? "cancelled" : "status_changed",
                                std::move(details)};
    record.previous_status = old_status.id;
    if (auto s = engine::RecordChange(tx, events, impl_->tools,
                                      std::move(record), queued);
        !s.ok())
      return s;
    return *a;
  });
}

absl::StatusOr<std::vector<StatusChange>> Engine::StatusHistory(
    AppointmentId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::vector<StatusChange>> {
                      if (auto a = tx.GetAppointment(id); !a.ok())
                        return a.status();
                      return tx.ListStatusHistory(id);
                    });
}

absl::StatusOr<StatusBoard> Engine::GetStatusBoard(const StatusBoardQuery& q) {
  if (auto s = engine::CheckBoardWindow(q.window); !s.ok()) return s;
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<StatusBoard> {
        auto ids = engine::BoardResources(tx, q.resource_ids);
        if (!ids.ok()) return ids.status();
        auto wf = engine::LoadWorkflow(tx, true);
        if (!wf.ok()) return wf.status();
        StatusBoard board;
        std::map<StatusId, int64_t> per_status;
        // Keeps the rows of `list` the board shows; the first list is
        // adopted whole, the rest moved in row by row.
        auto take = [&](std::vector<Appointment>& list) {
          auto shown = [&](const Appointment& a) {
            if (a.start < q.window.start || a.start >= q.window.end) {
              return false;
            }
            const bool awaiting = engine::AwaitingApproval(*wf, a);
            if (!awaiting && !q.include_confirmed) return false;
            ++(awaiting ? board.unconfirmed : board.confirmed);
            ++per_status[a.status_id];
            return true;
          };
          list.erase(
              std::remove_if(list.begin(), list.end(),
                             [&](const Appointment& a) { return !shown(a); }),
              list.end());
          if (board.appointments.empty()) {
            board.appointments.swap(list);
            return;
          }
          board.appointments.insert(board.appointments.end(),
                                    std::make_move_iterator(list.begin()),
                                    std::make_move_iterator(list.end()));
        };
        for (ResourceId id : *ids) {
          for (bool pending : {false, true}) {
            auto list = pending ? tx.ListPendingAppointments(id, q.window)
                                : tx.ListActiveAppointments(id, q.window);
            if (!list.ok()) return list.status();
            take(*list);
          }
        }
        engine::SortByStart(
            board.appointments,
            [](const Appointment& a) -> const auto& { return a; });
        for (const StatusChain& chain : wf->chains) {
          for (const Status& s : chain.statuses) {
            if (auto it = per_status.find(s.id); it != per_status.end()) {
              board.counts.push_back({s.id, s.name, it->second});
              per_status.erase(it);
            }
          }
        }
        // Booked with no workflow (0), or in a status since removed.
        for (const auto& [id, n] : per_status) {
          board.counts.push_back(
              {id, id == 0 ? "confirmed on booking" : "unknown status", n});
        }
        return board;
      });
}

}  // namespace appt
