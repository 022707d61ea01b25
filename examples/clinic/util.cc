// Small helpers of the clinic demo: local time, money and error policy.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clinic.h"
#include "date/tz.h"

namespace clinic {

const ResourceInfo& Clinic::Resource(appt::ResourceId id) const {
  for (const ResourceInfo* r : Resources()) {
    if (r->id == id) return *r;
  }
  std::cerr << "clinic_demo: unknown resource id " << id << "\n";
  std::exit(1);
}

const ServiceInfo& Clinic::Service(appt::ServiceId id) const {
  for (const ServiceInfo* s : Services()) {
    if (s->id == id) return *s;
  }
  std::cerr << "clinic_demo: unknown service id " << id << "\n";
  std::exit(1);
}

std::vector<const ResourceInfo*> Clinic::Resources() const {
  return {&weber, &schmidt, &physio_room, &studio, &lopez};
}

std::vector<const ServiceInfo*> Clinic::Services() const {
  return {&consultation,  &follow_up, &skin_check,
          &physiotherapy, &back_fit,  &telehealth};
}

appt::Instant DemoStart() {
  using namespace std::chrono;
  return appt::Instant{date::sys_days{date::year{2027} / 3 / 15} + hours(8)};
}

appt::Instant AtLocal(const std::string& zone, int year, int month, int day,
                      int hour, int minute) {
  using namespace std::chrono;
  const date::local_seconds wall{
      date::local_days{date::year{year} / month / day} + hours(hour) +
      minutes(minute)};
  // choose::earliest also maps a nonexistent time to the end of the gap.
  return date::locate_zone(zone)->to_sys(wall, date::choose::earliest);
}

std::string Local(const std::string& zone, appt::Instant t,
                  const char* format) {
  return date::format(format, date::zoned_time{date::locate_zone(zone), t});
}

std::string UtcClock(appt::Instant t) { return date::format("%H:%M UTC", t); }

std::string FormatMoney(const appt::Money& money) {
  const int64_t units = money.minor_units / 100;
  const int64_t cents = money.minor_units % 100;
  std::string digits = absl::StrCat(units);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return absl::StrFormat("%s %s.%02d", money.currency, grouped, cents);
}

void Must(const absl::Status& status, std::string_view what) {
  if (status.ok()) return;
  std::cout.flush();
  std::cerr << "clinic_demo: unexpected engine error while " << what << ": "
            << status << "\n";
  std::exit(1);
}

void ExpectRefused(const absl::Status& status, absl::StatusCode expected,
                   std::string_view what) {
  if (status.code() == expected) {
    std::cout << "  refused  " << what << "\n           -> "
              << absl::StatusCodeToString(status.code()) << ": "
              << status.message() << "\n";
    return;
  }
  std::cout.flush();
  std::cerr << "clinic_demo: " << what << ": expected "
            << absl::StatusCodeToString(expected) << ", got " << status << "\n";
  std::exit(1);
}

}  // namespace clinic
