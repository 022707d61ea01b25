// The confirmation cycle's settings and board (R5.2, R5.4).
#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "appt/engine.h"
#include "calendar/local_time.h"
#include "date/tz.h"
#include "engine/board.h"
#include "engine/engine_impl.h"
#include "engine/follow_up_step.h"
#include "engine/workflow_step.h"
#include "util/text.h"

namespace appt {
namespace {

using absl::StrCat;
using Events = std::vector<Event>;

constexpr Duration kMaxConfirmationSpan = std::chrono::days(30);

absl::Status ValidateConfirmationSettings(const ConfirmationSettings& s) {
  if (s.overdue_before < Duration(0) ||
      s.overdue_before > kMaxConfirmationSpan) {
    return absl::InvalidArgumentError(StrCat("overdue_before ",
                                             s.overdue_before.count(),
                                             " s must be within 0 to 30 days"));
  }
  if (s.release_offset && (*s.release_offset < -kMaxConfirmationSpan ||
                           *s.release_offset > kMaxConfirmationSpan)) {
    return absl::InvalidArgumentError(
        StrCat("release_offset ", s.release_offset->count(),
               " s must be within -30 to +30 days of the start"));
  }
  return text::CheckText("release_reason", s.release_reason,
                         text::kMaxTextBytes, true);
}

// The board flag of a booked visit at `now`, if any.
std::optional<ConfirmationFlag> FlagOf(const Appointment& a,
                                       const ConfirmationSettings& s,
                                       Instant now) {
  if (a.start <= now) return ConfirmationFlag::kLate;
  if (!a.confirmation_requested_at || a.confirmed_at) return std::nullopt;
  return now >= a.start - s.overdue_before ? ConfirmationFlag::kOverdue
                                           : ConfirmationFlag::kAwaiting;
}

}  // namespace

absl::Status Engine::SetConfirmationSettings(
    const ConfirmationSettings& settings) {
  if (auto s = ValidateConfirmationSettings(settings); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  // RunMessaging: re-planned timers wake the background runner.
  return impl_->RunMessaging(
      [&](StoreTransaction& tx, Events& events, bool*) -> absl::Status {
        if (auto s = tx.PutConfirmationSettings(settings); !s.ok()) return s;
        engine::FollowUpStep step(tx, impl_->tools, events, now);
        return step.ReplanReleases();
      });
}

absl::StatusOr<ConfirmationSettings> Engine::GetConfirmationSettings() {
  return impl_->Run(Store::Mode::kRead, [&](StoreTransaction& tx, Events&) {
    return tx.GetConfirmationSettings();
  });
}

absl::StatusOr<ConfirmationBoard> Engine::GetConfirmationBoard(
    const ConfirmationBoardQuery& q) {
  if (auto s = engine::CheckBoardWindow(q.window); !s.ok()) return s;
  const Instant now = impl_->clock->Now();
  return impl_->Run(
      Store::Mode::kRead,
      [&](StoreTransaction& tx, Events&) -> absl::StatusOr<ConfirmationBoard> {
        auto ids = engine::BoardResources(tx, q.resource_ids);
        if (!ids.ok()) return ids.status();
        auto settings = tx.GetConfirmationSettings();
        if (!settings.ok()) return settings.status();
        // Read only when a visit has a workflow status (most have none).
        std::optional<workflow::Workflow> wf;
        auto awaiting_approval =
            [&](const Appointment& a) -> absl::StatusOr<bool> {
          if (a.status_id == 0) return false;
          if (!wf) {
            auto loaded = engine::LoadWorkflow(tx, true);
            if (!loaded.ok()) return loaded.status();
            wf = *std::move(loaded);
          }
          return engine::AwaitingApproval(*wf, a);
        };
        ConfirmationBoard board;
        for (ResourceId id : *ids) {
          auto resource = tx.ViewResource(id);
          if (!resource.ok()) return resource.status();
          auto zone = calendar::LookupZone("time_zone", (*resource)->time_zone);
          if (!zone.ok()) return zone.status();
          auto booked = tx.ListActiveAppointments(id, q.window);
          if (!booked.ok()) return booked.status();
          std::map<date::local_days, DayFlagCount> days;
          board.appointments.reserve(board.appointments.size() +
                                     booked->size());
          for (Appointment& a : *booked) {
            if (a.start < q.window.start || a.start >= q.window.end) continue;
            auto awaiting = awaiting_approval(a);
            if (!awaiting.ok()) return awaiting.status();
            if (*awaiting) continue;
            const std::optional<ConfirmationFlag> flag =
                FlagOf(a, *settings, now);
            if (!flag) continue;
            const date::local_days day = calendar::LocalDay(*zone, a.start);
            DayFlagCount& count = days[day];
            switch (*flag) {
              case ConfirmationFlag::kAwaiting:
                ++count.awaiting;
                ++board.awaiting;
                break;
              case ConfirmationFlag::kOverdue:
                ++count.overdue;
                ++board.overdue;
                break;
              case ConfirmationFlag::kLate:
                ++count.late;
                ++board.late;
                break;
            }
            board.appointments.emplace_back(std::move(a), *flag);
          }
          for (auto& [day, count] : days) {
            const date::year_month_day ymd(day);
            count.resource_id = id;
            count.year = static_cast<int>(ymd.year());
            count.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
            count.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
            board.counts.push_back(count);
          }
        }
        engine::SortByStart(
            board.appointments, [](const FlaggedAppointment& f) -> const auto& {
              return f.appointment;
            });
        std::sort(board.counts.begin(), board.counts.end(),
                  [](const DayFlagCount& x, const DayFlagCount& y) {
                    return std::tie(x.resource_id, x.year, x.month, x.day) <
                           std::tie(y.resource_id, y.year, y.month, y.day);
                  });
        return board;
      });
}

}  // namespace appt
