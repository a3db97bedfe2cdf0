"""The offline bundle installs on a machine with no internet: `make dist`'s archive, unpacked, checks
its checksums and installs into a fresh virtual environment with pip's network cut off; the installed
`dangjian` migrates a new database and serves a page.

Marked slow (run by .ci/run's last step with DANGJIAN_SLOW_TESTS=1): building the bundle downloads
~45 wheels (~47 MB) and collects the static files, installing it unpacks them into a new venv — a
minute or more.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

import pytest

import dangjian
from tests.security.scratch_db import ROOT

pytestmark = pytest.mark.slow
# The interpreter the venv was made from, not the venv: the bundle gets a venv of its own.
BASE_PYTHON = str(
    Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
)


def offline_env(tmp_path: Path) -> dict[str, str]:
    """No pip configuration, no index, and a proxy that answers nothing: any download fails."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "DANGJIAN_", "DJANGO_"))
    }
    env.update(
        {
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_NO_INDEX": "1",
            "http_proxy": "http://127.0.0.1:9",
            "https_proxy": "http://127.0.0.1:9",
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "DANGJIAN_DATA_DIR": str(tmp_path / "data"),
            "HOME": str(tmp_path),
        }
    )
    return env


def test_bundle_installs_and_serves_without_network(tmp_path):
    built = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "build_dist.py"), "--out", str(tmp_path / "dist")],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    version = dangjian.__version__
    [archive] = (tmp_path / "dist").glob("*.tar.gz")
    assert archive.name == f"dangjian-{version}-offline-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    bundle = tmp_path / "unpacked" / f"dangjian-{version}"
    wheels = {p.name for p in (bundle / "wheels").iterdir()}
    for python in ("cp311", "cp312"):  # the compiled dependencies for both interpreters
        assert any(n.startswith("psycopg_binary-") and f"-{python}-" in n for n in wheels)
        assert any(n.startswith("lxml-") and f"-{python}-" in n for n in wheels)
    assert f"dangjian-{version}-py3-none-any.whl" in wheels
    assert (bundle / "static" / "dangjian" / "site.css").is_file()
    assert (bundle / "deploy" / "nginx.conf").is_file()
    listed = (bundle / "SHA256SUMS").read_text()
    assert f"  wheels/dangjian-{version}-py3-none-any.whl" in listed

    env = offline_env(tmp_path)
    prefix = tmp_path / "opt"
    installed = subprocess.run(
        [str(bundle / "install.sh"), str(prefix)], env={**env, "PYTHON": BASE_PYTHON},
        capture_output=True, text=True,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (tmp_path / "data" / "static" / "dangjian" / "site.css").is_file()
    venv = prefix / "venv" / "bin"
    assert (
        subprocess.run(
            [venv / "dangjian", "--version"], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        == f"dangjian {version}"
    )

    subprocess.run([venv / "dangjian", "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [venv / "dangjian", "serve", "--no-demo", "--port", str(port)],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for _ in range(300):
            try:
                page = opener.open(f"http://127.0.0.1:{port}/accounts/login/", timeout=5)
                break
            except OSError:
                assert server.poll() is None, "dangjian serve exited"
                time.sleep(0.2)
        else:
            raise AssertionError("dangjian serve did not answer")
        assert page.status == 200
        assert f"dangjian {version}" in page.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_tampered_bundle_is_refused(tmp_path):
    """install.sh checks SHA256SUMS before installing anything (a bundle copied on a USB stick)."""
    bundle = tmp_path / "bundle"
    (bundle / "wheels").mkdir(parents=True)
    (bundle / "wheels" / "x.whl").write_bytes(b"original")
    script = (ROOT / "deploy" / "install.sh").read_text().replace("@VERSION@", dangjian.__version__)
    (bundle / "install.sh").write_text(script)
    (bundle / "install.sh").chmod(0o755)
    subprocess.run("sha256sum wheels/x.whl > SHA256SUMS", shell=True, cwd=bundle, check=True)
    (bundle / "wheels" / "x.whl").write_bytes(b"changed")
    result = subprocess.run(
        [str(bundle / "install.sh"), str(tmp_path / "opt")],
        env=offline_env(tmp_path), capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr
    assert not (tmp_path / "opt").exists()
