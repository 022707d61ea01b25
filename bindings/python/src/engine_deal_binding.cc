// appt.Engine's CRM methods (R6): pipelines, deals, their history, the deal
// card and the board.
#include <pybind11/stl.h>

#include "engine_binding.h"

namespace appt::python {
namespace {

void BindPipelines(py::class_<PyEngine>& cls) {
  cls.def(
         "create_pipeline",
         [](PyEngine& e, const Pipeline& pipeline) {
           return NoGil(e, [&](Engine& engine) {
             return engine.CreatePipeline(pipeline);
           });
         },
         py::arg("pipeline"),
         R"doc(Saves a new pipeline, validated whole.

Args:
    pipeline: an appt.Pipeline whose stage ids are 0, e.g.
        appt.one_time_pipeline_preset().
Returns:
    The appt.Pipeline as stored, with its id, stage ids and rule ids.
Raises:
    InvalidArgumentError: naming the bad field, e.g. a rule naming a stage
        the pipeline lacks.
    NotFoundError: an unknown service.
    FailedPreconditionError: another pipeline already opens deals from the
        same source for one of its services.)doc")
      .def(
          "update_pipeline",
          [](PyEngine& e, const Pipeline& pipeline) {
            return NoGil(e, [&](Engine& engine) {
              return engine.UpdatePipeline(pipeline);
            });
          },
          py::arg("pipeline"),
          R"doc(Replaces pipeline.id: stages with their ids are kept, id 0
adds one, missing ones are removed; the open deals' stage timers are
re-planned from the new rules.

Returns:
    The appt.Pipeline as stored.
Raises:
    FailedPreconditionError: removing a stage that holds deals, or
        changing its kind.)doc")
      .def(
          "delete_pipeline",
          [](PyEngine& e, PipelineId id) {
            NoGil(e, [&](Engine& engine) { return engine.DeletePipeline(id); });
          },
          py::arg("id"),
          "Deletes a pipeline without deals (FailedPreconditionError "
          "otherwise).")
      .def(
          "get_pipeline",
          [](PyEngine& e, PipelineId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetPipeline(id); });
          },
          py::arg("id"), "Returns:\n    The appt.Pipeline.")
      .def(
          "list_pipelines",
          [](PyEngine& e) {
            return NoGil(
                e, [&](Engine& engine) { return engine.ListPipelines(); });
          },
          "Returns:\n    Every appt.Pipeline, by id.");
}

void BindDealCommands(py::class_<PyEngine>& cls) {
  cls.def(
         "open_deal",
         [](PyEngine& e, const OpenDealRequest& request) {
           return NoGil(
               e, [&](Engine& engine) { return engine.OpenDeal(request); });
         },
         py::arg("request"),
         R"doc(Opens a deal in any pipeline, where its OPENED rule says (else
in its first stage); linked appointments then move it as their booking
would.

Args:
    request: an appt.OpenDealRequest.
Returns:
    The new appt.Deal.
Raises:
    NotFoundError: an unknown pipeline, customer, membership or
        appointment.
    ConflictError: an appointment already belongs to a deal.)doc")
      .def(
          "link_deal_appointment",
          [](PyEngine& e, DealId deal_id, AppointmentId appointment_id,
             py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) {
              return engine.LinkDealAppointment(deal_id, appointment_id, a);
            });
          },
          py::arg("deal_id"), py::arg("appointment_id"), py::kw_only(),
          py::arg("actor") = py::none(),
          R"doc(Attaches an appointment of the deal's customer; a booked one
moves the deal as its booking would.

Args:
    actor: an appt.Actor; None means staff.
Returns:
    The appt.Deal after the change.
Raises:
    ConflictError: the appointment already belongs to a deal.)doc")
      .def(
          "move_deal",
          [](PyEngine& e, DealId deal_id, StageId stage_id, py::handle actor,
             std::string reason) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) {
              return engine.MoveDeal(deal_id, stage_id, a, reason);
            });
          },
          py::arg("deal_id"), py::arg("stage_id"), py::kw_only(),
          py::arg("actor") = py::none(), py::arg("reason") = "",
          R"doc(A staff move to any stage of the deal's pipeline; a closed
deal may be reopened.

Args:
    stage_id: a stage of the deal's pipeline.
    actor: an appt.Actor; None means staff.
    reason: joins the history entry.
Returns:
    The appt.Deal after the move.
Raises:
    InvalidArgumentError: the stage is not the pipeline's.
    FailedPreconditionError: the deal is already in that stage.)doc")
      .def(
          "add_deal_note",
          [](PyEngine& e, DealId deal_id, std::string text, py::handle actor) {
            const Actor a = ActorArg(actor, Actor::Kind::kStaff);
            return NoGil(e, [&](Engine& engine) {
              return engine.AddDealNote(deal_id, a, text);
            });
          },
          py::arg("deal_id"), py::arg("text"), py::kw_only(),
          py::arg("actor") = py::none(),
          R"doc(Adds a note (1..4000 bytes) to the deal's history.

Returns:
    The new appt.DealEntry.)doc")
      .def(
          "set_deal_integration",
          [](PyEngine& e, DealId deal_id, std::string external_id,
             std::vector<IntegrationField> integration) {
            return NoGil(e, [&](Engine& engine) {
              return engine.SetDealIntegration(deal_id, external_id,
                                               integration);
            });
          },
          py::arg("deal_id"), py::arg("external_id"), py::arg("integration"),
          R"doc(Replaces the deal's external id and integration fields.

Args:
    external_id: the host's id for the deal; "" for none.
    integration: appt.IntegrationField values, keys unique.
Returns:
    The appt.Deal after the change.)doc");
}

void BindDealQueries(py::class_<PyEngine>& cls) {
  cls.def(
         "get_deal",
         [](PyEngine& e, DealId id) {
           return NoGil(e, [&](Engine& engine) { return engine.GetDeal(id); });
         },
         py::arg("id"), "Returns:\n    The appt.Deal.")
      .def(
          "list_deals",
          [](PyEngine& e, std::optional<DealQuery> query,
             std::optional<PipelineId> pipeline_id,
             std::optional<StageId> stage_id,
             std::optional<CustomerId> customer_id,
             std::optional<bool> open_only, std::optional<int> limit) {
            DealQuery q = query.value_or(DealQuery{});
            if (pipeline_id) q.pipeline_id = *pipeline_id;
            if (stage_id) q.stage_id = *stage_id;
            if (customer_id) q.customer_id = *customer_id;
            if (open_only) q.open_only = *open_only;
            if (limit) q.limit = *limit;
            return NoGil(e,
                         [&](Engine& engine) { return engine.ListDeals(q); });
          },
          py::arg("query") = py::none(), py::kw_only(),
          py::arg("pipeline_id") = py::none(), py::arg("stage_id") = py::none(),
          py::arg("customer_id") = py::none(),
          py::arg("open_only") = py::none(), py::arg("limit") = py::none(),
          R"doc(Deals matching every filter given, by id.

Args:
    query: an appt.DealQuery; None for every deal (up to 1000).
    pipeline_id, stage_id, customer_id, open_only, limit: set the query's
        field of that name when given.
Returns:
    A list of appt.Deal.
Raises:
    InvalidArgumentError: limit outside 1..10000.)doc")
      .def(
          "deal_history",
          [](PyEngine& e, DealId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.DealHistory(id); });
          },
          py::arg("deal_id"),
          "Returns:\n    The deal's appt.DealEntry list, newest first.")
      .def(
          "deal_card",
          [](PyEngine& e, DealId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetDealCard(id); });
          },
          py::arg("deal_id"),
          R"doc(The deal as a CRM shows it: stage, contacts, next appointment,
membership, history and the raw integration section.

Returns:
    An appt.DealCard.)doc")
      .def(
          "deal_board",
          [](PyEngine& e, PipelineId id) {
            return NoGil(
                e, [&](Engine& engine) { return engine.GetDealBoard(id); });
          },
          py::arg("pipeline_id"),
          R"doc(The pipeline's deals counted per stage.

Returns:
    An appt.DealBoard, its columns in board order.)doc");
}

}  // namespace

void BindEngineDeals(py::class_<PyEngine>& cls) {
  BindPipelines(cls);
  BindDealCommands(cls);
  BindDealQueries(cls);
}

}  // namespace appt::python
