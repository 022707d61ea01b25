#include "messaging/icalendar.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "date/date.h"

namespace appt::messaging {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

Instant Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} +
         hours{hour} + minutes{minute};
}

CalendarEvent Checkup() {
  CalendarEvent e;
  e.uid = "appt-42@clinic";
  e.sequence = 0;
  e.start = Utc(2027, 3, 29, 8);
  e.end = Utc(2027, 3, 29, 8, 30);
  e.stamp = Utc(2027, 3, 1, 12, 5);
  e.summary = "Visita — Dr. Zoë";
  e.description = "Portare la tessera sanitaria.";
  e.location = "Studio Niccolò";
  e.organizer_email = "front-desk@clinic.example";
  e.attendee_email = "anna@example.com";
  return e;
}

std::string Text(const char* s) { return s == nullptr ? "" : s; }

// The VCALENDAR parsed back with libical, as plain values.
struct Parsed {
  int errors = -1;  // X-LIC-ERROR properties libical added while parsing
  int events = 0;
  std::string version, prodid;
  icalproperty_method method = ICAL_METHOD_NONE;
  std::string uid;
  int sequence = -1;
  bool start_utc = false, end_utc = false;
  Instant start{}, end{}, stamp{};
  icalproperty_status status = ICAL_STATUS_NONE;
  std::string summary, description, location, organizer, attendee;
};

Instant ToInstant(icaltimetype t) {
  return Instant{std::chrono::seconds{icaltime_as_timet(t)}};
}

std::string PropertyText(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  return p == nullptr ? "" : Text(icalproperty_get_value_as_string(p));
}

Parsed Parse(const std::string& text) {
  Parsed out;
  std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> calendar(
      icalparser_parse_string(text.c_str()), &icalcomponent_free);
  if (calendar == nullptr) return out;
  out.errors = icalcomponent_count_errors(calendar.get());
  out.version = Text(icalproperty_get_version(
      icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY)));
  out.prodid = Text(icalproperty_get_prodid(
      icalcomponent_get_first_property(calendar.get(), ICAL_PRODID_PROPERTY)));
  out.method = icalcomponent_get_method(calendar.get());
  out.events =
      icalcomponent_count_components(calendar.get(), ICAL_VEVENT_COMPONENT);
  icalcomponent* event =
      icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  if (event == nullptr) return out;
  out.uid = Text(icalcomponent_get_uid(event));
  out.sequence = icalcomponent_get_sequence(event);
  const icaltimetype start = icalcomponent_get_dtstart(event);
  const icaltimetype end = icalcomponent_get_dtend(event);
  out.start_utc = icaltime_is_utc(start);
  out.end_utc = icaltime_is_utc(end);
  out.start = ToInstant(start);
  out.end = ToInstant(end);
  out.stamp = ToInstant(icalcomponent_get_dtstamp(event));
  out.status = icalcomponent_get_status(event);
  out.summary = Text(icalcomponent_get_summary(event));
  out.description = Text(icalcomponent_get_description(event));
  out.location = Text(icalcomponent_get_location(event));
  out.organizer = PropertyText(event, ICAL_ORGANIZER_PROPERTY);
  out.attendee = PropertyText(event, ICAL_ATTENDEE_PROPERTY);
  return out;
}

// The physical lines of `text`, which must end every line with CRLF.
std::vector<std::string> Lines(const std::string& text) {
  EXPECT_TRUE(absl::EndsWith(text, "\r\n"));
  std::vector<std::string> lines = absl::StrSplit(text, "\r\n");
  lines.pop_back();  // after the last CRLF
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << line;
  }
  return lines;
}

TEST(BuildCalendar, RequestThenCancelWithSameUidAndHigherSequence) {
  CalendarEvent event = Checkup();
  const std::string request = BuildCalendar(event);
  event.cancelled = true;
  event.sequence = 1;
  const std::string cancel = BuildCalendar(event);

  const Parsed r = Parse(request);
  EXPECT_EQ(r.errors, 0) << request;
  EXPECT_EQ(r.events, 1);
  EXPECT_EQ(r.version, "2.0");
  EXPECT_EQ(r.prodid, "-//appt//appt//EN");
  EXPECT_EQ(r.method, ICAL_METHOD_REQUEST);
  EXPECT_EQ(r.status, ICAL_STATUS_CONFIRMED);
  EXPECT_EQ(r.uid, "appt-42@clinic");
  EXPECT_EQ(r.sequence, 0);
  EXPECT_TRUE(r.start_utc);
  EXPECT_TRUE(r.end_utc);
  EXPECT_EQ(r.start, Utc(2027, 3, 29, 8));
  EXPECT_EQ(r.end, Utc(2027, 3, 29, 8, 30));
  EXPECT_EQ(r.stamp, Utc(2027, 3, 1, 12, 5));
  EXPECT_EQ(r.summary, "Visita — Dr. Zoë");
  EXPECT_EQ(r.description, "Portare la tessera sanitaria.");
  EXPECT_EQ(r.location, "Studio Niccolò");
  EXPECT_EQ(r.organizer, "mailto:front-desk@clinic.example");
  EXPECT_EQ(r.attendee, "mailto:anna@example.com");

  const Parsed c = Parse(cancel);
  EXPECT_EQ(c.errors, 0) << cancel;
  EXPECT_EQ(c.method, ICAL_METHOD_CANCEL);
  EXPECT_EQ(c.status, ICAL_STATUS_CANCELLED);
  EXPECT_EQ(c.uid, r.uid);
  EXPECT_GT(c.sequence, r.sequence);
  EXPECT_EQ(c.start, r.start);
  EXPECT_EQ(c.summary, r.summary);

  const std::vector<std::string> lines = Lines(request);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(absl::StrContains(request, "\r\nMETHOD:REQUEST\r\n"));
  EXPECT_TRUE(absl::StrContains(request, "\r\nDTSTART:20270329T080000Z\r\n"));
  EXPECT_TRUE(absl::StrContains(request, "\r\nDTEND:20270329T083000Z\r\n"));
  EXPECT_TRUE(absl::StrContains(cancel, "\r\nMETHOD:CANCEL\r\n"));
  EXPECT_TRUE(absl::StrContains(cancel, "\r\nSTATUS:CANCELLED\r\n"));
  EXPECT_TRUE(absl::StrContains(cancel, "\r\nSEQUENCE:1\r\n"));
}

TEST(BuildCalendar, EscapesCommasSemicolonsBackslashesAndNewlines) {
  CalendarEvent event = Checkup();
  event.summary = "Pulizia, controllo; sbiancamento";
  event.description = "Riga 1\nRiga 2, con; punteggiatura\\fine\r\nRiga 3";
  event.location = "Via Roma 1;\nMilano";
  const std::string text = BuildCalendar(event);
  EXPECT_TRUE(absl::StrContains(
      text, "\r\nSUMMARY:Pulizia\\, controllo\\; sbiancamento\r\n"))
      << text;
  EXPECT_TRUE(
      absl::StrContains(text, "\r\nLOCATION:Via Roma 1\\;\\nMilano\r\n"))
      << text;

  const Parsed p = Parse(text);
  EXPECT_EQ(p.errors, 0) << text;
  EXPECT_EQ(p.summary, "Pulizia, controllo; sbiancamento");
  // CR LF is written as a plain line break.
  EXPECT_EQ(p.description, "Riga 1\nRiga 2, con; punteggiatura\\fine\nRiga 3");
  EXPECT_EQ(p.location, "Via Roma 1;\nMilano");
}

TEST(BuildCalendar, FoldsLongNonAsciiLinesBetweenCharacters) {
  CalendarEvent event = Checkup();
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "Zoë—Niccolò·";
  event.description = long_text;
  event.summary = "Visita — Dr. Zoë, " + long_text;
  const std::string text = BuildCalendar(event);
  for (const std::string& line : Lines(text)) {
    EXPECT_LE(line.size(), 75u) << line;
    // Each physical line is whole UTF-8: no character is cut by a fold.
    size_t i = 0;
    while (i < line.size()) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      ASSERT_TRUE(c < 0x80 || c >= 0xC2) << line;
      for (size_t k = 1; k < n; ++k) {
        ASSERT_LT(i + k, line.size()) << line;
        ASSERT_EQ(static_cast<unsigned char>(line[i + k]) & 0xC0, 0x80) << line;
      }
      i += n;
    }
  }
  const Parsed p = Parse(text);
  EXPECT_EQ(p.errors, 0);
  EXPECT_EQ(p.description, long_text);
  EXPECT_EQ(p.summary, "Visita — Dr. Zoë, " + long_text);
}

TEST(BuildCalendar, OmitsEmptyOptionalFields) {
  CalendarEvent event = Checkup();
  event.description.clear();
  event.location.clear();
  event.organizer_email.clear();
  event.attendee_email.clear();
  const std::string text = BuildCalendar(event);
  for (const char* name :
       {"DESCRIPTION", "LOCATION", "ORGANIZER", "ATTENDEE"}) {
    EXPECT_FALSE(absl::StrContains(text, std::string("\n") + name)) << name;
  }
  const Parsed p = Parse(text);
  EXPECT_EQ(p.errors, 0) << text;
  EXPECT_EQ(p.uid, "appt-42@clinic");
  EXPECT_EQ(p.summary, "Visita — Dr. Zoë");
}

TEST(BuildCalendar, MakesBadInputWritable) {
  CalendarEvent event = Checkup();
  event.uid = "appt-7\r\n@clinic";
  event.summary = std::string("Bad \xff\xc0\x80 bytes\x01 and\ta\0nul", 24);
  event.attendee_email = "anna@example.com\r\nBCC:x@y";
  const std::string text = BuildCalendar(event);
  const Parsed p = Parse(text);
  EXPECT_EQ(p.errors, 0) << text;
  EXPECT_EQ(p.events, 1);
  EXPECT_EQ(p.uid, "appt-7@clinic");
  EXPECT_EQ(p.summary, "Bad \uFFFD\uFFFD\uFFFD bytes and\tanul");
  EXPECT_EQ(p.attendee, "mailto:anna@example.comBCC:x@y");
  for (const std::string& line : Lines(text)) {
    EXPECT_FALSE(absl::StartsWith(line, "BCC")) << line;
  }
}

}  // namespace
}  // namespace appt::messaging
