// Confirmation links (R5.1): issuing a token, and confirming or cancelling
// by token as the customer. Only a token's hash is stored; a token is
// looked up by hash (an index lookup on a preimage-resistant hash, so the
// lookup's timing says nothing useful about other tokens).
#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "catalog/validate.h"
#include "engine/engine_impl.h"
#include "engine/record_change.h"
#include "engine/workflow_step.h"
#include "util/text.h"
#include "util/token.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

const Actor kByLink{Actor::Kind::kCustomer, "confirmation-link"};

absl::Status RequireOpen(const Appointment& a) {
  if (a.state == AppointmentState::kBooked ||
      a.state == AppointmentState::kPending) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(
      StrCat("appointment_id ", a.id, " is ", AppointmentStateName(a.state)));
}

// The live token record for `token` and its appointment, or the error a
// customer's link should show: not a token, unknown, replaced, spent or
// expired.
struct Redeemed {
  ConfirmTokenRecord record;
  Appointment appointment;
};
absl::StatusOr<Redeemed> Redeem(StoreTransaction& tx, const std::string& token,
                                Instant now) {
  if (!token::IsTokenShaped(token)) {
    return absl::InvalidArgumentError(
        StrCat("token ", text::Quote(token),
               " is not a confirmation token (32 URL-safe characters)"));
  }
  auto found = tx.FindConfirmToken(token::Hash(token));
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(StrCat("token ",
                                      text::Quote(token.substr(0, 6) + "…"),
                                      " is not a known confirmation token"));
  }
  ConfirmTokenRecord& t = **found;
  if (t.superseded_at) {
    return absl::FailedPreconditionError(
        StrCat("token was replaced at ", FormatUtc(*t.superseded_at),
               " (the appointment moved or a newer link was sent)"));
  }
  if (t.cancelled_at) {
    return absl::FailedPreconditionError(StrCat(
        "token was already used to cancel at ", FormatUtc(*t.cancelled_at)));
  }
  if (now >= t.expires_at) {
    return absl::FailedPreconditionError(
        StrCat("token expired at ", FormatUtc(t.expires_at)));
  }
  auto a = tx.GetAppointment(t.appointment_id);
  if (!a.ok()) return a.status();
  if (auto s = RequireOpen(*a); !s.ok()) return s;
  return Redeemed{std::move(t), *std::move(a)};
}

// Records that the customer will come: confirmed_at, the timeline, the
// event, and the follow-ups it answers. FailedPrecondition when the visit
// was already confirmed.
absl::Status RecordVisitConfirmed(StoreTransaction& tx,
                                  std::vector<Event>& events, Appointment& a,
                                  const Actor& actor, Instant now,
                                  std::string details, bool* queued,
                                  messaging::ComposeTools& tools) {
  if (a.confirmed_at) {
    return absl::FailedPreconditionError(
        StrCat("appointment_id ", a.id, " was already confirmed at ",
               FormatUtc(*a.confirmed_at)));
  }
  a.confirmed_at = now;
  a.updated_at = now;
  if (auto s = tx.UpdateAppointment(a); !s.ok()) return s;
  return engine::RecordChange(
      tx, events, tools,
      {engine::Change::kVisitConfirmed, EventKind::kVisitConfirmed, &a, actor,
       now, "visit_confirmed", std::move(details)},
      queued);
}

}  // namespace

absl::StatusOr<ConfirmToken> Engine::IssueConfirmToken(AppointmentId id) {
  auto text = token::NewToken();
  if (!text.ok()) return text.status();
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<ConfirmToken> {
        auto a = tx.GetAppointment(id);
        if (!a.ok()) return a.status();
        if (auto s = RequireOpen(*a); !s.ok()) return s;
        if (now >= a->start) {
          return absl::FailedPreconditionError(
              StrCat("appointment_id ", id, " started at ", FormatUtc(a->start),
                     "; a link would be expired"));
        }
        // One live link per appointment: a new one replaces the old.
        if (auto s = tx.SupersedeConfirmTokens(id, now); !s.ok()) return s;
        ConfirmTokenRecord t;
        t.hash = token::Hash(*text);
        t.appointment_id = id;
        t.issued_at = now;
        t.expires_at = a->start;
        if (auto s = tx.InsertConfirmToken(t); !s.ok()) return s;
        a->confirmation_requested_at = now;
        if (auto s = tx.UpdateAppointment(*a); !s.ok()) return s;
        return ConfirmToken{*text, id, now, a->start};
      });
}

absl::StatusOr<Appointment> Engine::ConfirmByToken(const std::string& token) {
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto r = Redeem(tx, token, now);
    if (!r.ok()) return r.status();
    if (r->record.confirmed_at) {
      return absl::FailedPreconditionError(
          StrCat("token was already used to confirm at ",
                 FormatUtc(*r->record.confirmed_at)));
    }
    r->record.confirmed_at = now;
    if (auto s = tx.UpdateConfirmToken(r->record); !s.ok()) return s;
    Appointment& a = r->appointment;
    if (auto s = RecordVisitConfirmed(tx, events, a, kByLink, now,
                                      "the customer confirmed the visit "
                                      "with the link",
                                      queued, impl_->tools);
        !s.ok())
      return s;
    return a;
  });
}

absl::StatusOr<Appointment> Engine::ConfirmVisit(AppointmentId id,
                                                 const Actor& actor) {
  if (auto s = catalog::CheckActor(actor); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto a = tx.GetAppointment(id);
    if (!a.ok()) return a.status();
    if (auto s = engine::RequireBooked(*a, "confirmed"); !s.ok()) return s;
    if (auto s = engine::RequireApproved(tx, *a); !s.ok()) return s;
    if (auto s = RecordVisitConfirmed(
            tx, events, *a, actor, now,
            StrCat("the customer's confirmation, taken by ",
                   ActorKindName(actor.kind),
                   actor.id.empty() ? "" : StrCat(" ", actor.id)),
            queued, impl_->tools);
        !s.ok())
      return s;
    return *a;
  });
}

absl::StatusOr<Appointment> Engine::CancelByToken(const std::string& token,
                                                  const std::string& reason) {
  if (auto s = text::CheckText("reason", reason, text::kMaxTextBytes, true);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->RunMessaging([&](StoreTransaction& tx, Events& events,
                                 bool* queued) -> absl::StatusOr<Appointment> {
    auto r = Redeem(tx, token, now);
    if (!r.ok()) return r.status();
    r->record.cancelled_at = now;
    if (auto s = tx.UpdateConfirmToken(r->record); !s.ok()) return s;
    Appointment& a = r->appointment;
    if (auto s = engine::CancelAppointment(tx, events, impl_->tools, a, kByLink,
                                           reason, now, queued);
        !s.ok())
      return s;
    return a;
  });
}

}  // namespace appt
