# tuijin: `make run` installs what is missing, builds and starts the server with demo data;
# `make test` runs every test suite. See README.md.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DB ?= data/tuijin.db
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60

WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/package.json web/vite.config.ts web/tsconfig.json

.PHONY: all setup web build run test bench fuzz clean

all: build

setup:
	@scripts/setup.sh

web/dist/index.html: $(WEB_SOURCES) web/package-lock.json
	cd web && npm run build
	@touch $@

web: setup web/dist/index.html

$(BUILD_DIR)/CMakeCache.txt: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup web/dist/index.html $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@mkdir -p data
	$(BUILD_DIR)/tuijin serve --demo --db $(DB) --listen $(LISTEN)

test: build
	@scripts/test.sh

bench: build
	@scripts/setup.sh --bench
	cmake --build $(BUILD_DIR) -j $(JOBS) --target tuijin_bench
	node bench/run.mjs
	node bench/status.mjs
	node bench/supervision.mjs
	node bench/briefings.mjs
	node bench/map.mjs
	node bench/load.mjs

# libFuzzer targets (fuzz/), built with clang in their own build directory, each run for
# FUZZ_SECONDS seconds from its seeds in fuzz/corpus/<target>/ (scripts/fuzz.sh).
fuzz: setup
	cmake -S . -B $(FUZZ_DIR) -DTUIJIN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	FUZZ_DIR=$(FUZZ_DIR) FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR) web/dist
