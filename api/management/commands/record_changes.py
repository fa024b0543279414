"""Note every record in the change log (after loading fixtures or generated data)."""

from django.core.management.base import BaseCommand

from api.changes import record_all


class Command(BaseCommand):
    help = (
        "Record every record of every API list in the change log, as it is now. Run it after loaddata, "
        "load_seed or the benchmark generator, which send no save signal; records already logged as they are "
        "make no new entry."
    )

    def handle(self, *args, **options):
        count = record_all()
        if options["verbosity"]:
            self.stdout.write(f"{count} change(s) recorded.")
