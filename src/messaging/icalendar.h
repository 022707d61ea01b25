// The iCalendar (RFC 5545) attachment of confirmation, reschedule and
// cancellation emails (R4.9), written with libical. Pure; thread safe.
#ifndef APPT_SRC_MESSAGING_ICALENDAR_H_
#define APPT_SRC_MESSAGING_ICALENDAR_H_

#include <string>

#include "appt/types.h"

namespace appt::messaging {

// An RFC 5545 event for a confirmation, reschedule or cancellation email.
struct CalendarEvent {
  std::string uid;              // stable per appointment, e.g. "appt-42@clinic"
  int sequence = 0;             // higher for each change of the same event
  bool cancelled = false;       // METHOD:CANCEL + STATUS:CANCELLED; else
                                // METHOD:REQUEST + STATUS:CONFIRMED
  Instant start{}, end{};       // written as UTC ("20270329T080000Z")
  Instant stamp{};              // DTSTAMP
  std::string summary;          // service name
  std::string description;      // may be empty (then omitted)
  std::string location;         // may be empty (then omitted)
  std::string organizer_email;  // may be empty (then omitted); "mailto:" added
  std::string attendee_email;   // may be empty (then omitted); "mailto:" added
};

// A VCALENDAR (VERSION:2.0, PRODID:-//appt//appt//EN, METHOD) holding one
// VEVENT, with CRLF line endings and lines folded at 75 octets (between
// UTF-8 characters) as libical writes them. Text is escaped (\, \; \\ \n).
//
// Never fails. Input is made writable first: invalid UTF-8 becomes U+FFFD;
// CR LF and lone CR become LF (a line break) in summary, description and
// location; other control characters (except TAB there) are dropped, and a
// line break in uid or an email is dropped too.
std::string BuildCalendar(const CalendarEvent& event);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_ICALENDAR_H_
