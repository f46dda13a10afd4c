# SPDX-License-Identifier: MIT
# Thin wrapper: install what is missing, configure, build, run or test.
# The real build is CMake (CMakeLists.txt); this only strings the steps.

BUILD      ?= build
TEST_BUILD ?= build-test
JOBS       ?= $(shell nproc)
TIME_SCALE ?= 1
# Debian packages the build, the tests and the end-to-end scripts need.
PACKAGES   := gcc make cmake pkg-config libncurses-dev libbsd-dev libcriterion-dev tmux jq

.PHONY: all deps build run test soak clean

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

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF
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

# The sanitized test build and the whole suite. The optimised build `make run`
# uses is built first: some warnings (-Wmaybe-uninitialized) only appear there.
test: build
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPS_SANITIZE=ON -DPS_WERROR=ON
	cmake --build $(TEST_BUILD) -j $(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j 2

# Longer runs than `make test` allows (a few minutes in all): every tests/soak/*.sh
# against the sanitized test build. SOAK_SECONDS bounds each script.
soak: test
	@for s in tests/soak/*.sh; do echo "== $$s"; bash $$s $(TEST_BUILD) || exit $$?; done

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
