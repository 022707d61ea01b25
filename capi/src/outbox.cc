// The notifier, the run-due step and its background runner, delivery
// reports and the message history (messages, firings, pending timers).
#include <algorithm>
#include <cstring>
#include <vector>

#include "commands.h"
#include "convert_messaging.h"

using appt::capi::CheckEnum;
using appt::capi::CheckNotNull;
using appt::capi::CheckVersion;
using appt::capi::Dispose;
using appt::capi::GetList;
using appt::capi::GetOne;
using appt::capi::Guarded;
using appt::capi::kOk;
using appt::capi::SetError;

namespace {

constexpr int64_t kMaxSleepMs = 24 * 3600 * 1000;

// The engines whose notifier callback is running on this thread, innermost
// last: appt_engine_stop_runner refuses them, since the callback may run on
// the runner's own thread, which cannot wait for itself.
thread_local std::vector<const appt_engine*> t_in_notifier;

// Marks the engine's notifier as running on this thread for its lifetime.
class InNotifier {
 public:
  explicit InNotifier(const appt_engine* engine) {
    t_in_notifier.push_back(engine);
  }
  ~InNotifier() { t_in_notifier.pop_back(); }
  InNotifier(const InNotifier&) = delete;
  InNotifier& operator=(const InNotifier&) = delete;
};

// Calls the C callback with a C view of the message and reads its answer;
// frees the payload when the last reference goes.
class CNotifier : public appt::Notifier {
 public:
  CNotifier(const appt_engine* engine, appt_notifier_cb callback, void* payload,
            appt_payload_free_cb free_payload)
      : engine_(engine),
        callback_(callback),
        payload_(payload),
        free_payload_(free_payload) {}
  ~CNotifier() override {
    if (free_payload_ != nullptr) free_payload_(payload_);
  }
  CNotifier(const CNotifier&) = delete;
  CNotifier& operator=(const CNotifier&) = delete;

  appt::SendResult Send(const appt::Message& message) override {
    appt::capi::Owner owner;
    appt_message view = APPT_MESSAGE_INIT;
    appt::capi::ToC(message, owner, &view);
    view.owner_ = nullptr;  // not the callback's to dispose
    appt_send_result result;
    std::memset(&result, 0, sizeof result);
    result.version = APPT_SEND_RESULT_VERSION;
    result.outcome = APPT_SEND_ACCEPTED;
    int rc;
    {
      InNotifier in(engine_);
      rc = callback_(&result, &view, payload_);
    }
    // The callback's own appt_* calls must not leave their error state to
    // the command that dispatched the message.
    appt::capi::ClearError();
    return appt::capi::SendResultFromC(rc, result);
  }

 private:
  const appt_engine* engine_;
  appt_notifier_cb callback_;
  void* payload_;
  appt_payload_free_cb free_payload_;
};

// InvalidArgument unless the optional report's `version` (NULL: no report)
// is `expected`.
absl::Status CheckReport(const char* type, const unsigned int* version,
                         unsigned int expected) {
  if (version == nullptr) return absl::OkStatus();
  return CheckVersion(type, *version, expected);
}

void SetOutcome(appt_send_result* out, int outcome, const char* text) {
  if (out == nullptr) return;
  out->outcome = outcome;
  if (outcome == APPT_SEND_ACCEPTED) {
    appt::capi::CopyText(out->provider_id, sizeof out->provider_id, text);
    out->error[0] = '\0';
  } else {
    out->provider_id[0] = '\0';
    appt::capi::CopyText(out->error, sizeof out->error, text);
  }
}

}  // namespace

extern "C" {

void appt_send_result_accept(appt_send_result* out, const char* provider_id) {
  SetOutcome(out, APPT_SEND_ACCEPTED, provider_id);
}

void appt_send_result_retry(appt_send_result* out, const char* error) {
  SetOutcome(out, APPT_SEND_RETRY, error);
}

void appt_send_result_fail(appt_send_result* out, const char* error) {
  SetOutcome(out, APPT_SEND_FAIL, error);
}

int appt_engine_set_notifier(appt_engine* engine, appt_notifier_cb callback,
                             void* payload, appt_payload_free_cb free_payload) {
  return Guarded([&] {
    // The payload is ours from here on: freed with the notifier, or now if
    // there is none to set.
    std::shared_ptr<CNotifier> notifier;
    try {
      notifier =
          std::make_shared<CNotifier>(engine, callback, payload, free_payload);
    } catch (...) {
      if (free_payload != nullptr) free_payload(payload);
      throw;
    }
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    if (callback == nullptr) notifier.reset();
    std::shared_ptr<appt::Notifier> previous;
    {
      std::lock_guard<std::mutex> lock(engine->notifier_mu);
      engine->engine->SetNotifier(notifier);
      previous = std::exchange(engine->notifier, notifier);
    }
    // `previous` goes here, with no lock held: its payload is freed now,
    // or by the last dispatch still calling it.
    return kOk;
  });
}

int appt_engine_run_due(appt_run_due_report* out, appt_engine* engine) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckReport("appt_run_due_report",
                                          out ? &out->version : nullptr,
                                          APPT_RUN_DUE_REPORT_VERSION));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    auto report = engine->engine->RunDue();
    if (!report.ok()) return SetError(report.status());
    if (out != nullptr) {
      *out = {APPT_RUN_DUE_REPORT_VERSION,
              report->messages_created,
              report->skipped,
              report->dropped,
              report->dispatch.sent,
              report->dispatch.retried,
              report->dispatch.failed};
    }
    return kOk;
  });
}

int appt_engine_dispatch_messages(appt_dispatch_report* out,
                                  appt_engine* engine) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckReport("appt_dispatch_report",
                                          out ? &out->version : nullptr,
                                          APPT_DISPATCH_REPORT_VERSION));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    auto report = engine->engine->DispatchMessages();
    if (!report.ok()) return SetError(report.status());
    if (out != nullptr) {
      *out = {APPT_DISPATCH_REPORT_VERSION, report->sent, report->retried,
              report->failed};
    }
    return kOk;
  });
}

int appt_engine_next_due(int64_t* out_unix, int* out_has, appt_engine* engine) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_unix", out_unix));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_has", out_has));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    auto next = engine->engine->NextDueAt();
    if (!next.ok()) return SetError(next.status());
    *out_has = next->has_value() ? 1 : 0;
    *out_unix = next->has_value() ? appt::capi::ToUnix(**next) : 0;
    return kOk;
  });
}

int appt_engine_start_runner(appt_engine* engine,
                             const appt_runner_options* options) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    appt::BackgroundRunnerOptions runner;
    if (options != nullptr) {
      APPT_CAPI_RETURN_IF_ERROR(CheckVersion("appt_runner_options",
                                             options->version,
                                             APPT_RUNNER_OPTIONS_VERSION));
      // Bounded so that the runner's timed waits cannot overflow.
      if (options->max_sleep_ms <= 0 || options->max_sleep_ms > kMaxSleepMs) {
        return SetError(absl::InvalidArgumentError(
            absl::StrCat("max_sleep_ms: ", options->max_sleep_ms,
                         " is not in 1..", kMaxSleepMs, " (one day)")));
      }
      runner.max_sleep = std::chrono::milliseconds(options->max_sleep_ms);
    }
    return SetError(engine->engine->StartBackgroundRunner(runner));
  });
}

int appt_engine_stop_runner(appt_engine* engine) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    if (std::find(t_in_notifier.begin(), t_in_notifier.end(), engine) !=
        t_in_notifier.end()) {
      return SetError(absl::FailedPreconditionError(
          "appt_engine_stop_runner: called from the engine's notifier "
          "callback, which may be running on the runner's own thread"));
    }
    engine->engine->StopBackgroundRunner();
    return kOk;
  });
}

int appt_message_report(appt_message* out, appt_engine* engine, int64_t id,
                        int state, const char* detail) {
  return Guarded([&] {
    if (out != nullptr) {
      APPT_CAPI_RETURN_IF_ERROR(
          CheckVersion("appt_message", out->version, APPT_MESSAGE_VERSION));
    }
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    APPT_CAPI_RETURN_IF_ERROR(
        CheckEnum("state", state, APPT_MESSAGE_STATE_FAILED));
    auto message = engine->engine->ReportDelivery(
        id, static_cast<appt::MessageState>(state), appt::capi::Str(detail));
    if (!message.ok()) return SetError(message.status());
    if (out != nullptr) {
      appt::capi::ToC(*message, *appt::capi::ResetOwner(&out->owner_), out);
    }
    return kOk;
  });
}

int appt_message_get(appt_message* out, appt_engine* engine, int64_t id) {
  return GetOne(out, "appt_message", APPT_MESSAGE_VERSION, engine,
                [id](appt::Engine& e) { return e.GetMessage(id); });
}

int appt_message_list_for_appointment(appt_message_list* out,
                                      appt_engine* engine,
                                      int64_t appointment_id) {
  return GetList(out, "appt_message_list", APPT_MESSAGE_LIST_VERSION, engine,
                 [appointment_id](appt::Engine& e) {
                   return e.ListAppointmentMessages(appointment_id);
                 });
}

int appt_message_list_for_customer(appt_message_list* out, appt_engine* engine,
                                   int64_t customer_id) {
  return GetList(out, "appt_message_list", APPT_MESSAGE_LIST_VERSION, engine,
                 [customer_id](appt::Engine& e) {
                   return e.ListCustomerMessages(customer_id);
                 });
}

void appt_message_dispose(appt_message* message) { Dispose(message); }

void appt_message_list_dispose(appt_message_list* list) { Dispose(list); }

int appt_firing_list_for_appointment(appt_firing_list* out, appt_engine* engine,
                                     int64_t appointment_id) {
  return GetList(out, "appt_firing_list", APPT_FIRING_LIST_VERSION, engine,
                 [appointment_id](appt::Engine& e) {
                   return e.ListFirings(appointment_id);
                 });
}

int appt_timer_list_for_appointment(appt_timer_list* out, appt_engine* engine,
                                    int64_t appointment_id) {
  return GetList(out, "appt_timer_list", APPT_TIMER_LIST_VERSION, engine,
                 [appointment_id](appt::Engine& e) {
                   return e.ListPendingTimers(appointment_id);
                 });
}

void appt_firing_list_dispose(appt_firing_list* list) { Dispose(list); }

void appt_timer_list_dispose(appt_timer_list* list) { Dispose(list); }

}  // extern "C"
