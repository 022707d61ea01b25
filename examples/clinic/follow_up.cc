// The confirmation cycle in the clinic (R5.2–R5.5, seed 003): reception
// gets a task to phone patients who have not confirmed three hours before
// their visit, and another when a patient is a quarter of an hour late; a
// patient who was sent a link, never confirmed and has not arrived twenty
// minutes after the start loses the slot, and reception is told. The
// front desk works through its open tasks each evening.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "clinic.h"

namespace clinic {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

}  // namespace

void SetUpConfirmationCycle(Clinic& c) {
  appt::TaskRule call;
  call.name = "Unconfirmed 3 h before";
  call.title = "Call the patient to confirm";
  call.trigger = appt::TaskTrigger::kUnconfirmed;
  call.offset = hours(3);
  call.due_in = hours(2);
  Must(c.engine->CreateTaskRule(call).status(), "creating a task rule");
  appt::TaskRule late;
  late.name = "Not arrived after 15 min";
  late.title = "Patient not here: call them";
  late.trigger = appt::TaskTrigger::kNotArrived;
  late.offset = minutes(15);
  late.due_in = minutes(30);
  Must(c.engine->CreateTaskRule(late).status(), "creating a task rule");
  appt::ConfirmationSettings settings;
  settings.overdue_before = hours(3);
  settings.release_offset = minutes(20);
  settings.release_reason =
      "not confirmed and not arrived 20 min after the start: slot released";
  Must(c.engine->SetConfirmationSettings(settings),
       "saving the confirmation settings");
  // Reception hears of cancellations by patients and by the engine; its
  // own are not announced (R5.5's default).
  appt::MessageRule tell;
  tell.name = "Tell reception of cancellations";
  tell.kind = appt::MessageKind::kCancelled;
  tell.audience = appt::Audience::kAgent;
  tell.channels = {appt::Channel::kEmail};
  tell.templates = {{appt::Channel::kEmail, "", "Cancelled: {{service.name}}",
                     "{{customer.name}}, {{appointment.when}}: "
                     "{{appointment.cancel_reason}}"}};
  Must(c.engine->CreateMessageRule(tell).status(), "creating a message rule");
  c.engine->AddListener([&c](const appt::Event& e) {
    switch (e.kind) {
      case appt::EventKind::kTaskCreated:
        ++c.tasks_created;
        break;
      case appt::EventKind::kTaskCancelled:
        if (e.actor.kind == appt::Actor::Kind::kEngine) ++c.tasks_answered;
        break;
      case appt::EventKind::kAppointmentCancelled:
        if (e.actor.kind == appt::Actor::Kind::kEngine &&
            c.released++ == 0) {
          c.showcase.emplace_back("Released: sent a link, never confirmed, "
                                  "did not come",
                                  e.appointment.id);
        }
        break;
      default:
        break;
    }
  });
  std::cout << "Reception (each resource's responsible agent) gets a task 3 h before an "
               "unconfirmed visit and 15 min into a visit nobody arrived "
               "for; unconfirmed visits are released 20 min after the "
               "start.\n";
}

void ConfirmationBoardNote(Clinic& c, std::vector<std::string>& notes) {
  const appt::Instant now = c.clock->Now();
  const appt::ConfirmationBoard board = Must(
      c.engine->GetConfirmationBoard({{}, {now, now + std::chrono::days(2)}}),
      "reading the confirmation board");
  if (board.awaiting + board.overdue + board.late == 0) return;
  std::string days;
  for (const appt::DayFlagCount& d : board.counts) {
    if (d.awaiting + d.overdue == 0) continue;
    absl::StrAppend(&days, days.empty() ? " (" : ", ",
                    c.Resource(d.resource_id).name, " ", d.month, "/", d.day,
                    ": ", d.awaiting + d.overdue);
  }
  notes.push_back(absl::StrCat(
      "  confirmation board: ", board.awaiting, " awaiting the patient, ",
      board.overdue, " overdue", days.empty() ? "" : days + ")", ", ",
      board.late, " late"));
}

void PrintFollowUpTotals(Clinic& c) {
  std::cout << "Confirmation links: " << c.links_issued << " sent, "
            << c.links_confirmed << " confirmed, " << c.links_cancelled
            << " cancelled with the link\n";
  std::cout << "Reception's tasks: " << c.tasks_created << " made, "
            << c.tasks_answered << " closed by themselves (confirmed, "
            << "arrived, cancelled or moved), " << c.tasks_completed
            << " completed by reception; visits released unconfirmed: "
            << c.released << "\n";
  for (appt::MembershipId id : c.memberships) {
    const appt::Membership m =
        Must(c.engine->GetMembership(id), "reading a membership");
    std::cout << "Membership " << m.certificate_number << ": "
              << m.visits_used << " used, " << m.visits_booked << " booked, "
              << m.visits_left() << " of " << m.visits_total << " left ("
              << appt::MembershipStateName(m.state) << ")\n";
  }
}

void WorkThroughTasks(Clinic& c, std::vector<std::string>& notes) {
  int done = 0;
  for (const appt::Task& t :
       Must(c.engine->ListTasks({{}, appt::TaskState::kOpen, {}}),
            "listing tasks")) {
    const appt::Actor agent{appt::Actor::Kind::kStaff, t.assignee};
    Must(c.engine->CompleteTask(t.id, agent, "called; left a message")
             .status(),
         "completing a task");
    ++done;
  }
  c.tasks_completed += done;
  if (done > 0) {
    notes.push_back(absl::StrCat("  reception closed ", done,
                                 " open task(s) in the evening"));
  }
}

}  // namespace clinic
