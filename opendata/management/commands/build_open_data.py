from django.core.management.base import BaseCommand

from opendata import services


class Command(BaseCommand):
    help = (
        "Build the open-data package (/open-data/) now, e.g. from cron or a job queue, or after a bulk "
        "load that sent no signals. With --if-stale, only when the data changed since the last build."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-stale", action="store_true", help="Do nothing when the package is up to date.")

    def handle(self, *args, if_stale=False, **options):
        with services.build_lock(wait=True):
            package = services.current()
            if if_stale and services.is_fresh(package):
                self.stdout.write(f"Open data {package.version} is up to date.")
                return
            package = services.build()
        rows = sum(table["rows"] for table in package.tables)
        self.stdout.write(
            f"Built open data {package.version}: {len(package.tables)} tables, {rows} rows, "
            f"{package.files['coopdb-open-data.zip']['bytes']} bytes, in {services.path_of(package, '')}"
        )
