"""Every page as each role sees it on the demo hospital: no Python in the HTML, no raw choice codes.

The pages are the ones the permission matrix walks (tests/security/test_permission_matrix.py):
every parameterless page, and every page taking an object's ``pk`` that only shows it (the
change views — edit, delete, close… — are the matrix's business). Each is rendered, with the
clock at the demo's date, for the demo logins: 党委管理员 ``admin``, 支部书记 ``neike``, 党员
``dangyuan`` and the 卫健局 党委管理员 ``weijianju`` (the demo is built with two hospitals).

A page fails on what a user would see but should not:
- a Python representation: ``<bound method``, ``functools.partial``, `` object at 0x``…;
- ``None`` as the whole of a table cell or a detail value;
- a heading, detail label or form label in English (a model field without a Chinese name);
- a column or detail row of a choice field whose value is not one of the field's labels.
The annual report (its page and its Markdown download) is checked for the same.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import reverse

from dangjian.core import clock
from tests.security.test_permission_matrix import CHANGE_VIEW, page_routes

AS_OF = dt.date(2025, 6, 30)
ROLES = ("admin", "neike", "dangyuan", "weijianju")

# What Python prints for objects it cannot show better.
PYTHON_REPR = re.compile(
    r"<bound method|functools\.partial|<function |<class '| object at 0x|<QuerySet|"
    r"<django\.|Decimal\('|datetime\.(date|datetime)\("
)
# Pages that are downloads, feeds or actions rather than pages to read.
NOT_PAGES = re.compile(r"(:export|_export|lists_export|_download|_evidence|calendar_feed|:logout)")
# Detail pages of rows the demo does not make (checked: the model has no rows in the demo).
NO_DEMO_ROWS = {"evaluations.PointAdjustment", "integrity.Violation"}
# English words that are not field names: abbreviations used as they are in Chinese texts.
ENGLISH_ALLOWED = {"ID", "PDF", "Word", "Excel", "CSV", "JSON", "Markdown", "URL", "IP"}


# --- the demo, built once for the module ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Two small demo hospitals under a 卫健局, in a transaction rolled back after the module.

    Built once (about 10 s): every test here only reads it."""
    from django.db import transaction

    from dangjian.demo.generator import build_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with clock.frozen(AS_OF):
                build_demo(members=60, branches=4, units=2, years=2, as_of=AS_OF)
            yield {user.username: user for user in User.objects.filter(username__in=ROLES)}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def clients(demo, db):
    assert set(demo) == set(ROLES), "the demo should create every login"
    result = {}
    for role in ROLES:
        client = Client()
        client.force_login(demo[role])
        result[role] = client
    with clock.frozen(AS_OF):
        yield result


# --- what the page shows -------------------------------------------------------------------------


class PageText(HTMLParser):
    """Tables (headings and rows of cell texts), detail lists (label, value) and form labels."""

    CELLS = ("th", "td", "dt", "dd", "label")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.pairs: list[tuple[str, str]] = []
        self.labels: list[str] = []
        self._open: list[list] = []  # [tag, collected text, still collecting]
        self._thead = False
        self._dt = ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"headers": [], "rows": []})
        elif tag == "thead":
            self._thead = True
        elif tag == "tr" and self.tables and not self._thead:
            self.tables[-1]["rows"].append([])
        elif tag in self.CELLS:
            self._open.append([tag, [], True])
        elif tag in ("input", "select", "textarea") and self._open:
            self._open[-1][2] = False  # a label's own text is what comes before its control

    def handle_endtag(self, tag):
        if tag == "thead":
            self._thead = False
            return
        if tag not in self.CELLS or not self._open or self._open[-1][0] != tag:
            return
        _tag, parts, _collecting = self._open.pop()
        text = " ".join("".join(parts).split())
        if tag in ("th", "td") and self.tables:
            table = self.tables[-1]
            if self._thead or (tag == "th" and not table["rows"]):
                table["headers"].append(text)
            elif table["rows"]:
                table["rows"][-1].append(text)
        elif tag == "dt":
            self._dt = text
        elif tag == "dd":
            self.pairs.append((self._dt, text))
        elif tag == "label":
            self.labels.append(text)

    def handle_data(self, data):
        for _tag, parts, collecting in self._open:
            if collecting:
                parts.append(data)


def _english_field_names() -> set[str]:
    """Headings Django would make up for a field without a Chinese verbose_name."""
    names = set()
    for model in apps.get_models():
        if not model.__module__.startswith("dangjian."):
            continue
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                names.add(field.name.replace("_", " ").lower())
    return names


ENGLISH_FIELD_NAMES = _english_field_names()


def _is_english(text: str) -> bool:
    words = text.strip(" ：:▲▼*").strip()
    if not words or words in ENGLISH_ALLOWED:
        return False
    return words.lower() in ENGLISH_FIELD_NAMES or bool(re.fullmatch(r"[A-Za-z][A-Za-z _]+", words))


def _choice_field(model, accessor: str) -> models.Field | None:
    """The choice field an accessor (``grade``, ``member.category``, ``get_grade_display``)
    ends on, if any."""
    field = None
    for part in accessor.split("."):
        if model is None:
            return None
        name = (
            part.removeprefix("get_").removesuffix("_display")
            if part.endswith("_display")
            else part
        )
        try:
            field = model._meta.get_field(name)
        except Exception:
            return None
        model = field.related_model
    return field if field is not None and field.choices and not callable(field.choices) else None


def _labels(field: models.Field) -> set[str]:
    return {str(label) for _value, label in field.flatchoices}


def _choice_columns(view_class) -> dict[str, set[str]]:
    """Heading → the labels its cells may show, for the view's columns and detail rows that show
    a choice field."""
    from dangjian.core.views import Column, _resolved

    model = getattr(view_class, "model", None)
    if model is None:
        return {}
    accessors = [column for column in getattr(view_class, "columns", ())]
    accessors += [
        field if isinstance(field, Column) else Column(field)
        for field in getattr(view_class, "fields", ()) or ()
    ]
    result = {}
    for column in accessors:
        if not isinstance(column, Column):
            continue
        field = _choice_field(model, column.accessor)
        if field is not None:
            result[_resolved(column, model).label] = _labels(field)
    return result


def problems(text: str, view_class=None) -> list[str]:
    """What is wrong with a page's HTML, in words."""
    found = []
    shown = html.unescape(text)
    for match in PYTHON_REPR.finditer(shown):
        found.append(
            f"Python in the page: …{shown[max(0, match.start() - 60) : match.end() + 60]}…"
        )
    page = PageText()
    page.feed(text)
    choice_columns = _choice_columns(view_class) if view_class is not None else {}
    for table in page.tables:
        headers = table["headers"]
        for heading in headers:
            if _is_english(heading):
                found.append(f"English table heading: {heading!r}")
        for row in table["rows"]:
            for index, cell in enumerate(row):
                heading = headers[index] if index < len(headers) else ""
                if cell == "None":
                    found.append(f"None in the cell under {heading!r}")
                allowed = choice_columns.get(heading.rstrip(" ▲▼"))
                if allowed is not None and cell and cell not in allowed:
                    found.append(f"{heading!r} shows {cell!r}, not one of its labels")
    for label, value in page.pairs:
        if _is_english(label):
            found.append(f"English label: {label!r}")
        if value == "None":
            found.append(f"None as the value of {label!r}")
        allowed = choice_columns.get(label)
        if allowed is not None and value and value not in allowed:
            found.append(f"{label!r} shows {value!r}, not one of its labels")
    for label in page.labels:
        if _is_english(label):
            found.append(f"English form label: {label!r}")
    found = sorted(set(found))
    return found[:8] + ([f"… and {len(found) - 8} more"] if len(found) > 8 else [])


def markdown_problems(text: str) -> list[str]:
    found = [
        f"Python in the Markdown: …{text[max(0, m.start() - 60) : m.end() + 60]}…"
        for m in PYTHON_REPR.finditer(text)
    ]
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if "None" in cells:
                found.append(f"None in a Markdown table row: {line}")
    if re.search(r"(?<![A-Za-z])None(?![A-Za-z])", text):
        found.append("None in the Markdown text")
    return found


# --- the pages -----------------------------------------------------------------------------------


def _pages():
    routes = []
    for route in page_routes():
        if NOT_PAGES.search(route.name):
            continue
        if route.kwargs == () or (
            route.kwargs == ("pk",) and not CHANGE_VIEW.search(route.name) and route.model_label
        ):
            routes.append(route)
    return routes


PAGES = _pages()


def _object_for(route, user):
    """The first row of the route's model the user may see (None: nothing to show them)."""
    model = apps.get_model(route.model_label)
    manager = model._default_manager
    queryset = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()
    return queryset.order_by("pk").first()


def test_the_walk_covers_list_and_detail_pages():
    names = {route.name for route in PAGES}
    for name in (
        "evaluations:member_evaluation_list",
        "evaluations:secretary_review_list",
        "evaluations:branch_assessment_list",
        "evaluations:ethics_record_list",
        "organizations:member_detail",
        "reports:annual",
    ):
        assert name in names, name


@pytest.mark.parametrize("route", PAGES, ids=lambda route: route.name)
def test_page_shows_no_python_and_every_choice_label(clients, demo, route):
    view_class = getattr(route.callback, "view_class", None)
    rendered = 0
    for role in ROLES:
        if route.kwargs:
            obj = _object_for(route, demo[role])
            if obj is None:
                continue
            url = route.url(pk=obj.pk)
        else:
            url = route.url()
        response = clients[role].get(url)
        assert response.status_code < 500, f"{url} as {role}: {response.status_code}"
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        rendered += 1
        found = problems(response.content.decode(), view_class)
        assert not found, f"{url} as {role}:\n" + "\n".join(found)
    if route.kwargs and route.model_label in NO_DEMO_ROWS:
        assert not apps.get_model(route.model_label)._default_manager.exists()
    elif route.kwargs:
        assert rendered, f"{route.name}: no role could open any row of {route.model_label}"


@pytest.mark.parametrize("role", ["admin", "neike", "weijianju"])
def test_annual_report_html_and_markdown(clients, role):
    url = reverse("reports:annual")
    page = clients[role].get(url, {"year": AS_OF.year - 1})
    assert page.status_code == 200
    found = problems(page.content.decode())
    assert not found, f"report page as {role}:\n" + "\n".join(found)
    markdown = clients[role].get(url, {"year": AS_OF.year - 1, "format": "md"})
    assert markdown.status_code == 200
    found = markdown_problems(markdown.content.decode())
    assert not found, f"report Markdown as {role}:\n" + "\n".join(found)


def test_the_checks_see_each_kind_of_fault():
    """The page checks on a hand-written page: each fault is reported, a good page is not."""
    from dangjian.evaluations.views import MemberEvaluationListView

    good = (
        "<table><thead><tr><th>年度</th><th>评议等次</th></tr></thead>"
        "<tbody><tr><td>2024</td><td>合格</td></tr></tbody></table>"
        "<dl><div><dt>姓名</dt><dd>张三</dd></div></dl><label>年度 <input name=year></label>"
    )
    assert problems(good, MemberEvaluationListView) == []
    bad = (
        "<table><thead><tr><th>年度</th><th>评议等次</th><th>member no</th></tr></thead>"
        "<tbody><tr><td>None</td><td>qualified</td><td>&lt;Member object at 0x7f&gt;</td></tr>"
        "</tbody></table><dl><div><dt>quorum_label</dt><dd>None</dd></div></dl>"
        "<label>Organization <select></select></label>"
    )
    found = "\n".join(problems(bad, MemberEvaluationListView))
    assert "None in the cell under '年度'" in found
    assert "'评议等次' shows 'qualified'" in found
    assert "English table heading: 'member no'" in found
    assert "Python in the page" in found and "object at 0x" in found
    assert "English label: 'quorum_label'" in found
    assert "None as the value of 'quorum_label'" in found
    assert "English form label: 'Organization'" in found
    assert markdown_problems("| 指标 | 数值 |\n| --- | --- |\n| 党员 | None |\n") != []
    assert markdown_problems("| 指标 | 数值 |\n| --- | --- |\n| 党员 | 60 |\n") == []
