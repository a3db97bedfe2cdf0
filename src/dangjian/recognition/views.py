from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import DualCultivationFilterSet, HonourFilterSet, PartyBrandFilterSet
from .forms import DualCultivationForm, HonourForm, PartyBrandForm
from .models import DualCultivation, Honour, PartyBrand


class HonourListView(LedgerListView):
    model = Honour
    filterset_class = HonourFilterSet
    related = ("organization", "member")
    create_url_name = "recognition:honour_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("year", sort="year"),
        Column("kind", sort="kind"),
        Column("level", sort="level"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("member.name", _("受表彰党员")),
        Column("title", phone=False),
    )


class HonourDetailView(LedgerDetailView):
    model = Honour
    related = ("organization", "member")
    edit_url_name = "recognition:honour_edit"
    delete_url_name = "recognition:honour_delete"
    fields = (
        "code",
        "kind",
        "year",
        "level",
        "organization",
        "member",
        "title",
        "awarded_by",
        "note",
    )


class HonourCreateView(LedgerCreateView):
    model = Honour
    form_class = HonourForm
    list_url_name = "recognition:honour_list"


class HonourUpdateView(LedgerUpdateView):
    model = Honour
    form_class = HonourForm


class HonourDeleteView(LedgerDeleteView):
    model = Honour
    list_url_name = "recognition:honour_list"


class PartyBrandListView(LedgerListView):
    model = PartyBrand
    filterset_class = PartyBrandFilterSet
    related = ("organization",)
    create_url_name = "recognition:brand_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("kind", sort="kind"),
        Column("name", link=True, sort="name"),
        Column("organization.name", _("党支部"), sort="organization__path"),
        Column("year", sort="year"),
        Column("level", phone=False),
    )


class PartyBrandDetailView(LedgerDetailView):
    model = PartyBrand
    related = ("organization",)
    edit_url_name = "recognition:brand_edit"
    delete_url_name = "recognition:brand_delete"
    fields = ("code", "kind", "organization", "name", "year", "level", "description")


class PartyBrandCreateView(LedgerCreateView):
    model = PartyBrand
    form_class = PartyBrandForm
    list_url_name = "recognition:brand_list"


class PartyBrandUpdateView(LedgerUpdateView):
    model = PartyBrand
    form_class = PartyBrandForm


class PartyBrandDeleteView(LedgerDeleteView):
    model = PartyBrand
    list_url_name = "recognition:brand_list"


class DualCultivationListView(LedgerListView):
    model = DualCultivation
    filterset_class = DualCultivationFilterSet
    related = ("member", "member__organization")
    create_url_name = "recognition:cultivation_create"
    columns = (
        Column("member.name", _("党员"), link=True, sort="member__member_no"),
        Column("member.organization.name", _("所在组织"), sort="member__organization__path"),
        Column("kind", sort="kind"),
        Column("date", sort="date"),
        Column("note", phone=False),
    )


class DualCultivationDetailView(LedgerDetailView):
    model = DualCultivation
    related = ("member",)
    edit_url_name = "recognition:cultivation_edit"
    delete_url_name = "recognition:cultivation_delete"
    fields = ("member", "kind", "date", "note")


class DualCultivationCreateView(LedgerCreateView):
    model = DualCultivation
    form_class = DualCultivationForm
    list_url_name = "recognition:cultivation_list"

    def get_initial(self):
        initial = super().get_initial()
        initial.pop("organization", None)
        return initial


class DualCultivationUpdateView(LedgerUpdateView):
    model = DualCultivation
    form_class = DualCultivationForm


class DualCultivationDeleteView(LedgerDeleteView):
    model = DualCultivation
    list_url_name = "recognition:cultivation_list"
