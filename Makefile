# Qingzhuang: `make run` brings up the demo, `make test` runs every test. See README.md.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run prod test check setup system-deps browser-deps messages migrate demo reset lint typecheck bench clean

$(STAMP): requirements/base.txt requirements/dev.txt
	@py=$(PY); command -v $$py >/dev/null || py=python3; \
	  test -x $(PYTHON) || $$py -m venv $(VENV) || { echo "Python 3.11 with venv is needed: apt-get install -y python3 python3-venv"; exit 1; }
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -r requirements/dev.txt
	touch $(STAMP)

setup: $(STAMP) system-deps
	@$(MAKE) -s messages-compile

# WeasyPrint (PDF reports) needs Pango; gettext compiles the translations.
system-deps:
	@missing=""; \
	  ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	  command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	    else echo "Missing system packages. Run: sudo apt-get install -y$$missing"; exit 1; fi; \
	  fi

# Browser tests drive Debian's Chromium with Chinese fonts; never downloaded by Playwright.
browser-deps:
	@missing=""; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	    else echo "The browser tests need:$$missing. Run: sudo apt-get install -y$$missing"; exit 1; fi; \
	  fi

messages-compile:
	@$(PYTHON) manage.py compilemessages -v0 --ignore=.venv

# Refresh the .po files from the code (run after adding user-facing strings), then translate them.
messages: $(STAMP)
	@for app in qingzhuang/*/; do \
	  if [ -f $$app/apps.py ] || [ -d $$app/locale ]; then mkdir -p $$app/locale && (cd $$app && ../../$(PYTHON) ../../manage.py makemessages -l zh_Hans --no-obsolete -v0); fi; \
	done
	mkdir -p locale && $(PYTHON) manage.py makemessages -l zh_Hans --no-obsolete -v0 --ignore='qingzhuang/*' --ignore='.venv/*' --ignore='bench/*' --ignore='staticfiles/*'
	$(PYTHON) manage.py compilemessages -v0 --ignore=.venv

migrate: setup
	$(PYTHON) manage.py migrate -v0

demo: migrate
	$(PYTHON) manage.py demo --if-empty

# The main job: everything set up, demo data loaded, a local server at http://$(HOST):$(PORT).
run: demo
	@echo "Qingzhuang is at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	DEBUG=1 $(PYTHON) manage.py runserver $(HOST):$(PORT)

# The production shape on one machine: DEBUG off, PostgreSQL, Redis, granian, a Celery worker and beat
# (bin/prod; the settings it needs are in README.md, "Production").
prod: setup
	bin/prod

reset:
	rm -f var/qingzhuang.sqlite3 var/qingzhuang.sqlite3-wal var/qingzhuang.sqlite3-shm

# The whole suite, browser tests included; on PostgreSQL when DATABASE_URL is set.
test: setup browser-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy qingzhuang config

check: lint typecheck

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
