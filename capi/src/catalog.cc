// Resources, blocked intervals, services and customers.
#include "commands.h"

using appt::capi::CheckNotNull;
using appt::capi::Create;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::kOk;
using appt::capi::SetError;
using appt::capi::Update;

extern "C" {

int appt_resource_create(int64_t* out_id, appt_engine* engine,
                         const appt_resource* resource) {
  return Create(out_id, engine, resource,
                [](appt::Engine& e, const appt::Resource& r) {
                  return e.CreateResource(r);
                });
}

int appt_resource_update(appt_engine* engine, const appt_resource* resource) {
  return Update(engine, resource, [](appt::Engine& e, const appt::Resource& r) {
    return e.UpdateResource(r);
  });
}

int appt_resource_get(appt_resource* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_resource", APPT_RESOURCE_VERSION, engine,
                [id](appt::Engine& e) { return e.GetResource(id); });
}

int appt_resource_list_all(appt_resource_list* out, appt_engine* engine) {
  return GetList(out, "appt_resource_list", APPT_RESOURCE_LIST_VERSION, engine,
                 [](appt::Engine& e) { return e.ListResources(); });
}

void appt_resource_dispose(appt_resource* resource) { Dispose(resource); }
void appt_resource_list_dispose(appt_resource_list* list) { Dispose(list); }

int appt_block_add(int64_t* out_id, appt_engine* engine,
                   const appt_block* block) {
  return Create(out_id, engine, block,
                [](appt::Engine& e, const appt::BlockedInterval& b) {
                  return e.AddBlockedInterval(b);
                });
}

int appt_block_remove(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    return SetError(engine->engine->RemoveBlockedInterval(id));
  });
}

int appt_block_list_window(appt_block_list* out, appt_engine* engine,
                           int64_t resource_id, int64_t window_start,
                           int64_t window_end) {
  const appt::Interval window{appt::capi::ToInstant(window_start),
                              appt::capi::ToInstant(window_end)};
  return GetList(out, "appt_block_list", APPT_BLOCK_LIST_VERSION, engine,
                 [&](appt::Engine& e) {
                   return e.ListBlockedIntervals(resource_id, window);
                 });
}

void appt_block_list_dispose(appt_block_list* list) { Dispose(list); }

int appt_service_create(int64_t* out_id, appt_engine* engine,
                        const appt_service* service) {
  return Create(out_id, engine, service,
                [](appt::Engine& e, const appt::Service& s) {
                  return e.CreateService(s);
                });
}

int appt_service_update(appt_engine* engine, const appt_service* service) {
  return Update(engine, service, [](appt::Engine& e, const appt::Service& s) {
    return e.UpdateService(s);
  });
}

int appt_service_get(appt_service* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_service", APPT_SERVICE_VERSION, engine,
                [id](appt::Engine& e) { return e.GetService(id); });
}

int appt_service_list_all(appt_service_list* out, appt_engine* engine) {
  return GetList(out, "appt_service_list", APPT_SERVICE_LIST_VERSION, engine,
                 [](appt::Engine& e) { return e.ListServices(); });
}

void appt_service_dispose(appt_service* service) { Dispose(service); }
void appt_service_list_dispose(appt_service_list* list) { Dispose(list); }

int appt_customer_create(int64_t* out_id, appt_engine* engine,
                         const appt_customer* customer) {
  return Create(out_id, engine, customer,
                [](appt::Engine& e, const appt::Customer& c) {
                  return e.CreateCustomer(c);
                });
}

int appt_customer_update(appt_engine* engine, const appt_customer* customer) {
  return Update(engine, customer, [](appt::Engine& e, const appt::Customer& c) {
    return e.UpdateCustomer(c);
  });
}

int appt_customer_get(appt_customer* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_customer", APPT_CUSTOMER_VERSION, engine,
                [id](appt::Engine& e) { return e.GetCustomer(id); });
}

void appt_customer_dispose(appt_customer* customer) { Dispose(customer); }

}  // extern "C"
