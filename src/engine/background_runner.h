// The optional background runner (R8.4): a thread that calls
// Engine::RunDue at each next due instant of the engine's clock, and at
// least every max_sleep. Internal to the engine.
//
// Thread safety: Wake and the destructor may be called from any thread
// but the runner's own. The destructor waits for the current pass.
#ifndef APPT_SRC_ENGINE_BACKGROUND_RUNNER_H_
#define APPT_SRC_ENGINE_BACKGROUND_RUNNER_H_

#include <condition_variable>
#include <mutex>
#include <thread>

#include "appt/engine.h"

namespace appt::engine {

class BackgroundRunner {
 public:
  BackgroundRunner(Engine* engine, BackgroundRunnerOptions options);
  ~BackgroundRunner();
  BackgroundRunner(const BackgroundRunner&) = delete;
  BackgroundRunner& operator=(const BackgroundRunner&) = delete;

  // Asks for a pass now: something was queued or re-planned.
  void Wake();

 private:
  void Loop();

  Engine* engine_;
  BackgroundRunnerOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace appt::engine

#endif  // APPT_SRC_ENGINE_BACKGROUND_RUNNER_H_
