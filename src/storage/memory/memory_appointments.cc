// MemoryStore: appointments and their timeline.
#include "storage/memory/memory_internal.h"

namespace appt::memory_internal {

absl::StatusOr<AppointmentId> MemoryTransaction::InsertAppointment(
    const Appointment& a) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (absl::Status s = CheckReferences(a); !s.ok()) return s;
  t_->appointments.push_back(StoredAppointment::From(a));
  const AppointmentId id = static_cast<AppointmentId>(t_->appointments.size());
  t_->Index(id, t_->appointments.back(), true);
  OnUndo([id](Tables& t) {
    t.Index(id, t.appointments.back(), false);
    t.appointments.pop_back();
  });
  return id;
}

absl::Status MemoryTransaction::UpdateAppointment(const Appointment& a) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, a.id)) return NotFound("appointment_id", a.id);
  if (absl::Status s = CheckReferences(a); !s.ok()) return s;
  const AppointmentId id = a.id;
  StoredAppointment& slot = t_->appointments[id - 1];
  StoredAppointment updated = slot.Updated(a);
  t_->Index(id, slot, false);
  // Later steps of this transaction are undone first, so the links the old
  // row carries are the ones to restore.
  OnUndo([id, old = std::move(slot)](Tables& t) mutable {
    StoredAppointment& row = t.appointments[id - 1];
    t.Index(id, row, false);
    row = std::move(old);
    t.Index(id, row, true);
  });
  slot = std::move(updated);
  t_->Index(id, slot, true);
  return absl::OkStatus();
}

absl::StatusOr<Appointment> MemoryTransaction::GetAppointment(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return NotFound("appointment_id", id);
  return t_->appointments[id - 1].ToAppointment(id);
}

std::vector<Appointment> MemoryTransaction::ListIndexed(ResourceId resource,
                                                        Interval window,
                                                        bool pending) const {
  std::vector<Appointment> out;
  if (!Has(t_->resources, resource)) return out;
  const Tables::PerResource& r = t_->per_resource[resource - 1];
  const Tables::PerResource::SpanIndex& index = pending ? r.pending : r.active;
  const int64_t from = Secs(window.start) - r.max_appointment;
  for (auto it = index.lower_bound({from, 0});
       it != index.end() && it->first.first < Secs(window.end); ++it) {
    if (it->second > Secs(window.start)) {
      const AppointmentId id = it->first.second;
      out.push_back(t_->appointments[id - 1].ToAppointment(id));
    }
  }
  return out;
}

absl::StatusOr<std::vector<Appointment>>
MemoryTransaction::ListActiveAppointments(ResourceId resource,
                                          Interval window) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return ListIndexed(resource, window, false);
}

absl::StatusOr<std::vector<Appointment>>
MemoryTransaction::ListPendingAppointments(ResourceId resource,
                                           Interval window) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return ListIndexed(resource, window, true);
}

absl::StatusOr<int64_t> MemoryTransaction::CountStatusAppointments(
    StatusId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  auto it = t_->status_use.find(id);
  return it == t_->status_use.end() ? 0 : it->second;
}

absl::StatusOr<std::vector<Appointment>>
MemoryTransaction::ListCustomerAppointments(CustomerId customer) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  std::vector<Appointment> out;
  if (!Has(t_->customers, customer)) return out;
  for (const auto& [start, id] : t_->by_customer[customer - 1]) {
    out.push_back(t_->appointments[id - 1].ToAppointment(id));
  }
  return out;
}

absl::StatusOr<int64_t> MemoryTransaction::CountAppointments() {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  return static_cast<int64_t>(t_->appointments.size());
}

absl::StatusOr<int64_t> MemoryTransaction::AppendTimeline(TimelineEntry e) {
  if (absl::Status s = CheckOpen(true); !s.ok()) return s;
  if (!Has(t_->appointments, e.appointment_id)) {
    return NotFound("appointment_id", e.appointment_id);
  }
  e.id = static_cast<int64_t>(t_->timeline.size()) + 1;
  const AppointmentId owner = e.appointment_id;
  t_->timeline.push_back(std::move(e));
  t_->timeline_of.Link(t_->appointments[owner - 1].newest_timeline,
                       t_->timeline.back().id);
  OnUndo([](Tables& t) {
    t.timeline_of.UnlinkNewest(
        t.appointments[t.timeline.back().appointment_id - 1].newest_timeline);
    t.timeline.pop_back();
  });
  return static_cast<int64_t>(t_->timeline.size());
}

absl::StatusOr<std::vector<TimelineEntry>> MemoryTransaction::ListTimeline(
    AppointmentId id) {
  if (absl::Status s = CheckOpen(false); !s.ok()) return s;
  if (!Has(t_->appointments, id)) return std::vector<TimelineEntry>();
  std::vector<TimelineEntry> out = t_->timeline_of.CopyNewestFirst(
      t_->appointments[id - 1].newest_timeline, t_->timeline);
  // Newest first: latest `at`, then highest id (the chain's order).
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) {
                     return a.at > b.at;
                   });
  return out;
}

}  // namespace appt::memory_internal
