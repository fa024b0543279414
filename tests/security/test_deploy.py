"""Production settings come from the environment: with the documented
production variables `check --deploy --fail-level WARNING` is clean, and
locally management commands need nothing exported."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
    "s.COOPDB_STAFF_OTP_REQUIRED, s.CACHES['default']['BACKEND'])"
)
PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def run(*args, **environment) -> subprocess.CompletedProcess:
    # A clean environment: only what a deployment would set (and the database of this test run).
    base = {"PATH": os.environ["PATH"], "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**overrides) -> dict:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "coopdb.example.gov.vn",
        "CSRF_TRUSTED_ORIGINS": "https://coopdb.example.gov.vn",
        "HTTPS": "1",
        "STAFF_OTP_REQUIRED": "1",
        "TRUSTED_PROXIES": "1",
        "CACHE_URL": "redis://127.0.0.1:6379/0",
        "SECRET_KEY_FILE": "/nonexistent",
        **overrides,
    }


def test_check_deploy_is_clean_with_the_production_variables():
    result = run("check", "--deploy", "--fail-level", "WARNING", **production())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_https():
    result = run("check", "--deploy", "--fail-level", "WARNING", **production(HTTPS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_production_cookies_are_host_prefixed_and_counters_shared():
    result = run("shell", "--no-imports", "-c", PRINT_SETTINGS, **production())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "31536000",
        "True",
        "True",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_local_settings_keep_plain_cookies_and_no_two_factor(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    result = run("shell", "--no-imports", "-c", PRINT_SETTINGS, SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:5] == ["sessionid", "csrftoken", "0", "False", "False"]


def test_without_secret_key_the_generated_key_file_is_read(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("a-generated-key-of-this-checkout\n")
    result = run("shell", "--no-imports", "-c", PRINT_KEY, SECRET_KEY_FILE=str(key_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "a-generated-key-of-this-checkout"


def test_without_secret_key_or_key_file_debug_off_refuses_to_start(tmp_path):
    result = run("check", SECRET_KEY_FILE=str(tmp_path / "missing"))
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize("setting", ["SECRET_KEY", "SECRET_KEY_FILE"])
def test_an_explicit_secret_key_wins_over_the_file(tmp_path, setting):
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-the-file\n")
    environment = {"SECRET_KEY_FILE": str(key_file)}
    if setting == "SECRET_KEY":
        environment["SECRET_KEY"] = "from-the-environment"
    result = run("shell", "--no-imports", "-c", PRINT_KEY, **environment)
    expected = "from-the-environment" if setting == "SECRET_KEY" else "from-the-file"
    assert result.stdout.strip() == expected, result.stderr
