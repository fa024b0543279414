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


@pytest.fixture(scope="session", autouse=True)
def _open_data_outside_the_checkout(tmp_path_factory):
    """Pages and downloads build the open-data package on first request:
    into a temporary folder, never the checkout's var/media."""
    with override_settings(OPEN_DATA_DIR=str(tmp_path_factory.mktemp("open-data"))):
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


def _own_organization():
    from django.conf import settings

    from organizations.models import Organization

    return Organization.objects.get(slug=settings.COOPDB_OWN_ORGANIZATION)


@pytest.fixture
def seed_data(db):
    """The shipped seed data (fixtures/: the two source articles and the public
    sources that complete them), loaded with ``manage.py load_seed`` inside this
    test's transaction, so other tests still start from an empty database.
    Works with ``transactional_db`` and ``live_server`` too. 1–2 s a test
    (see docs/seed-sources.md); for many read-only tests in one module prefer
    ``seed_data_module``. Returns STAMEQ, the registry's own organization."""
    from django.core.management import call_command

    call_command("load_seed", verbosity=0)
    return _own_organization()


@pytest.fixture(scope="module")
def _seed_data_module_transaction(django_db_setup, django_db_blocker):
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seed", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seed_data_module(_seed_data_module_transaction, db):
    """The seed data loaded once per test module, in an outer transaction that
    is rolled back when the module ends; each test runs in a savepoint inside
    it (what Django's ``TestCase.setUpTestData`` does). Use it for a whole
    module (``pytestmark = pytest.mark.usefixtures("seed_data_module")``):
    tests of that module that run after it see the data too. Not for
    ``transactional_db`` or ``live_server`` tests: use ``seed_data`` there.
    Returns STAMEQ."""
    return _own_organization()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No statement time-out in tests: on a loaded machine, creating and dropping
    the test databases can outlast the production default (tests/reliability
    checks that default on the settings themselves)."""
    from django.db import connections

    for alias in connections:
        connections.settings[alias].get("OPTIONS", {}).pop("options", None)
        connections[alias].settings_dict.get("OPTIONS", {}).pop("options", None)


def pytest_addoption(parser):
    parser.addoption(
        "--update-query-counts",
        action="store_true",
        help="write the measured query counts to tests/query_counts.json instead of comparing (tests/query_counts.py)",
    )
