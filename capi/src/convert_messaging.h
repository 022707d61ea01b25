// Conversions between the C ABI's messaging structs (appt_messaging.h) and
// appt's C++ records: rules, settings, messages, firings, timers and the
// notifier's answer. Input conversions check struct versions, NULL arrays
// with non-zero counts and enum ranges, naming the field (the engine
// validates the rest); output conversions copy into an Owner. Pure
// functions; thread safe.
#ifndef APPT_CAPI_SRC_CONVERT_MESSAGING_H_
#define APPT_CAPI_SRC_CONVERT_MESSAGING_H_

#include <string>

#include "convert.h"

namespace appt::capi {

absl::StatusOr<MessageRule> FromC(const appt_message_rule& in);
absl::StatusOr<MessagingSettings> FromC(const appt_messaging_settings& in);

void ToC(const MessageRule& in, Owner& owner, appt_message_rule* out);
void ToC(const MessagingSettings& in, Owner& owner,
         appt_messaging_settings* out);
void ToC(const Message& in, Owner& owner, appt_message* out);
void ToC(const Firing& in, Owner& owner, appt_firing* out);
void ToC(const Timer& in, Owner& owner, appt_timer* out);

// The notifier callback's answer: its return code `rc` and the result it
// filled. A non-zero rc or an outcome out of range is a retryable failure.
// Strings are read up to their NUL or the end of their buffer, whichever
// comes first, with invalid UTF-8 replaced by U+FFFD.
SendResult SendResultFromC(int rc, const appt_send_result& in);

// Copies `src` (NULL: "") into the buffer `dst` of `capacity` bytes, NUL
// terminated, cut at a UTF-8 character boundary when too long.
void CopyText(char* dst, size_t capacity, const char* src);

// `bytes` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view bytes);

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_CONVERT_MESSAGING_H_
