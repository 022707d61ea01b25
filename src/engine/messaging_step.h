// The messaging half of a command, run inside its transaction (R4.1–R4.8,
// DESIGN "Timers are derived"): after a change, the change messages its
// rules call for and the appointment's timers re-planned; in RunDue, one
// timer fired. Every decision leaves a firing record, so nothing is
// created twice and nothing is dropped silently. Internal to the engine;
// not thread safe (one per command, under the engine's command lock).
#ifndef APPT_SRC_ENGINE_MESSAGING_STEP_H_
#define APPT_SRC_ENGINE_MESSAGING_STEP_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/run_due.h"
#include "appt/store.h"
#include "messaging/compose.h"
#include "workflow/chain.h"

namespace appt::engine {

enum class Change {
  kBooked,
  kRescheduled,
  kCancelled,
  kAttended,
  kNoShow,
  kConfirmed,       // approved: moved from a start into a confirmation status
  kRejected,        // declined: moved from a start into a cancellation status
  kStatusMoved,     // any other workflow move; sends nothing
  kVisitConfirmed,  // the customer confirmed with a link; sends nothing
};

class MessagingStep {
 public:
  MessagingStep(StoreTransaction& tx, messaging::ComposeTools& tools,
                Instant now)
      : tx_(tx), tools_(tools), now_(now) {}

  // After `a` was written by `change` of `actor`, recorded as timeline
  // entry `change_entry` (the occurrence of change messages).
  // `previous_start`: the old start of a reschedule.
  absl::Status AfterChange(const Appointment& a, Change change,
                           int64_t change_entry, const Actor& actor,
                           std::optional<Instant> previous_start = {});

  // Drops rule `rule_id`'s timers and, when the rule exists, is enabled and
  // timed, plans it for every booked appointment that has not ended. An
  // enabled book-again rule keeps its timers.
  absl::Status ReplanRule(RuleId rule_id);

  // Re-plans `a`'s timers from the rules, for a change that moves no
  // occurrence (its customer's or resource's zone changed).
  absl::Status ReplanAppointment(const Appointment& a);

  // Fires a due timer: re-checks it against current state, deletes it and
  // records the firing with its effect.
  absl::Status Fire(const Timer& timer);

  // What this step did so far (RunDue's tally).
  const RunDueReport& report() const { return report_; }
  bool created_messages() const { return report_.messages_created > 0; }

 private:
  // The records a message about one appointment reads. Customer, resource
  // and service are catalog views (StoreTransaction::View*).
  struct Subject {
    Appointment appointment;
    const Customer* customer;
    const Resource* resource;
    const Service* service;
  };

  absl::StatusOr<const std::vector<MessageRule>*> Rules();
  // A rule of Rules() by id; NotFound when deleted.
  absl::StatusOr<const MessageRule*> RuleById(RuleId id);
  absl::StatusOr<const MessagingSettings*> Settings();
  // Whether `a` awaits approval in the status workflow: it then has no
  // timers (nothing is reminded before the business confirms).
  absl::StatusOr<bool> AwaitingApproval(const Appointment& a);
  absl::StatusOr<Subject> Load(const Appointment& a);
  absl::StatusOr<const date::time_zone*> Zone(const MessageRule& rule,
                                              const Subject& s);
  // Plans every enabled timed rule covering the subject's service. `change`:
  // the change that made the subject's current occurrences, if any.
  absl::Status PlanTimers(const Subject& s, std::optional<Change> change);
  // Plans `rule` for the subject: a stored timer, an immediate firing, a
  // skipped firing or nothing. `fresh`: the change made this occurrence
  // (a booking or reschedule), so a time already past is skipped, not late.
  absl::Status Plan(const MessageRule& rule, const Subject& s, bool fresh);
  // Decides and records one firing: a message, or a skip with its reason.
  absl::Status Decide(const MessageRule& rule, const Subject& s,
                      int64_t occurrence, Instant nominal_due,
                      std::optional<Instant> previous_start = {});
  // Why a due firing must not send, or "" when it may.
  absl::StatusOr<std::string> Obstacle(const MessageRule& rule,
                                       const Subject& s, Instant nominal_due);
  absl::Status RecordSkip(const MessageRule& rule, const Subject& s,
                          int64_t occurrence, std::string reason);
  absl::StatusOr<int> CalendarSequence(AppointmentId id);

  StoreTransaction& tx_;
  messaging::ComposeTools& tools_;
  const Instant now_;
  // Read once per step: a step is one transaction, which may fire many
  // timers, so these cannot change under it.
  std::optional<std::vector<MessageRule>> rules_;
  // Catalog views (StoreTransaction::View*). They stay valid only while the
  // transaction inserts or updates no resource, service or customer: a step
  // is made after its command's catalog writes, and nothing that runs while
  // one is alive (firings, follow-ups, deal and membership steps, releases)
  // writes the catalog.
  std::map<ResourceId, const Resource*> resources_;
  std::map<ServiceId, const Service*> services_;
  std::map<std::string, const date::time_zone*, std::less<>> zones_;
  std::optional<MessagingSettings> settings_;
  std::optional<workflow::Workflow> workflow_;
  RunDueReport report_;
};

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_MESSAGING_STEP_H_
