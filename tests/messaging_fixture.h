// A fixture for messaging scenarios: the EngineTest catalog, a notifier
// that records what it is handed and answers from a script, and builders
// for rules. Instants in comments are UTC unless they say otherwise.
#ifndef APPT_TESTS_MESSAGING_FIXTURE_H_
#define APPT_TESTS_MESSAGING_FIXTURE_H_

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "appt/engine.h"
#include "engine_fixture.h"

namespace appt::testing {

// Thread safe. Answers from `script` in order, then accepts; every
// accepted message gets provider id "p-<n>".
class RecordingNotifier : public Notifier {
 public:
  SendResult Send(const Message& m) override {
    std::function<void(const Message&)> hook;
    SendResult answer;
    {
      std::lock_guard<std::mutex> lock(mu_);
      sent_.push_back(m);
      hook = hook_;
      if (!script_.empty()) {
        answer = script_.front();
        script_.pop_front();
      } else {
        answer = SendResult::Accepted("p-" + std::to_string(sent_.size()));
      }
    }
    cv_.notify_all();
    if (hook) hook(m);
    return answer;
  }
  std::vector<Message> sent() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sent_;
  }
  void Script(std::vector<SendResult> answers) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.assign(answers.begin(), answers.end());
  }
  // Runs inside Send, after recording, with no lock held.
  void OnSend(std::function<void(const Message&)> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    hook_ = std::move(hook);
  }
  // Waits (at most `limit`) until `pred(sent)` holds; the limit only
  // bounds a failing test, it is not part of what is asserted.
  bool WaitFor(std::function<bool(const std::vector<Message>&)> pred,
               std::chrono::seconds limit = std::chrono::seconds(30)) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return pred(sent_); });
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Message> sent_;
  std::deque<SendResult> script_;
  std::function<void(const Message&)> hook_;
};

class MessagingTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    notifier_ = std::make_shared<RecordingNotifier>();
    engine_->SetNotifier(notifier_);
  }

  // A rule with a default-locale template per channel:
  // "{{customer.name}}: {{appointment.when}}" (email subject: the kind).
  static MessageRule Rule(MessageKind kind,
                          std::vector<Channel> channels = {Channel::kEmail},
                          Duration offset = Duration(0)) {
    MessageRule r;
    r.name = MessageKindName(kind);
    r.kind = kind;
    r.channels = channels;
    r.offset = offset;
    for (Channel c : channels) {
      r.templates.push_back(
          {c, "", c == Channel::kEmail ? MessageKindName(kind) : "",
           "{{customer.name}}: {{appointment.when}}"});
    }
    return r;
  }
  RuleId Save(const MessageRule& r) {
    auto id = engine_->CreateMessageRule(r);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }
  Appointment BookAt(Instant start, CustomerId customer = 0,
                     ServiceId service = 0) {
    BookRequest r;
    r.customer_id = customer ? customer : anna_;
    r.service_id = service ? service : checkup_;
    r.resource_id = rossi_;
    r.start = start;
    auto a = engine_->Book(r);
    EXPECT_TRUE(a.ok()) << a.status();
    return a.value_or(Appointment{});
  }
  RunDueReport RunDueAt(Instant now) {
    clock_->Set(now);
    auto report = engine_->RunDue();
    EXPECT_TRUE(report.ok()) << report.status();
    return report.value_or(RunDueReport{});
  }
  std::vector<Message> MessagesOf(AppointmentId id) {
    return engine_->ListAppointmentMessages(id).value();
  }
  std::vector<Firing> FiringsOf(AppointmentId id) {
    return engine_->ListFirings(id).value();
  }
  std::vector<Timer> TimersOf(AppointmentId id) {
    return engine_->ListPendingTimers(id).value();
  }
  bool TimelineHas(AppointmentId id, const std::string& kind) {
    const std::vector<TimelineEntry> timeline = engine_->Timeline(id).value();
    for (const TimelineEntry& e : timeline) {
      if (e.kind == kind) return true;
    }
    return false;
  }

  std::shared_ptr<RecordingNotifier> notifier_;
};

}  // namespace appt::testing

#endif  // APPT_TESTS_MESSAGING_FIXTURE_H_
