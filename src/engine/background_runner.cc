#include "engine/background_runner.h"

#include <algorithm>

namespace appt::engine {

BackgroundRunner::BackgroundRunner(Engine* engine,
                                   BackgroundRunnerOptions options)
    : engine_(engine), options_(options) {
  thread_ = std::thread([this] { Loop(); });
}

BackgroundRunner::~BackgroundRunner() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void BackgroundRunner::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void BackgroundRunner::Loop() {
  for (;;) {
    // Failures (a locked database, a full disk) are retried on the next
    // pass; the runner never stops on its own.
    engine_->RunDue().IgnoreError();
    std::chrono::milliseconds sleep = options_.max_sleep;
    if (auto next = engine_->NextDueAt(); next.ok() && next->has_value()) {
      const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
          **next - engine_->clock().Now());
      sleep = std::clamp(until, std::chrono::milliseconds(0), sleep);
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, sleep, [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

}  // namespace appt::engine
