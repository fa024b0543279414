"""Issue #16, point 4: reads routed to a PostgreSQL streaming replica, with
read-your-writes. Starts a real primary and a real replica on this machine
(throwaway clusters from the installed PostgreSQL binaries, the replica made
by pg_basebackup and following the primary by streaming replication), then
runs CoopDB against both in another process (tests/reliability/replica_check.py)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists() and (candidate / "pg_basebackup").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster, run as the postgres user when we are root
    (initdb refuses root)."""

    def __init__(self, bin_dir: Path, base: Path, name: str):
        self.bin, self.dir, self.port = bin_dir, base / name, _free_port()
        self.log = base / f"{name}.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, tool: str, *args):
        subprocess.run([*self.as_user, str(self.bin / tool), *args], check=True, capture_output=True, timeout=120)

    def configure(self, *lines: str):
        with open(self.dir / "postgresql.auto.conf", "a") as conf:
            conf.write("\n".join(lines) + "\n")

    def start(self):
        self.run("pg_ctl", "-D", str(self.dir), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self):
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.dir), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
            check=False,
        )

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture
def primary_and_replica():
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL's binaries (initdb, pg_basebackup) are needed: apt-get install postgresql")
    # Not under pytest's tmp_path: the postgres user must be able to reach it.
    base = Path(tempfile.mkdtemp(prefix="coopdb-replication-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    primary = Cluster(bin_dir, base, "primary")
    primary.run("initdb", "-D", str(primary.dir), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
    primary.configure(
        f"port = {primary.port}",
        "listen_addresses = '127.0.0.1'",
        f"unix_socket_directories = '{base}'",
        "wal_level = replica",
        "max_wal_senders = 4",
        "fsync = off",
    )
    primary.start()
    replica = Cluster(bin_dir, base, "replica")
    try:
        replica.run(
            "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
            "-D", str(replica.dir), "-R", "-X", "stream",
        )  # fmt: skip
        replica.configure(f"port = {replica.port}")
        replica.start()
        primary.run("createdb", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "coopdb")
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(base, ignore_errors=True)


def _coopdb(primary, replica, *command, timeout=300) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": primary.url("coopdb"),
        "DATABASE_REPLICA_URL": replica.url("coopdb"),
        "SECRET_KEY": "replica-test-only",
        "ALLOWED_HOSTS": "testserver,localhost",
        "STATIC_MANIFEST": "0",  # no collectstatic here
        "DJANGO_SETTINGS_MODULE": "coopdb.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DEBUG", None)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def test_anonymous_reads_go_to_the_replica_and_staff_read_their_own_writes(primary_and_replica):
    primary, replica = primary_and_replica
    migrated = _coopdb(primary, replica, sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    started = time.monotonic()

    checked = _coopdb(primary, replica, sys.executable, "tests/reliability/replica_check.py")

    assert checked.returncode == 0, checked.stderr[-3000:]
    seen = json.loads(checked.stdout.strip().splitlines()[-1])
    assert (seen["primary_in_recovery"], seen["replica_in_recovery"]) == (False, True)
    assert seen["write_went_to"] == "default" and seen["reads_go_to"] == "replica"
    assert seen["replicated"] and seen["orm_read_from"] == "replica"
    assert seen["read_in_transaction_sees_own_write"]
    assert seen["replica_refuses_writes"]
    # (status, queries on the primary, queries on the replica)
    status, on_primary, on_replica = seen["anonymous_api"]
    assert (status, on_primary) == (200, 0) and on_replica > 0
    status, on_primary, on_replica = seen["anonymous_page"]
    assert (status, on_primary) == (200, 0) and on_replica > 0
    assert seen["write_sets_pin_cookie"]
    status, on_primary, on_replica = seen["after_own_write"]
    assert (status, on_replica) == (200, 0) and on_primary > 0
    for key in ("staff_admin", "staff_public_page"):
        status, on_primary, on_replica = seen[key]
        assert (status, on_replica) == (200, 0) and on_primary > 0, key
    assert time.monotonic() - started < 120
