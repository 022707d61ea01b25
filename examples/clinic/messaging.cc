// The practice's messages: business settings, the rules (confirmations,
// changes, two reminders, a no-show follow-up, a "time to book again"
// campaign and a note to the doctor), and a notifier standing in for the
// e-mail, SMS and WhatsApp gateways. The gateways are deterministic: every
// 9th SMS times out once (a retry), WhatsApp refuses every 7th number (a
// permanent failure); their webhooks later report most messages delivered
// and some read.
#include <iostream>
#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clinic.h"

namespace clinic {

using appt::Channel;
using appt::MessageKind;
using appt::MessageTemplate;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

class DemoNotifier : public appt::Notifier {
 public:
  appt::SendResult Send(const appt::Message& m) override {
    std::lock_guard<std::mutex> lock(mu_);
    const int n = ++calls_[m.channel];
    if (m.channel == Channel::kSms && n % 9 == 0) {
      return appt::SendResult::Retry("gateway timeout");
    }
    if (m.channel == Channel::kWhatsapp && n % 7 == 0) {
      return appt::SendResult::Fail("number not on WhatsApp");
    }
    if (sample_.empty() && m.kind == MessageKind::kConfirmed &&
        m.locale == "it") {
      sample_ = absl::StrCat("  to ", m.recipient, "\n  subject: ", m.subject,
                             "\n  ", m.body, "\n");
      calendar_ = m.calendar;
    }
    accepted_.push_back(m.id);
    return appt::SendResult::Accepted(absl::StrCat("gw-", m.id));
  }
  // Ids accepted since the last call.
  std::vector<appt::MessageId> TakeAccepted() {
    std::lock_guard<std::mutex> lock(mu_);
    return std::exchange(accepted_, {});
  }
  std::string sample() const { return sample_; }
  std::string calendar() const { return calendar_; }

 private:
  std::mutex mu_;
  std::map<Channel, int> calls_;
  std::vector<appt::MessageId> accepted_;
  std::string sample_, calendar_;
};

namespace {

appt::MessageRule Rule(std::string name, MessageKind kind,
                       std::vector<Channel> channels,
                       std::vector<MessageTemplate> templates) {
  appt::MessageRule r;
  r.name = std::move(name);
  r.kind = kind;
  r.channels = std::move(channels);
  r.templates = std::move(templates);
  return r;
}

// German by default, Italian and English for customers who read them.
std::vector<MessageTemplate> Letters(const std::string& de_subject,
                                     const std::string& de,
                                     const std::string& it_subject,
                                     const std::string& it,
                                     const std::string& en_subject,
                                     const std::string& en) {
  return {{Channel::kEmail, "", de_subject, "Guten Tag {{customer.name}}, " + de},
          {Channel::kEmail, "it", it_subject, "Gentile {{customer.name}}, " + it},
          {Channel::kEmail, "en", en_subject, "Dear {{customer.name}}, " + en}};
}

// Reasons name times and ids; the report counts them by what they mean.
std::string ReasonGroup(const std::string& reason) {
  const std::pair<const char*, const char*> groups[] = {
      {"that planned it", "its time had passed when the visit was booked or moved"},
      {"not before the start", "its time fell at or after the start"},
      {"missed", "its grace ended before it could go (quiet hours)"},
      {"daily reminder limit", "a reminder already went out that day"},
      {"no usable channel", "no contact or consent for any of its channels"},
      {"marketing consent", "no marketing consent"},
      {"already booked", "the customer had already booked again"},
      {"started", "the visit had started"}};
  for (const auto& [needle, group] : groups) {
    if (reason.find(needle) != std::string::npos) return group;
  }
  return reason;
}

}  // namespace

void SetUpMessaging(Clinic& c) {
  appt::MessagingSettings s;
  s.business_name = "Praxis Mitte";
  s.default_locale = "de-DE";
  s.send_window = appt::LocalSpan{8 * 60, 21 * 60};  // quiet hours
  s.max_reminders_per_customer_per_day = 1;
  s.retry_backoff = minutes(2);
  Must(c.engine->SetMessagingSettings(s), "saving messaging settings");

  const std::vector<appt::MessageRule> rules = [&] {
    std::vector<appt::MessageRule> out;
    out.push_back(Rule(
        "Confirmation", MessageKind::kConfirmed, {Channel::kEmail},
        Letters("Termin bestätigt: {{service.name}}",
                "Ihr Termin ({{service.name}}, {{service.price}}) bei "
                "{{resource.name}} ist bestätigt: {{appointment.when}}.",
                "Appuntamento confermato: {{service.name}}",
                "confermiamo {{service.name}} ({{service.price}}) con "
                "{{resource.name}}: {{appointment.when}}.",
                "Appointment confirmed: {{service.name}}",
                "your {{service.name}} ({{service.price}}) with "
                "{{resource.name}} is confirmed for {{appointment.when}}.")));
    // Physiotherapy requests go through an approval chain (workflow.cc).
    out.push_back(Rule(
        "Request received", MessageKind::kRequestReceived, {Channel::kEmail},
        Letters("Anfrage erhalten: {{service.name}}",
                "wir haben Ihre Anfrage für {{appointment.when}} erhalten und "
                "melden uns nach der Prüfung.",
                "Richiesta ricevuta: {{service.name}}",
                "abbiamo ricevuto la sua richiesta per {{appointment.when}}; "
                "le confermeremo dopo la verifica.",
                "Request received: {{service.name}}",
                "we received your request for {{appointment.when}} and will "
                "confirm it once checked.")));
    out.push_back(Rule(
        "Request declined", MessageKind::kRejected, {Channel::kEmail},
        Letters("Anfrage abgelehnt",
                "leider können wir {{appointment.when}} nicht bestätigen: "
                "{{appointment.cancel_reason}}.",
                "Richiesta respinta",
                "purtroppo non possiamo confermare {{appointment.when}}: "
                "{{appointment.cancel_reason}}.",
                "Request declined",
                "sorry, we cannot confirm {{appointment.when}}: "
                "{{appointment.cancel_reason}}.")));
    out.push_back(Rule(
        "Rescheduled", MessageKind::kRescheduled, {Channel::kEmail},
        Letters("Termin verschoben", "Ihr Termin wurde von "
                "{{appointment.previous_when}} auf {{appointment.when}} "
                "verschoben.",
                "Appuntamento spostato", "il suo appuntamento è spostato da "
                "{{appointment.previous_when}} a {{appointment.when}}.",
                "Appointment moved", "your appointment moved from "
                "{{appointment.previous_when}} to {{appointment.when}}.")));
    out.push_back(Rule(
        "Cancelled", MessageKind::kCancelled, {Channel::kEmail},
        Letters("Termin abgesagt", "Ihr Termin am {{appointment.when}} ist "
                "abgesagt ({{appointment.cancel_reason}}).",
                "Appuntamento annullato", "l'appuntamento di "
                "{{appointment.when}} è annullato "
                "({{appointment.cancel_reason}}).",
                "Appointment cancelled", "your appointment on "
                "{{appointment.when}} is cancelled "
                "({{appointment.cancel_reason}}).")));
    appt::MessageRule day_before = Rule(
        "Reminder 24 h", MessageKind::kReminder, appt::PreferSmsElseEmail(),
        {{Channel::kSms, "", "", "Praxis Mitte: morgen {{appointment.time}} "
                                 "{{service.name}}."},
         {Channel::kSms, "en", "", "Praxis Mitte: tomorrow "
                                   "{{appointment.time}}, {{service.name}}."},
         {Channel::kEmail, "", "Erinnerung", "Bis morgen, "
                                             "{{appointment.when}}."}});
    day_before.offset = hours(24);
    day_before.required_consents = {appt::ConsentKind::kSms};
    day_before.grace = hours(12);
    out.push_back(day_before);
    appt::MessageRule evening = Rule(
        "Reminder 18:00 the day before", MessageKind::kReminder,
        {Channel::kWhatsapp, Channel::kSms},
        {{Channel::kWhatsapp, "", "", "Bis morgen um {{appointment.time}}!"},
         {Channel::kSms, "", "", "Bis morgen um {{appointment.time}}!"}});
    evening.at_local_time = appt::LocalTimeOfDay{18 * 60, 1};
    evening.required_consents = {appt::ConsentKind::kWhatsapp,
                                 appt::ConsentKind::kSms};
    evening.service_ids = {c.physiotherapy.id, c.back_fit.id};
    out.push_back(evening);
    appt::MessageRule missed = Rule(
        "Missed visit", MessageKind::kNoShowFollowUp, {Channel::kEmail},
        Letters("Wir vermissen Sie", "Sie sind nicht erschienen. "
                "Bitte buchen Sie einen neuen Termin.",
                "L'aspettiamo", "non l'abbiamo vista oggi.",
                "We missed you", "we missed you today."));
    missed.offset = minutes(10);
    missed.service_ids = {c.consultation.id, c.follow_up.id,
                          c.skin_check.id};
    out.push_back(missed);
    appt::MessageRule again = Rule(
        "Time for your next session", MessageKind::kBookAgain,
        {Channel::kEmail},
        Letters("Zeit für die nächste Sitzung", "buchen Sie Ihre nächste "
                "Physiotherapie.", "Prossima seduta", "prenoti la prossima "
                "seduta.", "Next session", "book your next session."));
    again.offset = days(14);
    again.service_ids = {c.physiotherapy.id};
    again.required_consents = {appt::ConsentKind::kMarketing};
    out.push_back(again);
    appt::MessageRule doctor = Rule(
        "New booking (doctor)", MessageKind::kConfirmed, {Channel::kEmail},
        {{Channel::kEmail, "", "Neuer Termin",
          "{{customer.name}}: {{service.name}}, {{appointment.when}}"}});
    doctor.audience = appt::Audience::kResource;
    out.push_back(doctor);
    return out;
  }();
  for (const appt::MessageRule& r : rules) {
    Must(c.engine->CreateMessageRule(r), "creating a message rule");
  }
  appt::MessageRule typo = rules[0];
  typo.templates[0].body = "Hallo {{customer.nmae}}";
  ExpectRefused(c.engine->CreateMessageRule(typo).status(),
                absl::StatusCode::kInvalidArgument,
                "a template naming an unknown field");
  c.notifier = std::make_shared<DemoNotifier>();
  c.engine->SetNotifier(c.notifier);
  std::cout << "Messaging: " << rules.size()
            << " rules, quiet hours 08:00-21:00 local, one reminder a day\n";
}

void RunDueWork(Clinic& c) {
  const appt::RunDueReport r = Must(c.engine->RunDue(), "running due work");
  c.run_due.messages_created += r.messages_created;
  c.run_due.skipped += r.skipped;
  // The gateways' webhooks: most delivered, some read, a few bounce.
  for (appt::MessageId id : c.notifier->TakeAccepted()) {
    const int roll = c.Pick(100);
    if (roll < 3) {
      Must(c.engine->ReportDelivery(id, appt::MessageState::kFailed,
                                    "mailbox full"),
           "reporting a bounce");
      continue;
    }
    Must(c.engine->ReportDelivery(id, appt::MessageState::kDelivered),
         "reporting a delivery");
    if (roll < 45) {
      Must(c.engine->ReportDelivery(id, appt::MessageState::kRead),
           "reporting a read");
    }
  }
}

void ReportMessages(Clinic& c, const std::vector<appt::CustomerId>& customers) {
  std::map<std::pair<MessageKind, Channel>, int> by_kind;
  std::map<appt::MessageState, int> by_state;
  std::map<std::string, int> skipped;
  std::string retried;
  for (appt::CustomerId customer : customers) {
    for (const appt::Appointment& a :
         Must(c.engine->ListCustomerAppointments(customer), "listing")) {
      for (const appt::Message& m :
           Must(c.engine->ListAppointmentMessages(a.id), "listing messages")) {
        ++by_kind[{m.kind, m.channel}];
        ++by_state[m.state];
        if (retried.empty() && m.attempts > 1 &&
            m.state != appt::MessageState::kQueued) {
          retried = absl::StrCat("  message ", m.id, " (", m.recipient,
                                 ") took ", m.attempts, " attempts after \"",
                                 m.error, "\", now ",
                                 appt::MessageStateName(m.state), "\n");
        }
      }
      for (const appt::Firing& f :
           Must(c.engine->ListFirings(a.id), "listing firings")) {
        if (f.outcome != appt::FiringOutcome::kSkipped) continue;
        ++skipped[ReasonGroup(f.reason)];
      }
    }
  }
  std::cout << "\nMessages by kind and channel\n";
  for (const auto& [key, n] : by_kind) {
    std::cout << absl::StrFormat("  %-18s %-9s %5d\n",
                                 appt::MessageKindName(key.first),
                                 appt::ChannelName(key.second), n);
  }
  std::cout << "Delivery states\n";
  for (const auto& [state, n] : by_state) {
    std::cout << absl::StrFormat("  %-10s %5d\n",
                                 appt::MessageStateName(state), n);
  }
  std::cout << retried;
  std::cout << "Skipped, with their reasons\n";
  for (const auto& [reason, n] : skipped) {
    std::cout << absl::StrFormat("  %5d  %s\n", n, reason);
  }
  std::cout << "A confirmation in Italian, as the gateway received it:\n"
            << c.notifier->sample();
  const std::string ics = c.notifier->calendar();
  std::cout << "  with an iCalendar part (" << ics.size() << " bytes):";
  for (const char* key : {"METHOD:", "UID:", "SEQUENCE:", "DTSTART:"}) {
    const size_t at = ics.find(absl::StrCat("\r\n", key));
    if (at != std::string::npos) {
      std::cout << " " << ics.substr(at + 2, ics.find('\r', at + 2) - at - 2);
    }
  }
  std::cout << "\n";
}

}  // namespace clinic
