// The child process of crash_test: runs steps [first, last] of a
// deterministic booking / reschedule / cancel / run-due workload on a
// SQLite file, printing "done <step>" after each. Every step is safe to run
// again after a crash: it finds whether its command already committed.
//
// usage: crash_workload <db> <first> <last> <seed> <sent_log> [kill_at]
// kill_at > 0: SIGKILL itself inside the kill_at-th notifier call, after
// the message was claimed and before the answer is stored.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "appt/engine.h"
#include "crash/crash_workload.h"

namespace {

using namespace appt;  // NOLINT: a small program

class LoggingNotifier : public Notifier {
 public:
  LoggingNotifier(int fd, long kill_at) : fd_(fd), kill_at_(kill_at) {}
  SendResult Send(const Message& m) override {
    if (++calls_ == kill_at_) raise(SIGKILL);
    const std::string line = m.idempotency_key + "\n";
    if (write(fd_, line.data(), line.size()) < 0) return SendResult::Retry("log");
    return SendResult::Accepted(m.idempotency_key);
  }

 private:
  int fd_;
  long kill_at_;
  long calls_ = 0;
};

bool Step(Engine& engine, ManualClock& clock, int step, unsigned seed) {
  clock.Set(crash::StepTime(step));
  std::mt19937 rng(seed * 1000003u + static_cast<unsigned>(step));
  const int op = static_cast<int>(rng() % 6);
  auto count = engine.ListCustomerAppointments(crash::CustomerOf(step));
  if (!count.ok()) return false;
  if (op <= 2) {  // book
    bool done = false;
    for (const Appointment& a : *count) {
      done = done || a.external_id == "step-" + std::to_string(step);
    }
    if (!done) {
      BookRequest r;
      r.customer_id = crash::CustomerOf(step);
      r.service_id = 1;
      r.resource_id = 1 + static_cast<int>(rng() % crash::kResources);
      r.start = crash::SlotAfter(step, 4 + static_cast<int>(rng() % 200));
      r.external_id = "step-" + std::to_string(step);
      auto booked = engine.Book(r);
      if (!booked.ok() && !absl::IsAlreadyExists(booked.status())) {
        std::fprintf(stderr, "book: %s\n", booked.status().ToString().c_str());
        return false;
      }
    }
  } else if (op <= 4) {  // reschedule or cancel an earlier booking
    const AppointmentId id = 1 + static_cast<AppointmentId>(rng() % (step + 1));
    auto a = engine.GetAppointment(id);
    if (a.ok() && a->state == AppointmentState::kBooked &&
        a->start > clock.Now()) {
      if (op == 3) {
        const Instant to =
            crash::SlotAfter(step, 4 + static_cast<int>(rng() % 200));
        if (a->start != to) {
          auto moved = engine.Reschedule({id, to});
          if (!moved.ok() && !absl::IsAlreadyExists(moved.status()) &&
              !absl::IsInvalidArgument(moved.status())) {
            std::fprintf(stderr, "reschedule: %s\n",
                         moved.status().ToString().c_str());
            return false;
          }
        }
      } else {
        auto cancelled =
            engine.Cancel(id, {Actor::Kind::kCustomer, ""}, "crash test");
        if (!cancelled.ok()) return false;
      }
    }
  }
  auto ran = engine.RunDue();
  if (!ran.ok()) {
    std::fprintf(stderr, "run_due: %s\n", ran.status().ToString().c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s db first last seed sent_log [kill_at]\n",
                 argv[0]);
    return 2;
  }
  const int first = std::atoi(argv[2]);
  const int last = std::atoi(argv[3]);
  const unsigned seed = static_cast<unsigned>(std::atoi(argv[4]));
  const long kill_at = argc > 6 ? std::atol(argv[6]) : 0;
  const int log = open(argv[5], O_WRONLY | O_APPEND | O_CREAT, 0644);
  auto clock = std::make_shared<ManualClock>(crash::StepTime(first));
  auto store = OpenSqliteStore(argv[1]);
  if (!store.ok() || log < 0) return 3;
  auto engine = Engine::Open(std::move(*store), {clock});
  if (!engine.ok()) return 3;
  (*engine)->SetNotifier(std::make_shared<LoggingNotifier>(log, kill_at));
  for (int step = first; step <= last; ++step) {
    if (!Step(**engine, *clock, step, seed)) return 4;
    std::printf("done %d\n", step);
    std::fflush(stdout);
  }
  return 0;
}
