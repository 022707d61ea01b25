// Conversions between the C ABI's membership structs (appt_membership.h)
// and appt's C++ records. Input conversions check struct versions, NULL
// arrays with non-zero counts and enum ranges, naming the field (the engine
// validates the rest); output conversions copy into an Owner. Pure
// functions; thread safe.
#ifndef APPT_CAPI_SRC_CONVERT_MEMBERSHIP_H_
#define APPT_CAPI_SRC_CONVERT_MEMBERSHIP_H_

#include "convert.h"

namespace appt::capi {

absl::StatusOr<MembershipPlan> FromC(const appt_membership_plan& in);
absl::StatusOr<PurchaseRequest> FromC(const appt_purchase_request& in);

void ToC(const MembershipPlan& in, Owner& owner, appt_membership_plan* out);
void ToC(const Membership& in, Owner& owner, appt_membership* out);

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_MEMBERSHIP_H_
