"""Run a script against SQLite in a child process, as ``make run`` would.

The suite's own connection is PostgreSQL and Django's settings are read once
per process, so a check of the SQLite fallbacks runs in a fresh interpreter,
on its own database file, and reports success by printing a marker."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_sqlite(tmp_path: Path, script: str, *, marker: str) -> None:
    """Fail with the child's traceback unless ``script`` ran and printed ``marker``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coopdb.sqlite3'}",
        "DEBUG": "1",
        "SECRET_KEY": "test",
        "ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "coopdb.settings",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert marker in done.stdout, done.stdout[-3000:]
