// The status workflow in the clinic (R3): physiotherapy needs a GP's
// referral and the insurer's cover, so a request goes through three steps
// before it is confirmed. A fresh request does not hold its room; once the
// insurance is checked it does.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "clinic.h"

namespace clinic {
namespace {

using Marker = appt::StatusMarker;

const appt::Actor kPhysio{appt::Actor::Kind::kStaff, "physio-lea"};

appt::StatusId IdOf(const appt::StatusChain& chain, const std::string& name) {
  for (const appt::Status& s : chain.statuses) {
    if (s.name == name) return s.id;
  }
  Must(absl::NotFoundError(name), "finding a status");
  return 0;
}

std::string Counts(const appt::StatusBoard& board) {
  std::string out;
  for (const appt::StatusCount& c : board.counts) {
    absl::StrAppend(&out, out.empty() ? "" : ", ", c.name, " ", c.count);
  }
  return out;
}

}  // namespace

void SetUpWorkflow(Clinic& c) {
  appt::StatusChain chain;
  chain.name = "Physiotherapy approval";
  chain.statuses = {
      {0, "Referral received", "the GP's referral is on file", 10, "#ffb300",
       Marker::kStart, false},
      {0, "Insurance checked", "the insurer covers it; room held", 20,
       "#1e88e5", Marker::kStart, true},
      {0, "Confirmed", "the patient is told", 30, "#43a047",
       Marker::kConfirmation, true},
      {0, "Declined", "the patient is told why", 40, "#e53935",
       Marker::kCancellation, false},
  };
  c.approval = Must(c.engine->CreateStatusChain(chain), "creating the chain");
  appt::Service physio =
      Must(c.engine->GetService(c.physiotherapy.id), "reading a service");
  physio.workflow_enabled = true;
  Must(c.engine->UpdateService(physio), "switching the workflow on");
  Must(c.engine->SetWorkflowSettings({true, c.approval.id, {}}),
       "enabling the workflow");
  std::cout << "\nPhysiotherapy requests go through \"" << c.approval.name
            << "\":";
  for (const appt::Status& s : c.approval.statuses) {
    std::cout << " " << s.name << " (" << appt::StatusMarkerName(s.marker)
              << (s.marker == Marker::kStart && !s.holds_slot
                      ? ", room not held"
                      : "")
              << ")";
  }
  std::cout << "\n";
  // A chain must end somewhere: one without a cancellation is refused.
  chain.statuses.pop_back();
  ExpectRefused(c.engine->CreateStatusChain(chain).status(),
                absl::StatusCode::kInvalidArgument,
                "a chain with no cancellation status");
}

std::vector<appt::AppointmentId> ApprovalRound(
    Clinic& c, std::vector<std::string>& notes) {
  const appt::Instant now = c.clock->Now();
  const appt::StatusBoardQuery query{
      {c.physio_room.id}, {now, now + std::chrono::days(60)}, false};
  std::vector<appt::AppointmentId> declined;
  auto decline = [&](appt::AppointmentId id, const std::string& reason) {
    Must(c.engine->SetStatus(
             {id, IdOf(c.approval, "Declined"), kPhysio, reason}),
         "declining a request");
    declined.push_back(id);
    ++c.approvals_declined;
  };
  const appt::StatusId referral = IdOf(c.approval, "Referral received");
  const appt::StatusId checked = IdOf(c.approval, "Insurance checked");
  for (const appt::Appointment& a :
       Must(c.engine->GetStatusBoard(query), "reading the board")
           .appointments) {
    if (a.status_id != referral) continue;
    if (c.Chance(10)) {
      decline(a.id, "the insurer does not cover it");
      continue;
    }
    auto moved = c.engine->SetStatus({a.id, checked, kPhysio, ""});
    if (absl::IsAlreadyExists(moved.status())) {
      decline(a.id, "the room was given to an earlier request");
    } else {
      Must(moved.status(), "checking a request");
    }
  }
  const appt::StatusBoard board =
      Must(c.engine->GetStatusBoard(query), "reading the board");
  if (board.unconfirmed > 0) {
    notes.push_back(absl::StrCat("  physio board: ", board.unconfirmed,
                                 " awaiting approval (", Counts(board), ")"));
  }
  for (const appt::Appointment& a : board.appointments) {
    Must(c.engine->SetStatus({a.id, IdOf(c.approval, "Confirmed"), kPhysio,
                              "referral and cover on file"}),
         "confirming a checked request");
    ++c.approvals_confirmed;
    if (c.approvals_confirmed == 1) {
      c.showcase.emplace_back(
          "Physiotherapy request through the approval "
          "chain",
          a.id);
    }
  }
  return declined;
}

std::vector<appt::AppointmentId> ConfirmationLinks(
    Clinic& c, const std::vector<appt::AppointmentId>& open,
    std::vector<std::string>& notes) {
  const appt::Instant now = c.clock->Now();
  std::vector<appt::AppointmentId> cancelled;
  int issued = 0, confirmed = 0;
  for (appt::AppointmentId id : open) {
    const appt::Appointment a = Must(c.engine->GetAppointment(id), "reading");
    if (a.start < now + std::chrono::hours(16) ||
        a.start >= now + std::chrono::hours(40) || a.confirmed_at ||
        a.state != appt::AppointmentState::kBooked) {
      continue;  // links go out the day before
    }
    // The host mails https://clinic.example/visit/<token>; the engine
    // keeps only the token's hash.
    const appt::ConfirmToken link =
        Must(c.engine->IssueConfirmToken(id), "issuing a confirmation link");
    ++issued;
    const int roll = c.Pick(100);
    if (roll < 70) {
      Must(c.engine->ConfirmByToken(link.token).status(), "confirming");
      ++confirmed;
    } else if (roll < 75) {
      Must(
          c.engine->CancelByToken(link.token, "cannot come after all").status(),
          "cancelling with the link");
      cancelled.push_back(id);
      if (c.links_cancelled++ == 0) {
        c.showcase.emplace_back(
            "Cancelled by the customer with the "
            "confirmation link",
            id);
        // The link is spent: a second click is refused, not a crash.
        ExpectRefused(c.engine->CancelByToken(link.token, "again").status(),
                      absl::StatusCode::kFailedPrecondition,
                      "the same link clicked twice");
      }
    }
  }
  c.links_issued += issued;
  c.links_confirmed += confirmed;
  if (issued > 0) {
    notes.push_back(absl::StrCat("  confirmation links for tomorrow: ", issued,
                                 " sent, ", confirmed, " confirmed, ",
                                 cancelled.size(), " cancelled with the link"));
  }
  return cancelled;
}

}  // namespace clinic
