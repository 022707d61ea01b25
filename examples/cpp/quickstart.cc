// The smallest complete use of appt from C++: open a store, define a
// resource and a service, search slots, book, send a reminder through a
// notifier, reschedule, cancel, print the timeline. Usage: quickstart [path.sqlite]  (no path: an in-memory store)
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "appt/engine.h"
#include "date/date.h"

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "quickstart: " << status << "\n";
  return 1;
}

// Stands in for the host's e-mail and SMS senders.
class PrintingNotifier : public appt::Notifier {
 public:
  appt::SendResult Send(const appt::Message& m) override {
    std::cout << "  send " << appt::MessageKindName(m.kind) << " by "
              << appt::ChannelName(m.channel) << " to " << m.recipient << ": "
              << m.body << "\n";
    return appt::SendResult::Accepted("sent-" + std::to_string(m.id));
  }
};

appt::MessageRule EmailRule(appt::MessageKind kind, const std::string& body,
                            appt::Duration offset = appt::Duration(0)) {
  appt::MessageRule r;
  r.name = appt::MessageKindName(kind);
  r.kind = kind;
  r.channels = {appt::Channel::kEmail};
  r.templates = {{appt::Channel::kEmail, "", r.name, body}};
  r.offset = offset;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace std::chrono;
  std::unique_ptr<appt::Store> store;
  if (argc > 1) {
    std::remove(argv[1]);
    auto opened = appt::OpenSqliteStore(argv[1]);
    if (!opened.ok()) return Fail(opened.status());
    store = std::move(*opened);
  } else {
    store = appt::NewMemoryStore();
  }
  const appt::Instant monday{date::sys_days{date::year{2027} / 3 / 22}};
  auto clock = std::make_shared<appt::ManualClock>(monday + hours(6));
  auto engine = appt::Engine::Open(std::move(store), {.clock = clock});
  if (!engine.ok()) return Fail(engine.status());
  appt::Engine& e = **engine;
  e.AddListener([](const appt::Event& ev) {
    std::cout << "  event " << appt::EventKindName(ev.kind) << " #"
              << ev.appointment.id << "\n";
  });

  appt::Resource rossi;
  rossi.name = "Dr. Rossi";
  rossi.time_zone = "Europe/Berlin";
  for (int d = 0; d < 5; ++d) rossi.weekly_hours[d] = {{9 * 60, 13 * 60}};
  auto rossi_id = e.CreateResource(rossi);
  if (!rossi_id.ok()) return Fail(rossi_id.status());

  appt::Service checkup;
  checkup.name = "Checkup";
  checkup.duration = minutes(30);
  checkup.price = {6000, "EUR"};
  checkup.resource_ids = {*rossi_id};
  auto checkup_id = e.CreateService(checkup);
  if (!checkup_id.ok()) return Fail(checkup_id.status());

  appt::Customer anna;
  anna.name = "Anna Bianchi";
  anna.email = "anna@example.it";
  auto anna_id = e.CreateCustomer(anna);
  if (!anna_id.ok()) return Fail(anna_id.status());

  e.SetNotifier(std::make_shared<PrintingNotifier>());
  appt::MessageRule cancelled_rule = EmailRule(
      appt::MessageKind::kCancelled, "Cancelled: {{appointment.cancel_reason}}");
  // By default a cancellation made by staff is not announced (R5.5); this
  // practice tells its customers anyway.
  cancelled_rule.cancelled_by.push_back(appt::Actor::Kind::kStaff);
  for (const appt::MessageRule& rule :
       {EmailRule(appt::MessageKind::kConfirmed, "Booked: {{appointment.when}}"),
        EmailRule(appt::MessageKind::kReminder, "In one hour: {{service.name}}",
                  hours(1)),
        cancelled_rule}) {
    if (auto id = e.CreateMessageRule(rule); !id.ok()) return Fail(id.status());
  }

  auto slots = e.SearchSlots(
      {.service_id = *checkup_id, .window = {monday, monday + days(1)}});
  if (!slots.ok()) return Fail(slots.status());
  std::cout << slots->size() << " free slots on Monday, first at "
            << appt::FormatUtc(slots->front().start) << "\n";

  auto booked = e.Book({.customer_id = *anna_id,
                        .service_id = *checkup_id,
                        .resource_id = *rossi_id,
                        .start = slots->front().start});
  if (!booked.ok()) return Fail(booked.status());
  auto taken = e.Book({.customer_id = *anna_id,
                       .service_id = *checkup_id,
                       .resource_id = *rossi_id,
                       .start = slots->front().start});
  std::cout << "booking the same slot again: " << taken.status() << "\n";

  // The reminder is a timer: due one hour before the start.
  auto next = e.NextDueAt();
  if (!next.ok() || !next->has_value()) return 1;
  clock->Set(**next);
  if (auto ran = e.RunDue(); !ran.ok()) return Fail(ran.status());

  auto moved = e.Reschedule({.appointment_id = booked->id,
                             .new_start = slots->back().start,
                             .actor = {appt::Actor::Kind::kCustomer, "anna"}});
  if (!moved.ok()) return Fail(moved.status());
  auto cancelled = e.Cancel(booked->id, {appt::Actor::Kind::kStaff, "desk"},
                            "doctor unavailable");
  if (!cancelled.ok()) return Fail(cancelled.status());

  auto timeline = e.Timeline(booked->id);
  if (!timeline.ok()) return Fail(timeline.status());
  std::cout << "timeline of appointment #" << booked->id << ":\n";
  for (const appt::TimelineEntry& t : *timeline) {
    std::cout << "  " << appt::FormatUtc(t.at) << "  " << t.kind << "  "
              << t.details << "\n";
  }
  auto messages = e.ListAppointmentMessages(booked->id);
  if (!messages.ok()) return Fail(messages.status());
  std::cout << messages->size() << " messages, all "
            << appt::MessageStateName(messages->back().state) << "\n";

  // Manual approval (R3): new checkup bookings wait for the desk.
  auto chain = e.CreateStatusChain(appt::ManualApprovalChain());
  if (!chain.ok()) return Fail(chain.status());
  checkup.id = *checkup_id;
  checkup.workflow_enabled = true;
  if (auto s = e.UpdateService(checkup); !s.ok()) return Fail(s);
  if (auto s = e.SetWorkflowSettings({.enabled = true,
                                      .default_chain_id = chain->id});
      !s.ok())
    return Fail(s);
  auto request = e.Book({.customer_id = *anna_id,
                         .service_id = *checkup_id,
                         .resource_id = *rossi_id,
                         .start = slots->front().start});
  if (!request.ok()) return Fail(request.status());
  auto board = e.GetStatusBoard({.window = {monday, monday + days(7)}});
  if (!board.ok()) return Fail(board.status());
  std::cout << board->unconfirmed << " request(s) awaiting approval\n";
  auto approved = e.SetStatus({.appointment_id = request->id,
                               .status_id = chain->statuses[1].id,
                               .actor = {appt::Actor::Kind::kStaff, "desk"}});
  if (!approved.ok()) return Fail(approved.status());
  auto history = e.StatusHistory(request->id);
  if (!history.ok()) return Fail(history.status());
  std::cout << "request #" << request->id << ": " << history->back().to_status
            << " -> " << history->front().to_status << "\n";
  return taken.status().code() == absl::StatusCode::kAlreadyExists &&
                 messages->size() == 3 && board->unconfirmed == 1 &&
                 history->size() == 2
             ? 0
             : 1;
}
