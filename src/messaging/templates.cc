#include "messaging/templates.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "kainjow/mustache.hpp"
#include "util/text.h"

namespace appt::messaging {
namespace {

absl::Status Refuse(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

}  // namespace

int TemplateFieldIndex(absl::string_view name) {
  for (int i = 0; i < kNumTemplateFields; ++i) {
    if (name == kTemplateFields[i]) return i;
  }
  return -1;
}

absl::StatusOr<CompiledTemplate> CompiledTemplate::Compile(
    absl::string_view field, const std::string& text) {
  CompiledTemplate out;
  std::vector<uint32_t> open_sections;  // token indexes
  // Text between tags: line breaks ("\r\n", "\n", "\r") are tokens of
  // their own, as kainjow splits them.
  const auto add_text = [&out](absl::string_view s) {
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '\n' && s[i] != '\r') continue;
      if (i > start) {
        out.tokens_.push_back({Token::kText, -1, 0, std::string(s.substr(start, i - start))});
      }
      const size_t len = s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
      out.tokens_.push_back({Token::kNewline, -1, 0, std::string(s.substr(i, len))});
      i += len - 1;
      start = i + 1;
    }
    if (start < s.size()) {
      out.tokens_.push_back({Token::kText, -1, 0, std::string(s.substr(start))});
    }
  };
  size_t pos = 0;
  size_t tag;
  while ((tag = text.find("{{", pos)) != std::string::npos) {
    add_text(absl::string_view(text).substr(pos, tag - pos));
    const bool triple = text.compare(tag, 3, "{{{") == 0;
    const std::string close = triple ? "}}}" : "}}";
    const size_t begin = tag + (triple ? 3 : 2);
    const size_t end = text.find(close, begin);
    if (end == std::string::npos) {
      return Refuse(
          field, absl::StrCat("tag opened at byte ", tag, " is never closed"));
    }
    absl::string_view name(text.data() + begin, end - begin);
    pos = end + close.size();
    name = absl::StripAsciiWhitespace(name);
    char sigil = 0;
    if (!triple && !name.empty() &&
        absl::string_view("#^/&!>=").find(name.front()) !=
            absl::string_view::npos) {
      sigil = name.front();
      name = absl::StripAsciiWhitespace(name.substr(1));
    }
    if (sigil == '!') continue;
    if (sigil == '>') {
      return Refuse(field,
                    absl::StrCat("partial {{> ", name, "}} is not supported"));
    }
    if (sigil == '=') {
      return Refuse(field, "changing delimiters is not supported");
    }
    const int index = TemplateFieldIndex(name);
    if (index < 0) {
      return Refuse(field, absl::StrCat("unknown field ", text::Quote(name),
                                        "; the fields are listed in appt/message.h"));
    }
    out.uses_.set(index);
    if (sigil == '#' || sigil == '^') {
      open_sections.push_back(static_cast<uint32_t>(out.tokens_.size()));
      out.tokens_.push_back(
          {sigil == '#' ? Token::kSection : Token::kInverted, index, 0, {}});
    } else if (sigil == '/') {
      if (open_sections.empty() ||
          out.tokens_[open_sections.back()].field != index) {
        return Refuse(field, absl::StrCat("section end {{/", name,
                                          "}} does not match an open section"));
      }
      out.tokens_[open_sections.back()].end =
          static_cast<uint32_t>(out.tokens_.size());
      open_sections.pop_back();
    } else {
      out.tokens_.push_back({Token::kVariable, index, 0, {}});
    }
  }
  add_text(absl::string_view(text).substr(pos));
  if (!open_sections.empty()) {
    return Refuse(field, absl::StrCat("section {{#",
                                      kTemplateFields[out.tokens_[open_sections.back()].field],
                                      "}} is never closed"));
  }
  // kainjow must accept it too, since its rules are the reference.
  kainjow::mustache::mustache parsed(text);
  if (!parsed.is_valid()) return Refuse(field, parsed.error_message());
  return out;
}

absl::StatusOr<const CompiledTemplate*> TemplateCache::Get(
    const std::string& text) {
  if (auto it = compiled_.find(text); it != compiled_.end()) {
    return it->second.get();
  }
  auto compiled = CompiledTemplate::Compile("stored template", text);
  if (!compiled.ok()) {
    return absl::InternalError(compiled.status().message());
  }
  if (compiled_.size() >= kMaxEntries) compiled_.clear();
  auto& slot = compiled_[text];
  slot = std::make_unique<CompiledTemplate>(*std::move(compiled));
  return slot.get();
}

absl::Status CheckTemplate(absl::string_view field, const std::string& text) {
  return CompiledTemplate::Compile(field, text).status();
}

// kainjow's line buffer: a line is written at its line break, unless a
// section was rendered on it and it holds nothing but spaces and tabs.
struct CompiledTemplate::Line {
  std::string* out;
  std::string buffer;
  bool had_section = false;

  void Flush(absl::string_view line_break) {
    const bool blank =
        std::all_of(buffer.begin(), buffer.end(),
                    [](char c) { return c == ' ' || c == '\t'; });
    if (!(had_section && blank)) {
      out->append(buffer);
      out->append(line_break.data(), line_break.size());
    }
    buffer.clear();
    had_section = false;
  }
};

void CompiledTemplate::RenderRange(uint32_t begin, uint32_t end,
                                   const FieldValues& values,
                                   Line& line) const {
  for (uint32_t i = begin; i < end; ++i) {
    const Token& t = tokens_[i];
    switch (t.kind) {
      case Token::kText:
        line.buffer.append(t.text);
        break;
      case Token::kNewline:
        line.Flush(t.text);
        break;
      case Token::kVariable:
        line.buffer.append(values[t.field]);
        break;
      case Token::kSection:
      case Token::kInverted: {
        const bool taken =
            (t.kind == Token::kSection) == !values[t.field].empty();
        if (taken) {
          line.had_section = true;
          RenderRange(i + 1, t.end, values, line);
          line.had_section = true;
        }
        i = t.end - 1;
        break;
      }
    }
  }
}

std::string CompiledTemplate::Render(const FieldValues& values) const {
  std::string out;
  Line line{&out, {}, false};
  RenderRange(0, static_cast<uint32_t>(tokens_.size()), values, line);
  line.Flush("");
  return out;
}

}  // namespace appt::messaging
