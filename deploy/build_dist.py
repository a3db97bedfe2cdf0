"""`make dist`: one archive that installs dangjian on a hospital server with no internet.

    dist/dangjian-<version>-offline-linux-x86_64.tar.gz
      dangjian-<version>/
        wheels/      dangjian's wheel and every dependency's wheel for Linux x86_64, CPython 3.11 and
                     3.12 (manylinux2014), at the versions this checkout is tested with
        static/      the collected static files (CSS, JavaScript, the API docs' Swagger UI), for nginx
        deploy/      nginx.conf, systemd units, dangjian.env.example
        docs/        deployment.md
        install.sh   checks the checksums, creates the virtual environment, installs offline
        SHA256SUMS   a checksum for every other file (`sha256sum -c SHA256SUMS`)
        CHANGELOG.md, LICENSE, README.md

Needs the internet (to download the wheels) and this checkout's .venv. Dependencies that publish only
a source archive are built into wheels here; only pure-Python ones (py3-none-any) are accepted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12")
PLATFORM = "manylinux2014_x86_64"
MISSING = re.compile(r"No matching distribution found for ([A-Za-z0-9_.\-]+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from dangjian import __version__

    name = f"dangjian-{__version__}"
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / name
        wheels = bundle / "wheels"
        wheels.mkdir(parents=True)
        build_wheels(wheels, Path(tmp))
        collect_static(bundle / "static", Path(tmp))
        copy_files(bundle, __version__)
        write_checksums(bundle)
        args.out.mkdir(parents=True, exist_ok=True)
        archive = args.out / f"{name}-offline-linux-x86_64.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(bundle, arcname=name)
    digest = sha256(archive)
    archive.with_name(archive.name + ".sha256").write_text(f"{digest}  {archive.name}\n")
    print(f"{archive} ({archive.stat().st_size // 1024 // 1024} MB, sha256 {digest})")


def pip(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        check=False, capture_output=True, text=True, **kwargs,
    )  # fmt: skip


def build_wheels(wheels: Path, tmp: Path) -> None:
    made = pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT))
    _ok(made, "building dangjian's wheel")
    [own] = wheels.glob("dangjian-*.whl")
    # The versions the test suite ran with: this environment's, dangjian itself excepted.
    frozen = pip("freeze", "--exclude-editable")
    _ok(frozen, "pip freeze")
    constraints = tmp / "constraints.txt"
    constraints.write_text(
        "\n".join(line for line in frozen.stdout.splitlines() if not line.startswith("dangjian"))
    )
    for version in PYTHONS:
        for _attempt in range(20):
            result = pip(
                "download", "--dest", str(wheels), "--find-links", str(wheels),
                "--only-binary=:all:", "--platform", PLATFORM, "--python-version", version,
                "--implementation", "cp", "--constraint", str(constraints), str(own),
            )  # fmt: skip
            if result.returncode == 0:
                break
            missing = MISSING.search(result.stderr)
            if not missing:
                _ok(result, f"downloading wheels for Python {version}")
            build_sdist_wheel(missing.group(1), constraints, wheels)
        else:
            raise SystemExit("too many packages without wheels")


def build_sdist_wheel(requirement: str, constraints: Path, wheels: Path) -> None:
    """A dependency published as a source archive only: build it, and accept it only if pure Python."""
    before = set(wheels.iterdir())
    result = pip(
        "wheel", "--no-deps", "--no-binary", ":all:", "--constraint", str(constraints),
        "-w", str(wheels), requirement,
    )  # fmt: skip
    _ok(result, f"building {requirement} from its source archive")
    for new in set(wheels.iterdir()) - before:
        if not new.name.endswith("-none-any.whl"):
            new.unlink()
            raise SystemExit(f"{requirement} has no wheel and is not pure Python: {new.name}")


def collect_static(target: Path, tmp: Path) -> None:
    env = {
        **os.environ,
        "DANGJIAN_DATA_DIR": str(tmp / "data"),
        "DJANGO_SETTINGS_MODULE": "dangjian.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "dangjian.cli", "collectstatic", "--noinput", "-v0"],
        check=False, env=env, cwd=tmp, capture_output=True, text=True,
    )  # fmt: skip
    _ok(result, "collectstatic")
    shutil.copytree(tmp / "data" / "static", target)


def copy_files(bundle: Path, version: str) -> None:
    for name in ("CHANGELOG.md", "LICENSE", "README.md"):
        shutil.copy2(ROOT / name, bundle / name)
    (bundle / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "deployment.md", bundle / "docs" / "deployment.md")
    shutil.copytree(
        ROOT / "deploy", bundle / "deploy", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    script = (ROOT / "deploy" / "install.sh").read_text().replace("@VERSION@", version)
    (bundle / "install.sh").write_text(script)
    (bundle / "install.sh").chmod(0o755)
    (bundle / "deploy" / "install.sh").unlink()


def write_checksums(bundle: Path) -> None:
    lines = [
        f"{sha256(path)}  {path.relative_to(bundle).as_posix()}"
        for path in sorted(bundle.rglob("*"))
        if path.is_file()
    ]
    (bundle / "SHA256SUMS").write_text("\n".join(lines) + "\n")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _ok(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed:\n{result.stdout}\n{result.stderr}")


if __name__ == "__main__":
    main()
