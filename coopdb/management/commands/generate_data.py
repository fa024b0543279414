"""``manage.py generate_data --scale 1k|100k|1m --seed N``: a synthetic registry."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from coopdb import datagen


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated database with a deterministic synthetic registry "
        "(every model, in realistic proportions) for load and performance work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", default="1k", help="Agreements to generate: tiny, 1k, 10k, 100k, 1m or a number (default 1k)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed always gives the same rows.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already holds registry rows (new rows get keys after the existing ones).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, scale, seed, force, no_progress, **options):
        try:
            agreements = datagen.parse_scale(scale)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if datagen.has_data() and not force:
            raise CommandError(
                "This database already holds registry rows; generate_data only fills an empty one. "
                "Use another database, or --force to add the generated rows to these."
            )
        try:
            counts = datagen.generate(agreements=agreements, seed=seed, progress=not no_progress)
        except DatabaseError as exc:
            raise CommandError(f"Nothing was written: {exc}") from exc
        seconds = counts.pop("seconds")
        total = sum(counts.values())
        self.stdout.write(f"Generated {total:,} rows ({agreements:,} agreements, seed {seed}) in {seconds:.1f} s.")
