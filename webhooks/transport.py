"""HTTP(S) to the addresses that passed the check, and no other.

urllib would resolve the host name again to connect, and a name can answer a
public address to the check and a private one a moment later (DNS
rebinding). Here the connection goes to the checked addresses
(webhooks.validators.check_destination), while the request keeps the URL's
host name: in the ``Host`` header and, for https, in TLS (SNI, and the
certificate is verified against that name). Proxies from the environment
are not used: a proxy would resolve the name itself.
"""

import functools
import http.client
import socket
import urllib.request


class _PinnedConnection:
    """Connects to ``addresses`` (getaddrinfo entries) in turn, like
    socket.create_connection, instead of resolving ``self.host``."""

    addresses: list[tuple] = []

    def _open_socket(self) -> socket.socket:
        last_error = None
        for family, kind, proto, _name, sockaddr in self.addresses:
            sock = socket.socket(family, kind, proto)
            try:
                if self.timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(self.timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as error:
                sock.close()
                last_error = error
        raise last_error or OSError(f"no address to connect to for {self.host}")


class PinnedHTTPConnection(_PinnedConnection, http.client.HTTPConnection):
    def __init__(self, host, *, addresses, **kwargs):
        super().__init__(host, **kwargs)
        self.addresses = addresses

    def connect(self):
        self.sock = self._open_socket()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class PinnedHTTPSConnection(_PinnedConnection, http.client.HTTPSConnection):
    def __init__(self, host, *, addresses, **kwargs):
        super().__init__(host, **kwargs)
        self.addresses = addresses

    def connect(self):
        sock = self._open_socket()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # SNI and certificate verification on the URL's host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, addresses):
        super().__init__()
        self.addresses = addresses

    def http_open(self, req):
        return self.do_open(functools.partial(PinnedHTTPConnection, addresses=self.addresses), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, addresses):
        super().__init__()
        self.addresses = addresses

    def https_open(self, req):
        connection = functools.partial(PinnedHTTPSConnection, addresses=self.addresses)
        return self.do_open(connection, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to an address the URL check refused: not followed,
    the attempt fails with the 3xx code."""

    def redirect_request(self, *args, **kwargs):
        return None


def opener(addresses: list[tuple]) -> urllib.request.OpenerDirector:
    """An opener that connects only to ``addresses``, follows no redirect
    and uses no proxy."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _NoRedirect,
        _PinnedHTTPHandler(addresses),
        _PinnedHTTPSHandler(addresses),
    )
