#include "bench_common.h"

#include <malloc.h>
#include <stdlib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "date/date.h"

namespace appt_bench {

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "appt-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::cerr << "appt_bench: cannot create a temp dir " << pattern << "\n";
    std::exit(1);
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::File(const std::string& name) const {
  return path_ + "/" + name;
}

std::string SharedDir() {
  if (const char* env = std::getenv("APPT_SHARED_DIR"); env && *env) return env;
  return APPT_SHARED_DIR;
}

std::string CacheDir() {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "appt-bench-cache";
  std::filesystem::create_directories(dir);
  return dir.string();
}

appt::Instant BenchNow() {
  return appt::Instant{date::sys_days{date::year{2027} / 1 / 1}};
}

appt::Instant BenchBase() { return BenchNow() + std::chrono::days(1); }

appt::Resource AlwaysOpenResource(int index) {
  appt::Resource r;
  r.name = absl::StrCat("Room ", index);
  r.time_zone = "UTC";
  for (auto& day : r.weekly_hours) day = {{0, 24 * 60}};
  return r;
}

appt::Service QuarterHourService(int index, appt::ResourceId resource) {
  appt::Service s;
  s.name = absl::StrCat("Visit ", index);
  s.duration = std::chrono::minutes(15);
  s.price = {5000, "EUR"};
  s.capacity = 1;
  s.resource_ids = {resource};
  s.min_notice = appt::Duration(0);
  s.horizon = std::chrono::days(3650);
  return s;
}

absl::Status SetUpBooking(std::unique_ptr<appt::Store> store, int resources,
                          int customers, BookingFixture* out) {
  out->clock = std::make_shared<appt::ManualClock>(BenchNow());
  auto engine = appt::Engine::Open(std::move(store), {.clock = out->clock});
  if (!engine.ok()) return engine.status();
  out->engine = *std::move(engine);
  for (int i = 0; i < resources; ++i) {
    auto r = out->engine->CreateResource(AlwaysOpenResource(i + 1));
    if (!r.ok()) return r.status();
    auto s = out->engine->CreateService(QuarterHourService(i + 1, *r));
    if (!s.ok()) return s.status();
    out->resources.push_back(*r);
    out->services.push_back(*s);
  }
  for (int i = 0; i < customers; ++i) {
    appt::Customer c;
    c.name = absl::StrCat("Customer ", i + 1);
    c.email = absl::StrCat("customer", i + 1, "@example.com");
    auto id = out->engine->CreateCustomer(c);
    if (!id.ok()) return id.status();
    out->customers.push_back(*id);
  }
  return absl::OkStatus();
}

appt::BookRequest BenchRequest(const BookingFixture& f, int index,
                               appt::CustomerId customer, appt::Instant start) {
  appt::BookRequest r;
  r.customer_id = customer;
  r.service_id = f.services[index];
  r.resource_id = f.resources[index];
  r.start = start;
  r.source = appt::BookingSource::kApi;
  r.actor = {appt::Actor::Kind::kSystem, "bench"};
  return r;
}

namespace {
std::atomic<bool> any_failed{false};
}  // namespace

void Fail(benchmark::State& state, const std::string& message) {
  any_failed = true;
  state.SkipWithError(message.c_str());
}

bool AnyFailed() { return any_failed; }

int64_t MallocInUse() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

}  // namespace appt_bench
