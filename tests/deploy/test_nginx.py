"""deploy/nginx.conf in front of gunicorn, as a hospital runs them: TLS with a certificate (here a
self-signed one made by the test), static files from nginx, an upload, and the client's address —
not nginx's — in the audit log.

The client connects from 127.0.0.5 and nginx forwards from 127.0.0.1, so the two addresses differ.
Skipped when nginx or openssl is absent (.ci/run installs Debian's nginx). Starting gunicorn and
collecting the static files take a few seconds.
"""

from __future__ import annotations

import functools
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import dangjian
from tests.security.scratch_db import ROOT, scratch_database
from tests.security.scratch_db import dangjian as run_dangjian

NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None
)
pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)"),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed"),
]

CLIENT = "127.0.0.5"
CONF = ROOT / "deploy" / "nginx.conf"
SETUP = """
from django.contrib.auth.models import User
from dangjian.organizations.models import OrgType, Profile, Role
from tests.factories import OrganizationFactory, OrgLifeEventFactory
root = OrganizationFactory(code="HOSP", name="县人民医院党委", org_type=OrgType.PARTY_COMMITTEE)
event = OrgLifeEventFactory(organization=OrganizationFactory(code="A", parent=root))
user = User.objects.create_user("carol", password="Dangjian#2025")
Profile.objects.create(user=user, role=Role.PARTY_ADMIN)
print(event.pk)
"""
AUDIT = """
import json
from dangjian.core.models import AccessEvent
from dangjian.orglife.models import EventAttachment
print(json.dumps({
    "logins": list(AccessEvent.objects.filter(kind="login").values_list("username", "ip_address")),
    "uploads": list(EventAttachment.history.values_list("original_name", "ip_address")),
}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}:\n{log.read_text()}")


def site_config(static_root: Path, cert: Path, key: Path, app_port: int, tls_port: int) -> str:
    """deploy/nginx.conf with this test's paths and ports; each replaced text must be there."""
    text = CONF.read_text()
    for old, new in (
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{free_port()};"),
        ("/etc/dangjian/tls/dangjian.crt", str(cert)),
        ("/etc/dangjian/tls/dangjian.key", str(key)),
        ("alias /var/lib/dangjian/static/;", f"alias {static_root}/;"),
    ):
        assert old in text, f"deploy/nginx.conf no longer has {old!r}"
        text = text.replace(old, new)
    return text


def main_config(tmp: Path, site: str) -> str:
    user = (
        "user root;\n" if os.geteuid() == 0 else ""
    )  # workers must read the test's private folder
    temp = "".join(
        f"{kind}_temp_path {tmp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'nginx-error.log'};\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log {tmp / 'nginx-access.log'};\n{temp}{site}\n}}\n"
    )


class Browser:
    """urllib with cookies, trusting the test's certificate, connecting from CLIENT."""

    def __init__(self, base: str, cafile: Path, source: str = CLIENT):
        self.base = base
        context = ssl.create_default_context(cafile=str(cafile))
        self.cookies = http.cookiejar.CookieJar()
        handler = _SourceHTTPSHandler(context=context)
        handler.source = source
        self.opener = urllib.request.build_opener(
            handler, urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def get(self, path: str, **headers):
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            return self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            return error

    def post(self, path: str, data: bytes, content_type: str, **headers):
        headers = {
            "Content-Type": content_type,
            "Origin": self.base,
            "Referer": self.base + path,
            **headers,
        }
        request = urllib.request.Request(
            self.base + path, data=data, headers=headers, method="POST"
        )
        try:
            return self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            return error

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")


class _SourceHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        connection = functools.partial(http.client.HTTPSConnection, source_address=(self.source, 0))
        return self.do_open(connection, req, context=self._context)


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    boundary = "----dangjian-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content, ctype) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """One nginx and one gunicorn for the module's tests (each start costs seconds)."""
    tmp_path = tmp_path_factory.mktemp("nginx")
    cert, key = tmp_path / "dangjian.crt", tmp_path / "dangjian.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    app_port, tls_port = free_port(), free_port()
    base = f"https://127.0.0.1:{tls_port}"
    data = tmp_path / "data"
    with scratch_database(tmp_path) as url:
        env = {
            **os.environ,
            "DANGJIAN_DATABASE_URL": url,
            "DANGJIAN_DATA_DIR": str(data),
            "DANGJIAN_SECRET_KEY": "nginx-test-secret-key-that-is-long-and-random-7c1e9d",
            "DANGJIAN_HTTPS": "true",
            "DANGJIAN_BEHIND_PROXY": "true",
            "DANGJIAN_ALLOWED_HOSTS": "127.0.0.1",
            "DANGJIAN_CSRF_TRUSTED_ORIGINS": base,
            "DANGJIAN_HEALTH_MIN_FREE_MB": "1",  # the machine's free space is not under test
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        old = os.environ.copy()
        os.environ.update({k: v for k, v in env.items() if k.startswith("DANGJIAN_")})
        try:
            run_dangjian(url, "migrate", "-v0")
            run_dangjian(url, "collectstatic", "--noinput", "-v0")
            event_pk = int(run_dangjian(url, "shell", "--no-imports", "-c", SETUP).stdout)
        finally:
            os.environ.clear()
            os.environ.update(old)
        gunicorn_log = tmp_path / "gunicorn.log"
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dangjian.wsgi", "--bind", f"127.0.0.1:{app_port}",
             "--workers", "1", "--timeout", "300"],
            cwd=ROOT, env=env, stdout=gunicorn_log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        (tmp_path / "nginx.conf").write_text(
            main_config(tmp_path, site_config(data / "static", cert, key, app_port, tls_port))
        )
        nginx = subprocess.Popen(
            [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=(tmp_path / "nginx-start.log").open("w"),
        )  # fmt: skip
        try:
            wait_for(app_port, gunicorn, gunicorn_log)
            wait_for(tls_port, nginx, tmp_path / "nginx-start.log")
            yield {
                "browser": Browser(base, cert),
                "cert": cert,
                "base": base,
                "tls_port": tls_port,
                "app_port": app_port,
                "event": event_pk,
                "static": data / "static",
                "audit": lambda: json.loads(
                    run_dangjian(url, "shell", "--no-imports", "-c", AUDIT).stdout
                ),
                "gunicorn_log": gunicorn_log,
            }
        finally:
            for process in (nginx, gunicorn):
                process.terminate()
                process.wait(timeout=30)


def test_pages_static_files_upload_and_client_address_through_nginx(stack):
    browser = stack["browser"]

    page = browser.get("/accounts/login/")
    assert page.status == 200  # no redirect loop: X-Forwarded-Proto tells Django it is HTTPS
    body = page.read().decode()
    assert f"dangjian {dangjian.__version__}" in body
    assert page.headers["X-Request-ID"]
    assert "Secure" in page.headers["Set-Cookie"]  # cookies marked secure behind TLS

    # The client sends a forged X-Forwarded-For; nginx replaces it with the real address.
    login = browser.post(
        "/accounts/login/",
        urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": browser.csrf(),
                "username": "carol",
                "password": "Dangjian#2025",
            }
        ).encode(),
        "application/x-www-form-urlencoded",
        **{"X-Forwarded-For": "6.6.6.6"},
    )
    assert login.status == 200 and login.url == stack["base"] + "/"
    assert "carol" in login.read().decode()

    css = browser.get("/static/dangjian/site.css")
    assert css.status == 200
    assert css.read() == (stack["static"] / "dangjian" / "site.css").read_bytes()
    assert "X-Request-ID" not in css.headers  # served by nginx, not by the application
    assert css.headers.get_all("Cache-Control") == ["max-age=604800", "public"]  # expires 7d

    pdf = b"%PDF-1.4\n% dangjian upload through nginx\n" + b"0" * 200_000 + b"\n%%EOF\n"
    data, content_type = multipart(
        {"csrfmiddlewaretoken": browser.csrf(), "kind": "minutes"},
        {"file": ("会议记录.pdf", pdf, "application/pdf")},
    )
    upload = browser.post(f"/orglife/{stack['event']}/attachments/", data, content_type)
    assert upload.status == 200
    page = upload.read().decode()
    assert "已上传附件" in page
    link = re.search(r'href="(/orglife/attachments/\d+/)"', page).group(1)
    assert browser.get(link).read() == pdf

    health = browser.get("/healthz")
    assert json.loads(health.read())["checks"]["database"]["ok"]
    # Monitoring may ask gunicorn directly over plain HTTP: no redirect to HTTPS for /healthz.
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
        f"http://127.0.0.1:{stack['app_port']}/healthz", timeout=30
    )
    assert direct.status == 200 and direct.url.startswith("http://")

    audit = stack["audit"]()
    assert audit["logins"] == [["carol", CLIENT]]
    assert audit["uploads"] == [["会议记录.pdf", CLIENT]]
    log = stack["gunicorn_log"].read_text()
    assert re.search(
        rf"\[\w+ carol {re.escape(CLIENT)}\] POST /orglife/{stack['event']}/attachments/ 302 ", log
    )


def test_nginx_refuses_a_body_over_the_upload_limit(stack):
    connection = http.client.HTTPSConnection(
        "127.0.0.1",
        stack["tls_port"],
        context=ssl.create_default_context(cafile=str(stack["cert"])),
        source_address=(CLIENT, 0),
    )
    connection.putrequest("POST", "/workbook/import/")
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(61 * 1024 * 1024))  # above client_max_body_size 60m
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_gunicorn_waits_at_least_as_long_as_nginx():
    unit = (ROOT / "deploy" / "dangjian.service").read_text()
    conf = CONF.read_text()
    gunicorn_timeout = int(re.search(r"--timeout (\d+)", unit).group(1))
    nginx_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert nginx_timeout >= 300  # a bureau report with its Word file
    assert gunicorn_timeout >= nginx_timeout


def test_lockout_through_nginx_keys_on_the_client_not_the_proxy(stack):
    """Issue 15 item 2 end to end: behind nginx every request comes from 127.0.0.1, so a lock-out
    keyed on REMOTE_ADDR would lock every user out after one client's failures."""

    def login(source: str, username: str, password: str):
        browser = Browser(stack["base"], stack["cert"], source=source)
        browser.get("/accounts/login/")
        return browser.post(
            "/accounts/login/",
            urllib.parse.urlencode(
                {"csrfmiddlewaretoken": browser.csrf(), "username": username, "password": password}
            ).encode(),
            "application/x-www-form-urlencoded",
        )

    # Different user names each time: only the address can reach the limit (5).
    for n in range(5):
        login("127.0.0.6", f"guess{n}", "wrong-password")
    assert login("127.0.0.6", "guess9", "wrong-password").status == 429

    other = login("127.0.0.7", "carol", "Dangjian#2025")
    assert other.status == 200 and other.url == stack["base"] + "/"
