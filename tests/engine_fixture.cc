#include "engine_fixture.h"

#include <stdlib.h>

#include <filesystem>

#include "date/date.h"

namespace appt::testing {

Instant Utc(int y, unsigned m, unsigned d, int h, int min) {
  return Instant{date::sys_days{date::year{y} / m / d}.time_since_epoch() +
                 std::chrono::hours(h) + std::chrono::minutes(min)};
}

std::string MakeTempDir() {
  std::string tmpl = ::testing::TempDir() + "appt-test-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << tmpl;
  }
  return tmpl;
}

std::unique_ptr<Store> OpenStore(const std::string& kind,
                                 const std::string& path) {
  if (kind == "memory") return NewMemoryStore();
  auto store = OpenSqliteStore(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

void EngineTest::TearDown() {
  engine_.reset();
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

void EngineTest::SetUp() {
  dir_ = MakeTempDir();
  db_path_ = dir_ + "/appt.sqlite";
  clock_ = std::make_shared<ManualClock>(Utc(2027, 3, 15, 6));
  auto engine = Engine::Open(OpenStore(GetParam(), db_path_), {clock_});
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = std::move(*engine);

  Resource rossi;
  rossi.name = "Dr. Rossi";
  rossi.time_zone = "Europe/Berlin";
  for (int d = 0; d < 5; ++d) rossi.weekly_hours[d] = {{9 * 60, 17 * 60}};
  rossi.notification_email = "rossi@clinic.example";
  auto rid = engine_->CreateResource(rossi);
  ASSERT_TRUE(rid.ok()) << rid.status();
  rossi_ = *rid;

  Service checkup;
  checkup.name = "Checkup";
  checkup.duration = std::chrono::minutes(30);
  checkup.price = {6000, "EUR"};
  checkup.resource_ids = {rossi_};
  auto sid = engine_->CreateService(checkup);
  ASSERT_TRUE(sid.ok()) << sid.status();
  checkup_ = *sid;

  Service yoga;
  yoga.name = "Yoga";
  yoga.duration = std::chrono::minutes(60);
  yoga.price = {1500, "EUR"};
  yoga.capacity = 3;
  yoga.resource_ids = {rossi_};
  auto yid = engine_->CreateService(yoga);
  ASSERT_TRUE(yid.ok()) << yid.status();
  yoga_ = *yid;

  Customer anna;
  anna.name = "Anna Bianchi";
  anna.email = "anna@example.it";
  anna.phone = "+393331234567";
  anna.locale = "it-IT";
  anna.time_zone = "Europe/Rome";
  auto cid = engine_->CreateCustomer(anna);
  ASSERT_TRUE(cid.ok()) << cid.status();
  anna_ = *cid;
  Customer marco;
  marco.name = "Marco Verdi";
  auto mid = engine_->CreateCustomer(marco);
  ASSERT_TRUE(mid.ok()) << mid.status();
  marco_ = *mid;
}

void EngineTest::Reopen() {
  if (GetParam() != "sqlite") return;
  engine_.reset();
  auto engine = Engine::Open(OpenStore(GetParam(), db_path_), {clock_});
  ASSERT_TRUE(engine.ok()) << engine.status();
  engine_ = std::move(*engine);
}

}  // namespace appt::testing
