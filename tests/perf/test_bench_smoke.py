"""make bench in smoke mode: a tiny generated database, every measurement once.

No thresholds here (they live in the bench's output); this keeps the bench
working and checks what it writes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
KEYS = {
    "api_floor_ratio",
    "max_queries_list",
    "queries_constant",
    "scale_throughput_ratio",
    "deep_page_ratio",
    "search_speedup",
    "search_list_ratio",
    "http_floor_ratio",
    "page_api_ratio",
    "csv_rows_per_s",
    "report_ms",
    "machine",
}


def server_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/postgres"


def test_smoke_bench_writes_every_key(tmp_path):
    prefix = f"bench_smoke_{os.getpid()}_"
    results = tmp_path / "results.json"
    env = {
        **os.environ,
        "BENCH_SMOKE": "1",
        "BENCH_RESULTS": str(results),
        "BENCH_DATABASE_URL": server_url(),
        "BENCH_DB_PREFIX": prefix,
    }
    try:
        run = subprocess.run(
            [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
    finally:
        with psycopg.connect(server_url(), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{prefix}tiny" WITH (FORCE)')
    assert run.returncode == 0, run.stderr[-3000:]
    figures = json.loads(results.read_text())
    assert KEYS <= set(figures)
    # The floor documents equal the API's, so the ratios compare like with like.
    assert figures["api_floor_equal"] is True
    assert figures["queries_constant"] is True
    # A list built by PostgreSQL (api.projection): the page's keys, then its JSON;
    # delegations (serializers): the page, then its members.
    assert figures["max_queries_list"] == 2
    assert figures["machine"]["cpus"] >= 1 and figures["machine"]["smoke"] is True
    tiny = figures["scales"]["tiny"]
    # Tiny has fewer public agreements than a page: the CSV holds the same rows.
    assert tiny["csv"]["rows"] == tiny["api_vs_floor"]["agreements_list"]["rows"] > 0
    # Throughput may be near zero on a loaded machine; errors never.
    assert {view: tiny["http"][view]["non_2xx"] for view in ("api", "floor", "trivial")} == {
        "api": 0,
        "floor": 0,
        "trivial": 0,
    }
    assert "api_floor_ratio" in run.stdout  # the printed table
