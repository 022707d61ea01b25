#include "messaging/templates.h"

#include <gtest/gtest.h>

namespace appt::messaging {
namespace {

TEST(CheckTemplate, AcceptsKnownFieldsSectionsAndComments) {
  EXPECT_TRUE(CheckTemplate("body", "").ok());
  EXPECT_TRUE(
      CheckTemplate("body", "Ciao {{customer.name}}, a {{ appointment.when }}.")
          .ok());
  EXPECT_TRUE(
      CheckTemplate("body",
                    "{{#appointment.notes}}Note: {{appointment.notes}}"
                    "{{/appointment.notes}}{{^customer.phone}}-"
                    "{{/customer.phone}}{{! a comment }}{{{service.name}}}"
                    "{{&service.price}}")
          .ok());
}

TEST(CheckTemplate, RefusesUnknownFieldsNamingFieldAndTag) {
  absl::Status s = CheckTemplate("templates[1].body", "Hi {{customer.nmae}}");
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_NE(s.message().find("templates[1].body"), std::string::npos) << s;
  EXPECT_NE(s.message().find("customer.nmae"), std::string::npos) << s;
  EXPECT_FALSE(
      CheckTemplate("b", "{{#appointment.fake}}x{{/appointment.fake}}").ok());
}

TEST(CheckTemplate, RefusesMalformedText) {
  for (const char* bad :
       {"{{customer.name", "{{#appointment.notes}}open",
        "{{/appointment.notes}}", "{{> header}}", "{{=<% %>=}}",
        "{{#customer.name}}{{/customer.email}}", "{{{customer.name}}"}) {
    absl::Status s = CheckTemplate("body", bad);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << bad << ": " << s;
  }
}

TEST(RenderTemplate, FillsValuesWithoutEscapingAndEmptyIsFalse) {
  TemplateValues values{{"customer.name", "Anna & Marco <3"},
                        {"appointment.when", "lunedì 29 marzo 2027, 10:00"},
                        {"appointment.notes", ""}};
  auto out = RenderTemplate(
      "Ciao {{customer.name}}: {{appointment.when}}."
      "{{#appointment.notes}} Note: {{appointment.notes}}{{/appointment.notes}}"
      "{{^appointment.notes}} (no notes){{/appointment.notes}}"
      "[{{customer.phone}}]",
      values);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out,
            "Ciao Anna & Marco <3: lunedì 29 marzo 2027, 10:00. (no notes)[]");
}

}  // namespace
}  // namespace appt::messaging
