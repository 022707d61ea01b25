// Four weeks of the practice, day by day, from Monday 2027-03-15 to Sunday
// 2027-04-11, across Europe's change to summer time on 2027-03-28. Each
// morning (08:00 UTC) customers and reception search and book, some move or
// cancel; each evening (21:00 UTC, after the last visit in New York) the
// day's visits are marked attended or no-show. The first morning also shows
// scripted cases and refused bad input.
#include <algorithm>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clinic.h"
#include "date/date.h"

namespace clinic {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using Kind = appt::Actor::Kind;

constexpr int kDays = 28;
constexpr char kBerlin[] = "Europe/Berlin";

struct DayStats {
  int booked = 0;
  int by_agent = 0;
  int moved = 0;
  int cancelled = 0;
  int attended = 0;
  int no_show = 0;
};

class Simulation {
 public:
  explicit Simulation(Clinic& c) : c_(c) {}
  void Run();

 private:
  appt::Instant Now() const { return c_.clock->Now(); }
  appt::Actor CustomerActor(appt::CustomerId id) const {
    return {Kind::kCustomer, absl::StrCat("customer-", id)};
  }
  std::vector<appt::Slot> Search(const ServiceInfo& s,
                                 std::optional<appt::ResourceId> resource);
  appt::Appointment Book(appt::CustomerId customer, const ServiceInfo& s,
                         const appt::Slot& slot, bool by_agent,
                         appt::MembershipId membership = 0);
  void SellMemberships();
  void OpeningDay();
  void BadInput();
  void RandomBooking(DayStats& stats);
  void RandomReschedule(DayStats& stats);
  void RandomCancel(DayStats& stats);
  void Evening(DayStats& stats);
  // Moves the clock to `until` through every instant with work on the way:
  // due timers and messages (RunDue) and check-ins five minutes into each
  // visit, where the front desk marks the customer attended or notes them
  // absent (marked a no-show in the evening).
  void AdvanceTo(appt::Instant until, DayStats& stats);
  void ShowFirstVisit(const ResourceInfo& r, date::sys_days day);

  Clinic& c_;
  std::vector<appt::AppointmentId> open_;  // booked, not closed yet
  std::set<appt::AppointmentId> absent_;   // no-shows to mark tonight
  appt::AppointmentId dst_move_ = 0;       // moved across the DST change
  std::vector<appt::AppointmentId> class_seats_;
  bool no_show_shown_ = false;
  std::vector<std::string> notes_;  // printed under the day's line
};

std::vector<appt::Slot> Simulation::Search(
    const ServiceInfo& s, std::optional<appt::ResourceId> resource) {
  appt::SlotQuery q;
  q.service_id = s.id;
  q.resource_id = resource;
  q.window = {Now(), Now() + days(14)};
  return Must(c_.engine->SearchSlots(q), "searching slots");
}

appt::Appointment Simulation::Book(appt::CustomerId customer,
                                   const ServiceInfo& s, const appt::Slot& slot,
                                   bool by_agent,
                                   appt::MembershipId membership) {
  appt::BookRequest r;
  r.customer_id = customer;
  r.service_id = s.id;
  r.resource_id = slot.resource_id;
  r.start = slot.start;
  r.source =
      by_agent ? appt::BookingSource::kAgent : appt::BookingSource::kOnline;
  r.actor = by_agent ? appt::Actor{Kind::kStaff, "reception-ben"}
                     : CustomerActor(customer);
  r.membership_id = membership;
  appt::Appointment a = Must(c_.engine->Book(r), "booking a found slot");
  open_.push_back(a.id);
  return a;
}

// Scripted cases of the first morning; each prints what happened.
void Simulation::OpeningDay() {
  const ResourceInfo& schmidt = c_.schmidt;
  appt::Slot before_dst{schmidt.id, AtLocal(kBerlin, 2027, 3, 25, 9, 0), 1};
  appt::Appointment a =
      Book(c_.europe_customers[0], c_.skin_check, before_dst, false);
  dst_move_ = a.id;
  std::cout << "  booked   #" << a.id << " skin check "
            << Local(kBerlin, a.start) << " (" << UtcClock(a.start) << ")\n";

  appt::BookRequest forced;
  forced.customer_id = c_.europe_customers[1];
  forced.service_id = c_.consultation.id;
  forced.resource_id = c_.weber.id;
  forced.start = AtLocal(kBerlin, 2027, 3, 16, 7, 15);
  forced.source = appt::BookingSource::kAgent;
  forced.actor = {Kind::kStaff, "reception-ben"};
  forced.force = true;
  forced.notes = "acute back pain; Dr. Weber agreed to see her before hours";
  a = Must(c_.engine->Book(forced), "forcing an agent booking");
  open_.push_back(a.id);
  c_.showcase.emplace_back("Agent-forced booking before opening hours", a.id);
  std::cout << "  forced   #" << a.id << " consultation "
            << Local(kBerlin, a.start) << ", before Dr. Weber opens at 08:00\n";

  // Six seats of Tuesday's 18:00 Back Fit class: three online, three by
  // the front desk; the seventh is refused in BadInput().
  const appt::Slot class_slot{c_.studio.id,
                              AtLocal(kBerlin, 2027, 3, 16, 18, 0), 6};
  for (int i = 0; i < 6; ++i) {
    a = Book(c_.europe_customers[10 + i], c_.back_fit, class_slot, i >= 3);
    class_seats_.push_back(a.id);
  }
  c_.showcase.emplace_back("One of six seats in a group class",
                           class_seats_.front());
  const std::vector<appt::Slot> left = Search(c_.back_fit, c_.studio.id);
  std::cout << "  class    6 seats booked for Back Fit "
            << Local(kBerlin, class_slot.start)
            << "; next offered class: " << Local(kBerlin, left.front().start)
            << " (" << left.front().seats_left << " seats)\n";
  SellMemberships();
}

// Three patients buy eight Back Fit classes and book their next two on it.
void Simulation::SellMemberships() {
  appt::MembershipPlan plan;
  plan.name = "Back Fit, 8 classes";
  plan.service_ids = {c_.back_fit.id};
  plan.visits = 8;
  plan.validity_days = 60;
  plan.price = {12000, "EUR"};
  const appt::PlanId plan_id =
      Must(c_.engine->CreateMembershipPlan(plan), "creating a plan");
  for (int i = 0; i < 3; ++i) {
    const appt::CustomerId customer = c_.europe_customers[20 + i];
    // The practice prints its own card numbers.
    const appt::Membership m = Must(
        c_.engine->PurchaseMembership({customer,
                                       plan_id,
                                       {Kind::kStaff, "reception-ben"},
                                       "",
                                       absl::StrCat("BF-2027-", 101 + i)}),
        "selling a membership");
    c_.memberships.push_back(m.id);
    const std::vector<appt::Slot> classes = Search(c_.back_fit, c_.studio.id);
    for (size_t k = 0; k < 2 && k < classes.size(); ++k) {
      Book(customer, c_.back_fit, classes[k], true, m.id);
    }
    const appt::Membership now =
        Must(c_.engine->GetMembership(m.id), "reading a membership");
    std::cout << "  member   " << now.certificate_number << " ("
              << plan.name << ", EUR 120.00): " << now.visits_booked
              << " classes booked, " << now.visits_left() << " left, valid to "
              << Local(kBerlin, now.expires_at, "%Y-%m-%d") << "\n";
  }
}

void Simulation::BadInput() {
  std::cout << "Bad input is refused, nothing is written:\n";
  const appt::CustomerId other = c_.europe_customers[2];
  appt::BookRequest r;
  r.customer_id = other;
  r.service_id = c_.skin_check.id;
  r.resource_id = c_.schmidt.id;
  r.start = AtLocal(kBerlin, 2027, 3, 25, 9, 0);
  r.actor = CustomerActor(other);
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kAlreadyExists,
                "a second booking of the same skin-check slot");

  r.service_id = c_.back_fit.id;
  r.resource_id = c_.studio.id;
  r.start = AtLocal(kBerlin, 2027, 3, 16, 18, 0);
  r.source = appt::BookingSource::kAgent;
  r.actor = {Kind::kStaff, "reception-ben"};
  r.force = true;
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kAlreadyExists,
                "a 7th seat in the full class, even forced by an agent");

  r = {.customer_id = other,
       .service_id = c_.consultation.id,
       .resource_id = c_.weber.id,
       .start = AtLocal(kBerlin, 2027, 3, 21, 10, 0),
       .actor = CustomerActor(other)};
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kInvalidArgument,
                "an online booking on Sunday, outside working hours");
  r.force = true;
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kInvalidArgument,
                "an online booking that asks to force");

  r = {.customer_id = other,
       .service_id = c_.skin_check.id,
       .resource_id = c_.schmidt.id,
       .start = AtLocal(kBerlin, 2027, 3, 15, 14, 0),
       .actor = CustomerActor(other)};
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kInvalidArgument,
                "a skin check this afternoon (24 h notice)");
  r.customer_id = 999999;
  ExpectRefused(c_.engine->Book(r).status(), absl::StatusCode::kNotFound,
                "a booking for an unknown customer");

  appt::Customer bad;
  bad.name = "Paula Beispiel";
  bad.email = "paula.at.example.de";
  ExpectRefused(c_.engine->CreateCustomer(bad).status(),
                absl::StatusCode::kInvalidArgument, "a malformed e-mail");
  bad.email = "paula@example.de";
  bad.phone = "0151 2345678";
  ExpectRefused(c_.engine->CreateCustomer(bad).status(),
                absl::StatusCode::kInvalidArgument, "a phone not in E.164");
  appt::Resource nowhere;
  nowhere.name = "Dr. Nobody";
  nowhere.time_zone = "Europe/Atlantis";
  ExpectRefused(c_.engine->CreateResource(nowhere).status(),
                absl::StatusCode::kInvalidArgument, "an unknown time zone");

  // A physiotherapy visit cancelled by its customer; a cancel without a
  // reason and attendance on the cancelled visit are refused.
  const appt::CustomerId cu = c_.europe_customers[3];
  appt::Appointment a = Book(cu, c_.physiotherapy,
                             Search(c_.physiotherapy, std::nullopt)[4], false);
  ExpectRefused(c_.engine->Cancel(a.id, CustomerActor(cu), "").status(),
                absl::StatusCode::kInvalidArgument, "a cancel with no reason");
  Must(c_.engine->Cancel(a.id, CustomerActor(cu), "booked the wrong week"),
       "cancelling");
  open_.erase(std::find(open_.begin(), open_.end(), a.id));
  c_.showcase.emplace_back("Cancelled by the customer", a.id);
  ExpectRefused(
      c_.engine->MarkAttended(a.id, {Kind::kStaff, "front-desk"}).status(),
      absl::StatusCode::kFailedPrecondition, "attendance on a cancelled visit");
}

void Simulation::RandomBooking(DayStats& stats) {
  const bool us = c_.Chance(15);
  const auto& pool = us ? c_.us_customers : c_.europe_customers;
  const appt::CustomerId customer =
      pool[c_.Pick(static_cast<int>(pool.size()))];
  const ServiceInfo* s = &c_.telehealth;
  if (!us) {
    const int roll = c_.Pick(100);
    s = roll < 30   ? &c_.consultation
        : roll < 45 ? &c_.follow_up
        : roll < 60 ? &c_.skin_check
        : roll < 85 ? &c_.physiotherapy
                    : &c_.back_fit;
  }
  const std::vector<appt::Slot> slots = Search(*s, std::nullopt);
  if (slots.empty()) return;
  const appt::Slot* slot = &slots[c_.Pick(std::min<int>(30, slots.size()))];
  if (s == &c_.back_fit) {  // join a class that already has people
    auto joined = std::find_if(slots.begin(), slots.end(),
                               [](const auto& x) { return x.seats_left < 6; });
    if (joined != slots.end()) slot = &*joined;
  }
  const bool by_agent = c_.Chance(25);
  Book(customer, *s, *slot, by_agent);
  ++stats.booked;
  stats.by_agent += by_agent;
}

void Simulation::RandomReschedule(DayStats& stats) {
  std::vector<appt::Appointment> movable;
  for (appt::AppointmentId id : open_) {
    appt::Appointment a = Must(c_.engine->GetAppointment(id), "reading");
    if (a.start > Now() + hours(26) && a.service_id != c_.back_fit.id &&
        a.id != dst_move_) {
      movable.push_back(a);
    }
  }
  if (movable.empty()) return;
  const appt::Appointment& a =
      movable[c_.Pick(static_cast<int>(movable.size()))];
  std::vector<appt::Slot> slots = Search(c_.Service(a.service_id), {});
  std::erase_if(slots, [&](const appt::Slot& s) { return s.start == a.start; });
  if (slots.empty()) return;
  const appt::Slot& to = slots[c_.Pick(std::min<int>(30, slots.size()))];
  appt::RescheduleRequest r;
  r.appointment_id = a.id;
  r.new_start = to.start;
  if (to.resource_id != a.resource_id) r.new_resource_id = to.resource_id;
  r.actor = c_.Chance(60) ? CustomerActor(a.customer_id)
                          : appt::Actor{Kind::kStaff, "reception-ben"};
  Must(c_.engine->Reschedule(r), "rescheduling to a found slot");
  ++stats.moved;
}

void Simulation::RandomCancel(DayStats& stats) {
  std::vector<appt::AppointmentId> future;
  for (appt::AppointmentId id : open_) {
    appt::Appointment a = Must(c_.engine->GetAppointment(id), "reading");
    if (a.start > Now() && id != dst_move_) future.push_back(id);
  }
  if (future.empty()) return;
  const appt::AppointmentId id =
      future[c_.Pick(static_cast<int>(future.size()))];
  static const char* const kCustomerReasons[] = {
      "feeling better", "conflict at work", "child is sick", "travelling"};
  static const char* const kStaffReasons[] = {
      "doctor called in sick", "double-checked: referral missing"};
  if (c_.Chance(70)) {
    const appt::Appointment a = Must(c_.engine->GetAppointment(id), "reading");
    Must(c_.engine->Cancel(id, CustomerActor(a.customer_id),
                           kCustomerReasons[c_.Pick(4)]),
         "cancelling");
  } else {
    Must(c_.engine->Cancel(id, {Kind::kStaff, "reception-ben"},
                           kStaffReasons[c_.Pick(2)]),
         "cancelling");
  }
  open_.erase(std::find(open_.begin(), open_.end(), id));
  ++stats.cancelled;
}

void Simulation::AdvanceTo(appt::Instant until, DayStats& stats) {
  const appt::Actor desk{Kind::kStaff, "front-desk"};
  for (int guard = 0;; ++guard) {
    if (guard > 100000) Must(absl::InternalError("no progress"), "advancing");
    appt::AppointmentId visit = 0;
    appt::Instant check_in = until;
    for (appt::AppointmentId id : open_) {
      if (absent_.count(id)) continue;
      const appt::Appointment a =
          Must(c_.engine->GetAppointment(id), "reading");
      if (a.start + minutes(5) <= check_in) {
        check_in = std::max(a.start + minutes(5), Now());
        visit = id;
      }
    }
    appt::Instant step = check_in;
    const std::optional<appt::Instant> due =
        Must(c_.engine->NextDueAt(), "asking for the next due work");
    if (due && *due < step) {
      step = std::max(*due, Now());
      visit = 0;
    }
    c_.clock->Set(std::max(step, Now()));
    if (visit != 0) {
      if (c_.Chance(88)) {
        Must(c_.engine->MarkAttended(visit, desk), "marking attended");
        open_.erase(std::find(open_.begin(), open_.end(), visit));
        ++stats.attended;
      } else {
        absent_.insert(visit);
      }
    }
    RunDueWork(c_);
    if (visit == 0 && step >= until) return;
  }
}

// Closes every visit that has ended: the absent ones become no-shows.
void Simulation::Evening(DayStats& stats) {
  const appt::Actor desk{Kind::kStaff, "front-desk"};
  std::vector<appt::AppointmentId> still_open;
  for (appt::AppointmentId id : open_) {
    const appt::Appointment a = Must(c_.engine->GetAppointment(id), "reading");
    if (a.state == appt::AppointmentState::kCancelled) {
      absent_.erase(id);  // released by the engine: unconfirmed, not here
      ++stats.cancelled;
    } else if (a.end > Now()) {
      still_open.push_back(id);
    } else if (!absent_.count(id)) {
      Must(c_.engine->MarkAttended(id, desk), "marking attended");
      ++stats.attended;
    } else {
      Must(c_.engine->MarkNoShow(id, desk), "marking a no-show");
      absent_.erase(id);
      ++stats.no_show;
      if (!no_show_shown_) {
        c_.showcase.emplace_back("A no-show, with its follow-up message", id);
        no_show_shown_ = true;
      }
    }
  }
  open_ = std::move(still_open);
}

// Prints the day's first visit with `r`, in local time and in UTC.
void Simulation::ShowFirstVisit(const ResourceInfo& r, date::sys_days day) {
  std::optional<appt::Appointment> first;
  for (appt::AppointmentId id : open_) {
    const appt::Appointment a = Must(c_.engine->GetAppointment(id), "reading");
    if (a.resource_id == r.id && date::floor<date::days>(a.start) == day &&
        (!first || a.start < first->start)) {
      first = a;
    }
  }
  if (!first) return;
  notes_.push_back(absl::StrCat("  first visit with ", r.name, " today: ",
                                Local(r.zone, first->start, "%H:%M %Z"), " = ",
                                UtcClock(first->start)));
}

void Simulation::Run() {
  const date::sys_days first_day = date::floor<date::days>(DemoStart());
  c_.clock->Set(DemoStart());
  std::cout << "\nFirst morning, " << Local(kBerlin, DemoStart()) << "\n";
  OpeningDay();
  BadInput();
  std::cout << "\nFour weeks, one line a day (bookings each morning at 08:00"
               " UTC, visits closed at 21:00 UTC)\n";
  int total_booked = 0;
  for (int d = 0; d < kDays; ++d) {
    const date::sys_days day = first_day + days(d);
    const bool weekend = date::weekday(day).iso_encoding() >= 6;
    DayStats stats;
    AdvanceTo(appt::Instant{day + hours(8)}, stats);
    if (d == 1) {  // the customer moves her skin check across the DST change
      appt::RescheduleRequest r;
      r.appointment_id = dst_move_;
      r.new_start = AtLocal(kBerlin, 2027, 3, 29, 9, 0);
      r.actor = CustomerActor(c_.europe_customers[0]);
      const appt::Appointment a =
          Must(c_.engine->Reschedule(r), "moving across the DST change");
      c_.showcase.emplace(c_.showcase.begin(),
                          "Rescheduled across the DST change", a.id);
      notes_.push_back(absl::StrCat(
          "  moved #", a.id, " (skin check) to ", Local(kBerlin, a.start),
          " = ", UtcClock(a.start), "; it was 09:00 CET = 08:00 UTC"));
      ++stats.moved;
    }
    if (day == date::sys_days{date::year{2027} / 3 / 28}) {
      notes_.push_back(
          "  -- at 02:00 local Europe/Berlin moved from CET (UTC+1) to CEST "
          "(UTC+2) --");
    }
    if (day == date::sys_days{date::year{2027} / 3 / 25} ||
        day == date::sys_days{date::year{2027} / 3 / 29}) {
      ShowFirstVisit(c_.schmidt, day);
    }
    const int bookings = weekend ? 4 : 10;
    for (int i = 0; i < bookings; ++i) RandomBooking(stats);
    if (c_.Chance(weekend ? 20 : 60)) RandomReschedule(stats);
    if (c_.Chance(weekend ? 10 : 30)) RandomReschedule(stats);
    if (c_.Chance(weekend ? 40 : 70)) RandomCancel(stats);
    for (appt::AppointmentId id : ApprovalRound(c_, notes_)) {
      open_.erase(std::find(open_.begin(), open_.end(), id));
      ++stats.cancelled;
    }
    for (appt::AppointmentId id : ConfirmationLinks(c_, open_, notes_)) {
      open_.erase(std::find(open_.begin(), open_.end(), id));
      ++stats.cancelled;
    }
    ConfirmationBoardNote(c_, notes_);
    AdvanceTo(appt::Instant{day + hours(21)}, stats);
    Evening(stats);
    WorkThroughTasks(c_, notes_);
    DealBoardNote(c_, notes_);
    total_booked += stats.booked;
    std::cout << absl::StrFormat(
        "%s  booked %2d (%d by agent)  moved %d  cancelled %d  attended %2d"
        "  no-show %d  upcoming %3d\n",
        Local(kBerlin, appt::Instant{day + hours(12)}, "%a %Y-%m-%d"),
        stats.booked, stats.by_agent, stats.moved, stats.cancelled,
        stats.attended, stats.no_show, open_.size());
    for (const std::string& note : notes_) std::cout << note << "\n";
    notes_.clear();
  }
  std::cout << "Random bookings over the four weeks: " << total_booked << "\n";
  std::cout << "Physiotherapy requests decided in the morning rounds: "
            << c_.approvals_confirmed << " confirmed, " << c_.approvals_declined
            << " declined\n";
  PrintFollowUpTotals(c_);
  PrintDeals(c_, dst_move_);
}

}  // namespace

void Simulate(Clinic& clinic) { Simulation(clinic).Run(); }

}  // namespace clinic
