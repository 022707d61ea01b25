// Conversions between the C ABI's confirmation-cycle structs
// (appt_confirmation.h) and appt's C++ records. Input conversions check
// struct versions, NULL arrays with non-zero counts and enum ranges, naming
// the field (the engine validates the rest); output conversions copy into
// an Owner. Pure functions; thread safe.
#ifndef APPT_CAPI_SRC_CONVERT_CONFIRMATION_H_
#define APPT_CAPI_SRC_CONVERT_CONFIRMATION_H_

#include "convert.h"
#include "convert_workflow.h"

namespace appt::capi {

absl::StatusOr<ConfirmationSettings> FromC(
    const appt_confirmation_settings& in);
absl::StatusOr<ConfirmationBoardQuery> FromC(
    const appt_confirmation_board_query& in);
absl::StatusOr<TaskRule> FromC(const appt_task_rule& in);
absl::StatusOr<TaskQuery> FromC(const appt_task_query& in);

void ToC(const ConfirmationSettings& in, Owner& owner,
         appt_confirmation_settings* out);
void ToC(const ConfirmationBoard& in, Owner& owner,
         appt_confirmation_board* out);
void ToC(const TaskRule& in, Owner& owner, appt_task_rule* out);
void ToC(const Task& in, Owner& owner, appt_task* out);

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_CONFIRMATION_H_
