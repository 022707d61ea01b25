// Conversions between the C ABI's structs and appt's C++ records. Input
// conversions check struct versions, NULL arrays with non-zero counts and
// enum ranges (the engine validates the rest); output conversions copy into
// an Owner. Pure functions; thread safe.
#ifndef APPT_CAPI_SRC_CONVERT_H_
#define APPT_CAPI_SRC_CONVERT_H_

#include "absl/status/statusor.h"
#include "capi_internal.h"

namespace appt::capi {

inline Instant ToInstant(int64_t unix_seconds) {
  return Instant(Duration(unix_seconds));
}
inline int64_t ToUnix(Instant t) { return t.time_since_epoch().count(); }

// InvalidArgument unless a non-zero count comes with a non-NULL array.
absl::Status CheckArray(const char* field, const void* items, size_t count);

absl::StatusOr<Resource> FromC(const appt_resource& in);
absl::StatusOr<BlockedInterval> FromC(const appt_block& in);
absl::StatusOr<Service> FromC(const appt_service& in);
absl::StatusOr<Customer> FromC(const appt_customer& in);
absl::StatusOr<SlotQuery> FromC(const appt_slot_query& in);
absl::StatusOr<BookRequest> FromC(const appt_book_request& in);
absl::StatusOr<RescheduleRequest> FromC(const appt_reschedule_request& in);
// `field` names the actor in errors; NULL means staff with an empty id.
absl::StatusOr<Actor> ActorFromC(const char* field, const appt_actor* in);

// Fill `out` (its version already checked) with strings kept by `owner`.
void ToC(const Resource& in, Owner& owner, appt_resource* out);
void ToC(const BlockedInterval& in, Owner& owner, appt_block* out);
void ToC(const Service& in, Owner& owner, appt_service* out);
void ToC(const Customer& in, Owner& owner, appt_customer* out);
void ToC(const Appointment& in, Owner& owner, appt_appointment* out);
void ToC(const TimelineEntry& in, Owner& owner, appt_timeline_entry* out);
void ActorToC(const Actor& in, Owner& owner, appt_actor* out);

// Fills a list struct: the items array and each item, owned by the list.
template <typename List, typename Record>
void ListToC(const std::vector<Record>& records, List* out) {
  Owner* owner = ResetOwner(&out->owner_);
  using Item = std::remove_pointer_t<decltype(out->items)>;
  out->items = records.empty() ? nullptr : owner->Array<Item>(records.size());
  out->count = records.size();
  for (size_t i = 0; i < records.size(); ++i) {
    ToC(records[i], *owner, &out->items[i]);
  }
}

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_H_
