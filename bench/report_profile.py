"""The period report, query by query, and its whole content as JSON.

    DATABASE_URL=postgres://.../bench_100k python bench/report_profile.py --rounds 3
    DATABASE_URL=... python bench/report_profile.py --dump report.json --period 2015-01-01..2020-12-31

``--rounds``: the report over 1990–2030 as bench/measure.py times it (the
median), then each query of one run with its time, slowest first. ``--dump``:
the whole report (every figure, table, chart and listing, in Vietnamese and
English) for the periods given, to compare two versions of the code with
``diff`` (the rewrite of the report for issue 16 was checked this way:
identical dumps at 100k before and after).
"""

import argparse
import dataclasses
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

BENCH_PERIOD = (datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))


def _plain(value):
    """A report's value as JSON: lazy strings translated, records by their fields."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "_meta"):  # a ReportedFigure: what the report shows of it
        fields = {field.attname: _plain(getattr(value, field.attname)) for field in value._meta.concrete_fields}
        return {**fields, "text": str(value)}
    return str(value)


def snapshot(start: datetime.date, end: datetime.date, languages=("vi", "en")) -> dict:
    """The whole report in each language, as plain JSON values."""
    from django.utils import translation

    from workflow.report import period_report

    result = {}
    for language in languages:
        with translation.override(language):
            report = period_report(start=start, end=end)
            result[language] = {
                **_plain(report),
                "period_text": report.period_text,
                "undated_count": report.undated_count,
                "more_texts": [table.more_text for section in report.sections for table in section.tables],
            }
    return result


def _period(text: str) -> tuple[datetime.date, datetime.date]:
    start, end = text.split("..")
    return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)


def _profile(rounds: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workflow.report import period_report

    start, end = BENCH_PERIOD
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        period_report(start=start, end=end)
        times.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        period_report(start=start, end=end)
        total = (time.perf_counter() - began) * 1000
    sql_ms = sum(float(query["time"]) * 1000 for query in queries.captured_queries)
    print(f"report 1990–2030: median {statistics.median(times):.0f} ms of {rounds} {[round(t) for t in times]}")
    print(f"profiled run: {total:.0f} ms, {len(queries)} queries, {sql_ms:.0f} ms of SQL")
    ranked = sorted(enumerate(queries.captured_queries), key=lambda item: -float(item[1]["time"]))
    for index, query in ranked:
        print(f"#{index:2d} {float(query['time']) * 1000:8.1f} ms  {query['sql'][:160]}")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")
    import django

    django.setup()
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", help="write the whole report of each --period to this JSON file")
    parser.add_argument("--period", action="append", help="START..END (repeatable); default 1990–2030")
    args = parser.parse_args()
    if args.dump:
        periods = [_period(text) for text in args.period] if args.period else [BENCH_PERIOD]
        document = {f"{start}..{end}": snapshot(start, end) for start, end in periods}
        Path(args.dump).write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True))
        return
    _profile(args.rounds)


if __name__ == "__main__":
    main()
