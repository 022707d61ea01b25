// The Engine: one business's appointments, over one Store (R8). Every
// command validates its input, runs in one store transaction and either
// commits whole or changes nothing; errors are absl::Status values whose
// message names the field and the bad value.
//
// Thread safety: an Engine may be shared between threads; commands are
// serialised inside. Event listeners run after commit with no engine lock
// held and may call back into the Engine.
#ifndef APPT_ENGINE_H_
#define APPT_ENGINE_H_

#include <memory>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/confirm_token.h"
#include "appt/confirmation.h"
#include "appt/deal.h"
#include "appt/events.h"
#include "appt/membership.h"
#include "appt/message.h"
#include "appt/message_rule.h"
#include "appt/notifier.h"
#include "appt/options.h"
#include "appt/pipeline.h"
#include "appt/run_due.h"
#include "appt/settings.h"
#include "appt/slot_search.h"
#include "appt/status.h"
#include "appt/store.h"
#include "appt/task.h"
#include "appt/timer.h"

namespace appt {

struct SlotQuery {
  ServiceId service_id = 0;
  std::optional<ResourceId> resource_id{};  // unset: every resource of it
  Interval window{};                        // starts in [start, end)
  Duration step{0};                         // 0: the service duration
};

struct BookRequest {
  CustomerId customer_id = 0;
  ServiceId service_id = 0;
  ResourceId resource_id = 0;
  Instant start{};
  BookingSource source = BookingSource::kOnline;
  Actor actor{Actor::Kind::kCustomer, ""};
  // Agent bookings only: allow a start outside working hours, exceptions,
  // blocked intervals, notice and horizon. Never over capacity.
  bool force = false;
  std::string notes{};
  std::string external_id{};
  // Book on this membership (membership.h): it must be the customer's,
  // active, cover the service, have a visit left and not expire before the
  // start. 0: no membership.
  MembershipId membership_id = 0;
};

struct RescheduleRequest {
  AppointmentId appointment_id = 0;
  Instant new_start{};
  std::optional<ResourceId> new_resource_id{};  // unset: keep the resource
  Actor actor{Actor::Kind::kStaff, ""};
  bool force = false;  // as in BookRequest, for staff only
};

class Engine {
 public:
  // Takes ownership of `store`. Fails if the store cannot be read.
  static absl::StatusOr<std::unique_ptr<Engine>> Open(
      std::unique_ptr<Store> store, EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Clock& clock() const;

  // Catalog (R1.1–R1.3). Records are validated whole; ids are returned.
  absl::StatusOr<ResourceId> CreateResource(const Resource& resource);
  absl::Status UpdateResource(const Resource& resource);
  absl::StatusOr<Resource> GetResource(ResourceId id);
  absl::StatusOr<std::vector<Resource>> ListResources();
  absl::StatusOr<BlockId> AddBlockedInterval(const BlockedInterval& block);
  absl::Status RemoveBlockedInterval(BlockId id);
  absl::StatusOr<std::vector<BlockedInterval>> ListBlockedIntervals(
      ResourceId resource, Interval window);
  absl::StatusOr<ServiceId> CreateService(const Service& service);
  absl::Status UpdateService(const Service& service);
  absl::StatusOr<Service> GetService(ServiceId id);
  absl::StatusOr<std::vector<Service>> ListServices();
  absl::StatusOr<CustomerId> CreateCustomer(const Customer& customer);
  absl::Status UpdateCustomer(const Customer& customer);
  absl::StatusOr<Customer> GetCustomer(CustomerId id);

  // Slot search (R1.4) at the engine clock's now, ascending by start then
  // resource.
  absl::StatusOr<std::vector<Slot>> SearchSlots(const SlotQuery& query);

  // Lifecycle (R2.1–R2.4). Errors: a taken slot or full capacity is
  // AlreadyExists (the "conflict" of R2.5); a start outside hours, in the
  // past, inside notice or beyond horizon is InvalidArgument; an unknown id
  // is NotFound; a move from a final state is FailedPrecondition.
  absl::StatusOr<Appointment> Book(const BookRequest& request);
  absl::StatusOr<Appointment> Reschedule(const RescheduleRequest& request);
  absl::StatusOr<Appointment> Cancel(AppointmentId id, const Actor& actor,
                                     const std::string& reason);
  absl::StatusOr<Appointment> MarkAttended(AppointmentId id,
                                           const Actor& actor);
  absl::StatusOr<Appointment> MarkNoShow(AppointmentId id, const Actor& actor);
  absl::StatusOr<Appointment> GetAppointment(AppointmentId id);
  absl::StatusOr<std::vector<Appointment>> ListCustomerAppointments(
      CustomerId id);
  // Timeline (R2.6), newest first.
  absl::StatusOr<std::vector<TimelineEntry>> Timeline(AppointmentId id);

  // Message rules (R4.2). A rule is validated whole, templates included
  // (an unknown template field is InvalidArgument); an unknown service id
  // is NotFound. Disabling keeps the rule; deleting removes it. Saving a
  // timed rule re-plans its timers for every booked appointment from now
  // on (a new book-again rule applies to visits attended after it is
  // saved); disabling or deleting one drops them.
  absl::StatusOr<RuleId> CreateMessageRule(const MessageRule& rule);
  absl::Status UpdateMessageRule(const MessageRule& rule);
  absl::Status SetMessageRuleEnabled(RuleId id, bool enabled);
  absl::Status DeleteMessageRule(RuleId id);
  absl::StatusOr<MessageRule> GetMessageRule(RuleId id);
  absl::StatusOr<std::vector<MessageRule>> ListMessageRules();

  // Messaging settings: business name, default locale, send window, daily
  // reminder cap, retry policy. Validated whole; InvalidArgument names the
  // field.
  absl::Status SetMessagingSettings(const MessagingSettings& settings);
  absl::StatusOr<MessagingSettings> GetMessagingSettings();

  // The host's sender (R8.2). Messages are handed to it after the command
  // that queued them commits, and by RunDue and DispatchMessages; with no
  // notifier they stay queued. Replaces any previous notifier; null
  // removes it. See notifier.h for the contract.
  void SetNotifier(std::shared_ptr<Notifier> notifier);

  // Fires every timer due at the clock's now in due order, each in its own
  // transaction with its effects and its firing record (R4.4, R4.6), then
  // dispatches every queued message whose time has come (new ones, and
  // retries whose backoff passed).
  absl::StatusOr<RunDueReport> RunDue();
  // Only the dispatch half of RunDue.
  absl::StatusOr<DispatchReport> DispatchMessages();
  // The earliest instant at which RunDue has work (a timer, a queued
  // message or a retry), or nullopt when there is none.
  absl::StatusOr<std::optional<Instant>> NextDueAt();

  // Runs RunDue on a thread of its own, at each next due instant of the
  // engine's clock (and at least every options.max_sleep), until stopped or
  // the engine is destroyed. FailedPrecondition if one is running.
  absl::Status StartBackgroundRunner(BackgroundRunnerOptions options = {});
  // Waits for the runner's current pass to end. A no-op when none runs.
  void StopBackgroundRunner();

  // A delivery report from the host (R4.5): kDelivered, kRead or kFailed
  // for a sent message (delivered also for read; failed from sent or
  // delivered). Anything else is FailedPrecondition naming both states;
  // `detail` (e.g. the provider's error) joins the history.
  absl::StatusOr<Message> ReportDelivery(MessageId id, MessageState state,
                                         const std::string& detail = "");
  absl::StatusOr<Message> GetMessage(MessageId id);
  // Message history (R4.5), oldest first.
  absl::StatusOr<std::vector<Message>> ListAppointmentMessages(
      AppointmentId id);
  absl::StatusOr<std::vector<Message>> ListCustomerMessages(CustomerId id);
  // Every firing of an appointment: created messages and skipped ones with
  // their reasons, oldest first.
  absl::StatusOr<std::vector<Firing>> ListFirings(AppointmentId id);
  // The appointment's pending timers, by due.
  absl::StatusOr<std::vector<Timer>> ListPendingTimers(AppointmentId id);

  // The status workflow (R3). Chains are validated whole (R3.2) and
  // returned with their status ids. Update keeps the statuses whose ids it
  // repeats, adds those with id 0 and removes the others; removing a status
  // an appointment is in, or changing such a status's marker or
  // holds_slot, is FailedPrecondition. A chain named by the settings
  // cannot be deleted.
  absl::StatusOr<StatusChain> CreateStatusChain(const StatusChain& chain);
  absl::StatusOr<StatusChain> UpdateStatusChain(const StatusChain& chain);
  absl::Status DeleteStatusChain(ChainId id);
  absl::StatusOr<StatusChain> GetStatusChain(ChainId id);
  absl::StatusOr<std::vector<StatusChain>> ListStatusChains();
  // The business-wide switch, the default chain and per-service chains.
  // Changing them affects new bookings only.
  absl::Status SetWorkflowSettings(const WorkflowSettings& settings);
  absl::StatusOr<WorkflowSettings> GetWorkflowSettings();
  // Moves a booked or pending workflow appointment to another status of
  // its chain (R3.4, R3.5). Into a confirmation from a start status: the
  // slot is re-checked when the request did not hold it (AlreadyExists
  // when taken meanwhile) and the confirmed messages go out. Into a
  // cancellation: `reason` is required, the slot is freed, and the
  // customer gets the rejected message (from a start status) or the
  // cancelled one. A forbidden move is FailedPrecondition naming both
  // statuses; a status of another chain is InvalidArgument. A request that
  // did not hold its slot cannot be confirmed once its start has passed
  // (InvalidArgument); it can still be declined.
  absl::StatusOr<Appointment> SetStatus(const StatusChangeRequest& request);
  // The appointment's status history (R3.7), newest first.
  absl::StatusOr<std::vector<StatusChange>> StatusHistory(AppointmentId id);
  // The dashboard of unconfirmed appointments (R3.6). A resource listed
  // twice is InvalidArgument.
  absl::StatusOr<StatusBoard> GetStatusBoard(const StatusBoardQuery& query);

  // Confirmation links (R5.1). IssueConfirmToken returns a new token for a
  // booked or pending appointment, valid until its start; it replaces the
  // appointment's earlier tokens, as does moving the appointment. Build
  // the customer's confirm and cancel links from it: the engine keeps only
  // its hash. ConfirmByToken records that the customer will come
  // (confirmed_at; an event and a timeline entry) and CancelByToken
  // cancels as the customer, with a required reason; the same link may
  // confirm once and then cancel. A malformed token is InvalidArgument, an
  // unknown one NotFound; a replaced, spent (cancelled, or confirmed
  // twice) or expired one FailedPrecondition saying which.
  absl::StatusOr<ConfirmToken> IssueConfirmToken(AppointmentId id);
  absl::StatusOr<Appointment> ConfirmByToken(const std::string& token);
  absl::StatusOr<Appointment> CancelByToken(const std::string& token,
                                            const std::string& reason);

  // Memberships (R7). Plans are validated whole; an unknown service is
  // NotFound. A purchase gives the customer a membership with the plan's
  // terms, a unique certificate number and its visits; see BookRequest for
  // booking on it. GetMembership reports a membership whose validity ended
  // as expired.
  absl::StatusOr<PlanId> CreateMembershipPlan(const MembershipPlan& plan);
  absl::Status UpdateMembershipPlan(const MembershipPlan& plan);
  absl::StatusOr<MembershipPlan> GetMembershipPlan(PlanId id);
  absl::StatusOr<std::vector<MembershipPlan>> ListMembershipPlans();
  absl::StatusOr<Membership> PurchaseMembership(const PurchaseRequest& request);
  absl::StatusOr<Membership> GetMembership(MembershipId id);
  absl::StatusOr<std::vector<Membership>> ListCustomerMemberships(
      CustomerId id);

  // CRM pipelines (R6.1–R6.3). Pipelines are validated whole (a rule naming
  // a stage the pipeline lacks is InvalidArgument); an unknown service is
  // NotFound; a second pipeline opening deals from the same source for a
  // service is FailedPrecondition. Update keeps the stages whose ids it
  // repeats, adds those with id 0 and removes the others; removing a stage
  // that holds deals, or changing its kind, is FailedPrecondition; the open
  // deals' stage timers are re-planned from the new rules. A pipeline with
  // deals cannot be deleted.
  absl::StatusOr<Pipeline> CreatePipeline(const Pipeline& pipeline);
  absl::StatusOr<Pipeline> UpdatePipeline(const Pipeline& pipeline);
  absl::Status DeletePipeline(PipelineId id);
  absl::StatusOr<Pipeline> GetPipeline(PipelineId id);
  absl::StatusOr<std::vector<Pipeline>> ListPipelines();

  // Deals (R6.1, R6.4, R6.5). The engine opens deals for bookings and
  // memberships as pipeline.h says, and moves them by their rules; every
  // move is in the deal's history and reported as an event. OpenDeal and
  // LinkDealAppointment let the host open a deal itself or attach an
  // appointment of the same customer (AlreadyExists when it has a deal);
  // a booked appointment then moves the deal as its booking would.
  // MoveDeal is a staff move to any stage of the deal's pipeline (a closed
  // deal may be reopened); FailedPrecondition when it is in that stage.
  absl::StatusOr<Deal> OpenDeal(const OpenDealRequest& request);
  absl::StatusOr<Deal> LinkDealAppointment(DealId deal,
                                           AppointmentId appointment,
                                           const Actor& actor);
  absl::StatusOr<Deal> MoveDeal(DealId deal, StageId stage, const Actor& actor,
                                const std::string& reason);
  // A note (1..4000 bytes) in the deal's history.
  absl::StatusOr<DealEntry> AddDealNote(DealId deal, const Actor& actor,
                                        const std::string& text);
  // Replaces the deal's external id and integration fields.
  absl::StatusOr<Deal> SetDealIntegration(
      DealId deal, const std::string& external_id,
      const std::vector<IntegrationField>& integration);
  absl::StatusOr<Deal> GetDeal(DealId id);
  // A query with limit outside 1..10000 is InvalidArgument.
  absl::StatusOr<std::vector<Deal>> ListDeals(const DealQuery& query);
  // Newest first.
  absl::StatusOr<std::vector<DealEntry>> DealHistory(DealId id);
  absl::StatusOr<DealCard> GetDealCard(DealId id);
  absl::StatusOr<DealBoard> GetDealBoard(PipelineId id);

  // Staff record that the customer confirmed the visit (e.g. on the
  // phone): as ConfirmByToken, without a link. FailedPrecondition when the
  // visit is not booked, awaits approval or is already confirmed.
  absl::StatusOr<Appointment> ConfirmVisit(AppointmentId id,
                                           const Actor& actor);

  // The confirmation cycle (R5.2, R5.4). Saving the settings re-plans the
  // release deadline of every booked visit from now on; a deadline already
  // past is not applied to visits booked before the change.
  absl::Status SetConfirmationSettings(const ConfirmationSettings& settings);
  absl::StatusOr<ConfirmationSettings> GetConfirmationSettings();
  // Booked visits that need attention, flagged as confirmation.h says, with
  // counts per resource and local day. A resource listed twice is
  // InvalidArgument, an unknown one NotFound.
  absl::StatusOr<ConfirmationBoard> GetConfirmationBoard(
      const ConfirmationBoardQuery& query);

  // Agent tasks (R5.3). Rules are validated whole; an unknown service is
  // NotFound. Saving a rule re-plans its timers for every booked visit from
  // now on; disabling or deleting one drops them (tasks already made stay).
  absl::StatusOr<TaskRuleId> CreateTaskRule(const TaskRule& rule);
  absl::Status UpdateTaskRule(const TaskRule& rule);
  absl::Status DeleteTaskRule(TaskRuleId id);
  absl::StatusOr<TaskRule> GetTaskRule(TaskRuleId id);
  absl::StatusOr<std::vector<TaskRule>> ListTaskRules();
  absl::StatusOr<Task> GetTask(TaskId id);
  absl::StatusOr<std::vector<Task>> ListTasks(const TaskQuery& query);
  // Closes an open task as done with the agent's note, or cancels it with
  // a required reason; a closed task is FailedPrecondition.
  absl::StatusOr<Task> CompleteTask(TaskId id, const Actor& actor,
                                    const std::string& outcome);
  absl::StatusOr<Task> CancelTask(TaskId id, const Actor& actor,
                                  const std::string& reason);

  // Events (R8.2). The listener is copied; remove it with the returned id.
  ListenerId AddListener(EventListener listener);
  void RemoveListener(ListenerId id);

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace appt

#endif  // APPT_ENGINE_H_
