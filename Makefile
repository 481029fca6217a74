# The two commands of the README, wrapping CMake:
#   make demo   install what is missing, build, create a database from the
#               bundled dataset and take a short tour of it
#   make test   install what is missing, build with warnings as errors, run every test,
#               build examples/ against the installed library and run it (example-check);
#               then clang-format and clang-tidy (lint), then again built with ASan
#               and UBSan (test-asan), then every fuzz target for a fixed number of
#               inputs (fuzz)
BUILD ?= build
JOBS ?= 2
PGRAPH = $(BUILD)/src/cli/pgraph
DEMO_DB = $(BUILD)/demo.db

.PHONY: demo test lint test-asan fuzz build deps configure gallery format clean

deps:
	@./.ci/install-deps

# Warnings are errors for `make test` (CI), not for a user's `make demo`.
WERROR ?= OFF

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPARTNERGRAPH_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD) -j$(JOBS)

demo: configure
	@cmake --build $(BUILD) -j$(JOBS) --target pgraph
	@./.ci/demo-tour $(PGRAPH) $(DEMO_DB)

test: WERROR = ON
test: build
	@cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	@JOBS=$(JOBS) ./.ci/example-check $(BUILD)
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory fuzz

# clang-format on every tracked C++ file, clang-tidy on every translation unit
# of src/ (.ci/lint); any finding fails, named file:line. clang-tidy reads
# $(BUILD)/compile_commands.json: configured here only if missing, so that
# `make test` does not reconfigure its build without -Werror.
lint: deps
	@[ -f $(BUILD)/compile_commands.json ] || \
	  cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPARTNERGRAPH_WERROR=$(WERROR) >/dev/null
	@JOBS=$(JOBS) ./.ci/lint $(BUILD)

# The whole suite with AddressSanitizer and UndefinedBehaviorSanitizer: -O1
# with line tables and assertions on; any report fails the test. LeakSanitizer
# ignores only libgvc and fontconfig (tests/sanitizers/lsan.supp).
ASAN_BUILD ?= build-asan
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
	  -DPARTNERGRAPH_SANITIZE=address,undefined -DPARTNERGRAPH_WERROR=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j$(JOBS)

# libFuzzer targets (clang, ASan, UBSan), each run for FUZZ_RUNS inputs from
# its corpus; FUZZ_MERGE=1 keeps the inputs that add coverage
# (tests/fuzz/run).
FUZZ_BUILD ?= build-fuzz
FUZZ_RUNS ?= 20000
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DPARTNERGRAPH_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j$(JOBS) --target fuzz_all
	@./tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_RUNS)

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
