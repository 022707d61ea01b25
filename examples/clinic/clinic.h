// The clinic demo: a small medical practice run on appt for four weeks.
// Shared declarations of its parts: setup.cc builds the business,
// simulation.cc plays the days, report.cc prints timelines and totals.
// Everything is deterministic: a fixed-seed std::mt19937 and a ManualClock.
#ifndef APPT_EXAMPLES_CLINIC_CLINIC_H_
#define APPT_EXAMPLES_CLINIC_CLINIC_H_

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "appt/engine.h"

namespace clinic {

class DemoNotifier;  // messaging.cc

// What the demo remembers about a resource it created.
struct ResourceInfo {
  appt::ResourceId id = 0;
  std::string name;
  std::string zone;  // IANA name, the zone local times are shown in
};

// What the demo remembers about a service it created.
struct ServiceInfo {
  appt::ServiceId id = 0;
  std::string name;
  appt::Money price;
  std::vector<appt::ResourceId> resources;
};

// The business: engine, clock, catalog ids and the appointments worth
// showing at the end. Filled by Setup(); read and extended by Simulate().
struct Clinic {
  std::shared_ptr<appt::ManualClock> clock;
  std::unique_ptr<appt::Engine> engine;
  std::mt19937 rng{20270315};  // fixed seed: the same run every time

  ResourceInfo weber, schmidt, physio_room, studio, lopez;
  ServiceInfo consultation, follow_up, skin_check, physiotherapy, back_fit,
      telehealth;
  // Customers by home: Berlin (de-DE, en-GB), Rome (it-IT), New York (en-US).
  std::vector<appt::CustomerId> europe_customers;
  std::vector<appt::CustomerId> us_customers;

  // The gateways' stand-in, and what RunDue decided over the run.
  std::shared_ptr<DemoNotifier> notifier;
  appt::RunDueReport run_due;

  // The physiotherapy approval chain (workflow.cc) and what it decided.
  appt::StatusChain approval;
  int approvals_confirmed = 0;
  int approvals_declined = 0;
  // Confirmation links: issued, confirmed and cancelled with.
  int links_issued = 0;
  int links_confirmed = 0;
  int links_cancelled = 0;
  // The confirmation cycle (follow_up.cc), counted from the events.
  int tasks_created = 0;
  int tasks_answered = 0;   // cancelled by themselves: the question answered
  int tasks_completed = 0;  // closed by reception
  int released = 0;         // visits released by the engine
  // Back Fit memberships sold on the first morning (simulation.cc).
  std::vector<appt::MembershipId> memberships;
  // Seed 000's pipelines (deals.cc) and the deal events seen.
  appt::Pipeline one_time, membership_pipeline;
  int deals_opened = 0;
  int deal_moves = 0;

  // Appointments whose timelines the report prints, with a caption each.
  std::vector<std::pair<std::string, appt::AppointmentId>> showcase;

  const ResourceInfo& Resource(appt::ResourceId id) const;
  const ServiceInfo& Service(appt::ServiceId id) const;
  std::vector<const ResourceInfo*> Resources() const;
  std::vector<const ServiceInfo*> Services() const;
  // A pseudo-random index in [0, n), n > 0; same sequence on every platform.
  int Pick(int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); }
  // True with probability percent/100.
  bool Chance(int percent) { return Pick(100) < percent; }
};

// The demo's simulated start: Monday 2027-03-15 08:00 UTC (09:00 in Berlin).
appt::Instant DemoStart();

// The UTC instant of a local wall time in `zone` (earlier instant when
// ambiguous, the end of the gap when nonexistent).
appt::Instant AtLocal(const std::string& zone, int year, int month, int day,
                      int hour, int minute);
// `t` as local time in `zone`, by default like "Mon 2027-03-29 09:00 CEST".
std::string Local(const std::string& zone, appt::Instant t,
                  const char* format = "%a %Y-%m-%d %H:%M %Z");
// `t` as "08:00 UTC".
std::string UtcClock(appt::Instant t);
// Money as "EUR 1,234.50".
std::string FormatMoney(const appt::Money& money);

// Fatal-error policy of the demo: an engine error it did not provoke on
// purpose prints `what` and the status, and exits the process with code 1.
void Must(const absl::Status& status, std::string_view what);
template <typename T>
T Must(absl::StatusOr<T> result, std::string_view what) {
  Must(result.status(), what);
  return *std::move(result);
}
// A deliberately bad command: prints the refusal when `status` has the
// expected code; anything else (including success) is fatal as above.
void ExpectRefused(const absl::Status& status, absl::StatusCode expected,
                   std::string_view what);

// setup.cc: opens the engine on `path` (deleting any previous file first)
// and creates resources, blocked intervals, services and 100 customers.
void Setup(const std::string& path, Clinic& clinic);
// setup.cc: prints and verifies the calendar facts around the DST change,
// the day off and the changed hours, before anything is booked.
void ShowCalendarChecks(Clinic& clinic);

// messaging.cc: settings, message rules and the notifier.
void SetUpMessaging(Clinic& clinic);
// messaging.cc: one RunDue pass, then the gateways' delivery reports for
// what the notifier accepted.
void RunDueWork(Clinic& clinic);
// messaging.cc: messages by kind and channel, delivery states, skipped
// firings by reason, and one message as the gateway saw it.
void ReportMessages(Clinic& clinic,
                    const std::vector<appt::CustomerId>& customers);

// workflow.cc: a three-step approval chain for physiotherapy requests.
void SetUpWorkflow(Clinic& clinic);
// workflow.cc: the physiotherapist's morning round over the requests
// awaiting approval: checks each one a step along its chain, prints the
// board counts, then confirms the checked ones (declining a request whose
// slot an earlier approval took). Returns the ids it declined.
std::vector<appt::AppointmentId> ApprovalRound(Clinic& clinic,
                                               std::vector<std::string>& notes);

// workflow.cc: the confirmation links (R5.1) for tomorrow's visits among
// `open`: the host issues one per visit and mails it; some customers
// confirm with it, a few cancel with it, the rest ignore it. Returns the
// ids cancelled by link.
std::vector<appt::AppointmentId> ConfirmationLinks(
    Clinic& clinic, const std::vector<appt::AppointmentId>& open,
    std::vector<std::string>& notes);

// follow_up.cc: reception's task rules, the release of unconfirmed visits
// and the rule telling reception of cancellations; counts task events.
void SetUpConfirmationCycle(Clinic& clinic);
// follow_up.cc: a note with the confirmation board's counts for the next
// two days.
void ConfirmationBoardNote(Clinic& clinic, std::vector<std::string>& notes);
// follow_up.cc: reception completes its open tasks in the evening.
void WorkThroughTasks(Clinic& clinic, std::vector<std::string>& notes);
// follow_up.cc: the run's totals of links, tasks and releases, and each
// membership's counters.
void PrintFollowUpTotals(Clinic& clinic);

// deals.cc: the one-time and membership pipelines of seed 000; counts the
// deal events.
void SetUpPipelines(Clinic& clinic);
// deals.cc: a line per pipeline with its deals per stage.
void DealBoardNote(Clinic& clinic, std::vector<std::string>& notes);
// deals.cc: the run's deal totals, the boards, the card of the one-time deal
// of appointment `moved` and of the first membership deal.
void PrintDeals(Clinic& clinic, appt::AppointmentId moved);

// simulation.cc: four weeks, day by day, printing one line per day.
void Simulate(Clinic& clinic);

// report.cc: timelines of the showcase appointments and the summary tables.
void Report(Clinic& clinic);

}  // namespace clinic

#endif  // APPT_EXAMPLES_CLINIC_CLINIC_H_
