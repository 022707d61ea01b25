# Wraps CMake in the DuckDB manner. `make demo` and `make test` install what
# is missing (Debian packages), configure, build and run.
BUILD_DIR ?= build/release
ASAN_DIR ?= build/asan
GENERATOR ?= Ninja
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo test test-asan bench clean format

all: build

deps:
	./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/examples/clinic/clinic_demo

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	cmake -S . -B $(ASAN_DIR) -G $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug \
	  -DAPPT_SANITIZE=ON -DAPPT_BUILD_BENCHMARKS=OFF -DAPPT_BUILD_PYTHON=OFF $(CMAKE_FLAGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	$(BUILD_DIR)/bench/appt_bench --benchmark_min_time=0.2

clean:
	rm -rf build

format:
	clang-format -i $$(git ls-files '*.h' '*.cc' '*.c')
