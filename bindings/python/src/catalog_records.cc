// appt.Resource, appt.DateException, appt.BlockedInterval, appt.Service and
// appt.Customer. List-valued fields are copied in and out: assign a whole
// new list to change one.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

py::dict FromWeeklyHours(const WeeklyHours& week) {
  py::dict out;
  for (int d = 0; d < 7; ++d) {
    if (!week[d].empty()) out[py::int_(d)] = FromSpans(week[d]);
  }
  return out;
}

WeeklyHours ToWeeklyHours(py::handle value) {
  WeeklyHours week{};
  if (value.is_none()) return week;
  if (!py::isinstance<py::dict>(value)) {
    RaiseInvalid("weekly_hours: expected a dict of weekday (0 = Monday) to "
                 "a list of (start, end) pairs");
  }
  for (auto [key, spans] : py::reinterpret_borrow<py::dict>(value)) {
    if (!py::isinstance<py::int_>(key)) {
      RaiseInvalid("weekly_hours: weekday keys are ints 0..6 (0 = Monday)");
    }
    const int d = key.cast<int>();
    if (d < 0 || d > 6) {
      RaiseInvalid(absl::StrCat("weekly_hours: weekday ", d, " is not 0..6"));
    }
    week[d] = ToSpans(spans, absl::StrCat("weekly_hours[", d, "]"));
  }
  return week;
}

std::string Repr(const std::string& type, int64_t id, const std::string& name) {
  return absl::StrCat("appt.", type, "(id=", id, ", name=",
                      py::repr(py::str(name)).cast<std::string>(), ")");
}

void BindResource(py::module_& m) {
  py::class_<DateException> exception(m, "DateException", R"doc(
A dated exception on a resource's local calendar: closed all day (no hours)
or changed hours replacing that weekday's.)doc");
  exception
      .def(py::init([](py::handle date, py::handle hours) {
             DateException e;
             e.year = date.attr("year").cast<int>();
             e.month = date.attr("month").cast<int>();
             e.day = date.attr("day").cast<int>();
             if (!hours.is_none()) e.spans = ToSpans(hours, "hours");
             return e;
           }),
           py::kw_only(), py::arg("date"), py::arg("hours") = py::none(),
           R"doc(Args:
    date: a datetime.date on the resource's local calendar.
    hours: None or [] for a day off, else [("09:00", "12:00"), ...].)doc")
      .def_property(
          "date",
          [](const DateException& e) {
            return py::module_::import("datetime")
                .attr("date")(e.year, e.month, e.day);
          },
          [](DateException& e, py::handle d) {
            e.year = d.attr("year").cast<int>();
            e.month = d.attr("month").cast<int>();
            e.day = d.attr("day").cast<int>();
          })
      .def_property(
          "hours", [](const DateException& e) { return FromSpans(e.spans); },
          [](DateException& e, py::handle v) { e.spans = ToSpans(v, "hours"); })
      .def(py::self == py::self)
      .def("__repr__", [](const DateException& e) {
        return absl::StrCat("appt.DateException(date=", e.year, "-", e.month,
                            "-", e.day, ", hours=",
                            py::repr(FromSpans(e.spans)).cast<std::string>(),
                            ")");
      });

  py::class_<Resource> resource(m, "Resource", R"doc(
Who or what performs a service: a person, a room, a machine. Weekly hours
are a dict of weekday (0 = Monday … 6 = Sunday, as datetime.date.weekday())
to a list of local ("HH:MM", "HH:MM") spans; "24:00" ends a day.)doc");
  resource
      .def(py::init([](std::string name, std::string time_zone,
                       py::handle weekly_hours,
                       std::vector<DateException> exceptions,
                       std::string notification_email,
                       std::string responsible_agent, std::string external_id,
                       ResourceId id) {
             Resource r;
             r.id = id;
             r.name = std::move(name);
             r.time_zone = std::move(time_zone);
             r.weekly_hours = ToWeeklyHours(weekly_hours);
             r.exceptions = std::move(exceptions);
             r.notification_email = std::move(notification_email);
             r.responsible_agent = std::move(responsible_agent);
             r.external_id = std::move(external_id);
             return r;
           }),
           py::kw_only(), py::arg("name") = "", py::arg("time_zone") = "",
           py::arg("weekly_hours") = py::none(),
           py::arg("exceptions") = std::vector<DateException>{},
           py::arg("notification_email") = "",
           py::arg("responsible_agent") = "", py::arg("external_id") = "",
           py::arg("id") = 0)
      .def_readwrite("id", &Resource::id)
      .def_readwrite("name", &Resource::name)
      .def_readwrite("time_zone", &Resource::time_zone)
      .def_property(
          "weekly_hours",
          [](const Resource& r) { return FromWeeklyHours(r.weekly_hours); },
          [](Resource& r, py::handle v) { r.weekly_hours = ToWeeklyHours(v); })
      .def_readwrite("notification_email", &Resource::notification_email)
      .def_readwrite("responsible_agent", &Resource::responsible_agent)
      .def_readwrite("external_id", &Resource::external_id)
      .def(py::self == py::self)
      .def("__repr__",
           [](const Resource& r) { return Repr("Resource", r.id, r.name); });
  CopyProperty(resource, "exceptions", &Resource::exceptions);

  py::class_<BlockedInterval> block(m, "BlockedInterval", R"doc(
Time off, or a busy time imported from another calendar, on one resource:
no slot overlapping [start, end) is offered. At most 24 hours.)doc");
  block
      .def(py::init([](ResourceId resource_id, py::handle start,
                       py::handle end, std::string reason,
                       std::string external_id) {
             BlockedInterval b;
             b.resource_id = resource_id;
             b.interval = {ToInstant(start, "start"), ToInstant(end, "end")};
             b.reason = std::move(reason);
             b.external_id = std::move(external_id);
             return b;
           }),
           py::kw_only(), py::arg("resource_id"), py::arg("start"),
           py::arg("end"), py::arg("reason") = "",
           py::arg("external_id") = "")
      .def_readwrite("id", &BlockedInterval::id)
      .def_readwrite("resource_id", &BlockedInterval::resource_id)
      .def_property(
          "start",
          [](const BlockedInterval& b) { return FromInstant(b.interval.start); },
          [](BlockedInterval& b, py::handle v) {
            b.interval.start = ToInstant(v, "start");
          })
      .def_property(
          "end",
          [](const BlockedInterval& b) { return FromInstant(b.interval.end); },
          [](BlockedInterval& b, py::handle v) {
            b.interval.end = ToInstant(v, "end");
          })
      .def_readwrite("reason", &BlockedInterval::reason)
      .def_readwrite("external_id", &BlockedInterval::external_id)
      .def(py::self == py::self)
      .def("__repr__", [](const BlockedInterval& b) {
        return absl::StrCat("appt.BlockedInterval(id=", b.id,
                            ", resource_id=", b.resource_id, ", start=",
                            FormatUtc(b.interval.start),
                            ", end=", FormatUtc(b.interval.end), ")");
      });
}

void BindService(py::module_& m) {
  py::class_<Service> service(m, "Service", R"doc(
What a customer books: a duration, a price in minor units with an ISO 4217
currency, buffers kept free around it, seats per slot, the resources that
perform it, minimum notice and booking horizon.)doc");
  service
      .def(py::init([](std::string name, py::handle duration,
                       std::vector<ResourceId> resource_ids,
                       int64_t price_minor_units, std::string currency,
                       py::handle buffer_before, py::handle buffer_after,
                       int capacity, py::handle min_notice, py::handle horizon,
                       bool workflow_enabled, std::string external_id,
                       ServiceId id) {
             Service s;
             s.id = id;
             s.name = std::move(name);
             s.duration = ToDuration(duration, "duration");
             s.resource_ids = std::move(resource_ids);
             s.price = {price_minor_units, std::move(currency)};
             s.buffer_before = ToDuration(buffer_before, "buffer_before");
             s.buffer_after = ToDuration(buffer_after, "buffer_after");
             s.capacity = capacity;
             s.min_notice = ToDuration(min_notice, "min_notice");
             s.horizon = ToDuration(horizon, "horizon");
             s.workflow_enabled = workflow_enabled;
             s.external_id = std::move(external_id);
             return s;
           }),
           py::kw_only(), py::arg("name"), py::arg("duration"),
           py::arg("resource_ids"), py::arg("price_minor_units") = 0,
           py::arg("currency") = "EUR",
           py::arg("buffer_before") = FromDuration(Duration(0)),
           py::arg("buffer_after") = FromDuration(Duration(0)),
           py::arg("capacity") = 1,
           py::arg("min_notice") = FromDuration(Duration(0)),
           py::arg("horizon") = FromDuration(std::chrono::days(365)),
           py::arg("workflow_enabled") = false, py::arg("external_id") = "",
           py::arg("id") = 0)
      .def_readwrite("id", &Service::id)
      .def_readwrite("name", &Service::name)
      .def_readwrite("resource_ids", &Service::resource_ids)
      .def_property(
          "price_minor_units",
          [](const Service& s) { return s.price.minor_units; },
          [](Service& s, int64_t v) { s.price.minor_units = v; })
      .def_property(
          "currency", [](const Service& s) { return s.price.currency; },
          [](Service& s, std::string v) { s.price.currency = std::move(v); })
      .def_readwrite("capacity", &Service::capacity)
      .def_readwrite("workflow_enabled", &Service::workflow_enabled)
      .def_readwrite("external_id", &Service::external_id)
      .def(py::self == py::self)
      .def("__repr__",
           [](const Service& s) { return Repr("Service", s.id, s.name); });
  DurationProperty(service, "duration", &Service::duration);
  DurationProperty(service, "buffer_before", &Service::buffer_before);
  DurationProperty(service, "buffer_after", &Service::buffer_after);
  DurationProperty(service, "min_notice", &Service::min_notice);
  DurationProperty(service, "horizon", &Service::horizon);
}

void BindCustomer(py::module_& m) {
  py::class_<Customer> customer(m, "Customer", R"doc(
A customer with contacts, locale, zone and per-channel consents. A consent
is the aware datetime it was given at, or None.)doc");
  customer
      .def(py::init([](std::string name, std::string email, std::string phone,
                       std::string locale, std::string time_zone,
                       py::handle consent_email, py::handle consent_sms,
                       py::handle consent_whatsapp,
                       py::handle consent_marketing, std::string external_id,
                       CustomerId id) {
             Customer c;
             c.id = id;
             c.name = std::move(name);
             c.email = std::move(email);
             c.phone = std::move(phone);
             c.locale = std::move(locale);
             c.time_zone = std::move(time_zone);
             c.consents.email.given_at =
                 ToOptionalInstant(consent_email, "consent_email");
             c.consents.sms.given_at =
                 ToOptionalInstant(consent_sms, "consent_sms");
             c.consents.whatsapp.given_at =
                 ToOptionalInstant(consent_whatsapp, "consent_whatsapp");
             c.consents.marketing.given_at =
                 ToOptionalInstant(consent_marketing, "consent_marketing");
             c.external_id = std::move(external_id);
             return c;
           }),
           py::kw_only(), py::arg("name"), py::arg("email") = "",
           py::arg("phone") = "", py::arg("locale") = "",
           py::arg("time_zone") = "", py::arg("consent_email") = py::none(),
           py::arg("consent_sms") = py::none(),
           py::arg("consent_whatsapp") = py::none(),
           py::arg("consent_marketing") = py::none(),
           py::arg("external_id") = "", py::arg("id") = 0)
      .def_readwrite("id", &Customer::id)
      .def_readwrite("name", &Customer::name)
      .def_readwrite("email", &Customer::email)
      .def_readwrite("phone", &Customer::phone)
      .def_readwrite("locale", &Customer::locale)
      .def_readwrite("time_zone", &Customer::time_zone)
      .def_readwrite("external_id", &Customer::external_id)
      .def(py::self == py::self)
      .def("__repr__",
           [](const Customer& c) { return Repr("Customer", c.id, c.name); });
  const auto consent = [&customer](const char* name, Consent Consents::*m) {
    customer.def_property(
        name,
        [m](const Customer& c) {
          return FromOptionalInstant((c.consents.*m).given_at);
        },
        [m, name](Customer& c, py::handle v) {
          (c.consents.*m).given_at = ToOptionalInstant(v, name);
        });
  };
  consent("consent_email", &Consents::email);
  consent("consent_sms", &Consents::sms);
  consent("consent_whatsapp", &Consents::whatsapp);
  consent("consent_marketing", &Consents::marketing);
}

}  // namespace

void BindCatalog(py::module_& m) {
  BindResource(m);
  BindService(m);
  BindCustomer(m);
}

}  // namespace appt::python
