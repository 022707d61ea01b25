// CRM deal pipelines (R6.1–R6.3): ordered stages, and the rules that move a
// deal between them — by what happens to its appointments and membership,
// and by time relative to its next appointment. The two pipelines of seed
// 000 ship as presets. Plain values; safe to copy between threads.
#ifndef APPT_PIPELINE_H_
#define APPT_PIPELINE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "appt/types.h"

namespace appt {

using PipelineId = int64_t;
using StageId = int64_t;
using StageRuleId = int64_t;

// Whether a deal in the stage is still open, or closed won or lost. No rule
// moves a closed deal; staff still can (Engine::MoveDeal).
enum class StageKind { kOpen, kWon, kLost };
const char* StageKindName(StageKind kind);

struct Stage {
  StageId id = 0;      // assigned by the engine; unique across pipelines
  std::string name{};  // unique within its pipeline
  StageKind kind = StageKind::kOpen;
  friend bool operator==(const Stage&, const Stage&) = default;
};

// What moves a deal:
// - kOpened: the deal is opened (else it opens in the first stage);
// - kBooked: an appointment of the deal is booked (or requested);
// - kCancelled: one is cancelled or its request declined;
// - kVisitClosed: one is marked attended or no-show;
// - kMembershipExpired: the deal's membership expired (visits used up or
//   validity ended);
// - kTimed: `offset` from the start of the deal's next appointment
//   (negative: before it), derived as a timer that a reschedule moves and
//   a cancellation drops. A positive offset also follows an appointment
//   marked attended (e.g. "2 h after the start → Paid Won"), never one
//   still awaiting approval. A command that changes the deal first fires
//   its stage timers already due (RunDue may not have run yet), against
//   the state after the change.
enum class StageTrigger {
  kOpened,
  kBooked,
  kCancelled,
  kVisitClosed,
  kMembershipExpired,
  kTimed
};
const char* StageTriggerName(StageTrigger trigger);

// Which event rules apply, by whether the deal has another appointment
// booked after the event. kTimed, kOpened and kMembershipExpired rules are
// kAlways.
enum class StageCondition { kAlways, kAnotherBooked, kNoneBooked };
const char* StageConditionName(StageCondition condition);

// The first rule (in order) whose trigger and condition match an event
// decides the deal's stage. When that stage is the one the kBooked rule
// names and the deal has a next appointment, the deal goes to the stage
// the appointment's time calls for: the latest kTimed rule with offset <= 0
// already due, if any. A reschedule always does so, and adds a note
// "changed from X to Y" (R6.5).
struct StageRule {
  StageRuleId id = 0;  // assigned by the engine at every save
  StageTrigger trigger = StageTrigger::kBooked;
  StageCondition condition = StageCondition::kAlways;
  Duration offset{0};   // kTimed only: within ±365 days; else 0
  std::string stage{};  // the name of a stage of this pipeline
  friend bool operator==(const StageRule&, const StageRule&) = default;
};

// Which deals the engine opens by itself in a pipeline:
// - kManual: none; the host opens them (Engine::OpenDeal);
// - kBookings: one per booking of a covered service not made on a
//   membership (a one-time visit);
// - kMemberships: one per membership bought that covers a covered service;
//   bookings on the membership join its deal.
// At most one pipeline opens deals for a given source and service.
enum class DealSource { kManual, kBookings, kMemberships };
const char* DealSourceName(DealSource source);

struct Pipeline {
  PipelineId id = 0;  // assigned by the engine
  std::string name{};
  DealSource opens_deals = DealSource::kManual;
  std::vector<ServiceId> service_ids{};  // empty: every service
  std::vector<Stage> stages{};           // in board order; 1..50
  std::vector<StageRule> rules{};        // in precedence order; 0..100
  std::string external_id{};
  friend bool operator==(const Pipeline&, const Pipeline&) = default;
};

// Seed 000's one-time pipeline, opening deals for bookings: Appointment
// Scheduled (booked), Appointment Today (12 h before), Paid Won (2 h after
// the start, for a visit booked and approved, or attended), Closed Lost
// (cancelled). Seed 000 says nothing of no-shows: a visit marked no-show
// before its "2 h after" point leaves its deal in Appointment Today (add a
// kVisitClosed rule, or move it with Engine::MoveDeal).
Pipeline OneTimePipelinePreset();

// Seed 000's membership pipeline, opening deals for memberships bought:
// Appointment Unscheduled (bought; the last visit closed or cancelled with
// none booked), Appointment Scheduled (booked; a visit closed or cancelled
// with another booked), Appointment Tomorrow (48 h before), Appointment
// Today (12 h before), Membership Expired.
Pipeline MembershipPipelinePreset();

}  // namespace appt

#endif  // APPT_PIPELINE_H_
