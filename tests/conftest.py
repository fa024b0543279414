import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

# Playwright's sync API runs an event loop in the test thread; Django would
# then refuse ORM calls made by the test itself.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("COOPDB_CHROMIUM", "/usr/bin/chromium")
# Screenshots of browser tests land here (named in the README, ignored by git).
SCREENSHOT_DIR = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture(autouse=True)
def _postgres_only(db):
    """The suite's promise is PostgreSQL, the production database."""
    assert connection.vendor == "postgresql", "Run the tests with make test (PostgreSQL), not on SQLite."


@pytest.fixture(scope="session", autouse=True)
def _static_files_without_manifest():
    """Pages render without a collectstatic run: with DEBUG off the settings pick
    WhiteNoise's manifest storage, which only ``make run`` and deployments collect."""
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
        yield


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: make test installs it (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            # The machine has no outside network: keep Chromium from trying.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page that records console errors in ``page.console_errors``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """``screenshot("01-home")`` saves test-artifacts/screenshots/01-home.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None):
        path = SCREENSHOT_DIR / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take
