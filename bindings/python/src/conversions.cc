#include "conversions.h"

#include <cstdio>

#include "absl/strings/str_cat.h"

namespace appt::python {
namespace {

struct Cached {
  py::object datetime_type;
  py::object timedelta_type;
  py::object time_type;
  py::object utc;
  py::object epoch;
  py::object errors;  // the appt._errors module
};

// Leaked on purpose: Python objects must not be released after the
// interpreter finalises.
Cached& Get() {
  static Cached* cached = new Cached();
  return *cached;
}

py::object ErrorClass(absl::StatusCode code) {
  const char* name = "Error";
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      name = "InvalidArgumentError";
      break;
    case absl::StatusCode::kNotFound:
      name = "NotFoundError";
      break;
    case absl::StatusCode::kAlreadyExists:
      name = "ConflictError";
      break;
    case absl::StatusCode::kFailedPrecondition:
      name = "FailedPreconditionError";
      break;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kAborted:
      name = "UnavailableError";
      break;
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
      name = "InternalError";
      break;
    default:
      break;
  }
  return Get().errors.attr(name);
}

}  // namespace

void InitConversions() {
  py::module_ datetime = py::module_::import("datetime");
  Cached& c = Get();
  c.datetime_type = datetime.attr("datetime");
  c.timedelta_type = datetime.attr("timedelta");
  c.time_type = datetime.attr("time");
  c.utc = datetime.attr("timezone").attr("utc");
  c.epoch = c.datetime_type(1970, 1, 1, py::arg("tzinfo") = c.utc);
  c.errors = py::module_::import("appt._errors");
}

void Raise(const absl::Status& status) {
  PyErr_SetString(ErrorClass(status.code()).ptr(),
                  std::string(status.message()).c_str());
  throw py::error_already_set();
}

void RaiseInvalid(const std::string& message) {
  Raise(absl::InvalidArgumentError(message));
}

int ToMinute(py::handle value, const std::string& field) {
  if (py::isinstance(value, Get().time_type)) {
    if (!value.attr("tzinfo").is_none()) {
      RaiseInvalid(field + ": a time of day takes no tzinfo");
    }
    return value.attr("hour").cast<int>() * 60 +
           value.attr("minute").cast<int>();
  }
  if (py::isinstance<py::str>(value)) {
    const std::string s = value.cast<std::string>();
    int h = -1, m = -1;
    char extra = 0;
    if (s.size() == 5 && std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &extra) == 2 &&
        h >= 0 && h <= 24 && m >= 0 && m < 60 && (h < 24 || m == 0)) {
      return h * 60 + m;
    }
    RaiseInvalid(absl::StrCat(field, ": \"", s, "\" is not HH:MM"));
  }
  RaiseInvalid(field + ": expected \"HH:MM\" or datetime.time");
}

std::string FormatMinute(int minute) {
  char text[16];  // wide enough for any int
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

Instant ToInstant(py::handle value, const char* field) {
  const Cached& c = Get();
  if (!py::isinstance(value, c.datetime_type)) {
    RaiseInvalid(absl::StrCat(field, ": expected an aware datetime, got ",
                              py::str(py::type::of(value).attr("__name__"))
                                  .cast<std::string>()));
  }
  if (value.attr("utcoffset")().is_none()) {
    RaiseInvalid(absl::StrCat(field, ": ",
                              py::str(value).cast<std::string>(),
                              " is a naive datetime; give it a tzinfo"));
  }
  py::object delta = value - c.epoch;
  const int64_t days = delta.attr("days").cast<int64_t>();
  const int64_t seconds = delta.attr("seconds").cast<int64_t>();
  return Instant(Duration(days * 86400 + seconds));
}

std::optional<Instant> ToOptionalInstant(py::handle value, const char* field) {
  if (value.is_none()) return std::nullopt;
  return ToInstant(value, field);
}

py::object FromInstant(Instant t) {
  return Get().epoch +
         Get().timedelta_type(py::arg("seconds") = t.time_since_epoch().count());
}

py::object FromOptionalInstant(const std::optional<Instant>& t) {
  return t ? FromInstant(*t) : py::none();
}

Duration ToDuration(py::handle value, const char* field) {
  if (!py::isinstance(value, Get().timedelta_type)) {
    RaiseInvalid(absl::StrCat(field, ": expected a datetime.timedelta, got ",
                              py::str(py::type::of(value).attr("__name__"))
                                  .cast<std::string>()));
  }
  const int64_t days = value.attr("days").cast<int64_t>();
  const int64_t seconds = value.attr("seconds").cast<int64_t>();
  return Duration(days * 86400 + seconds);
}

py::object FromDuration(Duration d) {
  return Get().timedelta_type(py::arg("seconds") = d.count());
}

LocalSpan ToSpan(py::handle value, const std::string& field) {
  if (!py::isinstance<py::sequence>(value) || py::isinstance<py::str>(value) ||
      py::len(value) != 2) {
    RaiseInvalid(field + ": expected a (start, end) pair");
  }
  py::sequence pair = py::reinterpret_borrow<py::sequence>(value);
  return {ToMinute(pair[0], field + ".start"),
          ToMinute(pair[1], field + ".end")};
}

py::tuple FromSpan(const LocalSpan& span) {
  return py::make_tuple(FormatMinute(span.start_minute),
                        FormatMinute(span.end_minute));
}

std::vector<LocalSpan> ToSpans(py::handle value, const std::string& field) {
  std::vector<LocalSpan> spans;
  if (!py::isinstance<py::sequence>(value) || py::isinstance<py::str>(value)) {
    RaiseInvalid(field + ": expected a list of (start, end) pairs");
  }
  size_t i = 0;
  for (py::handle item : value) {
    spans.push_back(ToSpan(item, absl::StrCat(field, "[", i++, "]")));
  }
  return spans;
}

py::list FromSpans(const std::vector<LocalSpan>& spans) {
  py::list out;
  for (const LocalSpan& s : spans) out.append(FromSpan(s));
  return out;
}

std::chrono::milliseconds ToMilliseconds(py::handle value, const char* field) {
  const Duration whole = ToDuration(value, field);
  const int64_t micros = value.attr("microseconds").cast<int64_t>();
  return std::chrono::duration_cast<std::chrono::milliseconds>(whole) +
         std::chrono::milliseconds(micros / 1000);
}

}  // namespace appt::python
