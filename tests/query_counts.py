"""Query-count baselines in one file, tests/query_counts.json (as NetBox's
query_counts.json): a test measures, then compares with the file, page by
page. After a change that justifies a different count, regenerate the file
and review its diff:

    PYTEST_WORKERS=0 bash scripts/test.sh tests/site/test_queries.py tests/workflow/test_report.py --update-query-counts
"""

import json
from pathlib import Path

BASELINES = Path(__file__).with_name("query_counts.json")


def _load() -> dict:
    return json.loads(BASELINES.read_text(encoding="utf-8")) if BASELINES.exists() else {}


def check_query_counts(request, group: str, counts: dict[str, int]) -> None:
    """``counts`` (what ran, by page) equal the baselines of ``group``; with
    ``--update-query-counts`` they become the baselines instead."""
    if request.config.getoption("update_query_counts"):
        baselines = _load()
        baselines[group] = dict(sorted(counts.items()))
        BASELINES.write_text(json.dumps(baselines, indent=2, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
        return
    expected = _load().get(group)
    assert expected is not None, f"No query-count baseline for {group!r}: run pytest with --update-query-counts"
    assert counts == expected, f"{group}: queries differ from tests/query_counts.json"
