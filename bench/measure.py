"""In-process measurements of one generated database (bench/run.py calls it).

    DATABASE_URL=postgres://.../bench_100k python bench/measure.py [--rounds N]   # JSON on stdout
    DATABASE_URL=... python bench/measure.py --csv                                 # CSV export only
    DATABASE_URL=... python bench/measure.py --lists       # lists: projection, serializers, floor (read-only)

Every timing is the median of ``rounds`` runs, the variants being compared
interleaved (API, floor, API, floor, ...) so that load from other processes
falls on both alike.
"""

import argparse
import contextlib
import datetime
import difflib
import json
import os
import resource
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

from django.db import OperationalError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve  # noqa: E402

from agreements.models import Agreement  # noqa: E402
from api.pagination import encode_cursor, sort_keys  # noqa: E402
from bench import floor  # noqa: E402
from coopdb.datagen import COMMON_TERM, SELECTIVE_TERM  # noqa: E402
from core.search import fold, search_index_names  # noqa: E402
from workflow.report import period_report  # noqa: E402

API = "/api/v1/"
QUERY_LISTS = ("agreements", "commitments", "events", "organizations", "delegations", "memberships", "dues")


def get(client: Client, url: str):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, response.status_code, body[:300])
    return body


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def medians(rounds: int, **variants) -> dict:
    """Median milliseconds of each variant, run interleaved."""
    samples = {name: [] for name in variants}
    for _ in range(rounds):
        for name, action in variants.items():
            samples[name].append(timed(action))
    return {name: round(statistics.median(values), 2) for name, values in samples.items()}


def floor_json(sql: str, **params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql, floor.parameters(**params))
        row = cursor.fetchone()
    return row[0] if row else None


def report_difference(label: str, api_doc, floor_doc) -> bool:
    """Whether both documents are equal; if not, a unified diff on stderr
    (stdout carries the figures)."""
    if api_doc == floor_doc:
        return True
    api_text, floor_text = (json.dumps(doc, indent=1, sort_keys=True).splitlines() for doc in (api_doc, floor_doc))
    diff = difflib.unified_diff(api_text, floor_text, f"{label} API", f"{label} floor", lineterm="", n=2)
    print("\n".join(list(diff)[:80]), file=sys.stderr)
    return False


def api_vs_floor(client: Client, rounds: int) -> dict:
    figures = {}
    for name in floor.LISTS:
        url = f"{API}{name}/?limit=50"
        api_doc = json.loads(get(client, url))["results"]
        floor_doc = json.loads(floor_json(floor.list_sql(name), limit=50))["results"]
        times = medians(
            rounds,
            api=lambda url=url: get(client, url),
            floor=lambda name=name: floor_json(floor.list_sql(name), limit=50),
        )
        equal = report_difference(f"{name} list", api_doc, floor_doc)
        figures[f"{name}_list"] = {**times, "equal": equal, "rows": len(api_doc)}
        if not api_doc:
            continue
        pk = api_doc[len(api_doc) // 2]["id"]
        detail = f"{API}{name}/{pk}/"
        floor_detail = json.loads(floor_json(floor.detail_sql(name), pk=pk))
        equal = report_difference(f"{name} detail", json.loads(get(client, detail)), floor_detail)
        times = medians(
            rounds,
            api=lambda detail=detail: get(client, detail),
            floor=lambda name=name, pk=pk: floor_json(floor.detail_sql(name), pk=pk),
        )
        figures[f"{name}_detail"] = {**times, "equal": equal}
    for figure in figures.values():
        figure["ratio"] = round(figure["api"] / figure["floor"], 2) if figure["floor"] else None
    return figures


@contextlib.contextmanager
def serializers_only(name: str):
    """The list ``name`` answered by its serializers (its projection switched off)."""
    viewset = resolve(f"{API}{name}/").func.cls
    projection, viewset.projection = viewset.projection, None
    try:
        yield
    finally:
        viewset.projection = projection


def lists_with_and_without_projection(client: Client, rounds: int) -> dict:
    """``--lists``: each list (50 rows) built by PostgreSQL (api.projection),
    by the serializers, and the floor, interleaved; read-only."""
    figures = {}
    for name in floor.LISTS:
        url = f"{API}{name}/?limit=50"

        def serialized(url=url, name=name):
            with serializers_only(name):
                return get(client, url)

        documents = [json.loads(get(client, url))["results"], json.loads(serialized())["results"]]
        documents.append(json.loads(floor_json(floor.list_sql(name), limit=50))["results"])
        times = medians(
            rounds,
            serializers=serialized,
            projection=lambda url=url: get(client, url),
            floor=lambda name=name: floor_json(floor.list_sql(name), limit=50),
        )
        ratios = {f"{k}_ratio": round(times[k] / times["floor"], 2) for k in ("serializers", "projection")}
        equal = documents[0] == documents[1] == documents[2]
        figures[name] = {**times, **ratios, "equal": equal, "rows": len(documents[0])}
    return figures


def query_counts(client: Client) -> dict:
    counts = {}
    for name in QUERY_LISTS:
        for limit in (1, 50, 500):
            with CaptureQueriesContext(connection) as queries:
                get(client, f"{API}{name}/?limit={limit}")
            counts.setdefault(name, {})[str(limit)] = len(queries)
    return counts


def deep_page(client: Client, rounds: int) -> dict:
    """The first page against a page past 90 % of the public agreements."""
    queryset = Agreement.objects.visible_to("public").order_by("-signed_on", "slug")
    keys = sort_keys(queryset)
    visible = queryset.count()
    depth = visible * 9 // 10
    row = (
        queryset.order_by(*[key.order_by() for key in keys])
        .values_list(*[key.path for key in keys])[depth : depth + 1]
        .first()
    )
    if row is None:
        return {"depth": depth, "first": None, "deep": None, "ratio": None}
    first_url = f"{API}agreements/?limit=50"
    deep_url = f"{first_url}&cursor={encode_cursor(keys, list(row))}"
    times = medians(rounds, first=lambda: get(client, first_url), deep=lambda: get(client, deep_url))
    return {"depth": depth, **times, "ratio": round(times["deep"] / times["first"], 2)}


def search(client: Client, rounds: int) -> dict:
    """``?q=`` (ranked, core.search) for a common and a selective term, with the
    GIN indexes of the stored search columns (full text and trigrams, built by
    the migrations) and without them (dropped, measured, then rebuilt: the
    rebuild's time and the indexes' size are reported)."""
    urls = {
        "common": f"{API}agreements/?limit=50&q={fold(COMMON_TERM).replace(' ', '%20')}",
        "selective": f"{API}agreements/?limit=50&q={fold(SELECTIVE_TERM).replace(' ', '%20')}",
    }
    # The plain list (the same page size, no q) beside it: what a search
    # page costs over the list's own (search_list_ratio).
    plain = f"{API}agreements/?limit=50"
    searches = {term: lambda url=url: get(client, url) for term, url in urls.items()}
    indexed = medians(rounds, list=lambda: get(client, plain), **searches)
    definitions = _search_index_definitions()
    # Dropped and rebuilt inside one transaction that is rolled back: the
    # database keeps its own indexes whatever happens (a rebuild that failed
    # once, at the app's statement time-out under load, left a 1M database
    # without one), and the time-out does not apply to this session's DDL.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute(
                "SELECT COALESCE(SUM(pg_relation_size(indexrelid)), 0) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY(%s)",
                [list(definitions)],
            )
            size = int(cursor.fetchone()[0])
            for name in definitions:
                cursor.execute(f"DROP INDEX {name}")
        without = medians(rounds, **searches)
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in definitions.values():
                cursor.execute(sql)
        build_s = time.perf_counter() - began
        transaction.set_rollback(True)
    return {
        term: {
            "without_index": without[term],
            "with_index": indexed[term],
            "speedup": round(without[term] / indexed[term], 2),
            "vs_list": round(indexed[term] / indexed["list"], 2),
        }
        for term in urls
    } | {"list": indexed["list"], "index_build_s": round(build_s, 2), "index_mb": round(size / 2**20, 2)}


def _search_index_definitions() -> dict:
    """The agreements' search indexes (core.search.search_index_names) and
    the statements that build them again."""
    names = list(search_index_names(Agreement._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)", [names])
        return dict(cursor.fetchall())


def page_vs_api(client: Client, rounds: int) -> dict:
    page, api = "/vi/agreements/", f"{API}agreements/?limit=20"  # the page shows 20 rows
    times = medians(rounds, page=lambda: get(client, page), api=lambda: get(client, api))
    return {**times, "ratio": round(times["page"] / times["api"], 2)}


def report(rounds: int) -> dict:
    def build():
        period_report(start=datetime.date(1990, 1, 1), end=datetime.date(2030, 12, 31))

    try:
        with CaptureQueriesContext(connection) as queries:
            build()
    except OperationalError as error:
        # At 1M the report over every year outlasts the app's statement
        # time-out: a figure of its own, not a crash that loses the others.
        print(f"period report: {error}", file=sys.stderr)
        return {"ms": None, "queries": None, "error": str(error).strip()}
    return {**medians(max(1, rounds // 2), ms=build), "queries": len(queries)}


CSV_MAX_ROWS = 50_000


def csv_export() -> dict:
    """The public agreements list as CSV (peak memory of this process): the
    whole list, or at larger scales its newest CSV_MAX_ROWS rows (a
    ``signed_after`` filter), so the bench stays within minutes."""
    client = Client()
    url = f"{API}agreements/?format=csv"
    newest = Agreement.objects.visible_to("public").filter(signed_on__isnull=False).order_by("-signed_on")
    cutoff = newest.values_list("signed_on", flat=True)[CSV_MAX_ROWS : CSV_MAX_ROWS + 1].first()
    if cutoff is not None:
        url += f"&signed_after={cutoff.isoformat()}"
    began = time.perf_counter()
    response = client.get(url)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    seconds = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "s": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mb": round(peak_mb),
        "signed_after": cutoff.isoformat() if cutoff else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--csv", action="store_true")
    parser.add_argument("--lists", action="store_true", help="only the lists with and without their projection")
    args = parser.parse_args()
    if args.csv:
        print(json.dumps(csv_export()))
        return
    client = Client()
    get(client, f"{API}agreements/?limit=1")  # warm up: imports, caches, the connection
    if args.lists:
        print(json.dumps(lists_with_and_without_projection(client, args.rounds)))
        return
    results = {
        "api_vs_floor": api_vs_floor(client, args.rounds),
        "queries": query_counts(client),
        "deep_page": deep_page(client, args.rounds),
        "search": search(client, args.rounds),
        "page_vs_api": page_vs_api(client, args.rounds),
        "report": report(args.rounds),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
