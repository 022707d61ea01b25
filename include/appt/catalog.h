// The catalog: resources (who or what performs a service), services and
// customers (R1.1–R1.3). Plain records; the Engine validates them on every
// create and update and reports the first bad field by name and value.
#ifndef APPT_CATALOG_H_
#define APPT_CATALOG_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "appt/types.h"

namespace appt {

// A span of local wall time within one day, in minutes after midnight:
// [start_minute, end_minute), 0 <= start < end <= 1440.
struct LocalSpan {
  int start_minute = 0;
  int end_minute = 0;
  friend bool operator==(const LocalSpan&, const LocalSpan&) = default;
};

// Weekly working hours: index 0 is Monday … 6 is Sunday (ISO order). A day
// may hold several spans; they must not overlap.
using WeeklyHours = std::array<std::vector<LocalSpan>, 7>;

// A dated exception on the resource's local calendar: a day off (no spans)
// or changed hours (the spans replace that weekday's hours for the day).
struct DateException {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  std::vector<LocalSpan> spans{};  // empty: closed all day
  friend bool operator==(const DateException&, const DateException&) = default;
};

struct Resource {
  ResourceId id = 0;  // assigned by the engine; ignored on create
  std::string name{};
  std::string time_zone{};  // IANA name, e.g. "Europe/Berlin"
  WeeklyHours weekly_hours{};
  std::vector<DateException> exceptions{};  // at most one per date
  std::string notification_email{};         // optional
  std::string responsible_agent{};          // optional host user id
  std::string external_id{};                // optional host id
  friend bool operator==(const Resource&, const Resource&) = default;
};

// A blocked interval on a resource: time off, or a busy time imported from
// another calendar. No slot overlapping it is offered.
struct BlockedInterval {
  BlockId id = 0;  // assigned by the engine
  ResourceId resource_id = 0;
  Interval interval{};
  std::string reason{};       // optional, e.g. "vacation"
  std::string external_id{};  // optional, e.g. the remote calendar's event id
  friend bool operator==(const BlockedInterval&,
                         const BlockedInterval&) = default;
};

// The longest blocked interval an appointment may have (duration plus
// buffers); stores use it to bound overlap queries on one index.
inline constexpr Duration kMaxBlockedSpan = std::chrono::hours(24);

struct Service {
  ServiceId id = 0;  // assigned by the engine
  std::string name{};
  Duration duration{0};       // > 0; duration plus buffers at most 24 h
  Money price{};                // minor_units >= 0
  Duration buffer_before{0};  // >= 0, kept free before each appointment
  Duration buffer_after{0};   // >= 0, kept free after each appointment
  int capacity = 1;           // seats per slot, >= 1
  std::vector<ResourceId> resource_ids{};  // who performs it, non-empty
  Duration min_notice{0};     // earliest start is now + min_notice
  Duration horizon{std::chrono::days(365)};  // latest start is now + horizon
  bool workflow_enabled = false;  // status workflow switch (R3.1)
  std::string external_id{};
  friend bool operator==(const Service&, const Service&) = default;
};

// A customer's consent to be contacted on one channel, with when it was
// given. An unset `given_at` means no consent.
struct Consent {
  std::optional<Instant> given_at{};
  friend bool operator==(const Consent&, const Consent&) = default;
};

struct Consents {
  Consent email{};
  Consent sms{};
  Consent whatsapp{};
  Consent marketing{};
  friend bool operator==(const Consents&, const Consents&) = default;
};

struct Customer {
  CustomerId id = 0;  // assigned by the engine
  std::string name{};
  std::string email{};      // optional; validated when set
  std::string phone{};    // optional; E.164 ("+393331234567") when set
  std::string locale{};     // optional BCP 47 tag, e.g. "it-IT"
  std::string time_zone{};  // optional IANA name
  Consents consents{};
  std::string external_id{};
  friend bool operator==(const Customer&, const Customer&) = default;
};

}  // namespace appt

#endif  // APPT_CATALOG_H_
