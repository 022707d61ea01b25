"""The cost of the Python module over the C++ API (issue 3).

Times one booking and one slot search through `appt` on the same workload
as bench/surface_bench.cc (an always-open UTC room, a 15-minute service,
bookings a quarter hour apart; a one-day search with 40 quarter hours
taken), then runs appt_bench's BM_Surface* cases in the same invocation and
prints the medians and the ratios Python/C++ and C/C++.

Usage (PYTHONPATH must reach the built package):
  PYTHONPATH=build/release/bindings/python /usr/bin/python3 \\
      bench/python_surface_bench.py build/release/bench/appt_bench \\
      [--repetitions 5] [--bookings 100000] [--searches 20000]
Exits 1 when a check fails (a booking refused, a wrong slot count).
"""

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time

import appt

UTC = dt.timezone.utc
NOW = dt.datetime(2027, 1, 1, tzinfo=UTC)  # bench_common.cc's BenchNow()
BASE = NOW + dt.timedelta(days=1)          # BenchBase()
QUARTER = dt.timedelta(minutes=15)
SEARCH_APPOINTMENTS = 40


def fixture():
    engine = appt.Engine.open_memory(clock=appt.ManualClock(NOW))
    room = engine.create_resource(appt.Resource(
        name="Room 1", time_zone="UTC",
        weekly_hours={d: [("00:00", "24:00")] for d in range(7)}))
    visit = engine.create_service(appt.Service(
        name="Visit 1", duration=QUARTER, price_minor_units=5000,
        horizon=dt.timedelta(days=3650), resource_ids=[room]))
    customer = engine.create_customer(appt.Customer(name="Customer 1"))
    return engine, room, visit, customer


def time_bookings(count):
    """Mean µs per booking over `count` bookings on a fresh engine."""
    engine, room, visit, customer = fixture()
    actor = appt.Actor(appt.ActorKind.SYSTEM, "bench")
    starts = [BASE + i * QUARTER for i in range(count)]
    book = engine.book
    api = appt.BookingSource.API
    begin = time.perf_counter_ns()
    for start in starts:
        book(customer_id=customer, service_id=visit, resource_id=room,
             start=start, source=api, actor=actor)
    elapsed = time.perf_counter_ns() - begin
    engine.close()
    return elapsed / count / 1000


def time_searches(count):
    engine, room, visit, customer = fixture()
    for i in range(SEARCH_APPOINTMENTS):
        engine.book(customer_id=customer, service_id=visit, resource_id=room,
                    start=BASE + 2 * i * QUARTER)
    end = BASE + dt.timedelta(days=1)
    search = engine.search_slots
    begin = time.perf_counter_ns()
    for _ in range(count):
        slots = search(visit, BASE, end)
    elapsed = time.perf_counter_ns() - begin
    engine.close()
    if len(slots) != 96 - SEARCH_APPOINTMENTS:
        sys.exit(f"python search found {len(slots)} slots")
    return elapsed / count / 1000


def native_medians(bench_binary, repetitions):
    out = subprocess.run(
        [bench_binary, "--benchmark_filter=BM_Surface",
         f"--benchmark_repetitions={repetitions}",
         "--benchmark_report_aggregates_only=true",
         "--benchmark_format=json"],
        check=True, capture_output=True, text=True).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        # One repetition reports the run itself; several, their median.
        if b.get("aggregate_name") == "median" or (
                repetitions == 1 and b["run_type"] == "iteration"):
            assert b["time_unit"] == "us", b
            # "BM_SurfaceBook_Cpp/iterations:100000" -> "BM_SurfaceBook_Cpp"
            medians[b["run_name"].split("/")[0]] = b["real_time"]
    return medians


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("appt_bench")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--bookings", type=int, default=100000)
    parser.add_argument("--searches", type=int, default=20000)
    args = parser.parse_args()

    book = statistics.median(time_bookings(args.bookings)
                             for _ in range(args.repetitions))
    search = statistics.median(time_searches(args.searches)
                               for _ in range(args.repetitions))
    native = native_medians(args.appt_bench, args.repetitions)

    rows = [("book", "BM_SurfaceBook", book),
            ("slot search", "BM_SurfaceSearch", search)]
    print(f"medians of {args.repetitions} repetitions, µs per call")
    print(f"{'operation':<12} {'C++':>8} {'C':>8} {'Python':>8} "
          f"{'C/C++':>7} {'Py/C++':>7}")
    for label, name, python in rows:
        cpp, c = native[name + "_Cpp"], native[name + "_C"]
        print(f"{label:<12} {cpp:8.2f} {c:8.2f} {python:8.2f} "
              f"{c / cpp:6.2f}x {python / cpp:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
