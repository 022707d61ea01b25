// Property helpers shared by the record bindings: instants as aware
// datetimes, durations as timedeltas, with the field named in errors.
#ifndef APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_
#define APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_

#include <pybind11/pybind11.h>

#include <cctype>
#include <string>

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

// A read-write attribute copied in and out. def_readwrite would hand out a
// reference into the record for class-typed members (enums, records, lists
// of records): an alias that changes when the record does, and dangles
// once a list is replaced. Needed for those; harmless for the rest.
template <typename C, typename T, typename... Extra>
void CopyProperty(py::class_<C, Extra...>& cls, const char* name,
                  T C::*member) {
  cls.def_property(
      name, [member](const C& c) { return T(c.*member); },
      [member](C& c, T v) { c.*member = std::move(v); });
}

// A string as Python's repr shows it ('it-IT', with escapes).
inline std::string PyRepr(const std::string& s) {
  return py::repr(py::str(s)).cast<std::string>();
}

// Binds an enum whose values are 0..last, each named after `name(value)`
// upper-cased (MessageKind::kNoShowFollowUp, "no_show_follow_up", becomes
// NO_SHOW_FOLLOW_UP), so Python names follow the C++ stable names.
template <typename E, typename Scope>
py::enum_<E> BindNamedEnum(Scope& scope, const char* py_name, const char* doc,
                           const char* (*name)(E), E last) {
  py::enum_<E> cls(scope, py_name, doc);
  for (int v = 0; v <= static_cast<int>(last); ++v) {
    std::string upper = name(static_cast<E>(v));
    for (char& ch : upper) ch = static_cast<char>(std::toupper(ch));
    cls.value(upper.c_str(), static_cast<E>(v));
  }
  return cls;
}

// Sets `*out` from keyword `value` when it is not None.
template <typename T>
void SetIfGiven(py::handle value, T* out) {
  if (!value.is_none()) *out = value.cast<T>();
}

}  // namespace appt::python

#endif  // APPT_BINDINGS_PYTHON_SRC_RECORD_HELPERS_H_
