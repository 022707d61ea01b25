#include "messaging/templates.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "kainjow/mustache.hpp"

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

FieldValues Values(
    std::initializer_list<std::pair<const char*, std::string>> named) {
  FieldValues values;
  for (const auto& [name, value] : named) {
    values[TemplateFieldIndex(name)] = value;
  }
  return values;
}

TEST(CompiledTemplate, FillsValuesWithoutEscapingAndEmptyIsFalse) {
  auto t = CompiledTemplate::Compile(
      "body",
      "Ciao {{customer.name}}: {{appointment.when}}."
      "{{#appointment.notes}} Note: {{appointment.notes}}{{/appointment.notes}}"
      "{{^appointment.notes}} (no notes){{/appointment.notes}}"
      "[{{customer.phone}}]");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->Render(Values({{"customer.name", "Anna & Marco <3"},
                              {"appointment.when",
                               "lunedì 29 marzo 2027, 10:00"}})),
            "Ciao Anna & Marco <3: lunedì 29 marzo 2027, 10:00. (no notes)[]");
  FieldSet expected;
  for (const char* f : {"customer.name", "appointment.when",
                        "appointment.notes", "customer.phone"}) {
    expected.set(TemplateFieldIndex(f));
  }
  EXPECT_EQ(t->uses(), expected);
}

// The reference: kainjow rendering the same values, empty ones false.
std::string RenderWithKainjow(const std::string& text,
                              const FieldValues& values) {
  using kainjow::mustache::data;
  kainjow::mustache::mustache tmpl(text);
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::map<std::string, data> groups;
  for (int i = 0; i < kNumTemplateFields; ++i) {
    const std::string name = kTemplateFields[i];
    const size_t dot = name.find('.');
    auto [it, added] =
        groups.try_emplace(name.substr(0, dot), data::type::object);
    it->second.set(name.substr(dot + 1),
                   values[i].empty() ? data(false) : data(values[i]));
  }
  data root{data::type::object};
  for (auto& [group, object] : groups) root.set(group, object);
  return tmpl.render(root);
}

// Random templates over text, spaces, every kind of line break, variables,
// nested sections and comments: the compiled renderer writes exactly what
// kainjow writes, standalone-line removal included.
TEST(CompiledTemplate, RendersExactlyAsKainjow) {
  const char* fields[] = {"customer.name", "appointment.notes",
                          "customer.phone"};
  const char* pieces[] = {"Hi", " ", "\t", "\n", "\r\n", "\r", "a b", ","};
  std::mt19937 rng(4217);
  int compared = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    std::vector<std::string> open;
    const int length = 1 + static_cast<int>(rng() % 14);
    for (int k = 0; k < length; ++k) {
      const std::string f = fields[rng() % 3];
      switch (rng() % 9) {
        case 0:
        case 1:
        case 2:
          text += pieces[rng() % 8];
          break;
        case 3:
          text += rng() % 2 ? "{{" + f + "}}" : "{{{ " + f + " }}}";
          break;
        case 4:
          if (open.size() < 2) {
            text += (rng() % 2 ? "{{#" : "{{^") + f + "}}";
            open.push_back(f);
          }
          break;
        case 5:
          if (!open.empty()) {
            text += "{{/" + open.back() + "}}";
            open.pop_back();
          }
          break;
        case 6:
          text += "{{! note }}";
          break;
        default:
          text += "{{& " + f + "}}";
          break;
      }
    }
    while (!open.empty()) {
      text += (rng() % 2 ? "\n{{/" : "{{/") + open.back() + "}}";
      open.pop_back();
    }
    auto compiled = CompiledTemplate::Compile("body", text);
    ASSERT_TRUE(compiled.ok()) << compiled.status() << " for " << text;
    const char* choices[] = {"", "X", "two words", "line\nbreak", " "};
    for (int v = 0; v < 4; ++v) {
      FieldValues values;
      for (const char* f : fields) {
        values[TemplateFieldIndex(f)] = choices[rng() % 5];
      }
      ASSERT_EQ(compiled->Render(values), RenderWithKainjow(text, values))
          << "template: " << text;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 80000);
}

}  // namespace
}  // namespace appt::messaging
