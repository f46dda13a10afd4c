# SPDX-License-Identifier: MIT
# Thin wrapper: install what is missing, configure, build, run or test.
# The real build is CMake (CMakeLists.txt); this only strings the steps.

BUILD      ?= build
TEST_BUILD ?= build-test
CLANG_BUILD ?= build-clang
FUZZ_BUILD ?= build-fuzz
PREFIX     ?= /usr/local
FUZZ_SECONDS ?= 10
# The clang build compiles everything with -Werror; of its tests it runs these
# (the ones where clang and gcc have differed: layouts, conversions, the CLI
# and recordings, the installed library), which keeps `make test` short.
CLANG_TESTS ?= test_trace_load|test_trace_reader|test_rows|test_cli|test_record|test_probe|e2e_readme_example|e2e_check_symbols
JOBS       ?= $(shell nproc)
TIME_SCALE ?= 1
# Debian packages the build, the tests and the end-to-end scripts need.
# zlib1g-dev: `export --format chrome -o X.json.gz`; clang and g++: the second compiler
# and the C++ check of the installed headers; man-db, binutils: man page and symbol checks.
PACKAGES   := gcc g++ clang make cmake pkg-config libncurses-dev libbsd-dev libcriterion-dev \
              tmux jq zlib1g-dev systemtap-sdt-dev man-db binutils \
              python3 python3-dev

.PHONY: all deps build run test test-gcc test-clang install fuzz deb soak clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing missing packages:" $$missing; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "make: missing packages; install them with:"; \
	    echo "  sudo apt-get install -y" $$missing; exit 1; \
	  fi; \
	fi

# The developer builds treat warnings as errors; a plain `cmake` build does not.
build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DPS_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

# On a terminal: the demo picker. Otherwise: the list, then every demo headless.
run: build
	@if [ -t 0 ] && [ -t 1 ]; then \
	  ./$(BUILD)/procscope; \
	else \
	  ./$(BUILD)/procscope list && \
	  for d in $$(./$(BUILD)/procscope list | awk '{print $$1}'); do \
	    echo "== $$d"; \
	    ./$(BUILD)/procscope run $$d --headless --time-scale $(TIME_SCALE) || exit $$?; \
	  done; \
	fi

# The sanitized gcc test build and the whole suite, then the clang build. The
# optimised build `make run` uses is built first: some warnings
# (-Wmaybe-uninitialized) only appear there.
test: build test-gcc test-clang

test-gcc: build
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPS_SANITIZE=ON -DPS_WERROR=ON
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j 2

test-clang: deps
	cmake -S . -B $(CLANG_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release -DPS_WERROR=ON
	cmake --build $(CLANG_BUILD) -j $(JOBS)
	cd $(CLANG_BUILD) && ctest --output-on-failure -j 2 -R '^($(CLANG_TESTS))$$'

# make install PREFIX=/somewhere (DESTDIR is honoured too).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The libFuzzer targets (clang), each run for FUZZ_SECONDS on its seed corpus.
fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	    -DPS_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@for f in $(FUZZ_BUILD)/fuzz_*; do \
	  [ -x "$$f" ] || continue; \
	  name=$$(basename $$f); corpus=$(FUZZ_BUILD)/fuzz_corpus/$${name#fuzz_}; \
	  mkdir -p $$corpus; echo "== $$name ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$corpus || exit $$?; \
	done

# A Debian package of the Release build: build-deb/procscope_<version>_<arch>.deb
deb: deps
	cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX=/usr
	cmake --build build-deb -j $(JOBS)
	cd build-deb && cpack -G DEB

# Longer runs than `make test` allows (a few minutes in all): every tests/soak/*.sh
# against the sanitized test build. SOAK_SECONDS bounds each script.
soak: test
	@for s in tests/soak/*.sh; do echo "== $$s"; bash $$s $(TEST_BUILD) || exit $$?; done

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(CLANG_BUILD) $(FUZZ_BUILD) build-deb
