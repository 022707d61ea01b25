// Slot search and the appointment lifecycle (R1.4, R2.1–R2.4).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "calendar/local_time.h"
#include "catalog/validate.h"
#include "engine/engine_impl.h"
#include "engine/membership_step.h"
#include "engine/messaging_step.h"
#include "engine/placement.h"
#include "engine/record_change.h"
#include "engine/workflow_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

constexpr Duration kMaxSearchWindow = std::chrono::days(366);
// Attendance may be recorded from an hour before the start (early check-in).
constexpr Duration kEarlyCheckIn = std::chrono::hours(1);

void AppendLocalWhen(std::string* out, const Resource& r, Instant t) {
  auto zone = calendar::LookupZone("resource.time_zone", r.time_zone);
  if (zone.ok()) {
    calendar::AppendLocal(out, *zone, t);
  } else {
    out->append(FormatUtc(t));
  }
}

std::string LocalWhen(const Resource& r, Instant t) {
  std::string out;
  AppendLocalWhen(&out, r, t);
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Slot>> Engine::SearchSlots(const SlotQuery& q) {
  if (auto s = catalog::CheckInstant("window.start", q.window.start); !s.ok())
    return s;
  if (auto s = catalog::CheckInstant("window.end", q.window.end); !s.ok())
    return s;
  if (q.window.end <= q.window.start) {
    return absl::InvalidArgumentError(StrCat(
        "window end ", FormatUtc(q.window.end), " is not after its start ",
        FormatUtc(q.window.start), " (end <= start)"));
  }
  if (q.window.end - q.window.start > kMaxSearchWindow) {
    return absl::InvalidArgumentError("window is longer than 366 days");
  }
  if (q.step < Duration(0) || (q.step > Duration(0) && q.step.count() % 60)) {
    return absl::InvalidArgumentError(StrCat(
        "step ", q.step.count(), "s must be zero or whole positive minutes"));
  }
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<std::vector<Slot>> {
        auto viewed_service = tx.ViewService(q.service_id);
        if (!viewed_service.ok()) return viewed_service.status();
        const Service* service = *viewed_service;
        std::vector<ResourceId> resources = service->resource_ids;
        if (q.resource_id) {
          if (auto s = engine::CheckPerforms(*service, *q.resource_id); !s.ok())
            return s;
          resources = {*q.resource_id};
        }
        std::vector<Slot> slots;
        for (ResourceId rid : resources) {
          auto resource = tx.ViewResource(rid);
          if (!resource.ok()) return resource.status();
          const Interval reach{q.window.start - kMaxBlockedSpan,
                               q.window.end + kMaxBlockedSpan};
          auto occupied = engine::LoadOccupancy(tx, rid, reach, 0, false);
          if (!occupied.ok()) return occupied.status();
          SlotSearchInput in{*resource, service, q.window,
                             q.step,    now,     *occupied};
          if (auto s = FindSlots(in, &slots); !s.ok()) return s;
        }
        if (resources.size() > 1) {
          std::stable_sort(
              slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.start < b.start; });
        }
        return slots;
      });
}

absl::StatusOr<Appointment> Engine::Book(const BookRequest& r) {
  if (auto s = catalog::CheckActor(r.actor); !s.ok()) return s;
  if (r.force && r.source != BookingSource::kAgent) {
    return absl::InvalidArgumentError(
        StrCat("force is allowed only for agent bookings, not source ",
               BookingSourceName(r.source)));
  }
  if (auto s = text::CheckText("notes", r.notes, text::kMaxTextBytes, false);
      !s.ok())
    return s;
  if (auto s = text::CheckText("external_id", r.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    if (auto c = tx.ViewCustomer(r.customer_id); !c.ok()) return c.status();
    auto viewed_service = tx.ViewService(r.service_id);
    if (!viewed_service.ok()) return viewed_service.status();
    const Service* service = *viewed_service;
    auto viewed_resource = tx.ViewResource(r.resource_id);
    if (!viewed_resource.ok()) return viewed_resource.status();
    const Resource* resource = *viewed_resource;
    if (auto s = engine::CheckPerforms(*service, r.resource_id); !s.ok())
      return s;
    engine::Placement p{resource, service, r.start, now, r.force, 0};
    if (auto s = engine::CheckPlacement(tx, p); !s.ok()) return s;
    if (r.membership_id != 0) {
      if (auto m = engine::CheckMembershipUse(
              tx, r.membership_id, r.customer_id, r.service_id, r.start, now);
          !m.ok())
        return m.status();
    }
    // Under the workflow the booking enters its chain's first status.
    std::optional<workflow::Workflow> wf;
    const Status* first = nullptr;
    if (service->workflow_enabled) {
      auto loaded = engine::LoadWorkflow(tx, false);
      if (!loaded.ok()) return loaded.status();
      wf = *std::move(loaded);
      if (const StatusChain* chain = wf->ChainFor(*service)) {
        first = &workflow::FirstStatus(*chain);
      }
    }
    Appointment a;
    a.service_id = r.service_id;
    a.resource_id = r.resource_id;
    a.customer_id = r.customer_id;
    a.start = r.start;
    a.end = r.start + service->duration;
    a.blocked = engine::BufferedInterval(*service, r.start);
    a.source = r.source;
    a.created_at = a.updated_at = now;
    a.notes = r.notes;
    a.external_id = r.external_id;
    a.membership_id = r.membership_id;
    if (first != nullptr) {
      a.status_id = first->id;
      if (!first->holds_slot) a.state = AppointmentState::kPending;
    }
    auto id = tx.InsertAppointment(a);
    if (!id.ok()) return id.status();
    a.id = *id;
    std::string details;
    details.reserve(64 + service->name.size() + resource->name.size());
    absl::StrAppend(&details, "booked (", BookingSourceName(r.source), ") ",
                    service->name, " with ", resource->name, " for ");
    AppendLocalWhen(&details, *resource, r.start);
    if (r.force) details.append(" (forced)");
    if (first != nullptr) {
      absl::StrAppend(&details, ", status ", text::Quote(first->name));
      if (auto s = engine::AppendStatusMove(tx, a, nullptr, *first, r.actor,
                                            now, "");
          !s.ok())
        return s;
    }
    if (auto s = engine::RecordChange(
            tx, events, impl_->tools,
            {engine::Change::kBooked, EventKind::kAppointmentCreated, &a,
             r.actor, now, "created", std::move(details)},
            queued);
        !s.ok())
      return s;
    return a;
  });
}

absl::StatusOr<Appointment> Engine::Reschedule(const RescheduleRequest& r) {
  if (auto s = catalog::CheckActor(r.actor); !s.ok()) return s;
  if (r.force && r.actor.kind != Actor::Kind::kStaff) {
    return absl::InvalidArgumentError(
        StrCat("force is allowed only for staff, not actor kind ",
               ActorKindName(r.actor.kind)));
  }
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(r.appointment_id);
    if (!a.ok()) return a.status();
    if (auto s = engine::RequireBooked(*a, "rescheduled", true); !s.ok())
      return s;
    auto viewed_service = tx.ViewService(a->service_id);
    if (!viewed_service.ok()) return viewed_service.status();
    const Service* service = *viewed_service;
    const ResourceId rid = r.new_resource_id.value_or(a->resource_id);
    if (rid == a->resource_id && r.new_start == a->start) {
      return absl::InvalidArgumentError(
          StrCat("new_start ", FormatUtc(r.new_start),
                 " is the current start of appointment_id ", a->id,
                 "; nothing to change"));
    }
    auto viewed_old_resource = tx.ViewResource(a->resource_id);
    if (!viewed_old_resource.ok()) return viewed_old_resource.status();
    const Resource* old_resource = *viewed_old_resource;
    auto viewed_resource = tx.ViewResource(rid);
    if (!viewed_resource.ok()) return viewed_resource.status();
    const Resource* resource = *viewed_resource;
    if (auto s = engine::CheckPerforms(*service, rid); !s.ok()) return s;
    engine::Placement p{resource, service, r.new_start, now, r.force, a->id};
    if (auto s = engine::CheckPlacement(tx, p); !s.ok()) return s;
    if (a->membership_id != 0) {
      // The visit it holds must still fall inside the membership's validity.
      auto m = tx.GetMembership(a->membership_id);
      if (!m.ok()) return m.status();
      if (r.new_start >= m->expires_at) {
        return absl::InvalidArgumentError(StrCat(
            "new_start ", FormatUtc(r.new_start), " is after membership_id ",
            m->id, " expires at ", FormatUtc(m->expires_at)));
      }
    }
    const Interval previous{a->start, a->end};
    const ResourceId previous_resource = a->resource_id;
    std::string details =
        StrCat("changed from ", LocalWhen(*old_resource, a->start), " to ",
               LocalWhen(*resource, r.new_start));
    if (rid != previous_resource) {
      absl::StrAppend(&details, " (", old_resource->name, " -> ",
                      resource->name, ")");
    }
    a->start = r.new_start;
    a->end = r.new_start + service->duration;
    a->blocked = engine::BufferedInterval(*service, r.new_start);
    a->resource_id = rid;
    a->updated_at = now;
    // The customer's confirmation and links were for the old time.
    a->confirmed_at.reset();
    a->confirmation_requested_at.reset();
    if (auto s = tx.SupersedeConfirmTokens(a->id, now); !s.ok()) return s;
    if (auto s = tx.UpdateAppointment(*a); !s.ok()) return s;
    if (auto s = engine::RecordChange(
            tx, events, impl_->tools,
            {engine::Change::kRescheduled, EventKind::kAppointmentRescheduled,
             &*a, r.actor, now, "rescheduled", std::move(details), previous,
             previous_resource},
            queued);
        !s.ok())
      return s;
    return *a;
  });
}

absl::StatusOr<Appointment> Engine::Cancel(AppointmentId id, const Actor& actor,
                                           const std::string& reason) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  if (auto s = text::CheckText("reason", reason, text::kMaxTextBytes, true);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(id);
    if (!a.ok()) return a.status();
    if (auto s = engine::RequireBooked(*a, "cancelled", true); !s.ok())
      return s;
    if (auto s = engine::CancelAppointment(tx, events, impl_->tools, *a, actor,
                                           reason, now, queued);
        !s.ok())
      return s;
    return *a;
  });
}

absl::StatusOr<Appointment> Engine::MarkAttended(AppointmentId id,
                                                 const Actor& actor) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(id);
    if (!a.ok()) return a.status();
    if (auto s = engine::RequireBooked(*a, "marked attended"); !s.ok())
      return s;
    if (auto s = engine::RequireApproved(tx, *a); !s.ok()) return s;
    if (now < a->start - kEarlyCheckIn) {
      return absl::FailedPreconditionError(
          StrCat("appointment_id ", id, " starts at ", FormatUtc(a->start),
                 "; attendance can be recorded from one hour before"));
    }
    a->state = AppointmentState::kAttended;
    a->updated_at = now;
    if (auto s = tx.UpdateAppointment(*a); !s.ok()) return s;
    if (auto s = engine::RecordChange(
            tx, events, impl_->tools,
            {engine::Change::kAttended, EventKind::kAppointmentAttended, &*a,
             actor, now, "attended", "the visit took place"},
            queued);
        !s.ok())
      return s;
    return *a;
  });
}

absl::StatusOr<Appointment> Engine::MarkNoShow(AppointmentId id,
                                               const Actor& actor) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(id);
    if (!a.ok()) return a.status();
    if (auto s = engine::RequireBooked(*a, "marked a no-show"); !s.ok())
      return s;
    if (auto s = engine::RequireApproved(tx, *a); !s.ok()) return s;
    if (now < a->start) {
      return absl::FailedPreconditionError(
          StrCat("appointment_id ", id, " starts at ", FormatUtc(a->start),
                 "; a no-show can be recorded only after the start"));
    }
    a->state = AppointmentState::kNoShow;
    a->updated_at = now;
    if (auto s = tx.UpdateAppointment(*a); !s.ok()) return s;
    if (auto s = engine::RecordChange(
            tx, events, impl_->tools,
            {engine::Change::kNoShow, EventKind::kAppointmentNoShow, &*a, actor,
             now, "no_show", "the customer did not come"},
            queued);
        !s.ok())
      return s;
    return *a;
  });
}

}  // namespace appt
