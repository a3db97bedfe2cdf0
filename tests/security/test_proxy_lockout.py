"""Behind a real reverse proxy, five failed log-ins from one client lock that client out, not
everybody behind the proxy (issue 15, item 2).

The proxy is a small HTTP server on 127.0.0.1 started by the test; like nginx with
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`` it forwards every request to the
live server and appends the address it received the request from. The clients connect to it
from different loopback addresses (127.0.0.2, 127.0.0.3, …), so the application sees only the
proxy's address in REMOTE_ADDR and each client's own address at the end of X-Forwarded-For.
"""

from __future__ import annotations

import http.client
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dangjian.core.models import AccessEvent, AccessKind

PASSWORD = "Dangjian#2025"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}


def start_proxy(upstream: str):
    target = urllib.parse.urlsplit(upstream)

    class Forward(BaseHTTPRequestHandler):
        def _forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            previous = self.headers.get("X-Forwarded-For")
            client = self.client_address[0]
            headers["X-Forwarded-For"] = f"{previous}, {client}" if previous else client
            upstream_connection = http.client.HTTPConnection(target.hostname, target.port)
            try:
                upstream_connection.request(self.command, self.path, body=body, headers=headers)
                answer = upstream_connection.getresponse()
                content = answer.read()
            finally:
                upstream_connection.close()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _forward

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Browser:
    """A client on its own loopback address that logs in through the proxy."""

    def __init__(self, proxy_port: int, address: str, forwarded_for: str | None = None):
        self.port, self.address, self.forwarded_for = proxy_port, address, forwarded_for
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), timeout=30
        )
        headers = {"Host": "localhost"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:  # what a client may claim about itself
            headers["X-Forwarded-For"] = self.forwarded_for
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for key, value in response.getheaders():
                if key.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";")[0]
            return response.status, response.read().decode()
        finally:
            connection.close()

    def log_in(self, username, password) -> int:
        _, page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        return status


@pytest.fixture
def proxy(live_server, settings):
    settings.DANGJIAN_TRUSTED_PROXIES = 1
    server = start_proxy(live_server.url)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_failures_from_one_client_behind_the_proxy_do_not_lock_out_another(hospital, proxy):
    attacker = Browser(proxy, "127.0.0.2")
    for username in ("alice", "bob", "carol", "dave"):
        assert attacker.log_in(username, "wrong-password") == 200
    assert attacker.log_in("nobody", "wrong-password") == 429  # the fifth failure locks
    assert Browser(proxy, "127.0.0.2").log_in("erin", PASSWORD) == 429  # that client is locked
    assert Browser(proxy, "127.0.0.3").log_in("erin", PASSWORD) == 302  # another one is not
    # The audit log records the same client addresses the lock-out used.
    failed = set(
        AccessEvent.objects.filter(kind=AccessKind.LOGIN_FAILED).values_list(
            "ip_address", flat=True
        )
    )
    assert failed == {"127.0.0.2"}
    assert AccessEvent.objects.get(kind=AccessKind.LOGIN).ip_address == "127.0.0.3"


def test_a_client_cannot_escape_the_lock_out_by_claiming_another_address(hospital, proxy):
    for claimed in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        Browser(proxy, "127.0.0.4", forwarded_for=claimed).log_in("nobody", "wrong-password")
    assert Browser(proxy, "127.0.0.4", forwarded_for="6.6.6.6").log_in("erin", PASSWORD) == 429
    assert Browser(proxy, "127.0.0.5", forwarded_for="127.0.0.4").log_in("erin", PASSWORD) == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.9"),  # no trusted proxy: the header is the client's claim
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the left entry was written by the client
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),  # two proxies: CDN → nginx → app
        (1, "", "10.0.0.9"),  # reached the application directly
        (1, "not-an-address", "10.0.0.9"),
        (1, "1.2.3.4:5678", "1.2.3.4"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_one_function_resolves_the_client_for_axes_and_the_audit_log(
    settings, rf, proxies, forwarded, expected
):
    from axes.helpers import get_client_ip_address

    from dangjian.core.audit import client_ip

    settings.DANGJIAN_TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == get_client_ip_address(request) == expected
