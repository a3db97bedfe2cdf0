#!/bin/sh
# Installs dangjian @VERSION@ from this bundle, with no network:
#   sudo ./install.sh [PREFIX]        (default PREFIX: /opt/dangjian; the venv is PREFIX/venv)
# An existing venv is upgraded in place; afterwards run `PREFIX/venv/bin/dangjian upgrade` with the
# service's environment (docs/deployment.md). Set DANGJIAN_DATA_DIR to also copy the static files
# to $DANGJIAN_DATA_DIR/static for nginx. PYTHON chooses the interpreter (3.11 or 3.12).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${1:-/opt/dangjian}
PYTHON=${PYTHON:-python3}

cd "$HERE"
echo "校验安装包文件 / checking the bundle's checksums ..."
sha256sum --check --quiet SHA256SUMS

version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
case "$version" in
    3.11|3.12) ;;
    *) echo "需要 Python 3.11 或 3.12，当前是 $version（用 PYTHON=/path/to/python3.11 指定）" >&2; exit 1 ;;
esac

if [ ! -x "$PREFIX/venv/bin/python" ]; then
    "$PYTHON" -m venv "$PREFIX/venv"
fi
# --no-index: never ask a package index, only this bundle's wheels.
# --isolated: no pip configuration or PIP_* variable of this machine changes what is installed.
"$PREFIX/venv/bin/python" -m pip install --isolated --no-index --find-links "$HERE/wheels" \
    --disable-pip-version-check --upgrade "dangjian==@VERSION@"

if [ -n "${DANGJIAN_DATA_DIR:-}" ]; then
    mkdir -p "$DANGJIAN_DATA_DIR/static"
    cp -R "$HERE/static/." "$DANGJIAN_DATA_DIR/static/"
fi
echo "已安装 dangjian @VERSION@ 到 $PREFIX/venv / installed."
echo "下一步 / next: $PREFIX/venv/bin/dangjian upgrade   (见 docs/deployment.md)"
