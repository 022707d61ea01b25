#include "util/digits.h"

namespace appt::digits {

void AppendPadded(std::string* out, long long value, int width) {
  unsigned long long magnitude = static_cast<unsigned long long>(value);
  if (value < 0) {
    out->push_back('-');
    magnitude = 0ULL - magnitude;
  }
  char buffer[24];
  int n = 0;
  do {
    buffer[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (n < width && n < static_cast<int>(sizeof buffer)) buffer[n++] = '0';
  while (n > 0) out->push_back(buffer[--n]);
}

void AppendDate(std::string* out, const date::year_month_day& ymd) {
  AppendPadded(out, static_cast<int>(ymd.year()), 4);
  out->push_back('-');
  AppendPadded(out, static_cast<unsigned>(ymd.month()), 2);
  out->push_back('-');
  AppendPadded(out, static_cast<unsigned>(ymd.day()), 2);
}

void AppendHourMinute(std::string* out, long long hours, long long minutes) {
  AppendPadded(out, hours, 2);
  out->push_back(':');
  AppendPadded(out, minutes, 2);
}

}  // namespace appt::digits
