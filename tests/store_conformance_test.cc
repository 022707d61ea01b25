// One behaviour suite for every Store (R8.3), run over the memory store and
// over SQLite on a fresh file per test; then SQLite-only checks of the file
// format (pragmas, version, query plans, reopening).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "appt/store.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt {
namespace {

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

using std::chrono::hours;
using std::chrono::minutes;
using Mode = Store::Mode;

// 2027-03-01T00:00:00Z plus `h` hours and `m` minutes.
Instant T(int h, int m = 0) {
  return Instant(Duration(1803859200)) + hours(h) + minutes(m);
}

Resource MakeResource(const std::string& name = "Dr. Zoë Müller — 診療室") {
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

Service MakeService(std::vector<ResourceId> resources) {
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

Customer MakeCustomer() {
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

Appointment MakeAppointment(ResourceId resource, Instant blocked_start,
                            Instant blocked_end,
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

std::vector<int64_t> Ids(const auto& rows) {
  std::vector<int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  return ids;
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

TEST_P(StoreTest, KindNamesTheStore) {
  EXPECT_EQ(store_->Kind(), GetParam() == Kind::kMemory ? "memory" : "sqlite");
}

TEST_P(StoreTest, ResourcesRoundTrip) {
  auto tx = Tx();
  Resource r = MakeResource();
  ASSERT_OK_AND_ASSIGN(ResourceId id, tx->InsertResource(r));
  EXPECT_EQ(id, 3);
  r.id = id;
  ASSERT_OK_AND_ASSIGN(Resource got, tx->GetResource(id));
  EXPECT_EQ(got, r);
  r.name = "Renamed ☀";
  r.weekly_hours = {};
  r.weekly_hours[4] = {{600, 660}};
  r.exceptions = {{2028, 12, 31, {}}};
  r.notification_email.clear();
  ASSERT_OK(tx->UpdateResource(r));
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(got, tx->GetResource(id));
  EXPECT_EQ(got, r);
  ASSERT_OK_AND_ASSIGN(auto all, tx->ListResources());
  EXPECT_EQ(Ids(all), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(all[2], r);
}

TEST_P(StoreTest, ServicesRoundTrip) {
  auto tx = Tx();
  Service s = MakeService({2, 1});
  ASSERT_OK_AND_ASSIGN(s.id, tx->InsertService(s));
  EXPECT_EQ(s.id, 2);
  ASSERT_OK_AND_ASSIGN(Service got, tx->GetService(s.id));
  EXPECT_EQ(got, s);
  s.resource_ids = {1};
  s.workflow_enabled = false;
  s.price = {0, "EUR"};
  ASSERT_OK(tx->UpdateService(s));
  ASSERT_OK_AND_ASSIGN(got, tx->GetService(s.id));
  EXPECT_EQ(got, s);
  ASSERT_OK_AND_ASSIGN(auto all, tx->ListServices());
  EXPECT_EQ(Ids(all), (std::vector<int64_t>{1, 2}));
}

TEST_P(StoreTest, CustomersRoundTripWithAndWithoutConsents) {
  auto tx = Tx();
  Customer c = MakeCustomer();
  ASSERT_OK_AND_ASSIGN(c.id, tx->InsertCustomer(c));
  EXPECT_EQ(c.id, 3);
  ASSERT_OK_AND_ASSIGN(Customer got, tx->GetCustomer(c.id));
  EXPECT_EQ(got, c);
  EXPECT_FALSE(got.consents.sms.given_at.has_value());
  c.consents.email.given_at.reset();
  c.consents.marketing.given_at = T(1);
  c.phone.clear();
  ASSERT_OK(tx->UpdateCustomer(c));
  ASSERT_OK_AND_ASSIGN(got, tx->GetCustomer(c.id));
  EXPECT_EQ(got, c);
}

TEST_P(StoreTest, BlocksAndAppointmentsRoundTrip) {
  auto tx = Tx();
  BlockedInterval b{.resource_id = 1,
                    .interval = {T(8), T(9)},
                    .reason = "ferie ⛱",
                    .external_id = "gcal:1"};
  ASSERT_OK_AND_ASSIGN(b.id, tx->InsertBlock(b));
  EXPECT_EQ(b.id, 1);
  ASSERT_OK_AND_ASSIGN(BlockedInterval got_block, tx->GetBlock(b.id));
  EXPECT_EQ(got_block, b);

  Appointment a = MakeAppointment(2, T(10), T(11));
  ASSERT_OK_AND_ASSIGN(a.id, tx->InsertAppointment(a));
  EXPECT_EQ(a.id, 1);
  ASSERT_OK_AND_ASSIGN(Appointment got, tx->GetAppointment(a.id));
  EXPECT_EQ(got, a);
  a.state = AppointmentState::kNoShow;
  a.source = BookingSource::kApi;
  a.customer_id = 2;
  a.cancel_reason = "x";
  a.notes.clear();
  a.updated_at = T(12);
  ASSERT_OK(tx->UpdateAppointment(a));
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(got, tx->GetAppointment(a.id));
  EXPECT_EQ(got, a);
}

TEST_P(StoreTest, UnknownIdsAreNotFoundNamingFieldAndId) {
  auto tx = Tx();
  auto expect_not_found = [](const absl::Status& s, const std::string& text) {
    EXPECT_TRUE(absl::IsNotFound(s)) << s;
    EXPECT_NE(s.message().find(text), std::string::npos) << s;
  };
  expect_not_found(tx->GetResource(42).status(), "resource_id 42 not found");
  expect_not_found(tx->GetService(42).status(), "service_id 42 not found");
  expect_not_found(tx->GetCustomer(42).status(), "customer_id 42 not found");
  expect_not_found(tx->GetAppointment(42).status(),
                   "appointment_id 42 not found");
  expect_not_found(tx->GetBlock(42).status(), "block_id 42 not found");
  expect_not_found(tx->DeleteBlock(42), "block_id 42 not found");
  Resource r = MakeResource();
  r.id = 42;
  expect_not_found(tx->UpdateResource(r), "resource_id 42");
  Service s = MakeService({1});
  s.id = 42;
  expect_not_found(tx->UpdateService(s), "service_id 42");
  Customer c = MakeCustomer();
  c.id = 42;
  expect_not_found(tx->UpdateCustomer(c), "customer_id 42");
  Appointment a = MakeAppointment(1, T(1), T(2));
  a.id = 42;
  expect_not_found(tx->UpdateAppointment(a), "appointment_id 42");
  // References to rows that do not exist.
  expect_not_found(
      tx->InsertAppointment(MakeAppointment(1, T(1), T(2),
                                            AppointmentState::kBooked,
                                            /*customer=*/9))
          .status(),
      "customer_id 9 not found");
  expect_not_found(
      tx->InsertAppointment(MakeAppointment(7, T(1), T(2))).status(),
      "resource_id 7 not found");
  expect_not_found(
      tx->InsertBlock({.resource_id = 8, .interval = {T(1), T(2)}}).status(),
      "resource_id 8 not found");
  expect_not_found(
      tx->AppendTimeline({.appointment_id = 5, .at = T(0)}).status(),
      "appointment_id 5 not found");
}

TEST_P(StoreTest, UncommittedWriteTransactionRollsBack) {
  {
    auto tx = Tx();
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(1), T(2))).status());
    ASSERT_OK(tx->InsertBlock({.resource_id = 1, .interval = {T(0), T(30)}})
                  .status());
    ASSERT_OK(tx->Commit());
  }
  {
    auto tx = Tx();
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertService(MakeService({1})).status());
    ASSERT_OK_AND_ASSIGN(AppointmentId id,
                         tx->InsertAppointment(MakeAppointment(1, T(3), T(4))));
    ASSERT_OK(tx->AppendTimeline({.appointment_id = id, .at = T(0)}).status());
    Appointment first =
        MakeAppointment(1, T(1), T(2), AppointmentState::kCancelled);
    first.id = 1;
    ASSERT_OK(tx->UpdateAppointment(first));
    Resource renamed = MakeResource("Changed");
    renamed.id = 1;
    ASSERT_OK(tx->UpdateResource(renamed));
    ASSERT_OK(tx->DeleteBlock(1));
    ASSERT_OK(tx->InsertBlock({.resource_id = 1, .interval = {T(0), T(99)}})
                  .status());
    // Destroyed without Commit().
  }
  auto tx = Tx(Mode::kRead);
  EXPECT_EQ(tx->CountAppointments().value_or(-1), 1);
  EXPECT_TRUE(absl::IsNotFound(tx->GetResource(3).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->GetCustomer(3).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->GetService(2).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->GetAppointment(2).status()));
  EXPECT_TRUE(tx->ListTimeline(2).value().empty());
  EXPECT_EQ(tx->GetResource(1)->name, "Uno");
  EXPECT_EQ(tx->GetAppointment(1)->state, AppointmentState::kBooked);
  EXPECT_EQ(Ids(tx->ListActiveAppointments(1, {T(0), T(24)}).value()),
            std::vector<int64_t>{1});
  EXPECT_EQ(tx->GetBlock(1)->interval, (Interval{T(0), T(30)}));
  EXPECT_EQ(Ids(tx->ListBlocks(1, {T(40), T(50)}).value()),
            std::vector<int64_t>{});
  tx.reset();
  // Rolled-back ids are handed out again.
  tx = Tx();
  EXPECT_EQ(tx->InsertResource(MakeResource()).value_or(-1), 3);
  EXPECT_EQ(tx->InsertBlock({.resource_id = 1, .interval = {T(0), T(1)}})
                .value_or(-1),
            2);
}

TEST_P(StoreTest, ReadTransactionsRefuseWritesAndCommitIsFinal) {
  auto tx = Tx(Mode::kRead);
  EXPECT_TRUE(
      absl::IsFailedPrecondition(tx->InsertResource(MakeResource()).status()));
  ASSERT_OK(tx->Commit());
  EXPECT_TRUE(absl::IsFailedPrecondition(tx->Commit()));
  EXPECT_TRUE(absl::IsFailedPrecondition(tx->GetResource(1).status()));
}

TEST_P(StoreTest, SecondBeginWhileOpenFails) {
  auto tx = Tx(Mode::kWrite);
  auto second = store_->Begin(Mode::kRead);
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  tx.reset();
  EXPECT_TRUE(store_->Begin(Mode::kRead).ok());
}

TEST_P(StoreTest, ListBlocksOverlapAtBoundaries) {
  auto tx = Tx();
  auto add = [&](ResourceId r, Instant s, Instant e) {
    return tx->InsertBlock({.resource_id = r, .interval = {s, e}}).value();
  };
  const BlockId before = add(1, T(10), T(11));  // touches the window start
  const BlockId inside = add(1, T(11), T(12));
  const BlockId after = add(1, T(13), T(14));          // touches the window end
  const BlockId long_one = add(1, T(-72), T(11, 30));  // starts 3 days early
  const BlockId deleted = add(1, T(12), T(12, 30));
  const BlockId overlaps_end = add(1, T(12, 59), T(15));
  add(2, T(11), T(12));  // another resource
  ASSERT_OK(tx->DeleteBlock(deleted));
  ASSERT_OK_AND_ASSIGN(auto blocks, tx->ListBlocks(1, {T(11), T(13)}));
  EXPECT_EQ(Ids(blocks),
            (std::vector<int64_t>{long_one, inside, overlaps_end}));
  ASSERT_OK_AND_ASSIGN(blocks, tx->ListBlocks(1, {T(9), T(20)}));
  EXPECT_EQ(Ids(blocks), (std::vector<int64_t>{long_one, before, inside,
                                               overlaps_end, after}));
  EXPECT_TRUE(tx->ListBlocks(1, {T(14), T(15)})->size() == 1);  // overlaps_end
  EXPECT_TRUE(tx->ListBlocks(99, {T(0), T(99)})->empty());
}

TEST_P(StoreTest, ListActiveAppointmentsOverlapAtBoundaries) {
  auto tx = Tx();
  auto add = [&](ResourceId r, Instant s, Instant e,
                 AppointmentState st = AppointmentState::kBooked) {
    return tx->InsertAppointment(MakeAppointment(r, s, e, st)).value();
  };
  const AppointmentId late = add(1, T(12), T(13));
  const AppointmentId touching_start = add(1, T(9), T(10));
  const AppointmentId first = add(1, T(10), T(11));
  const AppointmentId touching_end = add(1, T(14), T(15));
  add(1, T(10), T(12), AppointmentState::kCancelled);
  add(1, T(10), T(12), AppointmentState::kAttended);
  add(2, T(10), T(12));
  // A maximal blocked span starting a day minus an hour before the window.
  const AppointmentId long_one = add(1, T(-13), T(11));
  const AppointmentId same_start = add(1, T(12), T(12, 30));
  ASSERT_OK_AND_ASSIGN(auto list,
                       tx->ListActiveAppointments(1, {T(10), T(14)}));
  EXPECT_EQ(Ids(list),
            (std::vector<int64_t>{long_one, first, late, same_start}));
  for (const Appointment& a : list) {
    EXPECT_EQ(a, tx->GetAppointment(a.id).value());
  }
  // Cancelling or moving an appointment updates the listing.
  Appointment moved = tx->GetAppointment(first).value();
  moved.blocked = {T(20), T(21)};
  ASSERT_OK(tx->UpdateAppointment(moved));
  Appointment cancelled = tx->GetAppointment(late).value();
  cancelled.state = AppointmentState::kCancelled;
  ASSERT_OK(tx->UpdateAppointment(cancelled));
  Appointment revived = tx->GetAppointment(touching_end).value();
  revived.blocked = {T(13), T(15)};
  ASSERT_OK(tx->UpdateAppointment(revived));
  ASSERT_OK_AND_ASSIGN(list, tx->ListActiveAppointments(1, {T(10), T(14)}));
  EXPECT_EQ(Ids(list),
            (std::vector<int64_t>{long_one, same_start, touching_end}));
  EXPECT_TRUE(tx->ListActiveAppointments(1, {T(15), T(20)})->empty());
  EXPECT_NE(touching_start, 0);
}

// Stores may bound the overlap scan by the longest span they have seen; an
// appointment lengthened later, or longer than any before, must still be
// found near its end.
TEST_P(StoreTest, ListActiveAppointmentsFindsSpansLongerThanAnySeenBefore) {
  auto tx = Tx();
  for (int h = 0; h < 8; ++h) {
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(h), T(h, 15)))
                  .status());
  }
  ASSERT_OK(tx->Commit());
  tx = Tx();
  Appointment grown = tx->GetAppointment(1).value();
  grown.end = T(9);
  grown.blocked = {T(0), T(9, 30)};
  ASSERT_OK(tx->UpdateAppointment(grown));
  ASSERT_OK(tx->Commit());
  tx = Tx();
  ASSERT_OK_AND_ASSIGN(auto list, tx->ListActiveAppointments(1, {T(9), T(10)}));
  EXPECT_EQ(Ids(list), (std::vector<int64_t>{1}));
  const AppointmentId longer =
      tx->InsertAppointment(MakeAppointment(1, T(-12), T(11))).value();
  ASSERT_OK_AND_ASSIGN(list, tx->ListActiveAppointments(1, {T(10), T(12)}));
  EXPECT_EQ(Ids(list), (std::vector<int64_t>{longer}));
  EXPECT_TRUE(tx->ListActiveAppointments(99, {T(0), T(12)})->empty());
}

TEST_P(StoreTest, CustomerAppointmentsByStartAnyState) {
  auto tx = Tx();
  const AppointmentId c =
      tx->InsertAppointment(
            MakeAppointment(1, T(30), T(31), AppointmentState::kCancelled))
          .value();
  const AppointmentId a =
      tx->InsertAppointment(
            MakeAppointment(2, T(5), T(6), AppointmentState::kAttended))
          .value();
  const AppointmentId other =
      tx
          ->InsertAppointment(MakeAppointment(
              1, T(7), T(8), AppointmentState::kBooked, /*customer=*/2))
          .value();
  const AppointmentId b =
      tx->InsertAppointment(MakeAppointment(1, T(20), T(21))).value();
  ASSERT_OK_AND_ASSIGN(auto list, tx->ListCustomerAppointments(1));
  EXPECT_EQ(Ids(list), (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ(Ids(tx->ListCustomerAppointments(2).value()),
            std::vector<int64_t>{other});
  EXPECT_TRUE(tx->ListCustomerAppointments(77)->empty());
  EXPECT_EQ(tx->CountAppointments().value_or(-1), 4);
}

TEST_P(StoreTest, TimelineNewestFirst) {
  auto tx = Tx();
  const AppointmentId a1 =
      tx->InsertAppointment(MakeAppointment(1, T(1), T(2))).value();
  const AppointmentId a2 =
      tx->InsertAppointment(MakeAppointment(1, T(3), T(4))).value();
  TimelineEntry e{.appointment_id = a1,
                  .at = T(5),
                  .actor = {Actor::Kind::kCustomer, "contact-42"},
                  .kind = "created",
                  .details = "prenotato ✓"};
  ASSERT_OK_AND_ASSIGN(e.id, tx->AppendTimeline(e));
  TimelineEntry later = e;
  later.at = T(9);
  later.kind = "cancelled";
  later.actor = {Actor::Kind::kEngine, ""};
  ASSERT_OK_AND_ASSIGN(later.id, tx->AppendTimeline(later));
  TimelineEntry tie = e;  // same `at` as `e`, higher id
  tie.kind = "message.sent";
  tie.actor = {Actor::Kind::kSystem, "sys"};
  ASSERT_OK_AND_ASSIGN(tie.id, tx->AppendTimeline(tie));
  TimelineEntry early = e;
  early.at = T(0);
  early.actor = {Actor::Kind::kStaff, "u1"};
  ASSERT_OK_AND_ASSIGN(early.id, tx->AppendTimeline(early));
  TimelineEntry elsewhere = e;
  elsewhere.appointment_id = a2;
  ASSERT_OK(tx->AppendTimeline(elsewhere).status());
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(auto list, tx->ListTimeline(a1));
  EXPECT_EQ(list, (std::vector<TimelineEntry>{later, tie, e, early}));
  EXPECT_EQ(tx->ListTimeline(a2)->size(), 1u);
  EXPECT_TRUE(tx->ListTimeline(99)->empty());
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreTest,
                         ::testing::Values(Kind::kMemory, Kind::kSqlite),
                         [](const ::testing::TestParamInfo<Kind>& info) {
                           return info.param == Kind::kMemory ? "Memory"
                                                              : "Sqlite";
                         });

// SQLite only: the file itself.
class SqliteFileTest : public ::testing::Test {
 protected:
  std::string Path() const { return dir_.File("appt.db"); }
  // Runs `sql` on a raw connection to the file; returns the first column of
  // every row, as text.
  std::vector<std::string> Raw(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const int col = sqlite3_column_count(stmt) - 1;  // EQP: detail is last
      const auto* text = sqlite3_column_text(stmt, col);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sql << ": " << sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }
  TempDir dir_;
};

TEST_F(SqliteFileTest, ReopeningKeepsDataAndSetsFormat) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->InsertService(MakeService({1})).status());
    ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    ASSERT_OK(tx->InsertAppointment(MakeAppointment(1, T(1), T(2))).status());
    ASSERT_OK(tx->Commit());
  }
  SqliteOptions options;
  options.create_if_missing = false;
  options.durability = Durability::kFull;
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path(), options));
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  Resource r = MakeResource();
  r.id = 1;
  EXPECT_EQ(tx->GetResource(1).value(), r);
  EXPECT_EQ(tx->CountAppointments().value_or(-1), 1);
  EXPECT_EQ(Raw("PRAGMA user_version"),
            std::vector<std::string>{
                std::to_string(sqlite_internal::kCurrentSchemaVersion)});
  EXPECT_EQ(Raw("PRAGMA journal_mode"), std::vector<std::string>{"wal"});
}

TEST_F(SqliteFileTest, VersionOneFileIsMigratedKeepingItsRows) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(Path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sqlite_internal::kSchemaV1, nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA user_version = 1;"
                           "INSERT INTO resources (id, name, time_zone, "
                           "weekly_hours, exceptions, notification_email, "
                           "responsible_agent, external_id) VALUES (1, 'R', "
                           "'UTC', ';;;;;;', '', '', '', '');"
                           "INSERT INTO appointments VALUES (7, 1, 1, 1, "
                           "1803859200, 1803861000, 1803859200, 1803861000, "
                           "0, 0, 1803800000, 1803800000, '', 'ext-7', '');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
  EXPECT_EQ(Raw("PRAGMA user_version"), std::vector<std::string>{"2"});
  EXPECT_EQ(Raw("PRAGMA index_info(appointments_active)"),
            (std::vector<std::string>{"resource_id", "state", "blocked_start",
                                      "id", "blocked_end"}));
  EXPECT_EQ(Raw("SELECT max_appointment_seconds FROM resources"),
            std::vector<std::string>{"1800"});
  ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
  ASSERT_OK_AND_ASSIGN(auto list, tx->ListActiveAppointments(1, {T(0), T(1)}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, 7);
  EXPECT_EQ(list[0].external_id, "ext-7");
}

TEST_F(SqliteFileTest, MissingFileWithoutCreateIsNotFound) {
  SqliteOptions options;
  options.create_if_missing = false;
  auto store = OpenSqliteStore(Path(), options);
  EXPECT_TRUE(absl::IsNotFound(store.status())) << store.status();
  EXPECT_NE(store.status().message().find(Path()), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Path()));
}

TEST_F(SqliteFileTest, NewerSchemaAndCorruptTextAreRefused) {
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kWrite));
    ASSERT_OK(tx->InsertResource(MakeResource()).status());
    ASSERT_OK(tx->Commit());
  }
  Raw("UPDATE resources SET weekly_hours = '540-;;;;;;'");
  {
    ASSERT_OK_AND_ASSIGN(auto store, OpenSqliteStore(Path()));
    ASSERT_OK_AND_ASSIGN(auto tx, store->Begin(Mode::kRead));
    auto r = tx->GetResource(1);
    EXPECT_TRUE(absl::IsDataLoss(r.status())) << r.status();
    EXPECT_NE(r.status().message().find("weekly_hours"), std::string::npos);
  }
  Raw("PRAGMA user_version = 99");
  auto store = OpenSqliteStore(Path());
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
}

TEST_F(SqliteFileTest, QueriesUseIndexes) {
  ASSERT_OK(OpenSqliteStore(Path()).status());
  for (int i = 0; i < sqlite_internal::kNumStmts; ++i) {
    const std::string sql = sqlite_internal::kStatementSql[i];
    if (sql.rfind("SELECT", 0) != 0) continue;
    const bool may_scan = sql.find("WHERE") == std::string::npos;
    for (const std::string& step : Raw("EXPLAIN QUERY PLAN " + sql)) {
      EXPECT_EQ(step.find("TEMP B-TREE"), std::string::npos) << sql;
      if (!may_scan) {
        EXPECT_EQ(step.rfind("SCAN", 0), std::string::npos) << sql;
      }
    }
  }
  const auto active = Raw(std::string("EXPLAIN QUERY PLAN ") +
                          sqlite_internal::kListActiveAppointmentsSql);
  ASSERT_FALSE(active.empty());
  EXPECT_NE(active[0].find("USING INDEX appointments_active (resource_id=? "
                           "AND state=? AND blocked_start>? AND "
                           "blocked_start<?)"),
            std::string::npos)
      << active[0];
  const auto blocks =
      Raw(std::string("EXPLAIN QUERY PLAN ") + sqlite_internal::kListBlocksSql);
  ASSERT_FALSE(blocks.empty());
  EXPECT_NE(blocks[0].find("USING INDEX blocks_by_resource_start "
                           "(resource_id=? AND start_at>? AND start_at<?)"),
            std::string::npos)
      << blocks[0];
}

TEST_F(SqliteFileTest, TwoStoresOnOneFile) {
  SqliteOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(50);
  ASSERT_OK_AND_ASSIGN(auto writer, OpenSqliteStore(Path(), quick));
  ASSERT_OK_AND_ASSIGN(auto other, OpenSqliteStore(Path(), quick));
  ASSERT_OK_AND_ASSIGN(auto tx, writer->Begin(Mode::kWrite));
  ASSERT_OK(tx->InsertResource(MakeResource()).status());
  {
    // The write lock is held; a reader sees the last commit only.
    auto blocked = other->Begin(Mode::kWrite);
    EXPECT_TRUE(absl::IsUnavailable(blocked.status())) << blocked.status();
    ASSERT_OK_AND_ASSIGN(auto reader, other->Begin(Mode::kRead));
    EXPECT_TRUE(reader->ListResources()->empty());
  }
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto reader, other->Begin(Mode::kRead));
  EXPECT_EQ(reader->ListResources()->size(), 1u);
}

TEST(SqliteEncodingTest, RoundTripsAndRejectsCorruptText) {
  using namespace sqlite_internal;
  const Resource r = MakeResource();
  WeeklyHours hours;
  ASSERT_TRUE(DecodeWeeklyHours(EncodeWeeklyHours(r.weekly_hours), &hours));
  EXPECT_EQ(hours, r.weekly_hours);
  EXPECT_EQ(EncodeWeeklyHours(WeeklyHours{}), ";;;;;;");
  std::vector<DateException> exceptions;
  ASSERT_TRUE(DecodeExceptions(EncodeExceptions(r.exceptions), &exceptions));
  EXPECT_EQ(exceptions, r.exceptions);
  std::vector<int64_t> ids;
  ASSERT_TRUE(DecodeIds("3,-1,9000000000", &ids));
  EXPECT_EQ(ids, (std::vector<int64_t>{3, -1, 9000000000}));
  for (const char* bad : {"", ";;;;;", ";;;;;;;", "1-2,;;;;;;", "a-1;;;;;;",
                          "1-2-3;;;;;;", "1 -2;;;;;;", "99999999999-1;;;;;;"}) {
    EXPECT_FALSE(DecodeWeeklyHours(bad, &hours)) << bad;
  }
  for (const char* bad : {"2027/1/1", "2027/1:", "2027/1/1:;", "x/1/1:"}) {
    EXPECT_FALSE(DecodeExceptions(bad, &exceptions)) << bad;
  }
  for (const char* bad : {",", "1,", "1,,2", "+1", "1 "}) {
    EXPECT_FALSE(DecodeIds(bad, &ids)) << bad;
  }
}

}  // namespace
}  // namespace appt
