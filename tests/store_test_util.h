// Records and helpers shared by the store tests: non-ASCII text in every
// string field, instants from a fixed origin, a temporary directory.
#ifndef APPT_TESTS_STORE_TEST_UTIL_H_
#define APPT_TESTS_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "appt/store.h"

namespace appt::store_test {

using std::chrono::hours;
using std::chrono::minutes;

#define ASSERT_OK(expr)                          \
  do {                                           \
    const absl::Status s_ = (expr);              \
    ASSERT_TRUE(s_.ok()) << #expr << ": " << s_; \
  } while (false)
#define APPT_CONCAT_INNER(a, b) a##b
#define APPT_CONCAT(a, b) APPT_CONCAT_INNER(a, b)
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                        \
  auto APPT_CONCAT(or_, __LINE__) = (expr);                    \
  ASSERT_TRUE(APPT_CONCAT(or_, __LINE__).ok())                 \
      << #expr << ": " << APPT_CONCAT(or_, __LINE__).status(); \
  lhs = *std::move(APPT_CONCAT(or_, __LINE__))

// 2027-03-01T00:00:00Z plus `h` hours and `m` minutes.
inline Instant T(int h, int m = 0) {
  return Instant(Duration(1803859200)) + hours(h) + minutes(m);
}

inline Resource MakeResource(
    const std::string& name = "Dr. Zoë Müller — 診療室") {
  Resource r;
  r.name = name;
  r.time_zone = "Europe/Rome";
  r.weekly_hours[0] = {{540, 780}, {840, 1080}};
  r.weekly_hours[2] = {{480, 600}, {660, 720}, {900, 1200}};
  r.weekly_hours[6] = {{0, 1440}};
  r.exceptions = {{2027, 4, 25, {}}, {2027, 5, 2, {{540, 720}, {800, 900}}}};
  r.notification_email = "zoe@example.it";
  r.responsible_agent = "agent-7";
  r.external_id = "crm:res:ü1";
  return r;
}

inline Service MakeService(std::vector<ResourceId> resources) {
  Service s;
  s.name = "Taglio & piega ✂";
  s.duration = minutes(45);
  s.price = {4550, "CHF"};
  s.buffer_before = minutes(5);
  s.buffer_after = minutes(10);
  s.capacity = 3;
  s.resource_ids = std::move(resources);
  s.min_notice = hours(2);
  s.horizon = hours(24 * 90);
  s.workflow_enabled = true;
  s.external_id = "svc-1";
  return s;
}

inline Customer MakeCustomer() {
  Customer c;
  c.name = "Ана Росси";
  c.email = "ana@example.com";
  c.phone = "+393331234567";
  c.locale = "it-IT";
  c.time_zone = "Europe/Rome";
  c.consents.email.given_at = T(-100);
  c.consents.whatsapp.given_at = T(-5, 30);
  c.external_id = "contact-42";
  return c;
}

inline Appointment MakeAppointment(
    ResourceId resource, Instant blocked_start, Instant blocked_end,
    AppointmentState state = AppointmentState::kBooked,
    CustomerId customer = 1) {
  Appointment a;
  a.service_id = 1;
  a.resource_id = resource;
  a.customer_id = customer;
  a.blocked = {blocked_start, blocked_end};
  a.start = blocked_start + minutes(5);
  a.end = blocked_end - minutes(10);
  a.state = state;
  a.source = BookingSource::kAgent;
  a.created_at = T(-48);
  a.updated_at = T(-24);
  a.cancel_reason = state == AppointmentState::kCancelled ? "malattia" : "";
  a.external_id = "ext-é";
  a.notes = "Note: 日本語";
  return a;
}

inline std::vector<int64_t> Ids(const auto& rows) {
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
}

// The timeline entry `note` of InsertFiredMessage gives for message `id`
// of `appointment`, queued at `at`: as run-due's, naming the id.
inline auto QueuedEntry(AppointmentId appointment, Instant at) {
  return [appointment, at](MessageId id) {
    return TimelineEntry{0,
                         appointment,
                         at,
                         {Actor::Kind::kEngine, "run-due"},
                         "message_queued",
                         "message " + std::to_string(id)};
  };
}

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "/appt_store_XXXXXX";
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

using Mode = Store::Mode;

enum class Kind { kMemory, kSqlite };

class StoreTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == Kind::kMemory) {
      store_ = NewMemoryStore();
    } else {
      ASSERT_OK_AND_ASSIGN(store_, OpenSqliteStore(dir_.File("store.db")));
    }
    // The shared catalog most tests need: resources 1 and 2, service 1,
    // customers 1 and 2.
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource("Uno")).status());
    ASSERT_OK(tx->InsertResource(MakeResource("Due")).status());
    ASSERT_OK(tx->InsertService(MakeService({1, 2})).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->Commit());
  }
  std::unique_ptr<StoreTransaction> Tx(Mode mode = Mode::kWrite) {
    auto tx = store_->Begin(mode);
    EXPECT_TRUE(tx.ok()) << tx.status();
    return tx.ok() ? *std::move(tx) : nullptr;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

// Instantiates a StoreTest-derived suite over both stores.
#define APPT_STORE_TESTS_FOR_BOTH(Suite)                                \
  INSTANTIATE_TEST_SUITE_P(                                             \
      AllStores, Suite,                                                 \
      ::testing::Values(::appt::store_test::Kind::kMemory,              \
                        ::appt::store_test::Kind::kSqlite),             \
      [](const ::testing::TestParamInfo<::appt::store_test::Kind>& i) { \
        return i.param == ::appt::store_test::Kind::kMemory ? "Memory"  \
                                                            : "Sqlite"; \
      })

}  // namespace appt::store_test

#endif  // APPT_TESTS_STORE_TEST_UTIL_H_
