// CRM deals (R6.1, R6.4, R6.5): a customer's deal in a pipeline, the
// appointments and membership it follows, its history of stage changes and
// notes, and the card and board views a CRM shows. Plain values; safe to
// copy between threads.
#ifndef APPT_DEAL_H_
#define APPT_DEAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/membership.h"
#include "appt/pipeline.h"

namespace appt {

using DealId = int64_t;
using DealEntryId = int64_t;

// A host's own key and value, kept verbatim for its integration (the raw
// "integration" section of the card).
struct IntegrationField {
  std::string key{};  // 1..200 bytes, unique within a deal
  std::string value{};
  friend bool operator==(const IntegrationField&,
                         const IntegrationField&) = default;
};

struct Deal {
  DealId id = 0;  // assigned by the engine
  PipelineId pipeline_id = 0;
  StageId stage_id = 0;
  CustomerId customer_id = 0;
  std::string title{};  // the service's or the plan's name when opened
                        // by the engine
  Money amount{};       // the service's or the membership's price
  MembershipId membership_id = 0;  // 0: none
  // Linked appointments, by id. An appointment belongs to one deal at most.
  std::vector<AppointmentId> appointment_ids{};
  std::string external_id{};
  std::vector<IntegrationField> integration{};
  Instant opened_at{};
  Instant stage_changed_at{};
  std::optional<Instant> closed_at{};  // set while in a won or lost stage
  friend bool operator==(const Deal&, const Deal&) = default;
};

enum class DealEntryKind { kOpened, kStageChanged, kNote };
const char* DealEntryKindName(DealEntryKind kind);

// One line of a deal's history. kOpened and kStageChanged carry the stages
// (by id and by name as they were) and the cause, e.g. "appointment
// booked", "12h before the visit", "visit cancelled: sick"; kNote carries
// the text, e.g. the reschedule note.
struct DealEntry {
  DealEntryId id = 0;
  DealId deal_id = 0;
  Instant at{};
  DealEntryKind kind = DealEntryKind::kNote;
  Actor actor{};
  StageId from_stage_id = 0;  // 0 for kOpened and kNote
  std::string from_stage{};
  StageId to_stage_id = 0;  // 0 for kNote
  std::string to_stage{};
  AppointmentId appointment_id = 0;  // the appointment concerned, or 0
  std::string text{};
  friend bool operator==(const DealEntry&, const DealEntry&) = default;
};

// A deal the host opens itself, in any pipeline. The deal starts where the
// pipeline's kOpened rule says, else in its first stage; linked
// appointments then move it as their booking would.
struct OpenDealRequest {
  PipelineId pipeline_id = 0;
  CustomerId customer_id = 0;
  std::string title{};
  Money amount{};
  MembershipId membership_id = 0;  // the customer's, without a deal yet
  std::vector<AppointmentId> appointment_ids{};  // the customer's, unlinked
  std::string external_id{};
  std::vector<IntegrationField> integration{};
  Actor actor{Actor::Kind::kStaff, ""};
};

// Deals matching every field set, by id; at most `limit` (1..10000).
struct DealQuery {
  PipelineId pipeline_id = 0;  // 0: any
  StageId stage_id = 0;        // 0: any
  CustomerId customer_id = 0;  // 0: any
  bool open_only = false;
  int limit = 1000;
};

// A deal as a CRM shows it (R6.4). The next appointment is the deal's
// earliest booked (or requested) one, even when its start has passed and
// nobody has marked it yet. Local times are in its resource's zone,
// "YYYY-MM-DD HH:MM".
struct DealCard {
  Deal deal{};
  std::string pipeline{};
  std::string stage{};
  StageKind stage_kind = StageKind::kOpen;
  Customer customer{};  // contacts
  std::optional<Appointment> next_appointment{};
  std::string next_local_start{};  // "" without a next appointment
  std::string next_time_zone{};
  std::string service{};
  std::string resource{};
  std::optional<Membership> membership{};  // as of now
  std::string membership_kind{};           // the plan's name
  int visits_left = 0;
  std::string certificate_number{};
  std::vector<DealEntry> history{};  // newest first
  // The raw integration section: the engine's own keys ("deal_id",
  // "pipeline_id", "stage_id", "customer_id", "membership_id",
  // "appointment_ids", "next_appointment_id", "next_start_utc",
  // "customer_external_id", "deal_external_id") then the host's fields.
  std::vector<IntegrationField> integration{};
};

struct DealBoardColumn {
  StageId stage_id = 0;
  std::string stage{};
  StageKind kind = StageKind::kOpen;
  int64_t deals = 0;
  int64_t amount_minor_units = 0;  // sum of the deals' amounts
};

// A pipeline's deals counted per stage, in board order.
struct DealBoard {
  PipelineId pipeline_id = 0;
  std::string pipeline{};
  std::vector<DealBoardColumn> columns{};
};

}  // namespace appt

#endif  // APPT_DEAL_H_
