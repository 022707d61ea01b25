// Rows <-> statements for the SQLite store: binders fill a statement's
// parameters from a record (parameter ?N = column N-1 of the table's column
// list, see sqlite_schema.cc); readers build a record from a result row.
// Internal to the SQLite store.
#ifndef APPT_SRC_STORAGE_SQLITE_SQLITE_ROWS_H_
#define APPT_SRC_STORAGE_SQLITE_SQLITE_ROWS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "appt/appointment.h"
#include "appt/catalog.h"
#include "appt/message.h"
#include "appt/message_rule.h"
#include "appt/settings.h"
#include "appt/timer.h"
#include "storage/sqlite/sqlite_query.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {

// The references a foreign-key failure should probe, in order: an
// existence statement and the (field name, id) it checks. Every write
// builds one, so it stays off the heap.
using Refs =
    absl::InlinedVector<std::pair<Stmt, std::pair<const char*, int64_t>>, 4>;

// Binders leave the row's encoded nested text in `scratch`, which must
// outlive the Query.
Refs BindResource(Query& q, const Resource& r,
                  std::vector<std::string>& scratch);
Refs BindBlock(Query& q, const BlockedInterval& b,
               std::vector<std::string>& scratch);
Refs BindService(Query& q, const Service& s, std::vector<std::string>& scratch);
Refs BindCustomer(Query& q, const Customer& c,
                  std::vector<std::string>& scratch);
Refs BindAppointment(Query& q, const Appointment& a,
                     std::vector<std::string>& scratch);
Refs BindTimeline(Query& q, const TimelineEntry& e,
                  std::vector<std::string>& scratch);
// The rule's own row; its templates are rows of message_templates.
Refs BindRule(Query& q, const MessageRule& r,
              std::vector<std::string>& scratch);

Refs BindSettings(Query& q, const MessagingSettings& s,
                  std::vector<std::string>& scratch);
Refs BindTimer(Query& q, const Timer& t, std::vector<std::string>& scratch);
Refs BindFiring(Query& q, const Firing& f, std::vector<std::string>& scratch);
Refs BindMessage(Query& q, const Message& m, std::vector<std::string>& scratch);

// DataLoss naming the column, the table's row and the file.
absl::Status Corrupt(absl::string_view path, absl::string_view column,
                     absl::string_view table, int64_t id);

// Readers fail with DataLoss, naming the column, row and `path`, when the
// stored text or enum value is corrupt.
absl::StatusOr<Resource> ReadResource(const Query& q, absl::string_view path);
absl::StatusOr<BlockedInterval> ReadBlock(const Query& q,
                                          absl::string_view path);
absl::StatusOr<Service> ReadService(const Query& q, absl::string_view path);
absl::StatusOr<Customer> ReadCustomer(const Query& q, absl::string_view path);
absl::StatusOr<Appointment> ReadAppointment(const Query& q,
                                            absl::string_view path);
// As ReadAppointment, into `*a`: every field set when OK, `*a`
// unspecified on error.
absl::Status ReadAppointmentInto(const Query& q, absl::string_view path,
                                 Appointment* a);
absl::StatusOr<TimelineEntry> ReadTimeline(const Query& q,
                                           absl::string_view path);
// Without templates (the caller adds them).
absl::StatusOr<MessageRule> ReadRule(const Query& q, absl::string_view path);
absl::StatusOr<MessagingSettings> ReadSettings(const Query& q,
                                               absl::string_view path);
absl::StatusOr<Timer> ReadTimer(const Query& q, absl::string_view path);
absl::StatusOr<Firing> ReadFiring(const Query& q, absl::string_view path);
absl::StatusOr<Message> ReadMessage(const Query& q, absl::string_view path);

}  // namespace appt::sqlite_internal

#endif  // APPT_SRC_STORAGE_SQLITE_SQLITE_ROWS_H_
