"""The site as ``make bench`` serves it under gunicorn: CoopDB's own settings
plus two measuring views (bench/urls.py). Never used in production."""

from coopdb.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
