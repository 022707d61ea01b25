// Builds the demo business: a practice in Berlin with two doctors, a
// physiotherapy room and a group studio, plus a telehealth doctor in New
// York; six services; 100 generated customers. Then checks the calendar
// facts the rest of the demo relies on (DST, day off, changed hours).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clinic.h"

namespace clinic {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr char kBerlin[] = "Europe/Berlin";
constexpr char kNewYork[] = "America/New_York";

appt::LocalSpan Span(int from_h, int from_m, int to_h, int to_m) {
  return {from_h * 60 + from_m, to_h * 60 + to_m};
}

ResourceInfo AddResource(Clinic& c, appt::Resource r) {
  ResourceInfo info{0, r.name, r.time_zone};
  info.id = Must(c.engine->CreateResource(r), "creating a resource");
  return info;
}

void Block(Clinic& c, const ResourceInfo& r, appt::Instant from,
           appt::Instant to, const std::string& reason,
           const std::string& external_id) {
  appt::BlockedInterval b;
  b.resource_id = r.id;
  b.interval = {from, to};
  b.reason = reason;
  b.external_id = external_id;
  Must(c.engine->AddBlockedInterval(b), "adding a blocked interval");
}

void CreateResources(Clinic& c) {
  appt::Resource weber;  // general practitioner, split days, Wed mornings
  weber.name = "Dr. Anna Weber";
  weber.time_zone = kBerlin;
  for (int d : {0, 1, 3, 4}) {
    weber.weekly_hours[d] = {Span(8, 0, 12, 0), Span(13, 0, 17, 0)};
  }
  weber.weekly_hours[2] = {Span(8, 0, 12, 0)};
  weber.exceptions = {{2027, 3, 26, {}}};  // day off
  weber.notification_email = "weber@praxis-mitte.example";
  weber.responsible_agent = "reception-ben";
  c.weber = AddResource(c, weber);

  appt::Resource schmidt;  // dermatologist, long Mon/Tue/Thu, Fri mornings
  schmidt.name = "Dr. Lukas Schmidt";
  schmidt.time_zone = kBerlin;
  for (int d : {0, 1, 3}) {
    schmidt.weekly_hours[d] = {Span(9, 0, 13, 0), Span(14, 0, 18, 0)};
  }
  schmidt.weekly_hours[4] = {Span(9, 0, 13, 0)};
  schmidt.exceptions = {{2027, 4, 1, {Span(12, 0, 16, 0)}}};  // changed hours
  schmidt.notification_email = "schmidt@praxis-mitte.example";
  schmidt.responsible_agent = "reception-ben";
  c.schmidt = AddResource(c, schmidt);

  appt::Resource room;
  room.name = "Physio Room 1";
  room.responsible_agent = "reception-ben";
  room.time_zone = kBerlin;
  for (int d = 0; d < 5; ++d) room.weekly_hours[d] = {Span(8, 0, 19, 0)};
  room.weekly_hours[5] = {Span(9, 0, 13, 0)};
  c.physio_room = AddResource(c, room);

  appt::Resource studio;  // group classes Tue/Thu evening, Saturday morning
  studio.name = "Studio (group room)";
  studio.responsible_agent = "reception-ben";
  studio.time_zone = kBerlin;
  studio.weekly_hours[1] = {Span(18, 0, 19, 0)};
  studio.weekly_hours[3] = {Span(18, 0, 19, 0)};
  studio.weekly_hours[5] = {Span(10, 0, 11, 0)};
  c.studio = AddResource(c, studio);

  appt::Resource lopez;  // telehealth from New York
  lopez.name = "Dr. Maria Lopez";
  lopez.time_zone = kNewYork;
  for (int d = 0; d < 5; ++d) {
    lopez.weekly_hours[d] = {Span(9, 0, 13, 0), Span(14, 0, 17, 0)};
  }
  lopez.notification_email = "lopez@telehealth.example";
  lopez.responsible_agent = "reception-ny";
  c.lopez = AddResource(c, lopez);

  Block(c, c.weber, AtLocal(kBerlin, 2027, 3, 18, 15, 0),
        AtLocal(kBerlin, 2027, 3, 18, 17, 0), "medical training", "");
  Block(c, c.schmidt, AtLocal(kBerlin, 2027, 4, 5, 0, 0),
        AtLocal(kBerlin, 2027, 4, 10, 0, 0), "vacation", "");
  // Busy times imported from Dr. Lopez's hospital calendar.
  for (int week = 0; week < 4; ++week) {
    Block(c, c.lopez, AtLocal(kNewYork, 2027, 3, 16, 10, 0) + days(7 * week),
          AtLocal(kNewYork, 2027, 3, 16, 11, 30) + days(7 * week),
          "imported: hospital board", absl::StrCat("gcal-board-", week + 1));
  }
  Block(c, c.lopez, AtLocal(kNewYork, 2027, 3, 19, 14, 0),
        AtLocal(kNewYork, 2027, 3, 19, 17, 0), "imported: conference",
        "gcal-conf-7");
}

ServiceInfo AddService(Clinic& c, appt::Service s) {
  ServiceInfo info{0, s.name, s.price, s.resource_ids};
  info.id = Must(c.engine->CreateService(s), "creating a service");
  return info;
}

appt::Service MakeService(const char* name, int minutes_long, int64_t cents,
                          const char* currency,
                          std::vector<appt::ResourceId> resources) {
  appt::Service s;
  s.name = name;
  s.duration = minutes(minutes_long);
  s.price = {cents, currency};
  s.resource_ids = std::move(resources);
  return s;
}

void CreateServices(Clinic& c) {
  appt::Service s =
      MakeService("General consultation", 20, 6000, "EUR", {c.weber.id});
  s.buffer_after = minutes(5);
  s.min_notice = hours(2);
  s.horizon = days(60);
  c.consultation = AddService(c, s);

  s = MakeService("Follow-up visit", 15, 3500, "EUR",
                  {c.weber.id, c.schmidt.id});
  s.min_notice = hours(1);
  s.horizon = days(30);
  c.follow_up = AddService(c, s);

  s = MakeService("Skin check", 30, 9500, "EUR", {c.schmidt.id});
  s.buffer_before = minutes(5);
  s.buffer_after = minutes(10);
  s.min_notice = hours(24);
  s.horizon = days(90);
  c.skin_check = AddService(c, s);

  s = MakeService("Physiotherapy", 45, 7000, "EUR", {c.physio_room.id});
  s.buffer_after = minutes(15);
  s.min_notice = hours(4);
  s.horizon = days(60);
  c.physiotherapy = AddService(c, s);

  s = MakeService("Back Fit group class", 60, 1800, "EUR", {c.studio.id});
  s.capacity = 6;
  s.min_notice = hours(1);
  s.horizon = days(28);
  c.back_fit = AddService(c, s);

  s = MakeService("Telehealth consultation", 25, 8000, "USD", {c.lopez.id});
  s.buffer_after = minutes(5);
  s.min_notice = hours(1);
  s.horizon = days(30);
  c.telehealth = AddService(c, s);
}

struct Name {
  const char* display;
  const char* ascii;  // for the e-mail address
};
constexpr Name kGermanFirst[] = {
    {"Jürgen", "juergen"}, {"Sabine", "sabine"}, {"Lena", "lena"},
    {"Tobias", "tobias"},  {"Özlem", "oezlem"},  {"Felix", "felix"},
    {"Katrin", "katrin"},  {"Jonas", "jonas"},   {"Mia", "mia"},
    {"Stefan", "stefan"},  {"Hannah", "hannah"}, {"Emre", "emre"}};
constexpr Name kGermanLast[] = {
    {"Müller", "mueller"},    {"Schulz", "schulz"},  {"Becker", "becker"},
    {"Hoffmann", "hoffmann"}, {"Koch", "koch"},      {"Yilmaz", "yilmaz"},
    {"Wagner", "wagner"},     {"Krüger", "krueger"}, {"Neumann", "neumann"},
    {"Braun", "braun"}};
constexpr Name kEnglishFirst[] = {{"Oliver", "oliver"},
                                  {"Emily", "emily"},
                                  {"James", "james"},
                                  {"Grace", "grace"}};
constexpr Name kItalianFirst[] = {{"Giulia", "giulia"},
                                  {"Marco", "marco"},
                                  {"Chiara", "chiara"},
                                  {"Luca", "luca"}};
constexpr Name kItalianLast[] = {{"Rossi", "rossi"},
                                 {"Bianchi", "bianchi"},
                                 {"Ricci", "ricci"},
                                 {"Greco", "greco"}};
constexpr Name kUsFirst[] = {{"Ashley", "ashley"},   {"Michael", "michael"},
                             {"Jessica", "jessica"}, {"David", "david"},
                             {"Sarah", "sarah"},     {"Daniel", "daniel"}};
constexpr Name kUsLast[] = {{"Johnson", "johnson"},
                            {"Garcia", "garcia"},
                            {"Smith", "smith"},
                            {"Nguyen", "nguyen"},
                            {"O'Brien", "obrien"}};

template <size_t N>
const Name& PickName(Clinic& c, const Name (&names)[N]) {
  return names[c.Pick(static_cast<int>(N))];
}

std::string Digits(Clinic& c, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += static_cast<char>('0' + c.Pick(10));
  return out;
}

// 70 customers in Berlin (every tenth an English speaker), 10 in Rome,
// 20 in New York; consents given on various days of the past year.
void CreateCustomers(Clinic& c) {
  const appt::Instant now = c.clock->Now();
  for (int i = 0; i < 100; ++i) {
    appt::Customer cu;
    const Name* first;
    const Name* last;
    std::string domain;
    if (i < 70) {
      const bool english = i % 10 == 9;
      first =
          english ? &PickName(c, kEnglishFirst) : &PickName(c, kGermanFirst);
      last = &PickName(c, kGermanLast);
      cu.locale = english ? "en-GB" : "de-DE";
      cu.time_zone = kBerlin;
      cu.phone = "+49151" + Digits(c, 8);
      domain = "example.de";
    } else if (i < 80) {
      first = &PickName(c, kItalianFirst);
      last = &PickName(c, kItalianLast);
      cu.locale = "it-IT";
      cu.time_zone = "Europe/Rome";
      cu.phone = "+39333" + Digits(c, 7);
      domain = "example.it";
    } else {
      first = &PickName(c, kUsFirst);
      last = &PickName(c, kUsLast);
      cu.locale = "en-US";
      cu.time_zone = kNewYork;
      cu.phone = "+1212555" + absl::StrFormat("01%02d", c.Pick(100));
      domain = "example.com";
    }
    cu.name = absl::StrCat(first->display, " ", last->display);
    cu.email = absl::StrCat(first->ascii, ".", last->ascii, i + 1, "@", domain);
    cu.external_id = absl::StrFormat("crm-%05d", 1000 + i);
    const appt::Instant given = now - days(1 + c.Pick(365));
    if (c.Chance(85)) cu.consents.email.given_at = given;
    if (c.Chance(60)) cu.consents.sms.given_at = given;
    if (c.Chance(30)) cu.consents.whatsapp.given_at = given;
    if (c.Chance(25)) cu.consents.marketing.given_at = given;
    const appt::CustomerId id =
        Must(c.engine->CreateCustomer(cu), "creating a customer");
    (i < 80 ? c.europe_customers : c.us_customers).push_back(id);
  }
}

}  // namespace

// Idempotent by recreation: any previous database at `path` (and its WAL
// and shared-memory files) is deleted first, so every run starts empty and
// prints the same output.
void Setup(const std::string& path, Clinic& c) {
  const std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path());
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix);
  }
  auto store = Must(appt::OpenSqliteStore(path), "opening the SQLite store");
  c.clock = std::make_shared<appt::ManualClock>(DemoStart());
  c.engine = Must(appt::Engine::Open(std::move(store), {.clock = c.clock}),
                  "opening the engine");
  CreateResources(c);
  CreateServices(c);
  CreateCustomers(c);

  std::cout << "Praxis Mitte on " << path << ", simulated from "
            << Local(kBerlin, DemoStart()) << " (" << UtcClock(DemoStart())
            << ")\n\nResources\n";
  for (const ResourceInfo* r : c.Resources()) {
    std::cout << absl::StrFormat("  #%d %-22s %s\n", r->id, r->name, r->zone);
  }
  std::cout << "Services\n";
  for (const ServiceInfo* s : c.Services()) {
    const appt::Service full = Must(c.engine->GetService(s->id), "reading");
    std::cout << absl::StrFormat(
        "  #%d %-24s %3d min  %-11s cap %d  notice %2dh\n", s->id, s->name,
        full.duration.count() / 60, FormatMoney(s->price), full.capacity,
        full.min_notice.count() / 3600);
  }
  std::cout << "Customers: " << c.europe_customers.size() << " in Europe, "
            << c.us_customers.size() << " in New York\n";
}

namespace {

std::vector<appt::Slot> SlotsOn(Clinic& c, const ServiceInfo& s,
                                const ResourceInfo& r, int month, int day) {
  appt::SlotQuery q;
  q.service_id = s.id;
  q.resource_id = r.id;
  q.window = {AtLocal(r.zone, 2027, month, day, 0, 0),
              AtLocal(r.zone, 2027, month, day, 0, 0) + days(1)};
  return Must(c.engine->SearchSlots(q), "searching slots");
}

// Prints the first slot of a day, checking its local and UTC clock times.
void CheckFirstSlot(Clinic& c, const ServiceInfo& s, const ResourceInfo& r,
                    int month, int day, const char* want_local,
                    const char* want_utc) {
  const std::vector<appt::Slot> slots = SlotsOn(c, s, r, month, day);
  if (slots.empty()) Must(absl::InternalError("no slot"), "checking DST");
  const appt::Instant t = slots.front().start;
  std::cout << "  " << r.name << " first slot " << Local(r.zone, t) << " = "
            << UtcClock(t) << " = " << Local(kBerlin, t, "%H:%M %Z Berlin")
            << "\n";
  if (Local(r.zone, t, "%H:%M") != want_local || UtcClock(t) != want_utc) {
    Must(absl::InternalError(
             absl::StrCat("expected ", want_local, " local = ", want_utc)),
         "checking the DST change");
  }
}

}  // namespace

void ShowCalendarChecks(Clinic& c) {
  std::cout << "\nCalendar checks (before any booking)\n"
               "  Europe changes to summer time on Sun 2027-03-28; New York "
               "already did on 2027-03-14.\n";
  CheckFirstSlot(c, c.follow_up, c.schmidt, 3, 25, "09:00", "08:00 UTC");
  CheckFirstSlot(c, c.follow_up, c.schmidt, 3, 29, "09:00", "07:00 UTC");
  CheckFirstSlot(c, c.telehealth, c.lopez, 3, 25, "09:00", "13:00 UTC");
  CheckFirstSlot(c, c.telehealth, c.lopez, 3, 29, "09:00", "13:00 UTC");
  const size_t day_off = SlotsOn(c, c.consultation, c.weber, 3, 26).size();
  std::cout << "  " << c.weber.name
            << " on Fri 2027-03-26 (day off): " << day_off << " slots\n";
  const auto changed = SlotsOn(c, c.follow_up, c.schmidt, 4, 1);
  std::cout << "  " << c.schmidt.name
            << " on Thu 2027-04-01 (changed hours 12:00-16:00): "
            << changed.size() << " slots, "
            << Local(c.schmidt.zone, changed.front().start, "%H:%M") << " to "
            << Local(c.schmidt.zone, changed.back().start, "%H:%M") << "\n";
  const size_t vacation = SlotsOn(c, c.skin_check, c.schmidt, 4, 6).size();
  std::cout << "  " << c.schmidt.name
            << " on Tue 2027-04-06 (vacation): " << vacation << " slots\n";
  if (day_off != 0 || vacation != 0 || changed.size() != 16) {
    Must(absl::InternalError("day off, vacation or changed hours ignored"),
         "checking exceptions");
  }
}

}  // namespace clinic
