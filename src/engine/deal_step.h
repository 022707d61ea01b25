// CRM deals inside a command's transaction (R6.1, R6.2, R6.5, R7.4): deals
// opened by bookings and purchases, stages moved by appointment changes,
// membership expiry and stage timers, every move recorded in the deal's
// history and reported as an event. Internal to the Engine; not thread
// safe (one per command, under the engine's command lock).
#ifndef APPT_SRC_ENGINE_DEAL_STEP_H_
#define APPT_SRC_ENGINE_DEAL_STEP_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "appt/events.h"
#include "appt/store.h"
#include "engine/messaging_step.h"

namespace appt::engine {

class DealStep {
 public:
  // Deal events join `events`.
  DealStep(StoreTransaction& tx, std::vector<Event>& events, Instant now)
      : tx_(tx), events_(events), now_(now) {}

  // After `a` was written by `change` of `actor` (and its membership's
  // counters moved): opens or joins a deal on booking, fires the deal's
  // stage timers already due, moves its stage and re-plans its timers.
  // `previous` and `previous_resource` are a reschedule's old interval and
  // resource.
  absl::Status AfterChange(const Appointment& a, Change change,
                           const Actor& actor,
                           const std::optional<Interval>& previous,
                           const std::optional<ResourceId>& previous_resource);
  // Fires `d`'s stage timers that are due at now, in due order per
  // appointment (so that a command does not drop them before RunDue runs).
  absl::Status FireDue(const Deal& d);
  // After membership `m` was bought: opens its deal when a pipeline opens
  // deals for memberships covering one of its services.
  absl::Status AfterPurchase(const Membership& m, const Actor& actor);
  // After `m` was found expired by RunDue (validity ended).
  absl::Status AfterExpiry(const Membership& m);
  // Fires a due kDealStage timer: deletes it, re-checks it against current
  // state (stale timers are skipped) and moves the deal.
  absl::Status Fire(const Timer& timer);

  // Opens `d` (id 0) in pipeline `p` at its opening stage; `d` gets the id
  // and stage. `appointment`, if any, opened it and is linked at once;
  // d.appointment_ids are linked after, as by Link.
  absl::Status Open(const Pipeline& p, Deal& d, const Actor& actor,
                    const std::string& cause, const Appointment* appointment);
  // Links `a` to deal `d` (re-read afterwards) and applies the booking.
  absl::Status Link(Deal& d, const Appointment& a, const Actor& actor);
  // Moves `d` to `to` (nothing when it is there), recording `cause`.
  absl::Status MoveTo(Deal& d, const Pipeline& p, const Stage& to,
                      const Actor& actor, const std::string& cause,
                      const Appointment* appointment);
  // Appends a note to `d`'s history; returns it.
  absl::StatusOr<DealEntry> Note(const Deal& d, const Actor& actor,
                                 const std::string& text,
                                 AppointmentId appointment);
  // Drops and re-plans the stage timers of every appointment of `d`.
  absl::Status Replan(const Deal& d);

  // The pipeline with `id` as read in this transaction; NotFound.
  absl::StatusOr<const Pipeline*> PipelineWithId(PipelineId id);
  // `d`'s next appointment: its earliest booked (or pending) one.
  absl::StatusOr<std::optional<Appointment>> NextAppointment(const Deal& d);

  int moves() const { return moves_; }

 private:
  absl::StatusOr<const std::vector<Pipeline>*> Pipelines();
  // The deal `a` joins when booked, opening one when a pipeline says so;
  // nullopt when none.
  absl::StatusOr<std::optional<Deal>> DealForBooking(const Appointment& a,
                                                     const Actor& actor);
  // Plans `x`'s stage timers: the rules after the start while it is booked
  // or attended, and those before it while it is the deal's next.
  absl::Status Plan(const Pipeline& p, const Appointment& x, bool is_next);
  // "Mon 2027-03-29 09:00 CEST" in the resource's zone.
  absl::StatusOr<std::string> LocalStart(const Appointment& a, Instant at);
  void Report(EventKind kind, const Deal& d, const DealEntry& e,
              const Appointment* appointment);

  StoreTransaction& tx_;
  std::vector<Event>& events_;
  const Instant now_;
  std::optional<std::vector<Pipeline>> pipelines_;
  int moves_ = 0;
};

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_DEAL_STEP_H_
