// MemoryStore's row types: appointments packed as integers plus one block
// of text, and the conversions the tables use. Shared by memory_internal.h;
// plain values, not thread safe on their own.
#ifndef APPT_STORAGE_MEMORY_MEMORY_ROWS_H_
#define APPT_STORAGE_MEMORY_MEMORY_ROWS_H_

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "appt/appointment.h"

namespace appt::memory_internal {

inline int64_t Secs(Instant t) { return t.time_since_epoch().count(); }
inline Instant At(int64_t seconds) { return Instant(Duration(seconds)); }

inline absl::Status NotFound(absl::string_view field, int64_t id) {
  return absl::NotFoundError(absl::StrCat(field, " ", id, " not found"));
}

// Up to three strings in one heap block (none when all are empty):
// three uint32 lengths, then the bytes.
class PackedText {
 public:
  PackedText() = default;
  PackedText(absl::string_view a, absl::string_view b, absl::string_view c) {
    const uint32_t lens[3] = {static_cast<uint32_t>(a.size()),
                              static_cast<uint32_t>(b.size()),
                              static_cast<uint32_t>(c.size())};
    const size_t total = a.size() + b.size() + c.size();
    if (total == 0) return;
    data_ = std::make_unique<char[]>(sizeof(lens) + total);
    std::memcpy(data_.get(), lens, sizeof(lens));
    char* p = data_.get() + sizeof(lens);
    for (absl::string_view s : {a, b, c}) {
      if (!s.empty()) std::memcpy(p, s.data(), s.size());
      p += s.size();
    }
  }
  PackedText(const PackedText& other)
      : PackedText(other.Get(0), other.Get(1), other.Get(2)) {}
  PackedText& operator=(const PackedText& other) {
    if (this != &other) *this = PackedText(other);
    return *this;
  }
  PackedText(PackedText&&) = default;
  PackedText& operator=(PackedText&&) = default;

  absl::string_view Get(int i) const {
    if (data_ == nullptr) return {};
    uint32_t lens[3];
    std::memcpy(lens, data_.get(), sizeof(lens));
    size_t offset = sizeof(lens);
    for (int k = 0; k < i; ++k) offset += lens[k];
    return absl::string_view(data_.get() + offset, lens[i]);
  }

 private:
  std::unique_ptr<char[]> data_;
};

// An unset optional instant in a packed row.
inline constexpr int64_t kNoInstant = std::numeric_limits<int64_t>::min();

// An appointment as kept in memory: ids and instants as integers, the three
// free-text fields packed. The id is the row's position + 1.
struct StoredAppointment {
  int64_t service_id;
  int64_t resource_id;
  int64_t customer_id;
  int64_t start;
  int64_t end;
  int64_t blocked_start;
  int64_t blocked_end;
  int64_t created_at;
  int64_t updated_at;
  int64_t status_id;
  int64_t confirmed_at;               // kNoInstant when unset
  int64_t confirmation_requested_at;  // kNoInstant when unset
  int64_t membership_id;
  PackedText text;  // cancel_reason, external_id, notes
  uint8_t state;
  uint8_t source;
  // The appointment's rows elsewhere, kept by the store across updates
  // (UpdateAppointment carries them over): the newest timeline entry,
  // message and firing of its RowChains (0 = none), and its timers' ids.
  int64_t newest_timeline;
  int64_t newest_message;
  int64_t newest_firing;
  absl::InlinedVector<int64_t, 2> timer_ids;

  static StoredAppointment From(const Appointment& a) {
    return {a.service_id,
            a.resource_id,
            a.customer_id,
            Secs(a.start),
            Secs(a.end),
            Secs(a.blocked.start),
            Secs(a.blocked.end),
            Secs(a.created_at),
            Secs(a.updated_at),
            a.status_id,
            a.confirmed_at ? Secs(*a.confirmed_at) : kNoInstant,
            a.confirmation_requested_at ? Secs(*a.confirmation_requested_at)
                                        : kNoInstant,
            a.membership_id,
            PackedText(a.cancel_reason, a.external_id, a.notes),
            static_cast<uint8_t>(a.state),
            static_cast<uint8_t>(a.source),
            0,
            0,
            0,
            {}};
  }
  // The row for `a` keeping this row's links to other tables.
  StoredAppointment Updated(const Appointment& a) const {
    StoredAppointment row = From(a);
    row.newest_timeline = newest_timeline;
    row.newest_message = newest_message;
    row.newest_firing = newest_firing;
    row.timer_ids = timer_ids;
    return row;
  }
  Appointment ToAppointment(AppointmentId id) const {
    Appointment a;
    a.id = id;
    a.service_id = service_id;
    a.resource_id = resource_id;
    a.customer_id = customer_id;
    a.start = At(start);
    a.end = At(end);
    a.blocked = {At(blocked_start), At(blocked_end)};
    a.state = static_cast<AppointmentState>(state);
    a.source = static_cast<BookingSource>(source);
    a.created_at = At(created_at);
    a.updated_at = At(updated_at);
    a.status_id = status_id;
    if (confirmed_at != kNoInstant) a.confirmed_at = At(confirmed_at);
    if (confirmation_requested_at != kNoInstant) {
      a.confirmation_requested_at = At(confirmation_requested_at);
    }
    a.membership_id = membership_id;
    a.cancel_reason = std::string(text.Get(0));
    a.external_id = std::string(text.Get(1));
    a.notes = std::string(text.Get(2));
    return a;
  }
  bool active() const {
    return state == static_cast<uint8_t>(AppointmentState::kBooked);
  }
  bool pending() const {
    return state == static_cast<uint8_t>(AppointmentState::kPending);
  }
};

}  // namespace appt::memory_internal

#endif  // APPT_STORAGE_MEMORY_MEMORY_ROWS_H_
