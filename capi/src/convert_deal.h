// Conversions between the C ABI's deal structs (appt_deal.h) and appt's
// C++ records. Input conversions check struct versions, NULL arrays with
// non-zero counts and enum ranges, naming the field (the engine validates
// the rest); output conversions copy into an Owner. Pure functions; thread
// safe.
#ifndef APPT_CAPI_SRC_CONVERT_DEAL_H_
#define APPT_CAPI_SRC_CONVERT_DEAL_H_

#include "convert.h"

namespace appt::capi {

absl::StatusOr<Pipeline> FromC(const appt_pipeline& in);
absl::StatusOr<OpenDealRequest> FromC(const appt_open_deal_request& in);
absl::StatusOr<DealQuery> FromC(const appt_deal_query& in);
absl::StatusOr<std::vector<IntegrationField>> FieldsFromC(
    const appt_integration_field* fields, size_t count);

void ToC(const Pipeline& in, Owner& owner, appt_pipeline* out);
void ToC(const Deal& in, Owner& owner, appt_deal* out);
void ToC(const DealEntry& in, Owner& owner, appt_deal_entry* out);
void ToC(const DealCard& in, Owner& owner, appt_deal_card* out);
void ToC(const DealBoard& in, Owner& owner, appt_deal_board* out);

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_DEAL_H_
