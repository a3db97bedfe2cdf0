"""Where report templates come from: a hospital's own copy first, then the shipped default.

``DANGJIAN_REPORT_TEMPLATE_DIR`` (a Django setting or an environment variable; default
``<DANGJIAN_DATA_DIR>/report-templates``) holds one folder per 组织编码::

    report-templates/
        HOSP/annual_report.docx        the Word template for 县人民医院党委 and everything under it
        HOSP/narrative.txt             its narrative text (Django template, see narrative.py)
        HOSP/annual_report.md          its Markdown layout
        WJJ/annual_report.docx         a 卫健局 党委's template, used by its hospitals that have none
        annual_report.docx             the installation-wide default (optional)

A report for an organisation looks in the folder of the organisation, then of each organisation
above it (nearest first), then in the top folder, then uses the default shipped in
``dangjian/reports/templates/reports/``. See docs/report-templates.md.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from django.conf import settings
from django.template import Engine, Template

from dangjian.organizations.models import Organization

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates" / "reports"


def template_root() -> Path:
    configured = getattr(settings, "DANGJIAN_REPORT_TEMPLATE_DIR", None) or os.environ.get(
        "DANGJIAN_REPORT_TEMPLATE_DIR"
    )
    if configured:
        return Path(configured)
    return Path(getattr(settings, "DATA_DIR", Path.cwd() / "var")) / "report-templates"


def override_dirs(org: Organization) -> list[Path]:
    """The folders searched for ``org``'s templates, most specific first (existing ones only)."""
    root = template_root()
    if not root.is_dir():
        return []
    ancestors = (
        list(
            Organization.objects.filter(pk__in=org.ancestor_ids())
            .order_by("-depth")
            .values_list("code", flat=True)
        )
        if org.ancestor_ids()
        else []
    )
    dirs = [root / code for code in [org.code, *ancestors]]
    return [d for d in [*dirs, root] if d.is_dir()]


def find_template(org: Organization, name: str) -> Path:
    """The file ``name`` (e.g. ``annual_report.docx``) for ``org``: its own, an ancestor's, or the default."""
    for folder in override_dirs(org):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return PACKAGE_TEMPLATES / name


def load_template(org: Organization, name: str, *, autoescape: bool = False) -> Template:
    """The Django template ``name`` (``narrative.txt``, ``annual_report.md``, ``annual_report.html``)
    for ``org``: a hospital's copy if there is one, else the shipped ``reports/<name>``.

    Text formats render without HTML escaping; the HTML layout with it. Each template is compiled
    once (a hospital's copy again when the file changes): parsing the narrative took most of the
    time of writing it.
    """
    path = find_template(org, name)
    if path.parent != PACKAGE_TEMPLATES:
        stat = path.stat()  # an edited copy has a new key, so it is compiled afresh
        return _compiled_copy(str(path), stat.st_mtime_ns, stat.st_size, autoescape)
    return _engine(autoescape).get_template(
        f"reports/{name}"
    )  # the engine's cached loader keeps it


@functools.lru_cache(maxsize=64)
def _compiled_copy(path: str, _mtime_ns: int, _size: int, autoescape: bool) -> Template:
    """A hospital's copy of a template, compiled (the file's time and size are part of the key)."""
    return _engine(autoescape).from_string(Path(path).read_text(encoding="utf-8"))


@functools.cache
def _engine(autoescape: bool) -> Engine:
    return Engine(
        app_dirs=True,
        autoescape=autoescape,
        libraries={"i18n": "django.templatetags.i18n", "static": "django.templatetags.static"},
    )
