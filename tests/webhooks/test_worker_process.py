"""The worker as production (and make run) runs it: `manage.py db_worker`, a
process of its own, polling the PostgreSQL test database, stopped by SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from tests.factories import make_agreement
from webhooks import signing
from webhooks.models import Delivery

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def test_the_worker_process_delivers_and_stops_on_sigterm(receiver, subscribe):
    subscription = subscribe(receiver.url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "test",
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        agreement = make_agreement(visibility="public")
        deadline = time.monotonic() + 60
        while not receiver.received and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        assert receiver.received, "the worker delivered nothing within 60 s"
        request = receiver.received[0]
        assert signing.verify(
            subscription.secret,
            timestamp=request["headers"][signing.TIMESTAMP_HEADER],
            delivery_id=request["headers"][signing.DELIVERY_HEADER],
            body=request["body"],
            header=request["headers"][signing.SIGNATURE_HEADER],
            now=time.time(),
        )
        assert f'"id":{agreement.pk}'.encode() in request["body"]
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=30)[0].decode()
    assert worker.returncode == 0, output
    deadline = time.monotonic() + 10
    while Delivery.objects.get().status != "delivered" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert Delivery.objects.get().status == "delivered"
