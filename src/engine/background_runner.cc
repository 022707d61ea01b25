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

void BackgroundRunner::RequestStop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool BackgroundRunner::Stopped() {
  std::lock_guard<std::mutex> lock(mu_);
  return stop_;
}

void BackgroundRunner::Loop() {
  for (;;) {
    // Failures (a locked database, a full disk) are retried on the next
    // pass; the runner never stops on its own.
    auto report = engine_->RunDue();
    const bool progressed = report.ok() && !(*report == RunDueReport{});
    std::chrono::milliseconds sleep = options_.max_sleep;
    if (auto next = engine_->NextDueAt(); next.ok() && next->has_value()) {
      const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(
          **next - engine_->clock().Now());
      // Work due now that a pass could not do (it failed, or a retry's
      // backoff ends this second) waits for max_sleep instead of spinning.
      if (until > std::chrono::milliseconds(0) || progressed) {
        sleep = std::clamp(until, std::chrono::milliseconds(0), sleep);
      }
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_) return;
    cv_.wait_for(lock, sleep, [this] { return stop_ || woken_; });
    if (stop_) return;
    woken_ = false;
  }
}

}  // namespace appt::engine
