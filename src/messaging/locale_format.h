// Locale- and zone-aware text for message templates: the date and time of an
// appointment ("lunedì 29 marzo 2027, 10:00") and prices ("60,00 €"),
// formatted with ICU for one recipient (R4.3).
#ifndef APPT_SRC_MESSAGING_LOCALE_FORMAT_H_
#define APPT_SRC_MESSAGING_LOCALE_FORMAT_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "appt/types.h"

namespace date {
class time_zone;
}  // namespace date

namespace appt::messaging {

// Formats instants and money for one recipient's locale and IANA zone with
// ICU. Caches ICU formatters per locale and per (locale, currency), and zones
// per name. Not thread safe: one instance per Engine, used under its command
// lock.
//
// The UTC offset of an instant comes from date/tz.h (the system tzdata, the
// same rules the engine books with), not from ICU's built-in zone data,
// which is older (ICU 72: 2022e) and wrong for zones changed since (Mexico,
// Greenland, Kazakhstan, Paraguay, Egypt...). ICU only writes the local
// wall time in the locale's words.
//
// Every result is valid UTF-8 and nothing throws. Should ICU fail, the text
// falls back to ISO-ish forms ("2027-03-29 10:00", "60.00 EUR"). ICU may
// write non-ASCII spaces: en-US times read "10:00\u202fAM" (NARROW NO-BREAK
// SPACE), it-IT and de-DE prices "60,00\u00a0€" (NO-BREAK SPACE).
class LocaleFormatter {
 public:
  struct When {
    std::string when;  // "lunedì 29 marzo 2027, 10:00" (date + ", " + time)
    std::string date;  // ICU FULL date style: "lunedì 29 marzo 2027"
    std::string time;  // ICU SHORT time style: "10:00" (en-US: "10:00 AM")
  };

  LocaleFormatter();
  ~LocaleFormatter();
  LocaleFormatter(const LocaleFormatter&) = delete;
  LocaleFormatter& operator=(const LocaleFormatter&) = delete;

  // `locale`: a BCP 47 tag ("it-IT", "it", "en-US"; "it_IT" is accepted);
  // "", an ill-formed tag or a language ICU has no data for means "en". A
  // known language with an unknown region ("it-ZZ") reads as the language.
  // `zone`: an IANA name ("Europe/Rome"); a zone date/tz.h does not know
  // formats in UTC.
  // Dates use the locale's calendar and digits (Gregorian for "it-IT").
  When FormatInstant(absl::string_view locale, absl::string_view zone,
                     Instant t);

  // Money in minor units plus an ISO 4217 code, as a currency amount for the
  // locale: it-IT {6000, "EUR"} -> "60,00 €"; en-US {6000, "USD"} ->
  // "$60.00"; en-US {-6000, "USD"} -> "-$60.00". The minor units follow
  // ICU's (CLDR's) fraction digits for the currency: 2 for EUR, USD and CHF,
  // 0 for JPY ({6000, "JPY"} is ¥6,000). The amount is exact for any int64.
  // A code that is not three ASCII letters gives "60.00 XX".
  std::string FormatMoney(absl::string_view locale, const Money& money);

 private:
  struct InstantFormats;  // ICU date and time formatters for a locale
  struct MoneyFormat;     // an ICU number formatter for a locale+currency

  // Caches are dropped whole once they reach this many entries, so that
  // untrusted locale and zone strings cannot grow them without bound.
  static constexpr size_t kMaxCacheEntries = 512;
  // Formatted wall times kept per locale.
  static constexpr size_t kMaxRecentTimes = 4096;

  InstantFormats& FormatsFor(absl::string_view locale);
  MoneyFormat& FormatFor(absl::string_view locale, const std::string& code);
  const date::time_zone* ZoneFor(absl::string_view zone);

  absl::flat_hash_map<std::string, std::unique_ptr<InstantFormats>> instant_;
  // nullptr for a name date/tz.h does not know (formatted in UTC).
  absl::flat_hash_map<std::string, const date::time_zone*> zones_;
  absl::flat_hash_map<std::string, std::unique_ptr<MoneyFormat>> money_;
};

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_LOCALE_FORMAT_H_
