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

}  // namespace appt::sqlite_internal
