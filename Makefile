# The two commands a newcomer types: `make run` and `make test`.
# Each bootstraps .venv from scratch with nothing but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang

.PHONY: run test test-postgres ci install migrate demo lint format migrations-check messages compilemessages bench-deadline bench-reconciliation bench-dashboard bench-load bench-pages bench-queue bench-kantor restore-drill smoke-nginx

# A .venv without pip is one `python3 -m venv` left half-made (Debian/Ubuntu without
# python3-venv stops after creating it): made again once the package is there.
$(STAMP): requirements.txt requirements-dev.txt
	$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install compilemessages
	$(BIN)/python manage.py migrate --noinput

# Translations: `make messages` extracts every marked string into locale/en (the
# virtualenv and the vendored scripts are not ours); translate the new msgids, then
# `make compilemessages` builds the .mo files (not committed), as run and test do.
MAKEMESSAGES_ABAIKAN := -i ".venv/*" -i "var/*" -i "staticfiles/*" -i "bench/*" -i "tests/*" -i "deploy/*"
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete $(MAKEMESSAGES_ABAIKAN)
	$(BIN)/python manage.py makemessages -d djangojs -l en --no-obsolete $(MAKEMESSAGES_ABAIKAN) -i "static/vendor/*"

compilemessages: install
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" -v 0

demo: migrate
	$(BIN)/python manage.py demo

# A local try-out: quiet logs, e-mails as files in var/surel/, and the queue open at any
# hour (the demo switch, refused with DEBUG=0). Each can be overridden: make run LOG_LEVEL=INFO.
# PORT chooses the web server's port (make run PORT=8080), and the links in e-mails follow it.
# `manage.py jalankan` runs the Procfile through honcho, prints the demo accounts once the
# site answers, and stops cleanly on Ctrl-C.
run: export PORT ?= 8000
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: export PST_DEMO_BUKA_SEPANJANG_WAKTU ?= 1
run: export LOG_LEVEL ?= WARNING
run: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
# Trying every demo account and switching between them is more logins from 127.0.0.1 in a
# window than a public site takes; the lockout after wrong passwords stays.
run: export BATAS_PER_ALAMAT ?= 1000
run: demo
	$(BIN)/python manage.py jalankan

test: install compilemessages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install compilemessages
	PST_WAJIB_POSTGRES=1 \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/1} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

ci:
	bash .ci/run

# Restore drill (deploy/latihan_pulih.py): the newest backup (or ARSIP=...) restored
# into a scratch database and folder, which are emptied first, then checked
# table by table and file by file against the archive.
DRILL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pst_latihan_pulih
DRILL_PRIVATE_ROOT ?= var/latihan-pulih/berkas
# It needs only the runtime packages: on a server (README, Production) it installs nothing
# into the site's virtualenv; a checkout without one gets the usual install first.
restore-drill:
	test -x $(BIN)/python || $(MAKE) install
	$(BIN)/python deploy/latihan_pulih.py $(ARSIP) --database-url "$(DRILL_DATABASE_URL)" --private-root "$(DRILL_PRIVATE_ROOT)"

# The app behind a real nginx as deploy/ describes it, smoke-tested through TLS (deploy/smoke.sh).
smoke-nginx: install
	bash deploy/smoke.sh

# Deadline jobs on 100k and 1M transactions in PostgreSQL (drops and creates database pst_bench).
bench-deadline: install
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pst_bench} \
	$(BIN)/python bench/tenggat.py

# Today's queue (display, desk, counter) beside 1.2M past tickets (creates database pst_bench_antrian once; BENCH_DB, ARGS=--ulang).
bench-queue: install
	$(BIN)/python bench/antrian.py $(ARGS)

bench-load: install
	$(BIN)/python bench/beban.py --detik 60 --pengguna 50 --layar 100 $(ARGS)

# Worklist, deadline board, visit history deep page and dashboard p95 beside a static page, on the dashboard's database.
bench-pages: install
	$(BIN)/python bench/halaman.py $(ARGS)

# The treasurer's monthly reconciliation on 1M paid transactions (creates database pst_bench_rekonsiliasi once; ARGS=--ulang reseeds).
bench-reconciliation: install
	$(BIN)/python bench/rekonsiliasi.py $(ARGS)

# Supervisor dashboard on 1M transactions + 2M visits (creates database pst_bench_dashboard once; ARGS=--ulang reseeds).
bench-dashboard: install
	$(BIN)/python bench/dashboard.py $(ARGS)

# One office's dashboard and worklist, the escalation batch and the province view with 51, then 501
# offices (creates database pst_bench_kantor once; ARGS=--ulang reseeds; BENCH_PER_KANTOR=2000 transactions each).
bench-kantor: install
	$(BIN)/python bench/kantor.py $(ARGS)
