// Clocks, opening and freeing engines, and event listeners.
#include <string>
#include <utility>

#include "appt/store.h"
#include "convert.h"
#include "convert_confirmation.h"
#include "convert_deal.h"

using appt::capi::CheckNotNull;
using appt::capi::CheckVersion;
using appt::capi::Guarded;
using appt::capi::kOk;
using appt::capi::SetError;

namespace {

// Builds the engine handle over `store` with the C options.
int OpenEngine(appt_engine** out, std::unique_ptr<appt::Store> store,
               const appt_engine_options* options) {
  appt::EngineOptions engine_options;
  if (options != nullptr && options->clock != nullptr) {
    engine_options.clock = options->clock->clock;
  }
  if (options != nullptr && options->version >= 2) {
    engine_options.max_firings_per_transaction =
        options->max_firings_per_transaction;
  }
  auto engine = appt::Engine::Open(std::move(store), engine_options);
  if (!engine.ok()) return SetError(engine.status());
  auto handle = std::make_unique<appt_engine>();
  handle->engine = *std::move(engine);
  *out = handle.release();
  return kOk;
}

absl::Status CheckEngineOptions(const appt_engine_options* options) {
  if (options == nullptr || options->version == 1) return absl::OkStatus();
  return CheckVersion("appt_engine_options", options->version,
                      APPT_ENGINE_OPTIONS_VERSION);
}

// Calls the C callback with a C view of the event; frees the payload when
// the last copy of the listener goes.
class CListener {
 public:
  CListener(appt_event_cb callback, void* payload,
            appt_payload_free_cb free_payload)
      : callback_(callback), payload_(payload), free_payload_(free_payload) {}
  ~CListener() {
    if (free_payload_ != nullptr) free_payload_(payload_);
  }
  CListener(const CListener&) = delete;
  CListener& operator=(const CListener&) = delete;

  void operator()(const appt::Event& event) const {
    appt::capi::Owner owner;
    appt_appointment appointment = APPT_APPOINTMENT_INIT;
    appt::capi::ToC(event.appointment, owner, &appointment);
    appt_task task = APPT_TASK_INIT;
    appt_event c = {APPT_EVENT_VERSION,
                    static_cast<int>(event.kind),
                    appt::capi::ToUnix(event.at),
                    {0, nullptr},
                    &appointment,
                    0,
                    0,
                    0,
                    0,
                    0,
                    nullptr,
                    nullptr,
                    nullptr};
    if (event.task) {
      appt::capi::ToC(*event.task, owner, &task);
      c.task = &task;
    }
    appt_deal deal = APPT_DEAL_INIT;
    appt_deal_entry entry = APPT_DEAL_ENTRY_INIT;
    if (event.deal) {
      appt::capi::ToC(*event.deal, owner, &deal);
      c.deal = &deal;
    }
    if (event.deal_entry) {
      appt::capi::ToC(*event.deal_entry, owner, &entry);
      c.deal_entry = &entry;
    }
    appt::capi::ActorToC(event.actor, owner, &c.actor);
    if (event.previous) {
      c.has_previous = 1;
      c.previous_start = appt::capi::ToUnix(event.previous->start);
      c.previous_end = appt::capi::ToUnix(event.previous->end);
    }
    if (event.previous_resource) {
      c.previous_resource_id = *event.previous_resource;
    }
    if (event.previous_status_id) {
      c.previous_status_id = *event.previous_status_id;
    }
    callback_(&c, payload_);
    // The callback's own appt_* calls must not leave their error state to
    // the command that published the event.
    appt::capi::ClearError();
  }

 private:
  appt_event_cb callback_;
  void* payload_;
  appt_payload_free_cb free_payload_;
};

}  // namespace

extern "C" {

int appt_clock_manual_new(appt_clock** out, int64_t start_unix) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    auto clock = std::make_unique<appt_clock>();
    clock->clock =
        std::make_shared<appt::ManualClock>(appt::capi::ToInstant(start_unix));
    *out = clock.release();
    return kOk;
  });
}

void appt_clock_free(appt_clock* clock) { delete clock; }

int appt_clock_now(int64_t* out_unix, const appt_clock* clock) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_unix", out_unix));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("clock", clock));
    *out_unix = appt::capi::ToUnix(clock->clock->Now());
    return kOk;
  });
}

int appt_clock_set(appt_clock* clock, int64_t unix_seconds) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("clock", clock));
    clock->clock->Set(appt::capi::ToInstant(unix_seconds));
    return kOk;
  });
}

int appt_clock_advance(appt_clock* clock, int64_t seconds) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("clock", clock));
    clock->clock->Advance(appt::Duration(seconds));
    return kOk;
  });
}

int appt_engine_open_memory(appt_engine** out,
                            const appt_engine_options* options) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(CheckEngineOptions(options));
    return OpenEngine(out, appt::NewMemoryStore(), options);
  });
}

int appt_engine_open_sqlite(appt_engine** out, const char* path,
                            const appt_sqlite_options* sqlite,
                            const appt_engine_options* options) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("path", path));
    APPT_CAPI_RETURN_IF_ERROR(CheckEngineOptions(options));
    appt::SqliteOptions sqlite_options;
    if (sqlite != nullptr) {
      APPT_CAPI_RETURN_IF_ERROR(CheckVersion(
          "appt_sqlite_options", sqlite->version, APPT_SQLITE_OPTIONS_VERSION));
      APPT_CAPI_RETURN_IF_ERROR(appt::capi::CheckEnum(
          "durability", sqlite->durability, APPT_DURABILITY_FULL));
      if (sqlite->busy_timeout_ms < 0) {
        return SetError(absl::InvalidArgumentError(absl::StrCat(
            "busy_timeout_ms: ", sqlite->busy_timeout_ms, " is negative")));
      }
      sqlite_options.durability =
          static_cast<appt::Durability>(sqlite->durability);
      sqlite_options.busy_timeout =
          std::chrono::milliseconds(sqlite->busy_timeout_ms);
      sqlite_options.create_if_missing = sqlite->create_if_missing != 0;
    }
    auto store = appt::OpenSqliteStore(path, sqlite_options);
    if (!store.ok()) return SetError(store.status());
    return OpenEngine(out, *std::move(store), options);
  });
}

void appt_engine_free(appt_engine* engine) {
  Guarded([&] {
    if (engine == nullptr) return kOk;
    // The runner first, waiting for a pass that may be calling the notifier,
    // while all the callback may use (this handle included) is intact. Then
    // the handle and its engine, which release the notifier and the
    // listeners, freeing their payloads.
    engine->engine->StopBackgroundRunner();
    delete engine;
    return kOk;
  });
}

int appt_engine_now(int64_t* out_unix, appt_engine* engine) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_unix", out_unix));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    *out_unix = appt::capi::ToUnix(engine->engine->clock().Now());
    return kOk;
  });
}

int appt_engine_listener_add(int64_t* out_id, appt_engine* engine,
                             appt_event_cb callback, void* payload,
                             appt_payload_free_cb free_payload) {
  return Guarded([&] {
    // The payload is ours from here on: freed with the listener, or now if
    // the call fails.
    auto listener =
        std::make_shared<CListener>(callback, payload, free_payload);
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_id", out_id));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    APPT_CAPI_RETURN_IF_ERROR(
        CheckNotNull("callback", callback == nullptr ? nullptr : &callback));
    std::lock_guard<std::mutex> lock(engine->listeners_mu);
    const appt::ListenerId id = engine->engine->AddListener(
        [listener](const appt::Event& event) { (*listener)(event); });
    engine->listeners.insert(id);
    *out_id = id;
    return kOk;
  });
}

int appt_engine_listener_remove(appt_engine* engine, int64_t id) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    {
      std::lock_guard<std::mutex> lock(engine->listeners_mu);
      if (engine->listeners.erase(id) == 0) {
        return SetError(absl::NotFoundError(
            absl::StrCat("listener id: ", id, " is not registered")));
      }
    }
    engine->engine->RemoveListener(id);
    return kOk;
  });
}

}  // extern "C"
