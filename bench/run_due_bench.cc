// The run-due step and the outbox (issue 4):
//   BM_RunDue/<store>/<n>  Engine::RunDue over n pending reminder timers
//                          (one per stored appointment, due 30 days before
//                          it, so that a run's clock never passes a start),
//                          no notifier: each iteration moves the clock
//                          on until 1000 more timers are due and fires
//                          them, each with its message, firing record and
//                          timeline entry, 64 firings per transaction (the
//                          default max_firings_per_transaction).
//                          items/s = timers fired per second.
//   BM_Dispatch/<store>    Engine::DispatchMessages of 10000 queued
//                          messages through a no-op notifier (claim, call,
//                          record the answer). items/s = messages per second.
// Stores are laid out as in scale_data.h. Memory: the rule is saved before
// booking, so Book plans the timers. SQLite: a fresh copy of the cached
// scale file gets the rule and its timers in one raw transaction, as the
// engine would have planned them.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"
#include "raw_sqlite.h"
#include "scale_data.h"

namespace appt_bench {
namespace {

constexpr int kTimersPerIteration = 1000;
constexpr appt::Duration kLead = std::chrono::days(30);

appt::MessageRule Reminder() {
  appt::MessageRule r;
  r.name = "Reminder";
  r.kind = appt::MessageKind::kReminder;
  r.channels = {appt::Channel::kEmail};
  r.offset = kLead;
  // Iterations jump the clock over many due times at once: none may count
  // as missed.
  r.grace = std::chrono::days(30);
  r.templates = {{appt::Channel::kEmail, "", "Your {{service.name}}",
                  "Hello {{customer.name}}, see you {{appointment.when}}."}};
  return r;
}

// The reminder rule and one timer per appointment, as raw SQL.
std::string SqliteTimers() {
  return absl::StrCat(
      "INSERT INTO message_rules (id, name, kind, enabled, audience, "
      "service_ids, channels, required_consents, offset_seconds, "
      "grace_seconds, "
      "external_id) VALUES (1, 'Reminder', ",
      static_cast<int>(appt::MessageKind::kReminder),
      ", 1, 0, '', '0', '', 2592000, 2592000, '');"
      "INSERT INTO message_templates VALUES (1, 0, 0, '', "
      "'Your {{service.name}}', "
      "'Hello {{customer.name}}, see you {{appointment.when}}.');",
      RawTimersSql(appt::TimerKind::kMessage, 1, 2592000));
}

absl::Status Prepare(bool sqlite, int64_t n, const TempDir& dir,
                     BookingFixture* f) {
  return PrepareTimedFixture(
      sqlite, n, dir, "run-due.sqlite",
      [](appt::Engine& engine) {
        return engine.CreateMessageRule(Reminder()).status();
      },
      SqliteTimers(), f);
}

void BM_RunDue(benchmark::State& state, bool sqlite, int64_t n) {
  TempDir dir;
  BookingFixture f;
  if (auto s = Prepare(sqlite, n, dir, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  // Stored start k is due at StoredStart(k) - kLead, for every resource
  // at once.
  const int per_start = ResourcesFor(n);
  const int starts_per_iteration = kTimersPerIteration / per_start;
  int next_start = 0;
  int64_t fired = 0;
  for (auto _ : state) {
    next_start += starts_per_iteration;
    f.clock->Set(StoredStart(next_start - 1) - kLead);
    auto report = f.engine->RunDue();
    if (!report.ok()) return Fail(state, report.status().ToString());
    if (report->messages_created != kTimersPerIteration) {
      return Fail(state,
                  absl::StrCat("created ", report->messages_created,
                               " messages, expected ", kTimersPerIteration));
    }
    fired += report->messages_created;
  }
  state.SetItemsProcessed(fired);
  state.counters["timers"] = static_cast<double>(n);
}

class NoOpNotifier : public appt::Notifier {
 public:
  appt::SendResult Send(const appt::Message& m) override {
    benchmark::DoNotOptimize(m.body.data());
    return appt::SendResult::Accepted("");
  }
};

void BM_Dispatch(benchmark::State& state, bool sqlite) {
  constexpr int64_t kMessages = 10000;
  TempDir dir;
  BookingFixture f;
  if (auto s = Prepare(sqlite, kMessages, dir, &f); !s.ok()) {
    return Fail(state, s.ToString());
  }
  // Every timer fires (within its grace: the last is due now), queueing.
  for (int k = 0; k < kPerResource; ++k) {
    f.clock->Set(StoredStart(k) - kLead);
    if (auto r = f.engine->RunDue(); !r.ok()) {
      return Fail(state, r.status().ToString());
    }
  }
  f.engine->SetNotifier(std::make_shared<NoOpNotifier>());
  int64_t sent = 0;
  for (auto _ : state) {
    auto report = f.engine->DispatchMessages();
    if (!report.ok()) return Fail(state, report.status().ToString());
    sent += report->sent;
  }
  const int64_t expected = kMessages;
  if (sent != expected) {
    return Fail(state, absl::StrCat("sent ", sent, " of ", expected));
  }
  state.SetItemsProcessed(sent);
}

}  // namespace

void RegisterRunDueBenchmarks(int64_t max_n) {
  for (const bool sqlite : {false, true}) {
    const char* store = sqlite ? "sqlite" : "memory";
    for (const int64_t n :
         {int64_t{10000}, int64_t{100000}, int64_t{1000000}}) {
      if (n > max_n) continue;
      // 20000 timers per run (nearly all of them at 10k).
      const int64_t steps = n == 10000 ? 10 : 20;
      benchmark::RegisterBenchmark(
          absl::StrCat("BM_RunDue/", store, "/", n).c_str(), BM_RunDue, sqlite,
          n)
          ->Iterations(steps)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
    benchmark::RegisterBenchmark(absl::StrCat("BM_Dispatch/", store).c_str(),
                                 BM_Dispatch, sqlite)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

}  // namespace appt_bench
