// When timed rules fire (R4.1, R4.3): lead times, local times of day in
// the recipient's zone across DST changes, and the send window.
#include "messaging/timing.h"

#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace appt::messaging {
namespace {

using appt::testing::Utc;
using std::chrono::hours;
using std::chrono::minutes;

const date::time_zone* Zone(const char* name) {
  return date::locate_zone(name);
}

Appointment At(Instant start) {
  Appointment a;
  a.id = 1;
  a.service_id = 7;
  a.start = start;
  a.end = start + minutes(30);
  a.created_at = a.updated_at = Utc(2027, 1, 4, 12);
  return a;
}

MessageRule LocalReminder(int hour, int minute, int days_before) {
  MessageRule r;
  r.kind = MessageKind::kReminder;
  r.at_local_time = LocalTimeOfDay{hour * 60 + minute, days_before};
  return r;
}

Instant Nominal(const MessageRule& r, Instant start, const char* zone) {
  auto plan = PlanTimer(r, At(start), Zone(zone), std::nullopt);
  EXPECT_TRUE(plan.has_value());
  return plan ? plan->nominal_due : Instant{};
}

TEST(PlanTimerTest, LeadTimesAndOccurrences) {
  MessageRule r;
  r.kind = MessageKind::kReminder;
  r.offset = hours(24);
  const Instant start = Utc(2027, 3, 17, 9);
  auto plan = PlanTimer(r, At(start), Zone("Europe/Berlin"), std::nullopt);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->nominal_due, Utc(2027, 3, 16, 9));
  EXPECT_EQ(plan->due, plan->nominal_due);
  EXPECT_EQ(plan->occurrence, start.time_since_epoch().count());

  r.kind = MessageKind::kNoShowFollowUp;
  r.offset = minutes(10);
  EXPECT_EQ(Nominal(r, start, "UTC"), start + minutes(10));
  r.kind = MessageKind::kBookingInfo;
  r.offset = hours(1);
  plan = PlanTimer(r, At(start), Zone("UTC"), std::nullopt);
  EXPECT_EQ(plan->nominal_due, Utc(2027, 1, 4, 13));
  EXPECT_EQ(plan->occurrence, 0);
}

TEST(PlanTimerTest, StatesEachKindAppliesTo) {
  MessageRule reminder;
  reminder.kind = MessageKind::kReminder;
  MessageRule again;
  again.kind = MessageKind::kBookAgain;
  again.offset = std::chrono::days(30);
  Appointment a = At(Utc(2027, 3, 17, 9));
  const auto* utc = Zone("UTC");
  EXPECT_TRUE(PlanTimer(reminder, a, utc, std::nullopt));
  EXPECT_FALSE(PlanTimer(again, a, utc, std::nullopt));
  a.state = AppointmentState::kAttended;
  a.updated_at = Utc(2027, 3, 17, 9, 40);
  EXPECT_FALSE(PlanTimer(reminder, a, utc, std::nullopt));
  EXPECT_EQ(PlanTimer(again, a, utc, std::nullopt)->nominal_due,
            Utc(2027, 4, 16, 9, 40));
  a.state = AppointmentState::kCancelled;
  EXPECT_FALSE(PlanTimer(reminder, a, utc, std::nullopt));
  MessageRule confirmed;
  confirmed.kind = MessageKind::kConfirmed;
  a.state = AppointmentState::kBooked;
  EXPECT_FALSE(PlanTimer(confirmed, a, utc, std::nullopt));
}

TEST(PlanTimerTest, BerlinLocalTimesAcrossSpringForward) {
  // DST starts Sunday 2027-03-28 02:00 -> 03:00 (CET +1 -> CEST +2).
  const auto eve = LocalReminder(18, 0, 1);
  const auto morning = LocalReminder(9, 0, 0);
  // Fri 2027-03-26 10:00 CET, before the change.
  EXPECT_EQ(Nominal(eve, Utc(2027, 3, 26, 9), "Europe/Berlin"),
            Utc(2027, 3, 25, 17));
  EXPECT_EQ(Nominal(morning, Utc(2027, 3, 26, 9), "Europe/Berlin"),
            Utc(2027, 3, 26, 8));
  // Mon 2027-03-29 10:00 CEST: "18:00 the day before" is Sunday 18:00
  // CEST, on the day of the change.
  EXPECT_EQ(Nominal(eve, Utc(2027, 3, 29, 8), "Europe/Berlin"),
            Utc(2027, 3, 28, 16));
  EXPECT_EQ(Nominal(morning, Utc(2027, 3, 29, 8), "Europe/Berlin"),
            Utc(2027, 3, 29, 7));
  // 02:30 on the day of the change does not exist: it moves past the gap.
  EXPECT_EQ(Nominal(LocalReminder(2, 30, 0), Utc(2027, 3, 28, 10),
                    "Europe/Berlin"),
            Utc(2027, 3, 28, 1));
}

TEST(PlanTimerTest, NewYorkLocalTimesAcrossSpringForward) {
  // DST starts Sunday 2027-03-14 02:00 -> 03:00 (EST -5 -> EDT -4).
  const auto eve = LocalReminder(18, 0, 1);
  // Mon 2027-03-15 10:00 EDT = 14:00 UTC; Sunday 18:00 EDT = 22:00 UTC.
  EXPECT_EQ(Nominal(eve, Utc(2027, 3, 15, 14), "America/New_York"),
            Utc(2027, 3, 14, 22));
  // Sun 2027-03-14 10:00 EDT: Saturday 18:00 EST = 23:00 UTC.
  EXPECT_EQ(Nominal(eve, Utc(2027, 3, 14, 14), "America/New_York"),
            Utc(2027, 3, 13, 23));
  EXPECT_EQ(Nominal(LocalReminder(2, 30, 0), Utc(2027, 3, 14, 14),
                    "America/New_York"),
            Utc(2027, 3, 14, 7));
}

TEST(PlanTimerTest, LordHoweHalfHourFallBack) {
  // DST ends Sunday 2027-04-04 02:00 -> 01:30 (+11 -> +10:30).
  const auto eve = LocalReminder(18, 0, 1);
  const auto morning = LocalReminder(9, 0, 0);
  // Mon 2027-04-05 10:00 +10:30 = Sun 2027-04-04 23:30 UTC.
  const Instant monday = Utc(2027, 4, 4, 23, 30);
  EXPECT_EQ(Nominal(eve, monday, "Australia/Lord_Howe"),
            Utc(2027, 4, 4, 7, 30));
  EXPECT_EQ(Nominal(morning, monday, "Australia/Lord_Howe"),
            Utc(2027, 4, 4, 22, 30));
  // Sun 2027-04-04 10:00 +10:30; "01:45 on the day" happens twice: the
  // earlier instant (+11) is taken.
  const Instant sunday = Utc(2027, 4, 3, 23, 30);
  EXPECT_EQ(Nominal(LocalReminder(1, 45, 0), sunday, "Australia/Lord_Howe"),
            Utc(2027, 4, 3, 14, 45));
  // Saturday 18:00 is still +11.
  EXPECT_EQ(Nominal(eve, sunday, "Australia/Lord_Howe"), Utc(2027, 4, 3, 7));
}

TEST(SendWindowTest, InsideStaysBeforeOpensAfterClosesNextDay) {
  const LocalSpan window{8 * 60, 21 * 60};
  const auto* berlin = Zone("Europe/Berlin");
  // 10:00 CET is inside.
  EXPECT_EQ(IntoSendWindow(Utc(2027, 3, 16, 9), berlin, window),
            Utc(2027, 3, 16, 9));
  // 06:30 CET waits for 08:00 CET.
  EXPECT_EQ(IntoSendWindow(Utc(2027, 3, 16, 5, 30), berlin, window),
            Utc(2027, 3, 16, 7));
  // 21:00 CET is outside (the window is half-open): 08:00 the next day.
  EXPECT_EQ(IntoSendWindow(Utc(2027, 3, 16, 20), berlin, window),
            Utc(2027, 3, 17, 7));
  // Across the change: Saturday 22:00 CET waits until Sunday 08:00 CEST.
  EXPECT_EQ(IntoSendWindow(Utc(2027, 3, 27, 21), berlin, window),
            Utc(2027, 3, 28, 6));
  // Lord Howe's half hour: Saturday 23:00 +11 -> Sunday 08:00 +10:30.
  EXPECT_EQ(IntoSendWindow(Utc(2027, 4, 3, 12), Zone("Australia/Lord_Howe"),
                           window),
            Utc(2027, 4, 3, 21, 30));
}

TEST(SendWindowTest, PlanKeepsNominalAndMovesDue) {
  MessageRule r;
  r.kind = MessageKind::kReminder;
  r.offset = hours(26);
  // Start Wed 2027-03-17 09:00 CET: nominal Tue 07:00 CET = 06:00 UTC.
  auto plan = PlanTimer(r, At(Utc(2027, 3, 17, 8)), Zone("Europe/Berlin"),
                        LocalSpan{8 * 60, 21 * 60});
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->nominal_due, Utc(2027, 3, 16, 6));
  EXPECT_EQ(plan->due, Utc(2027, 3, 16, 7));
}

}  // namespace
}  // namespace appt::messaging
