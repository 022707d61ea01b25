// Property helpers shared by the record bindings: instants as aware
// datetimes, durations as timedeltas, with the field named in errors.
#ifndef APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_
#define APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_

#include <pybind11/pybind11.h>

#include "conversions.h"

namespace appt::python {

template <typename C, typename... Extra>
void InstantProperty(py::class_<C, Extra...>& cls, const char* name,
                     Instant C::*member) {
  cls.def_property(
      name, [member](const C& c) { return FromInstant(c.*member); },
      [member, name](C& c, py::handle v) { c.*member = ToInstant(v, name); });
}

template <typename C, typename... Extra>
void DurationProperty(py::class_<C, Extra...>& cls, const char* name,
                      Duration C::*member) {
  cls.def_property(
      name, [member](const C& c) { return FromDuration(c.*member); },
      [member, name](C& c, py::handle v) { c.*member = ToDuration(v, name); });
}

// Sets `*out` from keyword `value` when it is not None.
template <typename T>
void SetIfGiven(py::handle value, T* out) {
  if (!value.is_none()) *out = value.cast<T>();
}

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_
