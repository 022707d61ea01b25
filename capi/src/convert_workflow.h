// Conversions between the C ABI's workflow structs (appt_workflow.h) and
// appt's C++ records. Input conversions check struct versions, NULL arrays
// with non-zero counts and enum ranges, naming the field (the engine
// validates the rest); output conversions copy into an Owner. Pure
// functions; thread safe.
#ifndef APPT_CAPI_SRC_CONVERT_WORKFLOW_H_
#define APPT_CAPI_SRC_CONVERT_WORKFLOW_H_

#include "convert.h"

namespace appt::capi {

// The resources and window a board query covers (status and confirmation
// boards): InvalidArgument when a count comes with a NULL array.
absl::Status BoardScopeFromC(const int64_t* ids, size_t count, int64_t start,
                             int64_t end, std::vector<ResourceId>* ids_out,
                             Interval* window_out);

absl::StatusOr<StatusChain> FromC(const appt_status_chain& in);
absl::StatusOr<WorkflowSettings> FromC(const appt_workflow_settings& in);
absl::StatusOr<StatusChangeRequest> FromC(const appt_status_change_request& in);
absl::StatusOr<StatusBoardQuery> FromC(const appt_status_board_query& in);

void ToC(const StatusChain& in, Owner& owner, appt_status_chain* out);
void ToC(const WorkflowSettings& in, Owner& owner, appt_workflow_settings* out);
void ToC(const StatusChange& in, Owner& owner, appt_status_change* out);
void ToC(const StatusBoard& in, Owner& owner, appt_status_board* out);
void ToC(const ConfirmToken& in, Owner& owner, appt_confirm_token* out);

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_WORKFLOW_H_
