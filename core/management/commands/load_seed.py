"""Load every fixture in fixtures/ in name order. Natural keys make it idempotent."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

FIXTURE_SUFFIXES = {".json", ".yaml", ".yml"}


def seed_fixtures() -> list[Path]:
    folder = Path(settings.BASE_DIR) / "fixtures"
    return sorted(p for p in folder.iterdir() if p.suffix in FIXTURE_SUFFIXES) if folder.is_dir() else []


class Command(BaseCommand):
    help = "Load the seed data shipped in fixtures/ (safe to run again)."

    def handle(self, *args, **options):
        fixtures = seed_fixtures()
        if not fixtures:
            self.stdout.write("No fixtures to load.")
            return
        call_command("loaddata", *[str(p) for p in fixtures], verbosity=options["verbosity"])
