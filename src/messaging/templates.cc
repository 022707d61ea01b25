#include "messaging/templates.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "appt/message.h"
#include "kainjow/mustache.hpp"
#include "util/text.h"

namespace appt::messaging {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

bool IsField(absl::string_view name) {
  return std::any_of(std::begin(kTemplateFields), std::end(kTemplateFields),
                     [&](const char* f) { return name == f; });
}

absl::Status Refuse(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

}  // namespace

absl::Status CheckTemplate(absl::string_view field, const std::string& text) {
  std::vector<std::string> open_sections;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const bool triple = text.compare(pos, 3, "{{{") == 0;
    const std::string close = triple ? "}}}" : "}}";
    const size_t begin = pos + (triple ? 3 : 2);
    const size_t end = text.find(close, begin);
    if (end == std::string::npos) {
      return Refuse(
          field, absl::StrCat("tag opened at byte ", pos, " is never closed"));
    }
    absl::string_view tag(text.data() + begin, end - begin);
    pos = end + close.size();
    tag = absl::StripAsciiWhitespace(tag);
    char sigil = 0;
    if (!triple && !tag.empty() &&
        absl::string_view("#^/&!>=").find(tag.front()) !=
            absl::string_view::npos) {
      sigil = tag.front();
      tag = absl::StripAsciiWhitespace(tag.substr(1));
    }
    if (sigil == '!') continue;
    if (sigil == '>') {
      return Refuse(field,
                    absl::StrCat("partial {{> ", tag, "}} is not supported"));
    }
    if (sigil == '=') {
      return Refuse(field, "changing delimiters is not supported");
    }
    if (!IsField(tag)) {
      return Refuse(field, absl::StrCat("unknown field ", text::Quote(tag),
                                        " (see kTemplateFields)"));
    }
    if (sigil == '#' || sigil == '^') {
      open_sections.emplace_back(tag);
    } else if (sigil == '/') {
      if (open_sections.empty() || open_sections.back() != tag) {
        return Refuse(field, absl::StrCat("section end {{/", tag,
                                          "}} does not match an open section"));
      }
      open_sections.pop_back();
    }
  }
  if (!open_sections.empty()) {
    return Refuse(field, absl::StrCat("section {{#", open_sections.back(),
                                      "}} is never closed"));
  }
  mustache parsed(text);
  if (!parsed.is_valid()) return Refuse(field, parsed.error_message());
  return absl::OkStatus();
}

absl::StatusOr<std::string> RenderTemplate(const std::string& text,
                                           const TemplateValues& values) {
  mustache tmpl(text);
  if (!tmpl.is_valid()) {
    return absl::InternalError(
        absl::StrCat("stored template is invalid: ", tmpl.error_message()));
  }
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  // "customer.name" → {"customer": {"name": …}}; an empty value is false.
  std::map<std::string, data, std::less<>> groups;
  for (const auto& [name, value] : values) {
    std::pair<std::string, std::string> parts =
        absl::StrSplit(name, absl::MaxSplits('.', 1));
    auto [it, inserted] = groups.try_emplace(parts.first, data::type::object);
    it->second.set(parts.second, value.empty() ? data(false) : data(value));
  }
  data root{data::type::object};
  for (auto& [group, object] : groups) root.set(group, object);
  std::string out = tmpl.render(root);
  if (!tmpl.is_valid()) {
    return absl::InternalError(
        absl::StrCat("rendering failed: ", tmpl.error_message()));
  }
  return out;
}

}  // namespace appt::messaging
