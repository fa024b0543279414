"""Queries and time of each admin list page, with N rows of every model.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coopdb SECRET_KEY=x .venv/bin/python bench/admin_lists.py [N]

Works in a throwaway test database (test_<name>, created and dropped here);
the real database is never touched. The query count must not depend on N.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdb.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

from tests.samples import MODELS, make_sample  # noqa: E402

PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def measure(client, model, repeats=5):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, url
    return len(captured), statistics.median(timings) * 1000


def main(rows: int):
    warnings.filterwarnings("ignore", "No directory at")  # static files are not collected here
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(STORAGES={**django.conf.settings.STORAGES, "staticfiles": PLAIN_STATIC}):
            for model in MODELS:
                for _ in range(rows):
                    make_sample(model)
            client = Client(HTTP_HOST="localhost")
            client.force_login(User.objects.create_superuser("bench", password=None))
            print(f"{'admin list page':40} {'rows':>6} {'queries':>8} {'median ms':>10}")
            for model in MODELS:
                queries, ms = measure(client, model)
                print(f"{model._meta.label:40} {model.objects.count():>6} {queries:>8} {ms:>10.1f}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
