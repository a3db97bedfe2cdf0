"""Work hoisted out of per-row loops gives the same output: choice labels in list cells, the
navigation links, the organisation tree's links and type labels."""

from django.urls import reverse
from django.utils import translation

from dangjian.core.templatetags.ledger import cell
from dangjian.organizations.models import Organization
from dangjian.orglife.models import EventType, OrgLifeEvent
from dangjian.web.context_processors import NAVIGATION
from tests.factories import OrgLifeEventFactory


def test_choice_cells_equal_get_display_in_every_language(hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for value in [*EventType.values, "不是选项"]:
                event.event_type = value
                assert cell(event, "event_type") == event.get_event_type_display()
            assert cell(event, "organization.org_type") == hospital.branch_a.get_org_type_display()
            assert cell(event, "organization.name") == "内科党支部"


def test_a_model_defining_its_own_display_method_is_respected(hospital, monkeypatch):
    event = OrgLifeEventFactory(organization=hospital.branch_a)

    class Custom(OrgLifeEvent):
        class Meta:
            proxy = True
            app_label = "orglife"

        def get_event_type_display(self):
            return "自定义"

    event.__class__ = Custom
    assert cell(event, "event_type") == "自定义"


def test_navigation_links_are_the_reversed_names(hospital, client):
    client.force_login(hospital.carol)
    page = client.get("/").content.decode()
    for name, label, _who in NAVIGATION:
        assert f'<a href="{reverse(name)}">{label}</a>' in page
    client.force_login(hospital.bob)
    page = client.get("/").content.decode()
    assert reverse("web:dashboard") not in page.split("mainnav", 1)[1].split("</nav>", 1)[0]


def test_tree_rows_link_and_label_as_the_model_does(hospital, client):
    client.force_login(hospital.carol)
    page = client.get("/organizations/").content.decode()
    for org in Organization.objects.all():
        assert (
            f'<a href="{org.get_absolute_url()}">{org.name}</a>\n'
            f'    <span class="tag">{org.get_org_type_display()}</span>'
        ) in page
