// One behaviour suite for every Store (R8.3), run over the memory store and
// over SQLite on a fresh file per test. SQLite's file format is checked in
// sqlite_store_test.cc.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "appt/store.h"
#include "store_test_util.h"

namespace appt {
namespace {

using namespace store_test;  // NOLINT: the shared records and helpers
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

// Views read what Get* reads, and stay valid (and equal) while the
// transaction goes on reading and writing rows other than the catalog's.
TEST_P(StoreTest, CatalogViewsMatchGetAndOutliveOtherWrites) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(const Resource* resource, tx->ViewResource(1));
  ASSERT_OK_AND_ASSIGN(const Service* service, tx->ViewService(1));
  ASSERT_OK_AND_ASSIGN(const Customer* customer, tx->ViewCustomer(2));
  ASSERT_OK_AND_ASSIGN(const Resource* other, tx->ViewResource(2));
  for (int i = 0; i < 3000; ++i) {  // past a memory store chunk of rows
    ASSERT_OK_AND_ASSIGN(
        AppointmentId id,
        tx->InsertAppointment(MakeAppointment(1, T(2 * i), T(2 * i + 1))));
    ASSERT_OK(tx->AppendTimeline({.appointment_id = id, .at = T(0)}).status());
  }
  ASSERT_OK_AND_ASSIGN(Resource r1, tx->GetResource(1));
  ASSERT_OK_AND_ASSIGN(Resource r2, tx->GetResource(2));
  ASSERT_OK_AND_ASSIGN(Service s1, tx->GetService(1));
  ASSERT_OK_AND_ASSIGN(Customer c2, tx->GetCustomer(2));
  EXPECT_EQ(*resource, r1);
  EXPECT_EQ(*other, r2);
  EXPECT_EQ(*service, s1);
  EXPECT_EQ(*customer, c2);
  EXPECT_NE(r1, r2);
}

// Viewing a row again gives the same row (a store copying rows holds one
// copy per row, however often a long transaction views it), and after a
// catalog write the next views read the rows as written.
TEST_P(StoreTest, CatalogViewsAreSharedAndFollowCatalogWrites) {
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(const Customer* first, tx->ViewCustomer(2));
  for (int i = 0; i < 1000; ++i) {
    ASSERT_OK_AND_ASSIGN(const Customer* again, tx->ViewCustomer(2));
    ASSERT_EQ(again, first);
  }
  ASSERT_OK_AND_ASSIGN(const Resource* resource, tx->ViewResource(1));
  ASSERT_OK_AND_ASSIGN(const Service* service, tx->ViewService(1));
  EXPECT_EQ(tx->ViewResource(1).value(), resource);
  EXPECT_EQ(tx->ViewService(1).value(), service);

  Customer customer = tx->GetCustomer(2).value();
  customer.name = "Renamed";
  ASSERT_OK(tx->UpdateCustomer(customer));
  EXPECT_EQ(tx->ViewCustomer(2).value()->name, "Renamed");
  Resource resource_row = tx->GetResource(1).value();
  resource_row.name = "Studio B";
  ASSERT_OK(tx->UpdateResource(resource_row));
  EXPECT_EQ(tx->ViewResource(1).value()->name, "Studio B");
  Service service_row = tx->GetService(1).value();
  service_row.name = "Long visit";
  ASSERT_OK(tx->UpdateService(service_row));
  EXPECT_EQ(tx->ViewService(1).value()->name, "Long visit");
  ASSERT_OK_AND_ASSIGN(CustomerId added, tx->InsertCustomer(MakeCustomer()));
  EXPECT_EQ(*tx->ViewCustomer(added).value(), tx->GetCustomer(added).value());
  EXPECT_EQ(tx->ViewCustomer(2).value()->name, "Renamed");
}

// A store may keep viewed catalog rows for later transactions (the SQLite
// store does); whatever it keeps, a transaction views only committed rows:
// never those of a transaction rolled back, always those of the last
// commit, and read or write transactions alike.
TEST_P(StoreTest, CatalogViewsInLaterTransactionsShowTheLastCommit) {
  const std::string original = Tx()->GetCustomer(2).value().name;
  {
    auto tx = Tx(Mode::kRead);
    EXPECT_EQ(tx->ViewCustomer(2).value()->name, original);
    EXPECT_EQ(tx->ViewResource(1).value()->name, "Uno");
    EXPECT_EQ(tx->ViewService(1).value()->name, MakeService({}).name);
  }
  {
    auto tx = Tx();
    EXPECT_EQ(tx->ViewCustomer(2).value()->name, original);
    Customer customer = tx->GetCustomer(2).value();
    customer.name = "Rolled back";
    ASSERT_OK(tx->UpdateCustomer(customer));
    Resource resource = tx->GetResource(1).value();
    resource.time_zone = "Asia/Tokyo";
    ASSERT_OK(tx->UpdateResource(resource));
    EXPECT_EQ(tx->ViewCustomer(2).value()->name, "Rolled back");
    EXPECT_EQ(tx->ViewResource(1).value()->time_zone, "Asia/Tokyo");
  }  // not committed
  {
    auto tx = Tx(Mode::kRead);
    EXPECT_EQ(tx->ViewCustomer(2).value()->name, original);
    EXPECT_EQ(tx->ViewResource(1).value()->time_zone, "Europe/Rome");
  }
  {
    auto tx = Tx();
    Service service = tx->GetService(1).value();
    service.duration = minutes(90);
    ASSERT_OK(tx->UpdateService(service));
    Customer customer = tx->GetCustomer(2).value();
    customer.name = "Committed";
    ASSERT_OK(tx->UpdateCustomer(customer));
    ASSERT_OK(tx->Commit());
  }
  {
    auto tx = Tx();
    EXPECT_EQ(tx->ViewService(1).value()->duration, minutes(90));
    EXPECT_EQ(tx->ViewCustomer(2).value()->name, "Committed");
    EXPECT_EQ(tx->ViewCustomer(1).value()->name, original);
    EXPECT_TRUE(absl::IsNotFound(tx->ViewCustomer(99).status()));
  }
  {
    auto tx = Tx();
    ASSERT_OK_AND_ASSIGN(CustomerId added, tx->InsertCustomer(MakeCustomer()));
    ASSERT_OK(tx->Commit());
    EXPECT_EQ(Tx(Mode::kRead)->ViewCustomer(added).value()->id, added);
  }
}

// A catalog write that is refused (the transaction has ended, or only
// reads) changes nothing, not even another transaction's views.
TEST_P(StoreTest, RefusedCatalogWritesLeaveViewsAlone) {
  auto ended = Tx();
  ASSERT_OK(ended->Commit());
  auto reader = Tx(Mode::kRead);
  ASSERT_OK_AND_ASSIGN(const Resource* viewed, reader->ViewResource(1));
  Resource renamed = *viewed;
  renamed.name = "Stray";
  EXPECT_TRUE(absl::IsFailedPrecondition(ended->UpdateResource(renamed)));
  EXPECT_FALSE(reader->UpdateResource(renamed).ok());
  EXPECT_FALSE(reader->InsertCustomer(MakeCustomer()).ok());
  EXPECT_EQ(viewed->name, "Uno");
  // Another row first, so a row read again could not reuse the freed one's
  // memory.
  ASSERT_OK(reader->ViewResource(2).status());
  EXPECT_EQ(reader->ViewResource(1).value(), viewed);
}

// A view stays valid to the end of its transaction however many other
// rows the transaction views (a store bounding what it keeps must not drop
// rows a transaction still points at).
TEST_P(StoreTest, CatalogViewsOutliveManyOtherViews) {
  {
    auto tx = Tx();
    for (int i = 0; i < 5000; ++i) {
      ASSERT_OK(tx->InsertCustomer(MakeCustomer()).status());
    }
    ASSERT_OK(tx->Commit());
  }
  for (int round = 0; round < 2; ++round) {
    auto tx = Tx(Mode::kRead);
    ASSERT_OK_AND_ASSIGN(const Customer* first, tx->ViewCustomer(2));
    for (CustomerId id = 3; id <= 5002; ++id) {
      ASSERT_OK_AND_ASSIGN(const Customer* c, tx->ViewCustomer(id));
      ASSERT_EQ(c->id, id);
    }
    EXPECT_EQ(first->id, 2);
    EXPECT_EQ(*first, tx->GetCustomer(2).value());
  }
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
  expect_not_found(tx->ViewResource(42).status(), "resource_id 42 not found");
  expect_not_found(tx->ViewService(42).status(), "service_id 42 not found");
  expect_not_found(tx->ViewCustomer(42).status(), "customer_id 42 not found");
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

// A final state leaves the lists; a row brought back (a store allows any
// update) is listed again, pending or booked.
TEST_P(StoreTest, AppointmentsLeaveAndReturnToTheHeldLists) {
  auto tx = Tx();
  Appointment a = MakeAppointment(1, T(10), T(11));
  a.id = tx->InsertAppointment(a).value();
  for (AppointmentState state :
       {AppointmentState::kCancelled, AppointmentState::kPending,
        AppointmentState::kNoShow, AppointmentState::kBooked,
        AppointmentState::kAttended, AppointmentState::kBooked}) {
    a.state = state;
    ASSERT_OK(tx->UpdateAppointment(a));
    const size_t active = tx->ListActiveAppointments(1, {T(9), T(12)})->size();
    const size_t pending =
        tx->ListPendingAppointments(1, {T(9), T(12)})->size();
    EXPECT_EQ(active, state == AppointmentState::kBooked ? 1u : 0u)
        << static_cast<int>(state);
    EXPECT_EQ(pending, state == AppointmentState::kPending ? 1u : 0u)
        << static_cast<int>(state);
  }
}

// Every insert and update moves the counts a chain edit checks, in any
// state; a rolled-back transaction moves none.
TEST_P(StoreTest, StatusCountsFollowEveryAppointmentWrite) {
  auto count = [](StoreTransaction& tx, StatusId id) {
    return tx.CountStatusAppointments(id).value_or(-1);
  };
  Appointment a = MakeAppointment(1, T(10), T(11));
  Appointment b = MakeAppointment(2, T(10), T(11));
  {
    auto tx = Tx();
    a.status_id = 7;
    b.status_id = 7;
    a.id = tx->InsertAppointment(a).value();
    b.id = tx->InsertAppointment(b).value();
    tx->InsertAppointment(MakeAppointment(1, T(12), T(13))).value();
    EXPECT_EQ(count(*tx, 7), 2);
    EXPECT_EQ(count(*tx, 0), 0);
    // Moving one, cancelling it in its new status, then touching only
    // unindexed fields.
    a.status_id = 8;
    ASSERT_OK(tx->UpdateAppointment(a));
    a.state = AppointmentState::kCancelled;
    ASSERT_OK(tx->UpdateAppointment(a));
    a.notes = "rang back";
    ASSERT_OK(tx->UpdateAppointment(a));
    EXPECT_EQ(count(*tx, 7), 1);
    EXPECT_EQ(count(*tx, 8), 1);
    // Leaving the workflow (status 0) and an unknown id.
    b.status_id = 0;
    ASSERT_OK(tx->UpdateAppointment(b));
    EXPECT_EQ(count(*tx, 7), 0);
    b.id = 999;
    b.status_id = 8;
    EXPECT_TRUE(absl::IsNotFound(tx->UpdateAppointment(b)));
    EXPECT_EQ(count(*tx, 8), 1);
    ASSERT_OK(tx->Commit());
  }
  {
    auto tx = Tx();
    a.status_id = 7;
    ASSERT_OK(tx->UpdateAppointment(a));
    EXPECT_EQ(count(*tx, 7), 1);
  }  // rolled back
  auto tx = Tx();
  EXPECT_EQ(count(*tx, 7), 0);
  EXPECT_EQ(count(*tx, 8), 1);
}

// An update is checked against the row as stored, whatever the transaction
// read last: another appointment, a failed update, or nothing at all.
TEST_P(StoreTest, UpdatesFollowTheStoredRowWhateverWasReadLast) {
  auto tx = Tx();
  Appointment a = MakeAppointment(1, T(10), T(11));
  Appointment b = MakeAppointment(1, T(12), T(13));
  a.status_id = 7;
  a.id = tx->InsertAppointment(a).value();
  b.id = tx->InsertAppointment(b).value();
  ASSERT_OK(tx->Commit());
  tx = Tx();
  Appointment read_a = tx->GetAppointment(a.id).value();
  ASSERT_OK(tx->GetAppointment(b.id).status());
  read_a.resource_id = 2;  // moved, after reading another row
  read_a.status_id = 8;
  ASSERT_OK(tx->UpdateAppointment(read_a));
  // Found on its new resource from any time it overlaps, which needs that
  // resource's longest span to have grown with the move.
  EXPECT_EQ(Ids(tx->ListActiveAppointments(2, {T(10, 30), T(12)}).value()),
            std::vector<int64_t>{a.id});
  Appointment bad = read_a;
  bad.customer_id = 999;  // refused: the stored row keeps resource 2
  EXPECT_FALSE(tx->UpdateAppointment(bad).ok());
  read_a.state = AppointmentState::kCancelled;  // unread since
  ASSERT_OK(tx->UpdateAppointment(read_a));
  b.blocked = {T(12), T(14)};  // never read in this transaction
  b.end = T(13, 50);
  ASSERT_OK(tx->UpdateAppointment(b));
  ASSERT_OK(tx->Commit());
  tx = Tx(Mode::kRead);
  EXPECT_EQ(tx->GetAppointment(a.id).value(), read_a);
  EXPECT_TRUE(tx->ListActiveAppointments(1, {T(9), T(12)})->empty());
  EXPECT_TRUE(tx->ListActiveAppointments(2, {T(9), T(12)})->empty());
  EXPECT_EQ(Ids(tx->ListActiveAppointments(1, {T(13, 30), T(15)}).value()),
            std::vector<int64_t>{b.id});
  EXPECT_EQ(tx->CountStatusAppointments(7).value_or(-1), 0);
  EXPECT_EQ(tx->CountStatusAppointments(8).value_or(-1), 1);
}

// A token moved to another appointment goes with it: superseded with the
// new one, not the old. A move to an unknown appointment is NotFound and
// changes nothing, and a rolled-back move leaves the token where it was.
TEST_P(StoreTest, AConfirmTokenMovedToAnotherAppointmentGoesWithIt) {
  auto tx = Tx();
  const AppointmentId a =
      tx->InsertAppointment(MakeAppointment(1, T(10), T(11))).value();
  const AppointmentId b =
      tx->InsertAppointment(MakeAppointment(2, T(10), T(11))).value();
  ConfirmTokenRecord moved{.hash = std::string(32, 'm'),
                           .appointment_id = a,
                           .issued_at = T(0),
                           .expires_at = T(10)};
  ConfirmTokenRecord stays = moved;
  stays.hash = std::string(32, 's');
  ASSERT_OK(tx->InsertConfirmToken(moved));
  ASSERT_OK(tx->InsertConfirmToken(stays));
  ASSERT_OK(tx->Commit());
  auto find = [](StoreTransaction& t, const std::string& hash) {
    return t.FindConfirmToken(hash).value().value_or(ConfirmTokenRecord{});
  };
  {
    auto undone = Tx();
    moved.appointment_id = b;
    ASSERT_OK(undone->UpdateConfirmToken(moved));
    ASSERT_OK(undone->InsertConfirmToken(
        {.hash = std::string(32, 'n'), .appointment_id = a}));
  }  // rolled back
  tx = Tx();
  EXPECT_EQ(find(*tx, moved.hash).appointment_id, a);
  ASSERT_OK(tx->SupersedeConfirmTokens(b, T(0)));  // b still has no token
  EXPECT_FALSE(find(*tx, moved.hash).superseded_at.has_value());
  ASSERT_OK(tx->UpdateConfirmToken(moved));
  ConfirmTokenRecord lost = moved;
  lost.appointment_id = 999;
  const absl::Status s = tx->UpdateConfirmToken(lost);
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_NE(s.message().find("appointment_id"), std::string::npos) << s;
  EXPECT_EQ(find(*tx, moved.hash), moved);
  ASSERT_OK(tx->SupersedeConfirmTokens(a, T(1)));
  EXPECT_FALSE(find(*tx, moved.hash).superseded_at.has_value());
  EXPECT_EQ(find(*tx, stays.hash).superseded_at, T(1));
  ASSERT_OK(tx->SupersedeConfirmTokens(b, T(2)));
  EXPECT_EQ(find(*tx, moved.hash).superseded_at, T(2));
  ASSERT_OK(tx->Commit());
}

// Stores may bound the overlap scan by the longest span they have seen; an
// appointment lengthened later, or longer than any before, must still be
// found near its end.
TEST_P(StoreTest, ListActiveAppointmentsFindsSpansLongerThanAnySeenBefore) {
  auto tx = Tx();
  for (int h = 0; h < 8; ++h) {
    ASSERT_OK(
        tx->InsertAppointment(MakeAppointment(1, T(h), T(h, 15))).status());
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

TEST_P(StoreTest, MessageRulesRoundTripUpdateAndDelete) {
  MessageRule r;
  r.name = "Promemoria — 前日";
  r.kind = MessageKind::kReminder;
  r.enabled = false;
  r.audience = Audience::kCustomer;
  r.service_ids = {1};
  r.channels = {Channel::kWhatsapp, Channel::kSms, Channel::kEmail};
  r.required_consents = {ConsentKind::kWhatsapp, ConsentKind::kMarketing};
  r.at_local_time = LocalTimeOfDay{18 * 60, 1};
  r.grace = hours(2);
  r.external_id = "rule-ü";
  r.templates = {{Channel::kEmail, "", "Domani", "Ciao {{customer.name}}"},
                 {Channel::kSms, "it-IT", "", "A domani"},
                 {Channel::kWhatsapp, "", "", "🙂 {{appointment.time}}"}};
  auto tx = Tx();
  ASSERT_OK_AND_ASSIGN(RuleId id, tx->InsertRule(r));
  MessageRule plain;
  plain.name = "Info";
  plain.kind = MessageKind::kBookingInfo;
  plain.offset = minutes(10);
  plain.channels = {Channel::kEmail};
  ASSERT_OK_AND_ASSIGN(RuleId second, tx->InsertRule(plain));
  EXPECT_NE(id, second);
  ASSERT_OK(tx->Commit());
  tx = Tx();
  r.id = id;
  EXPECT_EQ(tx->GetRule(id).value(), r);
  plain.id = second;
  EXPECT_EQ(tx->ListRules().value(), (std::vector<MessageRule>{r, plain}));
  r.templates.pop_back();
  r.channels.pop_back();
  r.at_local_time.reset();
  r.offset = hours(3);
  ASSERT_OK(tx->UpdateRule(r));
  EXPECT_EQ(tx->GetRule(id).value(), r);
  ASSERT_OK(tx->DeleteRule(second));
  EXPECT_TRUE(absl::IsNotFound(tx->GetRule(second).status()));
  EXPECT_TRUE(absl::IsNotFound(tx->DeleteRule(second)));
  MessageRule ghost = plain;
  ghost.id = 99;
  absl::Status s = tx->UpdateRule(ghost);
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_NE(s.message().find("rule_id 99"), std::string::npos) << s;
  ASSERT_OK(tx->Commit());
  // An uncommitted insert and delete leave nothing behind.
  {
    auto rolled = Tx();
    ASSERT_OK(rolled->InsertRule(plain).status());
    ASSERT_OK(rolled->DeleteRule(id));
  }
  tx = Tx();
  EXPECT_EQ(tx->ListRules().value(), (std::vector<MessageRule>{r}));
}

APPT_STORE_TESTS_FOR_BOTH(StoreTest);

}  // namespace
}  // namespace appt
