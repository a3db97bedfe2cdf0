import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import is_party_admin, scope_for

# The main navigation: (URL name, label, who sees it). "admin" = 党委管理员, "branch" = a
# secretary or admin, "any" = every logged-in user.
NAVIGATION = (
    ("web:home", _("首页"), "any"),
    ("organizations:tree", _("组织架构"), "branch"),
    ("web:dashboard", _("数据看板"), "branch"),
    ("organizations:member_list", _("党员"), "any"),
    ("orglife:event_list", _("组织生活"), "any"),
    ("orglife:calendar", _("日历"), "any"),
    ("compliance:due", _("待办提醒"), "any"),
    ("compliance:calendar", _("合规日历"), "branch"),
    ("compliance:rules", _("规则设置"), "branch"),
    ("development:case_list", _("发展党员"), "branch"),
    ("problems:problem_list", _("查摆问题"), "branch"),
    ("rectification:item_list", _("整改台账"), "branch"),
    ("workplans:item_list", _("工作要点"), "branch"),
    ("decisions:decision_list", _("三重一大"), "branch"),
    ("dues:ledger", _("党费"), "any"),
    ("implementation:instruction_list", _("贯彻落实"), "branch"),
    ("integrity:letter_list", _("廉政责任书"), "branch"),
    ("integrity:education_list", _("警示教育"), "branch"),
    ("integrity:violation_list", _("违纪违规"), "admin"),
    ("outreach:activity_list", _("服务活动"), "branch"),
    ("outreach:participation_list", _("服务活动参与"), "branch"),
    ("transfers:transfer_list", _("关系转接"), "branch"),
    ("recognition:honour_list", _("表彰"), "branch"),
    ("recognition:brand_list", _("党建品牌"), "branch"),
    ("recognition:cultivation_list", _("双培养"), "branch"),
    ("indicators:value_list", _("党建+业务指标"), "branch"),
    ("indicators:opinion_list", _("舆情"), "branch"),
    ("evaluations:member_evaluation_list", _("评议考核"), "branch"),
    ("evaluations:ethics_record_list", _("医德档案"), "branch"),
    ("evaluations:points_summary", _("党员积分"), "any"),
    ("reports:annual", _("年度报告"), "branch"),
    ("factcheck:check", _("报告核对"), "branch"),
    ("workbook:import", _("台账导入"), "admin"),
    ("core:audit_log", _("审计日志"), "admin"),
)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    scope = scope_for(user)
    is_admin = scope.can_change and is_party_admin(user)
    is_branch = scope.can_change
    return {"navigation": _links(is_branch, is_admin), "is_party_admin": is_admin}


def _links(is_branch: bool, is_admin: bool) -> list[tuple[str, str]]:
    return list(_links_for(is_branch, is_admin, get_urlconf(), get_script_prefix(), get_language()))


# The links depend only on the role, the URL configuration, the script prefix and the language:
# reversed and translated once, not 60 ``reverse`` and 30 ``gettext`` calls on every page.
@functools.lru_cache(maxsize=64)
def _links_for(is_branch: bool, is_admin: bool, _urlconf, _prefix: str, _language: str | None):
    allowed = {"any": True, "branch": is_branch, "admin": is_admin}
    return tuple(
        (url, str(label)) for name, label, who in NAVIGATION if allowed[who] and (url := _url(name))
    )


@receiver(setting_changed)
def _forget_links(**kwargs) -> None:  # a test's override_settings(ROOT_URLCONF=...) and the like
    _links_for.cache_clear()


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # an app whose pages are not installed
        return ""
