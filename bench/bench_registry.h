// Benchmarks registered at run time by main.cc (their names or parameters
// depend on files and flags).
#ifndef APPT_BENCH_BENCH_REGISTRY_H_
#define APPT_BENCH_BENCH_REGISTRY_H_

#include <cstdint>

#include "slot_workloads.h"

namespace appt_bench {

// BM_SlotSearch/<case> for every case; `workloads` must outlive the run.
void RegisterSlotSearchBenchmarks(
    const appt::workloads::SlotWorkloads& workloads);

// BM_BookAtScale/<store>/<n> and BM_SlotSearchAtScale/<store>/<n> for
// n in {10000, 100000, 1000000} up to `max_n`.
void RegisterScaleBenchmarks(int64_t max_n);

// BM_RunDue/<store>/<n> for n in {10000, 100000, 1000000} up to `max_n`,
// and BM_Dispatch/<store>.
void RegisterRunDueBenchmarks(int64_t max_n);

// BM_StatusBoard/<store>/100000 and BM_ConfirmAtScale/<store>/100000 when
// `max_n` allows 100000.
void RegisterWorkflowBenchmarks(int64_t max_n);

// BM_ConfirmationBoard/<store>/100000 when `max_n` allows 100000.
void RegisterConfirmationBenchmarks(int64_t max_n);
// deal_bench.cc: stage timers through RunDue and the deal card.
void RegisterDealBenchmarks(int64_t max_n);

}  // namespace appt_bench

#endif  // APPT_BENCH_BENCH_REGISTRY_H_
