# The two commands of the README, wrapping CMake:
#   make demo   install what is missing, build, create a database from the
#               bundled dataset and take a short tour of it
#   make test   install what is missing, build with warnings as errors, run every test
BUILD ?= build
JOBS ?= 2
PGRAPH = $(BUILD)/src/cli/pgraph
DEMO_DB = $(BUILD)/demo.db

.PHONY: demo test build deps configure gallery format clean

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

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD)
