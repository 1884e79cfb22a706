# Every install step lives here: a fresh machine needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages: Chromium drives the simulator's browser tests; the fonts draw Japanese and emoji;
# redis-server is the Redis that .ci/run starts for the tests of what the site keeps there;
# ffmpeg transcodes videos, libavcodec-extra brings its AMR-NB encoder (handset video sound).
# openssl makes the certificate of the feed tests' https server. npm installs axe-core, which
# the PC and smartphone browser tests (tests/pc_browser) run in Chromium.
APT_PACKAGES := chromium openssl fonts-noto-color-emoji fonts-ipafont-gothic redis-server ffmpeg \
	libavcodec-extra nodejs npm
# axe-core from npm at the version package-lock.json pins (npm ci), stamped like the venv
NODE_STAMP := node_modules/.installed

.PHONY: install system-packages bench-packages demo test bench lint screenshots clean

install: $(STAMP) system-packages $(NODE_STAMP)

system-packages:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1 \
			|| ! command -v ffmpeg >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 \
			|| ! ffmpeg -hide_banner -encoders 2>/dev/null | grep -q libopencore_amrnb \
			|| ! fc-list 2>/dev/null | grep -qi 'noto color emoji'; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
		else \
			echo "please install: sudo apt-get install $(APT_PACKAGES)"; exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'  # the test extra brings the simulator extra (make demo)
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

demo: install
	$(BIN)/keitai demo

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# docs/screenshots/*.png (README): the demo's PC and smartphone pages, drawn by Chromium
screenshots: install
	$(BIN)/python -m docs.screenshots

bench: install bench-packages
	$(BIN)/python -m benchmarks

# Debian's wrk drives the load benchmark (benchmarks.load); without it that one is skipped.
bench-packages:
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else \
			echo "please install: sudo apt-get install wrk (the load benchmark is skipped without it)"; \
		fi; \
	fi

clean:
	rm -rf $(VENV) *.egg-info instance node_modules
