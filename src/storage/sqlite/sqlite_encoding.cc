// The text encodings of the SQLite store's nested columns (weekly hours,
// date exceptions, id lists); see sqlite_schema.h.
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "storage/sqlite/sqlite_schema.h"

namespace appt::sqlite_internal {
namespace {

// Reads text written by the Encode* functions.
class Reader {
 public:
  explicit Reader(absl::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Consume(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  template <typename Int>
  bool ReadInt(Int* out) {
    const size_t begin = pos_;
    Consume('-');
    const size_t digits = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      ++pos_;
    }
    if (pos_ == digits) return false;
    return absl::SimpleAtoi(text_.substr(begin, pos_ - begin), out);
  }
  // Spans up to the next ';' or the end.
  bool ReadSpans(std::vector<LocalSpan>* out) {
    out->clear();
    if (AtEnd() || Peek(';')) return true;
    do {
      LocalSpan span;
      if (!ReadInt(&span.start_minute) || !Consume('-') ||
          !ReadInt(&span.end_minute)) {
        return false;
      }
      out->push_back(span);
    } while (Consume(','));
    return true;
  }

 private:
  absl::string_view text_;
  size_t pos_ = 0;
};

void AppendSpans(const std::vector<LocalSpan>& spans, std::string* out) {
  for (size_t i = 0; i < spans.size(); ++i) {
    absl::StrAppend(out, i == 0 ? "" : ",", spans[i].start_minute, "-",
                    spans[i].end_minute);
  }
}

}  // namespace

std::string EncodeWeeklyHours(const WeeklyHours& hours) {
  std::string out;
  for (size_t day = 0; day < hours.size(); ++day) {
    if (day > 0) out.push_back(';');
    AppendSpans(hours[day], &out);
  }
  return out;
}

bool DecodeWeeklyHours(absl::string_view text, WeeklyHours* out) {
  Reader reader(text);
  for (size_t day = 0; day < out->size(); ++day) {
    if (day > 0 && !reader.Consume(';')) return false;
    if (!reader.ReadSpans(&(*out)[day])) return false;
  }
  return reader.AtEnd();
}

std::string EncodeExceptions(const std::vector<DateException>& exceptions) {
  std::string out;
  for (size_t i = 0; i < exceptions.size(); ++i) {
    const DateException& e = exceptions[i];
    absl::StrAppend(&out, i == 0 ? "" : ";", e.year, "/", e.month, "/", e.day,
                    ":");
    AppendSpans(e.spans, &out);
  }
  return out;
}

bool DecodeExceptions(absl::string_view text, std::vector<DateException>* out) {
  out->clear();
  if (text.empty()) return true;
  Reader reader(text);
  do {
    DateException e;
    if (!reader.ReadInt(&e.year) || !reader.Consume('/') ||
        !reader.ReadInt(&e.month) || !reader.Consume('/') ||
        !reader.ReadInt(&e.day) || !reader.Consume(':') ||
        !reader.ReadSpans(&e.spans)) {
      return false;
    }
    out->push_back(std::move(e));
  } while (reader.Consume(';'));
  return reader.AtEnd();
}

std::string EncodeIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", ids[i]);
  }
  return out;
}

bool DecodeIds(absl::string_view text, std::vector<int64_t>* out) {
  out->clear();
  if (text.empty()) return true;
  Reader reader(text);
  do {
    int64_t id = 0;
    if (!reader.ReadInt(&id)) return false;
    out->push_back(id);
  } while (reader.Consume(','));
  return reader.AtEnd();
}

namespace {

void AppendCounted(absl::string_view s, std::string* out) {
  absl::StrAppend(out, s.size(), ":", s);
}

// Reads "<length>:<bytes>" at `*pos` of `text`.
bool ReadCounted(absl::string_view text, size_t* pos, std::string* out) {
  const size_t colon = text.find(':', *pos);
  if (colon == absl::string_view::npos || colon == *pos) return false;
  size_t length = 0;
  for (size_t i = *pos; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9' || length > text.size()) return false;
    length = length * 10 + static_cast<size_t>(text[i] - '0');
  }
  if (length > text.size() - colon - 1) return false;
  out->assign(text.data() + colon + 1, length);
  *pos = colon + 1 + length;
  return true;
}

}  // namespace

std::string EncodeFields(const std::vector<IntegrationField>& fields) {
  std::string out;
  for (const IntegrationField& f : fields) {
    AppendCounted(f.key, &out);
    AppendCounted(f.value, &out);
  }
  return out;
}

bool DecodeFields(absl::string_view text, std::vector<IntegrationField>* out) {
  out->clear();
  size_t pos = 0;
  while (pos < text.size()) {
    IntegrationField f;
    if (!ReadCounted(text, &pos, &f.key) ||
        !ReadCounted(text, &pos, &f.value)) {
      return false;
    }
    out->push_back(std::move(f));
  }
  return true;
}

}  // namespace appt::sqlite_internal
