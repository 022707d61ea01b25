// The practice's CRM (R6, seed 000): seed 000's two pipelines. Every
// one-time visit opens a deal (Appointment Scheduled, Today 12 h before,
// Paid Won 2 h after the start, Closed Lost when cancelled); every Back Fit
// membership sold opens one that loops between Unscheduled, Scheduled,
// Tomorrow and Today until Membership Expired. The board is printed after
// each day, and two deal cards at the end.
#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "clinic.h"

namespace clinic {

void SetUpPipelines(Clinic& c) {
  c.one_time = Must(c.engine->CreatePipeline(appt::OneTimePipelinePreset()),
                    "creating the one-time pipeline");
  c.membership_pipeline =
      Must(c.engine->CreatePipeline(appt::MembershipPipelinePreset()),
           "creating the membership pipeline");
  c.engine->AddListener([&c](const appt::Event& e) {
    if (e.kind == appt::EventKind::kDealOpened) ++c.deals_opened;
    if (e.kind == appt::EventKind::kDealStageChanged) ++c.deal_moves;
  });
  std::cout << "CRM: seed 000's pipelines \"" << c.one_time.name << "\" and \""
            << c.membership_pipeline.name
            << "\"; the engine opens and moves the deals.\n";
}

void DealBoardNote(Clinic& c, std::vector<std::string>& notes) {
  for (const appt::Pipeline* p : {&c.one_time, &c.membership_pipeline}) {
    const appt::DealBoard board =
        Must(c.engine->GetDealBoard(p->id), "reading the deal board");
    std::string line = absl::StrCat("  deals, ", board.pipeline, ":");
    for (const appt::DealBoardColumn& col : board.columns) {
      absl::StrAppend(&line, " ", col.stage, " ", col.deals, ";");
    }
    line.pop_back();
    notes.push_back(line);
  }
}

namespace {

void PrintCard(Clinic& c, appt::DealId id, const std::string& caption) {
  const appt::DealCard card = Must(c.engine->GetDealCard(id), "reading a card");
  std::cout << caption << ": deal #" << card.deal.id << " \"" << card.deal.title
            << "\", " << FormatMoney(card.deal.amount) << ", stage "
            << card.stage << "\n";
  std::cout << "  customer " << card.customer.name << " <"
            << card.customer.email << ">\n";
  if (card.next_appointment) {
    std::cout << "  next: " << card.service << " with " << card.resource << ", "
              << card.next_local_start << " (" << card.next_time_zone << ")\n";
  }
  if (card.membership) {
    std::cout << "  membership " << card.membership_kind << ", card "
              << card.certificate_number << ", " << card.visits_left
              << " visit(s) left\n";
  }
  for (auto it = card.history.rbegin(); it != card.history.rend(); ++it) {
    std::cout << "  " << Local("Europe/Berlin", it->at, "%m-%d %H:%M") << "  "
              << (it->kind == appt::DealEntryKind::kNote
                      ? "note: " + it->text
                      : absl::StrCat(
                            it->from_stage.empty() ? "opened" : it->from_stage,
                            " -> ", it->to_stage, " (", it->text, ")"))
              << "\n";
  }
}

}  // namespace

void PrintDeals(Clinic& c, appt::AppointmentId moved) {
  std::cout << "\nCRM deals: " << c.deals_opened << " opened, " << c.deal_moves
            << " stage moves\n";
  std::vector<std::string> lines;
  DealBoardNote(c, lines);
  for (const std::string& line : lines) std::cout << line << "\n";
  const std::vector<appt::Deal> all =
      Must(c.engine->ListDeals({c.one_time.id}), "listing deals");
  for (const appt::Deal& d : all) {
    if (std::find(d.appointment_ids.begin(), d.appointment_ids.end(), moved) !=
        d.appointment_ids.end()) {
      PrintCard(c, d.id,
                "One-time deal of the visit moved across the DST "
                "change");
    }
  }
  if (!c.memberships.empty()) {
    const std::vector<appt::Deal> member =
        Must(c.engine->ListDeals({c.membership_pipeline.id}), "listing deals");
    if (!member.empty()) PrintCard(c, member.front().id, "Membership deal");
  }
}

}  // namespace clinic
