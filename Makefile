# Makefile - the project's front door; wraps CMake and the scripts.
#
#   make           build libinvigor, the invigor command and the tests (build/)
#   make check     build and run every test through CTest
#   make demo      install what is missing, build, run the main job
#   make ui        the web UI on the demo's world, http://127.0.0.1:8080/
#   make sanitize  the whole suite under ASan+UBSan (build-san/)
#   make valgrind  unit tests under valgrind, zero errors and leaks
#   make lint      clang-format check and cppcheck
#   make fuzz      short libFuzzer run of every fuzz target (build-fuzz/)
#   make bench     benchmarks (bench/), figures printed against a peer
#   make bench-api HTTP API under wrk against a static file (build-rel/, Release)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
CMAKE_FLAGS += -DIV_WERROR=ON
endif
BUILD ?= build
DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all build check demo ui sanitize valgrind lint fuzz bench bench-api deps clean format

all: build

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/install-deps.sh
	@bash scripts/install-deps.sh --if-missing
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

check: build
	@mkdir -p $(BUILD)/tmp
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 600

demo: build
	bash scripts/demo.sh $(BUILD)/invigor

# PORT=8081 make ui for another port
ui: build
	bash scripts/ui-demo.sh $(BUILD)/invigor $(BUILD)/web

sanitize: deps
	cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Debug -DIV_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build build-san -j $(JOBS)
	@mkdir -p build-san/tmp
	cd build-san && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 900

valgrind: build
	bash scripts/valgrind.sh $(BUILD)

lint: deps
	bash scripts/lint.sh

fuzz: deps
	bash scripts/fuzz.sh

bench: build
	bash scripts/bench.sh $(BUILD)

# BENCH_API_FLAGS: e.g. --quick (small world, 5 s runs) or --breakdown
bench-api: deps
	cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build build-rel -j $(JOBS) --target invigor-bin
	python3 bench/bench_api.py --invigor build-rel/invigor --work build-rel/bench-api $(BENCH_API_FLAGS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h' '*.cc')

clean:
	rm -rf build build-san build-fuzz
