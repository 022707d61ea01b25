#include "messaging/icalendar.h"

#include <libical/ical.h>

#include <ctime>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "util/text.h"

namespace appt::messaging {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// `s` as libical can write it: valid UTF-8 without control characters.
// With `multiline`, CR LF and lone CR become LF and LF and TAB are kept.
std::string Writable(absl::string_view s, bool multiline) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r' || c == '\n') {
      if (multiline) out.push_back('\n');
      i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      if (multiline && c == '\t') out.push_back('\t');
      ++i;
      continue;
    }
    const size_t length = text::Utf8SequenceLength(s.substr(i));
    if (length == 0) {
      out.append(kReplacement);
      ++i;
    } else {
      out.append(s.data() + i, length);
      i += length;
    }
  }
  return out;
}

icaltimetype UtcTime(Instant t) {
  return icaltime_from_timet_with_zone(
      static_cast<time_t>(t.time_since_epoch().count()), /*is_date=*/0,
      icaltimezone_get_utc_timezone());
}

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
struct BufferDeleter {
  void operator()(char* p) const { icalmemory_free_buffer(p); }
};

}  // namespace

std::string BuildCalendar(const CalendarEvent& event) {
  std::unique_ptr<icalcomponent, ComponentDeleter> calendar(
      icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(),
                             icalproperty_new_prodid("-//appt//appt//EN"));
  icalcomponent_add_property(
      calendar.get(),
      icalproperty_new_method(event.cancelled ? ICAL_METHOD_CANCEL
                                              : ICAL_METHOD_REQUEST));

  // Added to `calendar` at once, so freed with it whatever happens below.
  icalcomponent* vevent = icalcomponent_new_vevent();
  icalcomponent_add_component(calendar.get(), vevent);
  const auto add = [vevent](icalproperty* p) {
    icalcomponent_add_property(vevent, p);
  };
  add(icalproperty_new_uid(Writable(event.uid, false).c_str()));
  add(icalproperty_new_sequence(event.sequence));
  add(icalproperty_new_dtstamp(UtcTime(event.stamp)));
  add(icalproperty_new_dtstart(UtcTime(event.start)));
  add(icalproperty_new_dtend(UtcTime(event.end)));
  add(icalproperty_new_status(event.cancelled ? ICAL_STATUS_CANCELLED
                                              : ICAL_STATUS_CONFIRMED));
  add(icalproperty_new_summary(Writable(event.summary, true).c_str()));
  if (!event.description.empty()) {
    add(icalproperty_new_description(
        Writable(event.description, true).c_str()));
  }
  if (!event.location.empty()) {
    add(icalproperty_new_location(Writable(event.location, true).c_str()));
  }
  if (!event.organizer_email.empty()) {
    add(icalproperty_new_organizer(
        absl::StrCat("mailto:", Writable(event.organizer_email, false))
            .c_str()));
  }
  if (!event.attendee_email.empty()) {
    add(icalproperty_new_attendee(
        absl::StrCat("mailto:", Writable(event.attendee_email, false))
            .c_str()));
  }

  std::unique_ptr<char, BufferDeleter> text(
      icalcomponent_as_ical_string_r(calendar.get()));
  return text == nullptr ? std::string() : std::string(text.get());
}

}  // namespace appt::messaging
