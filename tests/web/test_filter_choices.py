"""List filters' organisation select: options kept per data version render exactly as Django's
own, stay within the user's scope, follow changes at the next request, and a submitted value is
still validated against the scope."""

import re

from django.test import RequestFactory

from dangjian.core.filters import CachedModelChoiceIterator, use_cached_choices
from dangjian.core.rendering import FORM_RENDERER
from dangjian.organizations.filters import MemberFilterSet
from dangjian.organizations.models import Member
from dangjian.orglife.filters import OrgLifeEventFilterSet
from dangjian.orglife.models import OrgLifeEvent
from tests.factories import OrganizationFactory


def _forms(user, filterset_class, model, params):
    request = RequestFactory().get("/", params)
    request.user = user
    plain = filterset_class(request.GET, queryset=model.objects.all(), request=request).form
    fast = filterset_class(request.GET, queryset=model.objects.all(), request=request).form
    use_cached_choices(fast)
    assert isinstance(fast.fields["organization"].widget.choices, CachedModelChoiceIterator)
    return plain, fast


def _select(html: str) -> str:
    return re.search(r"<select name=\"organization\".*?</select>", html, re.S).group(0)


def test_same_markup_as_djangos_choices_and_scoped_for_a_secretary(hospital):
    for user in (hospital.carol, hospital.alice):
        for filterset_class, model in (
            (OrgLifeEventFilterSet, OrgLifeEvent),
            (MemberFilterSet, Member),
        ):
            for params in ({}, {"organization": hospital.branch_a.pk}):
                plain, fast = _forms(user, filterset_class, model, params)
                assert str(fast["organization"]) == str(plain["organization"])
                assert str(fast["organization"]) == str(fast["organization"]), "from the cache"
    _plain, fast = _forms(hospital.alice, OrgLifeEventFilterSet, OrgLifeEvent, {})
    select = str(fast["organization"])
    assert "内科党支部" in select and "内科第一党小组" in select
    assert "外科党支部" not in select and "县人民医院党委" not in select


def test_a_value_outside_the_scope_is_refused(hospital):
    _plain, fast = _forms(
        hospital.alice, OrgLifeEventFilterSet, OrgLifeEvent, {"organization": hospital.branch_b.pk}
    )
    assert not fast.is_valid()
    assert "organization" in fast.errors
    _plain, fast = _forms(
        hospital.alice, OrgLifeEventFilterSet, OrgLifeEvent, {"organization": hospital.group_a.pk}
    )
    assert fast.is_valid()
    assert fast.cleaned_data["organization"] == hospital.group_a


def test_list_pages_show_a_new_organisation_at_the_next_request(hospital, client):
    client.force_login(hospital.carol)
    for url in ("/orglife/", "/organizations/members/"):
        assert "儿科党支部" not in _select(client.get(url).content.decode())
    OrganizationFactory(code="C", name="儿科党支部", parent=hospital.committee)
    for url in ("/orglife/", "/organizations/members/"):
        assert "儿科党支部" in _select(client.get(url).content.decode())
    client.force_login(hospital.alice)
    assert "儿科党支部" not in _select(client.get("/orglife/").content.decode())


def test_list_page_refuses_an_organisation_outside_the_scope(hospital, client):
    client.force_login(hospital.alice)
    page = client.get("/orglife/", {"organization": hospital.branch_b.pk}).content.decode()
    assert 'class="errors"' in page


def test_list_pages_render_the_filters_as_djangos_own_choices(hospital, client):
    client.force_login(hospital.carol)
    page = client.get(
        "/organizations/members/", {"organization": hospital.branch_a.pk}
    ).content.decode()
    request = RequestFactory().get("/", {"organization": hospital.branch_a.pk})
    request.user = hospital.carol
    form = MemberFilterSet(request.GET, queryset=Member.objects.all(), request=request).form
    for name in ("q", "organization", "category"):
        assert str(form[name]) in page
    page = client.get("/orglife/", {"organization": hospital.group_a.pk}).content.decode()
    request = RequestFactory().get("/", {"organization": hospital.group_a.pk})
    request.user = hospital.carol
    form = OrgLifeEventFilterSet(
        request.GET, queryset=OrgLifeEvent.objects.all(), request=request
    ).form
    assert form.renderer is FORM_RENDERER
    for name in form.fields:
        assert str(form[name]) in page
