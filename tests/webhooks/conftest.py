import pytest
from django.core.management import call_command

from api.models import Ministry
from tests.webhooks.receiver import Receiver
from webhooks.models import Subscription


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def local_receivers(settings):
    """The receiver listens on 127.0.0.1, which production refuses."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def ministry(transactional_db):
    return Ministry.objects.create(name="Bộ Công Thương")


@pytest.fixture
def subscribe(ministry, local_receivers):
    def make(url, *, kinds=("agreement",), audience="government", **kw):
        return Subscription.objects.create(
            ministry=ministry, name="mirror", url=url, kinds=list(kinds), audience=audience, **kw
        )

    return make


def run_worker():
    """The queue's own worker loop, in this process: every job that is due, then stop."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
