// No double booking (R2.5): threads sharing one Engine, and two processes
// on one SQLite file, race for the last seats; bookings never exceed
// capacity and every loser gets a conflict.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace appt::testing {
namespace {

class RaceTest : public EngineTest {};
APPT_INSTANTIATE_FOR_BOTH_STORES(RaceTest);

TEST_P(RaceTest, ThreadsNeverExceedCapacity) {
  const Instant class_start = Utc(2027, 3, 16, 9);
  const Instant checkup_start = Utc(2027, 3, 16, 12);
  std::atomic<int> class_won{0}, checkup_won{0}, conflicts{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int i = 0; i < 4; ++i) {
        BookRequest r;
        r.customer_id = (t + i) % 2 ? anna_ : marco_;
        r.resource_id = rossi_;
        r.service_id = i % 2 ? yoga_ : checkup_;
        r.start = i % 2 ? class_start : checkup_start;
        auto a = engine_->Book(r);
        if (a.ok()) {
          (i % 2 ? class_won : checkup_won)++;
        } else if (a.status().code() == absl::StatusCode::kAlreadyExists) {
          conflicts++;
        } else {
          other++;
        }
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(class_won.load(), 3);  // the class has three seats
  EXPECT_EQ(checkup_won.load(), 1);
  EXPECT_EQ(conflicts.load(), 32 - 4);
  EXPECT_EQ(other.load(), 0);
  auto slots = engine_->SearchSlots(
      {yoga_, rossi_, {class_start, class_start + std::chrono::hours(1)}});
  ASSERT_TRUE(slots.ok());
  EXPECT_TRUE(slots->empty());
}

// Books every Checkup start of Tuesday in order; returns how many it won.
int BookAllTuesday(const std::string& path, CustomerId customer,
                   ServiceId service, ResourceId resource, int start_fd) {
  char byte;
  if (read(start_fd, &byte, 1) != 1) return -1;
  auto store = OpenSqliteStore(path);
  if (!store.ok()) return -1;
  auto clock = std::make_shared<ManualClock>(Utc(2027, 3, 15, 6));
  auto engine = Engine::Open(std::move(*store), {clock});
  if (!engine.ok()) return -1;
  int won = 0;
  for (int slot = 0; slot < 16; ++slot) {
    BookRequest r;
    r.customer_id = customer;
    r.service_id = service;
    r.resource_id = resource;
    r.start = Utc(2027, 3, 16, 8) + std::chrono::minutes(30 * slot);
    auto a = (*engine)->Book(r);
    if (a.ok()) {
      ++won;
    } else if (a.status().code() != absl::StatusCode::kAlreadyExists) {
      return -1;
    }
  }
  return won;
}

TEST_P(RaceTest, TwoProcessesOnOneSqliteFile) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "processes share SQLite only";
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  std::vector<pid_t> children;
  for (CustomerId who : {anna_, marco_}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(pipe_fds[1]);
      const int won =
          BookAllTuesday(db_path_, who, checkup_, rossi_, pipe_fds[0]);
      _exit(won < 0 ? 255 : won);
    }
    children.push_back(pid);
  }
  close(pipe_fds[0]);
  // Release both children at once.
  ASSERT_EQ(write(pipe_fds[1], "go", 2), 2);
  close(pipe_fds[1]);
  int total = 0;
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_NE(WEXITSTATUS(status), 255) << "a child hit an unexpected error";
    total += WEXITSTATUS(status);
  }
  EXPECT_EQ(total, 16);
  // The file agrees: 16 appointments, one per slot, none free.
  auto anna = engine_->ListCustomerAppointments(anna_);
  auto marco = engine_->ListCustomerAppointments(marco_);
  ASSERT_TRUE(anna.ok() && marco.ok());
  EXPECT_EQ(anna->size() + marco->size(), 16u);
  auto slots = engine_->SearchSlots(
      {checkup_, rossi_, {Utc(2027, 3, 16), Utc(2027, 3, 17)}});
  ASSERT_TRUE(slots.ok());
  EXPECT_TRUE(slots->empty());
}

}  // namespace
}  // namespace appt::testing
