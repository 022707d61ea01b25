// The optional background runner (R8.4): a thread that calls
// Engine::RunDue at each next due instant of the engine's clock, and at
// least every max_sleep. Internal to the engine.
//
// Thread safety: Wake, RequestStop and Stopped may be called from any
// thread; the destructor from any thread but the runner's own (it joins).
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
  // Asks the loop to end after its current pass, without waiting.
  void RequestStop();
  bool Stopped();
  bool OnRunnerThread() const {
    return std::this_thread::get_id() == thread_.get_id();
  }

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
