from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.choices import choice_label
from dangjian.core.scoping import scope_for
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import MemberFilterSet
from .forms import ElectionFilterForm, MemberForm, OrganizationForm
from .models import Member, Organization
from .services import election_rows


@login_required
def organization_tree(request):
    organizations = list(Organization.objects.visible_to(request.user).order_by("path"))
    counts = dict(
        Member.objects.visible_to(request.user)
        .values_list("organization")
        .annotate(n=Count("pk"))
        .values_list("organization", "n")
    )
    top_depth = min((org.depth for org in organizations), default=0)
    # Per page, not per row: the detail links (one reverse() per organisation).
    org_type = Organization._meta.get_field("org_type")
    url_of = _detail_urls(organizations)
    rows = [
        {
            "org": org,
            "indent": org.depth - top_depth,
            "members": counts.get(org.pk, 0),
            "url": url_of(org),
            "type_label": choice_label(org_type, org.org_type),
        }
        for org in organizations
    ]
    return render(
        request,
        "organizations/tree.html",
        {
            "rows": rows,
            "title": _("组织架构"),
            "can_add": scope_for(request.user).can_change,
        },
    )


def _detail_urls(organizations):
    """``org.get_absolute_url`` for each organisation, from one reverse() when the URL is the
    pattern with the primary key in it (checked on the first organisation)."""
    from django.urls import reverse

    marker = 2147483647
    pattern = reverse("organizations:organization_detail", args=[marker])
    prefix, _sep, suffix = pattern.partition(str(marker))

    def fast(org):
        return f"{prefix}{org.pk}{suffix}"

    if organizations and fast(organizations[0]) == organizations[0].get_absolute_url():
        return fast
    return lambda org: org.get_absolute_url()


@login_required
def elections(request):
    """换届: every organisation's term end and status, filterable by status."""
    form = ElectionFilterForm(request.GET or None)
    wanted = form.cleaned_data["due"] if form.is_valid() else ""
    organizations = Organization.objects.visible_to(request.user).order_by("path")
    rows = election_rows(organizations, on=clock.today())
    if wanted:
        rows = [row for row in rows if row.state == wanted]
    return render(
        request,
        "organizations/elections.html",
        {
            "title": _("换届情况"),
            "rows": rows,
            "form": form,
        },
    )


class MemberListView(LedgerListView):
    model = Member
    filterset_class = MemberFilterSet
    related = ("organization",)
    create_url_name = "organizations:member_create"
    columns = (
        Column("member_no", link=True, sort="member_no"),
        Column("name", link=True, sort="name_initials"),
        Column("organization.name", _("所在组织"), sort="organization__path"),
        Column("category", sort="category"),
        Column("gender", phone=False),
        Column("department", sort="department"),
        Column("party_post", phone=False),
        Column("joined_on", sort="joined_on", phone=False),
        Column("id_number_masked", _("身份证号"), phone=False),
        Column("phone_masked", _("手机号"), phone=False),
    )


class MemberDetailView(LedgerDetailView):
    model = Member
    related = ("organization",)
    template_name = "organizations/member_detail.html"
    edit_url_name = "organizations:member_edit"
    delete_url_name = "organizations:member_delete"
    fields = (
        "member_no",
        "name",
        "organization",
        "category",
        "gender",
        "birth_date",
        "id_number_masked",
        "joined_on",
        "full_member_on",
        "department",
        "admin_post",
        "title",
        "party_post",
        "phone_masked",
        "employment_status",
        "is_dual_leader",
    )

    def get_context_data(self, **kwargs):
        from dangjian.web.workspace import member_record

        context = super().get_context_data(**kwargs)
        context["record"] = member_record(
            self.object, year=clock.today().year, user=self.request.user
        )
        return context


class MemberCreateView(LedgerCreateView):
    model = Member
    form_class = MemberForm
    list_url_name = "organizations:member_list"


class MemberUpdateView(LedgerUpdateView):
    model = Member
    form_class = MemberForm


class MemberDeleteView(LedgerDeleteView):
    model = Member
    list_url_name = "organizations:member_list"


class OrganizationDetailView(LedgerDetailView):
    model = Organization
    related = ("parent",)
    template_name = "organizations/organization_detail.html"
    edit_url_name = "organizations:organization_edit"
    delete_url_name = "organizations:organization_delete"
    fields = (
        "code",
        "name",
        "org_type",
        "parent",
        "founded_on",
        "last_election_on",
        Column("effective_term_years", _("届期年数")),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = election_rows([self.object], on=clock.today())
        context["election"] = rows[0] if rows else None
        context["member_count"] = (
            Member.objects.visible_to(self.request.user)
            .filter(organization__path__startswith=self.object.path)
            .count()
        )
        return context


class OrganizationCreateView(LedgerCreateView):
    model = Organization
    form_class = OrganizationForm
    list_url_name = "organizations:tree"


class OrganizationUpdateView(LedgerUpdateView):
    model = Organization
    form_class = OrganizationForm


class OrganizationDeleteView(LedgerDeleteView):
    model = Organization
    list_url_name = "organizations:tree"
