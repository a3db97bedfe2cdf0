import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.dates import parse_month
from dangjian.core.scoping import CHANGE, VIEW, scope_for
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerListView,
    LedgerUpdateView,
)
from dangjian.organizations.models import Member, Organization, OrgType

from . import services
from .filters import DuesBaseFilterSet
from .forms import DuesBaseForm, PaymentForm
from .models import DuesBase

BRANCH_TYPES = (OrgType.BRANCH, OrgType.GENERAL_BRANCH)


def _month(value: str | None) -> dt.date:
    return parse_month(value) or services.first_of_month(services.today())


def _branches(user):
    return (
        Organization.objects.visible_to(user, VIEW)
        .filter(org_type__in=BRANCH_TYPES)
        .order_by("path")
    )


def _selected_org(request, branches):
    """The branch asked for (in the user's scope), else the secretary's own, else none (all)."""
    wanted = request.GET.get("org") or request.POST.get("org")
    if wanted:
        try:
            return Organization.objects.visible_to(request.user, VIEW).get(pk=int(wanted))
        except (ValueError, Organization.DoesNotExist):
            raise Http404 from None
    from dangjian.web.workspace import secretary_branch

    own = secretary_branch(request.user)
    if own is not None:
        return own
    return None


def _members(user, org):
    members = Member.objects.visible_to(user, VIEW)
    if org is not None:
        members = members.filter(organization__path__startswith=org.path)
    return members


@login_required
def ledger(request):
    """党费台账: one branch, one month — who has paid, the year's months, and recording a payment."""
    branches = list(_branches(request.user))
    org = _selected_org(request, branches)
    month = _month(request.GET.get("month"))
    as_of = services.today()
    rows = services.month_ledger(_members(request.user, org), month, as_of)
    can_change = scope_for(request.user).can_change
    changeable = (
        set(
            Member.objects.visible_to(request.user, CHANGE)
            .filter(pk__in=[r.member.pk for r in rows])
            .values_list("pk", flat=True)
        )
        if can_change
        else set()
    )
    previous = rules.add_months(month, -1)
    following = rules.add_months(month, 1)
    return render(
        request,
        "dues/ledger.html",
        {
            "title": _g("党费台账"),
            "rows": rows,
            "month": month,
            "org": org,
            "branches": branches,
            "changeable": changeable,
            "today": as_of,
            "months": list(range(1, 13)),
            "previous": previous,
            "following": following,
            "paid_count": sum(1 for r in rows if r.is_paid),
            "document": services.DOCUMENT,
        },
    )


@login_required
def pay(request):
    """Record one member's dues for one month (POST from the ledger page)."""
    if request.method != "POST":
        return redirect("dues:ledger")
    form = PaymentForm(request.POST)
    back = reverse("dues:ledger")
    if not form.is_valid():
        messages.error(
            request,
            _g("交纳记录有误：")
            + "；".join(
                f"{form.fields[name].label}：{' '.join(errors)}"
                for name, errors in form.errors.items()
            ),
        )
        return redirect(back)
    data = form.cleaned_data
    member = get_object_or_404(Member.objects.visible_to(request.user, CHANGE), pk=data["member"])
    query = f"?month={data['month']:%Y-%m}"
    if request.POST.get("org"):
        query += f"&org={int(request.POST['org'])}"
    try:
        payment = services.record_payment(
            member=member,
            month=data["month"],
            paid_on=data["paid_on"],
            amount_paid=data["amount_paid"],
        )
    except services.PaymentRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _g("已记录：%(member)s %(month)s 党费 %(amount)s 元")
            % {
                "member": member.name,
                "month": f"{payment.month:%Y-%m}",
                "amount": payment.amount_paid,
            },
        )
    return redirect(back + query)


@login_required
def arrears(request):
    """欠缴党费: members with consecutive unpaid months, by branch (``rules.unpaid_months``)."""
    branches = list(_branches(request.user))
    org = _selected_org(request, branches)
    as_of = services.today()
    visible = _members(request.user, org)
    orgs = Organization.objects.filter(pk__in=visible.values("organization_id"))
    rows = services.arrears(orgs, as_of)
    visible_ids = set(visible.values_list("pk", flat=True))
    rows = [row for row in rows if row.member.pk in visible_ids]
    return render(
        request,
        "dues/arrears.html",
        {
            "title": _g("欠缴党费"),
            "rows": rows,
            "org": org,
            "branches": branches,
            "today": as_of,
            "document": services.DOCUMENT,
        },
    )


class DuesBaseListView(LedgerListView):
    model = DuesBase
    filterset_class = DuesBaseFilterSet
    related = ("member", "member__organization")
    create_url_name = "dues:base_create"
    columns = (
        Column("member.name", _("姓名"), link=True),
        Column("member.organization.name", _("所在组织"), sort="member__organization__path"),
        Column("year", sort="year"),
        Column("category", sort="category"),
        Column("monthly_income", phone=False),
        Column("monthly_dues", _("每月应交（元）")),
    )


class DuesBaseCreateView(LedgerCreateView):
    model = DuesBase
    form_class = DuesBaseForm
    list_url_name = "dues:base_list"

    def get_initial(self):
        initial = super().get_initial()
        initial.pop("organization", None)
        initial.setdefault("year", services.today().year)
        return initial

    def get_success_url(self):
        return reverse("dues:base_list")


class DuesBaseUpdateView(LedgerUpdateView):
    model = DuesBase
    form_class = DuesBaseForm

    def get_success_url(self):
        return reverse("dues:base_list")


class DuesBaseDeleteView(LedgerDeleteView):
    model = DuesBase
    list_url_name = "dues:base_list"
