#include "util/text.h"

#include <gtest/gtest.h>

#include <string>

#include "appt/types.h"
#include "calendar/local_time.h"
#include "date/tz.h"
#include "util/digits.h"

namespace appt::text {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("luned\xC3\xAC"));     // lunedì
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC 10"));   // €
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // emoji
}

TEST(Utf8, RejectsBrokenText) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("ab\x80"));
}

TEST(Email, Checks) {
  EXPECT_TRUE(IsValidEmail("anna.rossi@example.it"));
  EXPECT_TRUE(IsValidEmail("a+tag@mail.example-host.com"));
  EXPECT_FALSE(IsValidEmail("anna"));
  EXPECT_FALSE(IsValidEmail("@example.com"));
  EXPECT_FALSE(IsValidEmail("anna@"));
  EXPECT_FALSE(IsValidEmail("anna@localhost"));
  EXPECT_FALSE(IsValidEmail("an na@example.com"));
  EXPECT_FALSE(IsValidEmail("anna@@example.com"));
  EXPECT_FALSE(IsValidEmail("anna@example..com"));
  EXPECT_FALSE(IsValidEmail("anna@-example.com"));
}

TEST(Phone, E164) {
  EXPECT_TRUE(IsValidE164("+393331234567"));
  EXPECT_TRUE(IsValidE164("+12125550100"));
  EXPECT_FALSE(IsValidE164("393331234567"));
  EXPECT_FALSE(IsValidE164("+0393331234"));
  EXPECT_FALSE(IsValidE164("+39 333 123"));
  EXPECT_FALSE(IsValidE164("+1234567"));
  EXPECT_FALSE(IsValidE164("+1234567890123456"));
}

TEST(Locale, Checks) {
  EXPECT_TRUE(IsValidLocale("it"));
  EXPECT_TRUE(IsValidLocale("it-IT"));
  EXPECT_TRUE(IsValidLocale("zh-Hant-TW"));
  EXPECT_FALSE(IsValidLocale(""));
  EXPECT_FALSE(IsValidLocale("i"));
  EXPECT_FALSE(IsValidLocale("it--IT"));
  EXPECT_FALSE(IsValidLocale("1t"));
}

TEST(CheckText, NamesTheField) {
  EXPECT_TRUE(CheckText("name", "ok", 10, true).ok());
  auto s = CheckText("customer.name", "", 10, true);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("customer.name"), std::string::npos);
  s = CheckText("customer.name", "\xFF", 10, true);
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);
  EXPECT_NE(s.message().find("\\xff"), std::string::npos);
  s = CheckText("notes", std::string(11, 'x'), 10, false);
  EXPECT_NE(s.message().find("11 bytes"), std::string::npos);
}

}  // namespace
}  // namespace appt::text

namespace appt {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(Digits, PadsAndSigns) {
  std::string out;
  digits::AppendPadded(&out, 7, 2);
  digits::AppendPadded(&out, 12345, 2);
  digits::AppendPadded(&out, 0, 4);
  digits::AppendPadded(&out, -30, 2);
  EXPECT_EQ(out,
            "0712345"
            "0000"
            "-30");
}

TEST(Digits, DatesAndTimesInAndOutOfTheCommonRange) {
  std::string out;
  digits::AppendDate(&out, date::year{2027} / 3 / 9);
  out.push_back(' ');
  digits::AppendDate(&out, date::year{0} / 1 / 1);
  out.push_back(' ');
  digits::AppendDate(&out, date::year{9999} / 12 / 31);
  out.push_back(' ');
  digits::AppendDate(&out, date::year{-44} / 3 / 15);
  out.push_back(' ');
  digits::AppendDate(&out, date::year{12345} / 6 / 7);
  EXPECT_EQ(out, "2027-03-09 0000-01-01 9999-12-31 -0044-03-15 12345-06-07");
  out.clear();
  digits::AppendHourMinute(&out, 0, 5);
  out.push_back(' ');
  digits::AppendHourMinute(&out, 23, 59);
  out.push_back(' ');
  digits::AppendHourMinute(&out, 120, 0);
  out.push_back(' ');
  digits::AppendHourMinute(&out, -1, 30);
  EXPECT_EQ(out, "00:05 23:59 120:00 -01:30");
}

TEST(LookupZone, RemembersFoundZonesAndStillRefusesBadNames) {
  // More zones than the per-thread memo holds, twice over, each answered
  // with the database's own zone; bad names stay errors in between.
  const char* names[] = {"Europe/Berlin",       "America/New_York",
                         "Australia/Lord_Howe", "Europe/Rome",
                         "Asia/Tokyo",          "UTC",
                         "America/Sao_Paulo",   "Africa/Cairo",
                         "Pacific/Auckland",    "Asia/Kolkata"};
  for (int round = 0; round < 2; ++round) {
    for (const char* name : names) {
      auto zone = calendar::LookupZone("time_zone", name);
      ASSERT_TRUE(zone.ok()) << name;
      EXPECT_EQ(*zone, date::locate_zone(name));
      EXPECT_FALSE(calendar::LookupZone("time_zone", "Europe/Berlinn").ok());
      EXPECT_FALSE(calendar::LookupZone("time_zone", "").ok());
    }
  }
}

TEST(TimeFormat, UtcAndLocalAcrossDstChanges) {
  const Instant t{date::sys_days{date::year{2027} / 3 / 28} + hours(1)};
  EXPECT_EQ(FormatUtc(t), "2027-03-28T01:00:00Z");
  EXPECT_EQ(FormatUtc(Instant{} + std::chrono::seconds(59)),
            "1970-01-01T00:00:59Z");
  const auto* berlin = date::locate_zone("Europe/Berlin");
  EXPECT_EQ(calendar::FormatLocal(berlin, t - minutes(1)),
            "Sun 2027-03-28 01:59 CET");
  EXPECT_EQ(calendar::FormatLocal(berlin, t), "Sun 2027-03-28 03:00 CEST");
  const auto* lord_howe = date::locate_zone("Australia/Lord_Howe");
  // 2027-04-04 02:00 local (+11) falls back half an hour to 01:30 (+10:30).
  const Instant back{date::sys_days{date::year{2027} / 4 / 3} + hours(15)};
  EXPECT_EQ(calendar::FormatLocal(lord_howe, back - minutes(1)),
            "Sun 2027-04-04 01:59 +11");
  EXPECT_EQ(calendar::FormatLocal(lord_howe, back),
            "Sun 2027-04-04 01:30 +1030");
  const auto* new_york = date::locate_zone("America/New_York");
  EXPECT_EQ(calendar::FormatLocal(new_york, t), "Sat 2027-03-27 21:00 EDT");
}

// The day text, offset and local-to-UTC answers memoised per thread follow
// each new instant and zone: next day, back again, across a DST change.
TEST(TimeFormat, MemoisedDaysAndOffsetsFollowTheInstant) {
  const auto* berlin = date::locate_zone("Europe/Berlin");
  const auto* new_york = date::locate_zone("America/New_York");
  const Instant t{date::sys_days{date::year{2027} / 3 / 27} + hours(8)};
  EXPECT_EQ(calendar::FormatLocal(berlin, t), "Sat 2027-03-27 09:00 CET");
  EXPECT_EQ(calendar::FormatLocal(berlin, t + hours(24)),
            "Sun 2027-03-28 10:00 CEST");
  std::string out = "at ";
  calendar::AppendLocal(&out, berlin, t);
  EXPECT_EQ(out, "at Sat 2027-03-27 09:00 CET");
  EXPECT_EQ(calendar::FormatLocal(new_york, t), "Sat 2027-03-27 04:00 EDT");

  using date::local_days;
  const local_days mar27{date::year{2027} / 3 / 27};
  // 22:59Z is 23:59 CET on the 27th; 23:00Z is already the 28th.
  const Instant midnight{date::sys_days{date::year{2027} / 3 / 27} + hours(23)};
  EXPECT_EQ(calendar::LocalDay(berlin, midnight - minutes(1)), mar27);
  EXPECT_EQ(calendar::LocalDay(berlin, midnight), mar27 + date::days(1));
  EXPECT_EQ(calendar::LocalDay(new_york, midnight), mar27);

  const auto at = [](local_days day, int hour, int minute = 0) {
    return date::local_seconds{day} + hours(hour) + minutes(minute);
  };
  const auto utc = [](local_days day, int hour) {
    return Instant{date::sys_days{day.time_since_epoch()} + hours(hour)};
  };
  {
    calendar::LocalToUtc to_utc(berlin);
    EXPECT_EQ(to_utc(at(mar27 - date::days(7), 9)),
              utc(mar27 - date::days(7), 8));
  }
  // A second converter starts from the first one's offset (+1), which no
  // longer holds after the change.
  calendar::LocalToUtc to_utc(berlin);
  EXPECT_EQ(to_utc(at(mar27 + date::days(2), 9)),
            utc(mar27 + date::days(2), 7));
  // 02:30 on the 28th does not exist: the end of the gap, 01:00Z.
  EXPECT_EQ(to_utc(at(mar27 + date::days(1), 2, 30)),
            utc(mar27 + date::days(1), 1));
  EXPECT_EQ(to_utc(at(mar27, 9)), utc(mar27, 8));
}

}  // namespace
TEST(TextTest, ToValidUtf8ReplacesBadBytesAndCutsOnCharacters) {
  EXPECT_EQ(text::ToValidUtf8("plain", 100), "plain");
  EXPECT_EQ(text::ToValidUtf8("a\xff b", 100), "a\xEF\xBF\xBD b");
  // An overlong form and a surrogate are invalid, byte by byte.
  EXPECT_EQ(text::ToValidUtf8("\xc0\xaf", 100), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(text::IsValidUtf8(text::ToValidUtf8("\xed\xa0\x80", 100)));
  // "è" is two bytes: never cut in half.
  EXPECT_EQ(text::ToValidUtf8("aè", 2), "a");
  EXPECT_EQ(text::ToValidUtf8("aè", 3), "aè");
  EXPECT_EQ(text::ToValidUtf8("", 0), "");
}

}  // namespace appt
