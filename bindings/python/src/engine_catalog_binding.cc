// appt.Engine's catalog methods: resources, blocked intervals, services,
// customers.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {

void BindEngineCatalog(py::class_<PyEngine>& cls) {
  cls.def(
         "create_resource",
         [](PyEngine& e, const Resource& r) {
           return NoGil(e, [&](Engine& engine) { return engine.CreateResource(r); });
         },
         py::arg("resource"),
         "Args:\n    resource: an appt.Resource (its id is ignored).\n"
         "Returns:\n    The new resource id.")
      .def(
          "update_resource",
          [](PyEngine& e, const Resource& r) {
            NoGil(e, [&](Engine& engine) { return engine.UpdateResource(r); });
          },
          py::arg("resource"), "Replaces the resource with id resource.id.")
      .def(
          "get_resource",
          [](PyEngine& e, ResourceId id) {
            return NoGil(e, [&](Engine& engine) { return engine.GetResource(id); });
          },
          py::arg("id"), "Returns:\n    The appt.Resource; NotFoundError if unknown.")
      .def(
          "list_resources",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) { return engine.ListResources(); });
          },
          "Returns:\n    Every appt.Resource, by id.")
      .def(
          "add_blocked_interval",
          [](PyEngine& e, const BlockedInterval& b) {
            return NoGil(e, [&](Engine& engine) { return engine.AddBlockedInterval(b); });
          },
          py::arg("block"),
          "Args:\n    block: an appt.BlockedInterval.\nReturns:\n    Its id.")
      .def(
          "remove_blocked_interval",
          [](PyEngine& e, BlockId id) {
            NoGil(e, [&](Engine& engine) { return engine.RemoveBlockedInterval(id); });
          },
          py::arg("id"))
      .def(
          "list_blocked_intervals",
          [](PyEngine& e, ResourceId resource_id, py::handle start,
             py::handle end) {
            const Interval window{ToInstant(start, "start"),
                                  ToInstant(end, "end")};
            return NoGil(e, [&](Engine& engine) {
              return engine.ListBlockedIntervals(resource_id, window);
            });
          },
          py::arg("resource_id"), py::arg("start"), py::arg("end"),
          "Returns:\n    The resource's blocked intervals overlapping "
          "[start, end).")
      .def(
          "create_service",
          [](PyEngine& e, const Service& s) {
            return NoGil(e, [&](Engine& engine) { return engine.CreateService(s); });
          },
          py::arg("service"), "Returns:\n    The new service id.")
      .def(
          "update_service",
          [](PyEngine& e, const Service& s) {
            NoGil(e, [&](Engine& engine) { return engine.UpdateService(s); });
          },
          py::arg("service"))
      .def(
          "get_service",
          [](PyEngine& e, ServiceId id) {
            return NoGil(e, [&](Engine& engine) { return engine.GetService(id); });
          },
          py::arg("id"))
      .def(
          "list_services",
          [](PyEngine& e) {
            return NoGil(e, [&](Engine& engine) { return engine.ListServices(); });
          })
      .def(
          "create_customer",
          [](PyEngine& e, const Customer& c) {
            return NoGil(e, [&](Engine& engine) { return engine.CreateCustomer(c); });
          },
          py::arg("customer"), "Returns:\n    The new customer id.")
      .def(
          "update_customer",
          [](PyEngine& e, const Customer& c) {
            NoGil(e, [&](Engine& engine) { return engine.UpdateCustomer(c); });
          },
          py::arg("customer"))
      .def(
          "get_customer",
          [](PyEngine& e, CustomerId id) {
            return NoGil(e, [&](Engine& engine) { return engine.GetCustomer(id); });
          },
          py::arg("id"));
}

}  // namespace appt::python
