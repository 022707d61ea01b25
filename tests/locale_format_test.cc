#include "messaging/locale_format.h"

#include <gtest/gtest.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "date/date.h"

namespace appt::messaging {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// ICU's spaces: NARROW NO-BREAK SPACE (en-US "10:00 AM") and NO-BREAK SPACE
// (it-IT "60,00 €").
#define NNBSP "\u202f"
#define NBSP "\u00a0"

Instant Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} +
         hours{hour} + minutes{minute};
}

bool IsValidUtf8(const std::string& s) {
  std::string round_trip;
  icu::UnicodeString::fromUTF8(s).toUTF8String(round_trip);
  return round_trip == s;  // invalid bytes would come back as U+FFFD
}

TEST(FormatInstant, ItalianInRome) {
  LocaleFormatter f;
  const auto w = f.FormatInstant("it-IT", "Europe/Rome", Utc(2027, 3, 29, 8));
  EXPECT_EQ(w.when, "lunedì 29 marzo 2027, 10:00");
  EXPECT_EQ(w.date, "lunedì 29 marzo 2027");
  EXPECT_EQ(w.time, "10:00");
  EXPECT_EQ(f.FormatInstant("it", "Europe/Rome", Utc(2027, 3, 29, 8)).when,
            "lunedì 29 marzo 2027, 10:00");
  EXPECT_EQ(f.FormatInstant("it_IT", "Europe/Rome", Utc(2027, 3, 29, 8)).when,
            "lunedì 29 marzo 2027, 10:00");
}

TEST(FormatInstant, EnglishAndGerman) {
  LocaleFormatter f;
  const Instant t = Utc(2027, 3, 29, 8);
  const auto en = f.FormatInstant("en-US", "Europe/Rome", t);
  EXPECT_EQ(en.date, "Monday, March 29, 2027");
  EXPECT_EQ(en.time, "10:00" NNBSP "AM");
  EXPECT_EQ(en.when, "Monday, March 29, 2027, 10:00" NNBSP "AM");
  const auto de = f.FormatInstant("de-DE", "Europe/Berlin", t);
  EXPECT_EQ(de.when, "Montag, 29. März 2027, 10:00");
  EXPECT_EQ(f.FormatInstant("en-US", "America/New_York", t).when,
            "Monday, March 29, 2027, 4:00" NNBSP "AM");
}

TEST(FormatInstant, SameWallTimeAcrossDstInBerlin) {
  LocaleFormatter f;
  // CET (+1) on Saturday, CEST (+2) from 02:00 on Sunday 28 March 2027.
  EXPECT_EQ(f.FormatInstant("de-DE", "Europe/Berlin", Utc(2027, 3, 27, 9)).when,
            "Samstag, 27. März 2027, 10:00");
  EXPECT_EQ(f.FormatInstant("de-DE", "Europe/Berlin", Utc(2027, 3, 28, 8)).when,
            "Sonntag, 28. März 2027, 10:00");
  // Around the gap: 01:59 CET is followed by 03:00 CEST.
  EXPECT_EQ(
      f.FormatInstant("de-DE", "Europe/Berlin", Utc(2027, 3, 28, 0, 59)).time,
      "01:59");
  EXPECT_EQ(f.FormatInstant("de-DE", "Europe/Berlin", Utc(2027, 3, 28, 1)).time,
            "03:00");
}

TEST(FormatInstant, SameWallTimeAcrossDstInNewYork) {
  LocaleFormatter f;
  // EST (-5) on Saturday, EDT (-4) from 02:00 on Sunday 14 March 2027.
  EXPECT_EQ(
      f.FormatInstant("en-US", "America/New_York", Utc(2027, 3, 13, 15)).when,
      "Saturday, March 13, 2027, 10:00" NNBSP "AM");
  EXPECT_EQ(
      f.FormatInstant("en-US", "America/New_York", Utc(2027, 3, 14, 14)).when,
      "Sunday, March 14, 2027, 10:00" NNBSP "AM");
}

TEST(FormatInstant, LordHoweHalfHourShift) {
  LocaleFormatter f;
  // +11 until 02:00 on Sunday 4 April 2027, then +10:30.
  EXPECT_EQ(
      f.FormatInstant("en-AU", "Australia/Lord_Howe", Utc(2027, 4, 2, 23)).time,
      "10:00" NNBSP "am");
  const auto after =
      f.FormatInstant("en-AU", "Australia/Lord_Howe", Utc(2027, 4, 3, 23, 30));
  EXPECT_EQ(after.date, "Sunday, 4 April 2027");
  EXPECT_EQ(after.time, "10:00" NNBSP "am");
  // 01:59 (+11) is followed by 01:30 (+10:30): the half hour repeats.
  EXPECT_EQ(
      f.FormatInstant("it-IT", "Australia/Lord_Howe", Utc(2027, 4, 3, 14, 59))
          .time,
      "01:59");
  EXPECT_EQ(
      f.FormatInstant("it-IT", "Australia/Lord_Howe", Utc(2027, 4, 3, 15)).time,
      "01:30");
}

TEST(FormatInstant, UsesSystemTzdataNotIcus) {
  // Mexico dropped DST in 2022 (tzdata 2022f); ICU 72's own data (2022e)
  // would still say 11:00 in July.
  LocaleFormatter f;
  EXPECT_EQ(
      f.FormatInstant("es-MX", "America/Mexico_City", Utc(2027, 7, 1, 16)).time,
      "10:00");
}

TEST(FormatInstant, EmptyOrUnknownLocaleMeansEnglish) {
  LocaleFormatter f;
  const Instant t = Utc(2027, 3, 29, 8);
  const std::string english = "Monday, March 29, 2027, 10:00" NNBSP "AM";
  for (const char* locale : {"", "en", "xx", "zz-ZZ", "und", "not a tag!"}) {
    EXPECT_EQ(f.FormatInstant(locale, "Europe/Rome", t).when, english)
        << locale;
  }
  // A known language with an unknown region reads as the language.
  EXPECT_EQ(f.FormatInstant("it-ZZ", "Europe/Rome", t).when,
            "lunedì 29 marzo 2027, 10:00");
}

TEST(FormatInstant, UnknownZoneIsUtc) {
  LocaleFormatter f;
  const Instant t = Utc(2027, 3, 29, 8);
  for (const char* zone : {"Mars/Olympus_Mons", "", "europe/rome "}) {
    EXPECT_EQ(f.FormatInstant("it-IT", zone, t).when,
              "lunedì 29 marzo 2027, 08:00")
        << zone;
  }
  EXPECT_EQ(f.FormatInstant("it-IT", "UTC", t).time, "08:00");
}

TEST(FormatInstant, OtherCalendarsAndDigitsAreValidUtf8) {
  LocaleFormatter f;
  const Instant t = Utc(2027, 3, 29, 8);
  EXPECT_EQ(f.FormatInstant("th-TH", "Asia/Bangkok", t).date,
            "วันจันทร์ที่ 29 มีนาคม พ.ศ. 2570");  // Buddhist era
  for (const char* locale : {"ar-EG", "ja-JP", "zh-Hant-TW", "he-IL", "hi-IN",
                             "it-IT-u-nu-arab", "\xff\xfe"}) {
    const auto w = f.FormatInstant(locale, "Asia/Tokyo", t);
    EXPECT_TRUE(IsValidUtf8(w.when)) << locale;
    EXPECT_EQ(w.when, absl::StrCat(w.date, ", ", w.time)) << locale;
  }
}

TEST(FormatInstant, CacheStaysCorrectWhenFullOrInterleaved) {
  LocaleFormatter f;
  const Instant t = Utc(2027, 3, 29, 8);
  for (int i = 0; i < 600; ++i) {
    const std::string locale = absl::StrCat("x", i % 2 ? "x" : "y", "-", i);
    EXPECT_FALSE(
        f.FormatInstant(locale, absl::StrCat("Zone/", i), t).when.empty());
    ASSERT_EQ(f.FormatInstant("it-IT", "Europe/Rome", t).time, "10:00");
    ASSERT_EQ(f.FormatInstant("en-US", "America/New_York", t).time,
              "4:00" NNBSP "AM");
    ASSERT_EQ(f.FormatMoney("it-IT", {6000, "EUR"}), "60,00" NBSP "€");
    ASSERT_FALSE(f.FormatMoney(locale, {i, "EUR"}).empty());
  }
}

// FormatInstant formats the local wall time in GMT, which is right only if
// no pattern it uses names a zone. True of every locale in ICU 72.
TEST(FormatInstant, NoLocalePatternNamesAZone) {
  int32_t count = 0;
  const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
  ASSERT_GT(count, 100);
  for (int32_t i = 0; i < count; ++i) {
    for (bool time : {false, true}) {
      std::unique_ptr<icu::DateFormat> format(
          time ? icu::DateFormat::createTimeInstance(icu::DateFormat::kShort,
                                                     locales[i])
               : icu::DateFormat::createDateInstance(icu::DateFormat::kFull,
                                                     locales[i]));
      auto* simple = dynamic_cast<icu::SimpleDateFormat*>(format.get());
      ASSERT_NE(simple, nullptr) << locales[i].getName();
      icu::UnicodeString pattern;
      simple->toPattern(pattern);
      std::string text;
      pattern.toUTF8String(text);
      bool quoted = false;
      for (char c : text) {
        if (c == '\'') quoted = !quoted;
        if (!quoted) {
          EXPECT_EQ(std::string("zZOvVXx").find(c), std::string::npos)
              << locales[i].getName() << ": " << text;
        }
      }
    }
  }
}

TEST(FormatMoney, Italian) {
  LocaleFormatter f;
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "EUR"}), "60,00" NBSP "€");
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "USD"}), "60,00" NBSP "USD");
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "JPY"}), "6.000" NBSP "JPY");
  EXPECT_EQ(f.FormatMoney("it-IT", {123456, "CHF"}), "1.234,56" NBSP "CHF");
  EXPECT_EQ(f.FormatMoney("it-IT", {123, "CHF"}), "1,23" NBSP "CHF");
}

TEST(FormatMoney, AmericanEnglish) {
  LocaleFormatter f;
  EXPECT_EQ(f.FormatMoney("en-US", {6000, "EUR"}), "€60.00");
  EXPECT_EQ(f.FormatMoney("en-US", {6000, "USD"}), "$60.00");
  EXPECT_EQ(f.FormatMoney("en-US", {6000, "JPY"}), "¥6,000");
  EXPECT_EQ(f.FormatMoney("en-US", {123456, "CHF"}), "CHF" NBSP "1,234.56");
  EXPECT_EQ(f.FormatMoney("", {6000, "USD"}), "$60.00");
}

TEST(FormatMoney, German) {
  LocaleFormatter f;
  EXPECT_EQ(f.FormatMoney("de-DE", {6000, "EUR"}), "60,00" NBSP "€");
  EXPECT_EQ(f.FormatMoney("de-DE", {6000, "USD"}), "60,00" NBSP "$");
  EXPECT_EQ(f.FormatMoney("de-DE", {6000, "JPY"}), "6.000" NBSP "¥");
  EXPECT_EQ(f.FormatMoney("de-DE", {123456, "CHF"}), "1.234,56" NBSP "CHF");
}

TEST(FormatMoney, NegativeZeroAndExtremeAmounts) {
  LocaleFormatter f;
  EXPECT_EQ(f.FormatMoney("it-IT", {-6000, "EUR"}), "-60,00" NBSP "€");
  EXPECT_EQ(f.FormatMoney("en-US", {-6000, "USD"}), "-$60.00");
  EXPECT_EQ(f.FormatMoney("de-DE", {-5, "EUR"}), "-0,05" NBSP "€");
  EXPECT_EQ(f.FormatMoney("it-IT", {0, "EUR"}), "0,00" NBSP "€");
  EXPECT_EQ(f.FormatMoney("en-US", {0, "USD"}), "$0.00");
  EXPECT_EQ(f.FormatMoney("en-US", {0, "JPY"}), "¥0");
  EXPECT_EQ(f.FormatMoney("en-US", {-6000, "JPY"}), "-¥6,000");
  EXPECT_EQ(
      f.FormatMoney("it-IT", {std::numeric_limits<int64_t>::max(), "EUR"}),
      "92.233.720.368.547.758,07" NBSP "€");
  EXPECT_EQ(
      f.FormatMoney("en-US", {std::numeric_limits<int64_t>::min(), "USD"}),
      "-$92,233,720,368,547,758.08");
}

TEST(FormatMoney, OddCurrencyCodes) {
  LocaleFormatter f;
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "eur"}), "60,00" NBSP "€");
  EXPECT_EQ(f.FormatMoney("en-US", {6000, "ZZZ"}), "ZZZ" NBSP "60.00");
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "XX"}), "60.00 XX");
  EXPECT_EQ(f.FormatMoney("it-IT", {-6000, ""}), "-60.00");
  EXPECT_EQ(f.FormatMoney("it-IT", {6000, "E\xffR!"}), "60.00 ER");
}

}  // namespace
}  // namespace appt::messaging
