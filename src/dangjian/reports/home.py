"""Key figures on the home page, read from the figure registry for the user's scope.

党委管理员: the top organisation in scope; 支部书记: their branch; 党员: their own attendance.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from dangjian.core.datacache import cached
from dangjian.core.scoping import is_branch_manager, scope_for

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

HOME_KEYS = (
    "members.total",
    "org.branches",
    "meetings.三会一课",
    "meetings.主题党日",
    "attendance.rate",
    "development.new_probationary",
    "rectification.rate",
    "services.people_served",
)


def home_figures(user: AbstractBaseUser | AnonymousUser, year: int) -> list[dict[str, object]]:
    from dangjian.reports.figures import compute_figures
    from dangjian.reports.views import figure_url, reportable_orgs

    if is_branch_manager(user):
        org = reportable_orgs(user).order_by("depth", "path").first()
        if org is None:
            return []

        def compute() -> list[dict[str, object]]:
            figures = compute_figures(year, org)
            return [
                {
                    "label": f.label,
                    "value": f.display,
                    "unit": f.unit,
                    "url": figure_url(year, org, f.key),
                }
                for f in (figures.get(key) for key in HOME_KEYS)
                if f is not None
            ]

        # Kept until the ledgers change: the whole hospital's figures on every visit cost ~1 s.
        return cached("home_figures", (org.pk, year), compute)
    scope = scope_for(user)
    if scope.member_id is None:
        return []
    from dangjian.orglife.models import Attendance, AttendanceStatus

    attended = (
        Attendance.objects.visible_to(user)
        .filter(member_id=scope.member_id, status=AttendanceStatus.PRESENT, event__date__year=year)
        .count()
    )
    return [
        {
            "label": "本人参加组织生活次数",
            "value": attended,
            "unit": "次",
            "url": reverse("orglife:event_list"),
        }
    ]
