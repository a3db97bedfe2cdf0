from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import is_party_admin
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import IntegrityEducationFilterSet, ResponsibilityFilterSet, ViolationFilterSet
from .forms import IntegrityEducationForm, ResponsibilityForm, ViolationForm
from .models import NINE_RULES, IntegrityEducation, Responsibility, Violation


class ResponsibilityListView(LedgerListView):
    model = Responsibility
    filterset_class = ResponsibilityFilterSet
    related = ("organization",)
    create_url_name = "integrity:letter_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("year", sort="year"),
        Column("kind", sort="kind"),
        Column("organization.name", _("责任单位"), sort="organization__path"),
        Column("department", phone=False),
        Column("signer", phone=False),
        Column("signed_on", sort="signed_on"),
    )


class ResponsibilityDetailView(LedgerDetailView):
    model = Responsibility
    related = ("organization",)
    edit_url_name = "integrity:letter_edit"
    delete_url_name = "integrity:letter_delete"
    fields = (
        "code",
        "kind",
        "year",
        "organization",
        "department",
        "issuer_signer",
        "signer",
        "signed_on",
    )


class ResponsibilityCreateView(LedgerCreateView):
    model = Responsibility
    form_class = ResponsibilityForm
    list_url_name = "integrity:letter_list"


class ResponsibilityUpdateView(LedgerUpdateView):
    model = Responsibility
    form_class = ResponsibilityForm


class ResponsibilityDeleteView(LedgerDeleteView):
    model = Responsibility
    list_url_name = "integrity:letter_list"


class IntegrityEducationListView(LedgerListView):
    model = IntegrityEducation
    filterset_class = IntegrityEducationFilterSet
    related = ("organization",)
    create_url_name = "integrity:education_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("date", sort="date"),
        Column("kind", sort="kind"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("topic", link=True),
        Column("participants", phone=False),
    )


class IntegrityEducationDetailView(LedgerDetailView):
    model = IntegrityEducation
    related = ("organization",)
    edit_url_name = "integrity:education_edit"
    delete_url_name = "integrity:education_delete"
    fields = ("code", "kind", "organization", "date", "topic", "participants")


class IntegrityEducationCreateView(LedgerCreateView):
    model = IntegrityEducation
    form_class = IntegrityEducationForm
    list_url_name = "integrity:education_list"


class IntegrityEducationUpdateView(LedgerUpdateView):
    model = IntegrityEducation
    form_class = IntegrityEducationForm


class IntegrityEducationDeleteView(LedgerDeleteView):
    model = IntegrityEducation
    list_url_name = "integrity:education_list"


class AdminOnlyMixin:
    """违纪违规 pages: a 党委管理员 only. Anyone else gets 403 (the queryset is empty for them too)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_party_admin(request.user):
            raise PermissionDenied(_g("违纪违规记录仅党委管理员可以查看。"))
        return super().dispatch(request, *args, **kwargs)


class _CategoriesMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datalists"] = {"violation-categories": NINE_RULES}
        return context


class ViolationListView(AdminOnlyMixin, LedgerListView):
    model = Violation
    filterset_class = ViolationFilterSet
    related = ("organization",)
    create_url_name = "integrity:violation_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("found_on", sort="found_on"),
        Column("organization.name", _("所在组织"), sort="organization__path"),
        Column("person", link=True),
        Column("category", phone=False),
        Column("handled_on", phone=False),
    )


class ViolationDetailView(AdminOnlyMixin, LedgerDetailView):
    model = Violation
    related = ("organization",)
    edit_url_name = "integrity:violation_edit"
    delete_url_name = "integrity:violation_delete"
    fields = (
        "code",
        "organization",
        "person",
        "found_on",
        "category",
        "description",
        "handling",
        "handled_on",
    )


class ViolationCreateView(AdminOnlyMixin, _CategoriesMixin, LedgerCreateView):
    model = Violation
    form_class = ViolationForm
    list_url_name = "integrity:violation_list"


class ViolationUpdateView(AdminOnlyMixin, _CategoriesMixin, LedgerUpdateView):
    model = Violation
    form_class = ViolationForm


class ViolationDeleteView(AdminOnlyMixin, LedgerDeleteView):
    model = Violation
    list_url_name = "integrity:violation_list"
