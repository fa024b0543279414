"""DNS rebinding: the name is resolved once per attempt, that answer is
checked, and the connection goes to the checked address and no other
(webhooks.transport). The resolver (socket.getaddrinfo, for one made-up
name only) is the one thing replaced: the network boundary of the test."""

import socket

import pytest

from tests.factories import make_agreement
from tests.webhooks.conftest import run_worker
from webhooks.models import Delivery

NAME = "hooks.rebinding.test"
_real_getaddrinfo = socket.getaddrinfo


@pytest.fixture
def answers(monkeypatch):
    """``answers.append(address)`` for each lookup of NAME, in order; the last
    one repeats. Records the lookups made."""

    class Answers(list):
        lookups = 0

    queue = Answers()

    def getaddrinfo(host, port, *args, **kwargs):
        if host != NAME:
            return _real_getaddrinfo(host, port, *args, **kwargs)
        address = queue[min(queue.lookups, len(queue) - 1)]
        queue.lookups += 1
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return queue


def _url(receiver) -> str:
    return receiver.url.replace("127.0.0.1", NAME)


def _attempt(subscribe, receiver, settings, *, allow_private: bool):
    subscribe(_url(receiver))
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = allow_private
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    make_agreement()
    run_worker()
    return Delivery.objects.get().attempts.get()


def test_a_name_resolving_to_loopback_at_send_time_is_refused(receiver, subscribe, settings, answers):
    answers.append("127.0.0.1")
    attempt = _attempt(subscribe, receiver, settings, allow_private=False)
    assert not attempt.succeeded
    assert attempt.error.startswith("refused: ") and "127.0.0.1" in attempt.error
    assert receiver.received == []


def test_a_name_that_rebinds_after_the_check_is_not_followed(receiver, subscribe, settings, answers):
    """Public to the check, loopback to any later lookup: the attempt goes
    to the public address it checked, never to the local receiver."""
    answers.extend(["1.1.1.1", "127.0.0.1"])
    attempt = _attempt(subscribe, receiver, settings, allow_private=False)
    assert receiver.received == []
    assert not attempt.succeeded and not attempt.error.startswith("refused")
    assert answers.lookups == 1


def test_the_host_name_is_kept_in_the_request(receiver, subscribe, settings, answers):
    """With private addresses allowed (make run), the connection goes to the
    address looked up, and the request still names the URL's host."""
    answers.append("127.0.0.1")
    attempt = _attempt(subscribe, receiver, settings, allow_private=True)
    assert attempt.succeeded
    assert receiver.received[0]["headers"]["Host"] == _url(receiver).split("/")[2]
    assert answers.lookups == 1


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a certificate for NAME only;
    records the SNI name and the Host header it receives."""
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={NAME}",
         "-addext", f"subjectAltName=DNS:{NAME}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    seen = {"sni": [], "host": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"].append(self.headers["Host"])
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen["sni"].append(name)
    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], cert, seen
    server.shutdown()
    server.server_close()


def test_https_verifies_the_certificate_and_sends_sni_for_the_name(tls_server):
    import ssl

    from webhooks.transport import PinnedHTTPSConnection

    port, cert, seen = tls_server
    addresses = [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", port))]
    trusting = ssl.create_default_context(cafile=str(cert))
    connection = PinnedHTTPSConnection(NAME, port=port, addresses=addresses, context=trusting, timeout=5)
    connection.request("GET", "/")
    assert connection.getresponse().status == 200
    connection.close()
    assert seen["sni"] == [NAME] and seen["host"] == [f"{NAME}:{port}"]
    # The same address under another name: the certificate does not match it.
    other = PinnedHTTPSConnection("other.rebinding.test", port=port, addresses=addresses, context=trusting, timeout=5)
    with pytest.raises(ssl.SSLCertVerificationError):
        other.request("GET", "/")
    other.close()
