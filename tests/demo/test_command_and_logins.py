"""`dangjian demo` through call_command, and the demo logins."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command

from dangjian.demo.logins import DEMO_LOGINS, describe_logins
from dangjian.organizations.models import Member, Organization, OrgType, Profile, Role

pytestmark = pytest.mark.django_db


def test_command_builds_the_demo_and_prints_the_logins():
    out = StringIO()
    call_command("demo", "--members", "60", "--branches", "4", "--as-of", "2025-06-30", stdout=out)
    assert Member.objects.count() == 60
    assert Organization.objects.filter(org_type=OrgType.BRANCH).count() == 4
    text = out.getvalue()
    assert "已载入演示数据" in text and "逾期未换届" in text
    assert "admin" in text and "Dangjian@2025" in text


def test_command_refuses_a_non_empty_database():
    Organization.objects.create(code="X", name="某党委", org_type=OrgType.PARTY_COMMITTEE)
    with pytest.raises(CommandError, match="只能载入空数据库"):
        call_command("demo", "--members", "60", "--branches", "4", stdout=StringIO())


def test_command_rejects_a_bad_date():
    with pytest.raises(CommandError):
        call_command("demo", "--as-of", "2025-13-01", stdout=StringIO())


def test_logins_work_and_have_their_roles(client):
    call_command(
        "demo", "--members", "60", "--branches", "4", "--as-of", "2025-06-30", stdout=StringIO()
    )
    for login in DEMO_LOGINS:
        if login.only_with_units:
            assert not User.objects.filter(username=login.username).exists()
            continue
        assert client.login(username=login.username, password=login.password), login.username
        user = User.objects.get(username=login.username)
        validate_password(login.password, user)
        assert not user.is_superuser
        client.logout()
    admin = Profile.objects.get(user__username="admin")
    assert admin.role == Role.PARTY_ADMIN and admin.organization is None
    neike = Profile.objects.get(user__username="neike")
    assert neike.role == Role.BRANCH_SECRETARY and neike.organization.name == "内科党支部"
    assert neike.member.party_post == "书记" and neike.member.organization == neike.organization
    member = Profile.objects.get(user__username="dangyuan")
    assert member.role == Role.MEMBER and member.organization is None
    assert (
        member.member.organization.branch() == neike.organization and member.member.party_post == ""
    )
    text = describe_logins()
    for username in ("admin", "neike", "dangyuan"):
        assert username in text
    assert "weijianju" not in text and "Dangjian@2025" in text and "支部书记" in text
    response = client.get("/")
    assert response.status_code in (200, 302)


def test_describe_logins_without_demo():
    assert "没有演示账号" in describe_logins()
