# Helsesider. `make serve` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SITE_STAMP := $(VENV)/.site-installed
# Designsystemet's stylesheets (npm, exact versions in package-lock.json with checksums)
NODE_STAMP := node_modules/.installed
TEST_STAMP := $(VENV)/.test-installed
export NO_MKDOCS_2_WARNING := 1
# The generator: mkdocs (1.6.1) or properdocs (1.6.7, the maintained fork); both are installed
GENERATOR ?= mkdocs

.PHONY: setup setup-test serve serve-full build check report kiosk kiosk-key kiosk-verify test test-fast lint browser clean help bench screenshots

help:
	@echo "Helsesider: health-information sites in Bokmål (nb, the default), Nynorsk (nn), English (en) and Northern Sámi (se)"
	@echo "make serve   serve the site at http://127.0.0.1:8000, pages built when asked for (ONLY=nn: one language)"
	@echo "make serve-full  MkDocs' own server, which rebuilds the whole site on every save (GENERATOR=properdocs)"
	@echo "make test    run the whole test suite (installs Chromium and nginx when missing, as root)"
	@echo "make test-fast  the tests that need no build and no browser (under a minute)"
	@echo "make lint    ruff and mypy (pyproject.toml)"
	@echo "make build   check the content and build site/ (replaced only on success; only what changed: CLEAN=1 builds all); GENERATOR=properdocs"
	@echo "make check   validate the content; FILES=\"docs/nb/a.md ...\", CHECK_FLAGS=--strict, CHANGED=1 (only what changed since main)"
	@echo "make report  the editors' report in report/ (reviews due, missing translations, LIX)"
	@echo "make kiosk   the offline bundle dist/kiosk/ and dist/kiosk.zip, signed (make kiosk-key makes the key once); make kiosk-verify DIR=..."
	@echo "make screenshots  PNGs of every page type (nb, nn, en, se; 320, 375 and 1280 px) in report/screenshots/"

setup: $(SITE_STAMP) $(NODE_STAMP)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The package helsesider/ goes on the venv's path through a .pth file: no build step needed.
$(SITE_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/helsesider-src.pth"
	touch $@

# Node and npm (Designsystemet, the HTML checker, and the search engine's tests under node):
# installed from Debian when missing and running as root
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null || ! command -v node >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "Node and npm are needed: sudo apt-get install nodejs npm"; exit 1; fi; fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup-test: $(TEST_STAMP)

$(TEST_STAMP): requirements-test.txt $(SITE_STAMP) $(NODE_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

serve: setup
	$(PY) -m helsesider.publish.preview --port 8000 $(if $(ONLY),--lang $(ONLY))

serve-full: setup
	$(VENV)/bin/$(GENERATOR) serve --dev-addr 127.0.0.1:8000

# Incremental: only what changed is built again (the cache in .cache/build/, keyed by the content
# of every input; helsesider/publish/incremental.py). CLEAN=1 ignores the cache.
build: setup
	$(PY) -m helsesider.publish.build --mkdocs $(VENV)/bin/$(GENERATOR) --cache .cache/build $(if $(CLEAN),--clean)

check: setup
	$(PY) -m helsesider.gate.check $(CHECK_FLAGS) $(if $(CHANGED),--changed) $(FILES)

# Debian's Chromium for the browser tests (Playwright cannot download its own here), Debian's
# nginx for the test of deploy/nginx.conf, a Java runtime for the W3C HTML checker
# (node_modules/vnu-jar) and minisign (the kiosk's signatures checked with the operator's tool);
# installed when missing and run as root.
browser:
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v minisign >/dev/null || missing="$$missing minisign"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "The tests need Debian's$$missing: sudo apt-get install$$missing"; exit 1; fi

report: setup
	$(PY) -m helsesider.content.report

kiosk: setup
	$(PY) -m helsesider.publish.kiosk build $(if $(KIOSK_KEY),--key "$(KIOSK_KEY)")

# The signing key pair, made once on the machine that builds bundles, outside the checkout
# (~/.config/helsesider/kiosk-signing.key and .pub; KIOSK_KEY=path for another private key).
# Kiosks check bundles with the .pub: make kiosk-verify DIR=… KEY=….pub, or minisign itself.
kiosk-key: setup
	$(PY) -m helsesider.publish.kiosk keys

DIR ?= dist/kiosk
kiosk-verify: setup
	$(PY) -m helsesider.publish.kiosk verify "$(DIR)" $(if $(KEY),--public-key "$(KEY)")

# Every page type in every language at 320, 375 and 1280 px, and the kiosk's front pages, with a
# gallery (report/screenshots/index.html). ARTICLES="docs/nb/a.md ..." photographs only those;
# ARTICLES_FILE=f those in f, NUL-separated (git diff -z: the pull-request workflow).
screenshots: setup-test browser
	$(PY) -m helsesider.publish.build
ifdef ARTICLES_FILE
	$(PY) tools/screenshots.py --articles-file "$(ARTICLES_FILE)"
else ifdef ARTICLES
	$(PY) tools/screenshots.py --articles $(ARTICLES)
else
	$(if $(KIOSK_KEY),,$(PY) -m helsesider.publish.kiosk keys --if-missing)
	$(PY) -m helsesider.publish.kiosk build $(if $(KIOSK_KEY),--key "$(KIOSK_KEY)")
	$(PY) tools/screenshots.py
endif

# The fast tier: no builds, no browser (the parser, the model, the gate's rules, the search
# engine's Python side); the whole suite is `make test`.
test-fast: setup-test
	$(PY) -m pytest -q -m "not slow"

test: setup-test browser
	$(PY) -m pytest -q

# ruff (lint, import order, format) over the Python code, mypy over helsesider/ and hooks/
# (pyproject.toml); `.venv/bin/ruff format .` formats
lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

clean:
	rm -rf site dist report .pytest_cache

# Benchmarks print figures; they are not tests. N articles per language.
N ?= 2000
REPEATS ?= 3
bench: setup-test
	$(PY) bench/run.py --n $(N) --repeats $(REPEATS)
