// The shapes every C entry point shares: create/update a record, fetch one
// record or a list into a caller's versioned struct, dispose what a struct
// owns. Each runs guarded (no exception escapes) and sets the thread's error.
#ifndef APPT_CAPI_SRC_COMMANDS_H_
#define APPT_CAPI_SRC_COMMANDS_H_

// Every FromC overload must be declared before the templates below, which
// find them by ordinary lookup (the C structs have no namespace for ADL).
#include "convert.h"
#include "convert_confirmation.h"
#include "convert_deal.h"
#include "convert_membership.h"
#include "convert_messaging.h"
#include "convert_workflow.h"

namespace appt::capi {

// Converts `in`, runs `command` on the record and stores the new id.
// `in_name` names the input in errors.
template <typename CRecord, typename Command>
int Create(int64_t* out_id, appt_engine* engine, const CRecord* in,
           Command command, const char* in_name = "record") {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out_id", out_id));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull(in_name, in));
    auto record = FromC(*in);
    if (!record.ok()) return SetError(record.status());
    auto id = command(*engine->engine, *record);
    if (!id.ok()) return SetError(id.status());
    *out_id = *id;
    return kOk;
  });
}

template <typename CRecord, typename Command>
int Update(appt_engine* engine, const CRecord* in, Command command,
           const char* in_name = "record") {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull(in_name, in));
    auto record = FromC(*in);
    if (!record.ok()) return SetError(record.status());
    return SetError(command(*engine->engine, *record));
  });
}

// Runs `query` and fills the single output record `out` (versioned).
template <typename CRecord, typename Query>
int GetOne(CRecord* out, const char* type, unsigned int version,
           appt_engine* engine, Query query) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(CheckVersion(type, out->version, version));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    auto record = query(*engine->engine);
    if (!record.ok()) return SetError(record.status());
    ToC(*record, *ResetOwner(&out->owner_), out);
    return kOk;
  });
}

template <typename CList, typename Query>
int GetList(CList* out, const char* type, unsigned int version,
            appt_engine* engine, Query query) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("out", out));
    APPT_CAPI_RETURN_IF_ERROR(CheckVersion(type, out->version, version));
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull("engine", engine));
    auto records = query(*engine->engine);
    if (!records.ok()) return SetError(records.status());
    ListToC(*records, out);
    return kOk;
  });
}

// Converts the optional actor (NULL: staff) and runs command(engine,
// actor) into the versioned output `out`.
template <typename COut, typename Command>
int WithActor(COut* out, const char* out_type, unsigned int out_version,
              appt_engine* engine, const appt_actor* actor, Command command) {
  return Guarded([&] {
    auto a = ActorFromC("actor", actor);
    if (!a.ok()) return SetError(a.status());
    return GetOne(out, out_type, out_version, engine,
                  [&](appt::Engine& e) { return command(e, *a); });
  });
}

// The static name of enum value `value` (0..max) by `name`, else
// "unknown".
template <typename Enum>
const char* EnumName(int value, int max, const char* (*name)(Enum)) {
  if (value < 0 || value > max) return "unknown";
  return name(static_cast<Enum>(value));
}

// Converts the borrowed input `in` (named `in_name` in errors) and returns
// fill(converted), guarded.
template <typename CIn, typename Fill>
int WithInput(const CIn* in, const char* in_name, Fill fill) {
  return Guarded([&] {
    APPT_CAPI_RETURN_IF_ERROR(CheckNotNull(in_name, in));
    auto converted = FromC(*in);
    if (!converted.ok()) return SetError(converted.status());
    return fill(*converted);
  });
}

// Releases what a filled struct owns and leaves it empty but initialised.
template <typename CStruct>
void Dispose(CStruct* s) {
  if (s == nullptr) return;
  void* owner = s->owner_;
  const unsigned int version = s->version;
  *s = CStruct{};
  s->version = version;
  s->owner_ = owner;
  DisposeOwner(&s->owner_);
}

}  // namespace appt::capi

#endif  // APPT_CAPI_SRC_COMMANDS_H_
