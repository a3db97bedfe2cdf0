"""Word → PDF with LibreOffice, for previews and for checking the 公文 layout.

Servers rarely have the 公文 fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312). LibreOffice
asks fontconfig for them, so the conversion runs with a fontconfig file that maps each to an
installed CJK font (Noto Serif/Sans CJK SC, AR PL UKai from ``fonts-noto-cjk`` and
``fonts-arphic-ukai``); the .docx itself keeps the proper names, so Word on an office PC uses
the real fonts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: 公文 font → installed substitutes, best first (fontconfig picks the first it has).
SUBSTITUTES = {
    "方正小标宋简体": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "方正小标宋_GBK": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "仿宋_GB2312": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "仿宋": ["Noto Serif CJK SC", "AR PL UMing CN"],
    "楷体_GB2312": ["AR PL UKai CN", "Noto Serif CJK SC"],
    "楷体": ["AR PL UKai CN", "Noto Serif CJK SC"],
    "黑体": ["Noto Sans CJK SC"],
    "宋体": ["Noto Serif CJK SC", "AR PL UMing CN"],
}
#: Substitutes that should be drawn bold (小标宋 is a heavy face; Noto Serif's regular is light).
BOLD = {"方正小标宋简体", "方正小标宋_GBK"}


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def fontconfig_file(folder: Path) -> Path:
    rules = []
    for name, substitutes in SUBSTITUTES.items():
        families = "".join(f"<string>{family}</string>" for family in substitutes)
        weight = (
            '<edit name="weight" mode="assign"><const>bold</const></edit>' if name in BOLD else ""
        )
        rules.append(
            f'<match target="pattern"><test name="family"><string>{name}</string></test>'
            f'<edit name="family" mode="prepend" binding="strong">{families}</edit>{weight}</match>'
        )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        + "".join(rules)
        + "</fontconfig>",
        encoding="utf-8",
    )
    return path


def docx_to_pdf(docx: Path, out_dir: Path, *, timeout: int = 180) -> Path:
    """Convert ``docx`` to PDF in ``out_dir`` with headless LibreOffice; return the PDF's path."""
    binary = libreoffice()
    if binary is None:
        raise RuntimeError(
            "LibreOffice is not installed (apt-get install libreoffice-writer fonts-noto-cjk)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dangjian-lo-") as work:
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(Path(work))), HOME=work)
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not write {pdf}")
    return pdf
