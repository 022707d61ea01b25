// Message templates: Mustache text checked against kTemplateFields when a
// rule is saved, rendered when a message is created.
#ifndef APPT_SRC_MESSAGING_TEMPLATES_H_
#define APPT_SRC_MESSAGING_TEMPLATES_H_

#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace appt::messaging {

// Field name ("customer.name") → its text for one message. Fields missing
// from the map render empty.
using TemplateValues = std::map<std::string, std::string, std::less<>>;

// OK when `text` is well-formed Mustache naming only kTemplateFields, with
// no partials and no delimiter changes. Otherwise InvalidArgument naming
// `field` (e.g. "templates[1].body") and the offending tag.
absl::Status CheckTemplate(absl::string_view field, const std::string& text);

// Renders a template that passed CheckTemplate. Values are inserted as they
// are (no HTML escaping); an empty value is false in a section.
absl::StatusOr<std::string> RenderTemplate(const std::string& text,
                                           const TemplateValues& values);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_TEMPLATES_H_
