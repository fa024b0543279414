# The two set-up commands of the README, and a few helpers.
PYTHON ?= python3.11
VENV := .venv

.PHONY: run test install lint messages bench backup restore

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# Translations are compiled from the committed .po files, never committed as .mo.
messages: $(VENV)/.installed
	@if find . -path ./.venv -prune -o -name '*.po' -print | grep -q .; then \
		DEBUG=1 $(VENV)/bin/python manage.py compilemessages --ignore=.venv -v 0; fi

install: $(VENV)/.installed messages

## make run: install, migrate a local SQLite database, load the seed data, serve at http://127.0.0.1:8000/
run: install
	bash scripts/run.sh

## make test: install and run the whole suite on PostgreSQL
test: install
	bash scripts/test.sh $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## make bench: generated databases (BENCH_SCALES, default "1k 100k 1m"; BENCH_SMOKE=1 for a tiny one),
## measured against the PostgreSQL floor; prints a table and writes bench/results.json
BENCH_SCALES ?= 1k 100k 1m
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "make bench needs wrk: sudo apt-get install wrk" >&2; exit 2; fi; }
	BENCH_SCALES="$(BENCH_SCALES)" nice -n 19 $(VENV)/bin/python bench/run.py

## make backup: the database (DATABASE_URL, PostgreSQL) and MEDIA_ROOT into var/backups/<time stamp>/
backup:
	bash scripts/backup.sh

## make restore BACKUP=var/backups/<time stamp>: into an empty database and MEDIA_ROOT
restore:
	bash scripts/restore.sh "$(BACKUP)"
