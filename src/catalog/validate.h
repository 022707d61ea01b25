// Field checks for catalog records (R9). Each returns InvalidArgument naming
// the first bad field and its value; checks that need the store (unknown
// ids) are the Engine's. Pure; thread safe.
#ifndef APPT_SRC_CATALOG_VALIDATE_H_
#define APPT_SRC_CATALOG_VALIDATE_H_

#include "absl/status/status.h"
#include "appt/catalog.h"

namespace appt::catalog {

absl::Status ValidateResource(const Resource& resource);
absl::Status ValidateService(const Service& service);
absl::Status ValidateCustomer(const Customer& customer);
absl::Status ValidateBlock(const BlockedInterval& block);

// Instants accepted anywhere: years 1970..9999.
absl::Status CheckInstant(absl::string_view field, Instant t);

// An actor's id: valid UTF-8 of at most kMaxNameBytes (may be empty).
absl::Status CheckActor(const Actor& actor);

}  // namespace appt::catalog

#endif  // APPT_SRC_CATALOG_VALIDATE_H_
