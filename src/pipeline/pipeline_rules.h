// Pipelines (R6.1–R6.3): validation, the presets and the pure reading of
// stage rules. Pure; thread safe. Checks that need the store (unknown
// services, stages holding deals, another pipeline opening the same
// deals) are the Engine's.
#ifndef APPT_SRC_PIPELINE_PIPELINE_RULES_H_
#define APPT_SRC_PIPELINE_PIPELINE_RULES_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "appt/pipeline.h"

namespace appt::pipeline {

// InvalidArgument naming the first bad field (name, stages[i].name,
// rules[i].stage, …): names valid UTF-8 and unique, 1..50 stages, at most
// 100 rules, enums in range, an offset only on kTimed rules (within ±365
// days), a condition only on event rules that can have one, no two rules
// with the same trigger, condition and offset, every rule naming a stage
// of the pipeline, services listed once.
absl::Status ValidatePipeline(const Pipeline& p);

// The stage named `name`, or null.
const Stage* StageNamed(const Pipeline& p, const std::string& name);
// The stage with `id`, or null.
const Stage* StageWithId(const Pipeline& p, StageId id);
// The rule with `id`, or null.
const StageRule* RuleWithId(const Pipeline& p, StageRuleId id);

// The first rule for `trigger` whose condition holds given whether another
// appointment of the deal is booked; null when none.
const StageRule* RuleFor(const Pipeline& p, StageTrigger trigger,
                         bool another_booked);

// The stage a deal opens in: the kOpened rule's, else the first.
const Stage& OpeningStage(const Pipeline& p);

// The stage an appointment starting at `start` calls for at `now`, from
// the rule-chosen `stage`: when `stage` is a kBooked rule's, the stage of
// the latest kTimed rule with offset <= 0 already due (the later rule on a
// tie), else `stage` itself.
const Stage* StageCalledFor(const Pipeline& p, const Stage* stage,
                            Instant start, Instant now);

// Whether the pipeline opens deals from `source` for `service`.
bool Covers(const Pipeline& p, DealSource source, ServiceId service);

// How a timed rule reads in a deal's history: "12h before the visit",
// "2h after the start", "at the start".
std::string DescribeTimedRule(const StageRule& r);

}  // namespace appt::pipeline

#endif  // APPT_SRC_PIPELINE_PIPELINE_RULES_H_
