// Catalog commands of the Engine (R1.1–R1.3).
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "catalog/validate.h"
#include "engine/engine_impl.h"
#include "engine/messaging_step.h"

namespace appt {
namespace {

using Events = std::vector<Event>;

absl::Status CheckServiceResources(StoreTransaction& tx, const Service& s) {
  for (ResourceId id : s.resource_ids) {
    if (auto r = tx.GetResource(id); !r.ok()) {
      return absl::NotFoundError(
          absl::StrCat("service.resource_ids: resource_id ", id, " not found"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ResourceId> Engine::CreateResource(const Resource& resource) {
  if (auto s = catalog::ValidateResource(resource); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) {
    return tx.InsertResource(resource);
  });
}

absl::Status Engine::UpdateResource(const Resource& resource) {
  if (auto s = catalog::ValidateResource(resource); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  auto status = impl_->Run(
      Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) -> absl::Status {
        auto old = tx.GetResource(resource.id);
        if (!old.ok()) return old.status();
        if (auto s = tx.UpdateResource(resource); !s.ok()) return s;
        if (old->time_zone == resource.time_zone) return absl::OkStatus();
        // Local times of day and send windows move with the zone.
        auto booked = tx.ListActiveAppointments(
            resource.id,
            {now - kMaxBlockedSpan, now + std::chrono::days(3660)});
        if (!booked.ok()) return booked.status();
        engine::MessagingStep step(tx, impl_->tools, now);
        for (const Appointment& a : *booked) {
          if (auto s = step.ReplanAppointment(a); !s.ok()) return s;
        }
        return absl::OkStatus();
      });
  if (status.ok()) impl_->AfterMessaging(false);
  return status;
}

absl::StatusOr<Resource> Engine::GetResource(ResourceId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetResource(id);
  });
}

absl::StatusOr<std::vector<Resource>> Engine::ListResources() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListResources();
  });
}

absl::StatusOr<BlockId> Engine::AddBlockedInterval(
    const BlockedInterval& block) {
  if (auto s = catalog::ValidateBlock(block); !s.ok()) return s;
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<BlockId> {
        if (auto r = tx.GetResource(block.resource_id); !r.ok()) {
          return r.status();
        }
        return tx.InsertBlock(block);
      });
}

absl::Status Engine::RemoveBlockedInterval(BlockId id) {
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      if (auto b = tx.GetBlock(id); !b.ok()) return b.status();
                      return tx.DeleteBlock(id);
                    });
}

absl::StatusOr<std::vector<BlockedInterval>> Engine::ListBlockedIntervals(
    ResourceId resource, Interval window) {
  if (window.end <= window.start) {
    return absl::InvalidArgumentError(absl::StrCat(
        "window end ", FormatUtc(window.end), " is not after its start ",
        FormatUtc(window.start), " (end <= start)"));
  }
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx,
          Events&) -> absl::StatusOr<std::vector<BlockedInterval>> {
        if (auto r = tx.GetResource(resource); !r.ok()) {
          return r.status();
        }
        return tx.ListBlocks(resource, window);
      });
}

absl::StatusOr<ServiceId> Engine::CreateService(const Service& service) {
  if (auto s = catalog::ValidateService(service); !s.ok()) return s;
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<ServiceId> {
        if (auto s = CheckServiceResources(tx, service); !s.ok()) return s;
        return tx.InsertService(service);
      });
}

absl::Status Engine::UpdateService(const Service& service) {
  if (auto s = catalog::ValidateService(service); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::Status {
                      if (auto s = tx.GetService(service.id); !s.ok()) {
                        return s.status();
                      }
                      if (auto s = CheckServiceResources(tx, service); !s.ok())
                        return s;
                      return tx.UpdateService(service);
                    });
}

absl::StatusOr<Service> Engine::GetService(ServiceId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetService(id);
  });
}

absl::StatusOr<std::vector<Service>> Engine::ListServices() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListServices();
  });
}

absl::StatusOr<CustomerId> Engine::CreateCustomer(const Customer& customer) {
  if (auto s = catalog::ValidateCustomer(customer); !s.ok()) return s;
  return impl_->Run(Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) {
    return tx.InsertCustomer(customer);
  });
}

absl::Status Engine::UpdateCustomer(const Customer& customer) {
  if (auto s = catalog::ValidateCustomer(customer); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  auto status = impl_->Run(
      Store::Mode::kWrite, [&](StoreTransaction& tx, Events&) -> absl::Status {
        auto old = tx.GetCustomer(customer.id);
        if (!old.ok()) return old.status();
        if (auto s = tx.UpdateCustomer(customer); !s.ok()) return s;
        if (old->time_zone == customer.time_zone) return absl::OkStatus();
        // The customer's local times of day move with their zone.
        auto theirs = tx.ListCustomerAppointments(customer.id);
        if (!theirs.ok()) return theirs.status();
        engine::MessagingStep step(tx, impl_->tools, now);
        for (const Appointment& a : *theirs) {
          if (a.state != AppointmentState::kBooked) continue;
          if (auto s = step.ReplanAppointment(a); !s.ok()) return s;
        }
        return absl::OkStatus();
      });
  if (status.ok()) impl_->AfterMessaging(false);
  return status;
}

absl::StatusOr<Customer> Engine::GetCustomer(CustomerId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetCustomer(id);
  });
}

}  // namespace appt
