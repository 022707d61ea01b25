// Message templates: Mustache text checked against kTemplateFields when a
// rule is saved, compiled once and rendered for each message. The accepted
// subset is variables ({{x}}, {{{x}}}, {{&x}}), sections and inverted
// sections over one field, and comments; rendering follows kainjow's
// (libkainjow-mustache's) output exactly, line handling included, which a
// differential test checks.
#ifndef APPT_SRC_MESSAGING_TEMPLATES_H_
#define APPT_SRC_MESSAGING_TEMPLATES_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "appt/message.h"

namespace appt::messaging {

inline constexpr int kNumTemplateFields =
    static_cast<int>(std::size(kTemplateFields));

// The index of `name` in kTemplateFields, or -1.
int TemplateFieldIndex(absl::string_view name);

// One message's text for every field, by index in kTemplateFields. An
// empty value renders empty and is false in a section.
using FieldValues = std::array<std::string, kNumTemplateFields>;
using FieldSet = std::bitset<kNumTemplateFields>;

// A parsed template. Immutable after Compile; safe to share between
// threads.
class CompiledTemplate {
 public:
  // InvalidArgument naming `field` (e.g. "templates[1].body") and the
  // offending tag unless `text` is well-formed Mustache (as kainjow parses
  // it) naming only kTemplateFields, with no partials and no delimiter
  // changes.
  static absl::StatusOr<CompiledTemplate> Compile(absl::string_view field,
                                                  const std::string& text);

  // The fields the template names, as variables or sections.
  const FieldSet& uses() const { return uses_; }

  // Values are inserted as they are (no HTML escaping): templates are text.
  std::string Render(const FieldValues& values) const;

 private:
  struct Token {
    enum Kind : uint8_t { kText, kNewline, kVariable, kSection, kInverted };
    Kind kind;
    int field = -1;    // kVariable, kSection, kInverted
    uint32_t end = 0;  // sections: the index after their last token
    std::string text;  // kText, kNewline
  };
  struct Line;
  void RenderRange(uint32_t begin, uint32_t end, const FieldValues& values,
                   Line& line) const;

  std::vector<Token> tokens_;
  FieldSet uses_;
};

// Compiled templates by their text, for rendering stored templates. Bounded
// (emptied when full). Not thread safe: one per Engine, used under its
// command lock.
class TemplateCache {
 public:
  // Fails as Compile does (a stored template that no longer compiles).
  absl::StatusOr<const CompiledTemplate*> Get(const std::string& text);

 private:
  static constexpr size_t kMaxEntries = 1024;
  absl::flat_hash_map<std::string, std::unique_ptr<CompiledTemplate>> compiled_;
};

// CompiledTemplate::Compile(field, text).status().
absl::Status CheckTemplate(absl::string_view field, const std::string& text);

}  // namespace appt::messaging

#endif  // APPT_SRC_MESSAGING_TEMPLATES_H_
