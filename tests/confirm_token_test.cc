// Confirmation links on both stores (R5.1): a token per appointment from
// the CSPRNG, only its hash stored; the customer confirms with it, and may
// then cancel with the same link; wrong, replaced, spent and expired
// tokens are clear errors that change nothing; moving the appointment
// replaces its link. Wed 2027-03-17 10:00 CET is 09:00 UTC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "messaging_fixture.h"

namespace appt::testing {
namespace {

using std::chrono::hours;
using ::testing::HasSubstr;

const Instant kWed10 = Utc(2027, 3, 17, 9);

class ConfirmTokenTest : public MessagingTest {
 protected:
  ConfirmToken Issue(AppointmentId id) {
    auto t = engine_->IssueConfirmToken(id);
    EXPECT_TRUE(t.ok()) << t.status();
    return t.value_or(ConfirmToken{});
  }
  void ExpectRefused(const absl::StatusOr<Appointment>& r,
                     absl::StatusCode code, const std::string& says) {
    EXPECT_EQ(r.status().code(), code) << r.status();
    EXPECT_THAT(r.status().message(), HasSubstr(says));
  }
};

TEST_P(ConfirmTokenTest, TokensAreLongRandomAndUrlSafe) {
  const Appointment a = BookAt(kWed10);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const ConfirmToken t = Issue(a.id);
    ASSERT_EQ(t.token.size(), 32u);  // 24 bytes = 192 bits
    for (char c : t.token) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                  c == '_')
          << t.token;
    }
    seen.insert(t.token);
    EXPECT_EQ(t.appointment_id, a.id);
    EXPECT_EQ(t.expires_at, a.start);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_P(ConfirmTokenTest, TheCustomerConfirmsThenMayCancelWithTheSameLink) {
  const Appointment a = BookAt(kWed10);
  std::vector<Event> events;
  engine_->AddListener([&](const Event& e) { events.push_back(e); });
  const ConfirmToken t = Issue(a.id);
  const Appointment confirmed = engine_->ConfirmByToken(t.token).value();
  EXPECT_EQ(confirmed.confirmed_at, clock_->Now());
  EXPECT_EQ(confirmed.state, AppointmentState::kBooked);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kVisitConfirmed);
  EXPECT_EQ(events[0].actor.kind, Actor::Kind::kCustomer);
  EXPECT_TRUE(TimelineHas(a.id, "visit_confirmed"));
  ExpectRefused(engine_->ConfirmByToken(t.token),
                absl::StatusCode::kFailedPrecondition,
                "already used to confirm");
  Reopen();
  ExpectRefused(engine_->CancelByToken(t.token, ""),
                absl::StatusCode::kInvalidArgument, "reason");
  const Appointment cancelled =
      engine_->CancelByToken(t.token, "plans changed").value();
  EXPECT_EQ(cancelled.state, AppointmentState::kCancelled);
  EXPECT_EQ(cancelled.cancel_reason, "plans changed");
  ExpectRefused(engine_->ConfirmByToken(t.token),
                absl::StatusCode::kFailedPrecondition,
                "already used to cancel");
  // The slot is free at once.
  EXPECT_GT(BookAt(kWed10, marco_).id, a.id);
}

TEST_P(ConfirmTokenTest, WrongTokensAreClearErrorsAndChangeNothing) {
  const Appointment booked = BookAt(kWed10);
  Issue(booked.id);
  // Issuing records that the customer was asked.
  const Appointment a = engine_->GetAppointment(booked.id).value();
  EXPECT_EQ(a.confirmation_requested_at, std::optional(engine_->clock().Now()));
  ExpectRefused(engine_->ConfirmByToken("short"),
                absl::StatusCode::kInvalidArgument, "not a confirmation token");
  ExpectRefused(engine_->ConfirmByToken(std::string(32, '*')),
                absl::StatusCode::kInvalidArgument, "not a confirmation token");
  ExpectRefused(engine_->ConfirmByToken(""), absl::StatusCode::kInvalidArgument,
                "token");
  ExpectRefused(engine_->CancelByToken(std::string(32, 'A'), "x"),
                absl::StatusCode::kNotFound, "not a known");
  ExpectRefused(
      engine_->ConfirmByToken(std::string("\xff", 1) + std::string(31, 'a')),
      absl::StatusCode::kInvalidArgument, "token");
  EXPECT_EQ(engine_->GetAppointment(a.id).value(), a);
  EXPECT_EQ(engine_->IssueConfirmToken(4242).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(ConfirmTokenTest, ANewLinkOrAMoveReplacesTheOldOne) {
  const Appointment a = BookAt(kWed10);
  const ConfirmToken first = Issue(a.id);
  const ConfirmToken second = Issue(a.id);
  ExpectRefused(engine_->ConfirmByToken(first.token),
                absl::StatusCode::kFailedPrecondition, "replaced");
  ASSERT_TRUE(engine_->ConfirmByToken(second.token).ok());
  RescheduleRequest move;
  move.appointment_id = a.id;
  move.new_start = kWed10 + hours(2);
  const Appointment moved = engine_->Reschedule(move).value();
  EXPECT_EQ(moved.confirmed_at, std::nullopt);  // it was for the old time
  ExpectRefused(engine_->CancelByToken(second.token, "x"),
                absl::StatusCode::kFailedPrecondition, "replaced");
  const ConfirmToken third = Issue(a.id);
  EXPECT_EQ(third.expires_at, moved.start);
  EXPECT_TRUE(engine_->ConfirmByToken(third.token).ok());
}

TEST_P(ConfirmTokenTest, LinksExpireAtTheStartAndDieWithTheAppointment) {
  const Appointment a = BookAt(kWed10);
  const ConfirmToken t = Issue(a.id);
  clock_->Set(kWed10);
  ExpectRefused(engine_->ConfirmByToken(t.token),
                absl::StatusCode::kFailedPrecondition, "expired");
  EXPECT_EQ(engine_->IssueConfirmToken(a.id).status().code(),
            absl::StatusCode::kFailedPrecondition);
  const Appointment b = BookAt(kWed10 + hours(3), marco_);
  const ConfirmToken u = Issue(b.id);
  ASSERT_TRUE(engine_->Cancel(b.id, {}, "desk").ok());
  ExpectRefused(engine_->ConfirmByToken(u.token),
                absl::StatusCode::kFailedPrecondition, "cancelled");
  EXPECT_EQ(engine_->IssueConfirmToken(b.id).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_P(ConfirmTokenTest, AConfirmedVisitGetsNoConfirmYourVisitMessage) {
  Save(Rule(MessageKind::kConfirmVisit, {Channel::kEmail}, hours(24)));
  const Appointment a = BookAt(kWed10);
  ASSERT_EQ(TimersOf(a.id).size(), 1u);
  ASSERT_TRUE(engine_->ConfirmByToken(Issue(a.id).token).ok());
  EXPECT_TRUE(TimersOf(a.id).empty());
  RunDueAt(kWed10 - hours(24));
  EXPECT_TRUE(MessagesOf(a.id).empty());
}

TEST_P(ConfirmTokenTest, OnlyTheHashIsStored) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "nothing on disk";
  const Appointment a = BookAt(kWed10);
  const ConfirmToken t = Issue(a.id);
  ASSERT_TRUE(engine_->ConfirmByToken(t.token).ok());
  engine_.reset();  // checkpoints the WAL into the file
  std::string bytes;
  for (const std::string& path : {db_path_, db_path_ + "-wal"}) {
    std::ifstream in(path, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(bytes.size(), 4096u);
  EXPECT_EQ(bytes.find(t.token), std::string::npos);
  Reopen();
  EXPECT_TRUE(engine_->CancelByToken(t.token, "found by hash").ok());
}

APPT_INSTANTIATE_FOR_BOTH_STORES(ConfirmTokenTest);

}  // namespace
}  // namespace appt::testing
