// A test fixture that opens an Engine over each store kind ("memory",
// "sqlite") with a ManualClock, plus a small catalog to book against.
#ifndef APPT_TESTS_ENGINE_FIXTURE_H_
#define APPT_TESTS_ENGINE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "appt/engine.h"

namespace appt::testing {

Instant Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0);

// A fresh directory under the test temp dir; removed by the caller if wanted.
std::string MakeTempDir();

// Opens a store of `kind` ("memory" or "sqlite" at `path`).
std::unique_ptr<Store> OpenStore(const std::string& kind,
                                 const std::string& path);

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  // Closes the engine and removes dir_ with the database in it.
  void TearDown() override;
  // Reopens the engine on the same SQLite file (memory: a no-op).
  void Reopen();

  std::string dir_;
  std::string db_path_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
  // Dr. Rossi, Europe/Berlin, Mon-Fri 09:00-17:00; a 30-minute "Checkup"
  // for EUR 60.00 with no notice; a group "Yoga" (60 min, 3 seats); and a
  // customer. The clock starts on Monday 2027-03-15 06:00 UTC.
  ResourceId rossi_ = 0;
  ServiceId checkup_ = 0;
  ServiceId yoga_ = 0;
  CustomerId anna_ = 0;
  CustomerId marco_ = 0;
};

// Instantiates a fixture for both store kinds.
#define APPT_INSTANTIATE_FOR_BOTH_STORES(Fixture)                     \
  INSTANTIATE_TEST_SUITE_P(Stores, Fixture,                           \
                           ::testing::Values("memory", "sqlite"),     \
                           [](const auto& info) { return info.param; })

}  // namespace appt::testing

#endif  // APPT_TESTS_ENGINE_FIXTURE_H_
