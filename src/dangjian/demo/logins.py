"""The demo accounts: defined here and nowhere else; created by ``build_demo``.

``describe_logins()`` is printed by ``dangjian serve`` and ``dangjian demo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from dangjian.organizations.models import Role

# One password for all demo accounts: 13 characters, upper + lower case, digits and a symbol.
DEMO_PASSWORD = "Dangjian@2025"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    title: str
    # Which part of the demo hospital the account is attached to (resolved by build_demo):
    # "all" — every organisation; "neike" — the 内科 branch and its secretary;
    # "neike_member" — an ordinary member of the 内科 branch; "bureau" — the 卫健局 党委.
    target: str
    only_with_units: bool = False


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("admin", DEMO_PASSWORD, Role.PARTY_ADMIN, "党委管理员（党办）", "all"),
    DemoLogin("neike", DEMO_PASSWORD, Role.BRANCH_SECRETARY, "支部书记", "neike"),
    DemoLogin("dangyuan", DEMO_PASSWORD, Role.MEMBER, "普通党员", "neike_member"),
    DemoLogin(
        "weijianju",
        DEMO_PASSWORD,
        Role.PARTY_ADMIN,
        "卫健局党委管理员",
        "bureau",
        only_with_units=True,
    ),
)

_SCOPES = {
    "all": "可查看、维护全部党组织的台账",
    "neike": "可查看、维护本支部（含党小组）的台账",
    "neike_member": "只能查看与本人有关的记录",
    "bureau": "可查看、维护卫健局党委及所属各医院党委的台账",
}


def describe_logins() -> str:
    """Chinese text listing the demo accounts present in the database, with passwords and roles.

    Accounts not in the database (no demo loaded, or ``weijianju`` with a single hospital) are
    left out; if the database cannot be read, every definition is listed.
    """
    from django.contrib.auth.models import User

    try:
        users = {
            user.username: user
            for user in User.objects.filter(
                username__in=[login.username for login in DEMO_LOGINS]
            ).select_related("profile__organization", "profile__member__organization__parent")
        }
    except Exception:
        users = None
    logins = [login for login in DEMO_LOGINS if users is None or login.username in users]
    if not logins:
        return "数据库中没有演示账号（未载入演示数据）。"
    lines = ["演示账号（用户名 / 密码 / 角色 / 权限）："]
    for login in logins:
        where = ""
        user = users.get(login.username) if users else None
        profile = getattr(user, "profile", None) if user else None
        if profile is not None:
            parts = []
            if profile.organization is not None:
                parts.append(profile.organization.name)
            elif profile.member is not None:
                parts.append(profile.member.organization.branch().name)
            if profile.member is not None:
                parts.append(profile.member.name)
            where = f"（{'，'.join(parts)}）" if parts else ""
        note = "（仅在 --units 大于 1 时创建）" if users is None and login.only_with_units else ""
        lines.append(
            f"  {login.username:<10} {login.password:<14} {login.title}{where}：{_SCOPES[login.target]}{note}"
        )
    lines.append("演示账号仅供体验；正式使用前请删除或修改密码。")
    return "\n".join(lines)
