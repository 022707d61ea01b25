// An out-of-tree C++ host built with find_package against an installed appt.
#include <iostream>

#include "appt/engine.h"

int main() {
  auto engine = appt::Engine::Open(appt::NewMemoryStore());
  if (!engine.ok()) return 1;
  appt::Resource r;
  r.name = "Consumer";
  r.time_zone = "America/New_York";
  r.weekly_hours[0] = {{9 * 60, 17 * 60}};
  auto id = (*engine)->CreateResource(r);
  if (!id.ok()) {
    std::cerr << id.status() << "\n";
    return 1;
  }
  std::cout << "c++ consumer: resource #" << *id << "\n";
  return 0;
}
