// The crash test's shared workload definition: the catalog and rules the
// parent creates once, and the clock and customer of each step.
#ifndef APPT_TESTS_CRASH_CRASH_WORKLOAD_H_
#define APPT_TESTS_CRASH_CRASH_WORKLOAD_H_

#include <string>

#include "appt/engine.h"

namespace appt::crash {

inline constexpr int kResources = 3;
inline constexpr int kCustomers = 50;
inline constexpr Duration kSlot = std::chrono::minutes(15);
// Each step moves the clock on by this much; reminders are due within it.
inline constexpr Duration kStepLength = std::chrono::minutes(20);

// Monday 2027-03-22 00:00 UTC, a week before Berlin's DST change.
inline Instant StepTime(int step) {
  return Instant(Duration(1805673600)) + kStepLength * step;
}
inline CustomerId CustomerOf(int step) { return 1 + step % kCustomers; }
// The k-th quarter hour after step's time, on the quarter-hour grid (so a
// visit never crosses local midnight: Berlin's offsets are whole hours).
inline Instant SlotAfter(int step, int k) {
  const int64_t t = StepTime(step).time_since_epoch().count();
  return Instant(Duration(t - t % 900)) + kSlot * k;
}

// Resources open around the clock, a 15-minute service, customers with an
// email and a phone, and the rules whose messages the test checks:
// confirmed, rescheduled, cancelled, a 24-h reminder by email and a
// "18:00 the day before" reminder by SMS (Berlin and Rome zones).
inline absl::Status Setup(Engine& engine) {
  for (int i = 0; i < kResources; ++i) {
    Resource r;
    r.name = "Room " + std::to_string(i + 1);
    r.time_zone = "Europe/Berlin";
    for (auto& day : r.weekly_hours) day = {{0, 1440}};
    if (auto id = engine.CreateResource(r); !id.ok()) return id.status();
  }
  Service s;
  s.name = "Visit";
  s.duration = kSlot;
  for (int i = 1; i <= kResources; ++i) s.resource_ids.push_back(i);
  if (auto id = engine.CreateService(s); !id.ok()) return id.status();
  for (int i = 0; i < kCustomers; ++i) {
    Customer c;
    c.name = "Customer " + std::to_string(i + 1);
    c.email = "c" + std::to_string(i + 1) + "@example.com";
    c.phone = "+3933300" + std::to_string(10000 + i);
    c.time_zone = i % 2 ? "Europe/Rome" : "";
    if (auto id = engine.CreateCustomer(c); !id.ok()) return id.status();
  }
  const auto rule = [](MessageKind kind, Channel channel) {
    MessageRule r;
    r.name = MessageKindName(kind);
    r.kind = kind;
    r.channels = {channel};
    r.templates = {{channel, "", "", "{{appointment.when}}"}};
    return r;
  };
  MessageRule reminder = rule(MessageKind::kReminder, Channel::kEmail);
  reminder.offset = std::chrono::hours(24);
  MessageRule evening = rule(MessageKind::kReminder, Channel::kSms);
  evening.at_local_time = LocalTimeOfDay{18 * 60, 1};
  for (const MessageRule& r :
       {rule(MessageKind::kConfirmed, Channel::kEmail),
        rule(MessageKind::kRescheduled, Channel::kEmail),
        rule(MessageKind::kCancelled, Channel::kEmail), reminder, evening}) {
    if (auto id = engine.CreateMessageRule(r); !id.ok()) return id.status();
  }
  return absl::OkStatus();
}

}  // namespace appt::crash

#endif  // APPT_TESTS_CRASH_CRASH_WORKLOAD_H_
