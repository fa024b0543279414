"""How the API's lists hold up on large tables: 10,000 agreements (two parties
and two status changes each) and 10,000 commitments, in one rolled-back
transaction (the database is left as it was).

    DATABASE_URL=postgres://... SECRET_KEY=x .venv/bin/python bench/api_bench.py [ROWS]

The database must be migrated. For the first page, a deep page (after 9,500
rows, reached by its cursor), a filtered page and the whole list as CSV, it
prints the median time of 3 runs and the query count. Figures, not a test.
"""

import datetime
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")

import django  # noqa: E402

django.setup()
warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic here

from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Commitment  # noqa: E402
from api.models import Ministry, MinistryAPIKey  # noqa: E402
from core.choices import Audience  # noqa: E402
from core.models import Source  # noqa: E402
from organizations.models import Organization  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
RUNS = 3


def populate(rows: int) -> None:
    source = Source.objects.create(key="bench-source", title_vi="Nguồn đo hiệu năng")
    partners = Organization.objects.bulk_create(
        Organization(
            slug=f"bench-org-{n}",
            acronym=f"B{n}",
            name_vi=f"Tổ chức {n}",
            kind="national_body",
            visibility="public",
            source=source,
        )
        for n in range(50)
    )
    start = datetime.date(1995, 1, 1)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            slug=f"bench-agreement-{n}",
            kind=("mou", "plan", "fta", "mra")[n % 4],
            title_vi=f"Bản ghi nhớ hợp tác đo lường {n}",
            title_en=f"Metrology cooperation MoU {n}",
            status=("signed", "in_force", "expired")[n % 3],
            signed_on=None if n % 7 == 0 else start + datetime.timedelta(days=n % 9000),
            valid_from=None if n % 5 == 0 else start + datetime.timedelta(days=n % 9000),
            visibility=("public", "public", "government", "internal")[n % 4],
            source=source,
        )
        for n in range(rows)
    )
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organization=partners[(n + k) % 50], source=source)
        for n, agreement in enumerate(agreements)
        for k in range(2)
    )
    AgreementStatusChange.objects.bulk_create(
        AgreementStatusChange(agreement=agreement, status=status, year=2000 + n % 20, source=source)
        for n, agreement in enumerate(agreements)
        for status in ("signed", "in_force")
    )
    Commitment.objects.bulk_create(
        Commitment(
            agreement=agreements[n % rows],
            code=f"c{n}",
            title_vi=f"Cam kết hàng rào kỹ thuật {n}",
            deadline=None if n % 6 == 0 else start + datetime.timedelta(days=n % 10000),
            responsible_unit=partners[n % 50],
            source=source,
        )
        for n in range(rows)
    )


def measure(client: Client, url: str) -> tuple[float, int, int]:
    """Median seconds over RUNS, query count and response size of one GET."""
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            timings.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code, body[:300])
    return statistics.median(timings), len(queries), len(body)


def deep_cursor_url(client: Client, url: str, depth: int) -> str:
    """The next link after ``depth`` rows, walked 500 at a time."""
    link, seen = f"{url}?limit=500", 0
    while seen < depth:
        body = client.get(link).json()
        seen += len(body["results"])
        link = body["next"]
    return link.replace("limit=500", "limit=100")


def report(client: Client, name: str, url: str, filtered: str, visible: int) -> None:
    depth = max(visible - 500, 0) // 500 * 500  # walked 500 rows at a time
    cases = [
        ("first page (100)", f"{url}?limit=100"),
        (f"deep page (100 after {depth:,})", deep_cursor_url(client, url, depth)),
        ("filtered page", f"{url}?limit=100&{filtered}"),
        ("CSV, whole list", f"{url}?format=csv"),
        ("CSV, filtered", f"{url}?format=csv&{filtered}"),
    ]
    for label, case_url in cases:
        seconds, queries, size = measure(client, case_url)
        print(f"{name:12} {label:30} {seconds * 1000:8.1f} ms {queries:3d} queries {size / 1024:9.1f} KiB")


@override_settings(
    ALLOWED_HOSTS=["*"],
    REST_FRAMEWORK={
        **django.conf.settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"ministry_key": "1000000/minute", "anonymous": "1000000/minute"},
    },
)
def main() -> None:
    with transaction.atomic():
        began = time.perf_counter()
        populate(ROWS)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum would gather them
        print(
            f"{ROWS} agreements, {2 * ROWS} parties, {2 * ROWS} status changes, {ROWS} commitments "
            f"created in {time.perf_counter() - began:.1f} s ({connection.vendor})"
        )
        _api_key, key = MinistryAPIKey.objects.create_key(
            ministry=Ministry.objects.create(name_vi="Bộ đo hiệu năng"), name="bench"
        )
        client = Client(headers={"X-Api-Key": key})
        agreements = Agreement.objects.visible_to(Audience.GOVERNMENT).count()
        commitments = Commitment.objects.visible_to(Audience.GOVERNMENT).count()
        print(f"A ministry key's view: {agreements} agreements, {commitments} commitments.\n")
        report(client, "agreements", "/api/v1/agreements/", "in_force_on=2020-12-31&q=do%20luong", agreements)
        report(client, "commitments", "/api/v1/commitments/", "deadline_before=2015-12-31&q=hang%20rao", commitments)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
