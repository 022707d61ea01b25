// clinic_demo: a medical practice run on appt for four simulated weeks.
//
// Usage: clinic_demo [path.sqlite]   (default: var/clinic.sqlite, relative
// to the current directory; the directory is created). The file is deleted
// and recreated on every run, so running again is safe and prints the same
// output. Exits 1 on any engine error the demo did not provoke on purpose.
#include <iostream>
#include <string>

#include "clinic.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "var/clinic.sqlite";
  clinic::Clinic clinic;
  clinic::Setup(path, clinic);
  clinic::ShowCalendarChecks(clinic);
  clinic::SetUpMessaging(clinic);
  clinic::SetUpWorkflow(clinic);
  clinic::SetUpConfirmationCycle(clinic);
  clinic::SetUpPipelines(clinic);
  clinic::Simulate(clinic);
  clinic::Report(clinic);
  std::cout << "Done: " << path << "\n";
  return 0;
}
