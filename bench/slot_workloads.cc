#include "slot_workloads.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <variant>

#include "absl/strings/str_cat.h"

namespace appt::workloads {
namespace {

// A minimal JSON value: enough for the workload file's shape.
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, std::vector<Json>,
               std::map<std::string, Json>>
      v;
  const Json* Get(const std::string& key) const {
    auto* obj = std::get_if<std::map<std::string, Json>>(&v);
    if (obj == nullptr) return nullptr;
    auto it = obj->find(key);
    return it == obj->end() ? nullptr : &it->second;
  }
  const std::vector<Json>* Array() const {
    return std::get_if<std::vector<Json>>(&v);
  }
  double Number() const {
    auto* d = std::get_if<double>(&v);
    return d ? *d : 0;
  }
  std::string String() const {
    auto* s = std::get_if<std::string>(&v);
    return s ? *s : "";
  }
};

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}
  absl::StatusOr<Json> Parse() {
    Json out;
    if (!Value(out)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad JSON at offset ", pos_));
    }
    return out;
  }

 private:
  void Skip() {
    while (pos_ < s_.size() && isspace(static_cast<unsigned char>(s_[pos_])))
      ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Str(std::string& out) {
    if (!Eat('"')) return false;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      if (s_[pos_] == '\\') ++pos_;  // the file has no escapes but quotes
      out += s_[pos_++];
    }
    return Eat('"');
  }
  bool Value(Json& out) {
    Skip();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      std::map<std::string, Json> obj;
      if (!Eat('}')) {
        do {
          std::string key;
          Json value;
          if (!Str(key) || !Eat(':') || !Value(value)) return false;
          obj.emplace(std::move(key), std::move(value));
        } while (Eat(','));
        if (!Eat('}')) return false;
      }
      out.v = std::move(obj);
      return true;
    }
    if (c == '[') {
      ++pos_;
      std::vector<Json> arr;
      if (!Eat(']')) {
        do {
          Json value;
          if (!Value(value)) return false;
          arr.push_back(std::move(value));
        } while (Eat(','));
        if (!Eat(']')) return false;
      }
      out.v = std::move(arr);
      return true;
    }
    if (c == '"') {
      std::string str;
      if (!Str(str)) return false;
      out.v = std::move(str);
      return true;
    }
    if (s_.compare(pos_, 4, "true") == 0) {
      pos_ += 4;
      out.v = true;
      return true;
    }
    if (s_.compare(pos_, 5, "false") == 0) {
      pos_ += 5;
      out.v = false;
      return true;
    }
    if (s_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
      out.v = nullptr;
      return true;
    }
    size_t used = 0;
    try {
      out.v = std::stod(s_.substr(pos_, 32), &used);
    } catch (...) {
      return false;
    }
    pos_ += used;
    return used > 0;
  }

  const std::string& s_;
  size_t pos_ = 0;
};

int Minutes(const std::string& hhmm) {
  return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

Instant At(const Json& j) {
  return Instant(Duration(static_cast<int64_t>(j.Number())));
}

}  // namespace

absl::StatusOr<SlotWorkloads> LoadSlotWorkloads(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  auto root = Parser(text).Parse();
  if (!root.ok()) return root.status();
  const Json* hours = root->Get("working_hours");
  const Json* cases = root->Get("cases");
  if (hours == nullptr || cases == nullptr || cases->Array() == nullptr) {
    return absl::InvalidArgumentError("workloads: missing keys");
  }
  SlotWorkloads w;
  w.resource.id = 1;
  w.resource.name = "workload resource";
  w.resource.time_zone = root->Get("time_zone")->String();
  const LocalSpan span{Minutes(hours->Get("start")->String()),
                       Minutes(hours->Get("end")->String())};
  static const char* kDays[] = {"mon", "tue", "wed", "thu",
                                "fri", "sat", "sun"};
  for (const Json& d : *hours->Get("weekdays")->Array()) {
    for (int i = 0; i < 7; ++i) {
      if (d.String() == kDays[i]) w.resource.weekly_hours[i] = {span};
    }
  }
  w.service.id = 1;
  w.service.name = "workload service";
  w.service.duration =
      std::chrono::minutes(static_cast<int>(root->Get("service_minutes")->Number()));
  w.service.resource_ids = {1};
  w.service.horizon = std::chrono::days(3650);
  w.step = std::chrono::minutes(static_cast<int>(root->Get("step_minutes")->Number()));
  for (const Json& c : *cases->Array()) {
    SlotCase sc;
    sc.name = c.Get("name")->String();
    sc.window = {At(*c.Get("window_start")), At(*c.Get("window_end"))};
    for (const Json& b : *c.Get("busy")->Array()) {
      const auto& pair = *b.Array();
      sc.busy.push_back({{At(pair[0]), At(pair[1])}, 0, At(pair[0])});
    }
    std::sort(sc.busy.begin(), sc.busy.end(),
              [](const Occupancy& a, const Occupancy& b) {
                return a.interval.start < b.interval.start;
              });
    for (const Json& s : *c.Get("expected_slots")->Array()) {
      sc.expected_slots.push_back(static_cast<int64_t>(s.Number()));
    }
    w.cases.push_back(std::move(sc));
  }
  return w;
}

}  // namespace appt::workloads
