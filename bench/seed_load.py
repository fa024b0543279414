"""How long loading the seed data takes, first load and reload, in one
rolled-back transaction (the database is left as it was).

    DATABASE_URL=postgres://... SECRET_KEY=x .venv/bin/python bench/seed_load.py

The database must be migrated. Prints seconds and query counts."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def timed_load(label: str) -> None:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        call_command("load_seed", verbosity=0)
        elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.3f} s, {len(queries)} queries ({connection.vendor})")


with transaction.atomic():
    timed_load("first load")
    timed_load("reload")
    transaction.set_rollback(True)
