#include "pipeline/pipeline_rules.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "appt/deal.h"
#include "util/text.h"

namespace appt {

const char* StageKindName(StageKind kind) {
  switch (kind) {
    case StageKind::kOpen:
      return "open";
    case StageKind::kWon:
      return "won";
    case StageKind::kLost:
      return "lost";
  }
  return "unknown";
}

const char* StageTriggerName(StageTrigger trigger) {
  switch (trigger) {
    case StageTrigger::kOpened:
      return "opened";
    case StageTrigger::kBooked:
      return "booked";
    case StageTrigger::kCancelled:
      return "cancelled";
    case StageTrigger::kVisitClosed:
      return "visit_closed";
    case StageTrigger::kMembershipExpired:
      return "membership_expired";
    case StageTrigger::kTimed:
      return "timed";
  }
  return "unknown";
}

const char* StageConditionName(StageCondition condition) {
  switch (condition) {
    case StageCondition::kAlways:
      return "always";
    case StageCondition::kAnotherBooked:
      return "another_booked";
    case StageCondition::kNoneBooked:
      return "none_booked";
  }
  return "unknown";
}

const char* DealSourceName(DealSource source) {
  switch (source) {
    case DealSource::kManual:
      return "manual";
    case DealSource::kBookings:
      return "bookings";
    case DealSource::kMemberships:
      return "memberships";
  }
  return "unknown";
}

const char* DealEntryKindName(DealEntryKind kind) {
  switch (kind) {
    case DealEntryKind::kOpened:
      return "opened";
    case DealEntryKind::kStageChanged:
      return "stage_changed";
    case DealEntryKind::kNote:
      return "note";
  }
  return "unknown";
}

namespace {

constexpr char kScheduled[] = "Appointment Scheduled";
constexpr char kToday[] = "Appointment Today";

StageRule Event(StageTrigger trigger, const char* stage,
                StageCondition condition = StageCondition::kAlways) {
  return {0, trigger, condition, Duration(0), stage};
}

StageRule Timed(std::chrono::hours offset, const char* stage) {
  return {0, StageTrigger::kTimed, StageCondition::kAlways, offset, stage};
}

}  // namespace

Pipeline OneTimePipelinePreset() {
  Pipeline p;
  p.name = "One-time appointments";
  p.opens_deals = DealSource::kBookings;
  p.stages = {{0, kScheduled, StageKind::kOpen},
              {0, kToday, StageKind::kOpen},
              {0, "Paid Won", StageKind::kWon},
              {0, "Closed Lost", StageKind::kLost}};
  p.rules = {Event(StageTrigger::kBooked, kScheduled),
             Timed(std::chrono::hours(-12), kToday),
             Timed(std::chrono::hours(2), "Paid Won"),
             Event(StageTrigger::kCancelled, "Closed Lost")};
  return p;
}

Pipeline MembershipPipelinePreset() {
  constexpr char kUnscheduled[] = "Appointment Unscheduled";
  constexpr char kTomorrow[] = "Appointment Tomorrow";
  constexpr char kExpired[] = "Membership Expired";
  using C = StageCondition;
  Pipeline p;
  p.name = "Memberships";
  p.opens_deals = DealSource::kMemberships;
  p.stages = {{0, kUnscheduled, StageKind::kOpen},
              {0, kScheduled, StageKind::kOpen},
              {0, kTomorrow, StageKind::kOpen},
              {0, kToday, StageKind::kOpen},
              {0, kExpired, StageKind::kWon}};
  p.rules = {Event(StageTrigger::kOpened, kUnscheduled),
             Event(StageTrigger::kBooked, kScheduled),
             Timed(std::chrono::hours(-48), kTomorrow),
             Timed(std::chrono::hours(-12), kToday),
             Event(StageTrigger::kVisitClosed, kScheduled, C::kAnotherBooked),
             Event(StageTrigger::kVisitClosed, kUnscheduled, C::kNoneBooked),
             Event(StageTrigger::kCancelled, kScheduled, C::kAnotherBooked),
             Event(StageTrigger::kCancelled, kUnscheduled, C::kNoneBooked),
             Event(StageTrigger::kMembershipExpired, kExpired)};
  return p;
}

namespace pipeline {
namespace {

using absl::StrCat;

template <typename Enum>
bool InRange(Enum v, Enum last) {
  return static_cast<int>(v) >= 0 &&
         static_cast<int>(v) <= static_cast<int>(last);
}

bool TakesCondition(StageTrigger t) {
  return t == StageTrigger::kBooked || t == StageTrigger::kCancelled ||
         t == StageTrigger::kVisitClosed;
}

}  // namespace

absl::Status ValidatePipeline(const Pipeline& p) {
  if (auto s = text::CheckText("name", p.name, text::kMaxNameBytes, true);
      !s.ok())
    return s;
  if (auto s = text::CheckText("external_id", p.external_id,
                               text::kMaxNameBytes, false);
      !s.ok())
    return s;
  if (!InRange(p.opens_deals, DealSource::kMemberships)) {
    return absl::InvalidArgumentError(StrCat(
        "opens_deals ", static_cast<int>(p.opens_deals), " is not a source"));
  }
  for (size_t i = 0; i < p.service_ids.size(); ++i) {
    if (std::count(p.service_ids.begin(), p.service_ids.begin() + i,
                   p.service_ids[i]) > 0) {
      return absl::InvalidArgumentError(StrCat(
          "service_ids[", i, "] ", p.service_ids[i], " is listed twice"));
    }
  }
  if (p.stages.empty() || p.stages.size() > 50) {
    return absl::InvalidArgumentError(
        StrCat("stages: ", p.stages.size(), " given; a pipeline has 1..50"));
  }
  std::set<std::string> names;
  std::set<StageId> ids;
  for (size_t i = 0; i < p.stages.size(); ++i) {
    const Stage& s = p.stages[i];
    const std::string field = StrCat("stages[", i, "]");
    if (auto st = text::CheckText(StrCat(field, ".name"), s.name,
                                  text::kMaxNameBytes, true);
        !st.ok())
      return st;
    if (!names.insert(s.name).second) {
      return absl::InvalidArgumentError(
          StrCat(field, ".name ", text::Quote(s.name), " is used twice"));
    }
    if (s.id < 0 || (s.id != 0 && !ids.insert(s.id).second)) {
      return absl::InvalidArgumentError(
          StrCat(field, ".id ", s.id, " is negative or used twice"));
    }
    if (!InRange(s.kind, StageKind::kLost)) {
      return absl::InvalidArgumentError(StrCat(
          field, ".kind ", static_cast<int>(s.kind), " is not a stage kind"));
    }
  }
  if (p.rules.size() > 100) {
    return absl::InvalidArgumentError(
        StrCat("rules: ", p.rules.size(), " given; at most 100"));
  }
  std::set<std::tuple<int, int, int64_t>> keys;
  for (size_t i = 0; i < p.rules.size(); ++i) {
    const StageRule& r = p.rules[i];
    const std::string field = StrCat("rules[", i, "]");
    if (!InRange(r.trigger, StageTrigger::kTimed)) {
      return absl::InvalidArgumentError(StrCat(field, ".trigger ",
                                               static_cast<int>(r.trigger),
                                               " is not a trigger"));
    }
    if (!InRange(r.condition, StageCondition::kNoneBooked)) {
      return absl::InvalidArgumentError(StrCat(field, ".condition ",
                                               static_cast<int>(r.condition),
                                               " is not a condition"));
    }
    if (r.condition != StageCondition::kAlways && !TakesCondition(r.trigger)) {
      return absl::InvalidArgumentError(
          StrCat(field, ".condition ", StageConditionName(r.condition),
                 " does not apply to trigger ", StageTriggerName(r.trigger)));
    }
    if (r.trigger == StageTrigger::kTimed) {
      if (std::chrono::abs(r.offset) > std::chrono::days(365)) {
        return absl::InvalidArgumentError(StrCat(
            field, ".offset ", r.offset.count(), "s is beyond ±365 days"));
      }
    } else if (r.offset != Duration(0)) {
      return absl::InvalidArgumentError(StrCat(
          field, ".offset ", r.offset.count(), "s is set on a ",
          StageTriggerName(r.trigger), " rule; only timed rules have one"));
    }
    if (!names.contains(r.stage)) {
      return absl::InvalidArgumentError(
          StrCat(field, ".stage ", text::Quote(r.stage),
                 " is not a stage of this pipeline"));
    }
    if (!keys.insert({static_cast<int>(r.trigger),
                      static_cast<int>(r.condition), r.offset.count()})
             .second) {
      return absl::InvalidArgumentError(StrCat(
          field, " repeats an earlier rule's trigger, condition and offset"));
    }
  }
  return absl::OkStatus();
}

const Stage* StageNamed(const Pipeline& p, const std::string& name) {
  for (const Stage& s : p.stages) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const Stage* StageWithId(const Pipeline& p, StageId id) {
  for (const Stage& s : p.stages) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const StageRule* RuleWithId(const Pipeline& p, StageRuleId id) {
  for (const StageRule& r : p.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const StageRule* RuleFor(const Pipeline& p, StageTrigger trigger,
                         bool another_booked) {
  for (const StageRule& r : p.rules) {
    if (r.trigger != trigger) continue;
    if (r.condition == StageCondition::kAlways ||
        (r.condition == StageCondition::kAnotherBooked) == another_booked) {
      return &r;
    }
  }
  return nullptr;
}

const Stage& OpeningStage(const Pipeline& p) {
  const StageRule* r = RuleFor(p, StageTrigger::kOpened, false);
  const Stage* s = r != nullptr ? StageNamed(p, r->stage) : nullptr;
  return s != nullptr ? *s : p.stages.front();
}

const Stage* StageCalledFor(const Pipeline& p, const Stage* stage,
                            Instant start, Instant now) {
  if (stage == nullptr ||
      std::none_of(p.rules.begin(), p.rules.end(), [&](const StageRule& r) {
        return r.trigger == StageTrigger::kBooked && r.stage == stage->name;
      })) {
    return stage;
  }
  const StageRule* latest = nullptr;
  for (const StageRule& r : p.rules) {
    if (r.trigger != StageTrigger::kTimed || r.offset > Duration(0)) continue;
    if (start + r.offset > now) continue;
    if (latest == nullptr || r.offset >= latest->offset) latest = &r;
  }
  if (latest == nullptr) return stage;
  const Stage* timed = StageNamed(p, latest->stage);
  return timed != nullptr ? timed : stage;
}

bool Covers(const Pipeline& p, DealSource source, ServiceId service) {
  return p.opens_deals == source &&
         (p.service_ids.empty() ||
          std::find(p.service_ids.begin(), p.service_ids.end(), service) !=
              p.service_ids.end());
}

std::string DescribeTimedRule(const StageRule& r) {
  const int64_t secs = r.offset.count();
  if (secs == 0) return "at the start of the visit";
  const int64_t abs = secs < 0 ? -secs : secs;
  std::string amount = abs % 3600 == 0 ? StrCat(abs / 3600, "h")
                       : abs % 60 == 0 ? StrCat(abs / 60, "min")
                                       : StrCat(abs, "s");
  return StrCat(amount, secs < 0 ? " before the visit" : " after the start");
}

}  // namespace pipeline
}  // namespace appt
