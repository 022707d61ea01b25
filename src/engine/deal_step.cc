#include "engine/deal_step.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "calendar/local_time.h"
#include "engine/record_change.h"
#include "pipeline/pipeline_rules.h"

namespace appt::engine {
namespace {

using absl::StrCat;

const Actor kEngineActor{Actor::Kind::kEngine, ""};

int64_t Secs(Instant t) { return t.time_since_epoch().count(); }

bool IsBooked(const Appointment& a) {
  return a.state == AppointmentState::kBooked ||
         a.state == AppointmentState::kPending;
}

// Whether rules after the start follow `a`: booked (approved) or attended.
bool HeldOrAttended(const Appointment& a) {
  return a.state == AppointmentState::kBooked ||
         a.state == AppointmentState::kAttended;
}

bool MovesDeals(Change change) {
  switch (change) {
    case Change::kBooked:
    case Change::kRescheduled:
    case Change::kCancelled:
    case Change::kRejected:
    case Change::kAttended:
    case Change::kNoShow:
      return true;
    default:
      return false;
  }
}

}  // namespace

absl::StatusOr<const std::vector<Pipeline>*> DealStep::Pipelines() {
  if (!pipelines_) {
    auto all = tx_.ListPipelines();
    if (!all.ok()) return all.status();
    pipelines_ = *std::move(all);
  }
  return &*pipelines_;
}

absl::StatusOr<const Pipeline*> DealStep::PipelineWithId(PipelineId id) {
  auto all = Pipelines();
  if (!all.ok()) return all.status();
  for (const Pipeline& p : **all) {
    if (p.id == id) return &p;
  }
  return absl::NotFoundError(StrCat("pipeline_id ", id, " not found"));
}

absl::StatusOr<std::optional<Appointment>> DealStep::NextAppointment(
    const Deal& d) {
  std::optional<Appointment> next;
  for (AppointmentId id : d.appointment_ids) {
    auto a = tx_.GetAppointment(id);
    if (!a.ok()) return a.status();
    if (!IsBooked(*a)) continue;
    if (!next || a->start < next->start ||
        (a->start == next->start && a->id < next->id)) {
      next = *std::move(a);
    }
  }
  return next;
}

absl::StatusOr<std::string> DealStep::LocalStart(const Appointment& a,
                                                 Instant at) {
  auto resource = tx_.ViewResource(a.resource_id);
  if (!resource.ok()) return resource.status();
  auto zone = calendar::LookupZone("time_zone", (*resource)->time_zone);
  if (!zone.ok()) return zone.status();
  return calendar::FormatLocal(*zone, at);
}

void DealStep::Report(EventKind kind, const Deal& d, const DealEntry& e,
                      const Appointment* appointment) {
  Event event{kind, now_, e.actor,
              appointment != nullptr ? *appointment : Appointment{}};
  event.deal = d;
  event.deal_entry = e;
  events_.push_back(std::move(event));
}

absl::Status DealStep::Open(const Pipeline& p, Deal& d, const Actor& actor,
                            const std::string& cause,
                            const Appointment* appointment) {
  const Stage& stage = pipeline::OpeningStage(p);
  d.pipeline_id = p.id;
  d.stage_id = stage.id;
  d.opened_at = now_;
  d.stage_changed_at = now_;
  d.closed_at.reset();
  if (stage.kind != StageKind::kOpen) d.closed_at = now_;
  std::vector<AppointmentId> links = std::move(d.appointment_ids);
  d.appointment_ids.clear();
  auto id = tx_.InsertDeal(d);
  if (!id.ok()) return id.status();
  d.id = *id;
  if (appointment != nullptr) {
    if (auto s = tx_.LinkDealAppointment(d.id, appointment->id); !s.ok()) {
      return s;
    }
    d.appointment_ids = {appointment->id};
  }
  DealEntry e{0,          d.id,
              now_,       DealEntryKind::kOpened,
              actor,      0,
              "",         stage.id,
              stage.name, appointment ? appointment->id : 0,
              cause};
  auto entry = tx_.AppendDealEntry(e);
  if (!entry.ok()) return entry.status();
  e.id = *entry;
  Report(EventKind::kDealOpened, d, e, appointment);
  for (AppointmentId a : links) {
    auto appointment_row = tx_.GetAppointment(a);
    if (!appointment_row.ok()) return appointment_row.status();
    if (auto s = Link(d, *appointment_row, actor); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status DealStep::Link(Deal& d, const Appointment& a, const Actor& actor) {
  if (auto s = tx_.LinkDealAppointment(d.id, a.id); !s.ok()) return s;
  if (IsBooked(a)) {
    if (auto s =
            AfterChange(a, Change::kBooked, actor, std::nullopt, std::nullopt);
        !s.ok())
      return s;
  }
  auto fresh = tx_.GetDeal(d.id);
  if (!fresh.ok()) return fresh.status();
  d = *std::move(fresh);
  return absl::OkStatus();
}

absl::Status DealStep::MoveTo(Deal& d, const Pipeline& p, const Stage& to,
                              const Actor& actor, const std::string& cause,
                              const Appointment* appointment) {
  if (d.stage_id == to.id) return absl::OkStatus();
  const Stage* from = pipeline::StageWithId(p, d.stage_id);
  DealEntry e{0,
              d.id,
              now_,
              DealEntryKind::kStageChanged,
              actor,
              d.stage_id,
              from != nullptr ? from->name : "",
              to.id,
              to.name,
              appointment != nullptr ? appointment->id : 0,
              cause};
  d.stage_id = to.id;
  d.stage_changed_at = now_;
  d.closed_at.reset();
  if (to.kind != StageKind::kOpen) d.closed_at = now_;
  if (auto s = tx_.UpdateDeal(d); !s.ok()) return s;
  auto entry = tx_.AppendDealEntry(e);
  if (!entry.ok()) return entry.status();
  e.id = *entry;
  Report(EventKind::kDealStageChanged, d, e, appointment);
  ++moves_;
  return absl::OkStatus();
}

absl::StatusOr<DealEntry> DealStep::Note(const Deal& d, const Actor& actor,
                                         const std::string& text,
                                         AppointmentId appointment) {
  DealEntry e{0,  d.id, now_, DealEntryKind::kNote, actor, 0,
              "", 0,    "",   appointment,          text};
  auto entry = tx_.AppendDealEntry(e);
  if (!entry.ok()) return entry.status();
  e.id = *entry;
  return e;
}

absl::StatusOr<std::optional<Deal>> DealStep::DealForBooking(
    const Appointment& a, const Actor& actor) {
  if (a.membership_id != 0) {
    auto id = tx_.FindMembershipDeal(a.membership_id);
    if (!id.ok()) return id.status();
    if (!id->has_value()) return std::nullopt;
    if (auto s = tx_.LinkDealAppointment(**id, a.id); !s.ok()) return s;
    auto d = tx_.GetDeal(**id);
    if (!d.ok()) return d.status();
    return *std::move(d);
  }
  auto all = Pipelines();
  if (!all.ok()) return all.status();
  for (const Pipeline& p : **all) {
    if (!pipeline::Covers(p, DealSource::kBookings, a.service_id)) continue;
    auto service = tx_.GetService(a.service_id);
    if (!service.ok()) return service.status();
    Deal d;
    d.customer_id = a.customer_id;
    d.title = service->name;
    d.amount = service->price;
    if (auto s = Open(p, d, actor, "appointment booked", &a); !s.ok()) return s;
    return d;
  }
  return std::nullopt;
}

absl::Status DealStep::FireDue(const Deal& d) {
  for (AppointmentId id : d.appointment_ids) {
    auto timers = tx_.ListAppointmentTimers(id);
    if (!timers.ok()) return timers.status();
    for (const Timer& t : *timers) {
      if (t.kind != TimerKind::kDealStage || t.due > now_) continue;
      if (auto s = Fire(t); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status DealStep::AfterChange(
    const Appointment& a, Change change, const Actor& actor,
    const std::optional<Interval>& previous,
    const std::optional<ResourceId>& previous_resource) {
  if (!MovesDeals(change)) return absl::OkStatus();
  if (change == Change::kBooked) {
    // Without pipelines there are no deals to join or open: one read.
    auto all = Pipelines();
    if (!all.ok()) return all.status();
    if ((*all)->empty()) return absl::OkStatus();
  }
  std::optional<Deal> deal;
  auto id = tx_.FindAppointmentDeal(a.id);
  if (!id.ok()) return id.status();
  if (id->has_value()) {
    auto d = tx_.GetDeal(**id);
    if (!d.ok()) return d.status();
    deal = *std::move(d);
  } else if (change == Change::kBooked) {
    auto d = DealForBooking(a, actor);
    if (!d.ok()) return d.status();
    deal = *std::move(d);
  }
  if (!deal) return absl::OkStatus();
  // Stage timers already due but not yet fired (RunDue not run since)
  // act first, as they would have: the change must not drop them.
  if (auto s = FireDue(*deal); !s.ok()) return s;
  auto fresh = tx_.GetDeal(deal->id);
  if (!fresh.ok()) return fresh.status();
  deal = *std::move(fresh);
  if (auto s = tx_.DeleteAppointmentTimers(a.id, TimerKind::kDealStage);
      !s.ok())
    return s;
  if (change == Change::kRescheduled && previous) {
    Appointment before = a;
    if (previous_resource) before.resource_id = *previous_resource;
    auto from = LocalStart(before, previous->start);
    if (!from.ok()) return from.status();
    auto to = LocalStart(a, a.start);
    if (!to.ok()) return to.status();
    auto note =
        Note(*deal, actor, StrCat("changed from ", *from, " to ", *to), a.id);
    if (!note.ok()) return note.status();
  }
  if (deal->closed_at) return absl::OkStatus();
  auto p = PipelineWithId(deal->pipeline_id);
  if (!p.ok()) return p.status();
  const Pipeline& pipe = **p;
  auto next = NextAppointment(*deal);
  if (!next.ok()) return next.status();
  // Whether the deal has a booked appointment other than `a`.
  bool another = next->has_value() && (*next)->id != a.id;
  if (!another && next->has_value()) {
    for (AppointmentId other : deal->appointment_ids) {
      if (other == a.id) continue;
      auto o = tx_.GetAppointment(other);
      if (!o.ok()) return o.status();
      if (IsBooked(*o)) another = true;
    }
  }
  const StageRule* rule = nullptr;
  std::string cause;
  switch (change) {
    case Change::kBooked:
      rule = pipeline::RuleFor(pipe, StageTrigger::kBooked, another);
      cause = "appointment booked";
      break;
    case Change::kRescheduled:
      rule = pipeline::RuleFor(pipe, StageTrigger::kBooked, another);
      cause = "appointment rescheduled";
      break;
    case Change::kCancelled:
    case Change::kRejected:
      rule = pipeline::RuleFor(pipe, StageTrigger::kCancelled, another);
      cause = a.cancel_reason.empty()
                  ? std::string("visit cancelled")
                  : StrCat("visit cancelled: ", a.cancel_reason);
      break;
    default: {  // attended or no-show
      bool expired = false;
      if (deal->membership_id != 0) {
        auto m = tx_.GetMembership(deal->membership_id);
        if (!m.ok()) return m.status();
        expired = m->state == MembershipState::kExpired;
        if (expired) {
          cause = StrCat("membership expired: ", m->expired_reason);
        }
      }
      if (expired) {
        rule = pipeline::RuleFor(pipe, StageTrigger::kMembershipExpired, false);
      }
      if (rule == nullptr) {
        rule = pipeline::RuleFor(pipe, StageTrigger::kVisitClosed, another);
        cause = change == Change::kAttended ? "visit attended"
                                            : "visit marked no-show";
      }
    }
  }
  const Stage* target =
      rule != nullptr ? pipeline::StageNamed(pipe, rule->stage) : nullptr;
  if (target != nullptr && next->has_value()) {
    target = pipeline::StageCalledFor(pipe, target, (*next)->start, now_);
  }
  if (target != nullptr) {
    if (auto s = MoveTo(*deal, pipe, *target, actor, cause, &a); !s.ok()) {
      return s;
    }
  }
  if (deal->closed_at) return absl::OkStatus();
  const bool a_is_next = next->has_value() && (*next)->id == a.id;
  if (auto s = Plan(pipe, a, a_is_next); !s.ok()) return s;
  if (next->has_value() && !a_is_next) {
    if (auto s =
            tx_.DeleteAppointmentTimers((*next)->id, TimerKind::kDealStage);
        !s.ok())
      return s;
    return Plan(pipe, **next, true);
  }
  return absl::OkStatus();
}

absl::Status DealStep::Plan(const Pipeline& p, const Appointment& x,
                            bool is_next) {
  for (const StageRule& r : p.rules) {
    if (r.trigger != StageTrigger::kTimed) continue;
    const bool applies =
        r.offset <= Duration(0) ? IsBooked(x) && is_next : HeldOrAttended(x);
    const Instant due = x.start + r.offset;
    if (!applies || due <= now_) continue;
    Timer t{0, TimerKind::kDealStage, r.id, x.id, Secs(x.start), due, due};
    if (auto id = tx_.InsertTimer(t); !id.ok()) return id.status();
  }
  return absl::OkStatus();
}

absl::Status DealStep::Replan(const Deal& d) {
  for (AppointmentId id : d.appointment_ids) {
    if (auto s = tx_.DeleteAppointmentTimers(id, TimerKind::kDealStage);
        !s.ok())
      return s;
  }
  if (d.closed_at) return absl::OkStatus();
  auto p = PipelineWithId(d.pipeline_id);
  if (!p.ok()) return p.status();
  auto next = NextAppointment(d);
  if (!next.ok()) return next.status();
  for (AppointmentId id : d.appointment_ids) {
    auto x = tx_.GetAppointment(id);
    if (!x.ok()) return x.status();
    const bool is_next = next->has_value() && (*next)->id == id;
    if (auto s = Plan(**p, *x, is_next); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status DealStep::AfterPurchase(const Membership& m, const Actor& actor) {
  auto all = Pipelines();
  if (!all.ok()) return all.status();
  for (const Pipeline& p : **all) {
    const bool covered = std::any_of(
        m.service_ids.begin(), m.service_ids.end(), [&](ServiceId s) {
          return pipeline::Covers(p, DealSource::kMemberships, s);
        });
    if (!covered) continue;
    auto plans = tx_.ListPlans();
    if (!plans.ok()) return plans.status();
    Deal d;
    d.customer_id = m.customer_id;
    d.amount = m.price;
    d.membership_id = m.id;
    for (const MembershipPlan& plan : *plans) {
      if (plan.id == m.plan_id) d.title = plan.name;
    }
    return Open(p, d, actor, "membership bought", nullptr);
  }
  return absl::OkStatus();
}

absl::Status DealStep::AfterExpiry(const Membership& m) {
  auto id = tx_.FindMembershipDeal(m.id);
  if (!id.ok()) return id.status();
  if (!id->has_value()) return absl::OkStatus();
  auto d = tx_.GetDeal(**id);
  if (!d.ok()) return d.status();
  if (d->closed_at) return absl::OkStatus();
  auto p = PipelineWithId(d->pipeline_id);
  if (!p.ok()) return p.status();
  const StageRule* rule =
      pipeline::RuleFor(**p, StageTrigger::kMembershipExpired, false);
  const Stage* to =
      rule != nullptr ? pipeline::StageNamed(**p, rule->stage) : nullptr;
  if (to == nullptr) return absl::OkStatus();
  return MoveTo(*d, **p, *to, kEngineActor,
                StrCat("membership expired: ", m.expired_reason), nullptr);
}

absl::Status DealStep::Fire(const Timer& timer) {
  if (auto s = tx_.DeleteTimer(timer.id); !s.ok()) {
    return absl::IsNotFound(s) ? absl::OkStatus() : s;
  }
  auto a = tx_.GetAppointment(timer.appointment_id);
  if (!a.ok()) return a.status();
  auto id = tx_.FindAppointmentDeal(a->id);
  if (!id.ok()) return id.status();
  if (!id->has_value()) return absl::OkStatus();
  auto d = tx_.GetDeal(**id);
  if (!d.ok()) return d.status();
  if (d->closed_at || Secs(a->start) != timer.occurrence) {
    return absl::OkStatus();
  }
  auto p = PipelineWithId(d->pipeline_id);
  if (!p.ok()) return p.status();
  const StageRule* rule = pipeline::RuleWithId(**p, timer.rule_id);
  if (rule == nullptr || rule->trigger != StageTrigger::kTimed) {
    return absl::OkStatus();
  }
  if (rule->offset <= Duration(0)) {
    auto next = NextAppointment(*d);
    if (!next.ok()) return next.status();
    if (!next->has_value() || (*next)->id != a->id) return absl::OkStatus();
  } else if (!HeldOrAttended(*a)) {
    return absl::OkStatus();
  } else if (absl::Status approved = RequireApproved(tx_, *a); !approved.ok()) {
    // A request still awaiting approval is not followed after its start.
    return absl::IsFailedPrecondition(approved) ? absl::OkStatus() : approved;
  }
  const Stage* to = pipeline::StageNamed(**p, rule->stage);
  if (to == nullptr) return absl::OkStatus();
  return MoveTo(*d, **p, *to, kEngineActor, pipeline::DescribeTimedRule(*rule),
                &*a);
}

}  // namespace appt::engine
