// The per-thread error state, status-to-code mapping and version queries.
#include <string>

#include "capi_internal.h"

namespace appt::capi {
namespace {

struct ThreadError {
  std::string message;
  appt_error error{APPT_OK, ""};
};

ThreadError& Current() {
  thread_local ThreadError state;
  return state;
}

}  // namespace

int SetError(const absl::Status& status) {
  if (status.ok()) return ClearError();
  ThreadError& state = Current();
  state.message = std::string(status.message());
  state.error.code = -static_cast<int>(status.code());
  state.error.message = state.message.c_str();
  return state.error.code;
}

int ClearError() {
  ThreadError& state = Current();
  state.message.clear();
  state.error.code = APPT_OK;
  state.error.message = "";
  return APPT_OK;
}

absl::Status CheckNotNull(const char* name, const void* p) {
  if (p != nullptr) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(name, ": must not be NULL"));
}

absl::Status CheckVersion(const char* name, unsigned int version,
                          unsigned int expected) {
  if (version == expected) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(name, ".version: ", version, " is not the supported ",
                   expected, " (initialise it with its _INIT macro)"));
}

absl::Status CheckEnum(const char* field, int value, int max) {
  if (value >= 0 && value <= max) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": ", value, " is not in 0..", max));
}

Owner* ResetOwner(void** owner_slot) {
  DisposeOwner(owner_slot);
  auto* owner = new Owner();
  *owner_slot = owner;
  return owner;
}

void DisposeOwner(void** owner_slot) {
  delete static_cast<Owner*>(*owner_slot);
  *owner_slot = nullptr;
}

}  // namespace appt::capi

extern "C" {

const char* appt_version(void) { return APPT_VERSION; }

int appt_version_number(void) { return APPT_VERSION_NUMBER; }

const appt_error* appt_error_last(void) { return &appt::capi::Current().error; }

void appt_error_clear(void) { appt::capi::ClearError(); }

const char* appt_error_code_name(int code) {
  if (code > 0 || code < APPT_ERR_UNAUTHENTICATED) return "UNRECOGNIZED";
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "CONFLICT",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  return kNames[-code];
}

}  // extern "C"
