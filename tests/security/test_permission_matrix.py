"""The authorisation matrix: every page URL and API endpoint, as each role, against rows of branch A
and branch B.

The URLs are discovered from the resolver and the API router at test time, so a page or endpoint
added later is walked too; a function view whose object cannot be worked out fails
``test_every_object_url_is_in_the_matrix`` until it is declared in FUNCTION_VIEW_MODELS.

Roles (tests/conftest.py): carol 党委管理员, alice 支部书记 of A, bob 党员 of A, anonymous; and
(made here) lena, a 党委管理员 whose profile is limited to branch A.
Expected, by declaration here (not by asking the scoping code):
- a row of A: carol, lena and alice may open it (and change it); bob may not (it is not his own
  record);
- a row of B: carol only;
- rows that only the 党委管理员 may see (违纪违规, the audit log, the import page): carol, and
  lena for those of A;
- anonymous: pages redirect to the log-in page, the API answers 401/403.
The structural writes (moving organisations, creating top-level ones, attendance across branches)
have their own table at the end.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from dangjian.organizations.models import Member, Organization

ROLES = ("carol", "lena", "alice", "bob", "anonymous")
# 党委管理员: carol manages everything, lena only branch A.
ADMINS = ("carol", "lena")
DENIED = {403, 404}
# A GET on a POST-only view is 405 for everyone: it reveals nothing; the POST test decides.
DENIED_GET = DENIED | {405}
# A write refused because the endpoint is read-only is a refusal too.
DENIED_WRITE = DENIED | {405}
# Pages that answer 404 without their query parameters (the figure's key, year and organisation).
NEEDS_QUERY = {"reports:figure"}

# Function views that take an object's pk: which model the pk names.
FUNCTION_VIEW_MODELS = {
    "orglife:calendar_feed": "organizations.Organization",
    "orglife:event_attendance": "orglife.OrgLifeEvent",
    "orglife:attachment_upload": "orglife.OrgLifeEvent",
    "orglife:attachment_download": "orglife.EventAttachment",
    "orglife:attachment_delete": "orglife.EventAttachment",
    "development:case_advance": "development.DevelopmentCase",
    "development:case_extend": "development.DevelopmentCase",
    "development:case_cancel": "development.DevelopmentCase",
    "rectification:item_close": "rectification.RectificationItem",
    "rectification:item_reopen": "rectification.RectificationItem",
    "rectification:item_evidence": "rectification.RectificationItem",
    "rectification:item_signoff": "rectification.RectificationItem",
    "implementation:checkin_evidence": "implementation.CheckIn",
    "evaluations:member_points": "organizations.Member",
    "dues:member_dues": "organizations.Member",
}

# Views that change something (GET may show a form; POST as a denied role must change nothing).
CHANGE_VIEW = re.compile(
    r"(_edit|_delete|_attendance|_advance|_extend|_cancel|_close|_reopen|_signoff|_upload)$"
)
# Pages and rows for the 党委管理员 alone.
ADMIN_ONLY = re.compile(r"^(core:audit|workbook:import|integrity:violation)")
ADMIN_ONLY_MODELS = {"integrity.Violation"}
# Parameterless pages an ordinary member may not open.
MANAGER_ONLY = re.compile(
    r"(_create|:export|_export|lists_export|compliance:rules|compliance:calendar|factcheck:|reports:|web:dashboard)"
)
# Not part of the product's own pages: Django's auth views and admin (which has its own checks),
# the API (walked through the router below) and the media files served in DEBUG; /healthz is public
# by design for monitoring and shows no records (tests/deploy/test_health_and_logs.py).
SKIPPED_PREFIXES = ("admin/", "accounts/", "api/", "media/", "healthz")


@dataclass(frozen=True)
class Route:
    template: str
    name: str
    callback: object
    kwargs: tuple[str, ...]

    @property
    def model_label(self) -> str | None:
        if self.name in FUNCTION_VIEW_MODELS:
            return FUNCTION_VIEW_MODELS[self.name]
        view_class = getattr(self.callback, "view_class", None)
        model = getattr(view_class, "model", None)
        return model._meta.label if model is not None else None

    @property
    def changes(self) -> bool:
        return bool(CHANGE_VIEW.search(self.name))

    def url(self, **kwargs) -> str:
        return reverse(self.name, kwargs=kwargs)


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            template = prefix + str(pattern.pattern)
            if template.startswith(SKIPPED_PREFIXES):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(template, name, pattern.callback, tuple(pattern.pattern.converters))


def page_routes() -> list[Route]:
    return sorted(
        {route.name: route for route in _walk(get_resolver().url_patterns)}.values(),
        key=lambda route: route.name,
    )


PAGES_WITHOUT_ARGS = [route for route in page_routes() if not route.kwargs]
PAGES_WITH_PK = [route for route in page_routes() if route.kwargs == ("pk",)]


# --- rows of branch A and B, made for any model from its fields ------------------------------------

_counter = itertools.count(1)


def _value(field: models.Field):
    n = next(_counter)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.FileField):
        return ContentFile(b"matrix test file", name=f"matrix-{n}.txt")
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2025, 6, 1)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal("1")
    if isinstance(field, models.FloatField):
        return 1.0
    if isinstance(field, models.IntegerField):
        return 2025 if "year" in field.name else 1
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.EmailField):
        return f"m{n}@example.cn"
    if isinstance(field, models.URLField):
        return f"https://example.cn/{n}"
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, (models.CharField, models.TextField)):
        text = f"矩阵{n}"
        return text[: field.max_length] if field.max_length else text
    raise NotImplementedError(f"no test value for {field!r}")


def make_row(model, org: Organization, member: Member, owner: User):
    """A row of ``model`` belonging to ``org`` (and linked to ``member`` wherever it links to one)."""
    if model is Organization:
        return org
    if model is Member:
        return member
    if model is User:
        return owner
    values = {}
    for field in model._meta.concrete_fields:
        if (
            field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        ):
            continue
        if field.is_relation:
            if field.related_model in (Organization, Member) or not field.null:
                values[field.name] = make_row(field.related_model, org, member, owner)
            continue
        if isinstance(field, models.FileField):
            values[field.name] = _value(field)
            continue
        if (
            field.has_default()
            or field.null
            or (field.blank and isinstance(field, (models.CharField, models.TextField)))
        ):
            continue
        values[field.name] = _value(field)
    return model._default_manager.create(**values)


@pytest.fixture
def hospital(hospital):
    """The suite's hospital plus lena, a 党委管理员 limited to branch A (issue 15 item 3)."""
    from dangjian.organizations.models import Profile, Role

    hospital.lena = User.objects.create_user("lena", password="Dangjian#2025")
    Profile.objects.create(
        user=hospital.lena, role=Role.PARTY_ADMIN, organization=hospital.branch_a
    )
    return hospital


@pytest.fixture
def rows(hospital, settings, tmp_path):
    """(row of A, row of B) per model label, made on demand."""
    settings.MEDIA_ROOT = tmp_path
    made: dict[str, tuple] = {}

    def pair(label: str):
        if label not in made:
            from django.apps import apps

            model = apps.get_model(label)
            made[label] = (
                make_row(model, hospital.branch_a, hospital.alice_member, hospital.alice),
                make_row(model, hospital.branch_b, hospital.dave_member, hospital.dave),
            )
        return made[label]

    return pair


def _client(hospital, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(hospital, role))
    return client


def _redirects_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _refuses_anonymous(response) -> bool:
    """Pages send strangers to the log-in page; feeds and entries may simply refuse them."""
    return _redirects_to_login(response) or response.status_code in (401, 403)


# --- the tests ---------------------------------------------------------------------------------------


def test_every_object_url_is_in_the_matrix():
    unknown = [route.name for route in PAGES_WITH_PK if route.model_label is None]
    odd = [
        route.name
        for route in page_routes()
        if route.kwargs and route.kwargs != ("pk",) and route.name != "core:audit_entry"
    ]
    assert not unknown, f"declare the model of these views in FUNCTION_VIEW_MODELS: {unknown}"
    assert not odd, f"pages with other URL arguments need their own matrix rows: {odd}"


@pytest.mark.parametrize("route", PAGES_WITHOUT_ARGS, ids=lambda route: route.name)
def test_pages_without_arguments(hospital, route):
    anonymous = _client(hospital, "anonymous").get(route.url())
    assert _refuses_anonymous(anonymous), f"{route.name}: anonymous got {anonymous.status_code}"
    for role in ("carol", "lena", "alice", "bob"):
        response = _client(hospital, role).get(route.url())
        assert response.status_code < 500, f"{route.name} as {role}: {response.status_code}"
        if role in ADMINS:
            allowed = True
        elif ADMIN_ONLY.search(route.name):
            allowed = False
        else:
            allowed = role == "alice" or not MANAGER_ONLY.search(route.name)
        if allowed and route.name in NEEDS_QUERY:
            assert response.status_code in (200, 400, 404), (
                f"{route.name} as {role}: {response.status_code}"
            )
        elif allowed:
            assert response.status_code in (200, 302, 405), (
                f"{route.name} as {role}: {response.status_code}"
            )
            if response.status_code == 302:
                assert not _redirects_to_login(response)
        else:
            assert response.status_code in DENIED_GET, (
                f"{route.name} as {role}: {response.status_code}"
            )


def _expected(role: str, which: str, route: Route) -> bool:
    if role == "carol":
        return True
    if role == "lena":
        return which == "A"
    if role == "alice":
        admin_only = ADMIN_ONLY.search(route.name) or route.model_label in ADMIN_ONLY_MODELS
        return which == "A" and not admin_only
    return False  # bob: neither row is his own record; anonymous: nothing


@pytest.mark.parametrize("route", PAGES_WITH_PK, ids=lambda route: route.name)
def test_object_pages(hospital, rows, route):
    row_a, row_b = rows(route.model_label)
    for which, row in (("A", row_a), ("B", row_b)):
        url = route.url(pk=row.pk)
        for role in ROLES:
            response = _client(hospital, role).get(url)
            if role == "anonymous":
                assert _refuses_anonymous(response), f"{url} anonymous: {response.status_code}"
            elif _expected(role, which, route):
                assert response.status_code in (200, 302, 405), (
                    f"{url} as {role} ({which}): {response.status_code}"
                )
                if response.status_code == 302:
                    assert not _redirects_to_login(response)
            else:
                assert response.status_code in DENIED_GET, (
                    f"{url} as {role} ({which}): {response.status_code}"
                )


@pytest.mark.parametrize(
    "route", [r for r in PAGES_WITH_PK if r.changes], ids=lambda route: route.name
)
def test_denied_posts_change_nothing(hospital, rows, route):
    row_a, row_b = rows(route.model_label)
    model = type(row_a)
    for role, row in (
        ("lena", row_b),
        ("alice", row_b),
        ("bob", row_a),
        ("bob", row_b),
        ("anonymous", row_a),
    ):
        before = model._default_manager.filter(pk=row.pk).values().first()
        response = _client(hospital, role).post(route.url(pk=row.pk), {})
        if role == "anonymous":
            assert _refuses_anonymous(response)
        else:
            assert response.status_code in DENIED, (
                f"POST {route.name} as {role}: {response.status_code}"
            )
        assert model._default_manager.filter(pk=row.pk).values().first() == before


def test_audit_entries_are_for_the_party_admin_only(hospital, rows):
    row_a, row_b = rows("orglife.OrgLifeEvent")
    for which, row in (("A", row_a), ("B", row_b)):
        entry = row.history.first()
        url = reverse("core:audit_entry", args=[row._meta.label_lower, entry.history_id])
        assert _client(hospital, "carol").get(url).status_code == 200
        lena = _client(hospital, "lena").get(url).status_code
        assert (lena == 200) if which == "A" else (lena in DENIED), f"lena, entry of {which}"
        for role in ("alice", "bob"):
            assert _client(hospital, role).get(url).status_code in DENIED
        assert _refuses_anonymous(_client(hospital, "anonymous").get(url))


# --- the API -----------------------------------------------------------------------------------------


def api_endpoints():
    from dangjian.api_urls import router

    return [(prefix, viewset) for prefix, viewset, _basename in router.registry]


def _api(hospital, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(getattr(hospital, role))
    return client


def _ids(response) -> set[int]:
    body = response.json()
    results = body["results"] if isinstance(body, dict) and "results" in body else body
    return {item["id"] for item in results}


@pytest.mark.parametrize(
    "prefix,viewset", api_endpoints(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_api_endpoints(hospital, rows, prefix, viewset):
    label = viewset.queryset.model._meta.label
    route = Route(f"api/{prefix}/", f"api:{prefix}", viewset, ("pk",))
    row_a, row_b = rows(label)
    admin_only = label in ADMIN_ONLY_MODELS
    for role in ROLES:
        client = _api(hospital, role)
        listing = client.get(f"/api/{prefix}/")
        if role == "anonymous":
            assert listing.status_code in (401, 403)
            assert client.get(f"/api/{prefix}/{row_a.pk}/").status_code in (401, 403)
            continue
        if listing.status_code in DENIED:
            assert role not in ADMINS and (admin_only or role == "bob"), (
                f"{prefix} list denied to {role}"
            )
        else:
            assert listing.status_code == 200, f"{prefix} list as {role}: {listing.status_code}"
            ids = _ids(listing)
            for which, row in (("A", row_a), ("B", row_b)):
                expected = _expected(role, which, route) and not (admin_only and role not in ADMINS)
                assert (row.pk in ids) == expected, f"{prefix} list as {role}: row {which}"
        for which, row in (("A", row_a), ("B", row_b)):
            expected = _expected(role, which, route) and not (admin_only and role not in ADMINS)
            detail = client.get(f"/api/{prefix}/{row.pk}/")
            assert (detail.status_code == 200) == expected, (
                f"{prefix}/{which} as {role}: {detail.status_code}"
            )
            if not expected:
                assert detail.status_code in DENIED
                before = type(row)._default_manager.filter(pk=row.pk).values().first()
                assert (
                    client.patch(f"/api/{prefix}/{row.pk}/", {}, format="json").status_code
                    in DENIED_WRITE
                )
                assert client.delete(f"/api/{prefix}/{row.pk}/").status_code in DENIED_WRITE
                assert type(row)._default_manager.filter(pk=row.pk).values().first() == before


def test_member_sees_own_record_and_nothing_else(hospital):
    client = _api(hospital, "bob")
    assert _ids(client.get("/api/members/")) == {hospital.bob_member.pk}
    assert client.get(f"/api/members/{hospital.bob_member.pk}/").status_code == 200
    assert (
        client.patch(
            f"/api/members/{hospital.bob_member.pk}/", {"phone": "13800000000"}, format="json"
        ).status_code
        in DENIED
    )
    page = _client(hospital, "bob").get(
        reverse("organizations:member_detail", args=[hospital.bob_member.pk])
    )
    assert page.status_code == 200


def test_schema_and_docs_need_a_login(hospital):
    for url in ("/api/schema/", "/api/docs/"):
        assert _api(hospital, "anonymous").get(url).status_code in (401, 403)
        assert _api(hospital, "bob").get(url).status_code == 200


# --- structural writes: where organisations sit, top-level ones, attendance across branches -------

# (what, role) → the API's answer. "GB" is a 党总支 under the 党委, outside branch A.
STRUCTURAL = {
    # A branch under its own 党小组: a loop, refused to everyone who may write.
    ("A under A1", "carol"): 400,
    ("A under A1", "lena"): 400,
    ("A under A1", "alice"): 400,
    ("A under A1", "bob"): 403,
    # Branch A moved elsewhere: only the admin who reaches the new parent.
    ("A under GB", "carol"): 200,
    ("A under GB", "lena"): 400,
    ("A under GB", "alice"): 400,
    ("A under GB", "bob"): 403,
    # Another branch moved: not even visible to A's people.
    ("B under GB", "carol"): 200,
    ("B under GB", "lena"): 404,
    ("B under GB", "alice"): 404,
    ("B under GB", "bob"): 403,
    # An organisation of one's own moved to the top of the tree.
    ("A1 to the top", "carol"): 200,
    ("A1 to the top", "lena"): 400,
    ("A1 to the top", "alice"): 400,
    ("A1 to the top", "bob"): 403,
    # A new top-level 党委.
    ("new top-level", "carol"): 201,
    ("new top-level", "lena"): 400,
    ("new top-level", "alice"): 400,
    ("new top-level", "bob"): 403,
    # Attendance of a member of B at an event of A, and at an event of B.
    ("B member at A event", "carol"): 400,
    ("B member at A event", "lena"): 400,
    ("B member at A event", "alice"): 400,
    ("B member at A event", "bob"): 403,
    ("B member at B event", "carol"): 201,
    ("B member at B event", "lena"): 400,
    ("B member at B event", "alice"): 400,
    ("B member at B event", "bob"): 403,
}


def _structural_request(hospital, what: str):
    from tests.factories import OrgLifeEventFactory

    if what.startswith(("A under", "B under", "A1 to")):
        org = {"A": hospital.branch_a, "B": hospital.branch_b, "A1": hospital.group_a}[
            what.split()[0]
        ]
        parent = None if what.endswith("top") else what.split()[-1]
        return "patch", f"/api/organizations/{org.pk}/", {"parent": parent}
    if what == "new top-level":
        return (
            "post",
            "/api/organizations/",
            {"code": "TOP", "name": "另一党委", "org_type": "党委"},
        )
    event = OrgLifeEventFactory(
        organization=hospital.branch_a if "A event" in what else hospital.branch_b
    )
    body = {"event": event.code, "member": hospital.erin_member.member_no, "status": "present"}
    return "post", "/api/attendances/", body


def _structure() -> tuple:
    from dangjian.orglife.models import Attendance

    return (
        sorted(Organization.objects.values_list("code", "parent_id", "path", "depth")),
        Attendance.objects.count(),
    )


@pytest.mark.parametrize("what,role", list(STRUCTURAL), ids=lambda value: value)
def test_structural_writes(hospital, what, role):
    from tests.factories import OrganizationFactory

    OrganizationFactory(code="GB", name="总支", org_type="党总支", parent=hospital.committee)
    method, url, body = _structural_request(hospital, what)
    before = _structure()
    response = getattr(_api(hospital, role), method)(url, body, format="json")
    expected = STRUCTURAL[(what, role)]
    assert response.status_code == expected, (what, role, response.status_code, response.content)
    if expected >= 400:
        assert _structure() == before, f"{what} as {role} changed something"
    anonymous = getattr(_api(hospital, "anonymous"), method)(url, body, format="json")
    assert anonymous.status_code in (401, 403)
