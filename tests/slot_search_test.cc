// The pure slot search (R1.4), including DST changes in Europe/Berlin,
// America/New_York and Australia/Lord_Howe's half-hour shift.
#include "appt/slot_search.h"

#include <gtest/gtest.h>

#include "date/date.h"
#include "date/tz.h"

namespace appt {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Instant Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return Instant{date::sys_days{date::year{y} / m / d}.time_since_epoch() +
                 hours(h) + minutes(min)};
}

Resource MakeResource(const std::string& zone, std::vector<int> weekdays,
                      LocalSpan span) {
  Resource r;
  r.id = 7;
  r.name = "Dr. Test";
  r.time_zone = zone;
  for (int d : weekdays) r.weekly_hours[d].push_back(span);
  return r;
}

Service MakeService(int minutes_long, int capacity = 1) {
  Service s;
  s.id = 3;
  s.name = "Visit";
  s.duration = minutes(minutes_long);
  s.capacity = capacity;
  s.resource_ids = {7};
  s.horizon = std::chrono::days(3650);
  return s;
}

std::vector<Slot> Search(const Resource& r, const Service& s, Interval window,
                         std::vector<Occupancy> occupied = {},
                         Instant now = Utc(2020, 1, 1, 0),
                         Duration step = Duration(0)) {
  std::vector<Slot> out;
  SlotSearchInput in{&r, &s, window, step, now, occupied};
  EXPECT_TRUE(FindSlots(in, &out).ok());
  return out;
}

std::vector<Instant> Starts(const std::vector<Slot>& slots) {
  std::vector<Instant> out;
  for (const Slot& s : slots) out.push_back(s.start);
  return out;
}

TEST(SlotSearch, BerlinNineToFiveOnBothSidesOfDst) {
  // Mondays 09:00-17:00 local: 08:00Z before 2027-03-28, 07:00Z after.
  Resource r = MakeResource("Europe/Berlin", {0}, {9 * 60, 17 * 60});
  Service s = MakeService(60);
  auto before = Search(r, s, {Utc(2027, 3, 22, 0), Utc(2027, 3, 23, 0)});
  auto after = Search(r, s, {Utc(2027, 3, 29, 0), Utc(2027, 3, 30, 0)});
  ASSERT_EQ(before.size(), 8u);
  ASSERT_EQ(after.size(), 8u);
  EXPECT_EQ(before.front().start, Utc(2027, 3, 22, 8));
  EXPECT_EQ(before.back().start, Utc(2027, 3, 22, 15));
  EXPECT_EQ(after.front().start, Utc(2027, 3, 29, 7));
  EXPECT_EQ(after.back().start, Utc(2027, 3, 29, 14));
}

TEST(SlotSearch, BerlinSpringGapIsNeverOffered) {
  // Sunday 2027-03-28: 02:00-03:00 local does not exist.
  Resource r = MakeResource("Europe/Berlin", {6}, {60, 5 * 60});
  Service s = MakeService(30);
  auto slots = Search(r, s, {Utc(2027, 3, 27, 12), Utc(2027, 3, 28, 12)});
  const std::vector<Instant> expected = {
      Utc(2027, 3, 28, 0, 0), Utc(2027, 3, 28, 0, 30),
      Utc(2027, 3, 28, 1, 0), Utc(2027, 3, 28, 1, 30),
      Utc(2027, 3, 28, 2, 0), Utc(2027, 3, 28, 2, 30)};
  EXPECT_EQ(Starts(slots), expected);
  const auto* zone = date::locate_zone("Europe/Berlin");
  for (const Slot& slot : slots) {
    const auto local = zone->to_local(slot.start);
    const auto hour =
        date::floor<hours>(local - date::floor<date::days>(local));
    EXPECT_NE(hour.count(), 2) << "offered a nonexistent local time";
  }
}

TEST(SlotSearch, SpanStartingInsideTheGapMovesForward) {
  // 02:30 local does not exist on 2027-03-28; the span opens at 03:00 CEST.
  Resource r = MakeResource("Europe/Berlin", {6}, {150, 4 * 60});
  auto slots = Search(r, MakeService(30), {Utc(2027, 3, 27), Utc(2027, 3, 29)});
  const std::vector<Instant> expected = {Utc(2027, 3, 28, 1, 0),
                                         Utc(2027, 3, 28, 1, 30)};
  EXPECT_EQ(Starts(slots), expected);
}

TEST(SlotSearch, NewYorkFallBackRepeatsAnHour) {
  // Sunday 2027-11-07 00:00-04:00 local lasts five real hours.
  Resource r = MakeResource("America/New_York", {6}, {0, 4 * 60});
  auto slots = Search(r, MakeService(60), {Utc(2027, 11, 6), Utc(2027, 11, 8)});
  const std::vector<Instant> expected = {
      Utc(2027, 11, 7, 4), Utc(2027, 11, 7, 5), Utc(2027, 11, 7, 6),
      Utc(2027, 11, 7, 7), Utc(2027, 11, 7, 8)};
  EXPECT_EQ(Starts(slots), expected);
}

TEST(SlotSearch, LordHoweHalfHourShifts) {
  // 09:00 local is 22:00Z at +11 and 22:30Z at +10:30 (from 2027-04-04).
  Resource r = MakeResource("Australia/Lord_Howe", {0, 1, 2, 3, 4, 5, 6},
                            {9 * 60, 10 * 60});
  auto fri =
      Search(r, MakeService(30), {Utc(2027, 4, 1, 12), Utc(2027, 4, 2, 12)});
  auto mon =
      Search(r, MakeService(30), {Utc(2027, 4, 4, 12), Utc(2027, 4, 5, 12)});
  ASSERT_EQ(fri.size(), 2u);
  ASSERT_EQ(mon.size(), 2u);
  EXPECT_EQ(fri[0].start, Utc(2027, 4, 1, 22, 0));
  EXPECT_EQ(mon[0].start, Utc(2027, 4, 4, 22, 30));
}

TEST(SlotSearch, LordHoweHalfHourGapAndOverlap) {
  // 2027-10-03 02:00-02:30 does not exist: 02:00-03:00 leaves one slot.
  Resource gap = MakeResource("Australia/Lord_Howe", {6}, {2 * 60, 3 * 60});
  auto g = Search(gap, MakeService(30), {Utc(2027, 10, 2), Utc(2027, 10, 3)});
  ASSERT_EQ(Starts(g), std::vector<Instant>{Utc(2027, 10, 2, 15, 30)});
  // 2027-04-04 01:30-02:00 happens twice: 01:00-03:00 lasts 2.5 hours.
  Resource dup = MakeResource("Australia/Lord_Howe", {6}, {60, 3 * 60});
  auto d = Search(dup, MakeService(30), {Utc(2027, 4, 3), Utc(2027, 4, 4)});
  EXPECT_EQ(d.size(), 5u);
  EXPECT_EQ(d.front().start, Utc(2027, 4, 3, 14, 0));
  EXPECT_EQ(d.back().start, Utc(2027, 4, 3, 16, 0));
}

TEST(SlotSearch, ExceptionsCloseOrChangeADay) {
  Resource r = MakeResource("Europe/Berlin", {0, 1}, {9 * 60, 12 * 60});
  r.exceptions.push_back({2027, 3, 22, {}});                    // Monday off
  r.exceptions.push_back({2027, 3, 23, {{14 * 60, 15 * 60}}});  // Tuesday
  auto slots = Search(r, MakeService(60), {Utc(2027, 3, 22), Utc(2027, 3, 24)});
  EXPECT_EQ(Starts(slots), std::vector<Instant>{Utc(2027, 3, 23, 13)});
}

TEST(SlotSearch, SeveralSpansPerDayAndStepFromSpanStart) {
  Resource r = MakeResource("UTC", {0}, {9 * 60, 10 * 60});
  r.weekly_hours[0].push_back({13 * 60 + 15, 14 * 60 + 15});
  auto slots = Search(r, MakeService(30), {Utc(2027, 3, 22), Utc(2027, 3, 23)},
                      {}, Utc(2020, 1, 1), minutes(15));
  const std::vector<Instant> expected = {
      Utc(2027, 3, 22, 9, 0),   Utc(2027, 3, 22, 9, 15),
      Utc(2027, 3, 22, 9, 30),  Utc(2027, 3, 22, 13, 15),
      Utc(2027, 3, 22, 13, 30), Utc(2027, 3, 22, 13, 45)};
  EXPECT_EQ(Starts(slots), expected);
}

TEST(SlotSearch, BuffersKeepNeighboursFree) {
  Resource r = MakeResource("UTC", {0}, {9 * 60, 13 * 60});
  Service s = MakeService(60);
  s.buffer_after = minutes(30);
  // Another appointment 11:00-12:00 (with its own buffer to 12:30).
  std::vector<Occupancy> busy = {
      {{Utc(2027, 3, 22, 11), Utc(2027, 3, 22, 12, 30)},
       99,
       Utc(2027, 3, 22, 11)}};
  auto slots = Search(r, s, {Utc(2027, 3, 22), Utc(2027, 3, 23)}, busy);
  // 09:00 (ends 10:00, buffer to 10:30) fits; 10:00 would buffer into 11:00.
  EXPECT_EQ(Starts(slots), std::vector<Instant>{Utc(2027, 3, 22, 9)});
}

TEST(SlotSearch, GroupCapacitySharesOnlyTheSameStart) {
  Resource r = MakeResource("UTC", {0}, {9 * 60, 12 * 60});
  Service s = MakeService(60, 3);
  const Instant nine = Utc(2027, 3, 22, 9);
  const Instant ten = Utc(2027, 3, 22, 10);
  std::vector<Occupancy> busy = {
      {{nine, nine + hours(1)}, s.id, nine},
      {{nine, nine + hours(1)}, s.id, nine},
      {{ten + minutes(30), ten + minutes(90)}, s.id, ten + minutes(30)}};
  auto slots = Search(r, s, {Utc(2027, 3, 22), Utc(2027, 3, 23)}, busy);
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].start, nine);
  EXPECT_EQ(slots[0].seats_left, 1);
}

TEST(SlotSearch, BlockedIntervalsMayOverlapEachOther) {
  Resource r = MakeResource("UTC", {0}, {9 * 60, 13 * 60});
  std::vector<Occupancy> busy = {
      {{Utc(2027, 3, 22, 9), Utc(2027, 3, 22, 11)}, 0, {}},
      {{Utc(2027, 3, 22, 9, 30), Utc(2027, 3, 22, 10)}, 0, {}},
      {{Utc(2027, 3, 22, 12), Utc(2027, 3, 22, 12, 1)}, 0, {}}};
  auto slots =
      Search(r, MakeService(60), {Utc(2027, 3, 22), Utc(2027, 3, 23)}, busy);
  EXPECT_EQ(Starts(slots), std::vector<Instant>{Utc(2027, 3, 22, 11)});
}

TEST(SlotSearch, NoticeAndHorizon) {
  Resource r = MakeResource("UTC", {0, 1, 2, 3, 4, 5, 6}, {9 * 60, 12 * 60});
  Service s = MakeService(60);
  s.min_notice = hours(2);
  s.horizon = std::chrono::days(1);
  const Instant now = Utc(2027, 3, 22, 8, 30);
  auto slots = Search(r, s, {Utc(2027, 3, 22), Utc(2027, 3, 30)}, {}, now);
  // 09:00 and 10:00 are inside the notice; the horizon ends 2027-03-23 08:30.
  EXPECT_EQ(Starts(slots), std::vector<Instant>{Utc(2027, 3, 22, 11)});
}

TEST(SlotSearch, UnknownZoneIsAnError) {
  Resource r = MakeResource("Mars/Olympus", {0}, {9 * 60, 12 * 60});
  Service s = MakeService(60);
  std::vector<Slot> out;
  SlotSearchInput in{&r, &s, {Utc(2027, 3, 22), Utc(2027, 3, 23)}, {}, {}, {}};
  auto status = FindSlots(in, &out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("Mars/Olympus"), std::string::npos);
}

TEST(WorkingIntervals, ListsUtcSpans) {
  Resource r = MakeResource("Europe/Berlin", {0}, {9 * 60, 17 * 60});
  std::vector<Interval> out;
  ASSERT_TRUE(
      WorkingIntervals(r, {Utc(2027, 3, 22), Utc(2027, 3, 30)}, &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], (Interval{Utc(2027, 3, 22, 8), Utc(2027, 3, 22, 16)}));
  EXPECT_EQ(out[1], (Interval{Utc(2027, 3, 29, 7), Utc(2027, 3, 29, 15)}));
}

}  // namespace
}  // namespace appt

namespace appt {
namespace {

// Weekly spans may be saved in any order: each weekday's are walked by
// start, whether or not that weekday was the first one walked.
TEST(SlotSearch, WeeklySpansInAnyOrderComeOutByStart) {
  Resource r = MakeResource("Europe/Berlin", {}, {});
  r.weekly_hours[0] = {{14 * 60, 15 * 60}, {9 * 60, 10 * 60}};  // Monday
  r.weekly_hours[1] = {{9 * 60, 10 * 60}};                      // Tuesday
  r.weekly_hours[2] = {{16 * 60, 17 * 60}, {8 * 60, 9 * 60}};   // Wednesday
  const Service s = MakeService(60);
  // Monday 2027-03-01 to Wednesday 2027-03-03, CET (UTC+1).
  const auto slots = Search(r, s, {Utc(2027, 3, 1), Utc(2027, 3, 4)});
  EXPECT_EQ(Starts(slots),
            (std::vector<Instant>{Utc(2027, 3, 1, 8), Utc(2027, 3, 1, 13),
                                  Utc(2027, 3, 2, 8), Utc(2027, 3, 3, 7),
                                  Utc(2027, 3, 3, 15)}));
}

}  // namespace
}  // namespace appt
