// Deals (R6.1, R6.4, R6.5): the host's deal commands and the card and
// board views. Stage moves by rules are DealStep's.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "appt/engine.h"
#include "calendar/local_time.h"
#include "catalog/validate.h"
#include "date/tz.h"
#include "engine/deal_step.h"
#include "engine/engine_impl.h"
#include "engine/membership_step.h"
#include "pipeline/pipeline_rules.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

absl::Status ValidateIntegration(const std::string& external_id,
                                 const std::vector<IntegrationField>& fields) {
  if (auto s = text::CheckText("external_id", external_id, text::kMaxNameBytes,
                               false);
      !s.ok())
    return s;
  if (fields.size() > 50) {
    return absl::InvalidArgumentError(
        StrCat("integration: ", fields.size(), " fields; at most 50"));
  }
  std::set<std::string> keys;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string field = StrCat("integration[", i, "]");
    if (auto s = text::CheckText(StrCat(field, ".key"), fields[i].key,
                                 text::kMaxNameBytes, true);
        !s.ok())
      return s;
    if (auto s = text::CheckText(StrCat(field, ".value"), fields[i].value,
                                 text::kMaxTextBytes, false);
        !s.ok())
      return s;
    if (!keys.insert(fields[i].key).second) {
      return absl::InvalidArgumentError(
          StrCat(field, ".key ", text::Quote(fields[i].key), " is used twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateOpen(const OpenDealRequest& r) {
  if (auto s = catalog::CheckActor(r.actor); !s.ok()) return s;
  if (auto s = text::CheckText("title", r.title, text::kMaxNameBytes, false);
      !s.ok())
    return s;
  if (r.amount.minor_units < 0) {
    return absl::InvalidArgumentError(
        StrCat("amount.minor_units ", r.amount.minor_units, " is negative"));
  }
  if (!text::IsValidCurrency(r.amount.currency)) {
    return absl::InvalidArgumentError(StrCat("amount.currency ",
                                             text::Quote(r.amount.currency),
                                             " is not an ISO 4217 code"));
  }
  for (size_t i = 0; i < r.appointment_ids.size(); ++i) {
    if (std::count(r.appointment_ids.begin(), r.appointment_ids.begin() + i,
                   r.appointment_ids[i]) > 0) {
      return absl::InvalidArgumentError(StrCat("appointment_ids[", i, "] ",
                                               r.appointment_ids[i],
                                               " is listed twice"));
    }
  }
  return ValidateIntegration(r.external_id, r.integration);
}

// The appointment exists, is the customer's and has no deal.
absl::StatusOr<Appointment> CheckLinkable(StoreTransaction& tx,
                                          AppointmentId id,
                                          CustomerId customer) {
  auto a = tx.GetAppointment(id);
  if (!a.ok()) return a.status();
  if (a->customer_id != customer) {
    return absl::InvalidArgumentError(
        StrCat("appointment_id ", id, " belongs to customer_id ",
               a->customer_id, ", not ", customer));
  }
  auto deal = tx.FindAppointmentDeal(id);
  if (!deal.ok()) return deal.status();
  if (deal->has_value()) {
    return absl::AlreadyExistsError(
        StrCat("appointment_id ", id, " already belongs to deal_id ", **deal));
  }
  return a;
}

std::string LocalMinute(const date::time_zone* zone, Instant t) {
  return date::format("%F %R", date::make_zoned(zone, t));
}

}  // namespace

absl::StatusOr<Deal> Engine::OpenDeal(const OpenDealRequest& r) {
  if (auto s = ValidateOpen(r); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events& events, bool*) -> absl::StatusOr<Deal> {
        engine::DealStep deals(tx, events, now);
        auto p = deals.PipelineWithId(r.pipeline_id);
        if (!p.ok()) return p.status();
        if (auto c = tx.GetCustomer(r.customer_id); !c.ok()) return c.status();
        if (r.membership_id != 0) {
          auto m = tx.GetMembership(r.membership_id);
          if (!m.ok()) return m.status();
          if (m->customer_id != r.customer_id) {
            return absl::InvalidArgumentError(StrCat(
                "membership_id ", r.membership_id, " belongs to customer_id ",
                m->customer_id, ", not ", r.customer_id));
          }
        }
        for (AppointmentId id : r.appointment_ids) {
          if (auto a = CheckLinkable(tx, id, r.customer_id); !a.ok()) {
            return a.status();
          }
        }
        Deal d;
        d.customer_id = r.customer_id;
        d.title = r.title;
        d.amount = r.amount;
        d.membership_id = r.membership_id;
        d.appointment_ids = r.appointment_ids;
        d.external_id = r.external_id;
        d.integration = r.integration;
        if (auto s = deals.Open(**p, d, r.actor, "opened by the host", nullptr);
            !s.ok())
          return s;
        return tx.GetDeal(d.id);
      });
}

absl::StatusOr<Deal> Engine::LinkDealAppointment(DealId deal,
                                                 AppointmentId appointment,
                                                 const Actor& actor) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events& events, bool*) -> absl::StatusOr<Deal> {
        auto d = tx.GetDeal(deal);
        if (!d.ok()) return d.status();
        auto a = CheckLinkable(tx, appointment, d->customer_id);
        if (!a.ok()) return a.status();
        engine::DealStep deals(tx, events, now);
        if (auto s = deals.Link(*d, *a, actor); !s.ok()) return s;
        return *d;
      });
}

absl::StatusOr<Deal> Engine::MoveDeal(DealId deal, StageId stage,
                                      const Actor& actor,
                                      const std::string& reason) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  if (auto s = text::CheckText("reason", reason, text::kMaxTextBytes, false);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool*) -> absl::StatusOr<Deal> {
    auto d = tx.GetDeal(deal);
    if (!d.ok()) return d.status();
    engine::DealStep deals(tx, events, now);
    // What was due before the move happens first.
    if (auto s = deals.FireDue(*d); !s.ok()) return s;
    d = tx.GetDeal(deal);
    if (!d.ok()) return d.status();
    auto p = deals.PipelineWithId(d->pipeline_id);
    if (!p.ok()) return p.status();
    const Stage* to = pipeline::StageWithId(**p, stage);
    if (to == nullptr) {
      return absl::InvalidArgumentError(StrCat("stage_id ", stage,
                                               " is not a stage of pipeline ",
                                               text::Quote((*p)->name)));
    }
    if (d->stage_id == stage) {
      return absl::FailedPreconditionError(StrCat(
          "deal_id ", deal, " is already in stage ", text::Quote(to->name)));
    }
    const std::string cause =
        reason.empty()
            ? StrCat("moved by ", ActorKindName(actor.kind))
            : StrCat("moved by ", ActorKindName(actor.kind), ": ", reason);
    if (auto s = deals.MoveTo(*d, **p, *to, actor, cause, nullptr); !s.ok()) {
      return s;
    }
    if (auto s = deals.Replan(*d); !s.ok()) return s;
    return *d;
  });
}

absl::StatusOr<DealEntry> Engine::AddDealNote(DealId deal, const Actor& actor,
                                              const std::string& text) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  if (auto s = text::CheckText("text", text, text::kMaxTextBytes, true);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events& events) -> absl::StatusOr<DealEntry> {
        auto d = tx.GetDeal(deal);
        if (!d.ok()) return d.status();
        engine::DealStep deals(tx, events, now);
        return deals.Note(*d, actor, text, 0);
      });
}

absl::StatusOr<Deal> Engine::SetDealIntegration(
    DealId deal, const std::string& external_id,
    const std::vector<IntegrationField>& integration) {
  if (auto s = ValidateIntegration(external_id, integration); !s.ok()) {
    return s;
  }
  return impl_->Run(Store::Mode::kWrite,
                    [&](StoreTransaction& tx, Events&) -> absl::StatusOr<Deal> {
                      auto d = tx.GetDeal(deal);
                      if (!d.ok()) return d.status();
                      d->external_id = external_id;
                      d->integration = integration;
                      if (auto s = tx.UpdateDeal(*d); !s.ok()) return s;
                      return d;
                    });
}

absl::StatusOr<Deal> Engine::GetDeal(DealId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetDeal(id);
  });
}

absl::StatusOr<std::vector<Deal>> Engine::ListDeals(const DealQuery& query) {
  if (query.limit < 1 || query.limit > 10000) {
    return absl::InvalidArgumentError(
        StrCat("limit ", query.limit, " is not within 1..10000"));
  }
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.ListDeals(query);
  });
}

absl::StatusOr<std::vector<DealEntry>> Engine::DealHistory(DealId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::vector<DealEntry>> {
                      if (auto d = tx.GetDeal(id); !d.ok()) return d.status();
                      return tx.ListDealEntries(id);
                    });
}

absl::StatusOr<DealCard> Engine::GetDealCard(DealId id) {
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events& events) -> absl::StatusOr<DealCard> {
        DealCard card;
        auto d = tx.GetDeal(id);
        if (!d.ok()) return d.status();
        card.deal = *std::move(d);
        engine::DealStep deals(tx, events, now);
        auto p = deals.PipelineWithId(card.deal.pipeline_id);
        if (!p.ok()) return p.status();
        card.pipeline = (*p)->name;
        if (const Stage* s = pipeline::StageWithId(**p, card.deal.stage_id)) {
          card.stage = s->name;
          card.stage_kind = s->kind;
        }
        auto customer = tx.GetCustomer(card.deal.customer_id);
        if (!customer.ok()) return customer.status();
        card.customer = *std::move(customer);
        auto next = deals.NextAppointment(card.deal);
        if (!next.ok()) return next.status();
        card.next_appointment = *next;
        if (card.next_appointment) {
          const Appointment& a = *card.next_appointment;
          auto service = tx.GetService(a.service_id);
          if (!service.ok()) return service.status();
          auto resource = tx.GetResource(a.resource_id);
          if (!resource.ok()) return resource.status();
          auto zone = calendar::LookupZone("time_zone", resource->time_zone);
          if (!zone.ok()) return zone.status();
          card.service = service->name;
          card.resource = resource->name;
          card.next_time_zone = resource->time_zone;
          card.next_local_start = LocalMinute(*zone, a.start);
        }
        if (card.deal.membership_id != 0) {
          auto m = tx.GetMembership(card.deal.membership_id);
          if (!m.ok()) return m.status();
          card.membership = engine::AsOf(*std::move(m), now);
          card.visits_left = card.membership->visits_left();
          card.certificate_number = card.membership->certificate_number;
          auto plans = tx.ListPlans();
          if (!plans.ok()) return plans.status();
          for (const MembershipPlan& plan : *plans) {
            if (plan.id == card.membership->plan_id) {
              card.membership_kind = plan.name;
            }
          }
        }
        auto history = tx.ListDealEntries(id);
        if (!history.ok()) return history.status();
        card.history = *std::move(history);
        const Deal& deal = card.deal;
        card.integration = {
            {"deal_id", StrCat(deal.id)},
            {"pipeline_id", StrCat(deal.pipeline_id)},
            {"stage_id", StrCat(deal.stage_id)},
            {"customer_id", StrCat(deal.customer_id)},
            {"membership_id", StrCat(deal.membership_id)},
            {"appointment_ids", absl::StrJoin(deal.appointment_ids, ",")},
            {"next_appointment_id",
             card.next_appointment ? StrCat(card.next_appointment->id) : ""},
            {"next_start_utc", card.next_appointment
                                   ? FormatUtc(card.next_appointment->start)
                                   : ""},
            {"customer_external_id", card.customer.external_id},
            {"deal_external_id", deal.external_id}};
        card.integration.insert(card.integration.end(),
                                deal.integration.begin(),
                                deal.integration.end());
        return card;
      });
}

absl::StatusOr<DealBoard> Engine::GetDealBoard(PipelineId id) {
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<DealBoard> {
        auto all = tx.ListPipelines();
        if (!all.ok()) return all.status();
        auto p = std::find_if(all->begin(), all->end(),
                              [&](const Pipeline& x) { return x.id == id; });
        if (p == all->end()) {
          return absl::NotFoundError(StrCat("pipeline_id ", id, " not found"));
        }
        auto counts = tx.CountDealsByStage(id);
        if (!counts.ok()) return counts.status();
        DealBoard board{id, p->name, {}};
        for (const Stage& s : p->stages) {
          DealBoardColumn c{s.id, s.name, s.kind, 0, 0};
          for (const DealBoardColumn& n : *counts) {
            if (n.stage_id == s.id) {
              c.deals = n.deals;
              c.amount_minor_units = n.amount_minor_units;
            }
          }
          board.columns.push_back(std::move(c));
        }
        return board;
      });
}

}  // namespace appt
