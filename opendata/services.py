"""Building the open-data package and keeping it fresh.

The package is built into ``OPEN_DATA_DIR`` (by default MEDIA_ROOT/open-data),
one directory per build, and the ``Package`` row names the current one. It is
stale when a record the public can see changed since (``changes``, bumped
after each commit by opendata.signals), when the code's tables changed (the
schema digest), when it was built on an earlier day (dues status is derived
from today's date) or when its files are gone. A stale package is rebuilt:

- by the job queue (``opendata.tasks.build_package``, run by ``manage.py
  db_worker``): queued after the commit of a public change, or by a request
  that finds the package stale for another reason (a new day, new code).
  Requests serve the last complete build meanwhile (``served_package``), and
  build themselves only when there is no build at all;
- or on demand, ``manage.py build_open_data`` (cron, after a bulk load that
  sends no signals).

The ``Package`` row is always read from the primary database: a lagging
replica could name a build whose folder the next build already removed.
"""

import csv
import hashlib
import json
import shutil
import tempfile
import threading
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from api.renderers import safe_cell
from opendata import package as layout
from opendata.models import Package
from opendata.tables import Table, every_table, tables
from opendata.tasks import request_build

# pg_advisory_lock key (any constant): one build at a time per database.
LOCK_KEY = 4_272_016_013
_thread_lock = threading.Lock()


def root() -> Path:
    return Path(str(settings.OPEN_DATA_DIR))


def current() -> Package | None:
    return Package.objects.using("default").filter(pk=1).first()


def path_of(package: Package, name: str) -> Path:
    return root() / package.directory / name


def is_usable(package: Package | None) -> bool:
    return bool(package and package.directory and path_of(package, layout.ZIP_FILE).exists())


def is_fresh(package: Package | None) -> bool:
    return (
        is_usable(package)
        and package.built_changes == package.changes
        and package.schema_digest == layout.schema_digest()
        and timezone.localdate(package.built_at) == timezone.localdate()
    )


def served_package() -> Package:
    """What the page and the downloads serve: the last complete build, even a
    stale one (a rebuild is then queued); built here only when there is none
    yet. One query when the package is fresh."""
    package = current()
    if is_usable(package):
        if not is_fresh(package):
            request_build()  # a new day or new code: no signal queued it
        return package
    with build_lock(wait=True):  # the very first build: the others wait for it
        package = current()
        return package if is_usable(package) else build()


def fresh_package() -> Package:
    """The current package, rebuilt first (under the lock) if stale: the
    queued job and ``build_open_data --if-stale``."""
    with build_lock(wait=True):
        package = current()
        return package if is_fresh(package) else build()


@contextmanager
def build_lock(*, wait: bool):
    """Yields whether this process may build: a PostgreSQL advisory lock, held
    across processes and servers (a thread lock on SQLite, for ``make run``)."""
    if connection.vendor != "postgresql":
        acquired = _thread_lock.acquire(blocking=wait)
        try:
            yield acquired
        finally:
            if acquired:
                _thread_lock.release()
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {'pg_advisory_lock' if wait else 'pg_try_advisory_lock'}(%s)", [LOCK_KEY])
        acquired = wait or cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


@contextmanager
def _snapshot():
    """One consistent view of every table (REPEATABLE READ), so foreign keys
    hold even while staff edit; inside a caller's transaction, that one."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def build() -> Package:
    """Write a new build and make it current; call it under ``build_lock``."""
    Package.objects.using("default").get_or_create(pk=1)  # so that changes made during the build are counted
    root().mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=root()))
    work.chmod(0o755)  # mkdtemp makes it private; the files are public
    try:
        with _snapshot():
            changes, number = Package.objects.using("default").values_list("changes", "build_number").get(pk=1)
            rows = _write_tables(work)
        built_at = timezone.now().replace(microsecond=0)
        version = Package(build_number=number + 1).version
        created = built_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        _write_metadata(work, version=version, created=created, rows=rows)
        files = _zip(work)
        final = root() / f"build-{number + 1}-{uuid.uuid4().hex[:8]}"
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    Package.objects.using("default").filter(pk=1).update(
        built_changes=changes,
        built_at=built_at,
        build_number=number + 1,
        schema_digest=layout.schema_digest(),
        directory=final.name,
        files=files,
        tables=[{"name": table.name, "rows": rows[table.name]} for table in every_table()],
    )
    _remove_other_builds(keep=final.name)
    return current()


def _remove_other_builds(*, keep: str) -> None:
    # A download still reading an old file keeps it until closed (POSIX).
    for directory in root().glob("build-*"):
        if directory.name != keep:
            shutil.rmtree(directory, ignore_errors=True)


class _TableWriter:
    """One table's CSV file and its rows as JSON lines (for coopdb.json)."""

    def __init__(self, work: Path, table: Table):
        self.columns = table.columns
        self.rows = 0
        csv_path = work / layout.data_path(table)
        csv_path.parent.mkdir(exist_ok=True)
        self.csv_file = csv_path.open("w", encoding="utf-8", newline="")
        self.json_file = (work / f".{table.name}.jsonl").open("w", encoding="utf-8")
        # A byte-order mark, as the API's CSV: spreadsheet programs then read
        # Vietnamese right (frictionless, pandas' utf-8-sig skip it).
        self.csv_file.write("\ufeff")
        self.csv = csv.writer(self.csv_file, lineterminator="\r\n")
        self.csv.writerow([column.name for column in self.columns])

    def write(self, values: list) -> None:
        self.rows += 1
        self.csv.writerow([_cell(column, value) for column, value in zip(self.columns, values, strict=True)])
        record = {column.name: value for column, value in zip(self.columns, values, strict=True)}
        self.json_file.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.csv_file.close()
        self.json_file.close()


def _cell(column, value) -> str:
    # Text that a spreadsheet would run as a formula is prefixed with ' (as
    # the API's CSV; coopdb.json keeps it exact); typed values never start so.
    if column.type == "string":
        return safe_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _write_tables(work: Path) -> dict[str, int]:
    """Every table's public rows; a reference to a row not in the package
    (not public, or hidden by a parent) is left empty, so foreign keys hold."""
    ids = {table.name: table.public_ids() for table in tables()}

    def checked(column, value):
        return value if value is None or not column.references or value in ids[column.references] else None

    rows = {}
    for table in tables():
        writers = {each.name: _TableWriter(work, each) for each in table.all_tables()}
        try:
            for record in table.rows():
                writers[table.name].write([checked(c, c.read(record)) for c in table.columns])
                for child in table.children:
                    for position, item in enumerate(child.items(record), start=1):
                        values = [checked(c, c.read(item)) for c in child.columns[2:]]
                        writers[child.name].write([record.pk, position, *values])
        finally:
            for writer in writers.values():
                writer.close()
        rows.update({name: writer.rows for name, writer in writers.items()})
    return rows


def _write_metadata(work: Path, *, version: str, created: str, rows: dict[str, int]) -> None:
    descriptor = layout.descriptor(version=version, created=created, rows=rows)
    (work / layout.DESCRIPTOR_FILE).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
    (work / layout.README_FILE).write_text(layout.readme(version=version, created=created, rows=rows), "utf-8")
    (work / layout.LICENSE_FILE).write_text(layout.licence_text(version), "utf-8")
    head = {key: descriptor[key] for key in ("name", "title", "title_vi", "version", "created", "licenses")}
    with (work / layout.JSON_FILE).open("w", encoding="utf-8") as out:
        # {"name": ..., "tables": {"organizations": [{...}, ...], ...}}, streamed.
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "tables": {')
        for index, table in enumerate(every_table()):
            out.write(("," if index else "") + f"\n{json.dumps(table.name)}: [")
            lines = work / f".{table.name}.jsonl"
            with lines.open(encoding="utf-8") as source:
                for number, line in enumerate(source):
                    out.write(("," if number else "") + "\n" + line.rstrip("\n"))
            out.write("]")
            lines.unlink()
        out.write("\n}}\n")


def _zip(work: Path) -> dict[str, dict]:
    """The zip of every file; returns each file's size, digest and type."""
    names = [layout.DESCRIPTOR_FILE, layout.README_FILE, layout.LICENSE_FILE, layout.JSON_FILE]
    names += [layout.data_path(table) for table in every_table()]
    with zipfile.ZipFile(work / layout.ZIP_FILE, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(work / name, arcname=name)
    return {name: _describe(work, name) for name in [layout.ZIP_FILE, *names]}


def _describe(work: Path, name: str) -> dict:
    digest = hashlib.sha256()
    with (work / name).open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            digest.update(chunk)
    return {"bytes": (work / name).stat().st_size, "sha256": digest.hexdigest(), "media_type": layout.media_type(name)}
