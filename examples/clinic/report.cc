// The end of the demo: timelines of a few appointments in local time, and
// summary tables read back from the engine (not from the simulation's own
// bookkeeping), so they show what the SQLite file holds.
#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clinic.h"

namespace clinic {
namespace {

void PrintTimeline(Clinic& c, const std::string& caption,
                   appt::AppointmentId id) {
  const appt::Appointment a = Must(c.engine->GetAppointment(id), "reading");
  const ResourceInfo& r = c.Resource(a.resource_id);
  const appt::Customer cu =
      Must(c.engine->GetCustomer(a.customer_id), "reading a customer");
  std::cout << "\n"
            << caption << ": #" << a.id << " " << c.Service(a.service_id).name
            << ", " << cu.name << " with " << r.name << ", "
            << Local(r.zone, a.start) << " -- "
            << appt::AppointmentStateName(a.state) << "\n";
  for (const appt::TimelineEntry& e :
       Must(c.engine->Timeline(id), "reading a timeline")) {
    std::cout << absl::StrFormat(
        "  %-21s %-22s %-12s %s\n", Local(r.zone, e.at, "%Y-%m-%d %H:%M %Z"),
        absl::StrCat(appt::ActorKindName(e.actor.kind), ":", e.actor.id),
        e.kind, e.details);
  }
}

struct ResourceCounts {
  int booked = 0;  // every appointment ever created for the resource
  int attended = 0;
  int no_show = 0;
  int cancelled = 0;
  int upcoming = 0;     // booked or awaiting approval after the last day
  int rescheduled = 0;  // reschedule commands (timeline entries)
};

struct ServiceRevenue {
  int visits = 0;  // attended
  int64_t minor_units = 0;
};

}  // namespace

void Report(Clinic& c) {
  std::cout << "\nTimelines (newest first, times local to the resource)";
  for (const auto& [caption, id] : c.showcase) PrintTimeline(c, caption, id);

  std::map<appt::ResourceId, ResourceCounts> per_resource;
  std::map<appt::ServiceId, ServiceRevenue> per_service;
  int total = 0;
  std::vector<appt::CustomerId> customers = c.europe_customers;
  customers.insert(customers.end(), c.us_customers.begin(),
                   c.us_customers.end());
  for (appt::CustomerId customer : customers) {
    for (const appt::Appointment& a :
         Must(c.engine->ListCustomerAppointments(customer), "listing")) {
      ++total;
      ResourceCounts& counts = per_resource[a.resource_id];
      ++counts.booked;
      switch (a.state) {
        case appt::AppointmentState::kBooked:
        case appt::AppointmentState::kPending:  // awaiting approval
          ++counts.upcoming;
          break;
        case appt::AppointmentState::kAttended:
          ++counts.attended;
          ++per_service[a.service_id].visits;
          per_service[a.service_id].minor_units +=
              c.Service(a.service_id).price.minor_units;
          break;
        case appt::AppointmentState::kNoShow:
          ++counts.no_show;
          break;
        case appt::AppointmentState::kCancelled:
          ++counts.cancelled;
          break;
      }
      for (const appt::TimelineEntry& e :
           Must(c.engine->Timeline(a.id), "reading a timeline")) {
        counts.rescheduled += e.kind == "rescheduled";
      }
    }
  }

  std::cout << "\nSummary per resource (an appointment counts where it "
               "ended up)\n"
            << absl::StrFormat("  %-22s %7s %9s %8s %10s %12s %9s\n",
                               "resource", "booked", "attended", "no-show",
                               "cancelled", "rescheduled", "upcoming");
  ResourceCounts sum;
  for (const ResourceInfo* r : c.Resources()) {
    const ResourceCounts& n = per_resource[r->id];
    std::cout << absl::StrFormat("  %-22s %7d %9d %8d %10d %12d %9d\n", r->name,
                                 n.booked, n.attended, n.no_show, n.cancelled,
                                 n.rescheduled, n.upcoming);
    sum.booked += n.booked;
    sum.attended += n.attended;
    sum.no_show += n.no_show;
    sum.cancelled += n.cancelled;
    sum.rescheduled += n.rescheduled;
    sum.upcoming += n.upcoming;
  }
  std::cout << absl::StrFormat("  %-22s %7d %9d %8d %10d %12d %9d\n", "total",
                               sum.booked, sum.attended, sum.no_show,
                               sum.cancelled, sum.rescheduled, sum.upcoming);

  std::cout << "\nRevenue of attended visits per service\n"
            << absl::StrFormat("  %-24s %6s %11s %16s\n", "service", "visits",
                               "price", "revenue");
  std::map<std::string, int64_t> per_currency;
  for (const ServiceInfo* s : c.Services()) {
    const ServiceRevenue& rev = per_service[s->id];
    std::cout << absl::StrFormat(
        "  %-24s %6d %11s %16s\n", s->name, rev.visits, FormatMoney(s->price),
        FormatMoney({rev.minor_units, s->price.currency}));
    per_currency[s->price.currency] += rev.minor_units;
  }
  for (const auto& [currency, minor_units] : per_currency) {
    std::cout << absl::StrFormat("  %-24s %6s %11s %16s\n",
                                 absl::StrCat("total ", currency), "", "",
                                 FormatMoney({minor_units, currency}));
  }
  ReportMessages(c, customers);
  std::cout << "\n"
            << total << " appointments stored for " << customers.size()
            << " customers; " << c.run_due.messages_created
            << " messages from timers, " << c.run_due.skipped
            << " timed messages skipped.\n";
}

}  // namespace clinic
