"""``make bench``: build the generated databases, measure, print a table and
write bench/results.json.

    BENCH_SCALES="1k 100k 1m" BENCH_SMOKE= .venv/bin/python bench/run.py

For each scale, a PostgreSQL database ``bench_<scale>`` on the server of
``BENCH_DATABASE_URL`` (default postgres://postgres@127.0.0.1:5432/postgres) is
created, migrated, filled by ``generate_data`` and vacuumed; a database whose
comment says it was built by this generator version and seed is reused. Then
bench/measure.py measures in process, and gunicorn (2 sync workers) is
loaded with ``wrk``. ``BENCH_SMOKE=1`` runs one tiny scale in seconds (the
suite does this); thresholds are compared only in the printed table, never
asserted.
"""

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GENERATOR_VERSION = "1"
SEED = int(os.environ.get("BENCH_SEED", "1"))
SMOKE = bool(os.environ.get("BENCH_SMOKE"))
SCALES = ["tiny"] if SMOKE else os.environ.get("BENCH_SCALES", "1k 100k 1m").split()
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench_")
WORKERS = 2
WRK_CONNECTIONS = 2 if SMOKE else 8
WRK_SECONDS = 3 if SMOKE else 10
ROUNDS = 1 if SMOKE else 5
TARGETS = {
    "api_floor_ratio": ("<=", 2.0),
    "max_queries_list": ("<=", 3),
    "queries_constant": ("==", True),
    "scale_throughput_ratio": (">=", 0.8),
    "deep_page_ratio": ("<=", 1.2),
    "search_speedup": (">=", 40),
    "http_floor_ratio": (">=", 0.5),
    "page_api_ratio": ("<=", 1.5),
    "csv_rows_per_s": (">=", 20_000),
    "report_ms": ("<=", 1_000),
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(name: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def environment(name: str, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(name),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret"),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "API_RATE_ANONYMOUS": "1000000000/minute",
        "API_RATE_PER_KEY": "1000000000/minute",
        "STATIC_MANIFEST": "0",
        "PYTHONWARNINGS": "ignore",
        **extra,
    }


def manage(name: str, *args: str) -> None:
    # Migrations (e.g. stored search columns added to 1M rows) and bulk loads
    # are not web requests: no statement time-out.
    env = environment(name, DATABASE_STATEMENT_TIMEOUT="0")
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def build(scale: str) -> str:
    """The database for ``scale``, built unless an identical one exists."""
    name = f"{DB_PREFIX}{scale.lower()}"
    marker = f"coopdb-bench generator={GENERATOR_VERSION} seed={SEED} scale={scale}"
    with psycopg.connect(SERVER_URL, autocommit=True) as server:
        row = server.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if row and row[0] == marker:
            log(f"{name}: reusing the database built by this generator and seed (migrating it).")
            manage(name, "migrate", "-v", "0")  # e.g. new indexes
            with psycopg.connect(database_url(name), autocommit=True) as database:
                database.execute("ANALYZE")
            return name
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    began = time.perf_counter()
    manage(name, "migrate", "-v", "0")
    manage(name, "generate_data", "--scale", scale, "--seed", str(SEED), *(["--no-progress"] if SMOKE else []))
    with psycopg.connect(database_url(name), autocommit=True) as database:
        database.execute("VACUUM ANALYZE")
        database.execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
    log(f"{name}: built in {time.perf_counter() - began:.0f} s.")
    return name


def measure(name: str) -> dict:
    # Only stdout is read (the figures); stderr passes through, so that a
    # failure's traceback and the API/floor differences show (they were
    # captured and lost).
    result = subprocess.run(
        [PYTHON, "bench/measure.py", "--rounds", str(ROUNDS)],
        cwd=ROOT, env=environment(name), check=True, stdout=subprocess.PIPE, text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    csv = subprocess.run(
        [PYTHON, "bench/measure.py", "--csv"],
        cwd=ROOT, env=environment(name), check=True, stdout=subprocess.PIPE, text=True,
    )
    figures["csv"] = json.loads(csv.stdout.strip().splitlines()[-1])
    return figures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def wrk(url: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--timeout", "10s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {p: _ms(re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit], 2)


def http(name: str) -> dict:
    """Throughput under wrk of the list API, its floor view and a trivial view."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "bench.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=environment(name, DJANGO_SETTINGS_MODULE="bench.settings"),
    )
    try:
        wait_for(port)
        base = f"http://127.0.0.1:{port}"
        urls = {
            "api": f"{base}/api/v1/agreements/?limit=50",
            "floor": f"{base}/bench/floor/agreements/?limit=50",
            "trivial": f"{base}/bench/trivial/",
        }
        for url in urls.values():
            subprocess.run(["curl", "-sf", "-o", "/dev/null", url], check=True)  # warm up, and fail loudly
        return {"workers": WORKERS, "connections": WRK_CONNECTIONS, **{k: wrk(u) for k, u in urls.items()}}
    finally:
        server.terminate()
        server.wait(30)


def ratio(numerator, denominator, digits=3):
    """None when a loaded machine completed no request in the time given."""
    return round(numerator / denominator, digits) if denominator else None


def summary(per_scale: dict) -> dict:
    """The issue's keys, at the largest scale."""
    largest = per_scale[SCALES[-1]]
    lists = {k: v for k, v in largest["api_vs_floor"].items() if k.endswith("_list")}
    counts = [per_scale[s]["queries"] for s in SCALES]
    constant = all(len(set(limits.values())) == 1 for c in counts for limits in c.values()) and all(
        c == counts[0] for c in counts
    )
    smallest_rps = per_scale[SCALES[0]]["http"]["api"]["rps"]
    return {
        "api_floor_ratio": max(v["ratio"] for v in lists.values()),
        "api_floor_equal": all(v["equal"] for v in largest["api_vs_floor"].values()),
        "max_queries_list": max(n for limits in counts[-1].values() for n in limits.values()),
        "queries_constant": constant,
        "scale_throughput_ratio": ratio(largest["http"]["api"]["rps"], smallest_rps) if len(SCALES) > 1 else None,
        "deep_page_ratio": largest["deep_page"]["ratio"],
        "search_speedup": min(largest["search"][term]["speedup"] for term in ("common", "selective")),
        # Not a target of the issue: a ?q= page against the plain list page (worse term).
        "search_list_ratio": max(largest["search"][term].get("vs_list", 0) for term in ("common", "selective")),
        "http_floor_ratio": ratio(largest["http"]["api"]["rps"], largest["http"]["floor"]["rps"]),
        "page_api_ratio": largest["page_vs_api"]["ratio"],
        "csv_rows_per_s": largest["csv"]["rows_per_s"],
        "report_ms": largest["report"]["ms"],
    }


def machine() -> dict:
    with psycopg.connect(SERVER_URL) as server:
        version = server.execute("SHOW server_version").fetchone()[0]
        jit = server.execute("SHOW jit").fetchone()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "postgresql": version,
        "jit_server": jit,  # the app turns it off on its own connections (coopdb/settings.py)
        "python": platform.python_version(),
        "conn_max_age": os.environ.get("CONN_MAX_AGE", "settings default"),
        "smoke": SMOKE,
        "scales": SCALES,
        "seed": SEED,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def verdict(key: str, value) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, target = TARGETS[key]
    met = {"<=": value <= target, ">=": value >= target, "==": value == target}[op]
    return f"{op} {target}  {'met' if met else 'NOT met'}"


def table(per_scale: dict, keys: dict) -> str:
    lines = [f"{'measure':44}" + "".join(f"{s:>14}" for s in SCALES)]

    def row(label, pick):
        cells = []
        for scale in SCALES:
            try:
                cells.append(f"{pick(per_scale[scale])!s:>14}")
            except (KeyError, TypeError):
                cells.append(f"{'-':>14}")
        lines.append(f"{label:44}" + "".join(cells))

    for name in ("agreements", "commitments", "events", "organizations"):
        for kind in ("list", "detail"):
            row(f"{name} {kind}: API / floor ms", lambda r, k=f"{name}_{kind}": (
                f"{r['api_vs_floor'][k]['api']:.0f}/{r['api_vs_floor'][k]['floor']:.0f}"))
    row("queries per list (max over limits 1/50/500)", lambda r: max(
        n for limits in r["queries"].values() for n in limits.values()))
    row("HTTP list API rps (p50/p99 ms)", lambda r: f"{r['http']['api']['rps']:.1f}")
    row("  p50 / p99 ms", lambda r: f"{r['http']['api']['p50_ms']:.0f}/{r['http']['api']['p99_ms']:.0f}")
    row("HTTP floor view rps", lambda r: f"{r['http']['floor']['rps']:.1f}")
    row("HTTP trivial view rps", lambda r: f"{r['http']['trivial']['rps']:.1f}")
    row("deep page / first page ms", lambda r: f"{r['deep_page']['deep']:.0f}/{r['deep_page']['first']:.0f}")
    for term in ("common", "selective"):
        row(f"search {term}: no index / index ms", lambda r, t=term: (
            f"{r['search'][t]['without_index']:.0f}/{r['search'][t]['with_index']:.0f}"))
    row("search / plain list ms (common, selective)", lambda r: (
        f"{r['search']['common']['vs_list']}, {r['search']['selective']['vs_list']} of {r['search']['list']:.0f}"))
    row("search indexes: build s / MB", lambda r: f"{r['search']['index_build_s']}/{r['search']['index_mb']}")
    row("public page / API (20 rows) ms", lambda r: f"{r['page_vs_api']['page']:.0f}/{r['page_vs_api']['api']:.0f}")
    row("CSV rows/s (rows, peak MB)", lambda r: f"{r['csv']['rows_per_s']}")
    row("  rows / peak RSS MB", lambda r: f"{r['csv']['rows']}/{r['csv']['peak_rss_mb']}")
    row("period report ms (queries)", lambda r: f"{r['report']['ms']:.0f} ({r['report']['queries']})")
    lines.append("")
    lines.append(f"at {SCALES[-1]}:")
    lines.extend(f"  {key:24} {value!s:>10}  {verdict(key, value)}" for key, value in keys.items())
    return "\n".join(lines)


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it when run as root).")
    per_scale = {}
    for scale in SCALES:
        name = build(scale)
        log(f"{name}: measuring in process...")
        per_scale[scale] = measure(name)
        log(f"{name}: HTTP under wrk...")
        per_scale[scale]["http"] = http(name)
    keys = summary(per_scale)
    results = {**keys, "machine": machine(), "targets": {k: f"{op} {v}" for k, (op, v) in TARGETS.items()},
               "scales": per_scale}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(table(per_scale, keys))
    print(f"\nWrote {RESULTS.relative_to(ROOT) if RESULTS.is_relative_to(ROOT) else RESULTS}.")


if __name__ == "__main__":
    main()
