// appt.StageKind, appt.StageTrigger, appt.StageCondition, appt.DealSource,
// appt.Stage, appt.StageRule, appt.Pipeline, appt.IntegrationField,
// appt.OpenDealRequest and appt.DealQuery (written by the host), the two
// presets, and appt.DealEntryKind, appt.Deal, appt.DealEntry, appt.DealCard,
// appt.DealBoardColumn and appt.DealBoard (read-only: the engine produces
// them).
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "appt/deal.h"
#include "appt/pipeline.h"
#include "conversions.h"
#include "record_helpers.h"
#include "records.h"

namespace appt::python {
namespace {

void BindPipelineRecords(py::module_& m) {
  BindNamedEnum(m, "StageKind",
                "Whether a deal in the stage is OPEN, or closed WON or LOST. "
                "No rule moves a closed deal; staff still can.",
                &StageKindName, StageKind::kLost);
  BindNamedEnum(m, "StageTrigger",
                "What moves a deal: OPENED (the deal is opened), BOOKED (an "
                "appointment of it is booked or requested), CANCELLED (one "
                "is cancelled or declined), VISIT_CLOSED (one is marked "
                "attended or no-show), MEMBERSHIP_EXPIRED, or TIMED (an "
                "offset from the start of its next appointment).",
                &StageTriggerName, StageTrigger::kTimed);
  BindNamedEnum(m, "StageCondition",
                "Which event rules apply, by whether the deal has another "
                "appointment booked after the event: ALWAYS, ANOTHER_BOOKED "
                "or NONE_BOOKED. TIMED, OPENED and MEMBERSHIP_EXPIRED rules "
                "are ALWAYS.",
                &StageConditionName, StageCondition::kNoneBooked);
  BindNamedEnum(m, "DealSource",
                "Which deals the engine opens by itself in a pipeline: "
                "MANUAL (none; the host opens them), BOOKINGS (one per "
                "booking not made on a membership) or MEMBERSHIPS (one per "
                "membership bought).",
                &DealSourceName, DealSource::kMemberships);

  py::class_<Stage> stage_class(m, "Stage",
                                "One column of a pipeline's board.");
  stage_class
      .def(py::init([](std::string name, StageKind kind, StageId id) {
             return Stage{id, std::move(name), kind};
           }),
           py::kw_only(), py::arg("name"), py::arg("kind") = StageKind::kOpen,
           py::arg("id") = 0,
           R"doc(Args:
    name: unique within its pipeline.
    kind: an appt.StageKind.
    id: 0 for a new stage; an existing id keeps the stage (and its deals)
        on update. Ids are unique across pipelines.)doc")
      .def_readwrite("id", &Stage::id)
      .def_readwrite("name", &Stage::name)
      .def(py::self == py::self)
      .def("__repr__", [](const Stage& s) {
        return absl::StrCat("appt.Stage(id=", s.id, ", name=", PyRepr(s.name),
                            ", kind=", StageKindName(s.kind), ")");
      });
  CopyProperty(stage_class, "kind", &Stage::kind);

  py::class_<StageRule> rule(m, "StageRule", R"doc(
Moves a deal to the stage it names when its trigger and condition match. The
first matching rule (in order) decides; a deal booked moves on to the stage
its next appointment's time calls for (the latest TIMED rule with offset <= 0
already due).)doc");
  rule.def(py::init([](StageTrigger trigger, std::string stage,
                       StageCondition condition, py::handle offset,
                       StageRuleId id) {
             return StageRule{id, trigger, condition,
                              ToDuration(offset, "offset"), std::move(stage)};
           }),
           py::kw_only(), py::arg("trigger"), py::arg("stage"),
           py::arg("condition") = StageCondition::kAlways,
           py::arg("offset") = FromDuration(Duration(0)), py::arg("id") = 0,
           R"doc(Args:
    trigger: an appt.StageTrigger.
    stage: the name of a stage of the same pipeline.
    condition: an appt.StageCondition; BOOKED, CANCELLED and VISIT_CLOSED
        rules only.
    offset: TIMED rules only: a timedelta from the start of the deal's next
        appointment (negative: before it), within 365 days; else 0.
    id: assigned by the engine at every save.)doc")
      .def_readwrite("id", &StageRule::id)
      .def_readwrite("stage", &StageRule::stage)
      .def(py::self == py::self)
      .def("__repr__", [](const StageRule& r) {
        return absl::StrCat("appt.StageRule(id=", r.id,
                            ", trigger=", StageTriggerName(r.trigger),
                            ", condition=", StageConditionName(r.condition),
                            ", offset=", r.offset.count(),
                            "s, stage=", PyRepr(r.stage), ")");
      });
  CopyProperty(rule, "trigger", &StageRule::trigger);
  CopyProperty(rule, "condition", &StageRule::condition);
  DurationProperty(rule, "offset", &StageRule::offset);

  py::class_<Pipeline> pipeline(m, "Pipeline", R"doc(
A CRM pipeline: ordered stages (the board's columns) and the rules that move
a deal between them. List-valued fields are copied in and out: assign a
whole new list to change one.)doc");
  pipeline
      .def(py::init([](std::string name, std::vector<Stage> stages,
                       std::vector<StageRule> rules, DealSource opens_deals,
                       std::vector<ServiceId> service_ids,
                       std::string external_id, PipelineId id) {
             Pipeline p;
             p.id = id;
             p.name = std::move(name);
             p.opens_deals = opens_deals;
             p.service_ids = std::move(service_ids);
             p.stages = std::move(stages);
             p.rules = std::move(rules);
             p.external_id = std::move(external_id);
             return p;
           }),
           py::kw_only(), py::arg("name"), py::arg("stages"),
           py::arg("rules") = std::vector<StageRule>{},
           py::arg("opens_deals") = DealSource::kManual,
           py::arg("service_ids") = std::vector<ServiceId>{},
           py::arg("external_id") = "", py::arg("id") = 0,
           R"doc(Args:
    name: shown on the board and the deal card.
    stages: 1..50 appt.Stage values, in board order.
    rules: 0..100 appt.StageRule values, in precedence order.
    opens_deals: an appt.DealSource; at most one pipeline opens deals from
        a source for a service.
    service_ids: the services it covers; [] for every service.)doc")
      .def_readwrite("id", &Pipeline::id)
      .def_readwrite("name", &Pipeline::name)
      .def_readwrite("external_id", &Pipeline::external_id)
      .def(
          "stage",
          [](const Pipeline& p, const std::string& name) {
            for (const Stage& s : p.stages) {
              if (s.name == name) return s;
            }
            throw py::key_error(name);
          },
          py::arg("name"), "The stage named `name`; KeyError if none.")
      .def(py::self == py::self)
      .def("__repr__", [](const Pipeline& p) {
        return absl::StrCat(
            "appt.Pipeline(id=", p.id, ", name=", PyRepr(p.name),
            ", opens_deals=", DealSourceName(p.opens_deals),
            ", stages=", p.stages.size(), ", rules=", p.rules.size(), ")");
      });
  CopyProperty(pipeline, "opens_deals", &Pipeline::opens_deals);
  CopyProperty(pipeline, "service_ids", &Pipeline::service_ids);
  CopyProperty(pipeline, "stages", &Pipeline::stages);
  CopyProperty(pipeline, "rules", &Pipeline::rules);

  m.def("one_time_pipeline_preset", &OneTimePipelinePreset,
        R"doc(The one-time pipeline, unsaved: it opens a deal for every
booking not made on a membership. Appointment Scheduled (booked),
Appointment Today (12 h before), Paid Won (2 h after the start), Closed
Lost (cancelled).

Returns:
    An appt.Pipeline to pass to Engine.create_pipeline.)doc");
  m.def("membership_pipeline_preset", &MembershipPipelinePreset,
        R"doc(The membership pipeline, unsaved: it opens a deal for every
membership bought. Appointment Unscheduled (bought; the last visit closed
or cancelled with none booked), Appointment Scheduled (booked; a visit
closed or cancelled with another booked), Appointment Tomorrow (48 h
before), Appointment Today (12 h before), Membership Expired.

Returns:
    An appt.Pipeline to pass to Engine.create_pipeline.)doc");
}

void BindDealInputs(py::module_& m) {
  py::class_<IntegrationField>(m, "IntegrationField", R"doc(
A host's own key and value on a deal, kept verbatim for its integration.)doc")
      .def(py::init([](std::string key, std::string value) {
             return IntegrationField{std::move(key), std::move(value)};
           }),
           py::kw_only(), py::arg("key"), py::arg("value") = "",
           R"doc(Args:
    key: 1..200 bytes, unique within a deal.
    value: free text.)doc")
      .def_readwrite("key", &IntegrationField::key)
      .def_readwrite("value", &IntegrationField::value)
      .def(py::self == py::self)
      .def("__repr__", [](const IntegrationField& f) {
        return absl::StrCat("appt.IntegrationField(key=", PyRepr(f.key),
                            ", value=", PyRepr(f.value), ")");
      });

  py::class_<OpenDealRequest> request(m, "OpenDealRequest", R"doc(
A deal the host opens itself, in any pipeline: it starts where the
pipeline's OPENED rule says, else in its first stage; linked appointments
then move it as their booking would.)doc");
  request
      .def(py::init([](PipelineId pipeline_id, CustomerId customer_id,
                       std::string title, int64_t amount_minor_units,
                       std::string currency, MembershipId membership_id,
                       std::vector<AppointmentId> appointment_ids,
                       std::string external_id,
                       std::vector<IntegrationField> integration,
                       std::optional<Actor> actor) {
             OpenDealRequest r;
             r.pipeline_id = pipeline_id;
             r.customer_id = customer_id;
             r.title = std::move(title);
             r.amount = {amount_minor_units, std::move(currency)};
             r.membership_id = membership_id;
             r.appointment_ids = std::move(appointment_ids);
             r.external_id = std::move(external_id);
             r.integration = std::move(integration);
             if (actor) r.actor = *std::move(actor);
             return r;
           }),
           py::kw_only(), py::arg("pipeline_id"), py::arg("customer_id"),
           py::arg("title") = "", py::arg("amount_minor_units") = 0,
           py::arg("currency") = "EUR", py::arg("membership_id") = 0,
           py::arg("appointment_ids") = std::vector<AppointmentId>{},
           py::arg("external_id") = "",
           py::arg("integration") = std::vector<IntegrationField>{},
           py::arg("actor") = py::none(),
           R"doc(Args:
    pipeline_id, customer_id: where, and whose.
    title: shown on the board.
    amount_minor_units, currency: the deal's amount (ISO 4217).
    membership_id: the customer's membership, without a deal yet; 0: none.
    appointment_ids: the customer's appointments, not linked to a deal.
    integration: appt.IntegrationField values for the host's integration.
    actor: an appt.Actor; None means staff.)doc")
      .def_readwrite("pipeline_id", &OpenDealRequest::pipeline_id)
      .def_readwrite("customer_id", &OpenDealRequest::customer_id)
      .def_readwrite("title", &OpenDealRequest::title)
      .def_property(
          "amount_minor_units",
          [](const OpenDealRequest& r) { return r.amount.minor_units; },
          [](OpenDealRequest& r, int64_t v) { r.amount.minor_units = v; })
      .def_property(
          "currency",
          [](const OpenDealRequest& r) { return r.amount.currency; },
          [](OpenDealRequest& r, std::string v) {
            r.amount.currency = std::move(v);
          })
      .def_readwrite("membership_id", &OpenDealRequest::membership_id)
      .def_readwrite("external_id", &OpenDealRequest::external_id)
      .def("__repr__", [](const OpenDealRequest& r) {
        return absl::StrCat("appt.OpenDealRequest(pipeline_id=", r.pipeline_id,
                            ", customer_id=", r.customer_id,
                            ", title=", PyRepr(r.title), ")");
      });
  CopyProperty(request, "appointment_ids", &OpenDealRequest::appointment_ids);
  CopyProperty(request, "integration", &OpenDealRequest::integration);
  CopyProperty(request, "actor", &OpenDealRequest::actor);

  py::class_<DealQuery>(m, "DealQuery", R"doc(
Deals matching every filter set, by id; at most `limit` (1..10000).)doc")
      .def(py::init([](PipelineId pipeline_id, StageId stage_id,
                       CustomerId customer_id, bool open_only, int limit) {
             DealQuery q;
             q.pipeline_id = pipeline_id;
             q.stage_id = stage_id;
             q.customer_id = customer_id;
             q.open_only = open_only;
             q.limit = limit;
             return q;
           }),
           py::kw_only(), py::arg("pipeline_id") = 0, py::arg("stage_id") = 0,
           py::arg("customer_id") = 0, py::arg("open_only") = false,
           py::arg("limit") = 1000,
           R"doc(Args:
    pipeline_id, stage_id, customer_id: 0 for any.
    open_only: only deals not in a won or lost stage.
    limit: 1..10000.)doc")
      .def_readwrite("pipeline_id", &DealQuery::pipeline_id)
      .def_readwrite("stage_id", &DealQuery::stage_id)
      .def_readwrite("customer_id", &DealQuery::customer_id)
      .def_readwrite("open_only", &DealQuery::open_only)
      .def_readwrite("limit", &DealQuery::limit)
      .def("__repr__", [](const DealQuery& q) {
        return absl::StrCat("appt.DealQuery(pipeline_id=", q.pipeline_id,
                            ", stage_id=", q.stage_id,
                            ", customer_id=", q.customer_id,
                            ", open_only=", q.open_only ? "True" : "False",
                            ", limit=", q.limit, ")");
      });
}

void BindDealResults(py::module_& m) {
  BindNamedEnum(m, "DealEntryKind",
                "A line of a deal's history: OPENED, STAGE_CHANGED or NOTE.",
                &DealEntryKindName, DealEntryKind::kNote);

  py::class_<Deal>(m, "Deal", R"doc(
A customer's deal in a pipeline: its stage, the appointments and membership
it follows, and the host's integration fields. closed_at is set while it is
in a won or lost stage.)doc")
      .def_readonly("id", &Deal::id)
      .def_readonly("pipeline_id", &Deal::pipeline_id)
      .def_readonly("stage_id", &Deal::stage_id)
      .def_readonly("customer_id", &Deal::customer_id)
      .def_readonly("title", &Deal::title)
      .def_property_readonly("amount_minor_units",
                             [](const Deal& d) { return d.amount.minor_units; })
      .def_property_readonly("currency",
                             [](const Deal& d) { return d.amount.currency; })
      .def_readonly("membership_id", &Deal::membership_id,
                    "The membership it follows; 0 when none.")
      .def_readonly("appointment_ids", &Deal::appointment_ids)
      .def_readonly("external_id", &Deal::external_id)
      .def_readonly("integration", &Deal::integration)
      .def_property_readonly(
          "opened_at", [](const Deal& d) { return FromInstant(d.opened_at); })
      .def_property_readonly(
          "stage_changed_at",
          [](const Deal& d) { return FromInstant(d.stage_changed_at); })
      .def_property_readonly(
          "closed_at",
          [](const Deal& d) { return FromOptionalInstant(d.closed_at); })
      .def(py::self == py::self)
      .def("__repr__", [](const Deal& d) {
        return absl::StrCat(
            "appt.Deal(id=", d.id, ", pipeline_id=", d.pipeline_id,
            ", stage_id=", d.stage_id, ", customer_id=", d.customer_id,
            ", title=", PyRepr(d.title), ")");
      });

  py::class_<DealEntry>(m, "DealEntry", R"doc(
One line of a deal's history. OPENED and STAGE_CHANGED entries carry the
stages (by id and by name as they were) and the cause in text, e.g.
"appointment booked", "12h before the visit", "visit cancelled: sick";
NOTE entries carry the note.)doc")
      .def_readonly("id", &DealEntry::id)
      .def_readonly("deal_id", &DealEntry::deal_id)
      .def_property_readonly(
          "at", [](const DealEntry& e) { return FromInstant(e.at); })
      .def_readonly("kind", &DealEntry::kind)
      .def_readonly("actor", &DealEntry::actor)
      .def_readonly("from_stage_id", &DealEntry::from_stage_id)
      .def_readonly("from_stage", &DealEntry::from_stage)
      .def_readonly("to_stage_id", &DealEntry::to_stage_id)
      .def_readonly("to_stage", &DealEntry::to_stage)
      .def_readonly("appointment_id", &DealEntry::appointment_id,
                    "The appointment concerned; 0 when none.")
      .def_readonly("text", &DealEntry::text)
      .def(py::self == py::self)
      .def("__repr__", [](const DealEntry& e) {
        return absl::StrCat("appt.DealEntry(at=", FormatUtc(e.at), ", ",
                            DealEntryKindName(e.kind), ", ",
                            PyRepr(e.from_stage), " -> ", PyRepr(e.to_stage),
                            ", text=", PyRepr(e.text), ")");
      });

  py::class_<DealCard>(m, "DealCard", R"doc(
A deal as a CRM shows it: the deal, its pipeline and stage, the customer's
contacts, the next appointment (its local start "YYYY-MM-DD HH:MM" in its
resource's zone, service and resource), the membership as of now, the
history (newest first) and the raw integration section: the engine's keys
(deal_id, pipeline_id, stage_id, customer_id, membership_id,
appointment_ids, next_appointment_id, next_start_utc, customer_external_id,
deal_external_id) then the host's fields.)doc")
      .def_readonly("deal", &DealCard::deal)
      .def_readonly("pipeline", &DealCard::pipeline)
      .def_readonly("stage", &DealCard::stage)
      .def_readonly("stage_kind", &DealCard::stage_kind)
      .def_readonly("customer", &DealCard::customer)
      .def_property_readonly("next_appointment",
                             [](const DealCard& c) -> py::object {
                               if (!c.next_appointment) return py::none();
                               return py::cast(*c.next_appointment);
                             })
      .def_readonly("next_local_start", &DealCard::next_local_start,
                    "\"YYYY-MM-DD HH:MM\"; \"\" without a next appointment.")
      .def_readonly("next_time_zone", &DealCard::next_time_zone)
      .def_readonly("service", &DealCard::service)
      .def_readonly("resource", &DealCard::resource)
      .def_property_readonly("membership",
                             [](const DealCard& c) -> py::object {
                               if (!c.membership) return py::none();
                               return py::cast(*c.membership);
                             })
      .def_readonly("membership_kind", &DealCard::membership_kind,
                    "The membership plan's name.")
      .def_readonly("visits_left", &DealCard::visits_left)
      .def_readonly("certificate_number", &DealCard::certificate_number)
      .def_readonly("history", &DealCard::history)
      .def_readonly("integration", &DealCard::integration)
      .def("__repr__", [](const DealCard& c) {
        return absl::StrCat("appt.DealCard(deal_id=", c.deal.id,
                            ", pipeline=", PyRepr(c.pipeline),
                            ", stage=", PyRepr(c.stage), ")");
      });

  py::class_<DealBoardColumn>(m, "DealBoardColumn",
                              "One stage of a board: its deals and their sum.")
      .def_readonly("stage_id", &DealBoardColumn::stage_id)
      .def_readonly("stage", &DealBoardColumn::stage)
      .def_readonly("kind", &DealBoardColumn::kind)
      .def_readonly("deals", &DealBoardColumn::deals)
      .def_readonly("amount_minor_units", &DealBoardColumn::amount_minor_units,
                    "The sum of the deals' amounts.")
      .def("__repr__", [](const DealBoardColumn& c) {
        return absl::StrCat("appt.DealBoardColumn(", PyRepr(c.stage), ": ",
                            c.deals, " deals, ", c.amount_minor_units, ")");
      });

  py::class_<DealBoard>(m, "DealBoard",
                        "A pipeline's deals counted per stage, in board "
                        "order.")
      .def_readonly("pipeline_id", &DealBoard::pipeline_id)
      .def_readonly("pipeline", &DealBoard::pipeline)
      .def_readonly("columns", &DealBoard::columns)
      .def("__repr__", [](const DealBoard& b) {
        return absl::StrCat("appt.DealBoard(pipeline_id=", b.pipeline_id,
                            ", pipeline=", PyRepr(b.pipeline),
                            ", columns=", b.columns.size(), ")");
      });
}

}  // namespace

void BindDeals(py::module_& m) {
  BindPipelineRecords(m);
  BindDealInputs(m);
  BindDealResults(m);
}

}  // namespace appt::python
