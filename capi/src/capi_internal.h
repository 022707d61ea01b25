// Internals shared by the C ABI's translation units: the handle structs,
// the per-thread error state, argument checks, and the owner that keeps an
// output struct's strings and arrays alive. Not installed.
#ifndef APPT_CAPI_SRC_CAPI_INTERNAL_H_
#define APPT_CAPI_SRC_CAPI_INTERNAL_H_

#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "appt/appt.h"
#include "appt/clock.h"
#include "appt/engine.h"

struct appt_clock {
  std::shared_ptr<appt::ManualClock> clock;
};

struct appt_engine {
  std::unique_ptr<appt::Engine> engine;
  std::mutex listeners_mu;
  std::set<appt::ListenerId> listeners;  // ids added through the C ABI
  // The notifier set through the C ABI, also held here so that the one it
  // replaces is released (and its payload freed) outside the engine's
  // locks. appt_engine_free stops the runner before anything is released.
  std::mutex notifier_mu;
  std::shared_ptr<appt::Notifier> notifier;
};

namespace appt::capi {

// Records `status` as this thread's last error and returns its C code.
// APPT_OK as an int, so lambdas returning codes deduce one type.
inline constexpr int kOk = APPT_OK;

int SetError(const absl::Status& status);
// Clears this thread's error and returns APPT_OK.
int ClearError();

// Runs `body` (returning int) and converts any exception into an error, so
// that none crosses the C boundary.
template <typename Body>
int Guarded(Body&& body) noexcept {
  try {
    ClearError();
    return body();
  } catch (const std::bad_alloc&) {
    return SetError(absl::ResourceExhaustedError("out of memory"));
  } catch (const std::exception& e) {
    return SetError(absl::InternalError(absl::StrCat("internal: ", e.what())));
  } catch (...) {
    return SetError(absl::InternalError("internal: unknown exception"));
  }
}

// InvalidArgument naming `name` unless `p` is non-null.
absl::Status CheckNotNull(const char* name, const void* p);
// InvalidArgument unless `version` equals `expected`; `name` is the struct.
absl::Status CheckVersion(const char* name, unsigned int version,
                          unsigned int expected);
// InvalidArgument unless `value` is one of 0..max.
absl::Status CheckEnum(const char* field, int value, int max);

// A borrowed C string as a std::string; NULL is "".
inline std::string Str(const char* s) { return s == nullptr ? "" : s; }

// Owns the strings and arrays of one output struct. The struct's `owner_`
// points at it; the matching dispose deletes it.
class Owner {
 public:
  const char* Keep(std::string s) {
    strings_.push_back(std::move(s));
    return strings_.back().c_str();
  }
  template <typename T>
  T* Array(size_t n) {
    auto block = std::make_shared<std::vector<T>>(n);
    T* data = block->data();
    blocks_.push_back(std::move(block));
    return data;
  }

 private:
  std::deque<std::string> strings_;
  std::vector<std::shared_ptr<void>> blocks_;
};

// Replaces *owner_slot's Owner with a fresh one and returns it.
Owner* ResetOwner(void** owner_slot);
// Deletes the Owner at *owner_slot, if any, and nulls it.
void DisposeOwner(void** owner_slot);

}  // namespace appt::capi

// Status-returning early exit inside a Guarded body.
#define APPT_CAPI_RETURN_IF_ERROR(expr)                          \
  do {                                                           \
    if (absl::Status appt_status_ = (expr); !appt_status_.ok())  \
      return ::appt::capi::SetError(appt_status_);               \
  } while (0)

#endif  // APPT_CAPI_SRC_CAPI_INTERNAL_H_
