// Bad input (R9): every entry point names the field and value, and a
// refused command changes nothing. Runs against both stores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixture.h"

namespace appt::testing {
namespace {

using ::testing::HasSubstr;
using std::chrono::hours;
using std::chrono::minutes;

class BadInputTest : public EngineTest {
 protected:
  // Everything a refused command could have touched, as text.
  std::string Snapshot() {
    std::string out;
    auto resources = engine_->ListResources();
    auto services = engine_->ListServices();
    EXPECT_TRUE(resources.ok() && services.ok());
    for (const Resource& r : *resources) {
      out += r.name + r.time_zone + std::to_string(r.exceptions.size()) + ";";
    }
    for (const Service& s : *services) {
      out += s.name + std::to_string(s.duration.count()) + ";";
    }
    for (CustomerId c : {anna_, marco_}) {
      auto customer = engine_->GetCustomer(c);
      EXPECT_TRUE(customer.ok());
      out += customer->name + customer->email + customer->phone + ";";
      auto list = engine_->ListCustomerAppointments(c);
      EXPECT_TRUE(list.ok());
      for (const Appointment& a : *list) {
        out += std::to_string(a.id) + AppointmentStateName(a.state) +
               FormatUtc(a.start) + ";";
        auto t = engine_->Timeline(a.id);
        out += std::to_string(t->size()) + ";";
      }
    }
    auto slots = engine_->SearchSlots(
        {checkup_, std::nullopt, {Utc(2027, 3, 15), Utc(2027, 4, 15)}});
    EXPECT_TRUE(slots.ok());
    out += std::to_string(slots->size());
    return out;
  }

  // Expects `status` to be `code` with every `parts` in its message, and
  // the store to be as it was in `before`.
  void ExpectRefused(const absl::Status& status, absl::StatusCode code,
                     std::vector<std::string> parts,
                     const std::string& before) {
    EXPECT_EQ(status.code(), code) << status;
    for (const std::string& p : parts) {
      EXPECT_THAT(std::string(status.message()), HasSubstr(p));
    }
    EXPECT_EQ(Snapshot(), before) << "a refused command changed the store";
  }

  BookRequest Request(Instant start) {
    BookRequest r;
    r.customer_id = anna_;
    r.service_id = checkup_;
    r.resource_id = rossi_;
    r.start = start;
    return r;
  }

  Resource ValidResource() {
    Resource r;
    r.name = "Room 2";
    r.time_zone = "Europe/Berlin";
    r.weekly_hours[0] = {{9 * 60, 12 * 60}, {13 * 60, 17 * 60}};
    return r;
  }
};
APPT_INSTANTIATE_FOR_BOTH_STORES(BadInputTest);

TEST_P(BadInputTest, ResourceFields) {
  // An existing booking, so "nothing changed" covers appointments too.
  ASSERT_TRUE(engine_->Book(Request(Utc(2027, 3, 16, 8))).ok());
  const std::string before = Snapshot();
  Resource r = ValidResource();
  r.time_zone = "Europe/Atlantis";
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.time_zone", "Europe/Atlantis"}, before);
  r = ValidResource();
  r.weekly_hours[2] = {{9 * 60, 12 * 60}, {11 * 60, 14 * 60}};
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.weekly_hours.wednesday", "overlapping", "09:00-12:00",
                 "11:00-14:00"},
                before);
  r = ValidResource();
  r.weekly_hours[1] = {{12 * 60, 9 * 60}};
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.weekly_hours.tuesday[0]", "end <= start"}, before);
  r = ValidResource();
  r.name = "Room \xC3\x28";
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.name", "UTF-8"}, before);
  r = ValidResource();
  r.name = std::string(5000, 'x');
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.name", "5000 bytes"}, before);
  r = ValidResource();
  r.exceptions = {{2027, 2, 30, {}}};
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.exceptions[0]", "2027-2-30"}, before);
  r = ValidResource();
  r.notification_email = "rossi-at-clinic";
  ExpectRefused(engine_->CreateResource(r).status(),
                absl::StatusCode::kInvalidArgument,
                {"resource.notification_email", "rossi-at-clinic"}, before);
  // An update of an existing resource with a bad zone changes nothing.
  auto rossi = engine_->GetResource(rossi_);
  ASSERT_TRUE(rossi.ok());
  rossi->time_zone = "Nowhere/City";
  rossi->exceptions.push_back({2027, 3, 16, {}});
  ExpectRefused(engine_->UpdateResource(*rossi), absl::StatusCode::kInvalidArgument,
                {"Nowhere/City"}, before);
  r = ValidResource();
  r.id = 999;
  ExpectRefused(engine_->UpdateResource(r), absl::StatusCode::kNotFound,
                {"resource_id", "999"}, before);
}

TEST_P(BadInputTest, ServiceFields) {
  const std::string before = Snapshot();
  Service s;
  s.name = "Massage";
  s.duration = minutes(-30);
  s.resource_ids = {rossi_};
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument,
                {"service.duration", "-1800"}, before);
  s.duration = minutes(30);
  s.price = {-100, "EUR"};
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument,
                {"service.price.minor_units", "-100"}, before);
  s.price = {100, "euro"};
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument,
                {"service.price.currency", "euro"}, before);
  s.price = {100, "EUR"};
  s.capacity = 0;
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument, {"service.capacity", "0"},
                before);
  s.capacity = 1;
  s.buffer_after = minutes(-5);
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument,
                {"service.buffer_after", "-300"}, before);
  s.buffer_after = minutes(0);
  s.resource_ids = {rossi_, 4242};
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kNotFound, {"resource_id 4242"}, before);
  s.resource_ids = {};
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument, {"service.resource_ids"},
                before);
  s.resource_ids = {rossi_};
  s.duration = hours(25);
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument, {"service.duration"},
                before);
  s.duration = minutes(30);
  s.min_notice = minutes(-1);
  ExpectRefused(engine_->CreateService(s).status(),
                absl::StatusCode::kInvalidArgument, {"service.min_notice"},
                before);
}

TEST_P(BadInputTest, CustomerFields) {
  const std::string before = Snapshot();
  Customer c;
  c.name = "Luca";
  c.email = "luca@@example.com";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument,
                {"customer.email", "luca@@example.com"}, before);
  c.email = "";
  c.phone = "0039 333 1234";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument,
                {"customer.phone", "0039 333 1234", "E.164"}, before);
  c.phone = "";
  c.time_zone = "Europe/Rom";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument,
                {"customer.time_zone", "Europe/Rom"}, before);
  c.time_zone = "";
  c.locale = "it_IT!";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument, {"customer.locale"},
                before);
  c.locale = "";
  c.name = "";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument,
                {"customer.name", "required"}, before);
  c.name = "Luca";
  c.external_id = "\xFF\xFE";
  ExpectRefused(engine_->CreateCustomer(c).status(),
                absl::StatusCode::kInvalidArgument,
                {"customer.external_id", "UTF-8", "\\xff"}, before);
  auto anna = engine_->GetCustomer(anna_);
  ASSERT_TRUE(anna.ok());
  anna->phone = "+39";
  ExpectRefused(engine_->UpdateCustomer(*anna),
                absl::StatusCode::kInvalidArgument, {"customer.phone"}, before);
  EXPECT_EQ(engine_->GetCustomer(777).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(BadInputTest, BookingChecks) {
  ASSERT_TRUE(engine_->Book(Request(Utc(2027, 3, 16, 8))).ok());
  const std::string before = Snapshot();
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 16, 8))).status(),
                absl::StatusCode::kAlreadyExists, {"not free"}, before);
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 16, 20))).status(),
                absl::StatusCode::kInvalidArgument,
                {"start", "outside the working hours"}, before);
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 14, 9))).status(),
                absl::StatusCode::kInvalidArgument, {"start", "in the past"},
                before);
  // A weekend start is outside hours even though it is in the future.
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 20, 9))).status(),
                absl::StatusCode::kInvalidArgument, {"outside the working"},
                before);
  auto service = engine_->GetService(checkup_);
  ASSERT_TRUE(service.ok());
  service->min_notice = hours(4);
  service->horizon = std::chrono::days(7);
  ASSERT_TRUE(engine_->UpdateService(*service).ok());
  const std::string before_rules = Snapshot();
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 15, 9))).status(),
                absl::StatusCode::kInvalidArgument, {"minimum notice", "240"},
                before_rules);
  ExpectRefused(engine_->Book(Request(Utc(2027, 3, 29, 9))).status(),
                absl::StatusCode::kInvalidArgument, {"beyond", "horizon"},
                before_rules);
  BookRequest r = Request(Utc(2027, 3, 16, 9));
  r.customer_id = 31337;
  ExpectRefused(engine_->Book(r).status(), absl::StatusCode::kNotFound,
                {"customer_id", "31337"}, before_rules);
  r = Request(Utc(2027, 3, 16, 9));
  r.service_id = 31337;
  ExpectRefused(engine_->Book(r).status(), absl::StatusCode::kNotFound,
                {"service_id", "31337"}, before_rules);
  r = Request(Utc(2027, 3, 16, 9));
  r.resource_id = 31337;
  ExpectRefused(engine_->Book(r).status(), absl::StatusCode::kNotFound,
                {"resource_id", "31337"}, before_rules);
  r = Request(Utc(2027, 3, 16, 9));
  r.notes = std::string(5000, 'n');
  ExpectRefused(engine_->Book(r).status(), absl::StatusCode::kInvalidArgument,
                {"notes"}, before_rules);
  r = Request(Instant(Duration(-5)));
  ExpectRefused(engine_->Book(r).status(), absl::StatusCode::kInvalidArgument,
                {"start", "-5"}, before_rules);
}

TEST_P(BadInputTest, LifecycleChecks) {
  auto a = engine_->Book(Request(Utc(2027, 3, 16, 8)));
  auto b = engine_->Book(Request(Utc(2027, 3, 16, 9)));
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string before = Snapshot();
  ExpectRefused(engine_->Cancel(a->id, {}, "").status(),
                absl::StatusCode::kInvalidArgument, {"reason", "required"},
                before);
  ExpectRefused(engine_->Cancel(a->id, {}, "\xC0\xAF").status(),
                absl::StatusCode::kInvalidArgument, {"reason", "UTF-8"},
                before);
  ExpectRefused(engine_->Cancel(9999, {}, "x").status(),
                absl::StatusCode::kNotFound, {"appointment_id", "9999"},
                before);
  ExpectRefused(
      engine_->Reschedule({a->id, Utc(2027, 3, 16, 9), {}, {}}).status(),
      absl::StatusCode::kAlreadyExists, {"not free"}, before);
  ExpectRefused(
      engine_->Reschedule({a->id, Utc(2027, 3, 16, 19), {}, {}}).status(),
      absl::StatusCode::kInvalidArgument, {"outside the working hours"},
      before);
  ExpectRefused(
      engine_->Reschedule({a->id, Utc(2027, 3, 16, 10), 555, {}}).status(),
      absl::StatusCode::kNotFound, {"resource_id 555"}, before);
  ExpectRefused(
      engine_->Reschedule({a->id, Utc(2027, 3, 16, 8), {}, {}}).status(),
      absl::StatusCode::kInvalidArgument, {"nothing to change"}, before);
  RescheduleRequest forced{a->id, Utc(2027, 3, 16, 20), {},
                           {Actor::Kind::kCustomer, "anna"}, true};
  ExpectRefused(engine_->Reschedule(forced).status(),
                absl::StatusCode::kInvalidArgument, {"force", "customer"},
                before);
  ExpectRefused(engine_->MarkNoShow(4444, {}).status(),
                absl::StatusCode::kNotFound, {"appointment_id", "4444"},
                before);
  EXPECT_EQ(engine_->Timeline(4444).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(BadInputTest, SearchAndBlockChecks) {
  const std::string before = Snapshot();
  auto inverted = engine_->SearchSlots(
      {checkup_, rossi_, {Utc(2027, 3, 17), Utc(2027, 3, 16)}});
  EXPECT_EQ(inverted.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(inverted.status().message()),
              HasSubstr("end <= start"));
  EXPECT_EQ(engine_->SearchSlots({999, {}, {Utc(2027, 3, 16), Utc(2027, 3, 17)}})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(engine_
                ->SearchSlots({checkup_, rossi_,
                               {Utc(2027, 3, 16), Utc(2027, 3, 17)},
                               minutes(-15)})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  BlockedInterval b{0, rossi_, {Utc(2027, 3, 16, 12), Utc(2027, 3, 16, 12)}, "", ""};
  ExpectRefused(engine_->AddBlockedInterval(b).status(),
                absl::StatusCode::kInvalidArgument,
                {"block.interval", "end <= start"}, before);
  b = {0, 888, {Utc(2027, 3, 16, 12), Utc(2027, 3, 16, 13)}, "", ""};
  ExpectRefused(engine_->AddBlockedInterval(b).status(),
                absl::StatusCode::kNotFound, {"resource_id", "888"}, before);
  ExpectRefused(engine_->RemoveBlockedInterval(12345),
                absl::StatusCode::kNotFound, {"12345"}, before);
}

}  // namespace
}  // namespace appt::testing
