// appt_bench: Google Benchmark driver. Besides the library's flags it takes
//   --appt_scale_max=N  register the scale benchmarks up to N stored
//                       appointments (default 1000000; 100000 skips the 1M
//                       cases, whose first run writes a ~200 MB cache file).
// The slot workloads are read from $APPT_SHARED_DIR/bench/slot-workloads.json
// (default: the compile-time APPT_SHARED_DIR); a missing file is an error.
// Exits 1 when any benchmark failed its own check (e.g. a wrong slot count).
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <vector>

#include "bench_common.h"
#include "bench_registry.h"
#include "benchmark/benchmark.h"

int main(int argc, char** argv) {
  int64_t scale_max = 1000000;
  std::vector<char*> args;
  constexpr char kScaleFlag[] = "--appt_scale_max=";
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], kScaleFlag, sizeof(kScaleFlag) - 1) == 0) {
      scale_max = std::atoll(argv[i] + sizeof(kScaleFlag) - 1);
    } else {
      args.push_back(argv[i]);
    }
  }
  const std::string path =
      appt_bench::SharedDir() + "/bench/slot-workloads.json";
  auto workloads = appt::workloads::LoadSlotWorkloads(path);
  if (!workloads.ok()) {
    std::cerr << "appt_bench: " << workloads.status() << "\n";
    return 1;
  }
  appt_bench::RegisterSlotSearchBenchmarks(*workloads);
  appt_bench::RegisterScaleBenchmarks(scale_max);
  appt_bench::RegisterRunDueBenchmarks(scale_max);
  appt_bench::RegisterWorkflowBenchmarks(scale_max);
  appt_bench::RegisterConfirmationBenchmarks(scale_max);
  appt_bench::RegisterDealBenchmarks(scale_max);

  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return appt_bench::AnyFailed() ? 1 : 0;
}
