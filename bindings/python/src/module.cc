// The compiled half of the appt package: appt._appt.
#include <pybind11/pybind11.h>

#include "conversions.h"
#include "engine_binding.h"
#include "records.h"

PYBIND11_MODULE(_appt, m) {
  m.doc() = "appt's compiled core; import the `appt` package instead.";
  m.attr("__version__") = APPT_PY_VERSION;
  appt::python::InitConversions();
  appt::python::BindEnums(m);
  appt::python::BindCatalog(m);
  appt::python::BindAppointments(m);
  appt::python::BindMessageRules(m);
  appt::python::BindOutbox(m);
  appt::python::BindWorkflow(m);
  appt::python::BindConfirmation(m);
  appt::python::BindMemberships(m);
  appt::python::BindDeals(m);
  appt::python::BindEngine(m);
}
