from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import MemberFilterSet
from .models import Member, Organization


@login_required
def organization_tree(request):
    organizations = list(
        Organization.objects.visible_to(request.user).order_by("path")
    )
    from django.db.models import Count

    counts = dict(
        Member.objects.visible_to(request.user)
        .values_list("organization")
        .annotate(n=Count("pk"))
        .values_list("organization", "n")
    )
    top_depth = min((org.depth for org in organizations), default=0)
    rows = [
        {"org": org, "indent": org.depth - top_depth, "members": counts.get(org.pk, 0)}
        for org in organizations
    ]
    return render(request, "organizations/tree.html", {"rows": rows, "title": _("组织架构")})


class MemberListView(LedgerListView):
    model = Member
    filterset_class = MemberFilterSet
    related = ("organization",)
    columns = (
        Column("member_no", link=True),
        Column("name", link=True),
        Column("organization.name", _("所在组织")),
        Column("category"),
        Column("gender"),
        Column("department"),
        Column("party_post"),
        Column("id_number_masked", _("身份证号")),
        Column("phone_masked", _("手机号")),
    )


class MemberDetailView(LedgerDetailView):
    model = Member
    related = ("organization",)
    fields = (
        "member_no", "name", "organization", "category", "gender", "birth_date",
        "id_number_masked", "joined_on", "full_member_on", "department", "admin_post", "title",
        "party_post", "phone_masked", "employment_status", "is_dual_leader",
    )


class OrganizationDetailView(LedgerDetailView):
    model = Organization
    related = ("parent",)
    fields = (
        "code", "name", "org_type", "parent", "founded_on", "last_election_on",
        "effective_term_years",
    )
