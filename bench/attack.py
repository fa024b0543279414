"""Try CoopDB's doors as an attacker would, against a running server, and print what happened.

    .venv/bin/python bench/attack.py http://127.0.0.1:8765 USERNAME PASSWORD

1. 30 wrong passwords for USERNAME, then the right one (from 127.0.0.2);
2. 300 anonymous API requests, each with a different made-up X-Forwarded-For (from 127.0.0.3);
3. 300 API requests with a wrong key (from 127.0.0.4).

Each phase uses its own loopback source address, so their budgets do not mix.
Only run it against a server of your own on this machine.
"""

import http.client
import re
import sys
import time
import urllib.parse
from collections import Counter


class Browser:
    """A tiny cookie-keeping client bound to one loopback source address."""

    def __init__(self, base: str, source: str):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.source = parts.hostname, parts.port or 80, source
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=(self.source, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _sep, rest = value.partition("=")
                self.cookies[cookie_name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, text


def log_in(browser, username, password) -> int:
    _status, page = browser.request("GET", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    status, _page = browser.request("POST", "/admin/login/?next=/admin/", body=form, headers={"Referer": "/admin/"})
    return status


def main(base, username, password):
    started = time.monotonic()
    attacker = Browser(base, "127.0.0.2")
    wrong = Counter(log_in(attacker, username, f"wrong-password-{n}") for n in range(30))
    right = log_in(attacker, username, password)
    print(f"30 wrong passwords: {dict(wrong)}; then the right one: {right} (302 = logged in, 429 = locked out)")

    spoofer = Browser(base, "127.0.0.3")
    spoofed = Counter(
        spoofer.request("GET", "/api/v1/organizations/", headers={"X-Forwarded-For": f"198.51.100.{n % 250}"})[0]
        for n in range(300)
    )
    print(f"300 anonymous API requests with made-up X-Forwarded-For: {dict(spoofed)}")

    guesser = Browser(base, "127.0.0.4")
    guessed = Counter(
        guesser.request("GET", "/api/v1/organizations/", headers={"X-Api-Key": f"guess{n:03d}.{'x' * 32}"})[0]
        for n in range(300)
    )
    print(f"300 API requests with a wrong key: {dict(guessed)}")
    print(f"({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
