import io
import zipfile

import pytest

from tests.api.conftest import ENDPOINTS
from tests.factories import make_organization, make_organization_name


@pytest.fixture(autouse=True)
def open_data_dir(settings, tmp_path):
    """Each test builds into its own folder."""
    settings.OPEN_DATA_DIR = str(tmp_path / "open-data")
    return tmp_path / "open-data"


@pytest.fixture
def public_records():
    """One complete public record of every API list (nested rows, optional
    references and private fields filled: tests/api/conftest.py)."""
    records = {endpoint.basename: endpoint.build() for endpoint in ENDPOINTS}
    union = make_organization(acronym="EU", member_countries=["FR", "DE"])
    make_organization_name(organization=union, name_vi="Cộng đồng châu Âu", acronym="EC")
    return records


def zip_members(response) -> dict[str, bytes]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def run_worker():
    """The queue's own worker loop, in this process: every job that is due, then stop."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


def queued_builds() -> int:
    from django_tasks_db.models import DBTaskResult

    from opendata.tasks import build_package

    return DBTaskResult.objects.ready().filter(task_path=build_package.module_path).count()
