#include "engine/messaging_step.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "calendar/local_time.h"
#include "engine/workflow_step.h"
#include "messaging/compose.h"
#include "messaging/rule_validate.h"
#include "messaging/timing.h"

namespace appt::engine {
namespace {

using absl::StrCat;
using messaging::MustPrecedeStart;
using messaging::PlanTimer;
using messaging::RuleCovers;

const Actor kEngineActor{Actor::Kind::kEngine, ""};

std::optional<MessageKind> ChangeMessageKind(Change change,
                                             const Appointment& a) {
  switch (change) {
    case Change::kBooked:
      // Under the workflow a booking is a request, not yet confirmed (R3.3).
      return a.status_id != 0 ? MessageKind::kRequestReceived
                              : MessageKind::kConfirmed;
    case Change::kConfirmed:
      return MessageKind::kConfirmed;
    case Change::kRejected:
      return MessageKind::kRejected;
    case Change::kRescheduled:
      return MessageKind::kRescheduled;
    case Change::kCancelled:
      return MessageKind::kCancelled;
    default:
      return std::nullopt;
  }
}

// Whether `change` makes a new occurrence of `kind`'s timer.
bool MakesOccurrence(Change change, MessageKind kind) {
  switch (change) {
    case Change::kBooked:
    case Change::kConfirmed:
      return true;
    case Change::kRescheduled:
      return kind != MessageKind::kBookingInfo;
    case Change::kAttended:
      return kind == MessageKind::kBookAgain;
    default:
      return false;
  }
}

// Whether a change made by `actor` is one `rule` tells of (R5.5).
bool TellsOf(const MessageRule& rule, const Actor& actor) {
  return rule.kind != MessageKind::kCancelled ||
         std::find(rule.cancelled_by.begin(), rule.cancelled_by.end(),
                   actor.kind) != rule.cancelled_by.end();
}

std::string Minutes(Duration d) {
  return StrCat(std::chrono::duration_cast<std::chrono::minutes>(d).count(),
                " min");
}

}  // namespace

absl::StatusOr<const std::vector<MessageRule>*> MessagingStep::Rules() {
  if (!rules_) {
    auto rules = tx_.ListRules();
    if (!rules.ok()) return rules.status();
    rules_ = *std::move(rules);
  }
  return &*rules_;
}

absl::StatusOr<const MessageRule*> MessagingStep::RuleById(RuleId id) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  for (const MessageRule& r : **rules) {
    if (r.id == id) return &r;
  }
  return absl::NotFoundError(StrCat("rule_id ", id, " not found"));
}

absl::StatusOr<const MessagingSettings*> MessagingStep::Settings() {
  if (!settings_) {
    auto settings = tx_.GetSettings();
    if (!settings.ok()) return settings.status();
    settings_ = *std::move(settings);
  }
  return &*settings_;
}

absl::StatusOr<MessagingStep::Subject> MessagingStep::Load(
    const Appointment& a) {
  Subject s{a, nullptr, nullptr, nullptr};
  auto customer = tx_.ViewCustomer(a.customer_id);
  if (!customer.ok()) return customer.status();
  s.customer = *customer;
  auto r = resources_.find(a.resource_id);
  if (r == resources_.end()) {
    auto resource = tx_.ViewResource(a.resource_id);
    if (!resource.ok()) return resource.status();
    r = resources_.emplace(a.resource_id, *resource).first;
  }
  s.resource = r->second;
  auto v = services_.find(a.service_id);
  if (v == services_.end()) {
    auto service = tx_.ViewService(a.service_id);
    if (!service.ok()) return service.status();
    v = services_.emplace(a.service_id, *service).first;
  }
  s.service = v->second;
  return s;
}

absl::StatusOr<const date::time_zone*> MessagingStep::Zone(
    const MessageRule& rule, const Subject& s) {
  const std::string& name =
      messaging::RecipientZone(rule.audience, *s.customer, *s.resource);
  if (auto it = zones_.find(name); it != zones_.end()) return it->second;
  auto zone = calendar::LookupZone("time_zone", name);
  if (zone.ok()) zones_.emplace(name, *zone);
  return zone;
}

absl::Status MessagingStep::AfterChange(const Appointment& a, Change change,
                                        int64_t change_entry,
                                        const Actor& actor,
                                        std::optional<Instant> previous_start) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  // With no rules there are no timers either (deleting a rule drops them).
  if ((*rules)->empty()) return absl::OkStatus();
  auto subject = Load(a);
  if (!subject.ok()) return subject.status();
  if (std::optional<MessageKind> kind = ChangeMessageKind(change, a)) {
    for (const MessageRule& rule : **rules) {
      if (rule.enabled && rule.kind == *kind &&
          RuleCovers(rule, a.service_id) && TellsOf(rule, actor)) {
        if (auto s = Decide(rule, *subject, change_entry, now_, previous_start);
            !s.ok())
          return s;
      }
    }
  }
  if (change != Change::kBooked) {
    if (auto s = tx_.DeleteAppointmentTimers(a.id, TimerKind::kMessage);
        !s.ok())
      return s;
  }
  return PlanTimers(*subject, change);
}

absl::Status MessagingStep::ReplanAppointment(const Appointment& a) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  if ((*rules)->empty()) return absl::OkStatus();
  auto subject = Load(a);
  if (!subject.ok()) return subject.status();
  if (auto s = tx_.DeleteAppointmentTimers(a.id, TimerKind::kMessage); !s.ok())
    return s;
  return PlanTimers(*subject, std::nullopt);
}

absl::StatusOr<bool> MessagingStep::AwaitingApproval(const Appointment& a) {
  if (a.status_id == 0) return false;
  if (!workflow_) {
    auto wf = LoadWorkflow(tx_, true);
    if (!wf.ok()) return wf.status();
    workflow_ = *std::move(wf);
  }
  return engine::AwaitingApproval(*workflow_, a);
}

absl::Status MessagingStep::PlanTimers(const Subject& s,
                                       std::optional<Change> change) {
  auto rules = Rules();
  if (!rules.ok()) return rules.status();
  auto awaiting = AwaitingApproval(s.appointment);
  if (!awaiting.ok()) return awaiting.status();
  if (*awaiting) return absl::OkStatus();
  for (const MessageRule& rule : **rules) {
    if (!rule.enabled || messaging::IsChangeKind(rule.kind) ||
        !RuleCovers(rule, s.appointment.service_id)) {
      continue;
    }
    const bool fresh = change && MakesOccurrence(*change, rule.kind);
    if (auto st = Plan(rule, s, fresh); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status MessagingStep::Plan(const MessageRule& rule, const Subject& s,
                                 bool fresh) {
  const Appointment& a = s.appointment;
  auto zone = Zone(rule, s);
  if (!zone.ok()) return zone.status();
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  std::optional<messaging::TimerPlan> plan =
      PlanTimer(rule, a, *zone, (*settings)->send_window);
  if (!plan) return absl::OkStatus();
  auto fired = tx_.FindFiring(rule.id, a.id, plan->occurrence);
  if (!fired.ok()) return fired.status();
  if (fired->has_value()) return absl::OkStatus();
  if (MustPrecedeStart(rule.kind) && plan->nominal_due >= a.start) {
    return RecordSkip(rule, s, plan->occurrence,
                      StrCat("due at ", FormatUtc(plan->nominal_due),
                             ", not before the start at ", FormatUtc(a.start)));
  }
  if (fresh && plan->nominal_due < now_) {
    return RecordSkip(
        rule, s, plan->occurrence,
        StrCat("due at ", FormatUtc(plan->nominal_due),
               ", before the change at ", FormatUtc(now_), " that planned it"));
  }
  if (fresh && plan->due <= now_) {
    return Decide(rule, s, plan->occurrence, plan->nominal_due);
  }
  Timer t{0,        TimerKind::kMessage, rule.id,
          a.id,     plan->occurrence,    plan->nominal_due,
          plan->due};
  return tx_.InsertTimer(t).status();
}

absl::Status MessagingStep::ReplanRule(RuleId rule_id) {
  auto rule = tx_.GetRule(rule_id);
  if (!rule.ok() && !absl::IsNotFound(rule.status())) return rule.status();
  // Book-again timers hang on attended visits, which no index finds again:
  // an enabled rule keeps them (Fire re-times each against the rule).
  if (rule.ok() && rule->enabled && rule->kind == MessageKind::kBookAgain) {
    return absl::OkStatus();
  }
  if (auto s = tx_.DeleteRuleTimers(TimerKind::kMessage, rule_id); !s.ok())
    return s;
  if (!rule.ok() || !rule->enabled || messaging::IsChangeKind(rule->kind) ||
      rule->kind == MessageKind::kBookAgain) {
    return absl::OkStatus();
  }
  return ForEachUpcomingVisit(tx_, now_, [&](const Appointment& a) {
    if (!RuleCovers(*rule, a.service_id)) return absl::OkStatus();
    auto subject = Load(a);
    if (!subject.ok()) return subject.status();
    return Plan(*rule, *subject, false);
  });
}

absl::Status MessagingStep::Fire(const Timer& timer) {
  // An earlier firing of this pass may have dropped it (a release cancels
  // its visit and, with it, the visit's timers): stale, nothing to do.
  if (auto s = tx_.DeleteTimer(timer.id); !s.ok()) {
    if (!absl::IsNotFound(s)) return s;
    ++report_.dropped;
    return absl::OkStatus();
  }
  auto a = tx_.GetAppointment(timer.appointment_id);
  auto found = RuleById(timer.rule_id);
  if (absl::IsNotFound(found.status()) || absl::IsNotFound(a.status())) {
    ++report_.dropped;
    return absl::OkStatus();
  }
  if (!found.ok()) return found.status();
  if (!a.ok()) return a.status();
  const MessageRule* rule = *found;
  auto subject = Load(*a);
  if (!subject.ok()) return subject.status();
  auto zone = Zone(*rule, *subject);
  if (!zone.ok()) return zone.status();
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  auto awaiting = AwaitingApproval(*a);
  if (!awaiting.ok()) return awaiting.status();
  std::optional<messaging::TimerPlan> plan =
      rule->enabled && !*awaiting && RuleCovers(*rule, a->service_id)
          ? PlanTimer(*rule, *a, *zone, (*settings)->send_window)
          : std::nullopt;
  if (!plan || plan->occurrence != timer.occurrence) {
    ++report_.dropped;
    return absl::OkStatus();
  }
  if (plan->due > now_) {
    // The rule or a zone changed since it was planned: not due yet.
    Timer later = timer;
    later.nominal_due = plan->nominal_due;
    later.due = plan->due;
    return tx_.InsertTimer(later).status();
  }
  auto fired = tx_.FindFiring(rule->id, a->id, timer.occurrence);
  if (!fired.ok()) return fired.status();
  if (fired->has_value()) {
    ++report_.dropped;
    return absl::OkStatus();
  }
  return Decide(*rule, *subject, timer.occurrence, plan->nominal_due);
}

absl::StatusOr<std::string> MessagingStep::Obstacle(const MessageRule& rule,
                                                    const Subject& s,
                                                    Instant nominal_due) {
  const Appointment& a = s.appointment;
  if (now_ > nominal_due + rule.grace) {
    return StrCat("missed: due at ", FormatUtc(nominal_due), ", its grace of ",
                  Minutes(rule.grace), " ended before ", FormatUtc(now_));
  }
  if (MustPrecedeStart(rule.kind) && now_ >= a.start) {
    return StrCat("the appointment started at ", FormatUtc(a.start));
  }
  if (rule.kind == MessageKind::kBookAgain) {
    auto theirs = tx_.ListCustomerAppointments(a.customer_id);
    if (!theirs.ok()) return theirs.status();
    for (const Appointment& other : *theirs) {
      if (other.state == AppointmentState::kBooked && other.start > now_ &&
          RuleCovers(rule, other.service_id)) {
        return StrCat("already booked: appointment ", other.id, " at ",
                      FormatUtc(other.start));
      }
    }
  }
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  const int cap = (*settings)->max_reminders_per_customer_per_day;
  if (cap > 0 && rule.kind == MessageKind::kReminder &&
      rule.audience == Audience::kCustomer) {
    auto zone = Zone(rule, s);
    if (!zone.ok()) return zone.status();
    const date::local_days today = calendar::LocalDay(*zone, now_);
    auto sent = tx_.ListCustomerMessages(a.customer_id);
    if (!sent.ok()) return sent.status();
    const auto same_day =
        std::count_if(sent->begin(), sent->end(), [&](const Message& m) {
          return m.kind == MessageKind::kReminder &&
                 m.audience == Audience::kCustomer &&
                 calendar::LocalDay(*zone, m.created_at) == today;
        });
    if (same_day >= cap) {
      return StrCat("daily reminder limit of ", cap,
                    " for the customer reached");
    }
  }
  return std::string();
}

absl::StatusOr<int> MessagingStep::CalendarSequence(AppointmentId id) {
  auto timeline = tx_.ListTimeline(id);
  if (!timeline.ok()) return timeline.status();
  return static_cast<int>(std::count_if(
      timeline->begin(), timeline->end(), [](const TimelineEntry& e) {
        return e.kind == "rescheduled" || e.kind == "cancelled";
      }));
}

absl::Status MessagingStep::Decide(const MessageRule& rule, const Subject& s,
                                   int64_t occurrence, Instant nominal_due,
                                   std::optional<Instant> previous_start) {
  auto obstacle = Obstacle(rule, s, nominal_due);
  if (!obstacle.ok()) return obstacle.status();
  if (!obstacle->empty()) {
    return RecordSkip(rule, s, occurrence, *std::move(obstacle));
  }
  auto settings = Settings();
  if (!settings.ok()) return settings.status();
  // The calendar's SEQUENCE counts the changes before this one; only
  // email confirmations, reschedules and cancellations carry a calendar.
  int sequence = 0;
  const bool emails = std::find(rule.channels.begin(), rule.channels.end(),
                                Channel::kEmail) != rule.channels.end();
  if (emails && (rule.kind == MessageKind::kConfirmed ||
                 rule.kind == MessageKind::kRescheduled ||
                 rule.kind == MessageKind::kCancelled)) {
    auto counted = CalendarSequence(s.appointment.id);
    if (!counted.ok()) return counted.status();
    sequence = *counted;
  }
  messaging::ComposeInput in{
      &rule,     &s.appointment, s.customer, s.resource,     s.service,
      *settings, now_,           occurrence, previous_start, sequence};
  auto composed = messaging::Compose(in, tools_);
  if (!composed.ok()) return composed.status();
  if (!composed->message) {
    return RecordSkip(rule, s, occurrence, std::move(composed->skip_reason));
  }
  const Message& m = *composed->message;
  auto queued = [&](MessageId id) {
    return TimelineEntry{
        0,
        s.appointment.id,
        now_,
        kEngineActor,
        "message_queued",
        StrCat(MessageKindName(rule.kind), " to ", AudienceName(rule.audience),
               " by ", ChannelName(m.channel), " (", m.recipient, "), message ",
               id, ", rule ", rule.id, " \"", rule.name, "\"")};
  };
  if (auto id = tx_.InsertFiredMessage(m, now_, queued); !id.ok()) {
    return id.status();
  }
  ++report_.messages_created;
  return absl::OkStatus();
}

absl::Status MessagingStep::RecordSkip(const MessageRule& rule,
                                       const Subject& s, int64_t occurrence,
                                       std::string reason) {
  TimelineEntry entry{
      0,
      s.appointment.id,
      now_,
      kEngineActor,
      "message_skipped",
      StrCat(MessageKindName(rule.kind), " to ", AudienceName(rule.audience),
             ", rule ", rule.id, " \"", rule.name, "\": ", reason)};
  Firing f{0,
           rule.id,
           s.appointment.id,
           occurrence,
           now_,
           FiringOutcome::kSkipped,
           0,
           std::move(reason)};
  if (auto fid = tx_.InsertFiring(f); !fid.ok()) return fid.status();
  if (auto e = tx_.AppendTimeline(std::move(entry)); !e.ok()) return e.status();
  ++report_.skipped;
  return absl::OkStatus();
}

}  // namespace appt::engine
