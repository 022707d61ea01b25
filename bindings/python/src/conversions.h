// Conversions between Python values and appt's C++ values, and the mapping
// from absl::Status to appt's Python exceptions. Every function here needs
// the GIL. Bad values raise appt.InvalidArgumentError (also a ValueError)
// naming the field.
#ifndef APPT_BINDINGS_PYTHON_SRC_CONVERSIONS_H_
#define APPT_BINDINGS_PYTHON_SRC_CONVERSIONS_H_

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "appt/catalog.h"
#include "appt/types.h"

namespace appt::python {

namespace py = pybind11;

// Imports appt._errors and datetime once, at module initialisation.
void InitConversions();

// Raises the Python exception for a non-OK status.
[[noreturn]] void Raise(const absl::Status& status);
inline void Check(const absl::Status& status) {
  if (!status.ok()) Raise(status);
}
template <typename T>
T Unwrap(absl::StatusOr<T> result) {
  if (!result.ok()) Raise(result.status());
  return *std::move(result);
}
// Raises appt.InvalidArgumentError with `message`.
[[noreturn]] void RaiseInvalid(const std::string& message);

// An aware datetime to an instant (sub-second parts are dropped); a naive
// datetime or another type raises, naming `field`.
Instant ToInstant(py::handle value, const char* field);
std::optional<Instant> ToOptionalInstant(py::handle value, const char* field);
// An instant as an aware datetime in UTC.
py::object FromInstant(Instant t);
py::object FromOptionalInstant(const std::optional<Instant>& t);

// A timedelta (whole seconds; sub-second parts dropped) to a duration.
Duration ToDuration(py::handle value, const char* field);
py::object FromDuration(Duration d);

// Local times of day as "HH:MM" ("24:00" ends a day) or a datetime.time,
// as minutes after midnight.
int ToMinute(py::handle value, const std::string& field);
std::string FormatMinute(int minute);

// Local day spans as ("HH:MM", "HH:MM") pairs; "24:00" ends a day. A
// datetime.time is accepted for either end.
LocalSpan ToSpan(py::handle value, const std::string& field);
py::tuple FromSpan(const LocalSpan& span);
std::vector<LocalSpan> ToSpans(py::handle value, const std::string& field);
py::list FromSpans(const std::vector<LocalSpan>& spans);

// A timedelta as whole milliseconds (sub-millisecond parts dropped).
std::chrono::milliseconds ToMilliseconds(py::handle value, const char* field);

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_CONVERSIONS_H_
