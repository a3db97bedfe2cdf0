"""The project's forms render through Django's Jinja2 form renderer (several times faster for a
select of every organisation) and produce the same markup as Django's template renderer."""

import re

from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory

from dangjian.core.rendering import FORM_RENDERER
from dangjian.orglife.filters import OrgLifeEventFilterSet
from dangjian.orglife.forms import OrgLifeEventForm
from tests.factories import OrgLifeEventFactory


def _same_markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_ledger_form_and_filter_form_render_as_with_django_templates(hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    form = OrgLifeEventForm(instance=event, user=hospital.carol)
    request = RequestFactory().get("/orglife/", {"organization": hospital.branch_a.pk})
    request.user = hospital.carol
    filters = OrgLifeEventFilterSet(
        request.GET, queryset=type(event).objects.all(), request=request
    )

    for bound in (form, filters.form):
        assert bound.renderer is FORM_RENDERER
        fast = str(bound)
        bound.renderer = DjangoTemplates()
        assert _same_markup(fast) == _same_markup(str(bound))
    assert "内科党支部" in fast and "selected" in fast
