#include "util/digits.h"

namespace appt::digits {
namespace {

// Writes `value`, which must be below 10^width, as exactly `width` digits.
void PutDigits(char* at, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    at[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

void AppendPadded(std::string* out, long long value, int width) {
  unsigned long long magnitude = static_cast<unsigned long long>(value);
  if (value < 0) magnitude = 0ULL - magnitude;
  char reversed[24];
  int n = 0;
  do {
    reversed[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (n < width && n < static_cast<int>(sizeof reversed)) {
    reversed[n++] = '0';
  }
  char text[sizeof reversed + 1];
  int length = 0;
  if (value < 0) text[length++] = '-';
  while (n > 0) text[length++] = reversed[--n];
  out->append(text, length);
}

void AppendDate(std::string* out, const date::year_month_day& ymd) {
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    AppendPadded(out, year, 4);
    out->push_back('-');
    AppendPadded(out, static_cast<unsigned>(ymd.month()), 2);
    out->push_back('-');
    AppendPadded(out, static_cast<unsigned>(ymd.day()), 2);
    return;
  }
  char text[10];
  PutDigits(text, static_cast<unsigned>(year), 4);
  text[4] = '-';
  PutDigits(text + 5, static_cast<unsigned>(ymd.month()) % 100, 2);
  text[7] = '-';
  PutDigits(text + 8, static_cast<unsigned>(ymd.day()) % 100, 2);
  out->append(text, sizeof text);
}

void AppendHourMinute(std::string* out, long long hours, long long minutes) {
  if (hours < 0 || hours > 99 || minutes < 0 || minutes > 99) {
    AppendPadded(out, hours, 2);
    out->push_back(':');
    AppendPadded(out, minutes, 2);
    return;
  }
  char text[5];
  PutDigits(text, static_cast<unsigned>(hours), 2);
  text[2] = ':';
  PutDigits(text + 3, static_cast<unsigned>(minutes), 2);
  out->append(text, sizeof text);
}

}  // namespace appt::digits
