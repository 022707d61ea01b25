// The outbox and the run-due step (R4.4–R4.6, R8.4): firing due timers,
// handing queued messages to the host's notifier after commit, recording
// its answers and the host's delivery reports; message history queries.
#include <cxxabi.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "engine/deal_step.h"
#include "engine/engine_impl.h"
#include "engine/follow_up_step.h"
#include "engine/membership_step.h"
#include "engine/messaging_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

// Messages claimed per dispatch transaction; their answers are recorded
// together, so the batch must be handed over well within claim_timeout.
constexpr int kClaimBatch = 16;
const Actor kEngineActor{Actor::Kind::kEngine, ""};

Duration Backoff(const MessagingSettings& s, int attempts) {
  Duration d = s.retry_backoff;
  for (int i = 1; i < attempts && d < s.max_retry_backoff; ++i) d *= 2;
  return std::min(d, s.max_retry_backoff);
}

absl::Status Note(StoreTransaction& tx, const Message& m, Instant now,
                  const Actor& actor, const char* kind, std::string details) {
  TimelineEntry e{0, m.appointment_id, now, actor, kind, std::move(details)};
  return tx.AppendTimeline(std::move(e)).status();
}

// Why a queued message must no longer go (R4.6), or "": a reminder or
// confirm-your-visit whose appointment moved, ended or started (or, for
// confirm-your-visit, was confirmed meanwhile), a no-show
// follow-up for a visit since attended, cancelled or moved.
absl::StatusOr<std::string> StaleReason(StoreTransaction& tx, const Message& m,
                                        Instant now) {
  const bool before_start =
      m.kind == MessageKind::kReminder || m.kind == MessageKind::kConfirmVisit;
  if (!before_start && m.kind != MessageKind::kNoShowFollowUp) return "";
  auto a = tx.GetAppointment(m.appointment_id);
  if (!a.ok()) return a.status();
  const bool open = a->state == AppointmentState::kBooked ||
                    (!before_start && a->state == AppointmentState::kNoShow);
  if (!open) {
    return StrCat("superseded: the appointment is ",
                  AppointmentStateName(a->state));
  }
  if (a->start.time_since_epoch().count() != m.occurrence) {
    return StrCat("superseded: the appointment moved to ", FormatUtc(a->start));
  }
  if (before_start && now >= a->start) {
    return StrCat("superseded: the appointment started at ",
                  FormatUtc(a->start));
  }
  if (m.kind == MessageKind::kConfirmVisit && a->confirmed_at) {
    return StrCat("superseded: the customer confirmed at ",
                  FormatUtc(*a->confirmed_at));
  }
  return "";
}

// Records the notifier's answer for a message claimed as `claimed`.
absl::Status RecordAnswer(StoreTransaction& tx, const MessagingSettings& s,
                          const Message& claimed, const SendResult& result,
                          Instant now, DispatchReport* report) {
  auto current = tx.GetMessage(claimed.id);
  if (!current.ok()) return current.status();
  // Claimed again since (its claim timed out): the later claim answers.
  if (current->state != MessageState::kQueued ||
      current->attempts != claimed.attempts) {
    return absl::OkStatus();
  }
  Message m = *std::move(current);
  m.updated_at = now;
  const char* kind = nullptr;
  std::string details;
  switch (result.outcome) {
    case SendResult::Outcome::kAccepted:
      m.state = MessageState::kSent;
      m.provider_id =
          text::ToValidUtf8(result.provider_id, text::kMaxNameBytes);
      kind = "message_sent";
      details = StrCat("message ", m.id, " accepted",
                       m.provider_id.empty() ? "" : " as ", m.provider_id);
      ++report->sent;
      break;
    case SendResult::Outcome::kRetryableFailure:
      m.error = text::ToValidUtf8(result.error, text::kMaxTextBytes);
      if (m.attempts < s.max_attempts) {
        m.not_before = now + Backoff(s, m.attempts);
        kind = "message_retry";
        details = StrCat("message ", m.id, " attempt ", m.attempts, " of ",
                         s.max_attempts, " failed (", m.error,
                         "); next try at ", FormatUtc(m.not_before));
        ++report->retried;
        break;
      }
      [[fallthrough]];
    case SendResult::Outcome::kPermanentFailure:
      m.state = MessageState::kFailed;
      m.error = text::ToValidUtf8(result.error, text::kMaxTextBytes);
      kind = "message_failed";
      details = StrCat("message ", m.id, " failed after ", m.attempts,
                       " attempt(s): ", m.error);
      ++report->failed;
      break;
  }
  if (auto st = tx.UpdateMessage(m); !st.ok()) return st;
  return Note(tx, m, now, kEngineActor, kind, std::move(details));
}

}  // namespace

void Engine::Impl::AfterMessaging(bool queued) {
  if (queued) Dispatch().IgnoreError();
  std::lock_guard<std::mutex> lock(runner_mu);
  if (runner) runner->Wake();
}

std::shared_ptr<Notifier> Engine::Impl::CurrentNotifier() {
  std::lock_guard<std::mutex> lock(notifier_mu);
  return notifier;
}

absl::StatusOr<DispatchReport> Engine::Impl::Dispatch() {
  DispatchReport report;
  for (;;) {
    const int superseded_before = report.failed;
    // Read for each batch: SetNotifier(nullptr) stops a dispatch in course.
    const std::shared_ptr<Notifier> sender = CurrentNotifier();
    if (sender == nullptr) return report;
    const Instant now = clock->Now();
    std::vector<Message> claimed;
    auto claim =
        Run(Store::Mode::kWrite,
            [&](StoreTransaction& tx, Events&) -> absl::Status {
              auto settings = tx.GetSettings();
              if (!settings.ok()) return settings.status();
              auto due = tx.ListSendableMessages(now, kClaimBatch);
              if (!due.ok()) return due.status();
              for (Message& m : *due) {
                auto stale = StaleReason(tx, m, now);
                if (!stale.ok()) return stale.status();
                if (!stale->empty()) {
                  // R4.6: never sent for a time that was cancelled or moved.
                  m.state = MessageState::kFailed;
                  m.error = *stale;
                  m.updated_at = now;
                  if (auto s = tx.UpdateMessage(m); !s.ok()) return s;
                  if (auto s =
                          Note(tx, m, now, kEngineActor, "message_superseded",
                               StrCat("message ", m.id, " not sent: ", *stale));
                      !s.ok())
                    return s;
                  ++report.failed;
                  continue;
                }
                ++m.attempts;
                m.not_before = now + settings->claim_timeout;
                m.updated_at = now;
                if (auto s = tx.UpdateMessage(m); !s.ok()) return s;
                claimed.push_back(m);
              }
              return absl::OkStatus();
            });
    if (!claim.ok()) return claim;
    if (claimed.empty()) {
      // Nothing was due, or only stale messages: then look again.
      if (report.failed == superseded_before) return report;
      continue;
    }
    std::vector<SendResult> answers;
    answers.reserve(claimed.size());
    for (const Message& m : claimed) {
      try {
        answers.push_back(sender->Send(m));
      } catch (const abi::__forced_unwind&) {
        throw;  // a thread being cancelled must unwind
      } catch (...) {
        answers.push_back(SendResult::Retry("the notifier threw"));
      }
    }
    const Instant answered = clock->Now();
    auto record =
        Run(Store::Mode::kWrite,
            [&](StoreTransaction& tx, Events&) -> absl::Status {
              auto settings = tx.GetSettings();
              if (!settings.ok()) return settings.status();
              for (size_t i = 0; i < claimed.size(); ++i) {
                if (auto s = RecordAnswer(tx, *settings, claimed[i], answers[i],
                                          answered, &report);
                    !s.ok())
                  return s;
              }
              return absl::OkStatus();
            });
    if (!record.ok()) return record;
  }
}

void Engine::SetNotifier(std::shared_ptr<Notifier> notifier) {
  std::lock_guard<std::mutex> lock(impl_->notifier_mu);
  impl_->notifier = std::move(notifier);
}

absl::StatusOr<RunDueReport> Engine::RunDue() {
  RunDueReport report;
  const Instant now = impl_->clock->Now();
  const int batch = impl_->max_firings_per_transaction;
  for (;;) {
    size_t taken = 0;
    auto status = impl_->Run(
        Store::Mode::kWrite,
        [&](StoreTransaction& tx, Events& events) -> absl::Status {
          auto due = tx.ListDueTimers(now, batch);
          if (!due.ok()) return due.status();
          taken = due->size();
          engine::MessagingStep step(tx, impl_->tools, now);
          engine::FollowUpStep follow_up(tx, impl_->tools, events, now);
          // A release's cancellation messages are queued in
          // its transaction and go out with the dispatch below;
          // messages_created counts message-rule firings only.
          bool released_messages = false;
          engine::DealStep deals(tx, events, now);
          for (const Timer& timer : *due) {
            absl::Status s = timer.kind == TimerKind::kMessage
                                 ? step.Fire(timer)
                             : timer.kind == TimerKind::kDealStage
                                 ? deals.Fire(timer)
                                 : follow_up.Fire(timer, &released_messages);
            if (!s.ok()) return s;
          }
          // Memberships whose validity ended (R7.4).
          auto expiring = tx.ListExpiringMemberships(now, batch);
          if (!expiring.ok()) return expiring.status();
          taken = std::max(taken, expiring->size());
          for (const Membership& m : *expiring) {
            const Membership expired = engine::AsOf(m, now);
            if (auto s = tx.UpdateMembership(expired); !s.ok()) {
              return s;
            }
            if (auto s = deals.AfterExpiry(expired); !s.ok()) {
              return s;
            }
          }
          report.messages_created += step.report().messages_created;
          report.skipped += step.report().skipped;
          report.dropped += step.report().dropped;
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    if (taken < static_cast<size_t>(batch)) break;
  }
  auto dispatched = impl_->Dispatch();
  if (!dispatched.ok()) return dispatched.status();
  report.dispatch = *dispatched;
  return report;
}

absl::StatusOr<DispatchReport> Engine::DispatchMessages() {
  return impl_->Dispatch();
}

absl::StatusOr<std::optional<Instant>> Engine::NextDueAt() {
  const bool can_send = impl_->CurrentNotifier() != nullptr;
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::optional<Instant>> {
                      auto timer = tx.NextTimerDue();
                      if (!timer.ok()) return timer.status();
                      auto expiry = tx.NextMembershipExpiry();
                      if (!expiry.ok()) return expiry.status();
                      if (expiry->has_value() &&
                          (!timer->has_value() || **expiry < **timer)) {
                        *timer = *expiry;
                      }
                      absl::StatusOr<std::optional<Instant>> message =
                          std::nullopt;
                      if (can_send) message = tx.NextMessageDue();
                      if (!message.ok()) return message.status();
                      if (!timer->has_value()) return *message;
                      if (!message->has_value()) return *timer;
                      return std::min(**timer, **message);
                    });
}

absl::Status Engine::StartBackgroundRunner(BackgroundRunnerOptions options) {
  if (options.max_sleep <= std::chrono::milliseconds(0) ||
      options.max_sleep > std::chrono::hours(24)) {
    return absl::InvalidArgumentError(
        StrCat("max_sleep ", options.max_sleep.count(),
               "ms is not between 1 ms and 24 hours"));
  }
  std::unique_lock<std::mutex> lock(impl_->runner_mu);
  if (impl_->runner && !impl_->runner->Stopped()) {
    return absl::FailedPreconditionError("a background runner is running");
  }
  if (impl_->runner && impl_->runner->OnRunnerThread()) {
    return absl::FailedPreconditionError(
        "a runner cannot be restarted from its own thread");
  }
  // A runner that stopped itself is joined outside runner_mu: its last
  // pass may still take runner_mu (a command's AfterMessaging).
  std::unique_ptr<engine::BackgroundRunner> stopped = std::move(impl_->runner);
  lock.unlock();
  stopped.reset();
  lock.lock();
  if (impl_->runner) {
    return absl::FailedPreconditionError("a background runner is running");
  }
  impl_->runner = std::make_unique<engine::BackgroundRunner>(this, options);
  return absl::OkStatus();
}

void Engine::StopBackgroundRunner() {
  std::unique_ptr<engine::BackgroundRunner> runner;
  {
    std::lock_guard<std::mutex> lock(impl_->runner_mu);
    if (impl_->runner && impl_->runner->OnRunnerThread()) {
      // Called from the notifier during the runner's own pass: it cannot
      // join itself. It stops after this pass; the thread is joined by the
      // next Start, Stop from another thread, or the Engine's destructor.
      impl_->runner->RequestStop();
      return;
    }
    runner = std::move(impl_->runner);
  }
  // Destroyed (joined) outside runner_mu: its last pass may wake itself.
}

absl::StatusOr<Message> Engine::ReportDelivery(MessageId id, MessageState state,
                                               const std::string& detail) {
  if (state != MessageState::kDelivered && state != MessageState::kRead &&
      state != MessageState::kFailed) {
    return absl::InvalidArgumentError(
        StrCat("state ", MessageStateName(state),
               " cannot be reported; report delivered, read or failed"));
  }
  if (auto s = text::CheckText("detail", detail, text::kMaxTextBytes, false);
      !s.ok())
    return s;
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kWrite,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<Message> {
        auto m = tx.GetMessage(id);
        if (!m.ok()) return m.status();
        // A queued message already handed to the notifier (claimed, its
        // answer not yet stored) may be reported too: a fast webhook.
        const bool handed_over =
            m->state == MessageState::kQueued && m->attempts > 0;
        const bool allowed = m->state == MessageState::kSent || handed_over ||
                             (m->state == MessageState::kDelivered &&
                              state != MessageState::kDelivered);
        if (!allowed) {
          return absl::FailedPreconditionError(
              StrCat("message_id ", id, " is ", MessageStateName(m->state),
                     "; it cannot become ", MessageStateName(state)));
        }
        m->state = state;
        m->updated_at = now;
        if (state == MessageState::kFailed) m->error = detail;
        if (auto s = tx.UpdateMessage(*m); !s.ok()) return s;
        std::string details =
            StrCat("message ", id, " ", MessageStateName(state),
                   detail.empty() ? "" : ": ", detail);
        if (auto s =
                Note(tx, *m, now, Actor{Actor::Kind::kSystem, ""},
                     state == MessageState::kDelivered ? "message_delivered"
                     : state == MessageState::kRead    ? "message_read"
                                                       : "message_failed",
                     std::move(details));
            !s.ok())
          return s;
        return *m;
      });
}

absl::StatusOr<Message> Engine::GetMessage(MessageId id) {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetMessage(id);
  });
}

absl::StatusOr<std::vector<Message>> Engine::ListAppointmentMessages(
    AppointmentId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::vector<Message>> {
                      if (auto a = tx.GetAppointment(id); !a.ok())
                        return a.status();
                      return tx.ListAppointmentMessages(id);
                    });
}

absl::StatusOr<std::vector<Message>> Engine::ListCustomerMessages(
    CustomerId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::vector<Message>> {
                      if (auto c = tx.GetCustomer(id); !c.ok())
                        return c.status();
                      return tx.ListCustomerMessages(id);
                    });
}

absl::StatusOr<std::vector<Firing>> Engine::ListFirings(AppointmentId id) {
  return impl_->Run(Store::Mode::kRead,
                    [&](StoreTransaction& tx,
                        Events&) -> absl::StatusOr<std::vector<Firing>> {
                      if (auto a = tx.GetAppointment(id); !a.ok())
                        return a.status();
                      return tx.ListAppointmentFirings(id);
                    });
}

absl::StatusOr<std::vector<Timer>> Engine::ListPendingTimers(AppointmentId id) {
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<std::vector<Timer>> {
        if (auto a = tx.GetAppointment(id); !a.ok()) return a.status();
        return tx.ListAppointmentTimers(id);
      });
}

}  // namespace appt
