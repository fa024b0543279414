"""Staff workflow figures: the period report and the radar on the seed data
(queries, time), and a spreadsheet import of N agreements (preview, import,
re-import), all in one rolled-back transaction (the database is left as it was).

    DATABASE_URL=postgres://... SECRET_KEY=x .venv/bin/python bench/workflow.py [N]

The database must be migrated. Prints seconds and query counts."""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")

import django  # noqa: E402

django.setup()

import tablib  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agreements.resources import AgreementResource  # noqa: E402
from workflow.report import period_report  # noqa: E402
from workflow.selectors import radar_items  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100  # above ~250 the query log (9000) overflows


def timed(label: str, action):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed:.3f} s, {len(queries)} queries ({connection.vendor})")
    return result


def agreements_sheet(rows: int) -> tablib.Dataset:
    headers = ["slug", "kind", "title_vi", "status", "signed_on", "valid_until", "parties", "visibility", "source"]
    data = tablib.Dataset(headers=headers)
    for n in range(rows):
        signed = datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 2000)
        data.append(
            [f"bench-{n}", "mou", f"Bản ghi nhớ {n}", "signed", signed, signed + datetime.timedelta(days=5 * 365),
             "stameq; rosstandart", "internal", "vietq-2020-07-26-htqt-tcdlcl"]
        )  # fmt: skip
    return data


with transaction.atomic():
    call_command("load_seed", verbosity=0)
    start, end = datetime.date(2015, 1, 1), datetime.date(2020, 12, 31)
    timed("period report 2015-2020 (seed)", lambda: period_report(start=start, end=end))
    timed("radar 90 days (seed)", lambda: radar_items(today=datetime.date(2021, 10, 1), days=90))
    sheet = agreements_sheet(ROWS)
    timed(f"import preview, {ROWS} agreements", lambda: AgreementResource().import_data(sheet, dry_run=True))
    result = timed(f"import, {ROWS} agreements", lambda: AgreementResource().import_data(sheet))
    print(f"  {result.totals['new']} new, {result.totals['invalid']} invalid")
    result = timed(f"re-import, {ROWS} agreements", lambda: AgreementResource().import_data(sheet))
    print(f"  {result.totals['skip']} skipped, {result.totals['update']} updated")
    timed(f"period report 2015-2020 (seed + {ROWS} MoUs)", lambda: period_report(start=start, end=end))
    transaction.set_rollback(True)
