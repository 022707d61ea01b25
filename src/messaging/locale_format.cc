#include "messaging/locale_format.h"

#include <unicode/currunit.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "date/date.h"
#include "date/tz.h"

namespace appt::messaging {
namespace {

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);  // unpaired surrogates become U+FFFD
  return out;
}

// The ICU locale for a BCP 47 tag; "en" for "", an ill-formed tag or a
// language ICU has no data for (rather than ICU's root locale, which writes
// "€ 60.00"). Accepts the POSIX-style "it_IT" as well.
icu::Locale ParseLocale(absl::string_view tag) {
  if (tag.empty()) return icu::Locale("en");
  std::string bcp(tag);
  for (char& c : bcp) {
    if (c == '_') c = '-';
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(bcp, status);
  if (U_FAILURE(status) || locale.isBogus() || *locale.getLanguage() == '\0') {
    return icu::Locale("en");
  }
  // ICU warns U_USING_DEFAULT_WARNING when it has nothing closer than root.
  status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(nullptr, locale.getBaseName(), &status);
  const bool known = U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING;
  ures_close(bundle);
  return known ? locale : icu::Locale("en");
}

// "2027-03-29" and "10:00" for local seconds since the epoch.
std::pair<std::string, std::string> IsoLocal(date::local_seconds local) {
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Duration> hms{local - day};
  return {
      absl::StrFormat("%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()),
                      static_cast<unsigned>(ymd.day())),
      absl::StrFormat("%02d:%02d", hms.hours().count(), hms.minutes().count())};
}

// Whether `code` is three ASCII letters (any case).
bool IsCurrencyShaped(absl::string_view code) {
  return code.size() == 3 && absl::ascii_isalpha(code[0]) &&
         absl::ascii_isalpha(code[1]) && absl::ascii_isalpha(code[2]);
}

// `minor_units` / 10^digits exactly, as "-1234.56" (no grouping).
std::string DecimalText(int64_t minor_units, int digits) {
  // Negate in unsigned arithmetic so INT64_MIN works.
  const bool negative = minor_units < 0;
  uint64_t magnitude = static_cast<uint64_t>(minor_units);
  if (negative) magnitude = ~magnitude + 1;
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  std::string out = negative ? "-" : "";
  absl::StrAppend(&out, magnitude / scale);
  if (digits > 0) {
    absl::StrAppend(&out, ".",
                    absl::StrFormat("%0*u", digits, magnitude % scale));
  }
  return out;
}

}  // namespace

struct LocaleFormatter::InstantFormats {
  // Both null if ICU could not create them. They format in GMT: FormatInstant
  // passes the local wall time as if it were UTC.
  std::unique_ptr<icu::DateFormat> date;
  std::unique_ptr<icu::DateFormat> time;
  // Texts of recently formatted local wall times (Unix seconds of the wall
  // time read as UTC): reminders cluster on a few start times, and ICU's
  // formatting is the dearest part of a message. Cleared when full.
  absl::flat_hash_map<int64_t, When> recent;
};

struct LocaleFormatter::MoneyFormat {
  std::optional<icu::number::LocalizedNumberFormatter> formatter;
  int digits = 2;    // the currency's fraction digits
  std::string code;  // upper-cased, for the fallback text
};

LocaleFormatter::LocaleFormatter() = default;
LocaleFormatter::~LocaleFormatter() = default;

LocaleFormatter::InstantFormats& LocaleFormatter::FormatsFor(
    absl::string_view locale) {
  auto it = instant_.find(locale);
  if (it != instant_.end()) return *it->second;
  if (instant_.size() >= kMaxCacheEntries) instant_.clear();

  auto formats = std::make_unique<InstantFormats>();
  const icu::Locale icu_locale = ParseLocale(locale);
  std::unique_ptr<icu::DateFormat> date(
      icu::DateFormat::createDateInstance(icu::DateFormat::kFull, icu_locale));
  std::unique_ptr<icu::DateFormat> time(
      icu::DateFormat::createTimeInstance(icu::DateFormat::kShort, icu_locale));
  if (date != nullptr && time != nullptr) {
    date->setTimeZone(*icu::TimeZone::getGMT());
    time->setTimeZone(*icu::TimeZone::getGMT());
    formats->date = std::move(date);
    formats->time = std::move(time);
  }
  return *instant_.emplace(std::string(locale), std::move(formats))
              .first->second;
}

const date::time_zone* LocaleFormatter::ZoneFor(absl::string_view zone) {
  auto it = zones_.find(zone);
  if (it != zones_.end()) return it->second;
  if (zones_.size() >= kMaxCacheEntries) zones_.clear();
  const date::time_zone* found = nullptr;
  try {
    found = date::locate_zone(std::string_view(zone.data(), zone.size()));
  } catch (const std::exception&) {
    found = nullptr;  // unknown zone, or no tz database: UTC
  }
  zones_.emplace(std::string(zone), found);
  return found;
}

LocaleFormatter::When LocaleFormatter::FormatInstant(absl::string_view locale,
                                                     absl::string_view zone,
                                                     Instant t) {
  Duration offset{0};
  if (const date::time_zone* tz = ZoneFor(zone); tz != nullptr) {
    offset = tz->get_info(t).offset;
  }
  const date::local_seconds local{t.time_since_epoch() + offset};

  InstantFormats& formats = FormatsFor(locale);
  const int64_t key = local.time_since_epoch().count();
  if (auto hit = formats.recent.find(key); hit != formats.recent.end()) {
    return hit->second;
  }
  When out;
  if (formats.date != nullptr) {
    const UDate udate = static_cast<double>(local.time_since_epoch().count()) *
                        U_MILLIS_PER_SECOND;
    icu::UnicodeString date_text, time_text;
    formats.date->format(udate, date_text);
    formats.time->format(udate, time_text);
    if (!date_text.isBogus() && !time_text.isBogus() && !date_text.isEmpty() &&
        !time_text.isEmpty()) {
      out.date = ToUtf8(date_text);
      out.time = ToUtf8(time_text);
    }
  }
  if (out.date.empty()) std::tie(out.date, out.time) = IsoLocal(local);
  out.when = absl::StrCat(out.date, ", ", out.time);
  if (formats.recent.size() >= kMaxRecentTimes) formats.recent.clear();
  formats.recent.emplace(key, out);
  return out;
}

LocaleFormatter::MoneyFormat& LocaleFormatter::FormatFor(
    absl::string_view locale, const std::string& code) {
  // The code is three letters, so code + locale is an unambiguous key.
  const std::string key = absl::StrCat(code, locale);
  auto it = money_.find(key);
  if (it != money_.end()) return *it->second;
  if (money_.size() >= kMaxCacheEntries) money_.clear();

  auto format = std::make_unique<MoneyFormat>();
  format->code = code;
  UErrorCode status = U_ZERO_ERROR;
  const icu::CurrencyUnit unit(icu::StringPiece(code), status);
  if (U_SUCCESS(status)) {
    const int digits =
        ucurr_getDefaultFractionDigits(unit.getISOCurrency(), &status);
    if (U_SUCCESS(status) && digits >= 0 && digits <= 6) {
      format->digits = digits;
      // The default precision is the currency's own fraction digits.
      format->formatter.emplace(
          icu::number::NumberFormatter::withLocale(ParseLocale(locale))
              .unit(unit));
    }
  }
  return *money_.emplace(key, std::move(format)).first->second;
}

std::string LocaleFormatter::FormatMoney(absl::string_view locale,
                                         const Money& money) {
  if (!IsCurrencyShaped(money.currency)) {
    // Keep only ASCII letters and digits of a malformed code: valid UTF-8.
    std::string code;
    for (char c : money.currency) {
      if (absl::ascii_isalnum(c)) code.push_back(c);
    }
    std::string out = DecimalText(money.minor_units, 2);
    if (!code.empty()) absl::StrAppend(&out, " ", code);
    return out;
  }
  const MoneyFormat& format =
      FormatFor(locale, absl::AsciiStrToUpper(money.currency));
  const std::string decimal = DecimalText(money.minor_units, format.digits);
  if (format.formatter.has_value()) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::number::FormattedNumber formatted =
        format.formatter->formatDecimal(decimal, status);
    if (U_SUCCESS(status)) {
      const icu::UnicodeString text = formatted.toString(status);
      if (U_SUCCESS(status) && !text.isBogus()) return ToUtf8(text);
    }
  }
  return absl::StrCat(decimal, " ", format.code);
}

}  // namespace appt::messaging
