#include "util/text.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"

namespace appt::text {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

}  // namespace

size_t Utf8SequenceLength(absl::string_view s) {
  if (s.empty()) return 0;
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t length;
  unsigned char min = 0x80, max = 0xBF;  // bounds of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min = 0xA0;  // no overlong forms
    if (lead == 0xED) max = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min = 0x90;  // no overlong forms
    if (lead == 0xF4) max = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() < length || byte(1) < min || byte(1) > max) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

bool IsValidUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t length = Utf8SequenceLength(s.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string ToValidUtf8(absl::string_view s, size_t max_bytes) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  for (size_t i = 0; i < s.size();) {
    const size_t length = Utf8SequenceLength(s.substr(i));
    const absl::string_view piece =
        length == 0 ? absl::string_view(kReplacement, 3) : s.substr(i, length);
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece.data(), piece.size());
    i += length == 0 ? 1 : length;
  }
  return out;
}

bool IsValidEmail(absl::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  const size_t at = s.find('@');
  if (at == absl::string_view::npos || at == 0 || at > 64) return false;
  if (s.find('@', at + 1) != absl::string_view::npos) return false;
  for (char c : s.substr(0, at)) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '(' ||
        c == ')' || c == ',' || c == ':' || c == ';' || c == '<' ||
        c == '>' || c == '[' || c == ']' || c == '\\' ||
        static_cast<unsigned char>(c) >= 0x7F) {
      return false;
    }
  }
  const absl::string_view domain = s.substr(at + 1);
  if (domain.empty() || domain.find('.') == absl::string_view::npos) {
    return false;
  }
  size_t label_len = 0;
  char prev = '.';
  for (char c : domain) {
    if (c == '.') {
      if (label_len == 0 || prev == '-') return false;
      label_len = 0;
    } else if (IsAsciiAlnum(c) || c == '-') {
      if (label_len == 0 && c == '-') return false;
      if (++label_len > 63) return false;
    } else {
      return false;
    }
    prev = c;
  }
  return label_len > 0 && prev != '-';
}

bool IsValidE164(absl::string_view s) {
  if (s.size() < 9 || s.size() > 16 || s[0] != '+' || s[1] == '0') {
    return false;
  }
  for (char c : s.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsValidLocale(absl::string_view s) {
  if (s.empty() || s.size() > 35) return false;
  size_t part_len = 0;
  size_t part_index = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '-' || s[i] == '_') {
      if (part_len == 0 || part_len > 8) return false;
      if (part_index == 0 && (part_len < 2 || part_len > 3)) return false;
      ++part_index;
      part_len = 0;
    } else if (IsAsciiAlnum(s[i])) {
      if (part_index == 0 && !(s[i] >= 'a' && s[i] <= 'z') &&
          !(s[i] >= 'A' && s[i] <= 'Z')) {
        return false;
      }
      ++part_len;
    } else {
      return false;
    }
  }
  return true;
}

bool IsValidCurrency(absl::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::string Quote(absl::string_view value) {
  std::string out = "\"";
  const size_t limit = 60;
  const bool utf8 = IsValidUtf8(value);
  for (size_t i = 0; i < value.size() && i < limit; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && !utf8)) {
      // Bytes are shown escaped so invalid UTF-8 never reaches a log.
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (value.size() > limit) out += "...";
  out += '"';
  return out;
}

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t max_bytes, bool required) {
  if (required && value.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is required"));
  }
  if (!IsValidUtf8(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is not valid UTF-8: ", Quote(value)));
  }
  if (value.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is ", value.size(), " bytes, more than the ",
                     max_bytes, " allowed"));
  }
  return absl::OkStatus();
}

}  // namespace appt::text
