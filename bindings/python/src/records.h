// Python classes for appt's records and enums (appt.Resource, appt.Service,
// appt.Appointment, appt.MessageRule, appt.Message, …). Each record is a
// value with a keyword-only constructor, equality and a __repr__.
#ifndef APPT_BINDINGS_PYTHON_SRC_RECORDS_H_
#define APPT_BINDINGS_PYTHON_SRC_RECORDS_H_

#include <pybind11/pybind11.h>

namespace appt::python {

void BindEnums(pybind11::module_& m);
void BindCatalog(pybind11::module_& m);
void BindAppointments(pybind11::module_& m);
// appt.MessageKind … appt.FiringOutcome, appt.TEMPLATE_FIELDS, the rule
// records and appt.MessagingSettings.
void BindMessageRules(pybind11::module_& m);
// appt.Message, appt.Firing, appt.Timer, the run-due reports and
// appt.SendResult.
void BindOutbox(pybind11::module_& m);
// appt.StatusMarker, appt.Status, appt.StatusChain, appt.WorkflowSettings,
// appt.StatusChange, appt.StatusCount and appt.StatusBoard.
void BindWorkflow(pybind11::module_& m);
// appt.ConfirmationSettings, the board's records, appt.TaskRule and
// appt.Task with their enums.
void BindConfirmation(pybind11::module_& m);
// appt.NoShowPolicy, appt.MembershipState, appt.MembershipPlan and
// appt.Membership.
void BindMemberships(pybind11::module_& m);
// appt.StageKind … appt.DealSource, appt.Stage, appt.StageRule,
// appt.Pipeline and the presets, appt.IntegrationField,
// appt.OpenDealRequest, appt.DealQuery, appt.DealEntryKind, appt.Deal,
// appt.DealEntry, appt.DealCard, appt.DealBoardColumn and appt.DealBoard.
void BindDeals(pybind11::module_& m);

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_RECORDS_H_
